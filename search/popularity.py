"""Popularity: how much shoppers want a product, as a small ranking signal (off by default:
HAITAO_POPULARITY_WEIGHT = 0).

Two sources, each scaled to [0, 1]:
- shoppers' events in the analytics store (docs/analytics.md), decayed: a click counts 1, an add-to-cart 3, a
  purchase 10, each halved every HAITAO_POPULARITY_HALF_LIFE_DAYS; scaled by the most popular product's sum
  (log-scaled, so one runaway product does not flatten the rest); read again every few minutes;
- a feed column, kept as an attribute: `popularity` (higher is more popular, scaled by the catalog's highest seen
  so far) or `sales_rank` (1 is the best seller: 1 / rank).

The signal reorders the top of a relevance ranking only: each result's fused score is multiplied by
1 + weight × popularity (the larger of the two sources), within the first page's worth of results plus a margin —
a boost and a tie-break, never a filter. Measured with simulated shoppers (bench/popularity.py), it lowers nDCG@10
on queries the clicks did not come from, at every weight: docs/merchandising.md has the figures."""

from __future__ import annotations

import logging
import math
import sqlite3
import threading
import time
from pathlib import Path

from search.analytics.store import FILE_NAME
from search.backends.base import Hit
from search.catalog import Product

log = logging.getLogger(__name__)

EVENT_WEIGHTS = {"click": 1.0, "add_to_cart": 3.0, "purchase": 10.0}
REFRESH_S = 300.0
RERANK_MARGIN = 20  # results beyond the page the signal may lift onto it


class Popularity:
    def __init__(self, data_dir: Path, half_life_days: float, refresh_s: float = REFRESH_S) -> None:
        self.path = Path(data_dir) / FILE_NAME
        self.half_life_s = half_life_days * 86400
        self.refresh_s = refresh_s
        self._events: dict[str, float] = {}
        self._read_at = -math.inf
        self._lock = threading.Lock()
        self._feed_max = 1.0

    def event_scores(self) -> dict[str, float]:
        """Product key (`SELLER/ID`) → decayed event score in [0, 1]; read again every `refresh_s`."""
        now = time.monotonic()
        if now - self._read_at >= self.refresh_s and self._lock.acquire(blocking=False):
            try:
                self._events = self._read()
                self._read_at = now
            finally:
                self._lock.release()
        return self._events

    def _read(self) -> dict[str, float]:
        if not self.path.exists():
            return {}
        rate = math.log(2) / self.half_life_s
        now = time.time()
        sums: dict[str, float] = {}
        try:
            db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=5)
            try:
                rows = db.execute(
                    "SELECT seller, product, type, at FROM events WHERE at > ?", (now - 8 * self.half_life_s,)
                )
                for seller, product, kind, at in rows:
                    key = f"{seller}/{product}"
                    sums[key] = sums.get(key, 0.0) + EVENT_WEIGHTS.get(kind, 0.0) * math.exp(-rate * (now - at))
            finally:
                db.close()
        except sqlite3.Error as exc:
            log.warning("popularity: the analytics store could not be read: %s", exc)
            return self._events
        top = max(sums.values(), default=0.0)
        if top <= 0:
            return {}
        return {key: math.log1p(value) / math.log1p(top) for key, value in sums.items()}

    def feed_score(self, product: Product) -> float:
        """The feed's `popularity` (scaled by the highest seen) or `sales_rank` (1 / rank), in [0, 1]."""
        attributes = product.attributes
        for name, inverse in (("popularity", False), ("sales_rank", True)):
            raw = attributes.get(name)
            try:
                value = float(raw) if raw is not None else None
            except ValueError:
                value = None
            if value is None or not math.isfinite(value) or value <= 0:
                continue
            if inverse:
                return 1.0 / value if value >= 1 else 1.0
            self._feed_max = max(self._feed_max, value)
            return value / self._feed_max
        return 0.0

    def rerank(self, hits: list[Hit], weight: float) -> list[Hit]:
        """Hits in relevance order → reordered by score × (1 + weight × popularity); stable for equal products."""
        events = self.event_scores()

        def boosted(item: tuple[int, Hit]) -> tuple[float, int]:
            position, hit = item
            key = f"{getattr(hit.product, 'seller', '')}/{hit.product.id}"
            signal = max(events.get(key, 0.0), self.feed_score(hit.product))
            return (-(hit.score * (1.0 + weight * signal)), position)

        return [hit for _, hit in sorted(enumerate(hits), key=boosted)]
