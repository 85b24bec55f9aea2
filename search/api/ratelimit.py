"""Per-client rate limit: a token bucket for each client IP address, in this process.

Each client may make `burst` requests at once, then `per_minute` a minute (a token comes back every
60/per_minute seconds). A request without a token gets 429 with `Retry-After`: the whole seconds until the next
token. Memory is bounded: a client idle long enough for its bucket to be full again is forgotten (it would get a
full bucket anyway), and past `max_clients` the least recently seen client is dropped.

The client is the connection's address, or with trusted reverse proxies (HAITAO_TRUSTED_PROXIES) the address in
X-Forwarded-For that they vouch for. It is not the API key: the search key is public and shared by every shopper
of a storefront, and an unchecked key would let a client pick a fresh bucket for each request.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from fastapi import HTTPException, Request

MAX_TRACKED_CLIENTS = 100_000
EXEMPT_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})
"""Routes never limited: probes and scrapes come often, from inside, and must not be refused."""


class TokenBucketLimiter:
    """Thread-safe token buckets keyed by client; `clock` returns seconds (monotonic)."""

    def __init__(
        self,
        per_minute: int,
        burst: int,
        clock: Callable[[], float] = time.monotonic,
        max_clients: int = MAX_TRACKED_CLIENTS,
    ) -> None:
        if per_minute < 1 or burst < 1 or max_clients < 1:
            raise ValueError("per_minute, burst and max_clients must be at least 1")
        self.per_minute = per_minute
        self.burst = burst
        self.rate = per_minute / 60.0  # tokens a second
        self.clock = clock
        self.max_clients = max_clients
        self.refill_s = burst / self.rate  # an idle bucket is full again after this long
        self.rejected = 0
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # client -> (tokens, at), LRU first
        self._lock = threading.Lock()

    def acquire(self, client: str) -> float:
        """Take a token for `client`: 0.0 if it had one, else the seconds until it will."""
        with self._lock:
            now = self.clock()
            self._forget_idle(now)
            tokens, at = self._buckets.pop(client, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - at) * self.rate)
            wait = 0.0
            if tokens >= 1.0:
                tokens -= 1.0
            else:
                wait = (1.0 - tokens) / self.rate
                self.rejected += 1
            self._buckets[client] = (tokens, now)
            if len(self._buckets) > self.max_clients:
                self._buckets.popitem(last=False)
            return wait

    def _forget_idle(self, now: float) -> None:
        while self._buckets:
            _, at = next(iter(self._buckets.values()))
            if now - at < self.refill_s:
                return
            self._buckets.popitem(last=False)

    def __len__(self) -> int:
        """Clients being tracked."""
        return len(self._buckets)


async def rate_limit(request: Request) -> None:
    """The app-wide dependency: 429 once the client's bucket is empty (no-op when the limit is off)."""
    limiter: TokenBucketLimiter | None = request.app.state.rate_limiter
    route = request.scope.get("route")
    if limiter is None or getattr(route, "path", None) in EXEMPT_PATHS:
        return
    wait = limiter.acquire(request.client.host if request.client else "unknown")
    if wait > 0:
        retry_after = max(1, math.ceil(wait))
        raise HTTPException(
            429,
            f"too many requests: at most {limiter.per_minute} a minute (bursts of {limiter.burst}); "
            f"retry after {retry_after} s",
            headers={"Retry-After": str(retry_after)},
        )
