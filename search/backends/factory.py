"""Chooses and opens the configured storage backend.

Each backend's module is imported when it is chosen: a process on the embedded index never loads the OpenSearch
client (opensearch-py, requests, urllib3), which `haitao search` would otherwise pay for at every start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from search.backends.base import SearchBackend
from search.backends.embedded.backend import EmbeddedBackend
from search.config import Settings
from search.ranking import RankingSpec

if TYPE_CHECKING:
    from search.backends.opensearch.backend import OpenSearchConfig


def open_backend(
    settings: Settings, model: str, dim: int, create: bool = False, rebuild: bool = False
) -> SearchBackend:
    """The backend named by `settings.backend`, for an index built with `model` (`dim` dimensions).

    `rebuild` starts a full rebuild into a new index (the embedded backend: a new directory; OpenSearch: a new
    physical index) that replaces the live one when `commit_rebuild()` is called, or is dropped by
    `abandon_rebuild()`. Searches see the old index until then.
    """
    spec = RankingSpec.from_settings(settings)
    if settings.backend == "embedded":
        if rebuild:
            return EmbeddedBackend.rebuild(settings.data_dir, model, dim, spec, settings.ann_min_products)
        return EmbeddedBackend(
            settings.data_dir, model, dim, spec, create=create, ann_min_products=settings.ann_min_products
        )
    if settings.backend == "opensearch":
        from search.backends.opensearch.backend import OpenSearchBackend

        return OpenSearchBackend(opensearch_config(settings), model, dim, spec, create=create, rebuild=rebuild)
    raise ValueError(f"unknown backend {settings.backend!r}")  # pragma: no cover - Settings validates it


def built_with(settings: Settings) -> tuple[str, int]:
    """The model and dimension the configured index was built with (raises `IndexNotFound` when there is none)."""
    if settings.backend == "embedded":
        return EmbeddedBackend.built_with(settings.data_dir)
    if settings.backend == "opensearch":
        from search.backends.opensearch.backend import OpenSearchBackend

        return OpenSearchBackend.built_with(opensearch_config(settings))
    raise ValueError(f"unknown backend {settings.backend!r}")  # pragma: no cover - Settings validates it


def open_existing_backend(settings: Settings) -> SearchBackend:
    """The index as it was built (its own model and dimension), for work that embeds nothing: stats, deletes."""
    model, dim = built_with(settings)
    return open_backend(settings, model, dim)


def opensearch_config(settings: Settings) -> OpenSearchConfig:
    from search.backends.opensearch.backend import OpenSearchConfig
    from search.backends.opensearch.index import IndexOptions, VectorOptions

    return OpenSearchConfig(
        url=settings.opensearch_url,
        username=settings.opensearch_username,
        password=settings.opensearch_password.get_secret_value() if settings.opensearch_password else None,
        verify_certs=settings.opensearch_verify_certs,
        ca_certs=settings.opensearch_ca_certs,
        timeout_s=settings.opensearch_timeout_s,
        index=IndexOptions(
            alias=settings.opensearch_index,
            shards=settings.opensearch_shards,
            replicas=settings.opensearch_replicas,
            vector=VectorOptions(
                engine=settings.opensearch_knn_engine,
                space_type=settings.opensearch_space_type,
                m=settings.opensearch_hnsw_m,
                ef_construction=settings.opensearch_hnsw_ef_construction,
            ),
        ),
        refresh=settings.opensearch_refresh,
        bulk_retries=settings.opensearch_bulk_retries,
        bulk_backoff_s=settings.opensearch_bulk_backoff_s,
    )
