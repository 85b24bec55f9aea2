"""Prometheus metrics of one app: request counts and latencies per route, index size, readiness, rate limiting.

Each app has its own `CollectorRegistry` (several apps in one process do not clash). Requests are labelled by
route template (`/v1/products/{product_id}`), never by raw path, and by a known method, so label values stay
bounded whatever clients send. The index size and readiness are read when scraped.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram, disable_created_metrics
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from starlette.datastructures import State
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from search import __version__
from search.api.middleware import HttpMiddleware

log = logging.getLogger(__name__)
disable_created_metrics()  # no `_created` series beside every counter and histogram: Prometheus does not use them

LATENCY_BUCKETS = (0.0025, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1.0, 2.5)
"""Seconds: fine around the 5–100 ms a search takes, coarse above."""
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
UNMATCHED = "<unmatched>"


class Metrics:
    """The registry of one app and the request metrics the middleware records."""

    def __init__(self, state: State) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "haitao_http_requests",
            "HTTP requests answered, by method, route template and status.",
            ("method", "route", "status"),
            registry=self.registry,
        )
        self.latency = Histogram(
            "haitao_http_request_duration_seconds",
            "Time to answer an HTTP request, by method and route template.",
            ("method", "route"),
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.registry.register(_ServiceCollector(state))

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        method = method if method in METHODS else "OTHER"
        self.requests.labels(method, route, str(status)).inc()
        self.latency.labels(method, route).observe(seconds)


class _ServiceCollector(Collector):
    """Gauges read at scrape time from the app's service and rate limiter."""

    def __init__(self, state: State) -> None:
        self.state = state

    def collect(self) -> Iterator[Metric]:
        settings = self.state.settings
        info = GaugeMetricFamily(
            "haitao_info", "Version, backend and model of this server.", labels=("version", "backend", "model")
        )
        info.add_metric((__version__, settings.backend, settings.model), 1)
        yield info
        service = self.state.service
        loaded = GaugeMetricFamily("haitao_model_loaded", "1 once the index is open and the model loaded.")
        loaded.add_metric((), 1 if service is not None and service.embedder is not None else 0)
        yield loaded
        degraded = GaugeMetricFamily("haitao_degraded", "1 while searches are answered keyword-only (no model).")
        degraded.add_metric((), 1 if service is not None and service.degraded else 0)
        yield degraded
        count = None
        if service is not None:
            try:
                count = service.backend.stats().count
            except Exception as exc:  # a scrape must not fail with the index: report not-ready instead
                log.warning("metrics: index stats unavailable: %s", exc)
        ready = GaugeMetricFamily("haitao_ready", "1 when the index answers and takes writes (as /readyz), else 0.")
        writable = count is not None and service.backend.write_problem() is None
        ready.add_metric((), 1 if writable and not service.degraded else 0)
        yield ready
        if count is not None:
            yield GaugeMetricFamily("haitao_index_products", "Products in the index.", value=count)
        limiter = self.state.rate_limiter
        if limiter is not None:
            yield CounterMetricFamily(
                "haitao_rate_limited", "Requests refused with 429 by the rate limit.", value=limiter.rejected
            )
            yield GaugeMetricFamily("haitao_rate_limit_clients", "Clients the rate limiter tracks.", value=len(limiter))


def route_label(scope: Scope, root_path: str) -> str:
    """The route template a request matched; a mounted app's prefix; or UNMATCHED."""
    route = scope.get("route")
    template = getattr(route, "path_format", None) or getattr(route, "path", None)  # `{id}`, not `{id:path}`
    if route is not None and template:
        return template
    if "endpoint" not in scope:
        return UNMATCHED
    if scope.get("root_path", "") != root_path:  # a mounted app (static files, ...): its prefix, not the file
        return f"{scope['root_path']}/*"
    return scope["path"] if not scope.get("path_params") else UNMATCHED


class MetricsMiddleware(HttpMiddleware):
    """Pure ASGI middleware timing each HTTP request and counting it by route template and status."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        super().__init__(app)
        self.metrics = metrics

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        start = time.perf_counter()
        root_path = scope.get("root_path", "")
        status = 500  # unless a response starts: an exception escaping the app becomes the JSON 500

        async def send_and_record_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_record_status)
        finally:
            self.metrics.observe(scope["method"], route_label(scope, root_path), status, time.perf_counter() - start)
