// Shared by the review and analytics pages: the token (sessionStorage, gone with the tab),
// JSON calls to the console's API, and DOM helpers that only ever set textContent.
"use strict";

const $ = (id) => document.getElementById(id);

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
  if (!response.ok) throw new Error(data.error || "HTTP " + response.status);
  return data;
}

async function download(path, filename) {
  const response = await fetch(path, { headers: { "Authorization": "Bearer " + token() } });
  if (!response.ok) throw new Error("export failed: HTTP " + response.status);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function when(ts) { return ts ? new Date(ts * 1000).toLocaleString() : ""; }

function signIn(onReady) {
  $("login").addEventListener("submit", (event) => {
    event.preventDefault();
    sessionStorage.setItem("consoleToken", $("token").value.trim());
    sessionStorage.setItem("consoleAgent", $("agent").value.trim());
    $("token").value = "";
    onReady();
  });
  $("agent").value = agent();
  if (token()) onReady();
}
