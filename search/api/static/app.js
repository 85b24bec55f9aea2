// The storefront page: wires the search box, filters and result list to the API (through the JS client, api.js),
// with the search in the URL. On a phone the filters are a drawer over the results; ?debug=1 adds the query
// analysis and each hit's ranks.

import { PAGE_SIZE, facetConfig, hasSimilar, search, sendClick, similar, suggest } from "./api.js";
import { Autocomplete } from "./autocomplete.js";
import { categoryTree } from "./category-tree.js";
import { shopperMessage, technicalDetail } from "./errors.js";
import { bucketLabel, bucketRange, categoryLevelZh, priceRangeText } from "./format.js";
import { PriceRange } from "./price-range.js";
import { analysis, card, el, facetList } from "./render.js";
import { debugMode, readState, withoutFilters, writeState } from "./state.js";

const $ = (id) => document.getElementById(id);
const results = $("results");
const input = $("q");
const DEBUG = debugMode(window.location.search);
document.body.classList.toggle("debug", DEBUG);

// The facets, from the server's field registry: keyword facets (brand, …) get a list of values to tick each, built
// here; the category is a tree; availability and price have their own controls in the page.
let FACETS = [];
try {
  FACETS = await facetConfig();
} catch {
  // the search itself will say what is wrong; without the list, the page shows no facet lists
}
const KEYWORDS = FACETS.filter((facet) => facet.type === "keyword").map((facet) => facet.name);
const LISTED = FACETS.filter((facet) => facet.type === "keyword");
$("term-facets").replaceChildren(
  ...LISTED.map((facet) =>
    el(
      "section",
      { class: "filter-group", "aria-labelledby": `${facet.name}-heading` },
      el("h2", { id: `${facet.name}-heading` }, facet.label || facet.name),
      el("ul", { id: `facet-${facet.name}`, class: "facet-list", "aria-labelledby": `${facet.name}-heading` }),
    ),
  ),
);

let state = readState(window.location.search, KEYWORDS);
let inFlight = null; // the AbortController of the request being waited for
let paging = { shown: 0, more: null }; // hits on the page; what asks for the next page (null = no more)
let current = null; // the answer shown (its query_id goes with click events)

const price = new PriceRange({
  minInput: $("price-min"),
  maxInput: $("price-max"),
  minText: $("price-min-value"),
  maxText: $("price-max-value"),
  onChange: (priceMin, priceMax) => navigate({ ...state, priceMin, priceMax }),
});

/** Search for `next`, recorded in the URL (a new history entry, so Back returns to the previous search). */
function navigate(next) {
  state = next;
  const query = writeState(state, window.location.search);
  if (query !== window.location.search) window.history.pushState(null, "", query || window.location.pathname);
  run();
}

async function run(more = null) {
  inFlight?.abort();
  const request = new AbortController();
  inFlight = request;
  results.setAttribute("aria-busy", "true");
  if (!more) {
    results.dataset.state = "loading";
    showControls();
  }
  try {
    const answer = await search(state, more ?? {}, request.signal, FACETS, DEBUG);
    if (!request.signal.aborted) show(answer, Boolean(more));
  } catch (error) {
    if (error?.name !== "AbortError" && !request.signal.aborted) showError(error);
  } finally {
    if (inFlight === request) {
      inFlight = null;
      results.removeAttribute("aria-busy");
    }
  }
}

/** The controls as the state says (also after Back/Forward), before the answer comes. */
function showControls() {
  input.value = state.q;
  $("sort").value = state.sort;
  $("in-stock").checked = state.inStock;
  document.title = state.q ? `${state.q} - 海淘搜索` : "海淘搜索 · 用中文搜美国好物";
  activeFilters(null);
}

function show(answer, append) {
  $("message").hidden = true;
  if (!append) current = answer;
  const offset = append ? paging.shown : 0;
  const cards = answer.hits.map((hit, i) =>
    card(hit, {
      labels: current.facet_labels ?? {},
      onOpen: (shown) => sendClick(current, shown, offset + i + 1),
      onSimilar: hasSimilar ? openSimilar : null,
    }),
  );
  if (append) results.append(...cards);
  else results.replaceChildren(...cards);
  paging = {
    shown: (append ? paging.shown : 0) + answer.hits.length,
    more: nextPage(answer),
  };
  paging.more = paging.shown < answer.total ? paging.more : null;
  $("load-more").hidden = paging.more === null;
  results.dataset.query = answer.query;
  if (!append && answer.query_id) results.dataset.queryId = answer.query_id;
  results.dataset.state = answer.total ? "done" : "empty";
  if (!answer.total) results.append(emptyState(answer));
  summary(answer);
  if (!append) {
    facets(answer);
    activeFilters(answer);
    explainPanel(answer);
  }
  $("drawer-total").textContent = String(answer.total);
  const rate = answer.exchange_rate;
  const landed = answer.hits.some((hit) => hit.landed_estimate)
    ? "到手价为预估（商品价 + 运费 + 跨境电商综合税），以结算为准。"
    : "";
  $("rate").textContent = `汇率：1 美元 ≈ ${rate.cny_per_usd} 元人民币（${rate.as_of}）。人民币价格按此汇率换算，仅供参考。${landed}`;
}

/** The next page: by cursor where the server pages so, else by page number; null after a short page. */
function nextPage(answer) {
  if ("next_cursor" in answer) return answer.next_cursor ? { cursor: answer.next_cursor } : null;
  return answer.hits.length < PAGE_SIZE ? null : { page: answer.page + 1 };
}

function summary(answer) {
  $("summary").replaceChildren(
    answer.query ? `“${answer.query}” 共 ` : "全部商品，共 ",
    el("strong", {}, String(answer.total)),
    ` 件商品`,
    el("small", {}, ` · 用时 ${Math.round(answer.took_ms)} 毫秒`),
  );
  notice(answer);
}

/** What the search changed: a corrected query or pinyin read as Chinese (已按 X 为您搜索), words dropped. */
function notice(answer) {
  const lines = [];
  const searched = answer.corrected_query || answer.pinyin_query;
  if (searched) {
    lines.push(el("p", { class: "corrected" }, "已按 ", el("strong", {}, searched), " 为您搜索"));
  }
  if (answer.relaxed?.length && answer.total) {
    lines.push(el("p", { class: "relaxed" }, `没有同时符合所有词的商品，已去掉：${answer.relaxed.join("、")}`));
  }
  $("notice").replaceChildren(...lines);
  $("notice").hidden = !lines.length;
}

/** "您是不是要找": each suggestion a link that searches it. */
function didYouMean(answer) {
  if (!answer.did_you_mean?.length) return null;
  const links = answer.did_you_mean.map((q) => {
    const link = el("a", { href: `?q=${encodeURIComponent(q)}`, class: "did-you-mean" }, q);
    link.addEventListener("click", (event) => {
      event.preventDefault();
      navigate({ ...withoutFilters(state), q });
    });
    return link;
  });
  return el("p", {}, "您是不是要找：", ...links.flatMap((link, i) => (i ? ["、", link] : [link])));
}

function emptyState(answer) {
  const ticked = Object.values(state.terms).some((values) => values.length);
  const filtered = ticked || state.category || state.priceMin !== null || state.priceMax !== null;
  const box = el(
    "div",
    { class: "empty" },
    el("p", {}, state.q ? `没有找到与“${state.q}”相关的商品。` : "没有符合条件的商品。"),
    didYouMean(answer) ?? el("p", {}, "试试换个说法，例如用更通用的词，或检查错别字。"),
  );
  if (filtered || state.inStock) {
    const clear = el("button", { type: "button", class: "link-button" }, "清除筛选条件");
    clear.addEventListener("click", () => navigate({ ...withoutFilters(state), inStock: false }));
    box.append(clear);
  }
  return box;
}

function showError(error) {
  const message = $("message");
  const { title, advice, retry, clear } = shopperMessage(error);
  const parts = [el("strong", {}, title), " ", el("span", {}, advice)];
  if (retry) {
    const again = el("button", { type: "button", class: "link-button" }, "重试");
    again.addEventListener("click", () => run());
    parts.push(" ", again);
  }
  if (clear) {
    const reset = el("button", { type: "button", class: "link-button" }, "清除筛选条件");
    reset.addEventListener("click", () => navigate({ ...withoutFilters(state), inStock: false }));
    parts.push(" ", reset);
  }
  if (DEBUG) parts.push(el("code", { class: "error-detail" }, technicalDetail(error)));
  message.replaceChildren(...parts);
  message.hidden = false;
  message.dataset.status = String(error?.status ?? 0);
  if (results.dataset.state === "loading") {
    results.replaceChildren();
    results.dataset.state = "error";
    $("summary").textContent = "";
    $("notice").hidden = true;
    $("load-more").hidden = true;
  }
}

function facets(answer) {
  const counts = answer.facets || {};
  const labels = answer.facet_labels || {};
  categoryTree($("category-tree"), counts.category, state.category, labels.category, (category) =>
    navigate({ ...state, category }),
  );
  for (const facet of LISTED) {
    const ticked = state.terms[facet.name];
    const named = labels[facet.name] || {};
    const label = (value) => (named[value] && named[value] !== value ? { text: named[value], english: value } : { text: value });
    facetList($(`facet-${facet.name}`), counts[facet.name], ticked, label, (value, checked) => {
      const values = checked ? [...ticked, value] : ticked.filter((v) => v !== value);
      navigate({ ...state, terms: { ...state.terms, [facet.name]: values } });
    });
  }
  const inStock = counts.availability?.in_stock;
  $("in-stock-count").textContent = inStock === undefined ? "" : String(inStock);
  const [priceMin, priceMax] = priceInForce(answer);
  price.show(priceMin, priceMax, answer.facets_stats?.price);
  priceBuckets(counts.price, priceMin, priceMax);
  $("price-intent").hidden = !answer.price_intent;
  $("price-intent").textContent = answer.price_intent ? `来自搜索词“${answer.price_intent.text}”` : "";
  $("price-reset").hidden = priceMin === null && priceMax === null;
}

/** The price range the results are filtered by: the shopper's own, else the one written in the query. */
function priceInForce(answer) {
  if (state.priceMin !== null || state.priceMax !== null) return [state.priceMin, state.priceMax];
  const intent = answer?.price_intent;
  return intent ? [intent.min ?? null, intent.max ?? null] : [null, null];
}

/** The query without the price phrase the server read from it ("500元以下 保温杯" → "保温杯"). */
function withoutPriceText(q, intent) {
  return q.replace(intent.text, " ").replace(/\s+/g, " ").trim();
}

function priceBuckets(buckets, priceMin, priceMax) {
  const list = $("price-buckets");
  list.replaceChildren(
    ...Object.entries(buckets || {})
      .filter(([, count]) => count > 0)
      .map(([key, count]) => {
        const [low, high] = bucketRange(key);
        const chosen = priceMin === low && priceMax === high;
        const button = el(
          "button",
          { type: "button", class: "bucket", "aria-pressed": String(chosen) },
          bucketLabel(key),
          el("span", { class: "facet-count" }, String(count)),
        );
        button.addEventListener("click", () =>
          navigate(chosen ? { ...state, priceMin: null, priceMax: null } : { ...state, priceMin: low, priceMax: high }),
        );
        return el("li", {}, button);
      }),
  );
}

function explainPanel(answer) {
  const panel = $("analysis");
  panel.hidden = !(DEBUG && answer.explain);
  if (DEBUG && answer.explain) {
    analysis(panel, answer.explain, ` 用时 ${answer.took_ms} ms${answer.explain.cached ? "（缓存结果）" : ""}`, FACETS);
  }
}

/** Chips for the filters in force, each removable; the price written in the query is one too (removing it takes
 * it out of the query). Before an answer comes, only the shopper's own filters are known. */
function activeFilters(answer) {
  const chips = [];
  const chip = (text, without, extra = {}) => {
    const button = el(
      "button",
      { type: "button", class: "chip", "aria-label": `移除筛选：${text}`, ...extra },
      text,
      el("span", { "aria-hidden": "true" }, " ×"),
    );
    button.addEventListener("click", () => navigate(typeof without === "function" ? without() : { ...state, ...without }));
    chips.push(button);
  };
  const labels = answer?.facet_labels ?? current?.facet_labels ?? {};
  for (const [name, values] of Object.entries(state.terms)) {
    for (const value of values) {
      chip(labels[name]?.[value] ?? value, { terms: { ...state.terms, [name]: values.filter((v) => v !== value) } });
    }
  }
  if (state.category) chip(categoryLevelZh(state.category, labels.category), { category: null });
  if (state.priceMin !== null || state.priceMax !== null) {
    chip(priceRangeText(state.priceMin, state.priceMax), { priceMin: null, priceMax: null });
  } else if (answer?.price_intent) {
    const intent = answer.price_intent;
    chip(priceRangeText(intent.min ?? null, intent.max ?? null), () => ({ ...state, q: withoutPriceText(state.q, intent) }), {
      class: "chip chip-intent",
      title: `按搜索词中的“${intent.text}”筛选`,
    });
  }
  if (state.inStock) chip("只看有货", { inStock: false });
  $("active-filters").replaceChildren(...chips);
  const count = chips.length;
  $("filters-count").textContent = count ? String(count) : "";
  $("filters-count").hidden = !count;
}

// 相似商品: a dialog with the products like one hit.

async function openSimilar(hit) {
  const dialog = $("similar-dialog");
  const list = $("similar-list");
  $("similar-title").textContent = `与“${hit.display_zh?.title || hit.title_zh || hit.title}”相似的商品`;
  list.replaceChildren(el("p", { class: "similar-status" }, "加载中…"));
  list.dataset.state = "loading";
  if (!dialog.open) dialog.showModal();
  try {
    const answer = await similar(hit);
    const hits = answer.hits ?? [];
    const labels = answer.facet_labels ?? current?.facet_labels ?? {};
    list.replaceChildren(
      ...(hits.length
        ? hits.map((one, i) => card(one, { labels, onOpen: (shown) => sendClick(answer, shown, i + 1) }))
        : [el("p", { class: "similar-status" }, "暂时没有找到相似的商品。")]),
    );
  } catch (error) {
    const { title, advice } = shopperMessage(error);
    list.replaceChildren(el("p", { class: "similar-status", role: "alert" }, `${title}，${advice}`));
  }
  list.dataset.state = "done";
}

// The filter drawer (phones): opened by 筛选, closed by 完成, the backdrop or Escape; the results update behind it.

const drawerButton = $("filters-open");
function setDrawer(open) {
  document.body.classList.toggle("drawer-open", open);
  drawerButton.setAttribute("aria-expanded", String(open));
  $("drawer-backdrop").hidden = !open;
  if (open) $("filters-close").focus();
  else if (document.activeElement && $("filters").contains(document.activeElement)) drawerButton.focus();
}
drawerButton.addEventListener("click", () => setDrawer(true));
$("filters-close").addEventListener("click", () => setDrawer(false));
$("filters-done").addEventListener("click", () => setDrawer(false));
$("drawer-backdrop").addEventListener("click", () => setDrawer(false));
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && document.body.classList.contains("drawer-open")) setDrawer(false);
});
$("filters-reset").addEventListener("click", () => {
  const q = current?.price_intent && state.priceMin === null && state.priceMax === null
    ? withoutPriceText(state.q, current.price_intent)
    : state.q;
  navigate({ ...withoutFilters(state), q, inStock: false });
});
$("similar-close").addEventListener("click", () => $("similar-dialog").close());

// Wiring.

const autocomplete = new Autocomplete({
  input,
  list: $("suggestions"),
  fetch: suggest,
  onPick: (q) => navigate({ ...withoutFilters(state), q }),
});

$("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  autocomplete.close();
  navigate({ ...withoutFilters(state), q: input.value.trim() });
});

for (const link of document.querySelectorAll(".examples a")) {
  link.addEventListener("click", (event) => {
    event.preventDefault();
    navigate({ ...withoutFilters(state), q: readState(link.search, KEYWORDS).q });
  });
}

$("sort").addEventListener("change", (event) => navigate({ ...state, sort: event.target.value }));
$("in-stock").addEventListener("change", (event) => navigate({ ...state, inStock: event.target.checked }));
$("price-reset").addEventListener("click", () => navigate({ ...state, priceMin: null, priceMax: null }));
$("load-more").addEventListener("click", () => {
  if (paging.more) run(paging.more);
});
window.addEventListener("popstate", () => {
  state = readState(window.location.search, KEYWORDS);
  run();
});

run();
