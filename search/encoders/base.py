"""The encoder interface every writer and the search service use: batches for the indexer, one query at a time
(with an LRU cache; concurrent queries embedded together, `query_batch`) for searches."""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from search.encoders.query_batch import QueryBatcher


class ModelLoadError(RuntimeError):
    """The configured embedding model could not be loaded."""


class Encoder(ABC):
    """Encodes texts into L2-normalised float32 vectors (so a dot product is the cosine similarity).

    `name` identifies the vector space: two encoders with the same name give the same vectors for the same text
    (to within float rounding), so they may share an index and an embedding cache. The torch and fp32 ONNX
    encoders of a model share its name; a quantised encoder's name says so (its vectors differ).
    """

    kind: str  # "torch", "onnx" or "onnx-int8"

    def __init__(self, name: str, dim: int, cache_size: int = 2048, passes: int = 1, query_batch: int = 16) -> None:
        self.name = name
        self.dim = dim
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()
        # At most `passes` forward passes at once (HAITAO_ENCODER_PASSES). The runtimes already spread one pass over
        # every core, so concurrent passes mostly oversubscribe them: torch at 16 concurrent searches ran at half
        # the throughput of 4 before passes were serialised (docs/benchmarks.md, *HTTP load*).
        self._passes = threading.BoundedSemaphore(max(1, passes))
        # Searches' queries: those arriving while a pass runs go through together in the next (HAITAO_QUERY_BATCH).
        self._queries = QueryBatcher(lambda texts: self.encode(texts, batch_size=len(texts)), query_batch, passes)

    @abstractmethod
    def _forward(self, items: list[Any]) -> np.ndarray:
        """One batch of `_prepare`d texts through the model: a (len(items), dim) float32 array of unit vectors."""

    def _prepare(self, texts: list[str]) -> tuple[list[Any], list[int]]:
        """Each text as `_forward` takes it, and its length for batching: here the text itself and its characters
        (what sentence-transformers sorts by); an encoder that tokenises itself gives tokens and their count."""
        return texts, [len(text) for text in texts]

    def describe(self) -> str:
        """What runs the model, for logs and benchmark reports."""
        return self.kind

    def encode(
        self,
        texts: Sequence[str],
        batch_size: int = 64,
        on_batch: Callable[[int], None] | None = None,
    ) -> np.ndarray:
        """Encode many texts, `batch_size` at a time; `on_batch(n)` is called after each batch of n texts."""
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        items, lengths = self._prepare(list(texts))
        # Longest first: the texts of a batch have similar lengths, so little padding. By tokens where the encoder
        # counts them: product texts sorted by characters are padded by about 20 % more tokens at batch 32.
        order = sorted(range(len(texts)), key=lambda i: -lengths[i])
        for start in range(0, len(texts), batch_size):
            rows = order[start : start + batch_size]
            chunk = [items[i] for i in rows]
            with self._passes:
                out[rows] = self._forward(chunk)
            if on_batch:
                on_batch(len(chunk))
        return out

    def clear_cache(self) -> None:
        with self._lock:
            self._cache.clear()

    def encode_query(self, text: str) -> np.ndarray:
        """One query's vector, from the LRU cache when the same text was asked recently; embedded together with the
        queries of other threads waiting for the model at the same time (`QueryBatcher`)."""
        with self._lock:
            cached = self._cache.get(text)
            if cached is not None:
                self._cache.move_to_end(text)
                return cached
        vector = self._queries.encode(text)
        vector.setflags(write=False)
        if self._cache_size:
            with self._lock:
                self._cache[text] = vector
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        return vector


def normalized(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (a zero row stays zero), as float32."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)
