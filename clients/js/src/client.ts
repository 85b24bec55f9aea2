/**
 * `HaitaoClient`: one method per route of the shopper-facing API. Each method describes its request (method, path,
 * parameters, whether it is safe to repeat) and hands it to the transport (http.ts), which sends it with the key,
 * the timeout and the retries. A new route is one more short method here and its types in types.ts.
 */

import { type CallOptions, type FetchLike, type QueryValue, Transport } from "./http.js";
import type {
  Event,
  EventAccepted,
  FacetName,
  FacetValues,
  FacetsParams,
  MultiSearchResponse,
  ProductResponse,
  SearchParams,
  SearchResponse,
  SimilarParams,
  SuggestResponse,
} from "./types.js";

export interface HaitaoClientOptions {
  /** The API's address, e.g. `https://search.example.cn` (routes are under `/v1`). */
  baseUrl: string;
  /** The search key (`HAITAO_SEARCH_API_KEY`), sent as `X-API-Key`; only where the server sets one. It is a public,
   * search-only key: never put the admin key in a page. */
  apiKey?: string;
  /** Milliseconds one attempt may take, answer included (default 10,000). */
  timeoutMs?: number;
  /** Further attempts for requests that are safe to repeat (all of today's), after a network error, a timeout,
   * 429, 502, 503 or 504 (default 2; 0 turns retries off). */
  retries?: number;
  /** Base of the exponential backoff between attempts, in milliseconds, with full jitter (default 250). */
  retryDelayMs?: number;
  /** A 429 or 503 with a `Retry-After` up to this many seconds is waited out and retried; a longer one fails at
   * once, with `retryAfterS` on the error (default 10). */
  maxRetryAfterS?: number;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** The `fetch` to use (default: the global one; Node 18+ and browsers have it). */
  fetch?: FetchLike;
}

export interface SearchOptions extends CallOptions {
  /** `GET` (cacheable), `POST` (a JSON body), or `auto` (default): GET unless the URL would be longer than
   * 2,000 characters. Both answer the same. */
  method?: "GET" | "POST" | "auto";
}

export interface SuggestOptions extends CallOptions {
  /** How many suggestions at most (1–20, default 8). */
  size?: number;
}

export type FacetsOptions = CallOptions & Omit<FacetsParams, "name">;

export interface ProductOptions extends CallOptions {
  /** The seller whose product this is (GET /v1/products/{seller}/{id}). */
  seller?: string;
}

const MAX_GET_URL = 2_000;

export class HaitaoClient {
  private readonly transport: Transport;

  constructor(options: HaitaoClientOptions) {
    if (typeof options?.baseUrl !== "string") throw new TypeError("baseUrl: required, e.g. https://search.example.cn");
    const fetchImpl = options.fetch ?? ((input: string, init: RequestInit) => globalThis.fetch(input, init));
    this.transport = new Transport({
      baseUrl: options.baseUrl,
      apiKey: options.apiKey,
      timeoutMs: options.timeoutMs ?? 10_000,
      retries: options.retries ?? 2,
      retryDelayMs: options.retryDelayMs ?? 250,
      maxRetryAfterS: options.maxRetryAfterS ?? 10,
      headers: options.headers ?? {},
      fetch: fetchImpl,
    });
  }

  /** The base URL the client calls, without a trailing slash. */
  get baseUrl(): string {
    return this.transport.url("");
  }

  /**
   * Searches products: `q` in Chinese, pinyin or English (empty browses), filters (`brand`, `category`,
   * `price_min`/`price_max` in `currency`, `in_stock`, `attr`), `facets` to count, `sort`, `page`/`size` or
   * `cursor`. A search has no side effect, so it is retried like a GET whichever method carries it.
   */
  search(params: SearchParams = {}, options: SearchOptions = {}): Promise<SearchResponse> {
    const { method = "auto", ...call } = options;
    const query = searchQuery(params);
    const get = method === "GET" || (method === "auto" && this.transport.url("/v1/search", query).length <= MAX_GET_URL);
    if (get) return this.transport.request({ method: "GET", path: "/v1/search", query, safe: true }, call);
    return this.transport.request({ method: "POST", path: "/v1/search", body: params, safe: true }, call);
  }

  /**
   * Every page of a search, one after another, following `next_cursor` (so browsing reaches past the 10,000
   * results `page` can reach). Stop iterating to stop fetching.
   */
  async *pages(params: Omit<SearchParams, "page" | "cursor"> = {}, options: SearchOptions = {}): AsyncGenerator<SearchResponse> {
    let cursor: string | null | undefined;
    do {
      const page: SearchResponse = await this.search(cursor ? { ...params, cursor } : params, options);
      yield page;
      cursor = page.next_cursor;
    } while (cursor);
  }

  /** Completions of what the shopper has typed so far (Chinese, pinyin, initials or English). */
  suggest(q: string, options: SuggestOptions = {}): Promise<SuggestResponse> {
    const { size, ...call } = options;
    return this.transport.request({ method: "GET", path: "/v1/suggest", query: { q, size }, safe: true }, call);
  }

  /** Every value of one facet over the whole catalog (for filter menus); for `price`, the buckets and range. */
  facets(name: FacetName, options: FacetsOptions = {}): Promise<FacetValues> {
    const { limit, currency, ...call } = options;
    return this.transport.request(
      { method: "GET", path: "/v1/facets", query: { name, limit, currency }, safe: true },
      call,
    );
  }

  /** One product as stored, with its seller's name and its price in USD and CNY; a HaitaoError with status 404
   * when there is none. A product is named by its seller and its id (`{ seller }`); without a seller, the server's
   * default seller's (a single-catalog index). */
  product(id: string, options: ProductOptions = {}): Promise<ProductResponse> {
    const { seller, ...call } = options;
    if (typeof id !== "string" || id === "") throw new TypeError("id: a product id is required");
    if (seller !== undefined && (typeof seller !== "string" || seller === "")) {
      throw new TypeError("seller: a seller id, or leave it out");
    }
    const path = seller === undefined
      ? `/v1/products/${encodeURIComponent(id)}`
      : `/v1/products/${encodeURIComponent(seller)}/${encodeURIComponent(id)}`;
    return this.transport.request({ method: "GET", path, safe: true }, call);
  }

  /** Several searches in one request (at most 10), answered in order, each as `search` answers it. */
  multiSearch(searches: SearchParams[], options: CallOptions = {}): Promise<MultiSearchResponse> {
    if (!Array.isArray(searches) || searches.length === 0) throw new TypeError("searches: one search or more");
    return this.transport.request({ method: "POST", path: "/v1/multi-search", body: { searches }, safe: true }, options);
  }

  /** Products like the product `(seller, id)` (相似商品), its own variants left out, under the usual filters;
   * answered like a search (with a `query_id` for the shopper's clicks on them). */
  similar(seller: string, id: string, params: SimilarParams = {}, options: CallOptions = {}): Promise<SearchResponse> {
    if (typeof seller !== "string" || seller === "") throw new TypeError("seller: a seller id is required");
    if (typeof id !== "string" || id === "") throw new TypeError("id: a product id is required");
    const path = `/v1/products/${encodeURIComponent(seller)}/${encodeURIComponent(id)}/similar`;
    return this.transport.request({ method: "GET", path, query: searchQuery(params), safe: true }, options);
  }

  /** What the shopper did with a result: `{ type: "click" | "add_to_cart" | "purchase", query_id, seller, id,
   * position }` (`query_id` of the search the product was in). Not retried: a repeated event would count twice. */
  event(event: Event, options: CallOptions = {}): Promise<EventAccepted> {
    return this.transport.request({ method: "POST", path: "/v1/events", body: event, safe: false }, options);
  }
}

/** The search parameters as query parameters: lists repeated, unset ones left out. */
function searchQuery(params: SearchParams): Record<string, QueryValue> {
  const query: Record<string, QueryValue> = {};
  for (const [name, value] of Object.entries(params)) query[name] = value as QueryValue;
  return query;
}

