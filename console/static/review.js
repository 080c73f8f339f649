// Conversation review: a filterable list, the conversation turn by turn, the review form,
// the intent picker (two clicks: open the list, pick the intent; it is saved at once) and
// the exports. Every text from users, the bot or the catalog is set with textContent.
"use strict";

let selected = null;
let cursor = null;
let intents = [];

function dayStart(value, end) {
  if (!value) return "";
  return String(Date.parse(value + "T00:00:00Z") / 1000 + (end ? 86400 : 0));
}

function query() {
  const q = new URLSearchParams();
  const set = (k, v) => { if (v !== "" && v !== null && v !== undefined) q.set(k, v); };
  set("since", dayStart($("f-since").value, false));
  set("until", dayStart($("f-until").value, true));
  set("channel", $("f-channel").value.trim());
  set("intent", $("f-intent").value.trim());
  set("max_confidence", $("f-conf").value);
  if ($("f-fallback").checked) q.set("fallback", "true");
  if ($("f-handoff").checked) q.set("handoff", "true");
  if ($("f-negative").checked) q.set("feedback", "negative");
  set("reviewed", $("f-reviewed").value);
  set("tag", $("f-tag").value.trim());
  set("q", $("f-q").value.trim());
  return q;
}

function badges(c) {
  const box = el("div");
  if (c.fallback) box.append(el("span", "badge bad", "fallback"));
  if (c.handoff) box.append(el("span", "badge bad", "handoff"));
  if (c.negative_feedback) box.append(el("span", "badge bad", "thumbs down"));
  if (c.reviewed) box.append(el("span", "badge ok", "reviewed"));
  for (const t of c.tags || []) box.append(el("span", "badge", t));
  return box;
}

async function loadList(append) {
  try {
    const q = query();
    if (append && cursor) q.set("cursor", cursor);
    const data = await api("GET", "/api/conversations?" + q.toString());
    const list = $("conversations");
    if (!append) list.replaceChildren();
    for (const c of data.conversations) {
      const item = el("li", c.sender_id === selected ? "selected" : "");
      item.dataset.sender = c.sender_id;
      item.append(el("div", "", c.first_message || "(no text)"));
      const conf = c.min_confidence === null ? "—" : c.min_confidence.toFixed(2);
      item.append(el("div", "meta", `${c.sender_id} · ${c.channel || "?"} · ${c.user_turns} messages · lowest confidence ${conf} · ${when(c.last)}`));
      item.append(badges(c));
      item.addEventListener("click", () => { selected = c.sender_id; showConversation(); });
      list.append(item);
    }
    if (!list.children.length) list.append(el("li", "meta", "No conversation matches."));
    cursor = data.next_cursor;
    $("more").hidden = !cursor;
    $("matched").textContent = `${data.matched} conversations`;
    status(`signed in as ${agent()}`);
  } catch (err) {
    status(err.message, true);
  }
}

function intentPicker(turn) {
  const select = el("select");
  select.setAttribute("aria-label", `intent of message ${turn.turn}`);
  const current = turn.annotation ? turn.annotation.intent : turn.intent;
  const names = intents.includes(current) || !current ? intents : [current, ...intents];
  for (const name of names) {
    const option = el("option", "", name);
    option.value = name;
    if (name === current) option.selected = true;
    select.append(option);
  }
  select.addEventListener("change", async () => {
    try {
      await api("POST", "/api/annotations", {
        sender_id: selected, turn: turn.turn, intent: select.value, author: agent(),
      });
      status(`message ${turn.turn} corrected to ${select.value}`);
      await showConversation();
    } catch (err) {
      status(err.message, true);
    }
  });
  return select;
}

function renderTurn(turn) {
  const item = el("li");
  item.dataset.turn = String(turn.turn);
  if (turn.text !== null) {
    item.append(el("div", "user", turn.text));
    const nlu = el("div", "nlu");
    const conf = turn.confidence === null ? "—" : turn.confidence.toFixed(2);
    nlu.append(el("span", turn.confidence !== null && turn.confidence < 0.6 ? "low" : "", `${turn.intent || "?"} (${conf})`));
    nlu.append(intentPicker(turn));
    if (turn.annotation) nlu.append(el("span", "badge ok", `corrected by ${turn.annotation.author || "?"}`));
    if (turn.entities.length) nlu.append(el("span", "", "entities: " + turn.entities.map((e) => `${e.entity}=${e.value}`).join(", ")));
    item.append(nlu);
  }
  for (const b of turn.bot) {
    const bubble = el("div", b.agent ? "bot agent" : "bot", (b.agent ? `[${b.agent}] ` : "") + b.text);
    if (b.products.length) {
      const cards = el("div", "cards");
      for (const p of b.products) cards.append(el("span", "card", `${p.title}${p.price !== undefined ? " · " + p.price : ""}`));
      bubble.append(cards);
    }
    if (b.buttons.length) bubble.append(el("div", "meta", "buttons: " + b.buttons.join(" | ")));
    item.append(bubble);
  }
  const facts = [];
  if (turn.actions.length) facts.push("actions: " + turn.actions.join(", "));
  if (turn.slots.length) facts.push("slots: " + turn.slots.map((s) => `${s.name}=${JSON.stringify(s.value)}`).join(", "));
  if (turn.events.length) facts.push(turn.events.join(", "));
  if (turn.reply_source) facts.push("reply: " + turn.reply_source);
  if (turn.latency_ms !== null) facts.push(`${Math.round(turn.latency_ms)} ms`);
  if (facts.length) item.append(el("div", "meta", facts.join(" · ")));
  if (turn.trace_id) item.append(el("div", "trace", "trace " + turn.trace_id));
  return item;
}

async function showConversation() {
  if (!selected) return;
  try {
    const data = await api("GET", "/api/conversations/" + encodeURIComponent(selected));
    $("conversation").hidden = false;
    $("conv-title").textContent = selected;
    const s = data.summary;
    $("conv-meta").textContent = `${s.channel || "?"} · ${when(s.started)} – ${when(s.last)} · ${s.user_turns} messages`;
    $("r-reviewed").checked = data.review.reviewed;
    $("r-tags").value = data.review.tags.join(", ");
    $("r-note").value = data.review.note;
    const list = $("turns");
    list.replaceChildren(...data.turns.map(renderTurn));
    for (const item of $("conversations").children) item.classList.toggle("selected", item.dataset.sender === selected);
  } catch (err) {
    status(err.message, true);
  }
}

async function loadIntents() {
  try {
    const data = await api("GET", "/api/intents");
    intents = data.intents;
    const list = $("intent-list");
    list.replaceChildren(...intents.map((name) => { const o = el("option"); o.value = name; return o; }));
  } catch (err) {
    status(err.message, true);
  }
}

$("filters").addEventListener("submit", (event) => { event.preventDefault(); cursor = null; loadList(false); });
$("more").addEventListener("click", () => loadList(true));
$("review-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    const tags = $("r-tags").value.split(",").map((t) => t.trim()).filter(Boolean);
    await api("PUT", "/api/conversations/" + encodeURIComponent(selected) + "/review", {
      reviewed: $("r-reviewed").checked, tags, note: $("r-note").value, reviewer: agent(),
    });
    await loadList(false); // the list's badges follow the review; then say it is saved
    status("review saved");
  } catch (err) {
    status(err.message, true);
  }
});
for (const [id, path, name] of [["export-nlu", "/api/export/nlu.yml", "nlu.yml"], ["export-stories", "/api/export/stories.yml", "stories.yml"]]) {
  $(id).addEventListener("click", (event) => {
    event.preventDefault();
    download(path, name).then(() => status(`${name} downloaded`), (err) => status(err.message, true));
  });
}

signIn(async () => { await loadIntents(); await loadList(false); });
