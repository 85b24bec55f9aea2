/**
 * The API's types, by name. Every one comes from `generated/openapi.ts`, which `npm run types` generates from the
 * server's OpenAPI document (`npm test` fails when it is not current): nothing here is written by hand.
 */

import type { components, paths } from "./generated/openapi.js";

type Schemas = components["schemas"];

/** The parameters of a search (GET and POST /v1/search). */
export type SearchParams = Schemas["SearchParams"];
export type SearchResponse = Schemas["SearchResponse"];
export type SearchHit = Schemas["SearchHit"];
export type Price = Schemas["Price"];
export type LandedEstimate = Schemas["LandedEstimate"];
export type FacetStats = Schemas["FacetStats"];
export type ExchangeRate = Schemas["ExchangeRate"];
export type HitExplain = Schemas["HitExplain"];
export type Sort = Schemas["Sort"];
export type Mode = Schemas["Mode"];
export type Currency = Schemas["Currency"];

/** GET /v1/suggest. */
export type SuggestParams = paths["/v1/suggest"]["get"]["parameters"]["query"];
export type SuggestResponse = Schemas["SuggestResponse"];
export type Suggestion = Schemas["SuggestionItem"];

/** GET /v1/facets. */
export type FacetsParams = paths["/v1/facets"]["get"]["parameters"]["query"];
export type FacetName = FacetsParams["name"];
export type FacetValues = Schemas["FacetValues"];

/** GET /v1/products/{id}. */
export type ProductResponse = Schemas["ProductResponse"];
export type Product = Schemas["Product"];
export type Availability = Schemas["Availability"];

/** POST /v1/multi-search. */
export type MultiSearchResponse = Schemas["MultiSearchResponse"];

/** GET /v1/products/{seller}/{id}/similar: the filters of a search and `size`. */
export type SimilarParams = Omit<SearchParams, "q" | "page" | "cursor" | "facets" | "sort" | "mode" | "explain">;

/** POST /v1/events. */
export type Event = Schemas["Event"];
export type EventAccepted = Schemas["EventAccepted"];

/** The body of every error answer. */
export type ErrorResponse = Schemas["ErrorResponse"];
