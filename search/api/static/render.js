// DOM for API answers: result cards, facet lists and the query analysis. Text is always set as text, never as
// HTML; the only markup taken from the API is the <em> of highlights, rebuilt as elements.

import { AVAILABILITY, categoryParts, formatCny, formatUsd } from "./format.js";

/** `el("p", {class: "x"}, "text", child)`: an element with attributes (null/false ones skipped) and children. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

// A <textarea>'s content is parsed as text with character references: entities decoded, no tags, nothing run.
const entityDecoder = document.createElement("textarea");

/** A highlight ("...&amp; <em>Bluetooth</em>...": HTML-escaped, with <em> around matches) as text and <mark>s. */
export function highlighted(html) {
  const nodes = [];
  let inside = false;
  for (const part of html.split(/(<\/?em>)/)) {
    if (part === "<em>" || part === "</em>") {
      inside = part === "<em>";
      continue;
    }
    if (!part) continue;
    entityDecoder.innerHTML = part;
    const text = entityDecoder.value;
    nodes.push(inside ? el("mark", {}, text) : document.createTextNode(text));
  }
  return nodes;
}

function placeholder(hit) {
  const { top } = categoryParts(hit.category);
  return el(
    "div",
    { class: "card-placeholder", "data-top": top, "aria-hidden": "true" },
    el("span", { class: "placeholder-category" }, top || "商品"),
    el("span", { class: "placeholder-brand" }, hit.brand || ""),
  );
}

/** `url` if it is an http(s) link, else null: a `javascript:` or `data:` link is never rendered (the API refuses
 * them at ingestion; this holds for any other source too). */
export function webLink(url) {
  return typeof url === "string" && /^https?:\/\/[^\s/?#]/i.test(url) ? url : null;
}

function cardImage(hit) {
  const frame = el("a", { class: "card-image", href: webLink(hit.link), target: "_blank", rel: "noopener" });
  frame.append(placeholder(hit));
  if (webLink(hit.image_link)) {
    const img = el("img", { src: webLink(hit.image_link), alt: "", loading: "lazy", decoding: "async" });
    // Shown once loaded; a missing image leaves the placeholder (demo images are not reachable offline).
    img.addEventListener("load", () => img.classList.add("loaded"));
    img.addEventListener("error", () => img.remove());
    frame.append(img);
  }
  return frame;
}

function hitExplain(explain) {
  const leg = (name, rank, score, digits) =>
    rank
      ? el("span", { class: "leg" }, `${name} #${rank}`, el("small", {}, ` (${score.toFixed(digits)})`))
      : el("span", { class: "leg leg-miss" }, `${name} 未召回`);
  const box = el(
    "div",
    { class: "card-explain" },
    el(
      "p",
      { class: "legs" },
      leg("关键词排名", explain.keyword_rank, explain.keyword_score, 2),
      leg("向量排名", explain.vector_rank, explain.vector_score, 3),
    ),
  );
  if (explain.matched?.length) box.append(el("p", { class: "matched" }, `命中词：${explain.matched.join("、")}`));
  return box;
}

/** One result card. */
export function card(hit) {
  const title = hit.highlight?.title ? highlighted(hit.highlight.title) : hit.title;
  const stock = AVAILABILITY[hit.availability] || hit.availability;
  return el(
    "article",
    { class: "card", "data-id": hit.id, "data-brand": hit.brand },
    cardImage(hit),
    el(
      "div",
      { class: "card-body" },
      hit.brand ? el("p", { class: "card-brand" }, hit.brand) : null,
      el(
        "h3",
        { class: "card-title", lang: "en" },
        el("a", { href: webLink(hit.link), target: "_blank", rel: "noopener" }, title),
      ),
      hit.title_zh
        ? el("p", { class: "card-title-zh" }, hit.highlight?.title_zh ? highlighted(hit.highlight.title_zh) : hit.title_zh)
        : null,
      el(
        "p",
        { class: "card-price" },
        el("span", { class: "price-cny" }, formatCny(hit.price.cny)),
        el("span", { class: "price-usd" }, formatUsd(hit.price.usd)),
      ),
      hit.landed_estimate
        ? el(
            "p",
            { class: "card-landed", title: hit.landed_estimate.note || null },
            `到手约 ${formatCny(hit.landed_estimate.cny)}`,
          )
        : null,
      el("p", { class: `card-stock stock-${hit.availability}` }, stock),
      hit.explain ? hitExplain(hit.explain) : null,
    ),
  );
}

/**
 * Checkboxes for one facet: `counts` from the API ({value: count}), `selected` values first even when the answer
 * does not count them; `label(value)` gives the visible text. `onToggle(value, checked)` is called on a click.
 */
export function facetList(list, counts, selected, label, onToggle, visible = 8) {
  const values = [...selected, ...Object.keys(counts || {}).filter((v) => !selected.includes(v))];
  list.replaceChildren();
  if (!values.length) {
    list.append(el("li", { class: "facet-empty" }, "无"));
    return;
  }
  values.forEach((value, index) => {
    const { text, hint } = label(value);
    const input = el("input", { type: "checkbox", value, checked: selected.includes(value) });
    input.addEventListener("change", () => onToggle(value, input.checked));
    const count = counts?.[value];
    const extra = index >= visible && !selected.includes(value);
    const item = el(
      "li",
      { class: extra ? "facet-extra" : null, hidden: extra },
      el(
        "label",
        { class: "facet-option", title: hint || null },
        input,
        el("span", { class: "facet-label" }, text),
        el("span", { class: "facet-count" }, count === undefined ? "" : String(count)),
      ),
    );
    list.append(item);
  });
  if (values.length > visible) {
    const more = el("button", { type: "button", class: "link-button", "aria-expanded": "false" }, `更多（${values.length - visible}）`);
    more.addEventListener("click", () => {
      const open = more.getAttribute("aria-expanded") !== "true";
      for (const extra of list.querySelectorAll(".facet-extra")) extra.hidden = !open;
      more.setAttribute("aria-expanded", String(open));
      more.textContent = open ? "收起" : `更多（${values.length - visible}）`;
    });
    list.append(el("li", {}, more));
  }
}

function alternatives(concept) {
  return concept.alternatives
    .slice(0, 4)
    .map((alt) => el("span", { class: "alt", title: `${alt.source} · ${alt.weight}` }, alt.text, el("small", {}, alt.source)));
}

/** The query analysis of an explain=true answer: how the Chinese query became an English search. */
export function analysis(panel, explain, facts, facets = []) {
  const rows = [];
  const row = (name, ...value) => rows.push(el("dt", {}, name), el("dd", {}, ...value));
  row("规范化", el("code", {}, explain.normalized ?? ""));
  const styles = { initials: "首字母", partial: "末字未打完", mixed: "中文夹拼音", full: "全拼" };
  if (explain.pinyin) row("拼音识别", `${explain.pinyin.chinese.join(" ")}（${styles[explain.pinyin.style] ?? "全拼"}）`);
  if (explain.corrections?.length) {
    const kinds = { typo: "拼写", homophone: "同音字" };
    row("纠错", explain.corrections.map((c) => `${c.typed} → ${c.corrected}（${kinds[c.kind] ?? c.kind}）`).join("；"));
  }
  if (explain.relaxed?.length) row("放宽查询", `去掉：${explain.relaxed.join("、")}`);
  if (explain.concepts?.length) {
    row(
      "词语 → 英文",
      el(
        "ul",
        { class: "concepts" },
        explain.concepts.map((c) => el("li", {}, el("span", { class: "term", lang: "zh" }, c.term), " → ", alternatives(c))),
      ),
    );
  }
  if (explain.dropped?.length) row("忽略的词", explain.dropped.join("、"));
  if (explain.english) row("英文检索", el("code", { lang: "en" }, explain.english));
  if (explain.price) row("价格意图", explain.price.text);
  if (explain.brands?.length) row("品牌加权", explain.brands.join("、"));
  const filters = explain.filters || {};
  const applied = [
    ...facets
      .filter((facet) => facet.type === "keyword" && filters[facet.filter]?.length)
      .map((facet) => `${facet.label || facet.name}：${filters[facet.filter].join("、")}`),
    filters.category ? `类目：${filters.category}` : null,
    filters.price_min_usd !== null && filters.price_min_usd !== undefined ? `≥ ${formatUsd(filters.price_min_usd)}` : null,
    filters.price_max_usd !== null && filters.price_max_usd !== undefined ? `≤ ${formatUsd(filters.price_max_usd)}` : null,
    filters.in_stock ? "只看有货" : null,
  ].filter(Boolean);
  if (applied.length) row("过滤条件", applied.join("；"));
  const timings = explain.timings || {};
  const took = Object.entries(timings).map(([name, ms]) => `${name.replace(/_ms$/, "")} ${ms} ms`);
  if (took.length) row("耗时", took.join(" · "));
  panel.replaceChildren(
    el("h2", {}, "查询解析", el("small", {}, facts)),
    el("dl", {}, rows),
  );
}
