"""The vector leg's similarity floor, calibrated for the model and the catalog at hand.

A vector leg without a floor always returns its nearest neighbours, however far: text about nothing the catalog
sells still "finds" hundreds of products, and totals and facets count them. The floor is the cosine similarity a
product must reach to count as a vector hit. No constant fits every model (each spreads its similarities
differently) nor every catalog, so it is measured on the catalog itself, with two samples of text:

- off-catalog phrases: English dictionary phrases (CC-CEDICT senses) none of whose words any listing uses;
- title queries: the first words of the names of sampled products (`Sony WH-1000XM5 Wireless`), what a shopper
  looking for that product would type.

Each is embedded as a query and searched; its best similarity in the catalog is recorded. The floor is the level
that `OFF_CATALOG_SHARE` of the off-catalog phrases do not reach — so that text about nothing in the catalog finds
nothing — but never above the level `TITLE_SHARE` of the title queries reach, so that products named as shoppers
name them are still found.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from search.analysis.english import stem

SAMPLES = 300  # phrases of each kind
OFF_CATALOG_SHARE = 0.95  # of off-catalog phrases that must find nothing
TITLE_SHARE = 0.90  # of title queries that must still find something
TITLE_WORDS = 3
SEED = 1414
_WORD_RE = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class VectorFloor:
    value: float  # the cosine similarity a vector hit must reach
    off_catalog: float  # the OFF_CATALOG_SHARE quantile of off-catalog phrases' best similarity
    titles: float  # the (1 - TITLE_SHARE) quantile of title queries' best similarity
    samples: tuple[int, int]  # off-catalog phrases and title queries measured

    @classmethod
    def fixed(cls, value: float) -> VectorFloor:
        """A floor set by configuration (HAITAO_VECTOR_FLOOR), not measured."""
        return cls(value, value, value, (0, 0))

    def as_dict(self) -> dict[str, float | int]:
        return {
            "value": round(self.value, 4),
            "off_catalog": round(self.off_catalog, 4),
            "titles": round(self.titles, 4),
            "off_catalog_phrases": self.samples[0],
            "title_queries": self.samples[1],
        }


def off_catalog_phrases(senses: Iterable[str], catalog_words: set[str], count: int = SAMPLES) -> list[str]:
    """Dictionary phrases of 1-3 words that share no word with the catalog (`catalog_words`, lower case; compared by
    Snowball stem), a fixed random sample of them."""
    catalog_stems = {stem(w) for w in catalog_words}
    eligible = sorted(
        {
            sense
            for sense in senses
            if 1 <= len(words := _WORD_RE.findall(sense)) <= 3 and not any(stem(w) in catalog_stems for w in words)
        }
    )
    return random.Random(SEED).sample(eligible, min(count, len(eligible)))


def title_queries(titles: Iterable[str], count: int = SAMPLES) -> list[str]:
    """The first words of product names (the part before the first comma, bracket or dash), a fixed random sample."""
    queries = set()
    for title in titles:
        name = re.split(r"[,(\[|:;]| - ", title, maxsplit=1)[0]
        words = name.split()[:TITLE_WORDS]
        if words:
            queries.add(" ".join(words))
    ordered = sorted(queries)
    return random.Random(SEED).sample(ordered, min(count, len(ordered)))


def calibrate(
    off_catalog: list[str],
    titles: list[str],
    encode: Callable[[list[str]], np.ndarray],
    best_similarity: Callable[[np.ndarray], float],
) -> VectorFloor | None:
    """The floor from the two samples: `encode` embeds texts as queries, `best_similarity` is the highest
    similarity of a query vector in the catalog. None when either sample is empty (a catalog too small to say)."""
    if not off_catalog or not titles:
        return None
    vectors = encode(off_catalog + titles)
    best = np.array([best_similarity(v) for v in vectors], dtype=np.float64)
    off, named = best[: len(off_catalog)], best[len(off_catalog) :]
    off_level = float(np.quantile(off, OFF_CATALOG_SHARE))
    title_level = float(np.quantile(named, 1 - TITLE_SHARE))
    return VectorFloor(min(off_level, title_level), off_level, title_level, (len(off_catalog), len(titles)))
