/**
 * The transport under every method of the client: URL and query encoding, the API key header, a timeout per
 * attempt, retries of safe requests with backoff (and the server's `Retry-After`), and `HaitaoError` for every
 * failure. Endpoints are described by `RequestSpec`s in client.ts; nothing here knows about them.
 */

import { HaitaoError, isErrorResponse } from "./errors.js";

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[];

export interface RequestSpec {
  method: "GET" | "POST";
  /** Path below the base URL, e.g. `/v1/search`; path segments already encoded. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Whether sending it twice does no harm (reads): only such requests are retried. */
  safe: boolean;
}

/** Per-call options, on top of the client's. */
export interface CallOptions {
  /** Cancels the request (and any wait before a retry); the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Milliseconds one attempt may take, answer body included. */
  timeoutMs?: number;
  /** Further attempts after the first, for requests that are safe to repeat. */
  retries?: number;
  /** Extra request headers. */
  headers?: Record<string, string>;
}

export interface TransportOptions {
  baseUrl: string;
  apiKey?: string | undefined;
  timeoutMs: number;
  retries: number;
  /** Base of the exponential backoff between attempts, in milliseconds (full jitter). */
  retryDelayMs: number;
  /** The longest `Retry-After` (seconds) the client waits for by itself; longer, it throws at once. */
  maxRetryAfterS: number;
  headers: Record<string, string>;
  fetch: FetchLike;
}

/** Statuses after which a safe request is tried again: rate limited, or the server or a proxy briefly unable. */
const RETRY_STATUSES = new Set([429, 502, 503, 504]);
const MAX_BACKOFF_MS = 8_000;

export class Transport {
  readonly options: TransportOptions;
  private readonly base: string;

  constructor(options: TransportOptions) {
    let base: URL;
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

  url(path: string, query?: Record<string, QueryValue>): string {
    const search = query ? encodeQuery(query) : "";
    return `${this.base}${path}${search ? `?${search}` : ""}`;
  }

  async request<T>(spec: RequestSpec, call: CallOptions = {}): Promise<T> {
    const timeoutMs = call.timeoutMs ?? this.options.timeoutMs;
    const retries = spec.safe ? (call.retries ?? this.options.retries) : 0;
    checkCount("timeoutMs", timeoutMs, 1);
    checkCount("retries", retries, 0);
    const url = this.url(spec.path, spec.query);
    const init = this.init(spec, call.headers);
    for (let attempt = 1; ; attempt++) {
      call.signal?.throwIfAborted();
      let error: HaitaoError;
      try {
        return await this.attempt<T>(spec, url, init, timeoutMs, call.signal, attempt);
      } catch (caught) {
        if (!(caught instanceof HaitaoError)) throw caught; // the caller's abort
        error = caught;
      }
      const wait = this.retryWait(error, attempt);
      if (attempt > retries || wait === undefined) throw error;
      await sleep(wait, call.signal);
    }
  }

  private init(spec: RequestSpec, extra: Record<string, string> | undefined): RequestInit {
    const headers: Record<string, string> = { Accept: "application/json", ...this.options.headers, ...extra };
    if (this.options.apiKey) headers["X-API-Key"] = this.options.apiKey;
    const init: RequestInit = { method: spec.method, headers };
    if (spec.body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(spec.body);
    }
    return init;
  }

  private async attempt<T>(
    spec: RequestSpec,
    url: string,
    init: RequestInit,
    timeoutMs: number,
    signal: AbortSignal | undefined,
    attempt: number,
  ): Promise<T> {
    const controller = new AbortController();
    const timedOut = new Error("timeout");
    const timer = setTimeout(() => controller.abort(timedOut), timeoutMs);
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    const where = { method: spec.method, url, attempts: attempt };
    try {
      let response: Response;
      let text: string;
      try {
        response = await this.options.fetch(url, { ...init, signal: controller.signal });
        text = await response.text();
      } catch (cause) {
        if (signal?.aborted) throw signal.reason;
        if (controller.signal.reason === timedOut) {
          throw new HaitaoError(`Haitao ${spec.method} ${spec.path}: no answer within ${timeoutMs} ms`, {
            ...where,
            kind: "timeout",
          });
        }
        throw new HaitaoError(`Haitao ${spec.method} ${spec.path}: ${describe(cause)}`, {
          ...where,
          kind: "network",
          cause,
        });
      }
      return parse<T>(spec, response, text, where);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
  }

  /** Milliseconds to wait before trying `error`'s request again, or undefined when it must not be retried. */
  private retryWait(error: HaitaoError, attempt: number): number | undefined {
    const retryable =
      error.kind === "network" || error.kind === "timeout" || (error.status !== undefined && RETRY_STATUSES.has(error.status));
    if (!retryable) return undefined;
    if (error.retryAfterS !== undefined) {
      return error.retryAfterS <= this.options.maxRetryAfterS ? error.retryAfterS * 1000 : undefined;
    }
    const ceiling = Math.min(MAX_BACKOFF_MS, this.options.retryDelayMs * 2 ** (attempt - 1));
    return Math.random() * ceiling;
  }
}

function parse<T>(
  spec: RequestSpec,
  response: Response,
  text: string,
  where: { method: string; url: string; attempts: number },
): T {
  let body: unknown = text;
  let json = false;
  if (text) {
    try {
      body = JSON.parse(text);
      json = true;
    } catch {
      // not JSON: kept as text in the error
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
      ...(retryAfterS === undefined ? {} : { retryAfterS }),
    });
  }
  if (!json || typeof body !== "object" || body === null) {
    throw new HaitaoError(`Haitao ${spec.method} ${spec.path}: the answer is not a JSON object (is the base URL the API's?)`, {
      ...where,
      kind: "invalid_response",
      status: response.status,
      body,
    });
  }
  return body as T;
}

/** `a=1&brand=Sony&brand=Bose`: lists as repeated parameters, null and undefined left out. */
export function encodeQuery(query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) params.append(name, String(item));
    } else {
      params.append(name, String(value));
    }
  }
  return params.toString();
}

/** Seconds from a `Retry-After` header: a number of seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
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

function describe(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as { cause?: unknown }).cause;
    const detail = inner instanceof Error ? `: ${inner.message}` : "";
    return `${cause.message}${detail}`;
  }
  return String(cause);
}

function checkCount(name: string, value: number, least: number): void {
  if (!Number.isInteger(value) || value < least) {
    throw new RangeError(`${name}: must be an integer of at least ${least}, got ${value}`);
  }
}
