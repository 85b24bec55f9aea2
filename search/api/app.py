"""The FastAPI application factory: loads the search service at startup, maps errors to JSON."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from search import __version__
from search.api.routes import admin, facets, health, products, storefront
from search.api.routes import search as search_routes
from search.backends.base import BackendUnavailable, IndexMismatch, IndexNotFound
from search.backends.embedded.backend import IndexLocked
from search.config import Settings, get_settings
from search.embedding import ModelLoadError
from search.embedding_cache import EmbeddingCache
from search.service import SearchRequest, SearchService

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None, service: SearchService | None = None) -> FastAPI:
    """The app for `settings`; pass `service` to share an already loaded one (tests)."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.service, app.state.startup_error = service, None
        owned = service is None
        if owned:
            try:
                app.state.service = SearchService(settings)
                # The first search loads the vectors and warms the model: pay for it before the first shopper.
                app.state.service.search(SearchRequest(q="warm up 预热", size=1))
            except BackendUnavailable as exc:  # a search server down: serve 503s until it is back
                log.error("the search backend is unavailable, retrying on each request: %s", exc)
            except (IndexNotFound, IndexMismatch, ModelLoadError) as exc:
                log.error("search is unavailable: %s", exc)
                app.state.startup_error = str(exc)
        if settings.admin_api_key is not None and app.state.service is not None:
            _become_writer(app)
        yield
        if app.state.embedding_cache is not None:
            app.state.embedding_cache.close()
        if owned and app.state.service is not None:
            app.state.service.close()

    app = FastAPI(
        title="Haitao Search",
        version=__version__,
        summary="Chinese-language product search over English US catalogs.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.service, app.state.startup_error = service, None
    app.state.embedding_cache = None
    app.include_router(search_routes.router)
    app.include_router(facets.router)
    app.include_router(admin.router)
    app.include_router(products.router)
    app.include_router(health.router)
    app.include_router(storefront.router)
    app.mount(storefront.STATIC_PATH, storefront.static_files(), name="static")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for error in exc.errors():
            where = ".".join(str(p) for p in error["loc"] if p not in ("query", "path", "body"))
            message = error["msg"].removeprefix("Value error, ")
            problems.append(f"{where}: {message}" if where else message)
        return _error(422, "; ".join(problems) or "invalid request")

    @app.exception_handler(BackendUnavailable)
    async def backend_unavailable(_: Request, exc: BackendUnavailable) -> JSONResponse:
        log.warning("search backend unavailable: %s", exc)
        return _error(503, f"search is temporarily unavailable: {exc}")

    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return _error(500, "internal error; the incident was logged")

    return app


def _become_writer(app: FastAPI) -> None:
    """With admin routes on, this server is the index's single writer: take the lock now, so that a
    `haitao index` on the same directory is refused from the start rather than at the first admin write."""
    service: SearchService = app.state.service
    settings: Settings = app.state.settings
    try:
        service.backend.reserve_writer()
    except IndexLocked as exc:
        log.warning("admin writes will fail until the other writer stops: %s", exc)
    if settings.embedding_cache:
        app.state.embedding_cache = EmbeddingCache(settings.data_dir, service.embedder.name, service.embedder.dim)


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": {"status": status, "message": message}})
