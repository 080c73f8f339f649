// Same-origin calls to the recommender: page config, page session, catalog listing, events.

import { randomId } from "./dom.js";

async function getJson(url) {
  const resp = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await resp.json().catch(() => ({}));
  if (!resp.ok) throw new Error(body.error || `HTTP ${resp.status}`);
  return body;
}

/** GET /web/config.json: {rasa_url, socketio_path}. */
export function loadConfig() {
  return getJson("/web/config.json");
}

/** GET /products?q=&category=&limit=&offset= (one page of the catalog). */
export function listProducts({ q = "", category = "", limit = 12, offset = 0 }) {
  const params = new URLSearchParams({ limit: String(limit), offset: String(offset) });
  if (q) params.set("q", q);
  if (category) params.set("category", category);
  return getJson(`/products?${params}`);
}

let pageToken = "";

/**
 * POST /web/session: renew the stored page token (same session) or, without a valid one,
 * get a fresh session. Resolves to {session_id, token, expires_at}; later events carry it.
 */
export async function openSession(token) {
  const resp = await fetch("/web/session", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(token ? { token } : {}),
  });
  const body = await resp.json().catch(() => ({}));
  if (!resp.ok) throw new Error(body.error || `HTTP ${resp.status}`);
  pageToken = body.token;
  return body;
}

/**
 * POST /web/events: one behaviour event of this visitor, signed by the page token. The user
 * id is the chat's session id, which Rasa uses as the sender id, so the recommender sees the
 * chat and the clicks as one user; the server takes events for this session only.
 */
export async function sendEvent(userId, type, productId, context = {}) {
  const event = {
    event_id: randomId(),
    user_id: userId,
    session_id: userId,
    type,
    product_id: productId,
    ts: new Date().toISOString(),
    context: { source: "web", ...context },
  };
  const resp = await fetch("/web/events", {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Page-Token": pageToken },
    body: JSON.stringify(event),
  });
  if (!resp.ok) {
    const body = await resp.json().catch(() => ({}));
    throw new Error(body.error || `HTTP ${resp.status}`);
  }
  return resp.json();
}
