"""Typed dependencies of the routes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Path, Request

from search.api.limits import MAX_PRODUCT_ID_LENGTH
from search.api.security import require_admin_key
from search.config import Settings
from search.embedding_cache import EmbeddingCache
from search.service import SearchService


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
    """What an authorised admin request writes with: the server's own service (its backend is the one the
    server searches with, and the index's single writer) and the embedding cache."""

    service: SearchService
    cache: EmbeddingCache | None
    settings: Settings


def get_admin(request: Request, _: Annotated[None, Depends(require_admin_key)]) -> Admin:
    return Admin(get_service(request), request.app.state.embedding_cache, request.app.state.settings)


AdminDep = Annotated[Admin, Depends(get_admin)]
