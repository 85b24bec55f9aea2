"""Choosing the encoder: ONNX Runtime where the model exports (the default), torch otherwise or when asked."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from search.config import DEFAULT_MODEL
from search.encoders.base import Encoder, ModelLoadError

if TYPE_CHECKING:
    from search.config import Settings

log = logging.getLogger(__name__)
ENCODER_KINDS = ("onnx", "torch", "onnx-int8")


def load_encoder(
    model: str = DEFAULT_MODEL,
    kind: str = "onnx",
    threads: int = 0,
    cache_size: int = 2048,
    cache_dir: Path | None = None,
    passes: int = 1,
    query_batch: int = 16,
) -> Encoder:
    """The encoder of `model`: `torch` (sentence-transformers), `onnx` (fp32, the same vectors) or `onnx-int8`.

    The ONNX kinds export the model on first use (torch is imported for that, once) and run it without torch from
    then on; a model that cannot be exported, or whose export does not reproduce torch's vectors, runs on torch,
    with a warning in the log. Raises `ModelLoadError` when the model cannot be loaded at all.
    """
    if kind not in ENCODER_KINDS:
        raise ValueError(f"encoder {kind!r}: expected one of {', '.join(ENCODER_KINDS)}")
    if kind == "torch":
        return _torch(model, threads, cache_size, passes=passes, query_batch=query_batch)
    from search.encoders.export import default_cache_dir, ensure_export
    from search.encoders.model import model_directory
    from search.encoders.onnx_encoder import OnnxEncoder

    directory = model_directory(model)
    if directory is None:
        log.warning("model %r has no local files to export: it runs on torch", model)
        return _torch(model, threads, cache_size, passes=passes, query_batch=query_batch)
    try:
        export, st = ensure_export(model, directory, cache_dir or default_cache_dir(), threads, kind == "onnx-int8")
    except ModelLoadError:
        raise
    except Exception as exc:  # an unwritable cache, a failed export: torch still serves the model
        log.warning("no ONNX export of %r (%s: %s): it runs on torch", model, type(exc).__name__, exc)
        return _torch(model, threads, cache_size, passes=passes, query_batch=query_batch)
    why_not = export.error(kind)
    if why_not is not None:
        log.warning("model %r runs on torch: %s", model, why_not)
        return _torch(model, threads, cache_size, st, passes, query_batch)
    return OnnxEncoder(model, export.path, kind, threads, cache_size, passes, query_batch)


def _torch(
    model: str, threads: int, cache_size: int, st: Any = None, passes: int = 1, query_batch: int = 16
) -> Encoder:
    from search.encoders.torch_encoder import TorchEncoder

    return TorchEncoder(model, threads, cache_size, st, passes, query_batch)


def encoder_for(settings: Settings, cache_size: int | None = None) -> Encoder:
    """The encoder the settings configure (`HAITAO_MODEL`, `HAITAO_ENCODER`, `HAITAO_TORCH_THREADS`, …)."""
    return load_encoder(
        settings.model,
        settings.encoder,
        settings.torch_threads,
        settings.query_cache_size if cache_size is None else cache_size,
        settings.encoder_cache_dir,
        settings.encoder_passes,
        settings.query_batch,
    )
