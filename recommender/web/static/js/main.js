// Wires the page: configuration, visitor session, grid, chat, narrow-screen view switch.

import { loadConfig } from "./api.js";
import { Chat } from "./chat.js";
import { newSession, startSession } from "./session.js";
import { Shop } from "./shop.js";

function showView(view) {
  document.body.dataset.view = view;
  document.getElementById("show-shop").setAttribute("aria-pressed", String(view === "shop"));
  document.getElementById("show-chat").setAttribute("aria-pressed", String(view === "chat"));
}

async function main() {
  let userId;
  try {
    userId = await startSession();
  } catch (err) {
    document.getElementById("chat-status").textContent = `shop unavailable: ${err.message}`;
    return;
  }
  let chat = null;
  const shop = new Shop(userId, {
    onSimilar: (product) => {
      showView("chat");
      if (chat) chat.similar(product);
    },
  });
  document.getElementById("show-shop").addEventListener("click", () => showView("shop"));
  document.getElementById("show-chat").addEventListener("click", () => {
    showView("chat");
    if (chat) chat.scrollToEnd();
    document.getElementById("chat-input").focus();
  });
  document.getElementById("chat-reset").addEventListener("click", () => {
    newSession();
    window.location.reload();
  });
  shop.load();
  try {
    chat = new Chat(await loadConfig(), userId);
  } catch (err) {
    document.getElementById("chat-status").textContent = `chat unavailable: ${err.message}`;
    return;
  }
  chat.start();
  document.body.dataset.ready = "true";
}

main();
