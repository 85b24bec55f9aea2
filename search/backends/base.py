"""The storage contract: `SearchBackend`, every method of which each backend implements in full, and the
backend-neutral request and result types and errors.

A backend stores `IndexDocument`s (the fields of `search.fields`, indexed as `index_values` says, plus the record,
the vector and a write sequence), each under its product's key (`SELLER/ID`, `Product.key`: two sellers may use
the same id), and the sellers' records beside them. It answers the primitive reads that `search.retrieval`
composes into a search: the keyword leg and the vector leg (each a ranked list of product keys), browsing in a sort
order, counts and facets of a result set, sort values and records by key. Fusion, ordering and paging of ranked
results happen above the legs, the same way for every backend. A backend also reports how its index analyses
English text (`english_terms`, which must equal `search.analysis.english.english_terms`), how many products use an
analysed term, and a generation token that changes with every write (the service's result cache is keyed by it).
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Hashable, Iterator, Mapping, Sequence
from concurrent.futures import Future
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

import numpy as np

from search.analysis.translate import Concept
from search.catalog import Product, Variant
from search.fields import BY_NAME, FIELDS, NO_NODE, FieldType, ProductNode
from search.sellers import Seller

Leg = list[tuple[str, float]]  # (product key, score), best first


def write_sequence(count: int) -> list[int]:
    """Sort keys for `count` documents written now: unique and increasing, microseconds since the epoch plus the
    position in the batch (a batch takes far longer to embed than it has documents, so batches never overlap).
    Microseconds stay below 2**53, exact even where JSON numbers become doubles."""
    start = time.time_ns() // 1000
    return [start + i for i in range(count)]


class IndexMismatch(RuntimeError):
    """The index was built with another embedding model or schema than the one configured."""


def check_built_with(where: str, recorded: Mapping[str, Any], schema_version: int, model: str, dim: int) -> None:
    """Refuse an index whose recorded schema version, model or dimension differ from this process's.

    `where` names the index in the message ("the index in var/data", "the OpenSearch index 'products_v1'").
    """
    recorded_version = recorded.get("schema_version")
    if recorded_version != schema_version:
        if isinstance(recorded_version, int) and recorded_version < schema_version:
            how = "migrate it with `haitao migrate` (every product and vector is kept; nothing is embedded again)"
        else:
            how = "use the version of Haitao Search that built it, or rebuild it with `haitao index FILE --rebuild`"
        raise IndexMismatch(
            f"{where} has schema version {recorded_version}, this version of Haitao Search uses {schema_version}: {how}"
        )
    if recorded.get("model") != model or recorded.get("dim") != dim:
        raise IndexMismatch(
            f"{where} was built with model {recorded.get('model')!r} ({recorded.get('dim')} dimensions), but the "
            f"configured model is {model!r} ({dim}): set HAITAO_MODEL back, or rebuild with "
            "`haitao index FILE --rebuild`"
        )


class IndexNotFound(FileNotFoundError):
    """No index has been built yet where the settings point."""


class IndexLocked(RuntimeError):
    """Another process is writing to this index (the embedded backend allows one writer at a time)."""


class BackendUnavailable(RuntimeError):
    """The storage backend cannot be reached right now (a search server down); retrying later may succeed."""


class WriteUnavailable(RuntimeError):
    """A write could not be made durable (a full disk, a file-size limit, an I/O error), so nothing of it is
    acknowledged; the backend refuses writes until it can write again (`SearchBackend.write_problem`). The message
    names the cause, never a path: it is shown to API clients (503)."""


class DocumentWriteError(RuntimeError):
    """Some documents of a write were refused by the backend; the others were written."""

    def __init__(self, failures: dict[str, str]) -> None:
        self.failures = failures  # product key → reason
        first = next(iter(failures.items()), ("", ""))
        super().__init__(f"{len(failures)} document(s) were not written, e.g. {first[0]!r}: {first[1]}")


@dataclass
class IndexDocument:
    """A product ready to be stored: the record, the jieba terms of its Chinese fields (those derived from its
    taxonomy node included), its vector and hash, its taxonomy node."""

    product: Product
    chinese_terms: dict[str, list[str]]  # Chinese-analysed field name → its terms (derived fields included)
    vector: np.ndarray
    content_hash: str
    node: ProductNode = NO_NODE


TermFilter = tuple[str, tuple[str, ...]]  # (keyword field name, (value, ...))


@dataclass(frozen=True)
class Filters:
    """Hard restrictions of a search. Values of one filter are alternatives (OR); different filters all apply.

    `terms` holds the filters of the keyword fields of the registry (`brand`, and whatever is added there), in
    registry order, without empty ones, so that equal filters compare equal. `fixed` holds keyword filters that
    apply on top of everything else, whatever `terms` say, and that a facet's counts never drop (`without`): the
    filters a scoped search key carries (`search.keys`: a seller's storefront sees only its products)."""

    terms: tuple[TermFilter, ...] = ()
    category: str | None = None  # a category path prefix: "Electronics > Audio"
    price_min: float | None = None  # USD
    price_max: float | None = None  # USD
    in_stock: bool | None = None
    # Product attributes: ((name, (value, ...)), ...), names and values compared as `attribute_term` does.
    attributes: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fixed: tuple[TermFilter, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "terms", _canonical_terms(self.terms))
        fixed = _canonical_terms(self.fixed)
        if len(fixed) != len(dict(self.fixed)):
            raise ValueError("a fixed filter needs values")  # never dropped silently: it would filter nothing
        object.__setattr__(self, "fixed", fixed)

    @classmethod
    def where(cls, **filters: Any) -> Filters:
        """`Filters.where(brand=("Sony",), price_max=100)`: keyword fields by name, the rest as the fields below."""
        keyword = {n: tuple(v) for n, v in filters.items() if n in BY_NAME and BY_NAME[n].type is FieldType.KEYWORD}
        rest = {name: value for name, value in filters.items() if name not in keyword}
        return cls(terms=tuple(keyword.items()), **rest)

    def values(self, name: str) -> tuple[str, ...]:
        """The values a keyword field is filtered by (empty: not filtered)."""
        return dict(self.terms).get(name, ())

    @property
    def brands(self) -> tuple[str, ...]:
        return self.values("brand")

    @property
    def is_empty(self) -> bool:
        return self == Filters()

    def without(self, facet: str) -> Filters:
        """These filters less the facet's own one: the filters its counts are computed with (disjunctive facets)."""
        kind = BY_NAME[facet].type if facet in BY_NAME else None
        if kind is FieldType.KEYWORD:
            return replace(self, terms=tuple(t for t in self.terms if t[0] != facet))
        if kind is FieldType.CATEGORY:
            return replace(self, category=None)
        if kind is FieldType.PRICE:
            return replace(self, price_min=None, price_max=None)
        if kind is FieldType.AVAILABILITY:
            return replace(self, in_stock=None)
        return self


def _canonical_terms(terms: tuple[TermFilter, ...]) -> tuple[TermFilter, ...]:
    """Keyword filters in registry order, without empty values or filters."""
    given = dict(terms)
    unknown = [name for name in given if name not in BY_NAME or BY_NAME[name].type is not FieldType.KEYWORD]
    if unknown:
        raise ValueError(f"not a keyword field: {unknown[0]!r}")
    return tuple(
        (f.name, tuple(v for v in given[f.name] if v.strip()))
        for f in FIELDS
        if f.name in given and any(v.strip() for v in given[f.name])
    )


@dataclass(frozen=True)
class PriceBucket:
    key: str  # the label the counts are reported under, e.g. "100-200"
    low: float | None  # USD, inclusive; None = open
    high: float | None  # USD, exclusive; None = open

    def as_range(self) -> dict[str, Any]:
        """One range of a `range` aggregation (the same JSON in tantivy and OpenSearch)."""
        entry: dict[str, Any] = {"key": self.key}
        if self.low is not None:
            entry["from"] = self.low
        if self.high is not None:
            entry["to"] = self.high
        return entry


class Sort(StrEnum):
    RELEVANCE = "relevance"
    PRICE_ASC = "price_asc"
    PRICE_DESC = "price_desc"
    NEWEST = "newest"  # most recently added or changed first


@dataclass(frozen=True)
class TypePreference:
    """The product type a query asks for (its predicted taxonomy node): a preference, never a filter."""

    node: str | tuple[str, ...]  # one node, or every node the query's type word names (`适配器`: power adapters too)
    confidence: float  # of the prediction, in [0, 1]
    # Types named for this one (`laptop` → laptop sleeves): their products mention the type without being of it.
    accessories: tuple[str, ...] = ()


@dataclass
class BackendQuery:
    concepts: list[Concept] = field(default_factory=list)  # the keyword leg; empty = no keyword leg
    # The vector leg; None = no vector leg. A `Future` while the query is still being embedded: the keyword leg runs
    # meanwhile, and the vector leg waits for it (`resolved()`); a future that gives None means no vector leg.
    vector: np.ndarray | Future[np.ndarray | None] | None = None
    # Soft preferences from the query ("耐克 跑鞋" → brand Nike): extra keyword-leg clauses, never filters.
    boost_brands: tuple[str, ...] = ()  # brand names as in the catalog, matched as the brand filter matches
    prefer_type: TypePreference | None = None  # the product type the query names (see `search.retrieval`)
    filters: Filters = field(default_factory=Filters)
    facets: tuple[str, ...] = ()  # names from search.fields.FACETS
    price_buckets: tuple[PriceBucket, ...] = ()  # the buckets of the "price" facet
    sort: Sort = Sort.RELEVANCE
    offset: int = 0
    limit: int = 10
    # Browsing (no keyword or vector leg) pages by key: the `sort_key` of the last hit of the previous page.
    search_after: tuple[Any, ...] | None = None
    # The cosine similarity a vector hit must reach (search/floor.py); None = every nearest neighbour counts.
    vector_floor: float | None = None
    # One hit per product group (`Product.group`), its best variant standing for it; totals and facets count groups.
    distinct: bool = False

    def resolved(self) -> BackendQuery:
        """This query with its vector computed (waiting for the embedding if it is still running)."""
        if isinstance(self.vector, Future):
            return replace(self, vector=self.vector.result())
        return self


@dataclass
class Hit:
    product: Product
    score: float
    keyword_rank: int | None = None  # 1-based rank in each leg, None when the leg did not return it
    vector_rank: int | None = None
    keyword_score: float | None = None
    vector_score: float | None = None
    sort_key: tuple[Any, ...] | None = None  # when browsing: the key to pass as `search_after` for the next page
    node: ProductNode = NO_NODE  # the product's taxonomy node, as stored
    type_rank: int | None = None  # 1-based rank in the type leg, when the query named a type the product is of
    group: GroupSummary | None = None  # with `distinct`: the group this hit stands for

    def shown_prices(self) -> tuple[float, float | None, float | None]:
        """The prices a hit shows, USD: (price, highest price when it is a range, regular price when on sale). A
        collapsed hit shows its group's range, on sale when its cheapest variant is."""
        product = self.product
        if self.group is None:
            return product.price, product.price_max, product.list_price
        cheapest = self.group.listed[0] if self.group.listed else product
        high = max(item.price_max or item.price for item in (*self.group.listed, product))
        return cheapest.price, (high if high > cheapest.price else None), cheapest.list_price


@dataclass(frozen=True)
class GroupSummary:
    """The product group a collapsed hit stands for: its variants that pass the search's filters."""

    variants: int  # how many
    price_min: float  # USD, the lowest and highest of their prices
    price_max: float
    listed: tuple[Variant, ...]  # the variants themselves, cheapest first, at most `collapse.MAX_LISTED`


@dataclass
class SearchResult:
    """One page of hits; `total` counts every product matched: the keyword leg's matches (all of them) plus the
    vector leg's nearest neighbours, filtered. Relevance-ranked pages go `leg_size` deep per leg.

    Facet counts are disjunctive: a facet's counts apply every filter but its own, so that a shopper who ticked
    one brand still sees how many products the other brands have."""

    hits: list[Hit]
    total: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    price_range: tuple[float, float] | None = None  # USD min and max, with the "price" facet


@dataclass
class Counts:
    """What `SearchBackend.count` found for one result set."""

    total: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    price_range: tuple[float, float] | None = None


@dataclass(frozen=True, eq=False)
class Near:
    """The products whose vector is at least `floor` similar (cosine) to `vector`: every vector hit above the
    floor, however many — what a search with a vector floor counts, the same set under any filters."""

    vector: np.ndarray
    floor: float


@dataclass(frozen=True)
class ResultSet:
    """The products a search matches, for counting: those passing `filters` that match the keyword leg's
    `concepts` (when given) or are among `ids` (product keys: the vector leg's neighbours, when given) or `near` the
    query vector (above the floor, when given); with none of them, every product passing the filters.

    With `near`, `ids` (when given) are the vector leg's hits above the floor under these filters, all of them: a
    backend whose vector leg is exact may count from them; one whose leg is approximate counts `near` itself."""

    filters: Filters
    concepts: tuple[Concept, ...] | None = None
    ids: tuple[str, ...] | None = None
    near: Near | None = None
    # What the keyword leg found under these filters, when it ran: every match counted, and the ids it returned. A
    # backend may count the result set from them (those matches plus the neighbours outside them) without a pass.
    keyword_total: int | None = None
    keyword_ids: tuple[str, ...] = ()
    distinct: bool = False  # count product groups (`Product.group`), not products, in the total and the facets


@dataclass
class IndexStats:
    count: int
    model: str | None
    dim: int | None
    updated_at: str | None


class SearchBackend(ABC):
    """What every storage backend implements, in full: nothing here is optional."""

    # -- writing ------------------------------------------------------------------------------------------------

    @abstractmethod
    def upsert(self, documents: Sequence[IndexDocument]) -> None:
        """Insert or replace documents by product key, durably: when this returns they are committed and read back.
        Changes the generation.

        Raises `WriteUnavailable` when the write could not be made durable (then none of it is acknowledged) or
        while writes are refused after such a failure."""

    @abstractmethod
    def delete(self, keys: Sequence[str]) -> int:
        """Remove products by key, durably (as `upsert`); returns how many existed. Changes the generation when it
        removed any."""

    @abstractmethod
    def write_problem(self) -> str | None:
        """Why writes are refused now (a commit failed and the backend could not yet write again), or None.

        A backend that refuses writes tries to recover when asked (at most every few seconds): it checks that it
        can write again, reopens its writer and verifies the index before taking writes. Readiness probes ask."""

    @abstractmethod
    def reserve_writer(self) -> None:
        """Become this index's writer now (a server with admin writes), rather than at the first write.

        Raises `IndexLocked` when another process holds the index's write lock (backends without one: no-op)."""

    @abstractmethod
    def commit_rebuild(self) -> None:
        """Publish an index opened with `rebuild=True` once it is complete: it replaces the live one atomically."""

    @abstractmethod
    def abandon_rebuild(self) -> None:
        """Drop an index opened with `rebuild=True` that did not complete; the live index stays as it was."""

    # -- reading by key -----------------------------------------------------------------------------------------

    @abstractmethod
    def fetch(self, keys: Sequence[str]) -> dict[str, Product]:
        """The stored record of each of these product keys (`SELLER/ID`) that is in the index."""

    @abstractmethod
    def types(self, keys: Sequence[str]) -> dict[str, ProductNode]:
        """The stored taxonomy node (id, path, confidence, method, evidence) of each of these product keys in the
        index."""

    @abstractmethod
    def of_type(self, keys: Sequence[str], node: str | tuple[str, ...], min_confidence: float) -> dict[str, float]:
        """Those of these product keys whose taxonomy node is `node` (or one of several) or below it, assigned at
        least `min_confidence` surely, with their assignment's confidence (answered from the index, without reading
        the stored records)."""

    def get(self, key: str) -> Product | None:
        return self.fetch([key]).get(key)

    @abstractmethod
    def iter_keys(self, seller: str | None = None) -> Iterator[str]:
        """Every product key in the index, or only `seller`'s (for removing products missing from a seller's full
        feed, and a seller's products with the seller)."""

    @abstractmethod
    def iter_products(self) -> Iterator[Product]:
        """Every product in the index, as stored, in no particular order (to build the autocomplete vocabulary).

        Streams: memory does not grow with the index."""

    @abstractmethod
    def content_hashes(self, keys: Sequence[str]) -> dict[str, str]:
        """The stored content hash of each of these product keys that is in the index."""

    # -- sellers ------------------------------------------------------------------------------------------------

    @abstractmethod
    def sellers(self) -> dict[str, Seller]:
        """Every seller record, by seller id (whether it has products or not)."""

    @abstractmethod
    def put_sellers(self, sellers: Sequence[Seller]) -> None:
        """Add or replace seller records, durably; changes the generation (hits show the sellers' names)."""

    @abstractmethod
    def delete_seller(self, seller: str) -> bool:
        """Remove a seller's record (not its products: the writer removes them first); whether it existed."""

    # -- the primitives of a search (composed by search.retrieval) -----------------------------------------------

    @abstractmethod
    def keyword_leg(self, query: BackendQuery, filters: Filters, size: int) -> tuple[Leg, int]:
        """The `size` best keyword matches of `query.concepts` (with `query.boost_brands`) among the products
        passing `filters`, by the ranking spec's keyword score; and how many products match in all."""

    @abstractmethod
    def vector_leg(self, vector: np.ndarray, filters: Filters, size: int) -> Leg:
        """The `size` products nearest to `vector` among those passing `filters`, scored by cosine similarity."""

    @abstractmethod
    def browse(
        self, filters: Filters, sort: Sort, offset: int, limit: int, search_after: tuple[Any, ...] | None
    ) -> list[Hit]:
        """A page of the products passing `filters` in `sort` order (relevance: newest first), ties broken by the
        write sequence; after `search_after` (a previous hit's `sort_key`, which every hit carries) or at
        `offset`."""

    @abstractmethod
    def browse_groups(
        self, filters: Filters, sort: Sort, offset: int, limit: int, search_after: tuple[Any, ...] | None
    ) -> list[Hit]:
        """A page of product groups in `sort` order (as `browse` orders products), each shown by its first variant
        passing `filters`; after `search_after` (a shown hit's `sort_key`: only groups whose first variant lies
        after it, so that pages never repeat or skip a group) or skipping `offset` groups."""

    @abstractmethod
    def group_variants(self, groups: Sequence[str], filters: Filters, limit: int) -> dict[str, list[Variant]]:
        """The variants of each of these groups (`Product.group`) that pass `filters`, cheapest first (ties newest
        first), at most `limit` a group: what a collapsed hit lists of each (`Variant`)."""

    @abstractmethod
    def groups_of(self, keys: Sequence[str]) -> dict[str, str]:
        """The product group (`Product.group`, or a token equal for the products of one group) of each of these
        products that is in the index: what collapsing ranked results needs, without reading the records."""

    @abstractmethod
    def sort_values(self, keys: Sequence[str], sort: Sort) -> dict[str, float]:
        """The value each of these products is ordered by under `sort` (price, or write sequence for newest)."""

    @abstractmethod
    def count(self, results: ResultSet, facets: Sequence[str], price_buckets: Sequence[PriceBucket]) -> Counts:
        """How many products the result set holds and, for each facet asked, its values' counts (at most the
        spec's `facet_size` values, most products first; "price": the buckets and the price range). With
        `results.distinct`, product groups are counted instead: a value counts the groups with a product of that
        value in the set (so a facet's count equals the total of the set filtered by it); the price range stays
        that of the products."""

    @abstractmethod
    def facet_values(self, facet: str, limit: int, filters: Filters | None = None) -> dict[str, int]:
        """Every value of a facet ("brand", "category", "availability", ...) over the whole index (or the products
        passing `filters`), most first."""

    # -- what the layers above rely on ----------------------------------------------------------------------------

    @abstractmethod
    def generation(self) -> Hashable:
        """A token that changes whenever the index content changes, whoever wrote it (for caching results)."""

    @abstractmethod
    def document_frequency(self, term: str) -> int:
        """How many products use this analysed English term (`english_terms`) in a searched English field (for
        sense choice in query translation)."""

    @abstractmethod
    def english_terms(self, text: str) -> list[str]:
        """How this index analyses English text: the terms it stores for it (equal to
        `search.analysis.english.english_terms`, which the contract suite checks)."""

    @abstractmethod
    def stats(self) -> IndexStats: ...

    @abstractmethod
    def check(self) -> None:
        """Raise `BackendUnavailable` when the backend cannot serve requests now (for readiness probes)."""

    def reading(self) -> AbstractContextManager[None]:
        """Within it, everything this thread reads sees one version of the index (one search: its analysis, legs,
        page and counts). A backend whose reads are each answered by a server anyway needs nothing here."""
        return nullcontext()

    def reading_shared(self) -> AbstractContextManager[None]:
        """For another thread doing part of this thread's search: taken here, entered there, it makes that thread
        read the version this one reads within `reading()` (a search's counts run beside its page, see
        `search.retrieval`). A backend whose reads are each answered by a server anyway needs nothing here."""
        return nullcontext()

    def anticipate(self, near: Near, filters: Filters) -> None:  # noqa: B027 - most backends start nothing early
        """A hint, once a search's vector and floor are known: its count will want every product `near` under
        `filters`; a backend may start working on that now (the embedded one scans beside the vector leg)."""

    def prepare_search(self) -> None:  # noqa: B027 - a backend with nothing to prepare does nothing
        """Build now what searches of the current index need (the embedded backend's vector graph), rather than
        in the background at the first search."""

    @abstractmethod
    def close(self) -> None: ...
