"""Approximate nearest neighbours for large embedded indexes: an HNSW graph (usearch) over the vectors.

Exact search reads every vector for every query — 150 MB a query at 100,000 products of 384 dimensions, about
15–40 ms on two cores, more than the whole latency budget. Above `min_products` the vector leg asks the graph
instead (about 1 ms, recall@150 ≈ 0.99 measured on the 100k benchmark catalog).

The graph is keyed by each document's write sequence (`seq`, unique per version of a product), so a graph built
for one commit is recognised by the digest of its key set. It is built in a background thread when a searcher
opens without one (exact search answers meanwhile, so results are never wrong, only slower) and saved in
`DATA_DIR/ann/` so that the next process opens it in milliseconds; `haitao index` builds it at the end of a run.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from usearch.index import Index

log = logging.getLogger(__name__)

CONNECTIVITY = 16
EXPANSION_ADD = 128
EXPANSION_SEARCH = 160  # ≥ the leg size asked for, so one search returns it whole
DTYPE = "f16"  # half the memory of f32; recall@150 0.987 vs exact on the 100k catalog


def digest(keys: np.ndarray) -> str:
    """What identifies a graph: the sorted set of document keys it holds."""
    return hashlib.sha256(np.sort(keys.astype("<i8")).tobytes()).hexdigest()[:24]


class AnnGraph:
    """An HNSW graph over (key, vector) pairs; `search` returns keys and cosine similarities, best first."""

    def __init__(self, index: Index) -> None:
        self.index = index

    @classmethod
    def build(cls, keys: np.ndarray, matrix: np.ndarray, threads: int = 0) -> AnnGraph:
        from usearch.index import Index  # imported when a graph is first used: most searches of a small index need none

        index = Index(
            ndim=matrix.shape[1],
            metric="ip",  # the vectors are normalised: inner product = cosine
            dtype=DTYPE,
            connectivity=CONNECTIVITY,
            expansion_add=EXPANSION_ADD,
            expansion_search=EXPANSION_SEARCH,
        )
        index.add(keys.astype(np.uint64), matrix, threads=threads)
        return cls(index)

    @classmethod
    def load(cls, path: Path) -> AnnGraph:
        from usearch.index import Index

        index = Index.restore(str(path), view=True)  # memory-mapped: opens at once, shared between processes
        if index is None:
            raise ValueError(f"{path} is not a usearch index")
        index.expansion_search = EXPANSION_SEARCH
        return cls(index)

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        self.index.save(str(tmp))
        os.replace(tmp, path)  # readers see the whole file or none

    def __len__(self) -> int:
        return len(self.index)

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        matches = self.index.search(query.astype(np.float32), k)
        return matches.keys.astype(np.int64), 1.0 - matches.distances.astype(np.float64)


class AnnStore:
    """Finds, builds and saves the graphs of one data directory's index."""

    def __init__(self, data_dir: Path, min_products: int) -> None:
        self.directory = Path(data_dir) / "ann"
        self.min_products = min_products
        self._building: dict[str, threading.Event] = {}  # key → set when its build is over
        self._lock = threading.Lock()

    def wanted(self, count: int) -> bool:
        return self.min_products > 0 and count >= self.min_products

    def path(self, key: str) -> Path:
        return self.directory / f"{key}.usearch"

    def open(
        self, keys: np.ndarray, matrix: np.ndarray, ready: Callable[[AnnGraph], None], background: bool = True
    ) -> None:
        """Call `ready(graph)` with the graph of these keys: at once if saved, else once built (in a thread
        when `background`; otherwise this returns when it is built and saved, waiting for a build under way).
        Graphs of other key sets are removed after a save."""
        key = digest(keys)
        path = self.path(key)
        if path.exists():
            try:
                ready(AnnGraph.load(path))
                return
            except (OSError, ValueError, RuntimeError) as exc:
                log.warning("ignoring the unreadable vector graph %s (%s); rebuilding it", path, exc)
        with self._lock:
            under_way = self._building.get(key)
            if under_way is None:
                self._building[key] = threading.Event()
        if under_way is not None:
            if not background:
                under_way.wait()
            return

        def build() -> None:
            try:
                started = time.perf_counter()
                graph = AnnGraph.build(keys, matrix)
                log.info("vector graph of %d products built in %.1f s", len(keys), time.perf_counter() - started)
                try:  # saved before it is handed over: a searcher with a graph has it on disk too
                    graph.save(path)
                    self._remove_others(keep=path)
                except OSError as exc:  # a read-only data directory: the graph lives in memory only
                    log.warning("could not save the vector graph to %s: %s", path, exc)
                ready(graph)
            finally:
                with self._lock:
                    self._building.pop(key).set()

        if background:
            threading.Thread(target=build, name="ann-build", daemon=True).start()
        else:
            build()

    def _remove_others(self, keep: Path) -> None:
        for other in self.directory.glob("*.usearch"):
            if other != keep:
                other.unlink(missing_ok=True)
