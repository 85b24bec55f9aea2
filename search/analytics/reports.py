"""The reports over the analytics store: top queries, queries without results, click-through per query, searches
per day. Queries are grouped by their normalised form (`藍牙耳機` and `蓝牙耳机` are one query) and reported under it.

Click-through rate (CTR) is Algolia's: the share of a query's searches that got at least one click; `clicks` counts
every click, `mean_click_position` is the mean 1-based position of the clicked products."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from search.analytics.store import AnalyticsStore


@dataclass(frozen=True)
class Window:
    """[since, until) in seconds since the epoch."""

    since: float
    until: float

    @classmethod
    def last(cls, days: float, until: float | None = None) -> Window:
        end = time.time() if until is None else until
        return cls(end - days * 86400, end)

    def describe(self) -> str:
        def day(t: float) -> str:
            return datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%d %H:%M")

        return f"{day(self.since)} – {day(self.until)} UTC"


def top_queries(store: AnalyticsStore, window: Window, limit: int) -> list[dict[str, Any]]:
    rows = store.query(
        "SELECT normalized AS query, count(*) AS count, sum(results = 0) AS no_results, "
        "avg(results) AS mean_results, avg(latency_ms) AS mean_latency_ms FROM searches "
        "WHERE at >= ? AND at < ? AND normalized != '' GROUP BY normalized ORDER BY count DESC, query LIMIT ?",
        (window.since, window.until, limit),
    )
    return [
        {
            "query": r["query"],
            "count": r["count"],
            "no_results": r["no_results"],
            "mean_results": round(r["mean_results"], 1),
            "mean_latency_ms": round(r["mean_latency_ms"], 1),
        }
        for r in rows
    ]


def no_results(store: AnalyticsStore, window: Window, limit: int) -> list[dict[str, Any]]:
    rows = store.query(
        "SELECT normalized AS query, count(*) AS count, max(at) AS last_seen, "
        "(SELECT query FROM searches s2 WHERE s2.normalized = s.normalized AND s2.results = 0 ORDER BY at DESC "
        "LIMIT 1) AS typed FROM searches s WHERE at >= ? AND at < ? AND results = 0 AND normalized != '' "
        "GROUP BY normalized ORDER BY count DESC, query LIMIT ?",
        (window.since, window.until, limit),
    )
    return [
        {"query": r["query"], "count": r["count"], "last_typed": r["typed"], "last_seen": _iso(r["last_seen"])}
        for r in rows
    ]


def click_through(store: AnalyticsStore, window: Window, limit: int) -> list[dict[str, Any]]:
    rows = store.query(
        "SELECT s.normalized AS query, count(*) AS searches, "
        "sum(coalesce(e.clicks, 0) > 0) AS clicked, sum(coalesce(e.clicks, 0)) AS clicks, "
        "sum(coalesce(e.position_sum, 0)) AS position_sum, sum(coalesce(e.positioned, 0)) AS positioned, "
        "sum(coalesce(e.carts, 0)) AS carts, sum(coalesce(e.purchases, 0)) AS purchases "
        "FROM searches s LEFT JOIN ("
        "  SELECT query_id, sum(type = 'click') AS clicks, "
        "  sum(CASE WHEN type = 'click' THEN position END) AS position_sum, "
        "  sum(type = 'click' AND position IS NOT NULL) AS positioned, "
        "  sum(type = 'add_to_cart') AS carts, sum(type = 'purchase') AS purchases FROM events GROUP BY query_id"
        ") e ON e.query_id = s.query_id "
        "WHERE s.at >= ? AND s.at < ? AND s.normalized != '' GROUP BY s.normalized "
        "ORDER BY searches DESC, query LIMIT ?",
        (window.since, window.until, limit),
    )
    out = []
    for r in rows:
        out.append(
            {
                "query": r["query"],
                "count": r["searches"],
                "searches": r["searches"],
                "clicks": r["clicks"],
                "ctr": round(r["clicked"] / r["searches"], 4) if r["searches"] else 0.0,
                "mean_click_position": round(r["position_sum"] / r["positioned"], 2) if r["positioned"] else None,
                "add_to_cart": r["carts"],
                "purchases": r["purchases"],
            }
        )
    return out


def daily(store: AnalyticsStore, window: Window) -> list[dict[str, Any]]:
    """Per UTC day of the window: searches, those without results and their share."""
    rows = store.query(
        "SELECT date(at, 'unixepoch') AS day, count(*) AS searches, sum(results = 0) AS no_results FROM searches "
        "WHERE at >= ? AND at < ? AND normalized != '' GROUP BY day ORDER BY day",
        (window.since, window.until),
    )
    found = {r["day"]: (r["searches"], r["no_results"]) for r in rows}
    first = datetime.fromtimestamp(window.since, UTC).date()
    last = datetime.fromtimestamp(window.until, UTC).date()
    out = []
    day = first
    while day <= last:
        searches, empty = found.get(day.isoformat(), (0, 0))
        share = round(empty / searches, 4) if searches else 0.0
        out.append({"day": day.isoformat(), "searches": searches, "no_results": empty, "no_result_share": share})
        day += timedelta(days=1)
    return out


def _iso(at: float) -> str:
    return datetime.fromtimestamp(at, UTC).isoformat(timespec="seconds")
