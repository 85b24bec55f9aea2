"""Search analytics and shoppers' events: what was searched, what found nothing, what shoppers clicked.

`store.py` keeps them (SQLite in the data directory, written off the request path), `reports.py` reads them,
`chart.py` draws searches per day, `query_ids.py` signs the `query_id` each search answers. `Analytics` is what a
server holds: the store (None when HAITAO_ANALYTICS is off) and the query ids."""

from __future__ import annotations

import logging
import sqlite3
import time
from typing import Any

from search.analytics.query_ids import QueryIds
from search.analytics.store import EVENT_TYPES, AnalyticsStore, EventRecord, SearchRecord, StoreBusy
from search.config import Settings
from search.cursor import cursor_secret

log = logging.getLogger(__name__)

__all__ = ["EVENT_TYPES", "Analytics", "AnalyticsStore", "EventRecord", "SearchRecord", "StoreBusy"]


class Analytics:
    def __init__(self, settings: Settings) -> None:
        secret = settings.cursor_secret.get_secret_value() if settings.cursor_secret else None
        self.ids = QueryIds(cursor_secret(secret, settings.data_dir))
        self.store: AnalyticsStore | None = None
        if settings.analytics:
            try:
                self.store = AnalyticsStore(
                    settings.data_dir, settings.analytics_retention_days, settings.analytics_max_rows
                )
            except (OSError, sqlite3.Error) as exc:
                log.error("search analytics are off: the store in the data directory cannot be opened: %s", exc)

    def searched(
        self,
        query_id: str,
        query: str,
        normalized: str,
        concepts: list[str],
        filters: dict[str, Any],
        results: int,
        latency_ms: float,
        session: str | None,
    ) -> None:
        """Queue the record of a search (never blocks)."""
        if self.store is None:
            return
        record = SearchRecord(query_id, time.time(), query, normalized, concepts, filters, results, latency_ms, session)
        self.store.record_search(record)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
