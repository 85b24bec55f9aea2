/**
 * The API's types, by name. Every one comes from `generated/openapi.ts`, which `npm run build` and `npm test`
 * generate from the server's OpenAPI document, `openapi.json` (`npm test` fails when it is not current): each schema
 * of the document is a type there under its own name, and this module says which of them the client exports, plus
 * the query parameters of the GET routes. Nothing here is written by hand.
 */

import type { paths, SearchParams } from "./generated/openapi.js";

/** A search (GET and POST /v1/search): its parameters, its answer and their parts. */
export type {
  SearchParams,
  SearchResponse,
  SearchHit,
  Price,
  LandedEstimate,
  FacetStats,
  ExchangeRate,
  HitExplain,
  Sort,
  Mode,
  Currency,
} from "./generated/openapi.js";

/** GET /v1/suggest. */
export type { SuggestResponse, SuggestionItem as Suggestion } from "./generated/openapi.js";
export type SuggestParams = paths["/v1/suggest"]["get"]["parameters"]["query"];

/** GET /v1/facets. */
export type { FacetValues } from "./generated/openapi.js";
export type FacetsParams = paths["/v1/facets"]["get"]["parameters"]["query"];
export type FacetName = FacetsParams["name"];

/** GET /v1/products/{id}; POST /v1/multi-search; POST /v1/events; the body of every error answer. */
export type {
  ProductResponse,
  Product,
  Availability,
  MultiSearchResponse,
  Event,
  EventAccepted,
  ErrorResponse,
} from "./generated/openapi.js";

/** GET /v1/products/{seller}/{id}/similar: the filters of a search and `size`. */
export type SimilarParams = Omit<SearchParams, "q" | "page" | "cursor" | "facets" | "sort" | "mode" | "explain">;
