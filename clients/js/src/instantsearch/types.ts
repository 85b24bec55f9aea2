/**
 * The part of InstantSearch's search-client contract the adapter speaks (Algolia's multi-query shapes), written
 * out here so the package needs no InstantSearch or Algolia package at run time.
 */

/** A filter list as InstantSearch sends it: entries are ANDed, an inner array is an OR group. */
export type FilterList = string | readonly (string | readonly string[])[];

export interface InstantSearchParams {
  query?: string;
  /** 0-based. */
  page?: number;
  hitsPerPage?: number;
  facets?: string | readonly string[];
  facetFilters?: FilterList;
  numericFilters?: FilterList;
  maxValuesPerFacet?: number;
  highlightPreTag?: string;
  highlightPostTag?: string;
  attributesToRetrieve?: readonly string[];
  /** Search for facet values. */
  facetName?: string;
  facetQuery?: string;
  maxFacetHits?: number;
  [parameter: string]: unknown;
}

export interface InstantSearchRequest {
  indexName: string;
  params?: InstantSearchParams;
  /** `facet` (with `facet`): a search for facet values sent through `search` (InstantSearch with newer clients). */
  type?: string;
  facet?: string;
}

export interface HighlightValue {
  value: string;
  matchLevel: "none" | "partial" | "full";
  matchedWords: string[];
  fullyHighlighted?: boolean;
}

export interface InstantSearchHit {
  objectID: string;
  _highlightResult: Record<string, HighlightValue>;
  _snippetResult: Record<string, HighlightValue>;
  [field: string]: unknown;
}

export interface InstantSearchResult {
  index: string;
  query: string;
  params: string;
  hits: InstantSearchHit[];
  nbHits: number;
  nbPages: number;
  page: number;
  hitsPerPage: number;
  facets: Record<string, Record<string, number>>;
  facets_stats: Record<string, { min: number; max: number }>;
  processingTimeMS: number;
  exhaustiveNbHits: boolean;
  exhaustiveFacetsCount: boolean;
  /** Haitao's own: the query as searched when words were corrected (show it: 已按 … 为您搜索), else null. */
  corrected_query: string | null;
  /** Haitao's own: the words dropped when nothing matched them all. */
  relaxed: string[];
  /** Haitao's own: what the shopper may have meant, when nothing (or only a relaxed query) matched. */
  did_you_mean: string[];
}

export interface FacetHit {
  value: string;
  highlighted: string;
  count: number;
}

export interface FacetSearchResult {
  facetHits: FacetHit[];
  exhaustiveFacetsCount: boolean;
  processingTimeMS: number;
}

/**
 * What InstantSearch's `searchClient` option takes. Typed loosely (`any`) because InstantSearch's own type varies
 * with the Algolia client version installed: so it is accepted as it is, whatever that version. The answers are
 * `InstantSearchResult`s, and `FacetSearchResult`s for facet searches.
 */
export interface HaitaoSearchClient {
  /** Searches, and searches for facet values (requests with `type: "facet"`, as InstantSearch sends them to a
   * client without its own `searchForFacetValues`). */
  // biome-ignore lint/suspicious/noExplicitAny: InstantSearch's type varies with the Algolia client installed
  search(requests: readonly any[]): Promise<{ results: any[] }>;
}
