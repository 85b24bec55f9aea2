// DOM for API answers: result cards, facet lists and the query analysis. Text is always set as text, never as
// HTML; the only markup taken from the API is the <em> of highlights, rebuilt as elements.

import { AVAILABILITY, SEPARATOR, categoryLevelZh, categoryParts, formatCny, formatUsd, swatchColour } from "./format.js";

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
  const top = hit.display_zh?.category ? hit.display_zh.category.split(SEPARATOR)[0] : categoryParts(hit.category).top;
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

function cardImage(hit, link) {
  const frame = el("a", { class: "card-image", href: link, target: "_blank", rel: "noopener", tabindex: "-1" });
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
  const type = explain.product_type;
  if (type) {
    box.append(el("p", { class: "matched" }, `类型：${type.path_zh || type.path}（${type.method} ${type.confidence}）`));
  }
  return box;
}

/** The Chinese title to show first: `display_zh` (the seller's, or composed: `generated`), else the seller's
 * `title_zh`, else none (the English title then leads). Highlighted where it is the seller's Chinese title. */
function chineseTitle(hit) {
  const shown = hit.display_zh?.title || hit.title_zh;
  if (!shown) return null;
  const marked = shown === hit.title_zh && hit.highlight?.title_zh ? highlighted(hit.highlight.title_zh) : shown;
  return { text: marked, generated: hit.display_zh?.source === "generated" };
}

const VARIANT_OPTIONS = ["color", "size", "material", "pattern", "gender", "age_group"];
const OPTION_ZH = { color: "颜色", size: "尺码", material: "材质", pattern: "图案", gender: "适用性别", age_group: "适用年龄" };

/**
 * A hit's variants as option lists: {name: [{value, id, variant}]}. Accepts a list of variants (each with its `id`
 * and its options, as fields or under `options`) or options already listed ({name: [{value, id | ids}]}).
 */
export function variantOptions(variants) {
  const options = {};
  const add = (name, value, id, variant) => {
    if (value === null || value === undefined || value === "") return;
    const list = (options[name] ??= []);
    if (!list.some((option) => option.value === String(value))) list.push({ value: String(value), id, variant });
  };
  if (Array.isArray(variants)) {
    for (const variant of variants) {
      const named = variant.options ?? variant.attributes ?? variant;
      for (const name of VARIANT_OPTIONS) add(name, named[name], variant.id, variant);
    }
  } else if (variants && typeof variants === "object") {
    for (const [name, values] of Object.entries(variants)) {
      for (const option of Array.isArray(values) ? values : []) {
        if (typeof option === "string") add(name, option, undefined, null);
        else add(name, option.value ?? option.label, option.id ?? option.ids?.[0], option);
      }
    }
  }
  return options;
}

/** Swatches for the options of a hit's variants: colours as dots, other options as text; picking one shows that
 * variant (its link, image and price where the variant carries them). */
function swatches(hit, labels, onPick) {
  // `variant_options`: the group's variants, each with its id and option values (the API's collapse, `distinct`)
  const options = variantOptions(hit.variant_options ?? hit.variants);
  const groups = Object.entries(options).filter(([, values]) => values.length > 1);
  if (!groups.length) return null;
  return el(
    "div",
    { class: "swatches" },
    groups.map(([name, values]) => {
      const shown = values.slice(0, 6);
      return el(
        "ul",
        { class: `swatch-list swatch-${name}`, "aria-label": `${OPTION_ZH[name] ?? name}（${values.length}）` },
        shown.map((option) => {
          const label = labels[name]?.[option.value] ?? option.value;
          const colour = name === "color" ? swatchColour(option.value) ?? swatchColour(label) : null;
          const button = el(
            "button",
            {
              type: "button",
              class: colour ? "swatch swatch-colour" : "swatch",
              "aria-pressed": String(option.id !== undefined && option.id === hit.id),
              "aria-label": `${OPTION_ZH[name] ?? name}：${label}`,
              title: label === option.value ? label : `${label}（${option.value}）`,
              "data-variant": option.id ?? null,
              style: colour ? `--swatch: ${colour}` : null,
            },
            colour ? null : label,
          );
          button.addEventListener("click", () => {
            for (const other of button.closest(".swatch-list").querySelectorAll(".swatch")) {
              other.setAttribute("aria-pressed", String(other === button));
            }
            onPick(option);
          });
          return el("li", {}, button);
        }),
        values.length > shown.length ? el("li", { class: "swatch-more" }, `+${values.length - shown.length}`) : null,
      );
    }),
  );
}

/** "20% off" as Chinese shoppers read it: 8折 (tenths of the price paid), 7.5折 where it is not whole. */
export function discountText(percent) {
  const tenths = Math.round((100 - percent) / 10 * 10) / 10;
  return `${tenths}折`;
}

function priceLine(price, priceMax, listPrice = null, discount = null) {
  return [
    el("span", { class: "price-cny" }, formatCny(price.cny)),
    priceMax ? el("span", { class: "price-cny-max" }, ` 起`) : null,
    listPrice ? el("s", { class: "price-list", "aria-label": `原价 ${formatCny(listPrice.cny)}` }, formatCny(listPrice.cny)) : null,
    discount ? el("span", { class: "price-discount" }, discountText(discount)) : null,
    el("span", { class: "price-usd", lang: "en" }, formatUsd(price.usd)),
  ];
}

/**
 * One result card: the Chinese title first (a composed one labelled 参考译名), the seller's English title below,
 * swatches of its variants, the price in yuan and dollars, the landed estimate (到手价, an estimate) where the
 * server is configured for one, stock and seller. `options.labels` are the answer's facet labels;
 * `options.onOpen(hit)` is called when the shopper follows the product's link; `options.onSimilar(hit)` (where
 * offered) opens its similar products.
 */
export function card(hit, options = {}) {
  const labels = options.labels ?? {};
  const link = webLink(hit.link);
  const english = hit.highlight?.title ? highlighted(hit.highlight.title) : hit.title;
  const zh = chineseTitle(hit);
  const stock = AVAILABILITY[hit.availability] || hit.availability;
  const titleLink = el("a", { href: link, target: "_blank", rel: "noopener" }, zh ? zh.text : english);
  const price = el("p", { class: "card-price" }, priceLine(hit.price, hit.price_max, hit.list_price, hit.discount_percent));
  const category = hit.display_zh?.category
    ? hit.display_zh.category.split(SEPARATOR).at(-1)
    : hit.category
      ? categoryLevelZh(hit.category, labels.category)
      : null;
  const article = el(
    "article",
    { class: "card", "data-id": hit.id, "data-seller": hit.seller ?? null, "data-brand": hit.brand },
    cardImage(hit, link),
    el(
      "div",
      { class: "card-body" },
      el(
        "h3",
        { class: zh ? "card-title" : "card-title card-title-only-en", lang: zh ? "zh-CN" : "en" },
        titleLink,
        zh?.generated
          ? el(
              "span",
              { class: "title-generated", title: "中文标题由海淘搜索根据品牌、品类和规格生成，仅供参考，以英文原标题为准" },
              "参考译名",
            )
          : null,
      ),
      zh ? el("p", { class: "card-title-en", lang: "en" }, english) : null,
      el(
        "p",
        { class: "card-tags" },
        hit.brand ? el("span", { class: "card-brand" }, labels.brand?.[hit.brand] ?? hit.brand) : null,
        category ? el("span", { class: "card-category" }, category) : null,
      ),
      swatches(hit, labels, (option) => {
        const variant = option.variant;
        if (!variant) return;
        const to = webLink(variant.link);
        if (to) for (const a of article.querySelectorAll("a")) a.href = to;
        if (variant.price?.cny !== undefined) price.replaceChildren(...priceLine(variant.price, null));
        if (variant.id) article.dataset.variant = variant.id;
      }),
      price,
      hit.landed_estimate
        ? el(
            "p",
            { class: "card-landed", title: hit.landed_estimate.note || null },
            "到手价约 ",
            el("strong", {}, formatCny(hit.landed_estimate.cny)),
            el("span", { class: "estimate" }, "预估"),
          )
        : null,
      el(
        "p",
        { class: "card-meta" },
        el("span", { class: `card-stock stock-${hit.availability}` }, stock),
        hit.seller_name || hit.seller
          ? el("span", { class: "card-seller", title: "商家" }, hit.seller_name || labels.seller?.[hit.seller] || hit.seller)
          : null,
      ),
      options.onSimilar
        ? (() => {
            const button = el("button", { type: "button", class: "similar-button" }, "相似商品");
            button.addEventListener("click", () => options.onSimilar(hit));
            return button;
          })()
        : null,
      hit.explain ? hitExplain(hit.explain) : null,
    ),
  );
  if (options.onOpen) {
    for (const a of article.querySelectorAll("a")) a.addEventListener("click", () => options.onOpen(hit));
  }
  return article;
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
    const { text, english, hint } = label(value);
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
        el("span", { class: "facet-label" }, text, english ? el("small", { lang: "en" }, ` ${english}`) : null),
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
