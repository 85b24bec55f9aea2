"""The reference encoder: the sentence-transformers model on torch. Used for models that do not export to ONNX, when
`HAITAO_ENCODER=torch`, and to export and verify the ONNX model."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np

from search.encoders.base import Encoder, ModelLoadError
from search.encoders.model import resolve_model


def load_sentence_transformer(model: str, threads: int) -> Any:
    """The sentence-transformers model, on the CPU, torch set to `threads` threads (0 = every core)."""
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
        st = SentenceTransformer(path, device="cpu")
    except Exception as exc:  # the library raises many kinds: OSError, ValueError, HF errors
        raise ModelLoadError(f"cannot load embedding model {model!r} ({path}): {exc}") from exc
    if not st.get_embedding_dimension():
        raise ModelLoadError(f"model {model!r} does not report an embedding dimension")
    return st


class TorchEncoder(Encoder):
    kind = "torch"

    def __init__(
        self,
        model: str,
        threads: int = 0,
        cache_size: int = 2048,
        st: Any = None,
        passes: int = 1,
        query_batch: int = 16,
    ) -> None:
        self._model = st if st is not None else load_sentence_transformer(model, threads)
        super().__init__(model, int(self._model.get_embedding_dimension()), cache_size, passes, query_batch)

    def _forward(self, texts: list[str]) -> np.ndarray:
        return self._model.encode(
            texts,
            batch_size=max(len(texts), 1),
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        ).astype(np.float32, copy=False)

    def describe(self) -> str:
        import torch

        return f"sentence-transformers on torch {torch.__version__} ({torch.get_num_threads()} threads)"
