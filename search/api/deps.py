"""Typed dependencies of the routes."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request

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


@dataclass
class Admin:
    """What an authorised admin request writes with: the server's own service (its backend is the one the
    server searches with, and the index's single writer) and the embedding cache."""

    service: SearchService
    cache: EmbeddingCache | None
    settings: Settings


def get_admin(
    request: Request,
    authorization: Annotated[str | None, Header(description="`Bearer <HAITAO_ADMIN_API_KEY>`")] = None,
) -> Admin:
    settings: Settings = request.app.state.settings
    if settings.admin_api_key is None:
        raise HTTPException(404, "admin routes are off: set HAITAO_ADMIN_API_KEY on the server to enable them")
    expected = settings.admin_api_key.get_secret_value().encode("utf-8")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode("utf-8"), expected):
        raise HTTPException(401, "missing or wrong admin API key: send `Authorization: Bearer <key>`")
    return Admin(get_service(request), request.app.state.embedding_cache, settings)


AdminDep = Annotated[Admin, Depends(get_admin)]
