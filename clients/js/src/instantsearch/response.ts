/**
 * Haitao's answer → InstantSearch's result: hits with `objectID` and highlights, facet counts per requested
 * attribute (category levels and the in-stock toggle derived from Haitao's facets), the price range as
 * `facets_stats.price`, the paging numbers, and Haitao's query corrections as they are (`corrected_query`,
 * `relaxed`, `did_you_mean`: InstantSearch keeps them on its results, for a widget to show).
 */

import type { SearchHit, SearchResponse } from "../types.js";
import { fromMarked, markSubstring, unmarked } from "./highlight.js";
import { CATEGORY_SEPARATOR, type Narrowing, type Plan, facetOf, isKeywordFacet, isPrefix } from "./request.js";
import type { FacetSearchResult, HighlightValue, InstantSearchHit, InstantSearchResult } from "./types.js";

/** How deep `page` reaches in the API (page × size); deeper, Haitao pages with cursors. */
const RESULT_WINDOW = 10_000;
/** The highest page the API serves. */
const MAX_PAGE = 1_000;
/** Fields shown as text in a hit, highlighted when they match. */
const TEXT_FIELDS = ["title", "title_zh", "brand", "category"] as const;
const CATEGORY_LEVEL = /^category\.lvl(\d+)$/;

/**
 * The InstantSearch result for a plan. `response` is Haitao's answer to it (or, for a plan wanting facet counts
 * only, to another plan of the batch counting them alike; absent when the plan matches nothing). `tookMs` is what
 * this result adds to the batch's processing time (0 when its answer was shared).
 */
export function toResult(plan: Plan, response: SearchResponse | undefined, tookMs: number): InstantSearchResult {
  const total = response?.total ?? 0;
  const hits = plan.hitsPerPage > 0 && response ? response.hits.map((hit) => toHit(hit, plan)) : [];
  const nbPages =
    plan.hitsPerPage > 0
      ? Math.min(Math.ceil(total / plan.hitsPerPage), Math.floor(RESULT_WINDOW / plan.hitsPerPage), MAX_PAGE)
      : 0;
  const facets: InstantSearchResult["facets"] = {};
  for (const attribute of plan.attributes) {
    facets[attribute] = facetCounts(attribute, response, plan.narrowing, plan.maxValuesPerFacet);
  }
  const facetsStats: InstantSearchResult["facets_stats"] = {};
  const price = response?.facets_stats?.price;
  if (price && plan.attributes.includes("price")) facetsStats.price = { min: price.min, max: price.max };
  return {
    index: plan.indexName,
    query: plan.query,
    params: "",
    hits,
    nbHits: total,
    nbPages,
    page: plan.page,
    hitsPerPage: plan.hitsPerPage,
    facets,
    facets_stats: facetsStats,
    processingTimeMS: Math.round(tookMs),
    exhaustiveNbHits: true,
    exhaustiveFacetsCount: true,
    corrected_query: response?.corrected_query ?? null,
    relaxed: response?.relaxed ?? [],
    did_you_mean: response?.did_you_mean ?? [],
  };
}

/** The facet values of `plan.facetName` containing `plan.facetQuery` (a searchable refinement list). */
export function toFacetSearchResult(
  plan: Plan,
  facetName: string,
  facetQuery: string,
  maxFacetHits: number,
  response: SearchResponse | undefined,
): FacetSearchResult {
  const counts = facetCounts(facetName, response, plan.narrowing, undefined);
  const needle = facetQuery.trim().toLowerCase();
  const facetHits = Object.entries(counts)
    .filter(([value]) => value.toLowerCase().includes(needle))
    .slice(0, maxFacetHits)
    .map(([value, count]) => ({ value, highlighted: markSubstring(value, facetQuery.trim(), plan.tags), count }));
  return { facetHits, exhaustiveFacetsCount: true, processingTimeMS: Math.round(response?.took_ms ?? 0) };
}

function toHit(hit: SearchHit, plan: Plan): InstantSearchHit {
  const { highlight, ...fields } = hit;
  const marks: Record<string, string> = highlight ?? {};
  const names = new Set<string>([...TEXT_FIELDS.filter((name) => typeof fields[name] === "string"), ...Object.keys(marks)]);
  const highlighted: Record<string, HighlightValue> = {};
  const snippets: Record<string, HighlightValue> = {};
  for (const name of names) {
    const marked = marks[name];
    const raw = (fields as Record<string, unknown>)[name];
    const value = marked !== undefined ? fromMarked(marked, plan.tags) : unmarked(String(raw ?? ""), plan.tags);
    highlighted[name] = value;
    snippets[name] = { ...value, matchedWords: [...value.matchedWords] };
  }
  // `(seller, id)` names a product: two sellers may use one id, and InstantSearch needs objectIDs to be unique.
  const objectID = `${hit.seller}/${hit.id}`;
  return { ...fields, objectID, _highlightResult: highlighted, _snippetResult: snippets };
}

/** Counts of one InstantSearch attribute, most first, at most `limit` of them. */
function facetCounts(
  attribute: string,
  response: SearchResponse | undefined,
  narrowing: Narrowing,
  limit: number | undefined,
): Record<string, number> {
  const facet = facetOf(attribute);
  const counts = narrow(facet, (facet && response?.facets?.[facet]) || {}, narrowing);
  let entries: [string, number][];
  const level = CATEGORY_LEVEL.exec(attribute);
  if (level) {
    entries = categoryLevel(counts, Number(level[1]));
  } else if (attribute === "in_stock") {
    const inStock = counts["in_stock"] ?? 0;
    const others = Object.entries(counts).reduce((sum, [value, count]) => (value === "in_stock" ? sum : sum + count), 0);
    entries = [
      ["true", inStock],
      ["false", others],
    ];
  } else {
    entries = Object.entries(counts);
  }
  if (attribute !== "price") {
    entries = entries.filter(([, count]) => count > 0).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
    if (limit !== undefined) entries = entries.slice(0, limit);
  }
  return Object.fromEntries(entries);
}

/**
 * Haitao's counts of a facet under the conjunctive refinements of that facet itself. Each product has one value of
 * a keyword facet (a brand, a condition), one category path and one availability, so a value's count under its
 * facet's own filter is its count without it, if the filter lets the value through, else 0.
 */
function narrow(facet: string | undefined, counts: Record<string, number>, narrowing: Narrowing): Record<string, number> {
  let keep: ((value: string) => boolean) | undefined;
  const { keywords, category, inStock } = narrowing;
  const values = facet !== undefined && isKeywordFacet(facet) ? keywords?.get(facet) : undefined;
  if (values) keep = (value) => values.has(value);
  if (facet === "category" && category) keep = (value) => isPrefix(category, value);
  if (facet === "availability" && inStock !== undefined) keep = (value) => (value === "in_stock") === inStock;
  return keep ? Object.fromEntries(Object.entries(counts).filter(([value]) => keep(value))) : counts;
}

/** Counts of the paths' first `level + 1` levels (`A`, `A > B`, ...): each product has one category path. */
function categoryLevel(counts: Record<string, number>, level: number): [string, number][] {
  const summed = new Map<string, number>();
  for (const [path, count] of Object.entries(counts)) {
    const parts = path.split(CATEGORY_SEPARATOR);
    if (parts.length <= level) continue;
    const prefix = parts.slice(0, level + 1).join(CATEGORY_SEPARATOR);
    summed.set(prefix, (summed.get(prefix) ?? 0) + count);
  }
  return [...summed];
}
