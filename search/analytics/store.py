"""`AnalyticsStore`: the search log and the shoppers' events, in SQLite in the data directory (`analytics.sqlite`).

What is kept (docs/analytics.md says it to operators): per search its `query_id`, the query text, its normalised
form, the concepts searched, the filters, how many results, the latency and the time; a session id only when the
storefront sends one. Never a client address, an API key or a header. Per event: its type, the `query_id` it follows,
the product `(seller, id)`, its position, the time and the session id when given.

Writes never happen on the request path: `record_search` puts the record on a bounded queue and returns; a single
writer thread takes what is queued and commits it in one transaction (WAL: readers never block it, and several
processes writing the same file wait their turn through SQLite's busy timeout). `record_event` waits for the commit
of its event (an acknowledged event is on disk), still not on the event loop: the route runs it in a worker thread.
A search record that finds the queue full is dropped and counted (`dropped`) rather than slowing searches down.

The store is bounded: rows older than `retention_days` are deleted, and past `max_rows` searches (and as many
events) the oldest go first; freed pages are given back to the file system (`auto_vacuum=INCREMENTAL`) and the WAL
is truncated at each retention pass.
"""

from __future__ import annotations

import json
import logging
import queue
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

FILE_NAME = "analytics.sqlite"
EVENT_TYPES = ("click", "add_to_cart", "purchase")
QUEUE_SIZE = 10_000
BATCH = 500  # records committed in one transaction at most
RETENTION_EVERY = 2_000  # records written between retention passes (and at start)
BUSY_TIMEOUT_MS = 10_000

SCHEMA = """
CREATE TABLE IF NOT EXISTS searches (
    query_id TEXT PRIMARY KEY,
    at REAL NOT NULL,              -- seconds since the epoch (UTC)
    query TEXT NOT NULL,           -- as the shopper typed it
    normalized TEXT NOT NULL,      -- after normalisation (Simplified, half-width, lowercase): what reports group by
    concepts TEXT NOT NULL,        -- JSON list of the concepts searched
    filters TEXT NOT NULL,         -- JSON object of the filters applied
    results INTEGER NOT NULL,      -- how many results matched (the response's total)
    latency_ms REAL NOT NULL,
    session TEXT                   -- the storefront's session id, when it sends one
);
CREATE INDEX IF NOT EXISTS searches_at ON searches (at);
CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at REAL NOT NULL,
    type TEXT NOT NULL,            -- click, add_to_cart, purchase
    query_id TEXT NOT NULL,
    seller TEXT NOT NULL,
    product TEXT NOT NULL,
    position INTEGER,              -- 1-based position of the product in the results it was clicked from
    session TEXT
);
CREATE INDEX IF NOT EXISTS events_at ON events (at);
CREATE INDEX IF NOT EXISTS events_query ON events (query_id);
CREATE INDEX IF NOT EXISTS events_product ON events (seller, product, at);
"""


@dataclass(frozen=True)
class SearchRecord:
    query_id: str
    at: float
    query: str
    normalized: str
    concepts: list[str]
    filters: dict[str, Any]
    results: int
    latency_ms: float
    session: str | None = None


@dataclass(frozen=True)
class EventRecord:
    type: str
    query_id: str
    seller: str
    product: str
    position: int | None
    at: float
    session: str | None = None


class StoreBusy(RuntimeError):
    """The store could not take an event in time (its queue stayed full): the client should retry."""


@dataclass
class _Pending:
    record: SearchRecord | EventRecord
    done: threading.Event | None = None
    error: list[BaseException] = field(default_factory=list)


class AnalyticsStore:
    """The analytics database of a data directory; `start()` runs its writer thread, `close()` drains and stops it."""

    def __init__(
        self,
        data_dir: Path,
        retention_days: float = 90,
        max_rows: int = 1_000_000,
        queue_size: int = QUEUE_SIZE,
    ) -> None:
        self.path = Path(data_dir) / FILE_NAME
        self.retention_days = retention_days
        self.max_rows = max_rows
        self.dropped = 0  # search records not kept because the queue was full
        self.written = 0
        self._queue: queue.Queue[_Pending | None] = queue.Queue(maxsize=queue_size)
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute("PRAGMA auto_vacuum=INCREMENTAL")  # only takes on a new file: before the first table
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            db.execute("PRAGMA synchronous=NORMAL")  # WAL: a commit survives the process crashing
            yield db
        finally:
            db.close()

    # -- writing ----------------------------------------------------------------------------------------------

    def start(self) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="analytics-writer", daemon=True)
                self._thread.start()

    def close(self, timeout_s: float = 30) -> None:
        """Write what is queued, then stop the writer thread."""
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._queue.put(None)
            thread.join(timeout_s)

    def record_search(self, record: SearchRecord) -> None:
        """Queue a search for writing; never blocks (a full queue drops the record, counted in `dropped`)."""
        self.start()
        try:
            self._queue.put_nowait(_Pending(record))
        except queue.Full:
            self.dropped += 1

    def record_event(self, record: EventRecord, timeout_s: float = 10) -> None:
        """Write an event and return once it is committed; `StoreBusy` if that did not happen within `timeout_s`."""
        self.start()
        pending = _Pending(record, threading.Event())
        try:
            self._queue.put(pending, timeout=timeout_s)
        except queue.Full:
            raise StoreBusy("the analytics store is busy: retry the event") from None
        assert pending.done is not None
        if not pending.done.wait(timeout_s):
            raise StoreBusy("the analytics store did not confirm the event in time: retry it")
        if pending.error:
            raise StoreBusy(f"the event could not be stored: {pending.error[0]}")

    def flush(self, timeout_s: float = 30) -> None:
        """Wait until everything queued so far is written (tests, and the CLI before a report)."""
        if self._thread is None:
            return
        marker = _Pending(EventRecord("flush", "", "", "", None, 0.0), threading.Event())
        self._queue.put(marker)
        assert marker.done is not None
        marker.done.wait(timeout_s)

    def _run(self) -> None:
        since_retention = RETENTION_EVERY  # a pass at start: a restarted server applies the retention too
        with self._connect() as db:
            while True:
                first = self._queue.get()
                batch = [first] if first is not None else []
                stop = first is None
                while not stop and len(batch) < BATCH:
                    try:
                        item = self._queue.get_nowait()
                    except queue.Empty:
                        break
                    if item is None:
                        stop = True
                    else:
                        batch.append(item)
                if batch:
                    self._write(db, batch)
                    since_retention += len(batch)
                if since_retention >= RETENTION_EVERY:
                    since_retention = 0
                    self._retain(db)
                for pending in batch:  # acknowledged once written (and past any retention pass)
                    if pending.done is not None:
                        pending.done.set()
                if stop:
                    return

    def _write(self, db: sqlite3.Connection, batch: list[_Pending]) -> None:
        searches = [p.record for p in batch if isinstance(p.record, SearchRecord)]
        events = [p.record for p in batch if isinstance(p.record, EventRecord) and p.record.type != "flush"]
        error: BaseException | None = None
        for attempt in range(3):
            try:
                db.execute("BEGIN IMMEDIATE")
                db.executemany(
                    "INSERT OR IGNORE INTO searches VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (
                            r.query_id,
                            r.at,
                            r.query,
                            r.normalized,
                            json.dumps(r.concepts, ensure_ascii=False),
                            json.dumps(r.filters, ensure_ascii=False, sort_keys=True),
                            r.results,
                            r.latency_ms,
                            r.session,
                        )
                        for r in searches
                    ],
                )
                db.executemany(
                    "INSERT INTO events (at, type, query_id, seller, product, position, session) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [(e.at, e.type, e.query_id, e.seller, e.product, e.position, e.session) for e in events],
                )
                db.execute("COMMIT")
                error = None
                break
            except sqlite3.Error as exc:  # busy past the timeout, disk full: retried, then reported
                error = exc
                if db.in_transaction:
                    db.execute("ROLLBACK")
                time.sleep(0.1 * (attempt + 1))
        if error is not None:
            log.error("analytics: %d records could not be written: %s", len(batch), error)
        else:
            self.written += len(searches) + len(events)
        if error is not None:
            for pending in batch:
                pending.error.append(error)

    def _retain(self, db: sqlite3.Connection) -> None:
        """Delete what is past the retention period or the row caps; give the freed pages back."""
        try:
            cutoff = time.time() - self.retention_days * 86400
            db.execute("DELETE FROM searches WHERE at < ?", (cutoff,))
            db.execute("DELETE FROM events WHERE at < ?", (cutoff,))
            for table, order in (("searches", "at"), ("events", "seq")):
                db.execute(
                    f"DELETE FROM {table} WHERE {order} <= (SELECT {order} FROM {table} ORDER BY {order} DESC "
                    "LIMIT 1 OFFSET ?)",
                    (self.max_rows,),
                )
            db.execute("PRAGMA incremental_vacuum")
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as exc:
            log.warning("analytics: retention pass failed (retried later): %s", exc)

    # -- reading ----------------------------------------------------------------------------------------------

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        with self._connect() as db:
            db.row_factory = sqlite3.Row
            return list(db.execute(sql, params))

    def counts(self) -> dict[str, int]:
        """Rows kept, per table."""
        rows = self.query("SELECT (SELECT count(*) FROM searches) AS searches, (SELECT count(*) FROM events) AS events")
        return {"searches": rows[0]["searches"], "events": rows[0]["events"]}

    def size_bytes(self) -> int:
        """The store's size on disk: the database and its WAL."""
        total = 0
        for suffix in ("", "-wal"):
            path = self.path.with_name(self.path.name + suffix)
            if path.exists():
                total += path.stat().st_size
        return total
