"""The bilingual product taxonomy and what is built on it (issue 19).

- `tree`: the data (`data/taxonomy.tsv`) and its loader; `checks`: its soundness checks (run in CI).
- `terms`, `match`: how taxonomy terms are normalised and found in text.
- `assign`: every product's node, with a confidence and evidence.
- `predict`: the node a query asks for, with a confidence.
- `indexing`: what a product's node adds to its index entry (its Chinese type terms).
- `display`: Chinese display fields (`display_zh`) and facet labels.

`ProductTypes` bundles them for a process (`product_types()`, loaded once): the write path (`search.documents`)
assigns each product its node and indexes its Chinese type terms, the service predicts the query's node and shows
Chinese titles and labels.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

import numpy as np

from search.analysis.glossary import Glossary, default_glossary
from search.analysis.segment import Segmenter
from search.fields import NO_NODE, ProductNode
from search.taxonomy.assign import Assignment, NodeAssigner, NodeVectors
from search.taxonomy.display import ChineseDisplay
from search.taxonomy.indexing import chinese_type_terms
from search.taxonomy.match import TermIndex
from search.taxonomy.predict import CategoryPredictor, Prediction
from search.taxonomy.tree import TAXONOMY_PATH, Node, Taxonomy, default_taxonomy

if TYPE_CHECKING:
    from search.catalog import Product
    from search.embedding_cache import EmbeddingCache

__all__ = [
    "Assignment",
    "CategoryPredictor",
    "ChineseDisplay",
    "Node",
    "NodeAssigner",
    "NodeVectors",
    "Prediction",
    "ProductTypes",
    "Taxonomy",
    "product_types",
    "taxonomy_version",
]

# Bump when what a product is assigned or indexed with changes for the same taxonomy data (assign.py, indexing.py).
RULES_VERSION = 3
# A product's node adds its type terms to the index only when assigned at least this surely (`type_terms`).
TYPE_WORDS_MIN_CONFIDENCE = 0.6


@lru_cache(maxsize=1)
def taxonomy_version() -> str:
    """Changes whenever the taxonomy data or the rules change, so that products are assigned and indexed again
    (it is part of every document's content hash)."""
    data = TAXONOMY_PATH.read_bytes() + f"|rules {RULES_VERSION}".encode()
    return hashlib.sha256(data).hexdigest()[:16]


class _Encoder(Protocol):
    name: str
    dim: int

    def encode(self, texts: Sequence[str], batch_size: int = ..., on_batch=...) -> np.ndarray: ...


@dataclass
class ProductTypes:
    """The taxonomy services of a process, loaded once."""

    taxonomy: Taxonomy
    glossary: Glossary
    terms: TermIndex = field(init=False)
    assigner: NodeAssigner = field(init=False)
    predictor: CategoryPredictor = field(init=False)
    display: ChineseDisplay = field(init=False)

    def __post_init__(self) -> None:
        self.terms = TermIndex(self.taxonomy)
        self.assigner = NodeAssigner(self.taxonomy, self.terms)
        self.predictor = CategoryPredictor(self.taxonomy, self.terms)
        self.display = ChineseDisplay(self.taxonomy, self.glossary, self.assigner)
        self._by_model: dict[str, NodeAssigner] = {}
        self._lock = threading.Lock()
        # A node's Chinese type terms, by (node, segmenter version): segmenting a node's names costs about 1 ms,
        # repeated for every product of the node otherwise (the most of a cold index build's time at 100,000).
        self._type_terms: dict[tuple[str | None, str], list[str]] = {}

    @classmethod
    def default(cls, glossary: Glossary) -> ProductTypes:
        return cls(default_taxonomy(), glossary)

    def assigner_for(self, encoder: _Encoder, cache: EmbeddingCache | None = None) -> NodeAssigner:
        """An assigner whose last resort is the product's vector nearest to the nodes' names, embedded once per
        model and process by `encoder` (through the embedding cache when given), when first needed."""
        from search.documents import embed  # the write path's embedding, cache included

        def embed_names(texts: list[str]) -> np.ndarray:
            return embed(texts, encoder, cache=cache)  # type: ignore[arg-type]

        with self._lock:
            found = self._by_model.get(encoder.name)
            if found is None:
                vectors = NodeVectors(self.taxonomy, embed=embed_names)
                found = self._by_model[encoder.name] = NodeAssigner(self.taxonomy, self.terms, vectors)
            elif found.vectors is not None:
                found.vectors.embed_with(embed_names)  # this writer's cache, if the names are not embedded yet
            return found

    def stored(self, assignment: Assignment) -> ProductNode:
        """An assignment as the index stores it (with the node's path, for "within a node")."""
        if assignment.node is None or assignment.node not in self.taxonomy:
            return NO_NODE
        return ProductNode(
            assignment.node,
            tuple(self.taxonomy.path_ids(assignment.node)),
            round(float(assignment.confidence), 4),
            assignment.method,
            assignment.evidence,
        )

    def type_terms(self, node: ProductNode, segmenter: Segmenter) -> list[str]:
        """The Chinese type terms a product of this node is indexed with (`type_zh`, see `indexing`). A node
        assigned less surely than `TYPE_WORDS_MIN_CONFIDENCE` adds none: a guess must not make a product match a
        type word."""
        node_id = node.id if node.confidence >= TYPE_WORDS_MIN_CONFIDENCE else None
        key = (node_id, segmenter.version)
        terms = self._type_terms.get(key)
        if terms is None:
            terms = self._type_terms[key] = chinese_type_terms(self.taxonomy, node_id, segmenter)
        return list(terms)

    def explain(self, node: ProductNode) -> dict[str, object] | None:
        """A stored node for people: its id, English and Chinese paths, confidence, method and evidence."""
        if node.id is None or node.id not in self.taxonomy:
            return None
        return {
            "node": node.id,
            "path": self.taxonomy.path_en(node.id),
            "path_zh": self.taxonomy.path_zh(node.id),
            "confidence": round(node.confidence, 3),
            "method": node.method,
            "evidence": node.evidence,
        }

    def display_zh(self, product: Product, node: ProductNode) -> dict[str, str]:
        """`{"title", "category", "source"}` for a Chinese storefront (`display.ChineseDisplay.display_zh`)."""
        return self.display.display_zh(product, node.id)

    def facet_labels(self, facets: dict[str, dict[str, int]]) -> dict[str, dict[str, str]]:
        """Chinese labels of counted facet values, by facet and English value (price buckets have none)."""
        out = {}
        for name, counts in facets.items():
            if name != "price" and (labels := self.display.facet_labels(name, list(counts))):
                out[name] = labels
        return out


@lru_cache(maxsize=1)
def product_types() -> ProductTypes:
    """The process's taxonomy services, loaded once (the tree, its term index, prediction, display)."""
    return ProductTypes.default(default_glossary())
