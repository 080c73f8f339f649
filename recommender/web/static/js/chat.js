// The chat widget: Rasa's socket.io channel, messages with quick replies and product cards.

import { sendEvent } from "./api.js";
import { productCard } from "./cards.js";
import { el, toast } from "./dom.js";
import { appendLog, loadLog, pageToken } from "./session.js";

/** `/intent{"entity": "value"}`: a message Rasa parses without NLU. */
export function intentPayload(intent, entities) {
  return `/${intent}${JSON.stringify(entities)}`;
}

/** Buttons of a bot message as [{title, payload}], whichever key the channel used. */
function buttonsOf(data) {
  const raw = Array.isArray(data.quick_replies) ? data.quick_replies : data.buttons;
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((b) => b && typeof b.title === "string" && typeof b.payload === "string")
    .map((b) => ({ title: b.title, payload: b.payload }));
}

export class Chat {
  /**
   * @param {{rasa_url: string, socketio_path: string}} config  from /web/config.json
   * @param {string} userId  session id: Rasa's sender id and the events' user id
   */
  constructor(config, userId) {
    this.config = config;
    this.userId = userId;
    this.pending = [];
    this.ready = false;
    this.log = document.getElementById("chat-log");
    this.status = document.getElementById("chat-status");
    this.input = document.getElementById("chat-input");
    document.getElementById("chat-form").addEventListener("submit", (e) => {
      e.preventDefault();
      const text = this.input.value.trim();
      if (text) this.send(text, text);
      this.input.value = "";
    });
  }

  /** Re-render the stored conversation (after a reload), then connect. */
  start() {
    const entries = loadLog();
    let lastUser = -1;
    entries.forEach((e, i) => { if (e.who === "user") lastUser = i; });
    entries.forEach((e, i) => this.render(e, i > lastUser));
    if (!entries.length) {
      this.log.append(
        el("li", { class: "msg note hint", text: 'Try "I need headphones" or "running shoes under 100".' }),
      );
    }
    this.connect();
  }

  connect() {
    if (typeof window.io !== "function") {
      this.setStatus("chat unavailable: the socket.io client is not installed (run make install)");
      return;
    }
    const socket = window.io(this.config.rasa_url, {
      path: this.config.socketio_path,
      transports: ["websocket", "polling"],
    });
    this.socket = socket;
    // The signed page token proves the session to Rasa (genrec_rasa/socketio_channel.py);
    // without a valid one Rasa answers with a fresh anonymous session instead.
    socket.on("connect", () =>
      socket.emit("session_request", { session_id: this.userId, token: pageToken() }),
    );
    socket.on("session_confirm", (data) => {
      const confirmed = data && typeof data === "object" ? data.session_id : data;
      if (confirmed !== this.userId) {
        this.ready = false;
        socket.disconnect();
        this.setStatus("your chat session expired: reload the page");
        return;
      }
      this.ready = true;
      this.setStatus("online");
      for (const message of this.pending.splice(0)) this.emit(message);
    });
    socket.on("bot_uttered", (data) => this.receive(data));
    socket.on("disconnect", () => {
      this.ready = false;
      this.setStatus("offline, reconnecting…");
    });
    socket.on("connect_error", () => this.setStatus("cannot reach the assistant, retrying…"));
  }

  setStatus(text) {
    this.status.textContent = text;
  }

  /** Send `message` to Rasa; `display` is what the user sees (a button's title). */
  send(message, display) {
    this.log.querySelectorAll(".quick-replies, .hint").forEach((n) => n.remove());
    this.add({ who: "user", text: display });
    const data = { message, session_id: this.userId };
    if (this.ready) this.emit(data);
    else this.pending.push(data);
  }

  emit(data) {
    this.socket.emit("user_uttered", data);
    this.setStatus("the assistant is typing…");
  }

  receive(data) {
    if (!data || typeof data !== "object") return;
    this.setStatus("online");
    const entry = { who: "bot" };
    if (typeof data.text === "string") entry.text = data.text;
    const buttons = buttonsOf(data);
    if (buttons.length) entry.buttons = buttons;
    const custom = data.custom;
    if (custom && typeof custom === "object" && typeof custom.type === "string") entry.custom = custom;
    if (entry.text || entry.buttons || entry.custom) this.add(entry);
  }

  /** Store and show one entry. */
  add(entry) {
    appendLog(entry);
    this.render(entry, true);
  }

  render(entry, active) {
    const who = ["user", "bot", "note"].includes(entry.who) ? entry.who : "note";
    const item = el("li", { class: `msg ${who}` });
    if (typeof entry.text === "string" && entry.text) {
      item.append(el("p", { class: "msg-text", text: entry.text }));
    }
    if (entry.custom) item.append(...this.customParts(entry.custom));
    if (active && Array.isArray(entry.buttons) && entry.buttons.length) {
      item.append(
        el(
          "div",
          { class: "quick-replies", role: "group", "aria-label": "Suggested answers" },
          entry.buttons.map((b) =>
            el("button", {
              type: "button",
              class: "quick-reply",
              text: String(b.title),
              onclick: () => this.send(String(b.payload), String(b.title)),
            }),
          ),
        ),
      );
    }
    const previous = this.log.lastElementChild;
    const pending = previous?.classList.contains("bot") && previous.querySelector(".quick-replies");
    if (entry.custom && !entry.buttons && pending) item.append(pending); // answers go below the cards
    this.log.append(item);
    this.scrollToEnd();
  }

  scrollToEnd() {
    this.log.scrollTop = this.log.scrollHeight;
  }

  customParts(custom) {
    if (custom.type === "product_list" && Array.isArray(custom.products)) {
      const cards = custom.products
        .filter((p) => p && typeof p === "object")
        .map((p) => this.card(p, false));
      return [el("ul", { class: "chat-cards", "aria-label": "Suggested products" }, cards)];
    }
    if (custom.type === "product_detail" && custom.product && typeof custom.product === "object") {
      return [el("ul", { class: "chat-cards detail" }, [this.card(custom.product, true)])];
    }
    return [];
  }

  card(product, details) {
    const id = String(product.id || "");
    const title = String(product.title || id);
    return productCard(
      product,
      [
        {
          name: "details",
          label: "Details",
          aria: `Details of ${title}`,
          onClick: () => this.pick(product, "ask_product_details", `Details: ${title}`),
        },
        {
          name: "similar",
          label: "More like this",
          aria: `More products like ${title}`,
          onClick: () => this.pick(product, "find_similar", `More like ${title}`),
        },
        {
          name: "add-to-cart",
          label: "Add to cart",
          aria: `Add ${title} to cart`,
          onClick: () => this.addToCart(product),
        },
      ],
      { tag: "li", details },
    );
  }

  /**
   * A card button that asks the bot about a product. The bot's action records the `click`
   * event (on every channel, with the chat's session id), so the page sends none itself.
   */
  pick(product, intent, display) {
    this.send(intentPayload(intent, { product_ref: String(product.id) }), display);
  }

  /** "More like this" from the grid. */
  similar(product) {
    this.pick(product, "find_similar", `More like ${String(product.title || product.id)}`);
  }

  async addToCart(product) {
    const title = String(product.title || product.id);
    try {
      await sendEvent(this.userId, "add_to_cart", String(product.id), { surface: "chat" });
    } catch (err) {
      toast(`Could not add ${title} to your cart: ${err.message}`);
      return;
    }
    this.add({ who: "note", text: `Added ${title} to your cart.` });
    toast(`Added ${title} to your cart.`);
  }
}
