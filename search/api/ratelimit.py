"""Per-client rate limit: a token bucket for each client, in this process.

Each client may make `burst` requests at once, then `per_minute` a minute (a token comes back every
60/per_minute seconds). A request without a token gets 429 with `Retry-After`: the whole seconds until the next
token. The limit is applied by `search.api.gate.RequestGate`, before a request's body is read.

The client is the connection's address, or with trusted reverse proxies (HAITAO_TRUSTED_PROXIES) the well-formed
address in X-Forwarded-For that they vouch for (`search.api.clients`), counted under `client_bucket`: an IPv4
address, or an IPv6 /64, in one canonical spelling. It is not the API key: the search key is public and shared by
every shopper of a storefront, and an unchecked key would let a client pick a fresh bucket for each request.

Memory is bounded in bytes: a client idle long enough for its bucket to be full again is forgotten (it would get a
full bucket anyway), and past `max_bytes` (keys are at most 70 characters, so every entry has a known upper size)
the least recently seen clients are dropped.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from fastapi import HTTPException

from search.api.clients import client_bucket

ENTRY_BYTES = 300
"""Memory of one tracked client beside its key's characters (dict slot, order links, key object, the bucket's
tokens and time), measured about 245 and rounded up (tests/search/api/test_rate_limit.py measures it)."""
DEFAULT_MAX_BYTES = 32 * 1024 * 1024
EXEMPT_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})
"""Routes never limited: probes and scrapes come often, from inside, and must not be refused."""


class TokenBucketLimiter:
    """Thread-safe token buckets keyed by client bucket; `clock` returns seconds (monotonic)."""

    def __init__(
        self,
        per_minute: int,
        burst: int,
        clock: Callable[[], float] = time.monotonic,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        if per_minute < 1 or burst < 1 or max_bytes < ENTRY_BYTES * 16:
            raise ValueError("per_minute and burst must be at least 1, max_bytes room for 16 clients")
        self.per_minute = per_minute
        self.burst = burst
        self.rate = per_minute / 60.0  # tokens a second
        self.clock = clock
        self.max_bytes = max_bytes
        self.refill_s = burst / self.rate  # an idle bucket is full again after this long
        self.rejected = 0
        self.bytes = 0  # accounted memory of the tracked clients
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # client -> (tokens, at), LRU first
        self._lock = threading.Lock()

    def acquire(self, client: str) -> float:
        """Take a token for the client at address `client`: 0.0 if it had one, else the seconds until it will."""
        key = client_bucket(client)
        with self._lock:
            now = self.clock()
            self._forget_idle(now)
            known = self._buckets.pop(key, None)
            if known is None:
                tokens, at = float(self.burst), now
            else:
                tokens, at = known
                self.bytes -= _size(key)
            tokens = min(float(self.burst), tokens + (now - at) * self.rate)
            wait = 0.0
            if tokens >= 1.0:
                tokens -= 1.0
            else:
                wait = (1.0 - tokens) / self.rate
                self.rejected += 1
            self._buckets[key] = (tokens, now)
            self.bytes += _size(key)
            while self.bytes > self.max_bytes:
                self._drop_oldest()
            return wait

    def _forget_idle(self, now: float) -> None:
        while self._buckets:
            _, at = next(iter(self._buckets.values()))
            if now - at < self.refill_s:
                return
            self._drop_oldest()

    def _drop_oldest(self) -> None:
        key, _ = self._buckets.popitem(last=False)
        self.bytes -= _size(key)

    def __len__(self) -> int:
        """Clients being tracked."""
        return len(self._buckets)

    def refusal(self, wait: float) -> HTTPException:
        """The 429 for a client that must wait `wait` seconds."""
        retry_after = max(1, math.ceil(wait))
        return HTTPException(
            429,
            f"too many requests: at most {self.per_minute} a minute (bursts of {self.burst}); "
            f"retry after {retry_after} s",
            headers={"Retry-After": str(retry_after)},
        )


def _size(key: str) -> int:
    return ENTRY_BYTES + len(key)
