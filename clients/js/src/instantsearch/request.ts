/**
 * InstantSearch's request → Haitao's search parameters: the query, the page (0-based there, 1-based here), the
 * facets to count, facet refinements → `brand` / `category` / `in_stock` / `attr`, numeric refinements on `price`
 * → `price_min` / `price_max`, and the index name's sort suffix → `sort`.
 *
 * InstantSearch attributes and what they are in Haitao:
 *   brand, condition, color,   keyword facets: the facet and its filter (`KEYWORD_FACETS`: of the same name,
 *   size, material, pattern,   but size's is `variant_size`; a refinement list ORs its values); each product (a
 *   gender, age_group          variant is a product) has one value of each
 *   category, category.lvlN    the `category` filter (a path prefix, one at a time) and facet; `category.lvl0`,
 *                              `category.lvl1`, ... are its levels for a hierarchical menu (`A`, `A > B`, ...)
 *   in_stock                   `true` / `false` (a toggle): the `in_stock` filter; counted from `availability`
 *   availability               the availability facet; refining it to `in_stock` is `in_stock=true`
 *   price                      numeric refinements (a range slider): `price_min` / `price_max` in the adapter's
 *                              currency; its facet stats are the price range
 *   attributes.NAME            facet refinements only (Haitao does not count attributes): `attr=NAME:VALUE`
 * Anything else (another attribute, negative refinements, Algolia's `filters` string) is refused with a
 * `HaitaoAdapterError` saying so, rather than silently ignored.
 */

import type { Currency, FacetName, Mode, SearchParams, Sort } from "../types.js";
import type { FilterList, InstantSearchParams, InstantSearchRequest } from "./types.js";

/** A request the adapter cannot express in Haitao's API. */
export class HaitaoAdapterError extends Error {
  override readonly name = "HaitaoAdapterError";
}

/** The facets Haitao counts (`GET /v1/facets?name=`, `facets=`). */
export type HaitaoFacet = FacetName;
/** The facets whose values a product has one of, each with a filter parameter taking a list of them. */
export type KeywordFacet = Exclude<HaitaoFacet, "category" | "availability" | "price">;
/** The search parameters that take a list of strings (the keyword filters). */
type ListParam = { [K in keyof SearchParams]-?: NonNullable<SearchParams[K]> extends string[] ? K : never }[keyof SearchParams];
/** Every keyword facet of the API and its filter parameter, so that a facet added to the API fails the type check
 * here until it is mapped. */
const KEYWORD_FACETS: Record<KeywordFacet, ListParam> = {
  brand: "brand",
  condition: "condition",
  seller: "seller",
  // A product group's variants are products of their own, each with one value of each variant attribute.
  color: "color",
  size: "variant_size", // `size` is the page size
  material: "material",
  pattern: "pattern",
  gender: "gender",
  age_group: "age_group",
};
export function isKeywordFacet(name: string): name is KeywordFacet {
  return Object.hasOwn(KEYWORD_FACETS, name);
}
const ALL_FACETS: readonly HaitaoFacet[] = ["availability", ...(Object.keys(KEYWORD_FACETS) as KeywordFacet[]), "category", "price"];

export const CATEGORY_SEPARATOR = " > ";
const CATEGORY_LEVEL = /^category\.lvl(\d+)$/;
const ATTRIBUTE_PREFIX = "attributes.";

/** Every sort of the API, so that a sort added to it fails the type check here until it is mapped. */
const SORTS: Record<Sort, true> = { relevance: true, price_asc: true, price_desc: true, newest: true };

/** Parameters that would change which products match, which Haitao has no counterpart for. */
const UNSUPPORTED = ["filters", "tagFilters", "optionalFilters", "aroundLatLng", "insideBoundingBox", "insidePolygon"];

export interface AdapterSettings {
  currency: Currency;
  hitsPerPage: number;
  mode: Mode | undefined;
  params: SearchParams;
}

export interface HighlightTags {
  pre: string;
  post: string;
}

/** One InstantSearch request, planned as a Haitao search. */
export interface Plan {
  indexName: string;
  query: string;
  /** 0-based, as InstantSearch counts. */
  page: number;
  /** 0: InstantSearch wants facet counts only. */
  hitsPerPage: number;
  /** The InstantSearch attributes to answer facet counts for. */
  attributes: string[];
  maxValuesPerFacet: number | undefined;
  tags: HighlightTags;
  /** Haitao's parameters without `facets`, `page` and `size`. */
  params: SearchParams;
  /** Conjunctive refinements (plain `attribute:value` entries, not OR groups), which narrow their own facet's
   * counts too; Haitao counts every facet without its own filter, as InstantSearch does for OR groups. */
  narrowing: Narrowing;
  facets: HaitaoFacet[];
  /** The refinements contradict each other (two brands both required, a price range upside down): nothing
   * matches, and there is nothing to ask the server. */
  matchesNothing: boolean;
}

export interface Narrowing {
  /** The values each keyword facet is refined to (conjunctively). */
  keywords?: Map<KeywordFacet, Set<string>>;
  category?: string;
  inStock?: boolean;
}

export function facetOf(attribute: string): HaitaoFacet | undefined {
  if (isKeywordFacet(attribute) || attribute === "price") return attribute;
  if (attribute === "category" || CATEGORY_LEVEL.test(attribute)) return "category";
  if (attribute === "availability" || attribute === "in_stock") return "availability";
  return undefined;
}

export function planRequest(request: InstantSearchRequest, settings: AdapterSettings): Plan {
  const p: InstantSearchParams = request.params ?? {};
  for (const name of UNSUPPORTED) {
    const value = p[name];
    if (value !== undefined && value !== "" && !(Array.isArray(value) && value.length === 0)) {
      throw new HaitaoAdapterError(`${name} is not supported by Haitao: refine with facets (brand, category, ...) and price`);
    }
  }
  const attributes = facetAttributes(p.facets);
  const filters = new Filters();
  for (const { values, conjunctive } of filterGroups(p.facetFilters)) filters.addFacetGroup(values, conjunctive);
  for (const { values } of filterGroups(p.numericFilters)) filters.addNumericGroup(values);

  const params: SearchParams = { ...settings.params, q: p.query ?? "", currency: settings.currency };
  if (settings.mode) params.mode = settings.mode;
  const sort = sortOf(request.indexName);
  if (sort) params.sort = sort;
  if (p.attributesToRetrieve && !p.attributesToRetrieve.includes("*")) {
    params.fields = [...new Set(p.attributesToRetrieve.map((name) => (name === "objectID" ? "id" : name)))];
  }
  filters.applyTo(params);

  const hitsPerPage = p.hitsPerPage ?? settings.hitsPerPage;
  checkCount("hitsPerPage", hitsPerPage, 0);
  const page = p.page ?? 0;
  checkCount("page", page, 0);
  const facets = [...new Set(attributes.map((a) => facetOf(a) as HaitaoFacet))].sort();
  return {
    indexName: request.indexName,
    query: params.q ?? "",
    page,
    hitsPerPage,
    attributes,
    maxValuesPerFacet: p.maxValuesPerFacet,
    tags: { pre: p.highlightPreTag ?? "<em>", post: p.highlightPostTag ?? "</em>" },
    params,
    narrowing: filters.narrowing(),
    facets,
    matchesNothing: filters.matchesNothing,
  };
}

/** The Haitao search for a plan: its parameters, the facets, the page (size 1 where no hit is wanted). */
export function searchParamsOf(plan: Plan): SearchParams {
  const params: SearchParams = { ...plan.params };
  if (plan.facets.length) params.facets = plan.facets;
  params.page = plan.hitsPerPage > 0 ? plan.page + 1 : 1;
  params.size = plan.hitsPerPage > 0 ? plan.hitsPerPage : 1;
  return params;
}

/**
 * A key that is equal for two plans exactly when Haitao counts `facet` alike for both: their parameters less the
 * facet's own filter (Haitao's counts are disjunctive: each facet is counted under every filter but its own).
 */
export function countKey(plan: Plan, facet: HaitaoFacet | null): string {
  const { fields: _fields, ...rest } = plan.params;
  const params: SearchParams = { ...rest };
  if (facet !== null && isKeywordFacet(facet)) delete params[KEYWORD_FACETS[facet]];
  if (facet === "category") delete params.category;
  if (facet === "availability") delete params.in_stock;
  if (facet === "price") {
    delete params.price_min;
    delete params.price_max;
  }
  return stableJson(params);
}

function facetAttributes(facets: InstantSearchParams["facets"]): string[] {
  const names = facets === undefined ? [] : typeof facets === "string" ? [facets] : [...facets];
  if (names.includes("*")) return [...ALL_FACETS];
  for (const name of names) {
    if (facetOf(name) === undefined) {
      const hint = name.startsWith(ATTRIBUTE_PREFIX) ? " (attributes filter, but Haitao does not count them)" : "";
      throw new HaitaoAdapterError(
        `facet ${JSON.stringify(name)} is not counted by Haitao${hint}; facets: ${Object.keys(KEYWORD_FACETS).join(", ")}, ` +
          "category, category.lvl0..., availability, in_stock, price",
      );
    }
  }
  return [...new Set(names)];
}

function sortOf(indexName: string): Sort | undefined {
  const colon = indexName.lastIndexOf(":");
  if (colon < 0) return undefined;
  const sort = indexName.slice(colon + 1);
  if (!(sort in SORTS)) {
    throw new HaitaoAdapterError(
      `index ${JSON.stringify(indexName)}: unknown sort ${JSON.stringify(sort)}; use NAME or NAME:SORT with SORT one of ` +
        Object.keys(SORTS).join(", "),
    );
  }
  return sort as Sort;
}

/** The filter list as AND-ed groups of OR-ed entries; a plain entry (not in an array) is conjunctive. */
function filterGroups(list: FilterList | undefined): { values: string[]; conjunctive: boolean }[] {
  if (list === undefined || list === "") return [];
  if (typeof list === "string") return [{ values: [list], conjunctive: true }];
  return list
    .map((entry) => (typeof entry === "string" ? { values: [entry], conjunctive: true } : { values: [...entry], conjunctive: false }))
    .filter((group) => group.values.length > 0);
}

/** `attribute:value`, with InstantSearch's escape of a leading minus undone. */
function parseFacetFilter(filter: string): [string, string] {
  const colon = filter.indexOf(":");
  if (colon <= 0) throw new HaitaoAdapterError(`facet filter ${JSON.stringify(filter)} is not ATTRIBUTE:VALUE`);
  const attribute = filter.slice(0, colon);
  let value = filter.slice(colon + 1);
  if (value.startsWith("-")) {
    throw new HaitaoAdapterError(`facet filter ${JSON.stringify(filter)}: Haitao cannot exclude values`);
  }
  if (value.startsWith("\\-")) value = value.slice(1);
  return [attribute, value];
}

const NUMERIC = /^\s*([^<>=!\s]+)\s*(<=|>=|!=|=|<|>)\s*(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*$/;

/** The refinements of one request, merged per attribute, then written as Haitao parameters. */
class Filters {
  matchesNothing = false;
  private keywords = new Map<KeywordFacet, Set<string>>();
  private categories: string[] = [];
  private inStock: Set<boolean> | undefined;
  private attributes = new Map<string, Set<string>>();
  private priceMin: number | undefined;
  private priceMax: number | undefined;
  private readonly conjunctive = {
    keywords: new Map<KeywordFacet, Set<string>>(),
    categories: [] as string[],
    inStock: undefined as Set<boolean> | undefined,
  };

  addFacetGroup(group: string[], conjunctive: boolean): void {
    const parsed = group.map(parseFacetFilter);
    const attribute = parsed[0]![0];
    if (parsed.some(([name]) => facetOf(name) !== facetOf(attribute) || (facetOf(name) === undefined && name !== attribute))) {
      throw new HaitaoAdapterError(`facet filters ${JSON.stringify(group)}: Haitao cannot OR different attributes`);
    }
    const values = new Set(parsed.map(([, value]) => value));
    const facet = facetOf(attribute);
    if (facet !== undefined && isKeywordFacet(facet)) {
      this.keywords.set(facet, intersect(this.keywords.get(facet), values));
      if (conjunctive) this.conjunctive.keywords.set(facet, intersect(this.conjunctive.keywords.get(facet), values));
    } else if (facet === "category") {
      if (values.size > 1) {
        throw new HaitaoAdapterError(
          `category: Haitao filters one category path at a time, got ${[...values].join(" | ")}; use a menu or ` +
            "hierarchicalMenu (or a refinementList limited to one value)",
        );
      }
      this.categories.push([...values][0]!);
      if (conjunctive) this.conjunctive.categories.push([...values][0]!);
    } else if (attribute === "in_stock") {
      const wanted = new Set([...values].map((v) => parseBoolean(attribute, v)));
      this.inStock = intersect(this.inStock, wanted);
      if (conjunctive) this.conjunctive.inStock = intersect(this.conjunctive.inStock, wanted);
    } else if (attribute === "availability") {
      if (values.size !== 1 || !values.has("in_stock")) {
        throw new HaitaoAdapterError(
          `availability: Haitao filters in-stock products only (availability:in_stock, or the in_stock toggle), got ${[...values].join(" | ")}`,
        );
      }
      this.inStock = intersect(this.inStock, new Set([true]));
      if (conjunctive) this.conjunctive.inStock = intersect(this.conjunctive.inStock, new Set([true]));
    } else if (attribute.startsWith(ATTRIBUTE_PREFIX) && attribute.length > ATTRIBUTE_PREFIX.length) {
      const name = attribute.slice(ATTRIBUTE_PREFIX.length);
      this.attributes.set(name, intersect(this.attributes.get(name), values));
    } else {
      throw new HaitaoAdapterError(
        `cannot filter on ${JSON.stringify(attribute)}: Haitao filters ${Object.keys(KEYWORD_FACETS).join(", ")}, ` +
          "category, category.lvlN, in_stock, availability, attributes.NAME and (numeric) price",
      );
    }
  }

  addNumericGroup(group: string[]): void {
    if (group.length > 1) throw new HaitaoAdapterError(`numeric filters ${JSON.stringify(group)}: Haitao cannot OR them`);
    const match = NUMERIC.exec(group[0]!);
    if (!match) throw new HaitaoAdapterError(`numeric filter ${JSON.stringify(group[0])} is not ATTRIBUTE<=NUMBER`);
    const [, attribute, operator, text] = match as unknown as [string, string, string, string];
    if (attribute !== "price") {
      throw new HaitaoAdapterError(`numeric filter on ${JSON.stringify(attribute)}: Haitao filters numbers on price only`);
    }
    const value = Number(text);
    if (operator === ">=" || operator === "=") this.priceMin = Math.max(this.priceMin ?? -Infinity, value);
    if (operator === "<=" || operator === "=") this.priceMax = Math.min(this.priceMax ?? Infinity, value);
    if (operator === "<" || operator === ">" || operator === "!=") {
      throw new HaitaoAdapterError(`numeric filter ${JSON.stringify(group[0])}: Haitao's price range is inclusive (>=, <=, =)`);
    }
  }

  narrowing(): Narrowing {
    const narrowing: Narrowing = {};
    const { keywords, categories, inStock } = this.conjunctive;
    if (keywords.size) narrowing.keywords = keywords;
    const category = narrowest(categories);
    if (category) narrowing.category = category;
    if (inStock?.size === 1) narrowing.inStock = [...inStock][0]!;
    return narrowing;
  }

  applyTo(params: SearchParams): void {
    for (const [facet, values] of this.keywords) {
      params[KEYWORD_FACETS[facet]] = [...values].sort();
      if (values.size === 0) this.matchesNothing = true;
    }
    const category = narrowest(this.categories);
    if (category === null) this.matchesNothing = true;
    else if (category !== undefined) params.category = category;
    if (this.inStock !== undefined) {
      if (this.inStock.size === 0) this.matchesNothing = true;
      else if (this.inStock.size === 1) params.in_stock = [...this.inStock][0]!;
    }
    if (this.attributes.size) {
      const attr = [...(params.attr ?? [])];
      for (const [name, values] of [...this.attributes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        if (values.size === 0) this.matchesNothing = true;
        for (const value of [...values].sort()) attr.push(`${name}:${value}`);
      }
      params.attr = attr;
    }
    if (this.priceMin !== undefined) params.price_min = Math.max(0, this.priceMin);
    if (this.priceMax !== undefined) {
      if (this.priceMax < 0) this.matchesNothing = true;
      else params.price_max = this.priceMax;
    }
    if (params.price_min != null && params.price_max != null && params.price_min > params.price_max) {
      this.matchesNothing = true;
      delete params.price_max; // never sent: the API would refuse the upside-down range
    }
  }
}

/** The deepest of category prefixes that must all hold, undefined for none, null when they exclude each other. */
function narrowest(paths: string[]): string | null | undefined {
  let deepest: string | undefined;
  for (const path of paths) {
    if (deepest === undefined || isPrefix(deepest, path)) deepest = path;
    else if (!isPrefix(path, deepest)) return null;
  }
  return deepest;
}

export function isPrefix(prefix: string, path: string): boolean {
  return path === prefix || path.startsWith(prefix + CATEGORY_SEPARATOR);
}

function intersect<T>(current: Set<T> | undefined, values: Set<T>): Set<T> {
  return current === undefined ? values : new Set([...current].filter((value) => values.has(value)));
}

function parseBoolean(attribute: string, value: string): boolean {
  if (value === "true") return true;
  if (value === "false") return false;
  throw new HaitaoAdapterError(`${attribute}: true or false, got ${JSON.stringify(value)}`);
}

function checkCount(name: string, value: number, least: number): void {
  if (!Number.isInteger(value) || value < least) {
    throw new HaitaoAdapterError(`${name}: an integer of at least ${least}, got ${value}`);
  }
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === "object" && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}
