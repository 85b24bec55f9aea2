/**
 * The client and the InstantSearch adapter against a live Haitao server over the repository's test catalog
 * (tests/fixtures/products.jsonl, 26 products), started by scripts/test.mjs with a search key. The adapter is driven
 * by algoliasearch-helper, the engine inside InstantSearch.js: it builds the requests widgets make (a refinement
 * list, a range slider, a hierarchical menu, paging) and reads the results as the widgets do.
 */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import algoliasearchHelper from "algoliasearch-helper";
import { HaitaoClient, HaitaoError, type SearchResponse } from "../src/index.js";
import { HaitaoAdapterError, type InstantSearchRequest, haitaoSearchClient } from "../src/instantsearch/index.js";

const URL_ = process.env.HAITAO_TEST_URL;
const KEY = process.env.HAITAO_TEST_KEY;
if (!URL_ || !KEY) throw new Error("run the live tests through `npm test` (scripts/test.mjs starts the server)");

interface FixtureProduct {
  id: string;
  title: string;
  brand: string;
  category: string;
  price: number;
  availability: string;
}
const CATALOG: FixtureProduct[] = readFileSync(new URL("../../../../tests/fixtures/products.jsonl", import.meta.url), "utf-8")
  .split("\n")
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as FixtureProduct);

/** Every HTTP request the client sends, counted. */
function countingClient(options: Partial<ConstructorParameters<typeof HaitaoClient>[0]> = {}) {
  const sent: string[] = [];
  const client = new HaitaoClient({
    baseUrl: URL_!,
    apiKey: KEY,
    fetch: (input, init) => {
      sent.push(`${init.method} ${input}`);
      return fetch(input, init);
    },
    ...options,
  });
  return { client, sent };
}

const client = new HaitaoClient({ baseUrl: URL_, apiKey: KEY });

describe("the client against Haitao", () => {
  test("search by GET and by POST answer alike: a Chinese query, filters, facets", async () => {
    const params = { q: "蓝牙耳机", brand: ["Sony", "Anker", "Apple"], facets: ["brand", "price"], size: 5 };
    const viaGet = await client.search(params, { method: "GET" });
    const viaPost = await client.search(params, { method: "POST" });
    assert.ok(viaGet.hits.length > 0);
    assert.deepEqual(viaPost.hits.map((h) => h.id), viaGet.hits.map((h) => h.id));
    assert.deepEqual(viaPost.facets, viaGet.facets);
    assert.ok(viaGet.hits.every((h) => ["Sony", "Anker", "Apple"].includes(h.brand!)));
    assert.match(viaGet.hits[0]!.title!, /earbuds|headphones|earpods/i);
    assert.ok(viaGet.hits.some((h) => Object.values(h.highlight ?? {}).some((v) => v.includes("<em>"))));
    const earbudBrands = viaGet.facets!["brand"]!;
    assert.ok(Object.keys(earbudBrands).length > 3, "the brand facet's counts ignore the brand filter");
    assert.ok(viaGet.facets_stats!["price"]!.max > viaGet.facets_stats!["price"]!.min);
  });

  test("facets: every brand of the catalog with its product count", async () => {
    const brands = await client.facets("brand", { limit: 100 });
    const expected: Record<string, number> = {};
    for (const product of CATALOG) expected[product.brand] = (expected[product.brand] ?? 0) + 1;
    assert.deepEqual(brands.values, expected);
    const price = await client.facets("price", { currency: "USD" });
    assert.equal(price.stats!.currency, "USD");
    assert.equal(price.stats!.min, Math.min(...CATALOG.map((p) => p.price)));
  });

  test("product: one product as stored, and a 404 that says which", async () => {
    const sony = CATALOG.find((p) => p.id === "ear-sony-xm5")!;
    const found = await client.product(sony.id);
    assert.equal(found.product.title, sony.title);
    assert.equal(found.price.usd, sony.price);
    const error = (await client.product("no-such-product").catch((e: unknown) => e)) as HaitaoError;
    assert.ok(error instanceof HaitaoError);
    assert.equal(error.status, 404);
    assert.deepEqual(error.apiError, {
      status: 404,
      message: "no product with id 'no-such-product' (of the default seller)",
    });
    const bySeller = await client.product(sony.id, { seller: found.product.seller });
    assert.equal(bySeller.product.title, sony.title);
    assert.equal(bySeller.seller_name, found.product.seller);
  });

  test("multi-search, similar products and a click event on them", async () => {
    const { results } = await client.multiSearch([{ q: "蓝牙耳机", size: 3 }, { q: "保温杯", size: 2 }]);
    assert.equal(results.length, 2);
    assert.ok(results[0]!.hits.length > 0 && results[1]!.hits.length > 0);
    const product = results[0]!.hits[0]!;
    const similar = await client.similar(product.seller!, product.id, { size: 3 });
    assert.equal(similar.hits.length, 3);
    assert.ok(similar.hits.every((h) => h.id !== product.id));
    const click = { type: "click" as const, query_id: similar.query_id!, seller: similar.hits[0]!.seller!, id: similar.hits[0]!.id, position: 1 };
    assert.deepEqual(await client.event(click), { stored: true });
    const error = (await client.event({ ...click, query_id: "0".repeat(40) }).catch((e: unknown) => e)) as HaitaoError;
    assert.equal(error.status, 422);
    assert.match(error.apiError!.message, /^query_id:/);
  });

  test("suggest completes pinyin into Chinese shopping words", async () => {
    const answer = await client.suggest("lany", { size: 5 });
    assert.equal(answer.query, "lany");
    assert.ok(answer.suggestions.length > 0 && answer.suggestions.length <= 5);
    assert.ok(answer.suggestions.some((s) => s.text.startsWith("蓝牙")), JSON.stringify(answer.suggestions));
  });

  test("the API's 422 names the parameter, and is not retried", async () => {
    const { client: counted, sent } = countingClient();
    const error = (await counted.search({ size: 1000 }).catch((e: unknown) => e)) as HaitaoError;
    assert.equal(error.status, 422);
    assert.match(error.apiError!.message, /^size: at most \d+ hits a page/);
    assert.equal(sent.length, 1);
  });

  test("without the key, or with a wrong one, a 401", async () => {
    for (const apiKey of [undefined, "pk-wrong"]) {
      const error = (await new HaitaoClient({ baseUrl: URL_, ...(apiKey ? { apiKey } : {}) }).search().catch((e: unknown) => e)) as HaitaoError;
      assert.equal(error.status, 401);
      assert.match(error.apiError!.message, /API key/);
    }
  });

  test("pages() walks the whole catalog by cursor", async () => {
    const ids: string[] = [];
    for await (const page of client.pages({ size: 7, fields: ["id"] })) ids.push(...page.hits.map((h) => h.id));
    assert.equal(ids.length, CATALOG.length);
    assert.deepEqual([...ids].sort(), CATALOG.map((p) => p.id).sort());
  });
});

const AIS_TAGS = { highlightPreTag: "__ais-highlight__", highlightPostTag: "__/ais-highlight__" };

function helperFor(searchClient: ReturnType<typeof haitaoSearchClient>, index = "products") {
  return algoliasearchHelper(searchClient as never, index, {
    disjunctiveFacets: ["brand", "price", "in_stock"],
    hierarchicalFacets: [{ name: "category", attributes: ["category.lvl0", "category.lvl1", "category.lvl2"] }],
    hitsPerPage: 4,
    ...AIS_TAGS,
  });
}

/** The counts of one facet as the helper (and so a widget) sees them. */
function facetCounts(results: algoliasearchHelper.SearchResults, attribute: string): Record<string, number> {
  const values = results.getFacetValues(attribute, { sortBy: ["name:asc"] }) as { name: string; count: number }[];
  return Object.fromEntries(values.map((v) => [v.name, v.count]));
}

describe("the InstantSearch adapter against Haitao (through algoliasearch-helper)", () => {
  const searchClient = haitaoSearchClient(client);

  test("a query: hits, their order and highlights, counts and the page numbers", async () => {
    const direct = await client.search({ q: "蓝牙耳机", size: 4, facets: ["brand", "price", "category", "availability"] });
    const { content } = await helperFor(searchClient).searchOnce({ query: "蓝牙耳机" });
    assert.deepEqual(content.hits.map((h: { objectID: string }) => h.objectID), direct.hits.map((h) => `${h.seller}/${h.id}`));
    assert.equal(content.nbHits, direct.total);
    assert.equal(content.nbPages, Math.ceil(direct.total / 4));
    assert.equal(content.page, 0);
    assert.deepEqual(facetCounts(content, "brand"), sorted(direct.facets!["brand"]!));
    assert.equal(content.getFacetStats("price").min, direct.facets_stats!["price"]!.min);
    const marked = content.hits.flatMap((h: { _highlightResult: Record<string, { value: string }> }) =>
      Object.values(h._highlightResult).map((v) => v.value),
    );
    assert.ok(marked.some((v: string) => v.includes("__ais-highlight__")));
    assert.ok(!marked.some((v: string) => v.includes("<em>") || v.includes("&amp;")));
  });

  test("refining brands: only their products, the other brands still counted", async () => {
    const { client: counted, sent } = countingClient();
    const helper = helperFor(haitaoSearchClient(counted));
    const { content } = await helper.searchOnce({
      query: "耳机",
      disjunctiveFacetsRefinements: { brand: ["Sony", "Apple"] },
    });
    assert.equal(sent.length, 1, `one Haitao search for the batch, sent: ${sent.join(", ")}`);
    const direct = await client.search({ q: "耳机", brand: ["Apple", "Sony"], size: 4, facets: ["brand"] });
    assert.deepEqual(content.hits.map((h: { objectID: string }) => h.objectID), direct.hits.map((h) => `${h.seller}/${h.id}`));
    assert.ok(content.hits.every((h: { brand: string }) => ["Sony", "Apple"].includes(h.brand)));
    const unrefined = await client.search({ q: "耳机", size: 1, facets: ["brand"] });
    assert.deepEqual(facetCounts(content, "brand"), sorted(unrefined.facets!["brand"]!));
    const sonyCount = facetCounts(content, "brand")["Sony"];
    assert.equal(sonyCount, CATALOG.filter((p) => p.brand === "Sony").length);
    // A menu widget (one value at a time) refines through a one-level hierarchical facet.
    const menu = await algoliasearchHelper(searchClient as never, "products", {
      hierarchicalFacets: [{ name: "brand", attributes: ["brand"] }],
      ...AIS_TAGS,
    }).searchOnce({ hitsPerPage: 30, hierarchicalFacetsRefinements: { brand: ["Apple"] } });
    assert.deepEqual([...new Set(menu.content.hits.map((h: { brand: string }) => h.brand))], ["Apple"]);
    assert.equal(menu.content.nbHits, CATALOG.filter((p) => p.brand === "Apple").length);
  });

  test("moving the price range: hits inside it, the slider's range from every price", async () => {
    const { client: counted, sent } = countingClient();
    const { content } = await helperFor(haitaoSearchClient(counted)).searchOnce({
      query: "",
      hitsPerPage: 30,
      numericRefinements: { price: { ">=": [500], "<=": [2000] } },
    });
    assert.equal(sent.length, 1);
    const cny = content.hits.map((h: { price: { cny: number } }) => h.price.cny);
    const inRange = CATALOG.filter((p) => p.price * 7.2 >= 500 && p.price * 7.2 <= 2000);
    assert.equal(content.nbHits, inRange.length);
    assert.ok(cny.length === inRange.length && cny.every((p: number) => p >= 500 && p <= 2000), JSON.stringify(cny));
    const stats = content.getFacetStats("price");
    const cheapest = Math.min(...CATALOG.map((p) => p.price));
    assert.ok(Math.abs(stats.min - cheapest * 7.2) < 0.01, `${stats.min} vs ${cheapest * 7.2}`);
  });

  test("folding is exact: each request of a batch answered alone gives the same counts", async () => {
    const state = {
      query: "无线耳机",
      disjunctiveFacetsRefinements: { brand: ["Sony", "Bose", "Anker"] },
      numericRefinements: { price: { ">=": [100], "<=": [3000] } },
      hierarchicalFacetsRefinements: { category: ["Electronics > Audio"] },
    };
    const requests: InstantSearchRequest[] = [];
    const recorder = {
      search: (batch: readonly InstantSearchRequest[]) => {
        requests.push(...batch);
        return searchClient.search(batch);
      },
    };
    const { content } = await algoliasearchHelper(recorder as never, "products", {
      disjunctiveFacets: ["brand", "price"],
      hierarchicalFacets: [{ name: "category", attributes: ["category.lvl0", "category.lvl1", "category.lvl2"] }],
      ...AIS_TAGS,
    }).searchOnce(state);
    assert.ok(requests.length >= 3, `InstantSearch sent ${requests.length} requests`);
    const together = (await searchClient.search(requests)).results;
    for (const [i, request] of requests.entries()) {
      const alone = (await searchClient.search([request])).results[0]!;
      assert.deepEqual(
        "facets" in alone ? [alone.facets, alone.facets_stats] : alone,
        "facets" in together[i]! ? [together[i]!.facets, together[i]!.facets_stats] : together[i],
        `request ${i}: ${JSON.stringify(request.params)}`,
      );
    }
    assert.ok(content.hits.every((h: { brand: string; category: string }) => ["Sony", "Bose", "Anker"].includes(h.brand) && h.category.startsWith("Electronics > Audio")));
  });

  test("a hierarchical menu: the refined path's products and its children's counts", async () => {
    const { content } = await helperFor(searchClient).searchOnce({
      hitsPerPage: 30,
      hierarchicalFacetsRefinements: { category: ["Electronics > Audio"] },
    });
    const audio = CATALOG.filter((p) => p.category.startsWith("Electronics > Audio"));
    assert.equal(content.nbHits, audio.length);
    const tree = content.getFacetValues("category", {}) as { data: { name: string; count: number; isRefined: boolean; data: unknown }[] };
    const electronics = tree.data.find((node) => node.name === "Electronics")!;
    assert.ok(electronics.isRefined);
    const children = electronics.data as { name: string; count: number; isRefined: boolean; data: unknown }[];
    const audioNode = children.find((node) => node.name === "Audio")!;
    assert.equal(audioNode.count, audio.length);
    const leaves = Object.fromEntries((audioNode.data as { name: string; count: number }[]).map((n) => [n.name, n.count]));
    assert.equal(leaves["Headphones"], audio.filter((p) => p.category.endsWith("Headphones")).length);
    assert.ok(tree.data.length > 1, "the other top-level categories are listed too");
  });

  test("paging: the second page is Haitao's second page", async () => {
    const { content } = await helperFor(searchClient).searchOnce({ query: "耳机", page: 1 });
    const direct = await client.search({ q: "耳机", page: 2, size: 4 });
    assert.equal(content.page, 1);
    assert.deepEqual(content.hits.map((h: { objectID: string }) => h.objectID), direct.hits.map((h) => `${h.seller}/${h.id}`));
  });

  test("the in-stock toggle and sorting by price", async () => {
    const { content } = await helperFor(searchClient, "products:price_asc").searchOnce({
      hitsPerPage: 30,
      disjunctiveFacetsRefinements: { in_stock: ["true"] },
    });
    const inStock = CATALOG.filter((p) => p.availability === "in_stock");
    assert.equal(content.nbHits, inStock.length);
    const prices = content.hits.map((h: { price: { usd: number } }) => h.price.usd);
    assert.deepEqual(prices, [...prices].sort((a: number, b: number) => a - b));
    // A toggle's counts are disjunctive: how many are in stock, how many in all.
    assert.deepEqual(facetCounts(content, "in_stock"), { false: CATALOG.length - inStock.length, true: inStock.length });
    // A conjunctive refinement (a refinement list with operator "and") narrows its own counts, as in Algolia.
    const conjunctive = await algoliasearchHelper(searchClient as never, "products", { facets: ["brand"], ...AIS_TAGS }).searchOnce({
      facetsRefinements: { brand: ["Sony"] },
    });
    assert.deepEqual(facetCounts(conjunctive.content, "brand"), { Sony: CATALOG.filter((p) => p.brand === "Sony").length });
  });

  test("searching a refinement list's values", async () => {
    const helper = helperFor(searchClient);
    const found = await helper.searchForFacetValues("brand", "an", 5);
    const anBrands = [...new Set(CATALOG.map((p) => p.brand))].filter((b) => b.toLowerCase().includes("an"));
    assert.deepEqual(found.facetHits.map((h: { value: string }) => h.value).sort(), anBrands.sort().slice(0, 5));
    const anker = found.facetHits.find((h: { value: string }) => h.value === "Anker")!;
    assert.equal(anker.count, CATALOG.filter((p) => p.brand === "Anker").length);
    assert.equal(anker.highlighted, "__ais-highlight__An__/ais-highlight__ker");
  });

  test("Haitao's query corrections reach InstantSearch's results", async () => {
    const slip = "蓝呀耳机"; // a pinyin keyboard's homophone slip
    const direct = await client.search({ q: slip, size: 4 });
    assert.ok(direct.corrected_query, "the API corrects the slip");
    const { content } = await helperFor(searchClient).searchOnce({ query: slip });
    assert.equal((content as unknown as { corrected_query: string }).corrected_query, direct.corrected_query);
    assert.deepEqual(content.hits.map((h: { objectID: string }) => h.objectID), direct.hits.map((h) => `${h.seller}/${h.id}`));
  });

  test("errors reach InstantSearch: the adapter's and the API's", async () => {
    await assert.rejects(helperFor(searchClient).searchOnce({ query: "x", facetsExcludes: { in_stock: ["false"] } }), HaitaoAdapterError);
    await assert.rejects(helperFor(searchClient).searchOnce({ query: "耳".repeat(300) }), (error: unknown) => {
      return error instanceof HaitaoError && error.status === 422 && /^q: /.test(error.apiError!.message);
    });
  });
});

function sorted(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([, c]) => c > 0).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export type { SearchResponse };
