"""Exact vector search over one tantivy searcher's documents, held in memory as a numpy matrix.

The vectors are stored in the tantivy documents themselves (a bytes field), so they are committed atomically
with the text and survive restarts; this class loads them when a searcher is opened (about 0.7 s for 100,000
documents here) and keeps each row's tantivy address so a filter query maps straight onto rows.
"""

from __future__ import annotations

import numpy as np
import tantivy


class VectorSet:
    def __init__(self, searcher: tantivy.Searcher, dim: int) -> None:
        hits = searcher.search(tantivy.Query.all_query(), limit=max(searcher.num_docs, 1), count=False).hits
        self.ids: list[str] = []
        self.addresses: list[tantivy.DocAddress] = []
        self._row_of: dict[tuple[int, int], int] = {}
        matrix = np.zeros((len(hits), dim), dtype=np.float32)
        for row, (_, address) in enumerate(hits):
            doc = searcher.doc(address)
            self.ids.append(doc.get_first("id"))
            matrix[row] = np.frombuffer(doc.get_first("vector"), dtype="<f4")
            self.addresses.append(address)
            self._row_of[(address.segment_ord, address.doc)] = row
        self.matrix = matrix
        self._row_by_id = {doc_id: row for row, doc_id in enumerate(self.ids)}

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
        candidates = self.matrix if rows is None else self.matrix[rows]
        if len(candidates) == 0:
            return []
        scores = candidates @ query.astype(np.float32)
        k = min(k, len(scores))
        best = np.argpartition(-scores, k - 1)[:k]
        best = best[np.argsort(-scores[best], kind="stable")]
        index = best if rows is None else rows[best]
        return [(int(r), float(scores[b])) for r, b in zip(index, best, strict=True)]
