/**
 * An InstantSearch.js `searchClient` over Haitao Search:
 *
 *   import instantsearch from "instantsearch.js";
 *   import { HaitaoClient } from "@haitao-search/client";
 *   import { haitaoSearchClient } from "@haitao-search/client/instantsearch";
 *
 *   const client = new HaitaoClient({ baseUrl: "https://search.example.cn", apiKey: "pk-..." });
 *   const search = instantsearch({ indexName: "products", searchClient: haitaoSearchClient(client) });
 *
 * InstantSearch sends a batch of requests per search: the one for the hits and, for each refined disjunctive facet
 * (a refinement list, a range slider), one more counting that facet without its own refinements. Haitao's facet
 * counts are already disjunctive (each facet is counted under every filter but its own), so such a request is
 * answered from the hits request's counts whenever they are the same counts; the rest are sent at once, in
 * parallel, identical ones once.
 */

import type { HaitaoClient, SearchOptions } from "../client.js";
import type { Currency, Mode, SearchParams, SearchResponse } from "../types.js";
import { type AdapterSettings, type Plan, countKey, planRequest, searchParamsOf } from "./request.js";
import { toFacetSearchResult, toResult } from "./response.js";
import type { FacetSearchResult, HaitaoSearchClient, InstantSearchRequest, InstantSearchResult } from "./types.js";

export { HaitaoAdapterError } from "./request.js";
export type * from "./types.js";

export interface HaitaoInstantSearchOptions {
  /** Currency of the `price` attribute: its numeric refinements (a range slider) and its range (default CNY). */
  currency?: Currency;
  /** Hits per page where the widgets set none (default 20, as Algolia's). */
  hitsPerPage?: number;
  /** Retrieval mode (default: the server's, hybrid). */
  mode?: Mode;
  /** Search parameters sent with every search, e.g. `{ in_stock: true }`; the widgets' refinements take
   * precedence over them. */
  params?: SearchParams;
  /** How searches are sent (see `SearchOptions.method`; default auto). */
  method?: SearchOptions["method"];
}

/** Results of a facet search list at most this many values unless the widget asks otherwise. */
const DEFAULT_FACET_HITS = 10;

export function haitaoSearchClient(client: HaitaoClient, options: HaitaoInstantSearchOptions = {}): HaitaoSearchClient {
  const { facets: _facets, page: _page, size: _size, cursor: _cursor, ...params } = options.params ?? {};
  const settings: AdapterSettings = {
    currency: options.currency ?? "CNY",
    hitsPerPage: options.hitsPerPage ?? 20,
    mode: options.mode,
    params,
  };
  const searchOptions: SearchOptions = options.method ? { method: options.method } : {};
  const send = (plan: Plan) => client.search(searchParamsOf(plan), searchOptions);

  /** Facet values containing a text (a searchable refinement list), counted under the other refinements. */
  async function searchForFacetValues(requests: readonly InstantSearchRequest[]): Promise<FacetSearchResult[]> {
    return Promise.all(
      requests.map(async (request) => {
        const p = request.params ?? {};
        const facetName = request.facet ?? p.facetName ?? "";
        const plan = planRequest({ ...request, params: { ...p, facets: [facetName], hitsPerPage: 0, page: 0 } }, settings);
        const response = plan.matchesNothing ? undefined : await send(plan);
        return toFacetSearchResult(plan, facetName, p.facetQuery ?? "", p.maxFacetHits ?? DEFAULT_FACET_HITS, response);
      }),
    );
  }

  return {
    async search(batch) {
      const requests = batch as readonly InstantSearchRequest[];
      const searches = requests.filter((request) => request.type !== "facet");
      const answered = await answer(
        searches.map((request) => planRequest(request, settings)),
        send,
      );
      const facetSearches = await searchForFacetValues(requests.filter((request) => request.type === "facet"));
      return { results: requests.map((request) => (request.type === "facet" ? facetSearches.shift()! : answered.shift()!)) };
    },
  };
}

/**
 * Answers a batch of plans with as few Haitao searches as give the same results: a plan that only wants facet
 * counts takes them from a plan of the batch that wants hits and counts them alike; identical searches are sent once.
 */
async function answer(plans: Plan[], send: (plan: Plan) => Promise<SearchResponse>): Promise<InstantSearchResult[]> {
  const donors = plans.filter((plan) => plan.hitsPerPage > 0 && !plan.matchesNothing);
  const sources = plans.map((plan) => {
    if (plan.matchesNothing) return undefined;
    if (plan.hitsPerPage > 0) return plan;
    const donor = donors.find((candidate) =>
      plan.facets.every((facet) => candidate.facets.includes(facet) && countKey(candidate, facet) === countKey(plan, facet)),
    );
    return donor ?? plan;
  });
  const calls = new Map<string, Promise<SearchResponse>>();
  const callOf = (plan: Plan) => {
    const key = JSON.stringify(searchParamsOf(plan));
    let call = calls.get(key);
    if (!call) {
      call = send(plan);
      calls.set(key, call);
    }
    return { key, call };
  };
  const pending = sources.map((source) => (source ? callOf(source) : undefined));
  const responses = await Promise.all(pending.map((p) => p?.call));
  const counted = new Set<string>();
  return plans.map((plan, i) => {
    const response = responses[i];
    const key = pending[i]?.key;
    // The batch's processing time is the sum over its results: count each search once.
    const tookMs = response && key !== undefined && !counted.has(key) ? response.took_ms : 0;
    if (key !== undefined) counted.add(key);
    return toResult(plan, response, tookMs);
  });
}
