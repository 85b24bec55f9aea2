/** The client's HTTP behaviour over real HTTP: encoding, the key header, errors, timeouts, retries, aborts. */

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { HaitaoClient, HaitaoError } from "../src/index.js";
import { Transport, encodeQuery, parseRetryAfter } from "../src/http.js";
import { rejection } from "./support/rejection.js";
import { type Reply, ScriptedServer, searchAnswer } from "./support/scripted-server.js";

async function withServer<T>(script: (index: number) => Reply, body: (url: string, server: ScriptedServer) => Promise<T>): Promise<T> {
  const server = new ScriptedServer((_request, index) => script(index));
  const url = await server.start();
  try {
    return await body(url, server);
  } finally {
    await server.stop();
  }
}

const quick = { retryDelayMs: 1 };

describe("requests", () => {
  test("search parameters are query parameters, lists repeated, unset ones left out", async () => {
    await withServer(
      () => ({ body: searchAnswer(3) }),
      async (url, server) => {
        const client = new HaitaoClient({ baseUrl: `${url}/`, apiKey: "pk-1", headers: { "X-Shop": "demo" } });
        const answer = await client.search({ q: "蓝牙耳机 500元以下", brand: ["Sony", "Bose"], in_stock: true, category: null, price_max: 500 });
        assert.equal(answer.total, 3);
        const [request] = server.requests;
        assert.equal(request!.method, "GET");
        const sent = new URL(request!.url, url);
        assert.equal(sent.pathname, "/v1/search");
        assert.deepEqual(sent.searchParams.getAll("brand"), ["Sony", "Bose"]);
        assert.equal(sent.searchParams.get("q"), "蓝牙耳机 500元以下");
        assert.equal(sent.searchParams.get("in_stock"), "true");
        assert.equal(sent.searchParams.get("price_max"), "500");
        assert.equal(sent.searchParams.has("category"), false);
        assert.equal(request!.headers["x-api-key"], "pk-1");
        assert.equal(request!.headers["x-shop"], "demo");
        assert.equal(request!.headers["accept"], "application/json");
      },
    );
  });

  test("a search too long for a URL goes as a JSON body; method forces either", async () => {
    await withServer(
      () => ({ body: searchAnswer() }),
      async (url, server) => {
        const client = new HaitaoClient({ baseUrl: url });
        const brands = Array.from({ length: 20 }, (_, i) => `Brand number ${i} with a rather long name ${"x".repeat(80)}`);
        await client.search({ q: "耳机", brand: brands });
        await client.search({ q: "耳机" }, { method: "POST" });
        const [long, forced] = server.requests;
        assert.equal(long!.method, "POST");
        assert.equal(long!.url, "/v1/search");
        assert.equal(long!.headers["content-type"], "application/json");
        assert.deepEqual(JSON.parse(long!.body), { q: "耳机", brand: brands });
        assert.equal(forced!.method, "POST");
        assert.deepEqual(JSON.parse(forced!.body), { q: "耳机" });
      },
    );
  });

  test("a product id is one path segment, whatever it contains", async () => {
    await withServer(
      () => ({ body: { product: {}, price: {} } }),
      async (url, server) => {
        await new HaitaoClient({ baseUrl: url }).product("a b/c?d#e");
        assert.equal(server.requests[0]!.url, "/v1/products/a%20b%2Fc%3Fd%23e");
        assert.throws(() => new HaitaoClient({ baseUrl: url }).product(""), TypeError);
        await new HaitaoClient({ baseUrl: url }).product("sku/1", { seller: "circuit-harbor" });
        assert.equal(server.requests[1]!.url, "/v1/products/circuit-harbor/sku%2F1");
      },
    );
  });

  test("encodeQuery and Retry-After parsing", () => {
    assert.equal(encodeQuery({ a: [1, 2], b: undefined, c: null, d: false, e: "x y" }), "a=1&a=2&d=false&e=x+y");
    assert.equal(parseRetryAfter("7"), 7);
    assert.equal(parseRetryAfter(null), undefined);
    assert.equal(parseRetryAfter("soon"), undefined);
    const now = Date.parse("2026-11-01T00:00:00Z");
    assert.equal(parseRetryAfter("Sun, 01 Nov 2026 00:00:30 GMT", now), 30);
  });

  test("a base URL that cannot be one is refused at once", () => {
    assert.throws(() => new HaitaoClient({ baseUrl: "search.example.cn" }), /baseUrl: .* absolute URL/);
    assert.throws(() => new HaitaoClient({ baseUrl: "ftp://search.example.cn" }), /http\(s\)/);
    assert.throws(() => new HaitaoClient({ baseUrl: "https://search.example.cn/?key=1" }), /query/);
    assert.throws(() => new HaitaoClient({ baseUrl: "https://x.cn", timeoutMs: 0 }), RangeError);
    assert.equal(new HaitaoClient({ baseUrl: "https://x.cn/api/" }).baseUrl, "https://x.cn/api");
  });
});

describe("errors", () => {
  test("an error answer becomes a HaitaoError with the status, the API's message and body", async () => {
    const body = { error: { status: 422, message: "size: at most 100 hits a page" } };
    await withServer(
      () => ({ status: 422, body }),
      async (url, server) => {
        const client = new HaitaoClient({ baseUrl: url, ...quick });
        const error = await client.search({ size: 1000 }).then(
          () => assert.fail("no error"),
          (e: unknown) => e,
        );
        assert.ok(error instanceof HaitaoError);
        assert.equal(error.kind, "http");
        assert.equal(error.status, 422);
        assert.deepEqual(error.body, body);
        assert.deepEqual(error.apiError, body.error);
        assert.match(error.message, /GET \/v1\/search: 422 size: at most 100 hits a page/);
        (error as unknown as { error: unknown }).error = error; // as InstantSearch does with the errors it reports
        assert.equal(error.apiError?.status, 422);
        assert.equal(error.attempts, 1);
        assert.equal(server.requests.length, 1, "a 422 is not retried");
      },
    );
  });

  test("a proxy's HTML error page is kept as text", async () => {
    await withServer(
      () => ({ status: 500, body: "<html>Internal Server Error</html>" }),
      async (url) => {
        const error = await rejection(new HaitaoClient({ baseUrl: url }).suggest("lany"));
        assert.equal(error.status, 500);
        assert.equal(error.body, "<html>Internal Server Error</html>");
        assert.equal(error.apiError, undefined);
        assert.match(error.message, /500 .*Internal Server Error/);
      },
    );
  });

  test("a 200 that is not JSON is an invalid_response (a wrong base URL)", async () => {
    await withServer(
      () => ({ body: "<!doctype html><title>shop</title>" }),
      async (url) => {
        const error = await rejection(new HaitaoClient({ baseUrl: url }).facets("brand"));
        assert.equal(error.kind, "invalid_response");
        assert.match(error.message, /not a JSON object/);
      },
    );
  });

  test("a refused connection is a network error, after the retries", async () => {
    const url = await withServer(
      () => ({}),
      async (u) => u,
    ); // stopped: nothing listens there any more
    const error = await rejection(new HaitaoClient({ baseUrl: url, retries: 1, ...quick }).search());
    assert.equal(error.kind, "network");
    assert.equal(error.status, undefined);
    assert.equal(error.attempts, 2);
  });
});

describe("timeouts and retries", () => {
  test("a slow answer times out, each attempt on its own clock", async () => {
    await withServer(
      () => ({ body: searchAnswer(), delayMs: 2_000 }),
      async (url, server) => {
        const client = new HaitaoClient({ baseUrl: url, timeoutMs: 150, retries: 1, ...quick });
        const started = Date.now();
        const error = await rejection(client.search());
        assert.equal(error.kind, "timeout");
        assert.match(error.message, /no answer within 150 ms/);
        assert.equal(error.attempts, 2);
        assert.equal(server.requests.length, 2);
        assert.ok(Date.now() - started < 1_900, "gave up before the server answered");
      },
    );
  });

  test("503 and 502 are retried with backoff until an answer comes", async () => {
    const replies: Reply[] = [
      { status: 503, body: { error: { status: 503, message: "search is temporarily unavailable: starting" } } },
      { status: 502, body: "<html>Bad Gateway</html>" },
      { body: searchAnswer(7) },
    ];
    await withServer(
      (i) => replies[i]!,
      async (url, server) => {
        const answer = await new HaitaoClient({ baseUrl: url, retries: 2, ...quick }).search({ q: "耳机" });
        assert.equal(answer.total, 7);
        assert.equal(server.requests.length, 3);
      },
    );
  });

  test("retries stop at the configured number", async () => {
    await withServer(
      () => ({ status: 503, body: { error: { status: 503, message: "down" } } }),
      async (url, server) => {
        const error = await rejection(new HaitaoClient({ baseUrl: url, retries: 3, ...quick }).search());
        assert.equal(error.status, 503);
        assert.equal(error.attempts, 4);
        assert.equal(server.requests.length, 4);
        const once = await rejection(new HaitaoClient({ baseUrl: url, retries: 0 }).search());
        assert.equal(once.attempts, 1);
      },
    );
  });

  test("429 waits out a short Retry-After, and fails at once on a long one", async () => {
    const limited = { error: { status: 429, message: "too many requests: retry after 1 s" } };
    await withServer(
      (i) => (i === 0 ? { status: 429, headers: { "Retry-After": "1" }, body: limited } : { body: searchAnswer(1) }),
      async (url) => {
        const started = Date.now();
        const answer = await new HaitaoClient({ baseUrl: url }).search();
        assert.equal(answer.total, 1);
        assert.ok(Date.now() - started >= 950, "waited for Retry-After");
      },
    );
    await withServer(
      () => ({ status: 429, headers: { "Retry-After": "120" }, body: limited }),
      async (url, server) => {
        const error = await rejection(new HaitaoClient({ baseUrl: url }).search());
        assert.equal(error.status, 429);
        assert.equal(error.retryAfterS, 120);
        assert.equal(server.requests.length, 1);
      },
    );
  });

  test("a request that is not safe to repeat is sent once", async () => {
    await withServer(
      () => ({ status: 503, body: { error: { status: 503, message: "down" } } }),
      async (url, server) => {
        const transport = new Transport({
          baseUrl: url,
          timeoutMs: 1_000,
          retries: 3,
          retryDelayMs: 1,
          maxRetryAfterS: 10,
          headers: {},
          fetch: (input, init) => fetch(input, init),
        });
        const error = await rejection(transport.request({ method: "POST", path: "/v1/x", body: {}, safe: false }));
        assert.equal(error.status, 503);
        assert.equal(server.requests.length, 1);
      },
    );
  });

  test("the caller's abort ends the request at once, without retries", async () => {
    await withServer(
      () => ({ body: searchAnswer(), delayMs: 5_000 }),
      async (url, server) => {
        const controller = new AbortController();
        const pending = new HaitaoClient({ baseUrl: url, retries: 3 }).search({}, { signal: controller.signal });
        setTimeout(() => controller.abort(), 100);
        await assert.rejects(pending, (error: unknown) => error instanceof Error && error.name === "AbortError");
        assert.equal(server.requests.length, 1);
        await assert.rejects(new HaitaoClient({ baseUrl: url }).search({}, { signal: controller.signal }), { name: "AbortError" });
      },
    );
  });

  test("an abort during the wait before a retry ends it too", async () => {
    await withServer(
      () => ({ status: 503, headers: { "Retry-After": "5" }, body: { error: { status: 503, message: "down" } } }),
      async (url) => {
        const controller = new AbortController();
        const started = Date.now();
        const pending = new HaitaoClient({ baseUrl: url }).search({}, { signal: controller.signal });
        setTimeout(() => controller.abort(), 200);
        await assert.rejects(pending, { name: "AbortError" });
        assert.ok(Date.now() - started < 4_000);
      },
    );
  });
});

describe("paging with cursors", () => {
  test("pages() follows next_cursor until the last page", async () => {
    const pages = [
      { ...searchAnswer(3), hits: [{ id: "a" }, { id: "b" }], next_cursor: "c1" },
      { ...searchAnswer(3), hits: [{ id: "c" }], next_cursor: null },
    ];
    await withServer(
      (i) => ({ body: pages[i] }),
      async (url, server) => {
        const seen: string[] = [];
        for await (const page of new HaitaoClient({ baseUrl: url }).pages({ size: 2 })) seen.push(...page.hits.map((h) => h.id));
        assert.deepEqual(seen, ["a", "b", "c"]);
        assert.equal(new URL(server.requests[1]!.url, url).searchParams.get("cursor"), "c1");
      },
    );
  });
});

