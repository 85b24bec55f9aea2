"""GET /metrics — Prometheus exposition of this server's metrics (open unless HAITAO_METRICS_API_KEY is set)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response
from prometheus_client.exposition import choose_encoder

from search.api.errors import error_responses
from search.api.security import require_metrics_key

router = APIRouter(tags=["health"])

_EXAMPLE = """\
# HELP haitao_http_requests_total HTTP requests answered, by method, route template and status.
# TYPE haitao_http_requests_total counter
haitao_http_requests_total{method="GET",route="/v1/search",status="200"} 42.0
# HELP haitao_index_products Products in the index.
# TYPE haitao_index_products gauge
haitao_index_products 1281.0
"""


@router.get(
    "/metrics",
    summary="Prometheus metrics",
    description="Request counts and latency histograms per route template, index size, readiness, rate-limited "
    "requests. Prometheus text format, or OpenMetrics when the scraper asks for it (`Accept`).",
    response_class=Response,
    responses={
        200: {"description": "The metrics.", "content": {"text/plain": {"example": _EXAMPLE}}},
        **error_responses(
            401, e401="missing or wrong metrics API key: send `X-API-Key: <key>` or `Authorization: Bearer <key>`"
        ),
    },
    dependencies=[Depends(require_metrics_key)],
)
def metrics(request: Request) -> Response:
    encoder, content_type = choose_encoder(request.headers.get("accept", ""))
    return Response(encoder(request.app.state.metrics.registry), media_type=content_type)
