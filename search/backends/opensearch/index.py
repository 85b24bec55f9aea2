"""Index management for OpenSearch, in one place: settings, mappings, `_meta`, versioned indices behind an alias.

Searches and incremental writes go through the alias (`products`). Each physical index is `products_vN`; a full
rebuild creates `products_vN+1`, fills it, then moves the alias in one `_aliases` request (atomic in OpenSearch),
so a search sees either the old index or the complete new one, never a half-built one.

The embedding model and its dimension are recorded in the mapping's `_meta` and checked on open, like the
embedded backend's manifest. The mapping is derived from the field registry (`search.fields`). The text fields
hold analysed terms (English: `search.analysis.english.english_terms`, Chinese: jieba's) that the index only splits
on spaces, exactly as the embedded index does, so the keyword leg searches the same terms on both backends.

Beside the alias, `ALIAS_generation` holds one document, the generation: a counter (the write sequence of the
latest change) written after every change by any process, read by `OpenSearchBackend.generation()`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from opensearchpy import NotFoundError, OpenSearch

from search.backends.base import IndexMismatch, IndexNotFound, check_built_with
from search.fields import FIELDS, NODE_CONFIDENCE, NODE_PATH, SCHEMA_VERSION, Analysis, FieldType, category_levels

ENGLISH_ANALYZER = "haitao_terms"  # the terms of search.analysis.english.english_terms, split on spaces
CHINESE_ANALYZER = "zh_pretokenized"  # jieba segments at index time; the index only splits on spaces and lowercases
ANALYZERS = {Analysis.ENGLISH: ENGLISH_ANALYZER, Analysis.CHINESE: CHINESE_ANALYZER}
CATEGORY_PATH = "category_path"  # every case-folded prefix of the category, for prefix filters
VECTOR_FIELD = "vector"
GENERATION_ID = "generation"


@dataclass(frozen=True)
class VectorOptions:
    engine: str = "faiss"  # "faiss" or "lucene"
    space_type: str = "cosinesimil"
    m: int = 16
    ef_construction: int = 128


@dataclass(frozen=True)
class IndexOptions:
    alias: str = "products"
    shards: int = 1
    replicas: int = 0
    vector: VectorOptions = VectorOptions()


def analysis_settings() -> dict[str, Any]:
    return {
        "analyzer": {
            ENGLISH_ANALYZER: {"type": "custom", "tokenizer": "whitespace", "filter": []},
            CHINESE_ANALYZER: {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"]},
        },
    }


NODE_RECORD = "node_record"


def properties(dim: int, vector: VectorOptions) -> dict[str, Any]:
    """The mapping's fields: the registry's, then the system fields every document has."""
    keyword = {"type": "keyword"}
    props: dict[str, Any] = {}
    for f in FIELDS:
        if f.search is not None:
            props[f.text_field] = {"type": "text", "analyzer": ANALYZERS[f.search]}
        if f.type in (FieldType.ID, FieldType.KEYWORD, FieldType.CATEGORY, FieldType.AVAILABILITY):
            props[f.name] = keyword  # as written, for facets
        if f.type is FieldType.KEYWORD:
            props[f.key_field] = keyword  # normalised, for filters and boosts
        elif f.type is FieldType.CATEGORY:
            props[CATEGORY_PATH] = keyword
        elif f.type is FieldType.PRICE:
            props[f.name] = {"type": "scaled_float", "scaling_factor": 100}
        elif f.type is FieldType.ATTRIBUTES:
            props[f.name] = keyword  # `attribute_term`s, for attribute filters
        elif f.type is FieldType.NODE:
            props[f.name] = keyword  # the taxonomy node's id
            props[NODE_PATH] = keyword  # it and its ancestors: "of this type"
            props[NODE_CONFIDENCE] = {"type": "float"}
            props[NODE_RECORD] = {"type": "object", "enabled": False}  # the stored `ProductNode`
    props.update(
        {
            "seq": {"type": "long"},  # unique, increasing with each write: newest first, browse cursors
            "content_hash": {"type": "keyword", "index": False},
            "indexed_at": {"type": "date"},
            "record": {"type": "object", "enabled": False},  # the Product, returned as stored
            VECTOR_FIELD: {
                "type": "knn_vector",
                "dimension": dim,
                "method": {
                    "name": "hnsw",
                    "engine": vector.engine,
                    "space_type": vector.space_type,
                    "parameters": {"m": vector.m, "ef_construction": vector.ef_construction},
                },
            },
        }
    )
    return props


def index_body(model: str, dim: int, options: IndexOptions) -> dict[str, Any]:
    """The settings and mappings of a new physical index."""
    return {
        "settings": {
            "index": {"knn": True, "number_of_shards": options.shards, "number_of_replicas": options.replicas},
            "analysis": analysis_settings(),
        },
        "mappings": {
            "dynamic": "strict",
            "_meta": {"schema_version": SCHEMA_VERSION, "model": model, "dim": dim},
            "properties": properties(dim, options.vector),
        },
    }


def category_key(category: str) -> str:
    return " > ".join(category_levels(category))


def category_prefixes(category: str) -> list[str]:
    """Every prefix of the category path: a filter on any of them matches this product."""
    levels = category_levels(category)
    return [" > ".join(levels[: i + 1]) for i in range(len(levels))]


class IndexManager:
    """The alias and the physical indices behind it."""

    def __init__(self, client: OpenSearch, model: str, dim: int, options: IndexOptions) -> None:
        self.client = client
        self.model, self.dim = model, dim
        self.options = options
        self.alias = options.alias
        self._name_re = re.compile(rf"^{re.escape(self.alias)}_v(\d+)$")

    def physical_name(self, version: int) -> str:
        return f"{self.alias}_v{version}"

    def versions(self) -> list[int]:
        """Versions of the physical indices that exist, oldest first."""
        try:
            names = self.client.indices.get(index=f"{self.alias}_v*")
        except NotFoundError:
            return []
        found = (self._name_re.match(name) for name in names)
        return sorted(int(m.group(1)) for m in found if m)

    def current(self) -> str | None:
        """The physical index the alias points to, or None when there is no alias yet."""
        try:
            names = list(self.client.indices.get_alias(name=self.alias))
        except NotFoundError:
            return None
        if len(names) != 1:
            raise IndexMismatch(f"the alias {self.alias!r} points to {len(names)} indices ({names}); expected one")
        return names[0]

    def open(self, create: bool) -> str:
        """The current physical index, checked against the model; created (v1 + alias) when `create` is set."""
        name = self.current()
        if name is None:
            if not create:
                raise IndexNotFound(
                    f"no OpenSearch index behind the alias {self.alias!r}: build one first with "
                    "`HAITAO_BACKEND=opensearch haitao index FILE`"
                )
            name = self.create(max(self.versions(), default=0) + 1)
            self.client.indices.update_aliases(body={"actions": [{"add": {"index": name, "alias": self.alias}}]})
            return name
        self.check(name)
        return name

    def create(self, version: int) -> str:
        name = self.physical_name(version)
        self.client.indices.create(index=name, body=index_body(self.model, self.dim, self.options))
        return name

    def create_next(self) -> str:
        """A new, empty physical index for a full rebuild (not yet behind the alias)."""
        return self.create(max(self.versions(), default=0) + 1)

    def meta(self, name: str) -> dict[str, Any]:
        mapping = self.client.indices.get_mapping(index=name)
        return mapping[name]["mappings"].get("_meta", {})

    def check(self, name: str) -> None:
        check_built_with(f"the OpenSearch index {name!r}", self.meta(name), SCHEMA_VERSION, self.model, self.dim)

    def swap(self, new: str) -> str | None:
        """Point the alias at `new` in one atomic request; delete the index it pointed to. Returns that index."""
        old = self.current()
        actions: list[dict[str, Any]] = [{"add": {"index": new, "alias": self.alias}}]
        if old is not None and old != new:
            actions.insert(0, {"remove": {"index": old, "alias": self.alias}})
        self.client.indices.update_aliases(body={"actions": actions})
        if old is not None and old != new:
            self.client.indices.delete(index=old)
        return old

    def drop(self, name: str) -> None:
        self.client.indices.delete(index=name, ignore_unavailable=True)

    @property
    def generation_index(self) -> str:
        return f"{self.alias}_generation"

    def generation(self) -> int:
        """The latest change's counter (0 before the first change): one realtime GET."""
        try:
            found = self.client.get(index=self.generation_index, id=GENERATION_ID, _source=True)
        except NotFoundError:
            return 0
        return int(found["_source"].get("generation", 0))

    def bump_generation(self, value: int) -> None:
        """Record a change: `value` is its write sequence (unique, increasing)."""
        self.client.index(index=self.generation_index, id=GENERATION_ID, body={"generation": value})
