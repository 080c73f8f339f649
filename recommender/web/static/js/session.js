// The visitor's chat session (id and signed page token) and conversation log, kept in
// localStorage across reloads. The server chooses the session id; the page only keeps it.

import { openSession } from "./api.js";

const SESSION_KEY = "genrec.session_id";
const TOKEN_KEY = "genrec.page_token";
const LOG_PREFIX = "genrec.chat_log.";
const MAX_ENTRIES = 200;

/**
 * Renew the stored session with the recommender (or get a new one when the token is gone or
 * expired) and remember it. Resolves to the session id: Rasa's sender id and the user id.
 */
export async function startSession() {
  const session = await openSession(localStorage.getItem(TOKEN_KEY) || "");
  const previous = localStorage.getItem(SESSION_KEY);
  if (previous && previous !== session.session_id) localStorage.removeItem(LOG_PREFIX + previous);
  localStorage.setItem(SESSION_KEY, session.session_id);
  localStorage.setItem(TOKEN_KEY, session.token);
  return session.session_id;
}

/** The current session id (after {@link startSession}). */
export function sessionId() {
  return localStorage.getItem(SESSION_KEY) || "";
}

/** The signed page token of the current session (Rasa's socket.io channel checks it). */
export function pageToken() {
  return localStorage.getItem(TOKEN_KEY) || "";
}

/** Forget the conversation: the next {@link startSession} gets a new session. */
export function newSession() {
  localStorage.removeItem(LOG_PREFIX + sessionId());
  localStorage.removeItem(SESSION_KEY);
  localStorage.removeItem(TOKEN_KEY);
}

/** The stored log entries of the current session, oldest first. */
export function loadLog() {
  try {
    const entries = JSON.parse(localStorage.getItem(LOG_PREFIX + sessionId()) || "[]");
    return Array.isArray(entries) ? entries.filter((e) => e && typeof e === "object") : [];
  } catch {
    return [];
  }
}

/** Append one entry ({who: "user"|"bot"|"note", text, buttons, custom}) to the log. */
export function appendLog(entry) {
  const entries = loadLog();
  entries.push(entry);
  try {
    localStorage.setItem(LOG_PREFIX + sessionId(), JSON.stringify(entries.slice(-MAX_ENTRIES)));
  } catch {
    // storage full or disabled: the conversation still works, it just won't survive a reload
  }
}
