"""GET /v1/admin/analytics/{top-queries,no-results,ctr,daily} — the search analytics reports, behind the admin key.

Each answers a list, best first, over a time window: the last `days` days, or `since`/`until` (ISO 8601, UTC when no
zone is given). `limit` caps the list. Queries are grouped by their normalised form (search/analytics/reports.py).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query

from search.analytics import reports
from search.analytics.store import AnalyticsStore
from search.api.deps import AnalyticsDep
from search.api.errors import error_responses
from search.api.schemas_analytics import DailySearches, NoResultQuery, QueryClicks, TopQuery
from search.api.security import require_admin_key

router = APIRouter(prefix="/v1/admin/analytics", tags=["admin"], dependencies=[Depends(require_admin_key)])
MAX_LIMIT = 1000
MAX_DAYS = 3650


def window(
    days: Annotated[
        float, Query(gt=0, le=MAX_DAYS, description="The last this many days (ignored with `since`).", examples=[7])
    ] = 7,
    since: Annotated[
        datetime | None, Query(description="Start of the window (ISO 8601).", examples=["2026-11-01T00:00:00Z"])
    ] = None,
    until: Annotated[
        datetime | None,
        Query(description="End of the window (ISO 8601); default now.", examples=["2026-11-12T00:00:00Z"]),
    ] = None,
) -> reports.Window:
    end = _seconds(until) if until is not None else None
    if since is None:
        return reports.Window.last(days, end)
    start = _seconds(since)
    chosen = reports.Window(start, end if end is not None else datetime.now(UTC).timestamp())
    if chosen.until <= chosen.since:
        raise HTTPException(422, "until: must be after `since`")
    if chosen.until - chosen.since > MAX_DAYS * 86400:
        raise HTTPException(422, f"since: a window of at most {MAX_DAYS} days")
    return chosen


def store(analytics: AnalyticsDep) -> AnalyticsStore:
    if analytics.store is None:
        raise HTTPException(503, "analytics are off on this server (HAITAO_ANALYTICS), or its store cannot be opened")
    return analytics.store


WindowDep = Annotated[reports.Window, Depends(window)]
StoreDep = Annotated[AnalyticsStore, Depends(store)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Most queries listed.", examples=[20])]
ERRORS = error_responses(401, 404, 422, 503, e404="admin routes are off: set HAITAO_ADMIN_API_KEY")


def answers(example: list[dict]) -> dict:
    """The route's errors, and an example of its list."""
    return {**ERRORS, 200: {"content": {"application/json": {"example": example}}}}


TOP = [{"query": "蓝牙耳机", "count": 412, "no_results": 0, "mean_results": 96.0, "mean_latency_ms": 38.2}]
EMPTY = [{"query": "鱼子酱面膜", "count": 17, "last_typed": "魚子醬面膜", "last_seen": "2026-11-11T09:14:03+00:00"}]
CTR = [
    {
        "query": "蓝牙耳机",
        "count": 412,
        "searches": 412,
        "clicks": 240,
        "ctr": 0.47,
        "mean_click_position": 2.8,
        "add_to_cart": 31,
        "purchases": 9,
    }
]
DAYS = [{"day": "2026-11-11", "searches": 5120, "no_results": 230, "no_result_share": 0.0449}]


@router.get("/top-queries", response_model=list[TopQuery], responses=answers(TOP), summary="Most frequent queries")
def top_queries(store: StoreDep, window: WindowDep, limit: Limit = 20) -> list[dict]:
    return reports.top_queries(store, window, limit)


@router.get(
    "/no-results", response_model=list[NoResultQuery], responses=answers(EMPTY), summary="Queries that found nothing"
)
def no_results(store: StoreDep, window: WindowDep, limit: Limit = 20) -> list[dict]:
    return reports.no_results(store, window, limit)


@router.get(
    "/ctr",
    response_model=list[QueryClicks],
    responses=answers(CTR),
    summary="Click-through per query",
    description="Per query (most searched first): searches, clicks, click-through rate (share of searches with a "
    "click), mean position of the clicked results, adds to cart and purchases.",
)
def click_through(store: StoreDep, window: WindowDep, limit: Limit = 20) -> list[dict]:
    return reports.click_through(store, window, limit)


@router.get("/daily", response_model=list[DailySearches], responses=answers(DAYS), summary="Searches per day")
def daily(store: StoreDep, window: WindowDep) -> list[dict]:
    return reports.daily(store, window)


def _seconds(moment: datetime) -> float:
    return (moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)).timestamp()
