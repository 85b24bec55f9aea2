"""Vector search over one tantivy searcher's documents, held in memory as a numpy matrix.

The vectors are stored in the tantivy documents themselves (a bytes field), so they are committed atomically
with the text and survive restarts; this class loads them when a searcher is opened (about 0.7 s for 100,000
documents here) and keeps each row's tantivy address so a filter query maps straight onto rows. Search is exact,
or through an HNSW graph (`ann.py`) once one is attached for large indexes.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import tantivy
from threadpoolctl import threadpool_limits

from search.backends.embedded.ann import AnnGraph
from search.backends.embedded.screen import LazyScreen
from search.fields import KEY_FIELD

# With a filter, the graph is asked for this many times more neighbours than the filter lets through, on average;
# a filter letting through fewer than EXACT_BELOW rows is searched exactly (a small matrix product).
OVERSAMPLE = 2.0
EXACT_BELOW = 20_000
# `above` screens the rows in int8 first (search/backends/embedded/screen.py) from this many rows on.
SCREEN_FROM = 20_000


@cache
def _single_threaded_blas() -> None:
    """numpy's OpenBLAS to one thread, for the whole process, once.

    The exact search is one matrix-vector product, bound by memory, not arithmetic: a second thread gains
    nothing. And OpenBLAS threads spin for a while after each call, taking the cores from the query embedding
    that follows (torch's own threads): measured on the Chorus index, 28 ms a query embedding instead of 14."""
    threadpool_limits(limits=1, user_api="blas")


class VectorSet:
    def __init__(self, searcher: tantivy.Searcher, dim: int) -> None:
        _single_threaded_blas()
        hits = searcher.search(tantivy.Query.all_query(), limit=max(searcher.num_docs, 1), count=False).hits
        self.ids: list[str] = []
        self.addresses: list[tantivy.DocAddress] = []
        self._row_of: dict[tuple[int, int], int] = {}
        matrix = np.zeros((len(hits), dim), dtype=np.float32)
        for row, (_, address) in enumerate(hits):
            doc = searcher.doc(address)
            self.ids.append(doc.get_first(KEY_FIELD))
            matrix[row] = np.frombuffer(doc.get_first("vector"), dtype="<f4")
            self.addresses.append(address)
            self._row_of[(address.segment_ord, address.doc)] = row
        self.matrix = matrix
        self._row_by_id = {doc_id: row for row, doc_id in enumerate(self.ids)}
        seqs = searcher.fast_field_values("seq", self.addresses) if self.addresses else []
        self.keys = np.array([s if s is not None else -1 - i for i, s in enumerate(seqs)], dtype=np.int64)
        self._row_of_key = {int(key): row for row, key in enumerate(self.keys)}
        self.ann: AnnGraph | None = None  # attached when built or loaded
        self._screen = LazyScreen()  # for `above`, built on its first use

    def __len__(self) -> int:
        return len(self.ids)

    def row(self, product_id: str) -> int | None:
        return self._row_by_id.get(product_id)

    def rows_of(self, addresses: list[tantivy.DocAddress]) -> np.ndarray:
        return np.fromiter((self._row_of[(a.segment_ord, a.doc)] for a in addresses), dtype=np.int64)

    def top(self, query: np.ndarray, k: int, rows: np.ndarray | None = None) -> list[tuple[int, float]]:
        """The k rows most similar to `query` (cosine on normalised vectors), optionally among `rows` only."""
        if len(self) == 0 or k <= 0:
            return []
        if self.ann is not None and (rows is None or len(rows) >= EXACT_BELOW):
            found = self._top_approximate(query, k, rows)
            if found is not None:
                return found
        return self._top_exact(query, k, rows)

    def above(self, query: np.ndarray, floor: float, rows: np.ndarray | None = None) -> np.ndarray:
        """Every row at least `floor` similar to `query` (exact), optionally among `rows`: the rows an int8 screen
        keeps, scored in float32, or one float32 matrix product over them all."""
        if len(self) == 0:
            return np.zeros(0, dtype=np.int64)
        screen = self._screen.get(self.matrix) if len(self) >= SCREEN_FROM else None
        found = screen.above(self.matrix, query, floor, rows) if screen is not None else None
        if found is not None:
            return found
        candidates = self.matrix if rows is None else self.matrix[rows]
        hits = np.flatnonzero(candidates @ query.astype(np.float32) >= floor)
        return hits if rows is None else rows[hits]

    def _top_approximate(self, query: np.ndarray, k: int, rows: np.ndarray | None) -> list[tuple[int, float]] | None:
        """From the graph; None when a filter leaves fewer than k of the neighbours found (then exact search)."""
        assert self.ann is not None
        ask = k if rows is None else int(min(len(self), k * OVERSAMPLE * len(self) / max(len(rows), 1)))
        keys, scores = self.ann.search(query, ask)
        allowed = None if rows is None else np.zeros(len(self), dtype=bool)
        if allowed is not None:
            allowed[rows] = True
        found = []
        for key, score in zip(keys.tolist(), scores.tolist(), strict=True):
            row = self._row_of_key.get(key)
            if row is not None and (allowed is None or allowed[row]):
                found.append((row, float(score)))
                if len(found) == k:
                    return found
        return found if rows is None and len(found) >= min(k, len(self)) else None

    def _top_exact(self, query: np.ndarray, k: int, rows: np.ndarray | None) -> list[tuple[int, float]]:
        candidates = self.matrix if rows is None else self.matrix[rows]
        if len(candidates) == 0:
            return []
        scores = candidates @ query.astype(np.float32)
        k = min(k, len(scores))
        best = np.argpartition(-scores, k - 1)[:k]
        best = best[np.argsort(-scores[best], kind="stable")]
        index = best if rows is None else rows[best]
        return [(int(r), float(scores[b])) for r, b in zip(index, best, strict=True)]
