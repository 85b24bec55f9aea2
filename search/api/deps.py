"""Typed dependencies of the routes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Path, Request

from search.api.limits import MAX_PRODUCT_ID_LENGTH
from search.api.security import require_admin_key
from search.config import Settings
from search.embedding_cache import EmbeddingCache
from search.service import SearchService
from search.writer import CatalogWriter


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_service(request: Request) -> SearchService:
    service: SearchService | None = request.app.state.service
    if service is None:
        raise HTTPException(status_code=503, detail=request.app.state.startup_error or "the service is starting")
    return service


SettingsDep = Annotated[Settings, Depends(get_settings)]
ServiceDep = Annotated[SearchService, Depends(get_service)]
ProductIdPath = Annotated[
    str,
    Path(
        min_length=1,
        max_length=MAX_PRODUCT_ID_LENGTH,
        description="Id of the product, as in the feed; one holding `/` is sent as it is or with `%2F`.",
        examples=["ear-anker-p3"],
    ),
]


@dataclass
class Admin:
    """What an authorised admin request writes with: the server's `CatalogWriter` (on the backend the server
    searches with; it drops the service's cached results after each write)."""

    service: SearchService
    settings: Settings
    writer: CatalogWriter

    def product_writer(self) -> CatalogWriter:
        """The writer, for adding products: 503 while keyword-only (no model to embed them with)."""
        if self.writer.encoder is None:
            reason = self.service.degraded
            raise HTTPException(503, f"products cannot be indexed without the embedding model ({reason})")
        return self.writer


def catalog_writer(state: Any, service: SearchService) -> CatalogWriter:
    """The server's `CatalogWriter` (made at startup with the admin routes on, or at the first admin request): on
    the service's backend, through the embedding cache, dropping the service's cached results after each write. A
    keyword-only (degraded) service has no model: its writer can delete, not embed."""
    if state.writer is None:
        settings: Settings = state.settings
        cache = None
        if settings.embedding_cache and service.embedder is not None:
            cache = EmbeddingCache(settings.data_dir, service.embedder.name, service.embedder.dim)
        state.writer = CatalogWriter(
            service.backend,
            service.embedder,
            service.analysis.segmenter,
            settings.embed_batch_size,
            cache,
            on_change=service.invalidate,
        )
    return state.writer


def get_admin(request: Request, _: Annotated[None, Depends(require_admin_key)]) -> Admin:
    service = get_service(request)
    return Admin(service, request.app.state.settings, catalog_writer(request.app.state, service))


AdminDep = Annotated[Admin, Depends(get_admin)]
