// The product grid: search, category filter, pages, and view / add-to-cart tracking.

import { listProducts, sendEvent } from "./api.js";
import { productCard } from "./cards.js";
import { categoryLabel, toast } from "./dom.js";

const PAGE_SIZE = 12;

export class Shop {
  /**
   * @param {string} userId  the visitor's id for behaviour events
   * @param {{onSimilar: Function}} hooks  "more like this" goes to the chat
   */
  constructor(userId, hooks) {
    this.userId = userId;
    this.hooks = hooks;
    this.query = { q: "", category: "", offset: 0 };
    this.total = 0;
    this.grid = document.getElementById("product-grid");
    this.status = document.getElementById("grid-status");
    this.select = document.getElementById("search-category");
    document.getElementById("search-form").addEventListener("submit", (e) => {
      e.preventDefault();
      this.search();
    });
    this.select.addEventListener("change", () => this.search());
    document.getElementById("prev-page").addEventListener("click", () => this.page(-1));
    document.getElementById("next-page").addEventListener("click", () => this.page(1));
  }

  search() {
    this.query = {
      q: document.getElementById("search-q").value.trim(),
      category: this.select.value,
      offset: 0,
    };
    return this.load();
  }

  page(step) {
    const offset = this.query.offset + step * PAGE_SIZE;
    if (offset < 0 || offset >= this.total) return;
    this.query.offset = offset;
    this.load();
  }

  async load() {
    this.status.textContent = "Loading products…";
    let page;
    try {
      page = await listProducts({ ...this.query, limit: PAGE_SIZE });
    } catch (err) {
      this.status.textContent = `Could not load products: ${err.message}`;
      return;
    }
    this.fillCategories(page.categories || []);
    this.total = page.total;
    this.grid.replaceChildren(...page.products.map((p) => this.card(p, false)));
    const first = page.total ? page.offset + 1 : 0;
    const last = page.offset + page.products.length;
    this.status.textContent = page.total
      ? `${page.total} product${page.total === 1 ? "" : "s"} found`
      : "No products match your search.";
    document.getElementById("page-info").textContent = page.total ? `${first}–${last} of ${page.total}` : "";
    document.getElementById("prev-page").disabled = page.offset === 0;
    document.getElementById("next-page").disabled = last >= page.total;
  }

  fillCategories(categories) {
    if (this.select.options.length > 1) return;
    for (const slug of categories) {
      this.select.append(new Option(categoryLabel(slug), slug));
    }
    this.select.value = this.query.category;
  }

  card(product, details) {
    const title = String(product.title || "");
    const card = productCard(
      product,
      [
        {
          name: "view",
          label: details ? "Hide details" : "View",
          aria: `${details ? "Hide details of" : "View"} ${title}`,
          onClick: () => this.toggle(card, product, details),
        },
        {
          name: "similar",
          label: "More like this",
          aria: `Ask the assistant for products like ${title}`,
          onClick: () => this.hooks.onSimilar(product),
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
    return card;
  }

  toggle(card, product, details) {
    const next = this.card(product, !details);
    card.replaceWith(next);
    next.querySelector("[data-action=view]").focus();
    if (!details) this.track("view", product);
  }

  async addToCart(product) {
    if (await this.track("add_to_cart", product)) toast(`Added ${product.title} to your cart.`);
  }

  async track(type, product) {
    try {
      await sendEvent(this.userId, type, product.id, { surface: "grid" });
      return true;
    } catch (err) {
      toast(`Could not record that: ${err.message}`);
      return false;
    }
  }
}
