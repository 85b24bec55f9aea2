// @haitao-search/client (clients/js), bundled for the demo storefront by clients/js/scripts/build-storefront.mjs.
// Generated: do not edit; `cd clients/js && npm run build` rewrites it.
var __defProp = Object.defineProperty;
var __defNormalProp = (obj, key, value) => key in obj ? __defProp(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField = (obj, key, value) => __defNormalProp(obj, typeof key !== "symbol" ? key + "" : key, value);

// src/errors.ts
var HaitaoError = class extends Error {
  constructor(message, details) {
    super(message, details.cause === void 0 ? void 0 : { cause: details.cause });
    __publicField(this, "name", "HaitaoError");
    __publicField(this, "kind");
    __publicField(this, "method");
    __publicField(this, "url");
    __publicField(this, "status");
    __publicField(this, "body");
    __publicField(this, "retryAfterS");
    __publicField(this, "attempts");
    this.kind = details.kind;
    this.method = details.method;
    this.url = details.url;
    this.status = details.status;
    this.body = details.body;
    this.retryAfterS = details.retryAfterS;
    this.attempts = details.attempts ?? 1;
  }
  /** The API's error (`status` and `message`, from the body `{"error": {...}}`), when the server sent one.
   * (Not called `error`: InstantSearch sets `error.error` on the errors it reports.) */
  get apiError() {
    return isErrorResponse(this.body) ? this.body.error : void 0;
  }
};
function isErrorResponse(body) {
  if (typeof body !== "object" || body === null) return false;
  const error = body.error;
  return typeof error === "object" && error !== null && typeof error.status === "number" && typeof error.message === "string";
}

// src/http.ts
var RETRY_STATUSES = /* @__PURE__ */ new Set([429, 502, 503, 504]);
var MAX_BACKOFF_MS = 8e3;
var Transport = class {
  constructor(options) {
    __publicField(this, "options");
    __publicField(this, "base");
    let base;
    try {
      base = new URL(options.baseUrl);
    } catch {
      throw new TypeError(`baseUrl: ${JSON.stringify(options.baseUrl)} is not an absolute URL (e.g. https://search.example.cn)`);
    }
    if (base.protocol !== "http:" && base.protocol !== "https:") {
      throw new TypeError(`baseUrl: ${JSON.stringify(options.baseUrl)} is not an http(s) URL`);
    }
    if (base.search || base.hash) {
      throw new TypeError(`baseUrl: ${JSON.stringify(options.baseUrl)} must not carry a query or fragment`);
    }
    checkCount("timeoutMs", options.timeoutMs, 1);
    checkCount("retries", options.retries, 0);
    this.options = options;
    this.base = base.href.replace(/\/+$/, "");
  }
  url(path, query) {
    const search = query ? encodeQuery(query) : "";
    return `${this.base}${path}${search ? `?${search}` : ""}`;
  }
  async request(spec, call = {}) {
    const timeoutMs = call.timeoutMs ?? this.options.timeoutMs;
    const retries = spec.safe ? call.retries ?? this.options.retries : 0;
    checkCount("timeoutMs", timeoutMs, 1);
    checkCount("retries", retries, 0);
    const url = this.url(spec.path, spec.query);
    const init = this.init(spec, call.headers);
    for (let attempt = 1; ; attempt++) {
      call.signal?.throwIfAborted();
      let error;
      try {
        return await this.attempt(spec, url, init, timeoutMs, call.signal, attempt);
      } catch (caught) {
        if (!(caught instanceof HaitaoError)) throw caught;
        error = caught;
      }
      const wait = this.retryWait(error, attempt);
      if (attempt > retries || wait === void 0) throw error;
      await sleep(wait, call.signal);
    }
  }
  init(spec, extra) {
    const headers = { Accept: "application/json", ...this.options.headers, ...extra };
    if (this.options.apiKey) headers["X-API-Key"] = this.options.apiKey;
    const init = { method: spec.method, headers };
    if (spec.body !== void 0) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(spec.body);
    }
    return init;
  }
  async attempt(spec, url, init, timeoutMs, signal, attempt) {
    const controller = new AbortController();
    const timedOut = new Error("timeout");
    const timer = setTimeout(() => controller.abort(timedOut), timeoutMs);
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    const where = { method: spec.method, url, attempts: attempt };
    try {
      let response;
      let text;
      try {
        response = await this.options.fetch(url, { ...init, signal: controller.signal });
        text = await response.text();
      } catch (cause) {
        if (signal?.aborted) throw signal.reason;
        if (controller.signal.reason === timedOut) {
          throw new HaitaoError(`Haitao ${spec.method} ${spec.path}: no answer within ${timeoutMs} ms`, {
            ...where,
            kind: "timeout"
          });
        }
        throw new HaitaoError(`Haitao ${spec.method} ${spec.path}: ${describe(cause)}`, {
          ...where,
          kind: "network",
          cause
        });
      }
      return parse(spec, response, text, where);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
  }
  /** Milliseconds to wait before trying `error`'s request again, or undefined when it must not be retried. */
  retryWait(error, attempt) {
    const retryable = error.kind === "network" || error.kind === "timeout" || error.status !== void 0 && RETRY_STATUSES.has(error.status);
    if (!retryable) return void 0;
    if (error.retryAfterS !== void 0) {
      return error.retryAfterS <= this.options.maxRetryAfterS ? error.retryAfterS * 1e3 : void 0;
    }
    const ceiling = Math.min(MAX_BACKOFF_MS, this.options.retryDelayMs * 2 ** (attempt - 1));
    return Math.random() * ceiling;
  }
};
function parse(spec, response, text, where) {
  let body = text;
  let json = false;
  if (text) {
    try {
      body = JSON.parse(text);
      json = true;
    } catch {
    }
  }
  if (!response.ok) {
    const said = isErrorResponse(body) ? body.error.message : `${response.statusText || "error"}${text ? `: ${text.slice(0, 200)}` : ""}`;
    const retryAfterS = parseRetryAfter(response.headers.get("Retry-After"));
    throw new HaitaoError(`Haitao ${spec.method} ${spec.path}: ${response.status} ${said}`, {
      ...where,
      kind: "http",
      status: response.status,
      body,
      ...retryAfterS === void 0 ? {} : { retryAfterS }
    });
  }
  if (!json || typeof body !== "object" || body === null) {
    throw new HaitaoError(`Haitao ${spec.method} ${spec.path}: the answer is not a JSON object (is the base URL the API's?)`, {
      ...where,
      kind: "invalid_response",
      status: response.status,
      body
    });
  }
  return body;
}
function encodeQuery(query) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === void 0 || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) params.append(name, String(item));
    } else {
      params.append(name, String(value));
    }
  }
  return params.toString();
}
function parseRetryAfter(value, now = Date.now()) {
  if (value === null || value.trim() === "") return void 0;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? void 0 : Math.max(0, Math.ceil((date - now) / 1e3));
}
function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
function describe(cause) {
  if (cause instanceof Error) {
    const inner = cause.cause;
    const detail = inner instanceof Error ? `: ${inner.message}` : "";
    return `${cause.message}${detail}`;
  }
  return String(cause);
}
function checkCount(name, value, least) {
  if (!Number.isInteger(value) || value < least) {
    throw new RangeError(`${name}: must be an integer of at least ${least}, got ${value}`);
  }
}

// src/client.ts
var MAX_GET_URL = 2e3;
var HaitaoClient = class {
  constructor(options) {
    __publicField(this, "transport");
    if (typeof options?.baseUrl !== "string") throw new TypeError("baseUrl: required, e.g. https://search.example.cn");
    const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.transport = new Transport({
      baseUrl: options.baseUrl,
      apiKey: options.apiKey,
      timeoutMs: options.timeoutMs ?? 1e4,
      retries: options.retries ?? 2,
      retryDelayMs: options.retryDelayMs ?? 250,
      maxRetryAfterS: options.maxRetryAfterS ?? 10,
      headers: options.headers ?? {},
      fetch: fetchImpl
    });
  }
  /** The base URL the client calls, without a trailing slash. */
  get baseUrl() {
    return this.transport.url("");
  }
  /**
   * Searches products: `q` in Chinese, pinyin or English (empty browses), filters (`brand`, `category`,
   * `price_min`/`price_max` in `currency`, `in_stock`, `attr`), `facets` to count, `sort`, `page`/`size` or
   * `cursor`. A search has no side effect, so it is retried like a GET whichever method carries it.
   */
  search(params = {}, options = {}) {
    const { method = "auto", ...call } = options;
    const query = searchQuery(params);
    const get = method === "GET" || method === "auto" && this.transport.url("/v1/search", query).length <= MAX_GET_URL;
    if (get) return this.transport.request({ method: "GET", path: "/v1/search", query, safe: true }, call);
    return this.transport.request({ method: "POST", path: "/v1/search", body: params, safe: true }, call);
  }
  /**
   * Every page of a search, one after another, following `next_cursor` (so browsing reaches past the 10,000
   * results `page` can reach). Stop iterating to stop fetching.
   */
  async *pages(params = {}, options = {}) {
    let cursor;
    do {
      const page = await this.search(cursor ? { ...params, cursor } : params, options);
      yield page;
      cursor = page.next_cursor;
    } while (cursor);
  }
  /** Completions of what the shopper has typed so far (Chinese, pinyin, initials or English). */
  suggest(q, options = {}) {
    const { size, ...call } = options;
    return this.transport.request({ method: "GET", path: "/v1/suggest", query: { q, size }, safe: true }, call);
  }
  /** Every value of one facet over the whole catalog (for filter menus); for `price`, the buckets and range. */
  facets(name, options = {}) {
    const { limit, currency, ...call } = options;
    return this.transport.request(
      { method: "GET", path: "/v1/facets", query: { name, limit, currency }, safe: true },
      call
    );
  }
  /** One product as stored, with its seller's name and its price in USD and CNY; a HaitaoError with status 404
   * when there is none. A product is named by its seller and its id (`{ seller }`); without a seller, the server's
   * default seller's (a single-catalog index). */
  product(id, options = {}) {
    const { seller, ...call } = options;
    if (typeof id !== "string" || id === "") throw new TypeError("id: a product id is required");
    if (seller !== void 0 && (typeof seller !== "string" || seller === "")) {
      throw new TypeError("seller: a seller id, or leave it out");
    }
    const path = seller === void 0 ? `/v1/products/${encodeURIComponent(id)}` : `/v1/products/${encodeURIComponent(seller)}/${encodeURIComponent(id)}`;
    return this.transport.request({ method: "GET", path, safe: true }, call);
  }
  /** Several searches in one request (at most 10), answered in order, each as `search` answers it. */
  multiSearch(searches, options = {}) {
    if (!Array.isArray(searches) || searches.length === 0) throw new TypeError("searches: one search or more");
    return this.transport.request({ method: "POST", path: "/v1/multi-search", body: { searches }, safe: true }, options);
  }
  /** Products like the product `(seller, id)` (相似商品), its own variants left out, under the usual filters;
   * answered like a search (with a `query_id` for the shopper's clicks on them). */
  similar(seller, id, params = {}, options = {}) {
    if (typeof seller !== "string" || seller === "") throw new TypeError("seller: a seller id is required");
    if (typeof id !== "string" || id === "") throw new TypeError("id: a product id is required");
    const path = `/v1/products/${encodeURIComponent(seller)}/${encodeURIComponent(id)}/similar`;
    return this.transport.request({ method: "GET", path, query: searchQuery(params), safe: true }, options);
  }
  /** What the shopper did with a result: `{ type: "click" | "add_to_cart" | "purchase", query_id, seller, id,
   * position }` (`query_id` of the search the product was in). Not retried: a repeated event would count twice. */
  event(event, options = {}) {
    return this.transport.request({ method: "POST", path: "/v1/events", body: event, safe: false }, options);
  }
};
function searchQuery(params) {
  const query = {};
  for (const [name, value] of Object.entries(params)) query[name] = value;
  return query;
}
export {
  HaitaoClient,
  HaitaoError
};
