// The storefront page: wires the search box, filters and result list to the API, with the search in the URL.

import { PAGE_SIZE, facetConfig, search, suggest } from "./api.js";
import { Autocomplete } from "./autocomplete.js";
import { bucketLabel, bucketRange, categoryParts, formatCnyWhole } from "./format.js";
import { PriceRange } from "./price-range.js";
import { analysis, card, el, facetList } from "./render.js";
import { readState, withoutFilters, writeState } from "./state.js";

const $ = (id) => document.getElementById(id);
const results = $("results");
const input = $("q");

// The facets, from the server's field registry: keyword facets (brand, …) and the category get a list of values to
// tick each, built here; availability and price have their own controls in the page.
const FACETS = await facetConfig();
const KEYWORDS = FACETS.filter((facet) => facet.type === "keyword").map((facet) => facet.name);
const LISTED = FACETS.filter((facet) => facet.type === "keyword" || facet.type === "category");
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
    const answer = await search(state, more ?? {}, request.signal, FACETS);
    if (!request.signal.aborted) show(answer, Boolean(more));
  } catch (error) {
    if (error.name !== "AbortError") showError(error);
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
  $("explain").checked = state.explain;
  $("in-stock").checked = state.inStock;
  document.title = state.q ? `${state.q} - 海淘搜索` : "海淘搜索 · 用中文搜美国好物";
  activeFilters();
}

function show(answer, append) {
  $("message").hidden = true;
  const cards = answer.hits.map(card);
  if (append) results.append(...cards);
  else results.replaceChildren(...cards);
  paging = {
    shown: (append ? paging.shown : 0) + answer.hits.length,
    more: nextPage(answer),
  };
  paging.more = paging.shown < answer.total ? paging.more : null;
  $("load-more").hidden = paging.more === null;
  results.dataset.query = answer.query;
  results.dataset.state = answer.total ? "done" : "empty";
  if (!answer.total) results.append(emptyState(answer));
  summary(answer);
  if (!append) {
    facets(answer);
    explainPanel(answer);
  }
  const rate = answer.exchange_rate;
  $("rate").textContent = `汇率：1 美元 ≈ ${rate.cny_per_usd} 元人民币（${rate.as_of}）。人民币价格按此汇率换算，仅供参考。`;
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

/** What the search changed: a corrected query (已按 X 为您搜索), words dropped to find anything. */
function notice(answer) {
  const lines = [];
  if (answer.corrected_query) {
    lines.push(el("p", { class: "corrected" }, "已按 ", el("strong", {}, answer.corrected_query), " 为您搜索"));
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
  const reasons = {
    0: "无法连接到搜索服务器，请确认服务已经启动。",
    401: "需要 API 密钥：请在地址后加上 ?key=您的密钥。",
    403: "API 密钥无效。",
    429: "请求太频繁，请稍后再试。",
    503: `搜索服务暂时不可用，请稍后再试。（${error.message}）`,
  };
  const text = reasons[error.status] ?? (error.status === 422 ? `请求有误：${error.message}` : `出错了（${error.status}）：${error.message}`);
  const retry = el("button", { type: "button", class: "link-button" }, "重试");
  retry.addEventListener("click", () => run());
  message.replaceChildren(el("span", {}, text), " ", retry);
  message.hidden = false;
  message.dataset.status = String(error.status);
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
  for (const facet of LISTED) {
    const list = $(`facet-${facet.name}`);
    if (facet.type === "category") {
      const selected = state.category ? [state.category] : [];
      facetList(list, counts[facet.name], selected, categoryLabel, (category, checked) => {
        navigate({ ...state, category: checked ? category : null });
      });
      continue;
    }
    const ticked = state.terms[facet.name];
    facetList(list, counts[facet.name], ticked, (v) => ({ text: v }), (value, checked) => {
      const values = checked ? [...ticked, value] : ticked.filter((v) => v !== value);
      navigate({ ...state, terms: { ...state.terms, [facet.name]: values } });
    });
  }
  const inStock = counts.availability?.in_stock;
  $("in-stock-count").textContent = inStock === undefined ? "" : String(inStock);
  price.show(state.priceMin, state.priceMax, answer.facets_stats?.price);
  priceBuckets(counts.price);
  $("price-reset").hidden = state.priceMin === null && state.priceMax === null;
}

function categoryLabel(path) {
  const { leaf, parent, top } = categoryParts(path);
  return { text: leaf, hint: `${top}：${parent ? `${parent} › ` : ""}${leaf}` };
}

function priceBuckets(buckets) {
  const list = $("price-buckets");
  list.replaceChildren(
    ...Object.entries(buckets || {})
      .filter(([, count]) => count > 0)
      .map(([key, count]) => {
        const [priceMin, priceMax] = bucketRange(key);
        const chosen = state.priceMin === priceMin && state.priceMax === priceMax;
        const button = el(
          "button",
          { type: "button", class: "bucket", "aria-pressed": String(chosen) },
          bucketLabel(key),
          el("span", { class: "facet-count" }, String(count)),
        );
        button.addEventListener("click", () =>
          navigate(chosen ? { ...state, priceMin: null, priceMax: null } : { ...state, priceMin, priceMax }),
        );
        return el("li", {}, button);
      }),
  );
}

function explainPanel(answer) {
  const panel = $("analysis");
  panel.hidden = !answer.explain;
  if (answer.explain) {
    analysis(panel, answer.explain, ` 用时 ${answer.took_ms} ms${answer.explain.cached ? "（缓存结果）" : ""}`, FACETS);
  }
}

/** Chips for the filters in force, each removable. */
function activeFilters() {
  const chips = [];
  const chip = (text, without) => {
    const button = el("button", { type: "button", class: "chip", "aria-label": `移除筛选：${text}` }, text, el("span", { "aria-hidden": "true" }, " ×"));
    button.addEventListener("click", () => navigate({ ...state, ...without }));
    chips.push(button);
  };
  for (const [name, values] of Object.entries(state.terms)) {
    for (const value of values) chip(value, { terms: { ...state.terms, [name]: values.filter((v) => v !== value) } });
  }
  if (state.category) chip(categoryParts(state.category).leaf, { category: null });
  if (state.priceMin !== null || state.priceMax !== null) {
    const low = state.priceMin === null ? "" : formatCnyWhole(state.priceMin);
    const high = state.priceMax === null ? "不限" : formatCnyWhole(state.priceMax);
    chip(`${low || "¥0"} – ${high}`, { priceMin: null, priceMax: null });
  }
  if (state.inStock) chip("只看有货", { inStock: false });
  $("active-filters").replaceChildren(...chips);
}

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
$("explain").addEventListener("change", (event) => navigate({ ...state, explain: event.target.checked }));
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
