"""Typed dependencies of the routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request

from search.config import Settings
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
