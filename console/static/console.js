// Agent inbox. Every text from users, the bot or the catalog is set with textContent,
// never parsed as HTML. The token lives in sessionStorage (gone when the tab closes).
"use strict";

const $ = (id) => document.getElementById(id);
let selected = null;

function token() { return sessionStorage.getItem("consoleToken") || ""; }
function agent() { return sessionStorage.getItem("consoleAgent") || ""; }

function status(text, isError) {
  $("status").textContent = text;
  $("status").className = isError ? "error" : "";
}

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: { "Authorization": "Bearer " + token(), "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({ error: "HTTP " + response.status }));
  if (!response.ok) {
    throw new Error(data.error || "HTTP " + response.status);
  }
  return data;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function when(ts) { return ts ? new Date(ts * 1000).toLocaleTimeString() : ""; }

async function refreshInbox() {
  if (!token()) return;
  try {
    const data = await api("GET", "/api/tickets");
    const list = $("tickets");
    list.replaceChildren();
    for (const t of data.tickets) {
      const item = el("li", t.ticket_id === selected ? "selected" : "");
      item.append(el("div", "who", t.sender_id));
      item.append(el("div", "meta", `${t.status}${t.claimed_by ? " by " + t.claimed_by : ""} · ${t.reason} · ${t.channel} · ${when(t.created_at)}`));
      item.append(el("div", "", t.last_user_message));
      item.addEventListener("click", () => { selected = t.ticket_id; showTicket(); });
      list.append(item);
    }
    if (!data.tickets.length) list.append(el("li", "meta", "No one is waiting."));
    status(`signed in as ${agent()}`);
  } catch (err) {
    status(err.message, true);
  }
}

function addMessage(list, role, text, ts, who) {
  const item = el("li", role);
  item.append(el("span", "role", `${who || role} ${when(ts)}`));
  item.append(document.createTextNode(text));
  list.append(item);
}

async function showTicket() {
  if (!selected) return;
  try {
    const t = await api("GET", "/api/tickets/" + encodeURIComponent(selected));
    $("detail").hidden = false;
    $("detail-title").textContent = t.sender_id;
    $("detail-meta").textContent = `${t.status}${t.claimed_by ? " by " + t.claimed_by : ""} · reason: ${t.reason} · channel: ${t.channel}` + (t.live_error ? ` · live transcript unavailable: ${t.live_error}` : "");
    const list = $("transcript");
    list.replaceChildren();
    for (const m of t.transcript) addMessage(list, m.role, m.text, m.ts);
    for (const m of t.live || []) addMessage(list, m.role, m.text, m.ts, m.agent);
    if (!t.live) for (const m of t.messages) addMessage(list, "agent", m.text, m.ts, m.agent);
    $("slots").textContent = JSON.stringify(t.slots, null, 2);
    $("profile").textContent = t.profile ? JSON.stringify(t.profile, null, 2) : `unavailable (${t.profile_error || "unknown"})`;
    const mine = t.status === "claimed" && t.claimed_by === agent();
    $("claim").disabled = t.status !== "waiting";
    $("reply-form").querySelector("button").disabled = !mine;
    $("resume").disabled = t.status === "closed" || t.status === "expired" || (t.status === "claimed" && !mine);
  } catch (err) {
    status(err.message, true);
  }
}

async function act(method, suffix, body) {
  try {
    await api(method, "/api/tickets/" + encodeURIComponent(selected) + suffix, body);
    await showTicket();
    await refreshInbox();
    return true;
  } catch (err) {
    status(err.message, true);
    return false;
  }
}

$("login").addEventListener("submit", (event) => {
  event.preventDefault();
  sessionStorage.setItem("consoleToken", $("token").value.trim());
  sessionStorage.setItem("consoleAgent", $("agent").value.trim());
  $("token").value = "";
  refreshInbox();
});
$("claim").addEventListener("click", () => act("POST", "/claim", { agent: agent() }));
$("resume").addEventListener("click", () => act("POST", "/resume", { agent: agent() }));
$("reply-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const text = $("reply").value.trim();
  if (text && await act("POST", "/reply", { agent: agent(), text })) $("reply").value = "";
});

$("agent").value = agent();
refreshInbox();
setInterval(() => { refreshInbox(); if (selected) showTicket(); }, 5000);
