// The search box's suggestion list (ARIA combobox): debounced requests as the shopper types, up/down to move,
// Enter or a click to pick, Escape to close. Nothing is requested while an input method is composing.

import { el } from "./render.js";

const DEBOUNCE_MS = 150;
const KIND = { brand: "品牌", product: "商品", term: "搜索词" };

export class Autocomplete {
  /** `fetch(q, signal)` returns suggestions ({text, kind, english}); `onPick(text)` runs a search for one. */
  constructor({ input, list, fetch, onPick }) {
    Object.assign(this, { input, list, fetch, onPick });
    this.items = [];
    this.active = -1;
    this.timer = null;
    this.request = null;
    input.addEventListener("input", (event) => {
      if (!event.isComposing) this.#schedule();
    });
    input.addEventListener("compositionend", () => this.#schedule());
    input.addEventListener("keydown", (event) => this.#key(event));
    input.addEventListener("blur", () => this.close());
    input.addEventListener("focus", () => this.#schedule());
  }

  close() {
    clearTimeout(this.timer);
    this.request?.abort();
    this.items = [];
    this.active = -1;
    this.list.hidden = true;
    this.list.replaceChildren();
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
  }

  #schedule() {
    clearTimeout(this.timer);
    const q = this.input.value.trim();
    if (!q) {
      this.close();
      return;
    }
    this.timer = setTimeout(() => this.#load(q), DEBOUNCE_MS);
  }

  async #load(q) {
    this.request?.abort();
    const request = new AbortController();
    this.request = request;
    let suggestions;
    try {
      suggestions = await this.fetch(q, request.signal);
    } catch {
      return; // aborted by newer typing, or the server failed: no list, the search box still works
    }
    if (request.signal.aborted || document.activeElement !== this.input) return;
    this.#show(suggestions);
  }

  #show(suggestions) {
    this.items = suggestions;
    this.active = -1;
    this.list.replaceChildren(
      ...suggestions.map((s, index) => {
        const option = el(
          "li",
          { id: `suggestion-${index}`, role: "option", class: "suggestion", "aria-selected": "false" },
          el("span", { class: "suggestion-text" }, s.text),
          s.english ? el("span", { class: "suggestion-english", lang: "en" }, s.english) : null,
          KIND[s.kind] ? el("span", { class: `suggestion-kind kind-${s.kind}` }, KIND[s.kind]) : null,
        );
        // mousedown, not click: it comes before the input's blur, which closes the list.
        option.addEventListener("mousedown", (event) => {
          event.preventDefault();
          this.#pick(index);
        });
        return option;
      }),
    );
    const open = suggestions.length > 0;
    this.list.hidden = !open;
    this.input.setAttribute("aria-expanded", String(open));
  }

  #move(delta) {
    const count = this.items.length;
    this.active = ((this.active + 1 + delta + count + 1) % (count + 1)) - 1; // -1 = back in the box
    this.list.querySelectorAll("[role=option]").forEach((option, index) => {
      option.setAttribute("aria-selected", String(index === this.active));
      if (index === this.active) option.scrollIntoView({ block: "nearest" });
    });
    if (this.active >= 0) this.input.setAttribute("aria-activedescendant", `suggestion-${this.active}`);
    else this.input.removeAttribute("aria-activedescendant");
  }

  #pick(index) {
    const text = this.items[index].text;
    this.close();
    this.input.value = text;
    this.onPick(text);
  }

  #key(event) {
    if (event.isComposing || event.keyCode === 229) return; // the input method's own keys
    const open = !this.list.hidden && this.items.length > 0;
    if (event.key === "ArrowDown" && open) {
      event.preventDefault();
      this.#move(1);
    } else if (event.key === "ArrowUp" && open) {
      event.preventDefault();
      this.#move(-1);
    } else if (event.key === "Enter" && open && this.active >= 0) {
      event.preventDefault();
      this.#pick(this.active);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      this.close();
    } else if (event.key === "Enter") {
      this.close(); // the form submits what was typed
    }
  }
}
