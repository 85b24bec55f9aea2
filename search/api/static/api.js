// Calls to the search API on the same origin: /v1/search and /v1/suggest.

/** An API answer that is not 2xx: `status` is the HTTP status (0 when the server could not be reached). */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

// The page may be opened as /?key=... when the server requires an API key (HAITAO_SEARCH_API_KEY).
const apiKey = new URLSearchParams(window.location.search).get("key");

function apiUrl(path, params) {
  const url = new URL(path, document.baseURI);
  for (const [name, value] of Object.entries(params)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one !== undefined && one !== null && one !== "") url.searchParams.append(name, String(one));
    }
  }
  return url;
}

async function getJson(path, params, signal) {
  const headers = { Accept: "application/json" };
  if (apiKey) headers["X-API-Key"] = apiKey;
  let response;
  try {
    response = await fetch(apiUrl(path, params), { headers, signal });
  } catch (error) {
    if (error.name === "AbortError") throw error;
    throw new ApiError(0, "无法连接到搜索服务器");
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    // not JSON (a proxy's error page): the status says enough
  }
  if (!response.ok) {
    throw new ApiError(response.status, body?.error?.message || response.statusText || "请求失败");
  }
  return body;
}

export const PAGE_SIZE = 24;

/** The facets the server counts, from its field registry: [{name, label, type, filter}], in display order. */
export async function facetConfig() {
  return getJson("storefront/facets.json", {});
}

// `price` (buckets and the slider's range) is asked for only where the server counts it.
let priceFacet = true;

/**
 * One page of results for `state` (see state.js); `more` is {cursor} or {page} for the next page.
 * A server that does not know the price facet answers 422 naming `facets`: ask again without it.
 */
export async function search(state, more, signal, facets) {
  const params = {
    q: state.q,
    ...state.terms,
    category: state.category,
    price_min: state.priceMin,
    price_max: state.priceMax,
    currency: "CNY",
    in_stock: state.inStock ? "true" : null,
    sort: state.sort === "relevance" ? null : state.sort,
    explain: state.explain ? "true" : null,
    size: PAGE_SIZE,
    ...more,
  };
  try {
    return await getJson("v1/search", { ...params, facets: facetList(facets) }, signal);
  } catch (error) {
    if (priceFacet && error.status === 422 && error.message.startsWith("facets:")) {
      priceFacet = false;
      return getJson("v1/search", { ...params, facets: facetList(facets) }, signal);
    }
    throw error;
  }
}

function facetList(facets) {
  return facets
    .map((facet) => facet.name)
    .filter((name) => priceFacet || name !== "price")
    .join(",");
}

let suggestAvailable = true;

/** Suggestions for what is typed so far; [] when the server has no suggest route (404). */
export async function suggest(q, signal) {
  if (!suggestAvailable) return [];
  try {
    const body = await getJson("v1/suggest", { q, size: 8 }, signal);
    return body.suggestions || [];
  } catch (error) {
    if (error.status === 404) {
      suggestAvailable = false;
      return [];
    }
    throw error;
  }
}
