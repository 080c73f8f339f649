// Product cards shared by the grid and the chat: image, title, price, reason, action buttons.

import { categoryLabel, el, priceText, safeUrl } from "./dom.js";

function placeholder(product) {
  const label = categoryLabel(product.category) || "Product";
  return el("div", { class: "card-image placeholder", "aria-hidden": "true", text: label });
}

function image(product) {
  const src = safeUrl(product.image);
  if (!src) return placeholder(product);
  const img = el("img", {
    class: "card-image",
    src,
    alt: String(product.title || ""),
    loading: "lazy",
    referrerpolicy: "no-referrer",
  });
  img.addEventListener("error", () => img.replaceWith(placeholder(product)), { once: true });
  return img;
}

/**
 * A card for one product.
 * @param {object} product  {id, title, brand, category, price, currency, reason, description, url}
 * @param {Array<{label: string, aria: string, onClick: Function, name: string}>} actions
 * @param {{tag?: string, details?: boolean}} options
 */
export function productCard(product, actions, options = {}) {
  const title = String(product.title || product.id || "");
  const facts = [product.brand, priceText(product.price, product.currency)].filter(Boolean);
  const body = [
    el("h3", { class: "card-title", text: title }),
    el("p", { class: "card-facts", text: facts.join(" · ") }),
  ];
  if (product.reason) body.push(el("p", { class: "card-reason", text: String(product.reason) }));
  if (options.details && product.description) {
    body.push(el("p", { class: "card-description", text: String(product.description) }));
  }
  const url = safeUrl(product.url);
  if (options.details && url) {
    body.push(el("a", { href: url, target: "_blank", rel: "noopener noreferrer", text: "Product page" }));
  }
  const buttons = actions.map((a) =>
    el("button", {
      type: "button",
      class: `card-button ${a.name}`,
      "data-action": a.name,
      "aria-label": a.aria,
      text: a.label,
      onclick: a.onClick,
    }),
  );
  return el(
    options.tag || "article",
    { class: "card", "data-product-id": String(product.id || "") },
    [image(product), el("div", { class: "card-body" }, body), el("div", { class: "card-actions" }, buttons)],
  );
}
