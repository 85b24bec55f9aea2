"""Queries that arrive while the model is busy are embedded together, in one pass.

One short query through the model costs nearly as much as several: the pass is bound by reading the model's
weights (MiniLM: ≈ 2–5 ms of CPU for 3–6 tokens), not by the tokens. So when concurrent searches ask for query
vectors, the first one runs at once, and those arriving meanwhile wait for it and then go through in one batch
(`QueryBatcher.encode`): at one client nothing changes (a lone query is always embedded alone), at many clients the
model costs a fraction of a pass a query (docs/benchmarks.md, *Queries embedded together*).

A vector embedded in a batch equals the lone one to float rounding (≈ 1e-8 a component: the matrix products of a
different shape add in a different order), far below anything ranking can tell.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

import numpy as np


class _Ticket:
    __slots__ = ("done", "error", "text", "vector")

    def __init__(self, text: str) -> None:
        self.text = text
        self.vector: np.ndarray | None = None
        self.error: BaseException | None = None
        self.done = False


class QueryBatcher:
    """At most `passes` batches run at once, each of at most `batch` queries: the caller that finds the model free
    embeds its own query together with every query waiting (oldest first); the others wait for their vectors."""

    def __init__(self, encode: Callable[[Sequence[str]], np.ndarray], batch: int = 16, passes: int = 1) -> None:
        self._encode = encode
        self._batch = max(1, batch)
        self._passes = max(1, passes)
        self._running = 0
        self._waiting: list[_Ticket] = []
        self._changed = threading.Condition()

    def encode(self, text: str) -> np.ndarray:
        """The query's vector (a (dim,) float32 array of its own)."""
        ticket = _Ticket(text)
        with self._changed:
            self._waiting.append(ticket)
            while not ticket.done and self._running >= self._passes:
                self._changed.wait()
            if not ticket.done:
                batch = self._take(ticket)
                self._running += 1
        if not ticket.done:
            self._run(batch)
        if ticket.error is not None:
            raise ticket.error
        assert ticket.vector is not None
        return ticket.vector

    def _take(self, ticket: _Ticket) -> list[_Ticket]:
        """This caller's query and the oldest others waiting, off the waiting list."""
        others = [t for t in self._waiting if t is not ticket][: self._batch - 1]
        batch = [ticket, *others]
        taken = {id(t) for t in batch}
        self._waiting = [t for t in self._waiting if id(t) not in taken]
        return batch

    def _run(self, batch: list[_Ticket]) -> None:
        vectors: np.ndarray | None = None
        error: BaseException | None = None
        try:
            vectors = self._encode([t.text for t in batch])
        except BaseException as exc:  # every query of the batch fails as its own call would have
            error = exc
        with self._changed:
            self._running -= 1
            for i, t in enumerate(batch):
                t.vector = None if vectors is None else vectors[i].copy()
                t.error = error
                t.done = True
            self._changed.notify_all()
