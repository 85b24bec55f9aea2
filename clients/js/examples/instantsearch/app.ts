/**
 * A storefront search page built from InstantSearch.js widgets, searching Haitao through the adapter: a search box,
 * a hierarchical category menu, a brand refinement list, a price range slider in yuan, an in-stock toggle, sorting,
 * the hits, paging and stats. `npm run build` bundles it with instantsearch.js and its CSS into dist/ (nothing
 * is loaded from a CDN); `npm run example` serves it.
 *
 * Where the API is: `config.json` beside the page (`{"baseUrl": "...", "apiKey": "pk-..."}`, written by
 * `npm run example`), else the page's own origin with no key.
 */

import "instantsearch.css/themes/satellite-min.css";
import "./style.css";
import { HaitaoClient, type SearchHit } from "@haitao-search/client";
import { type InstantSearchResult, haitaoSearchClient } from "@haitao-search/client/instantsearch";
import instantsearch, { type Widget } from "instantsearch.js";
import { history } from "instantsearch.js/es/lib/routers";
import {
  clearRefinements,
  currentRefinements,
  hierarchicalMenu,
  hits,
  pagination,
  rangeSlider,
  refinementList,
  searchBox,
  sortBy,
  stats,
  toggleRefinement,
} from "instantsearch.js/es/widgets";

interface Config {
  baseUrl?: string;
  apiKey?: string;
}

const LABELS: Record<string, string> = { brand: "品牌", price: "价格", in_stock: "有货", "category.lvl0": "分类" };
const STOCK: Record<string, string> = { in_stock: "有货", out_of_stock: "缺货", preorder: "预售", backorder: "可订购" };
const yuan = new Intl.NumberFormat("zh-CN", { style: "currency", currency: "CNY", maximumFractionDigits: 0 });
const dollars = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

async function loadConfig(): Promise<Config> {
  const response = await fetch("config.json", { cache: "no-store" }).catch(() => undefined);
  return response?.ok ? ((await response.json()) as Config) : {};
}

function showError(message: string | null): void {
  const banner = document.getElementById("error")!;
  banner.hidden = message === null;
  banner.textContent = message ?? "";
}

/**
 * Haitao's query corrections, which InstantSearch keeps on its results: "已按 蓝牙耳机 为您搜索" when words were
 * corrected, and what the shopper may have meant (to click) when nothing matched.
 */
function queryNotice(selector: string): Widget {
  let searchFor: (query: string) => void = () => undefined;
  return {
    $$type: "haitao.queryNotice",
    init({ helper }) {
      searchFor = (query) => helper.setQuery(query).setPage(0).search();
    },
    render({ results }) {
      const box = document.querySelector<HTMLElement>(selector)!;
      const said = results as unknown as Partial<InstantSearchResult> | undefined;
      box.replaceChildren();
      if (said?.corrected_query) {
        box.append(`已按 ${said.corrected_query} 为您搜索`);
      } else if (said?.did_you_mean?.length) {
        box.append("您是不是要找：");
        for (const text of said.did_you_mean) {
          const button = document.createElement("button");
          button.type = "button";
          button.className = "did-you-mean";
          button.textContent = text;
          button.addEventListener("click", () => searchFor(text));
          box.append(button);
        }
      }
      box.hidden = box.childNodes.length === 0;
    },
  };
}

async function main(): Promise<void> {
  const config = await loadConfig();
  const client = new HaitaoClient({ baseUrl: config.baseUrl ?? window.location.origin, ...(config.apiKey ? { apiKey: config.apiKey } : {}) });
  const search = instantsearch({
    indexName: "products",
    searchClient: haitaoSearchClient(client, { currency: "CNY", hitsPerPage: 12 }),
    routing: { router: history({ cleanUrlOnDispose: false }) },
    future: { preserveSharedStateOnUnmount: true },
  });

  search.addWidgets([
    searchBox({ container: "#searchbox", placeholder: "搜索商品：蓝牙耳机、lanya erji、500元以下 保温杯", showLoadingIndicator: true }),
    hierarchicalMenu({ container: "#categories", attributes: ["category.lvl0", "category.lvl1", "category.lvl2"] }),
    refinementList({
      container: "#brands",
      attribute: "brand",
      limit: 8,
      showMore: true,
      searchable: true,
      searchablePlaceholder: "搜索品牌",
      templates: { showMoreText: ({ isShowingMore }) => (isShowingMore ? "收起" : "更多品牌") },
    }),
    rangeSlider({ container: "#price", attribute: "price", precision: 0, pips: false, tooltips: { format: (v) => yuan.format(v) } }),
    toggleRefinement({ container: "#in-stock", attribute: "in_stock", templates: { labelText: () => "只看有货" } }),
    clearRefinements({ container: "#clear", templates: { resetLabel: () => "清除筛选" } }),
    queryNotice("#notice"),
    currentRefinements({
      container: "#refinements",
      transformItems: (items) => items.map((item) => ({ ...item, label: LABELS[item.attribute] ?? item.label })),
    }),
    sortBy({
      container: "#sort",
      items: [
        { label: "综合排序", value: "products" },
        { label: "价格从低到高", value: "products:price_asc" },
        { label: "价格从高到低", value: "products:price_desc" },
        { label: "最新", value: "products:newest" },
      ],
    }),
    stats({
      container: "#stats",
      templates: {
        text: ({ nbHits, processingTimeMS, query }, { html }) =>
          html`${query ? `“${query}” ` : ""}找到 <strong class="stats-count">${nbHits}</strong> 件商品，用时 ${processingTimeMS} 毫秒`,
      },
    }),
    hits<SearchHit>({
      container: "#hits",
      templates: {
        item: (hit, { html, components }) => html`
          <article class="product" data-id=${hit.objectID} data-brand=${hit.brand ?? ""} data-price-cny=${hit.price?.cny ?? ""}>
            <h3 class="product-title">${components.Highlight({ hit, attribute: "title" })}</h3>
            ${hit.title_zh ? html`<div class="product-title-zh">${components.Highlight({ hit, attribute: "title_zh" })}</div>` : ""}
            <div class="product-brand">${hit.brand ?? ""}</div>
            <div class="product-category">${hit.category ?? ""}</div>
            <div class="product-price">
              ${hit.price ? yuan.format(hit.price.cny) : ""}${hit.price_max ? `–${yuan.format(hit.price_max.cny)}` : ""}
              <small>${hit.price ? dollars.format(hit.price.usd) : ""}</small>
            </div>
            <div class="product-stock ${hit.availability === "in_stock" ? "" : "out"}">${STOCK[hit.availability ?? ""] ?? ""}</div>
          </article>
        `,
        empty: ({ query }, { html }) => html`<p class="empty">没有找到与“${query}”相关的商品，换个说法或清除筛选试试。</p>`,
      },
    }),
    pagination({ container: "#pagination", padding: 2 }),
  ]);

  search.on("error", ({ error }) => showError(`搜索出错：${error.message}`));
  search.on("render", () => {
    if (search.status !== "error") showError(null);
    document.body.dataset.status = search.status;
  });
  search.start();
}

main().catch((error: unknown) => showError(`页面无法启动：${error instanceof Error ? error.message : String(error)}`));
