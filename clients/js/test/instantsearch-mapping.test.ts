/** The adapter's two translations, request and answer, on their own (the live tests run them against Haitao). */

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { HaitaoAdapterError } from "../src/instantsearch/index.js";
import { type AdapterSettings, countKey, planRequest, searchParamsOf } from "../src/instantsearch/request.js";
import { toFacetSearchResult, toResult } from "../src/instantsearch/response.js";
import type { InstantSearchParams } from "../src/instantsearch/types.js";
import type { SearchResponse } from "../src/types.js";

const SETTINGS: AdapterSettings = { currency: "CNY", hitsPerPage: 20, mode: undefined, params: {} };
const AIS = { highlightPreTag: "__ais-highlight__", highlightPostTag: "__/ais-highlight__" };

function plan(params: InstantSearchParams, indexName = "products", settings = SETTINGS) {
  return planRequest({ indexName, params }, settings);
}

describe("InstantSearch request → Haitao search", () => {
  test("query, page, hits per page and facets", () => {
    const p = plan({ query: "蓝牙耳机", page: 2, hitsPerPage: 12, facets: ["brand", "price", "category.lvl0", "in_stock"] });
    assert.deepEqual(searchParamsOf(p), {
      q: "蓝牙耳机",
      currency: "CNY",
      facets: ["availability", "brand", "category", "price"],
      page: 3,
      size: 12,
    });
    assert.deepEqual(p.attributes, ["brand", "price", "category.lvl0", "in_stock"]);
    assert.equal(plan({}).hitsPerPage, 20, "the adapter's default");
    assert.deepEqual(plan({ facets: "*" }).facets, [
      "age_group", "availability", "brand", "category", "color", "condition", "gender", "material", "pattern", "price", "seller", "size",
    ]);
  });

  test("facet refinements become filters: brands ORed, one category, in stock, attributes", () => {
    const p = plan({
      facetFilters: [["brand:Sony", "brand:Bose"], ["category.lvl1:Electronics > Audio"], "in_stock:true", ["attributes.color:Black", "attributes.color:White"]],
    });
    assert.deepEqual(p.params.brand, ["Bose", "Sony"]);
    assert.equal(p.params.category, "Electronics > Audio");
    assert.equal(p.params.in_stock, true);
    assert.deepEqual(p.params.attr, ["color:Black", "color:White"]);
    assert.equal(p.matchesNothing, false);
    assert.equal(plan({ facetFilters: ["availability:in_stock"] }).params.in_stock, true);
    assert.equal(plan({ facetFilters: [["in_stock:true", "in_stock:false"]] }).params.in_stock, undefined);
    assert.equal(plan({ facetFilters: "brand:\\-minus" }).params.brand?.[0], "-minus", "InstantSearch's escaped minus");
  });

  test("every keyword facet refines as brand does: condition values ORed, and counted", () => {
    const p = plan({ facets: ["condition", "brand"], facetFilters: [["condition:new", "condition:refurbished"], "brand:Sony"] });
    assert.deepEqual([p.params.condition, p.params.brand], [["new", "refurbished"], ["Sony"]]);
    assert.deepEqual(searchParamsOf(p).facets, ["brand", "condition"]);
    assert.equal(plan({ facetFilters: ["condition:new", "condition:used"] }).matchesNothing, true);
    const main = plan({ query: "耳机", facets: ["condition"], facetFilters: [["condition:used"]] });
    const counts = plan({ query: "耳机", facets: "condition", hitsPerPage: 0 });
    assert.equal(countKey(main, "condition"), countKey(counts, "condition"), "condition counted without its own filter");
    assert.notEqual(countKey(main, "brand"), countKey(counts, "brand"));
    const response = { ...RESPONSE, facets: { condition: { new: 20, refurbished: 4, used: 1 } } };
    const narrowed = toResult(plan({ facets: ["condition"], facetFilters: ["condition:used"] }), response, 0);
    assert.deepEqual(narrowed.facets["condition"], { used: 1 }, "a conjunctive refinement narrows its own counts");
    const ored = toResult(plan({ facets: ["condition"], facetFilters: [["condition:used"]] }), response, 0);
    assert.deepEqual(ored.facets["condition"], { new: 20, refurbished: 4, used: 1 });
  });

  test("variant attributes refine through their filters: size's is variant_size", () => {
    const p = plan({ facets: ["size", "color"], facetFilters: [["size:M", "size:L"], ["color:Black"]] });
    assert.deepEqual([p.params.variant_size, p.params.color, p.params.size], [["L", "M"], ["Black"], undefined]);
    assert.deepEqual(searchParamsOf(p).facets, ["color", "size"]);
    assert.equal(searchParamsOf(p).size, 20, "the page size stays the page size");
    const sizes = plan({ query: "t-shirt", facets: "size", hitsPerPage: 0 });
    assert.equal(countKey(p, "size"), countKey(plan({ facets: "size", facetFilters: [["color:Black"]] }), "size"));
    assert.notEqual(countKey(p, "size"), countKey(sizes, "size"));
  });

  test("hierarchical levels narrow to the deepest path", () => {
    const p = plan({ facetFilters: [["category.lvl0:Electronics"], ["category.lvl2:Electronics > Audio > Headphones"]] });
    assert.equal(p.params.category, "Electronics > Audio > Headphones");
    assert.equal(p.matchesNothing, false);
  });

  test("numeric refinements on price become the price range, in the adapter's currency", () => {
    const p = plan({ numericFilters: ["price>=100", "price<=499.5"] });
    assert.equal(p.params.price_min, 100);
    assert.equal(p.params.price_max, 499.5);
    const usd = plan({ numericFilters: [["price=80"]] }, "products", { ...SETTINGS, currency: "USD" });
    assert.deepEqual([usd.params.price_min, usd.params.price_max, usd.params.currency], [80, 80, "USD"]);
  });

  test("refinements no product can pass match nothing, and are not sent", () => {
    assert.equal(plan({ facetFilters: ["brand:Sony", "brand:Bose"] }).matchesNothing, true);
    assert.equal(plan({ facetFilters: ["category:Electronics", "category:Home"] }).matchesNothing, true);
    assert.equal(plan({ facetFilters: ["in_stock:true", "in_stock:false"] }).matchesNothing, true);
    const upsideDown = plan({ numericFilters: ["price>=500", "price<=100"] });
    assert.equal(upsideDown.matchesNothing, true);
    const result = toResult(upsideDown, undefined, 0);
    assert.deepEqual([result.nbHits, result.hits, result.nbPages], [0, [], 0]);
  });

  test("the index name carries the sort", () => {
    assert.equal(plan({}, "products:price_asc").params.sort, "price_asc");
    assert.equal(plan({}, "products").params.sort, undefined);
    assert.throws(() => plan({}, "products:cheapest"), /unknown sort "cheapest"; use NAME or NAME:SORT/);
  });

  test("what Haitao cannot do is refused by name, not ignored", () => {
    const refused: [InstantSearchParams, RegExp][] = [
      [{ filters: "brand:Sony OR brand:Bose" }, /filters is not supported/],
      [{ facets: ["attributes.color"] }, /not counted by Haitao \(attributes filter/],
      [{ facets: ["rating"] }, /facet "rating" is not counted/],
      [{ facetFilters: ["brand:-Sony"] }, /cannot exclude/],
      [{ facetFilters: [["brand:Sony", "category:Toys"]] }, /cannot OR different attributes/],
      [{ facetFilters: [["category:Toys", "category:Baby"]] }, /one category path at a time/],
      [{ facetFilters: ["availability:preorder"] }, /in-stock products only/],
      [{ facetFilters: ["rating:5"] }, /cannot filter on "rating"/],
      [{ numericFilters: ["rating>=4"] }, /on price only/],
      [{ numericFilters: ["price>100"] }, /inclusive/],
      [{ numericFilters: [["price<=100", "price>=500"]] }, /cannot OR/],
      [{ page: -1 }, /page: an integer/],
    ];
    for (const [params, message] of refused) {
      assert.throws(() => plan(params), (error: unknown) => error instanceof HaitaoAdapterError && message.test(error.message), JSON.stringify(params));
    }
  });

  test("settings: default parameters under the widgets' refinements", () => {
    const settings: AdapterSettings = { ...SETTINGS, mode: "keyword", params: { in_stock: true, brand: ["Apple"] } };
    const p = plan({ facetFilters: ["brand:Sony"] }, "products", settings);
    assert.deepEqual([p.params.in_stock, p.params.brand, p.params.mode], [true, ["Sony"], "keyword"]);
  });

  test("two plans count a facet alike when they differ only in that facet's own refinements", () => {
    const main = plan({ query: "耳机", facets: ["brand", "price"], facetFilters: [["brand:Sony"]], numericFilters: ["price<=500"] });
    const brandCounts = plan({ query: "耳机", facets: "brand", hitsPerPage: 0, numericFilters: ["price<=500"] });
    const priceRange = plan({ query: "耳机", facets: "price", hitsPerPage: 0, facetFilters: [["brand:Sony"]] });
    assert.equal(countKey(main, "brand"), countKey(brandCounts, "brand"));
    assert.equal(countKey(main, "price"), countKey(priceRange, "price"));
    assert.notEqual(countKey(main, "price"), countKey(brandCounts, "price"));
    assert.notEqual(countKey(main, "brand"), countKey(plan({ query: "耳", facets: "brand" }), "brand"));
  });
});

const RESPONSE: SearchResponse = {
  query: "蓝牙耳机",
  total: 45,
  page: 2,
  size: 20,
  hits: [
    {
      id: "ear-1",
      seller: "circuit-harbor",
      title: "Sony Wireless <Earbuds> & Case",
      title_zh: "索尼 蓝牙耳机",
      brand: "Sony",
      category: "Electronics > Audio > Headphones",
      price: { usd: 79.99, cny: 575.93 },
      availability: "in_stock",
      highlight: {
        title: "Sony <em>Wireless</em> &lt;<em>Earbuds</em>&gt; &amp; Case",
        title_zh: "索尼 <em>蓝牙耳机</em>",
        description: "… great <em>earbuds</em> for &quot;calls&quot; …",
      },
    },
  ],
  facets: {
    brand: { Sony: 9, Bose: 12, Anker: 0 },
    category: {
      "Electronics > Audio > Headphones": 20,
      "Electronics > Audio > Speakers": 5,
      "Electronics > Mobile": 3,
      "Home & Kitchen > Drinkware": 2,
    },
    availability: { in_stock: 25, preorder: 3, out_of_stock: 2 },
    price: { "0-100": 0, "100-200": 4, "200-500": 20 },
  },
  facets_stats: { price: { min: 129.5, max: 2879.28, currency: "CNY" } },
  next_cursor: "abc",
  exchange_rate: { cny_per_usd: 7.2, as_of: "2026-11-01" },
  took_ms: 12.6,
  corrected_query: "蓝牙耳机",
  relaxed: [],
  did_you_mean: [],
};

describe("Haitao answer → InstantSearch result", () => {
  const facets = ["brand", "category.lvl0", "category.lvl1", "category", "in_stock", "availability", "price"];

  test("paging numbers, facets, stats and timing", () => {
    const p = plan({ query: "蓝牙耳机", page: 1, hitsPerPage: 20, facets, ...AIS });
    const result = toResult(p, RESPONSE, RESPONSE.took_ms);
    assert.deepEqual([result.nbHits, result.page, result.nbPages, result.hitsPerPage], [45, 1, 3, 20]);
    assert.equal(result.processingTimeMS, 13);
    assert.equal(result.query, "蓝牙耳机");
    assert.deepEqual(result.facets["brand"], { Bose: 12, Sony: 9 }, "most first, none with 0");
    assert.deepEqual(Object.keys(result.facets["brand"]!), ["Bose", "Sony"]);
    assert.deepEqual(result.facets["category.lvl0"], { Electronics: 28, "Home & Kitchen": 2 });
    assert.deepEqual(result.facets["category.lvl1"], {
      "Electronics > Audio": 25,
      "Electronics > Mobile": 3,
      "Home & Kitchen > Drinkware": 2,
    });
    assert.equal(result.facets["category"]!["Electronics > Audio > Speakers"], 5);
    assert.deepEqual(result.facets["in_stock"], { true: 25, false: 5 });
    assert.deepEqual(result.facets["availability"], { in_stock: 25, preorder: 3, out_of_stock: 2 });
    assert.deepEqual(result.facets["price"], RESPONSE.facets!["price"], "price buckets as Haitao counts them");
    assert.deepEqual(result.facets_stats, { price: { min: 129.5, max: 2879.28 } });
    assert.deepEqual([result.corrected_query, result.relaxed, result.did_you_mean], ["蓝牙耳机", [], []]);
    const nothing = toResult(plan({}), { ...RESPONSE, total: 0, hits: [], corrected_query: null, relaxed: ["xyz"], did_you_mean: ["蓝牙耳机"] }, 0);
    assert.deepEqual([nothing.corrected_query, nothing.relaxed, nothing.did_you_mean], [null, ["xyz"], ["蓝牙耳机"]]);
  });

  test("a conjunctive refinement narrows its own facet's counts; an OR group does not", () => {
    const attributes = ["brand", "category.lvl0", "category.lvl1", "in_stock", "availability"];
    const conjunctive = toResult(
      plan({ facets: attributes, facetFilters: ["brand:Sony", "category:Electronics > Audio", "in_stock:true"] }),
      RESPONSE,
      0,
    );
    assert.deepEqual(conjunctive.facets["brand"], { Sony: 9 });
    assert.deepEqual(conjunctive.facets["category.lvl0"], { Electronics: 25 });
    assert.deepEqual(conjunctive.facets["category.lvl1"], { "Electronics > Audio": 25 });
    assert.deepEqual(conjunctive.facets["in_stock"], { true: 25 });
    assert.deepEqual(conjunctive.facets["availability"], { in_stock: 25 });
    const disjunctive = toResult(plan({ facets: attributes, facetFilters: [["brand:Sony"], ["in_stock:true"]] }), RESPONSE, 0);
    assert.deepEqual(disjunctive.facets["brand"], { Bose: 12, Sony: 9 });
    assert.deepEqual(disjunctive.facets["in_stock"], { true: 25, false: 5 });
  });

  test("maxValuesPerFacet keeps the most frequent values", () => {
    const result = toResult(plan({ facets: ["brand"], maxValuesPerFacet: 1 }), RESPONSE, 0);
    assert.deepEqual(result.facets["brand"], { Bose: 12 });
  });

  test("pages stop where the API's result window does", () => {
    const big = { ...RESPONSE, total: 1_000_000 };
    assert.equal(toResult(plan({ hitsPerPage: 20 }), big, 0).nbPages, 500);
    assert.equal(toResult(plan({ hitsPerPage: 3 }), big, 0).nbPages, 1000);
    assert.equal(toResult(plan({ hitsPerPage: 0 }), big, 0).nbPages, 0);
    assert.deepEqual(toResult(plan({ hitsPerPage: 0 }), big, 0).hits, []);
  });

  test("hits: objectID, the fields, highlights as plain text with InstantSearch's placeholders", () => {
    const [hit] = toResult(plan({ ...AIS }), RESPONSE, 0).hits;
    assert.equal(hit!.objectID, "circuit-harbor/ear-1");
    assert.equal(hit!["seller"], "circuit-harbor");
    assert.equal(hit!["title"], "Sony Wireless <Earbuds> & Case");
    assert.deepEqual(hit!["price"], { usd: 79.99, cny: 575.93 });
    assert.equal(hit!["highlight"], undefined);
    const title = hit!._highlightResult["title"]!;
    assert.equal(title.value, "Sony __ais-highlight__Wireless__/ais-highlight__ <__ais-highlight__Earbuds__/ais-highlight__> & Case");
    assert.equal(title.matchLevel, "full");
    assert.deepEqual(title.matchedWords, ["wireless", "earbuds"]);
    assert.equal(hit!._highlightResult["title_zh"]!.value, "索尼 __ais-highlight__蓝牙耳机__/ais-highlight__");
    assert.deepEqual(hit!._highlightResult["brand"], { value: "Sony", matchLevel: "none", matchedWords: [] });
    assert.equal(hit!._snippetResult["description"]!.value, '… great __ais-highlight__earbuds__/ais-highlight__ for "calls" …');
  });

  test("hits: with HTML tags (escapeHTML off) the values stay escaped HTML", () => {
    const [hit] = toResult(plan({}), RESPONSE, 0).hits;
    assert.equal(hit!._highlightResult["title"]!.value, "Sony <em>Wireless</em> &lt;<em>Earbuds</em>&gt; &amp; Case");
    assert.equal(hit!._highlightResult["category"]!.value, "Electronics &gt; Audio &gt; Headphones");
  });

  test("facet search: the values containing the text, marked", () => {
    const p = plan({ facets: ["brand"], hitsPerPage: 0, ...AIS });
    const found = toFacetSearchResult(p, "brand", "so", 10, RESPONSE);
    assert.deepEqual(found.facetHits, [{ value: "Sony", highlighted: "__ais-highlight__So__/ais-highlight__ny", count: 9 }]);
    assert.deepEqual(toFacetSearchResult(p, "brand", "", 1, RESPONSE).facetHits.map((h) => h.value), ["Bose"]);
  });
});
