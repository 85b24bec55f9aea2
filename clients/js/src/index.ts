export { HaitaoClient } from "./client.js";
export type { HaitaoClientOptions, SearchOptions, SuggestOptions, FacetsOptions } from "./client.js";
export { HaitaoError } from "./errors.js";
export type { HaitaoErrorKind } from "./errors.js";
export type { CallOptions, FetchLike } from "./http.js";
export type * from "./types.js";
