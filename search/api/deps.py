"""Typed dependencies of the routes."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Header, HTTPException, Path, Request

from search.analytics import Analytics
from search.api.limits import MAX_PRODUCT_ID_LENGTH
from search.api.security import PresentedKeys, require_admin_key, require_seller_key, search_scope
from search.catalog import SELLER_ID_RULE
from search.config import Settings
from search.embedding_cache import EmbeddingCache
from search.keys import ScopedKey
from search.service import SearchService
from search.writer import CatalogWriter

# The dependencies a search resolves are `async def`: each does a dictionary look-up or two, and a plain `def` would
# be run on the thread pool, a hand-over to another thread and back for each of them on every request.


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_service(request: Request) -> SearchService:
    return _service(request)


def _service(request: Request) -> SearchService:
    service: SearchService | None = request.app.state.service
    if service is None:
        raise HTTPException(status_code=503, detail=request.app.state.startup_error or "the service is starting")
    return service


_ANALYTICS_LOCK = threading.Lock()


async def get_analytics(request: Request) -> Analytics:
    """The server's analytics (its store opens in the data directory on first use: once, on the event loop)."""
    state = request.app.state
    if state.analytics is None:
        with _ANALYTICS_LOCK:
            if state.analytics is None:
                state.analytics = Analytics(state.settings)
    return state.analytics


SESSION_RE = re.compile(r"[A-Za-z0-9_.:-]{1,64}")


async def get_session(
    session: Annotated[
        str | None,
        Header(
            alias="X-Session-Id",
            description="The storefront's anonymous session id (1–64 letters, digits, `_ . : -`), kept with the "
            "search in the analytics; leave it out to keep none.",
            examples=["s-7f3a9c"],
        ),
    ] = None,
) -> str | None:
    if session is not None and not SESSION_RE.fullmatch(session):
        raise HTTPException(422, "X-Session-Id: 1–64 letters, digits, `_`, `.`, `:` or `-`")
    return session


SettingsDep = Annotated[Settings, Depends(get_settings)]
AnalyticsDep = Annotated[Analytics, Depends(get_analytics)]
SessionDep = Annotated[str | None, Depends(get_session)]
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


SellerPath = Annotated[
    str,
    Path(
        min_length=1,
        max_length=64,
        pattern=r"^[a-z0-9_-]{1,64}$",
        description=f"The seller's id ({SELLER_ID_RULE}).",
        examples=["circuit-harbor"],
    ),
]


async def get_search_scope(request: Request, presented: PresentedKeys) -> ScopedKey | None:
    """The scoped search key the request presents (its filters apply to whatever the request reads), or None."""
    return search_scope(request.app.state.settings, presented)


SearchScopeDep = Annotated[ScopedKey | None, Depends(get_search_scope)]


def fixed_filters(scope: ScopedKey | None) -> tuple:
    """The keyword filters a scoped search key fixes (none without one)."""
    return scope.filters if scope is not None else ()


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


def _admin(request: Request) -> Admin:
    service = _service(request)
    return Admin(service, request.app.state.settings, catalog_writer(request.app.state, service))


def get_admin(request: Request, _: Annotated[None, Depends(require_admin_key)]) -> Admin:
    return _admin(request)


def get_seller_admin(request: Request, _: Annotated[None, Depends(require_seller_key)]) -> Admin:
    return _admin(request)


AdminDep = Annotated[Admin, Depends(get_admin)]
"""The admin key."""
SellerAdminDep = Annotated[Admin, Depends(get_seller_admin)]
"""The admin key or the path's seller's write key."""
