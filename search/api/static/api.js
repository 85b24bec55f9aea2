// The page's calls to the API, all through the JS client (@haitao-search/client, clients/js, bundled into
// haitao-client.js): search, suggest, similar products and click events. The API is on the page's own origin.

import { HaitaoClient, HaitaoError } from "./haitao-client.js";

const params = new URLSearchParams(window.location.search);
// The page may be opened as /?key=... when the server requires a search key (HAITAO_SEARCH_API_KEY).
const apiKey = params.get("key") || undefined;

export const client = new HaitaoClient({
  baseUrl: new URL(".", document.baseURI).href,
  apiKey,
  timeoutMs: 15_000,
  retries: 1,
});

export { HaitaoError };
export const PAGE_SIZE = 24;

/** The facets the server counts, from its field registry: [{name, label, type, filter}], in display order. */
export async function facetConfig() {
  const response = await fetch(new URL("storefront/facets.json", document.baseURI), { headers: { Accept: "application/json" } });
  if (!response.ok) throw new HaitaoError(`storefront/facets.json: ${response.status}`, { kind: "http", method: "GET", url: response.url, status: response.status });
  return response.json();
}

// `price` (buckets and the slider's range) is asked for only where the server counts it.
let priceFacet = true;

/**
 * One page of results for `state` (see state.js); `more` is {cursor} or {page} for the next page. With `debug`
 * the answer carries the query analysis (explain). A server that does not know the price facet answers 422 naming
 * `facets`: ask again without it.
 */
export async function search(state, more, signal, facets, debug = false) {
  const request = {
    q: state.q,
    ...termParams(state.terms, facets),
    category: state.category ?? undefined,
    price_min: state.priceMin ?? undefined,
    price_max: state.priceMax ?? undefined,
    currency: "CNY",
    in_stock: state.inStock || undefined,
    sort: state.sort === "relevance" ? undefined : state.sort,
    explain: debug || undefined,
    size: PAGE_SIZE,
    ...more,
  };
  try {
    return await client.search({ ...request, facets: facetNames(facets) }, { signal });
  } catch (error) {
    if (priceFacet && error instanceof HaitaoError && error.status === 422 && /^facets:/.test(error.apiError?.message ?? "")) {
      priceFacet = false;
      return client.search({ ...request, facets: facetNames(facets) }, { signal });
    }
    throw error;
  }
}

/** The keyword filters ticked, as the API's parameters: each facet's `param` (`size` filters as `variant_size`). */
function termParams(terms, facets) {
  const param = Object.fromEntries(facets.map((facet) => [facet.name, facet.param || facet.name]));
  const ticked = Object.entries(terms).filter(([, values]) => values.length);
  return Object.fromEntries(ticked.map(([name, values]) => [param[name] || name, values]));
}

function facetNames(facets) {
  return facets.map((facet) => facet.name).filter((name) => priceFacet || name !== "price");
}

let suggestAvailable = true;

/** Suggestions for what is typed so far; [] when the server has no suggest route (404). */
export async function suggest(q, signal) {
  if (!suggestAvailable) return [];
  try {
    const body = await client.suggest(q, { size: 8, signal, retries: 0 });
    return body.suggestions || [];
  } catch (error) {
    if (error instanceof HaitaoError && error.status === 404) {
      suggestAvailable = false;
      return [];
    }
    throw error;
  }
}

/** Whether this client and server offer similar products (GET /v1/products/{seller}/{id}/similar). */
export const hasSimilar = typeof client.similar === "function";

/** Products like one hit (its seller, where hits carry one, and id): an answer like a search's, with its own
 * `query_id` for the clicks on them. */
export function similar(hit, signal) {
  return client.similar(hit.seller ?? "default", hit.id, { size: 8, currency: "CNY" }, { signal });
}

/**
 * A click on a result, sent as an event (POST /v1/events) with the search's `query_id` and the 1-based position;
 * only where the client and the answer support it. Never in the way of the shopper: failures are ignored.
 */
export function sendClick(answer, hit, position) {
  if (typeof client.event !== "function" || !answer?.query_id) return;
  const event = { type: "click", query_id: answer.query_id, seller: hit.seller ?? "default", id: hit.id, position };
  client.event(event).catch(() => {});
}
