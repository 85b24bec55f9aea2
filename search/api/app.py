"""The FastAPI application factory: loads the search service at startup; wires keys, CORS, the rate limit, metrics
and the JSON errors."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware

from search import __version__
from search.api.clients import ProxyHeadersMiddleware
from search.api.deps import catalog_writer
from search.api.errors import error_responses, install_error_handlers, without_paths
from search.api.gate import RequestGate, guard
from search.api.limits import MAX_SEARCH_BODY_BYTES
from search.api.metrics import Metrics, MetricsMiddleware
from search.api.ratelimit import TokenBucketLimiter
from search.api.routes import (
    admin,
    analytics,
    docs,
    events,
    facets,
    health,
    metrics,
    multi_search,
    products,
    rules,
    sellers,
    similar,
    storefront,
    synonyms,
)
from search.api.routes import search as search_routes
from search.api.routes import suggest as suggest_routes
from search.api.security import check_search_key, require_search_key
from search.backends.base import BackendUnavailable, IndexLocked, IndexMismatch, IndexNotFound
from search.config import Settings, get_settings
from search.encoders import ModelLoadError
from search.service import SearchRequest, SearchService

log = logging.getLogger(__name__)


SEARCH_ROUTERS = (
    search_routes.router,
    multi_search.router,
    suggest_routes.router,
    facets.router,
    similar.router,  # before products: /v1/products/{seller}/{id}/similar, not a product id ending in /similar
    products.router,
    sellers.router,
    events.router,
)
"""The routers shoppers call: behind the search key when one is set."""


def create_app(
    settings: Settings | None = None,
    service: SearchService | None = None,
    rate_limiter: TokenBucketLimiter | None = None,
) -> FastAPI:
    """The app for `settings`; pass `service` to share an already loaded one (tests), `rate_limiter` to use
    another limiter than the settings' (a test clock)."""
    settings = settings or get_settings()
    if rate_limiter is None and settings.rate_limit_per_minute > 0:
        rate_limiter = TokenBucketLimiter(
            settings.rate_limit_per_minute, settings.rate_limit_burst, max_bytes=settings.rate_limit_max_bytes
        )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.service, app.state.startup_error = service, None
        owned = service is None
        if owned:
            try:
                app.state.service = SearchService(settings)
                # The first search loads the vectors and warms the model: pay for it before the first shopper.
                app.state.service.search(SearchRequest(q="warm up 预热", size=1))
                app.state.service.suggester.start()  # the autocomplete vocabulary builds in the background
            except BackendUnavailable as exc:  # a search server down: serve 503s until it is back
                log.error("the search backend is unavailable, retrying on each request: %s", exc)
            except (IndexNotFound, IndexMismatch, ModelLoadError) as exc:
                log.error("search is unavailable: %s", exc)
                app.state.startup_error = without_paths(str(exc), settings.data_dir)  # shown to anyone
        if settings.admin_api_key is not None and app.state.service is not None:
            _become_writer(app)
        yield
        if app.state.analytics is not None:
            app.state.analytics.close()  # what is queued is written first
        if app.state.writer is not None:
            app.state.writer.finish(complete=True)  # closes the embedding cache (the backend is the service's)
            app.state.writer = None
        if owned and app.state.service is not None:
            app.state.service.close()

    app = FastAPI(
        title="Haitao Search",
        version=__version__,
        summary="Chinese-language product search over English US catalogs.",
        lifespan=lifespan,
        redirect_slashes=False,  # a redirect to the same path with(out) `/` would name the client's Host header
        docs_url=None,  # served by routes/docs.py with packaged assets, not from a CDN
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.service, app.state.startup_error = service, None
    app.state.writer = None
    app.state.rate_limiter = rate_limiter
    app.state.event_limiter = None
    if settings.events_per_minute > 0:
        burst = max(1, settings.events_per_minute // 4)
        app.state.event_limiter = TokenBucketLimiter(settings.events_per_minute, burst)
    app.state.analytics = None  # the search log and events: opened on first use (search.api.deps.get_analytics)
    app.state.metrics = Metrics(app.state)
    _include_routers(app, rate_limited=rate_limiter is not None)
    install_error_handlers(app)
    _add_middleware(app, settings)
    return app


def _include_routers(app: FastAPI, rate_limited: bool) -> None:
    """Each router with a key is also registered with the request gate, which checks keys before bodies."""
    limited = error_responses(429) if rate_limited else {}
    app.state.guarded_routes = []
    for router in SEARCH_ROUTERS:
        app.include_router(
            router,
            dependencies=[Depends(require_search_key)],
            responses={**error_responses(401), **limited},
        )
        guard(app, router, check_search_key)
    for router in (admin.router, analytics.router, synonyms.router, rules.router):
        app.include_router(router, responses=limited)
        guard(app, router)  # the admin key is a dependency of each admin route
    app.include_router(health.router)  # probes and metrics: no key, no rate limit (ratelimit.EXEMPT_PATHS)
    app.include_router(metrics.router)
    guard(app, metrics.router)
    app.include_router(storefront.router)  # the demo page: open, like the storefront it stands for
    docs.mount_docs(app)  # /docs and /redoc, open like /openapi.json
    app.mount(storefront.STATIC_PATH, storefront.static_files(), name="static")


def _add_middleware(app: FastAPI, settings: Settings) -> None:
    """Last added runs first: proxy headers name the client, metrics time what CORS and the gate (rate limit,
    keys, body caps: before any body is read) and the app answer."""
    # every other route: MAX_SEARCH_BODY_BYTES
    large_bodies = {
        admin.upsert_products: settings.max_body_bytes,
        admin.upsert_seller_products: settings.max_body_bytes,
    }

    def body_limit(endpoint: Callable[..., Any] | None) -> int:
        return large_bodies.get(endpoint, MAX_SEARCH_BODY_BYTES)

    app.add_middleware(RequestGate, fastapi_app=app, body_limit=body_limit)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type", "Authorization", "X-API-Key", "X-Session-Id"],
            expose_headers=["Retry-After"],
            max_age=600,
        )
    app.add_middleware(MetricsMiddleware, metrics=app.state.metrics)
    if settings.trusted_proxies:
        app.add_middleware(ProxyHeadersMiddleware, trusted=settings.trusted_proxies)


def _become_writer(app: FastAPI) -> None:
    """With admin routes on, this server is the index's single writer: take the lock now, so that a
    `haitao index` on the same directory is refused from the start rather than at the first admin write."""
    service: SearchService = app.state.service
    try:
        service.backend.reserve_writer()
    except IndexLocked as exc:
        log.warning("admin writes will fail until the other writer stops: %s", exc)
    catalog_writer(app.state, service)
