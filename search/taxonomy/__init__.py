"""The bilingual product taxonomy and what is built on it (issue 19).

- `tree`: the data (`data/taxonomy.tsv`) and its loader; `checks`: its soundness checks (run in CI).
- `terms`, `match`: how taxonomy terms are normalised and found in text.
- `assign`: every product's node, with a confidence and evidence.
- `predict`: the node a query asks for, with a confidence.
- `display`: Chinese display fields (`display_zh`) and facet labels.

`ProductTypes` bundles them for a process: the indexer assigns nodes and indexes their Chinese names, the service
predicts the query's node and shows Chinese titles.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache

from search.analysis.glossary import Glossary
from search.analysis.normalize import normalize_text
from search.analysis.segment import Segmenter
from search.taxonomy.assign import Assignment, NodeAssigner, NodeVectors
from search.taxonomy.display import ChineseDisplay
from search.taxonomy.match import TermIndex
from search.taxonomy.predict import CategoryPredictor, Prediction
from search.taxonomy.tree import TAXONOMY_PATH, Node, Taxonomy, default_taxonomy

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
    "taxonomy_version",
]


@lru_cache(maxsize=1)
def taxonomy_version() -> str:
    """Changes whenever the taxonomy data changes, so that products are assigned and indexed again."""
    return hashlib.sha256(TAXONOMY_PATH.read_bytes()).hexdigest()[:16]


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

    @classmethod
    def default(cls, glossary: Glossary) -> ProductTypes:
        return cls(default_taxonomy(), glossary)

    def with_vectors(self, vectors: NodeVectors) -> None:
        """Let assignment fall back on the product's vector nearest to the nodes' names."""
        self.assigner.vectors = vectors

    def chinese_terms(self, node_id: str | None, segmenter: Segmenter) -> list[str]:
        """What a product of this node is indexed with in the Chinese category field: the Chinese names and
        synonyms of the node and its ancestors, each whole (`蓝牙耳机`) and in jieba's words (`蓝牙`, `耳机`), so a
        Chinese category word matches by BM25 without translation."""
        if not node_id:
            return []
        out: list[str] = []
        for node in self.taxonomy.lineage(node_id):
            for term in node.zh_terms():
                whole = normalize_text(term).replace(" ", "")
                out.append(whole)
                out += [t for t in segmenter.query_tokens(whole) if t != whole]
        return out
