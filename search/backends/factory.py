"""Chooses and opens the configured storage backend."""

from __future__ import annotations

from search.backends.base import SearchBackend
from search.backends.embedded.backend import EmbeddedBackend, FusionConfig
from search.config import Settings


def fusion_config(settings: Settings) -> FusionConfig:
    return FusionConfig(settings.fusion, settings.rrf_k, settings.keyword_weight, settings.leg_size)


def open_backend(settings: Settings, model: str, dim: int, create: bool = False) -> SearchBackend:
    """The backend named by `settings.backend`, for an index built with `model` (`dim` dimensions)."""
    if settings.backend == "embedded":
        return EmbeddedBackend(settings.data_dir, model, dim, fusion_config(settings), create=create)
    raise ValueError(f"unknown backend {settings.backend!r}")  # pragma: no cover - Settings validates it


def open_existing_backend(settings: Settings) -> SearchBackend:
    """The index as it was built (its own model and dimension), for work that embeds nothing: stats, deletes."""
    if settings.backend == "embedded":
        model, dim = EmbeddedBackend.built_with(settings.data_dir)
        return EmbeddedBackend(settings.data_dir, model, dim, fusion_config(settings))
    raise ValueError(f"unknown backend {settings.backend!r}")  # pragma: no cover - Settings validates it
