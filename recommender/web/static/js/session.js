// The visitor's chat session id and conversation log, kept in localStorage across reloads.

import { randomId } from "./dom.js";

const SESSION_KEY = "genrec.session_id";
const LOG_PREFIX = "genrec.chat_log.";
const MAX_ENTRIES = 200;

/** The session id (Rasa's sender id and the recommender's user id); created once. */
export function sessionId() {
  let id = localStorage.getItem(SESSION_KEY);
  if (!id || !/^[A-Za-z0-9_-]{8,64}$/.test(id)) {
    id = randomId().replace(/-/g, "");
    localStorage.setItem(SESSION_KEY, id);
  }
  return id;
}

/** Forget the conversation: a new session id and an empty log. */
export function newSession() {
  localStorage.removeItem(LOG_PREFIX + sessionId());
  localStorage.removeItem(SESSION_KEY);
  return sessionId();
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
