// What is being searched, kept in the page's query string so a search can be linked, reloaded and gone back to.

export const SORTS = ["relevance", "price_asc", "price_desc", "newest"];

/**
 * The search described by a query string (`location.search`); `keywords` are the names of the keyword facets
 * (brand, …: from /storefront/facets.json), each a repeatable parameter.
 */
export function readState(search, keywords = []) {
  const params = new URLSearchParams(search);
  const number = (name) => {
    const value = Number.parseFloat(params.get(name) ?? "");
    return Number.isFinite(value) && value >= 0 ? value : null;
  };
  const sort = params.get("sort");
  return {
    q: (params.get("q") ?? "").trim(),
    terms: Object.fromEntries(keywords.map((name) => [name, params.getAll(name).filter(Boolean)])),
    category: params.get("category") || null,
    priceMin: number("price_min"),
    priceMax: number("price_max"),
    inStock: params.get("in_stock") === "true",
    sort: SORTS.includes(sort) ? sort : "relevance",
  };
}

/** Whether the page was opened with `?debug=1`: the query analysis and each hit's ranks are shown (for the people
 * who tune the search, never for shoppers). */
export function debugMode(search) {
  return new URLSearchParams(search).get("debug") === "1";
}

// Parameters the page keeps but does not own: the API key, and debug=1.
const KEPT = ["key", "debug"];

/** The query string for `state`, keeping the parameters the page does not own. */
export function writeState(state, search) {
  const kept = new URLSearchParams(search);
  const params = new URLSearchParams();
  for (const name of KEPT) if (kept.has(name)) params.set(name, kept.get(name));
  if (state.q) params.set("q", state.q);
  for (const [name, values] of Object.entries(state.terms)) {
    for (const value of values) params.append(name, value);
  }
  if (state.category) params.set("category", state.category);
  if (state.priceMin !== null) params.set("price_min", String(state.priceMin));
  if (state.priceMax !== null) params.set("price_max", String(state.priceMax));
  if (state.inStock) params.set("in_stock", "true");
  if (state.sort !== "relevance") params.set("sort", state.sort);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The same search with the keyword, category and price filters cleared: a new query starts over from them. */
export function withoutFilters(state) {
  const terms = Object.fromEntries(Object.keys(state.terms).map((name) => [name, []]));
  return { ...state, terms, category: null, priceMin: null, priceMax: null };
}
