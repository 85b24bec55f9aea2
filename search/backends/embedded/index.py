"""Lifecycle of the embedded index: the data directory, its manifest, the writer lock, snapshots, rebuilds.

Layout of `data_dir`:
    index/          the tantivy index (text fields, filter and facet columns, stored records and vectors);
                    after a `--rebuild`, `index-YYYYmmddHHMMSS/`
    manifest.json   schema version, embedding model and dimension, last update time, and which directory
                    holds the live index

One process writes at a time (tantivy holds a lock file while a writer is open); any number of processes may read.
Readers notice a newer commit by the change of tantivy's `meta.json` and reopen their searcher. A rebuild fills a
new directory beside the live index, holding the live index's writer lock all along, and is made live by one
atomic replace of `manifest.json`; readers follow it on their next request.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Generic, TypeVar

import numpy as np
import tantivy

from search.backends.base import Filters, IndexLocked, IndexNotFound, WriteUnavailable, check_built_with
from search.backends.embedded.ann import AnnStore
from search.backends.embedded.columns import Columns
from search.backends.embedded.queries import Leaf
from search.backends.embedded.schema import build_schema
from search.backends.embedded.vectors import VectorSet
from search.fields import KEY_FIELD, NODE_CONFIDENCE, SCHEMA_VERSION

WRITER_HEAP_BYTES = 128_000_000
FILTER_CACHE_SIZE = 64
# Rows of product types a snapshot keeps (`Snapshot.of_type`), all types together: 16 bytes a row, so at most 16 MB.
# By rows, not types: the 253 demo queries name 85 types (74,000 rows at 100,000 products), and a cache of 64 types
# made a search of a type no longer kept search for its rows again (≈ 1 ms at 100,000 products).
TYPE_CACHE_ROWS = 1_000_000
MATCH_CACHE_ROWS = 2_000_000
"""Rows of keyword matches a snapshot keeps (`Snapshot.matching_rows`), all queries together: 16 MB (int64 rows:
as int32 they cost a conversion at every gather)."""
TERM_CACHE_ROWS = 4_000_000
"""Rows of single terms' matches a snapshot keeps (`Snapshot.matching_rows`), all terms together: 16 MB (int32)."""
FREQUENCY_CACHE_SIZE = 100_000
LIVE_MANIFEST = "manifest.json"
STAGING_MANIFEST = "manifest.rebuild.json"
WRITE_PROBE_BYTES = 1 << 20  # free space a recovery must find before writes are taken again
RECOVERY_INTERVAL_S = 2.0  # at most one recovery attempt this often
UNKNOWN_CAUSE = "an I/O error"
log = logging.getLogger(__name__)


K = TypeVar("K")
V = TypeVar("V")


class Recent(Generic[K, V]):
    """Values made per key, the most recently used kept: at most `limit` in all, each counting `weight(value)` (one by
    default). A value is made outside the lock, so two threads may make the same one; the first stored stays."""

    def __init__(self, limit: int, weight: Callable[[V], int] = lambda _: 1) -> None:
        self._limit = limit
        self._weight = weight
        self._values: OrderedDict[K, V] = OrderedDict()
        self._total = 0
        self._lock = threading.Lock()

    def get_or_make(self, key: K, make: Callable[[], V]) -> V:
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
        value = make()
        with self._lock:
            if key not in self._values:
                self._values[key] = value
                self._total += self._weight(value)
            while self._total > self._limit and len(self._values) > 1:
                self._total -= self._weight(self._values.popitem(last=False)[1])
        return value


@dataclass
class Snapshot:
    """What one reader generation sees: a searcher and, loaded on first use, its vectors."""

    searcher: tantivy.Searcher
    stamp: tuple[int, int]
    dim: int
    ann: AnnStore | None = None  # graphs for approximate search, for large indexes
    _vectors: VectorSet | None = None
    _columns: Columns | None = None
    _allowed: Recent[Filters, np.ndarray] = field(default_factory=lambda: Recent(FILTER_CACHE_SIZE))
    _matches: Recent[str, np.ndarray] = field(default_factory=lambda: Recent(MATCH_CACHE_ROWS, len))
    _terms: Recent[Leaf, np.ndarray] = field(default_factory=lambda: Recent(TERM_CACHE_ROWS, len))
    frequencies: dict[str, int] = field(default_factory=dict)
    _types: Recent[tuple[tuple[str, ...], float], tuple[np.ndarray, np.ndarray]] = field(
        default_factory=lambda: Recent(TYPE_CACHE_ROWS, lambda kept: len(kept[0]) + 1)
    )
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def vectors(self) -> VectorSet:
        with self._lock:
            if self._vectors is None:
                self._vectors = vectors = VectorSet(self.searcher, self.dim)
                if self.ann is not None and self.ann.wanted(len(vectors)):
                    self.ann.open(vectors.keys, vectors.matrix, lambda graph: setattr(vectors, "ann", graph))
            return self._vectors

    @property
    def columns(self) -> Columns:
        """The columns of this snapshot's documents, row for row with its vectors (built on first use)."""
        vectors = self.vectors
        with self._lock:
            if self._columns is None:
                self._columns = Columns(self.searcher, vectors)
            return self._columns

    @property
    def loaded_vectors(self) -> VectorSet | None:
        """The vector set if it is loaded already (it is once this snapshot has searched), else None."""
        return self._vectors

    def allowed_rows(self, filters: Filters, query: tantivy.Query) -> np.ndarray:
        """The vector rows that pass the filters (cached per filter set for this generation)."""

        def rows() -> np.ndarray:
            hits = self.searcher.search(query, limit=max(self.searcher.num_docs, 1), count=False).hits
            return self.vectors.rows_of([address for _, address in hits])

        return self._allowed.get_or_make(filters, rows)

    def of_type(self, key: tuple[tuple[str, ...], float], query: tantivy.Query) -> tuple[np.ndarray, np.ndarray]:
        """The rows (ascending) of the products `query` finds — those of a type, surely enough assigned, `key` —
        and each one's assignment confidence: one search per type for this generation (the last types' rows kept,
        TYPE_CACHE_ROWS in all), then an array look-up for every search naming the type."""

        def typed() -> tuple[np.ndarray, np.ndarray]:
            hits = self.searcher.search(query, limit=max(self.searcher.num_docs, 1), count=False).hits
            addresses = [address for _, address in hits]
            rows = self.vectors.rows_of(addresses)
            values = self.searcher.fast_field_values(NODE_CONFIDENCE, addresses) if addresses else []
            confidences = np.array([float(c or 0.0) for c in values], dtype=np.float64)
            order = np.argsort(rows, kind="stable")
            return rows[order], confidences[order]

        return self._types.get_or_make(key, typed)

    def matching_rows(
        self,
        key: str,
        query: Callable[[], tantivy.Query | None],
        known: int | None = None,
        leaves: Callable[[], Sequence[tuple[Leaf, Callable[[], tantivy.Query]]]] | None = None,
    ) -> np.ndarray:
        """The vector rows of every document matching a keyword query (`query` builds it, called only when the rows
        are not kept; None: no query, no rows; `known`: how many match, when counted already), cached per query for
        this generation as the filters' rows are (keyed by `key`, a full description of what the query is built
        from), up to MATCH_CACHE_ROWS rows in all: the group counts of a search under several filter sets
        (disjunctive facets), of its next pages, other sorts and other filters take them from one pass.

        `leaves` (when given) makes the query's leaves (`KeywordQueryBuilder.leaves`: single terms whose matches
        together are the query's): the rows are then their union, each leaf's rows kept per term for this
        generation (up to TERM_CACHE_ROWS in all), so that a query whose terms other queries used needs no pass
        over the index (a term new to the generation costs one pass over its matches, so a query whose terms are
        all new costs a little more than one pass over the query: their matches overlap). Where the union's size
        is not the query's count (`known`), one pass over the query decides."""

        def rows() -> np.ndarray:
            if leaves is not None:
                union = self._union(leaves())
                if known is None or len(union) == known:
                    return union
            built = query()
            return np.zeros(0, dtype=np.int64) if built is None else self.columns.matching(built, known)

        return self._matches.get_or_make(key, rows)

    def _union(self, leaves: Sequence[tuple[Leaf, Callable[[], tantivy.Query]]]) -> np.ndarray:
        """The rows matching any of these leaves, ascending; each leaf's rows from one pass per generation."""
        columns = self.columns
        matched = np.zeros(len(columns), dtype=bool)
        for key, leaf in leaves:
            matched[self._terms.get_or_make(key, lambda leaf=leaf: columns.matching(leaf()).astype(np.int32))] = True
        return np.flatnonzero(matched)


class _ReadingAs(AbstractContextManager[None]):
    """Within it, the thread reads `snapshot` (what `EmbeddedIndex.reading_shared` hands to another thread)."""

    def __init__(self, pinned: threading.local, snapshot: Snapshot) -> None:
        self._pinned, self._snapshot = pinned, snapshot
        self._before = threading.local()  # what each thread entering it read before

    def __enter__(self) -> None:
        self._before.snapshot = getattr(self._pinned, "snapshot", None)
        self._pinned.snapshot = self._snapshot

    def __exit__(self, *_: object) -> None:
        self._pinned.snapshot = self._before.snapshot


class EmbeddedIndex:
    """The index directory of one data directory: opened (or created), checked against the model, committed,
    rebuilt; the current snapshot for readers and the single writer for writes."""

    def __init__(
        self, data_dir: Path, model: str, dim: int, create: bool = False, staging: str | None = None, ann_min=0
    ) -> None:
        self.data_dir = Path(data_dir)
        self.manifest_path = self.data_dir / (STAGING_MANIFEST if staging else LIVE_MANIFEST)
        self.index_dir = self.data_dir / (staging or live_index_name(self.data_dir))
        self.model, self.dim = model, dim
        self.schema = build_schema()
        self.ann = AnnStore(self.data_dir, ann_min)
        self._writer: tantivy.IndexWriter | None = None
        self.live_writer: tantivy.IndexWriter | None = None  # the live index's, held during a rebuild
        self._reload_lock = threading.Lock()
        self._pinned = threading.local()  # a thread's snapshot while it is `reading()`
        self.write_lock = threading.Lock()
        self.problem: str | None = None  # why writes are refused (a commit failed), or None
        self._recover_after = 0.0

        exists = self.manifest_path.exists() and tantivy.Index.exists(str(self.index_dir))
        if not exists and not create:
            raise IndexNotFound(
                f"no index in {self.data_dir}: build one first with `haitao index FILE --data-dir {self.data_dir}`"
            )
        if exists:
            self._check_manifest()
        else:
            self.index_dir.mkdir(parents=True, exist_ok=True)
            self.write_manifest(updated_at=None)
        self.index = tantivy.Index(self.schema, path=str(self.index_dir), reuse=True)
        self._snapshot = self._open_snapshot()

    # -- manifest ---------------------------------------------------------------------------------------------

    def read_manifest(self) -> dict[str, Any]:
        return json.loads(self.manifest_path.read_text(encoding="utf-8"))

    def _check_manifest(self) -> None:
        check_built_with(f"the index in {self.data_dir}", self.read_manifest(), SCHEMA_VERSION, self.model, self.dim)

    def write_manifest(self, updated_at: str | None, path: Path | None = None) -> None:
        manifest = {
            "schema_version": SCHEMA_VERSION,
            "model": self.model,
            "dim": self.dim,
            "updated_at": updated_at,
            "index": self.index_dir.name,
        }
        path = path or self.manifest_path
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        os.replace(tmp, path)

    # -- rebuilding -------------------------------------------------------------------------------------------

    @classmethod
    def rebuild(cls, data_dir: Path, model: str, dim: int, ann_min: int = 0) -> EmbeddedIndex:
        """A new, empty index beside the live one, to fill and then `commit_rebuild()` (or `abandon_rebuild()`).

        The live index stays searchable and untouched until `commit_rebuild()`; its writer lock is held meanwhile,
        so no other process writes to it (and a rebuild is refused while another process does).
        """
        data_dir = Path(data_dir)
        live = data_dir / live_index_name(data_dir)
        live_writer = None
        if (data_dir / LIVE_MANIFEST).exists() and tantivy.Index.exists(str(live)):
            live_writer = open_writer(tantivy.Index.open(str(live)), data_dir)
        for stale in data_dir.glob("index-*"):  # left by an interrupted rebuild
            if stale != live:
                shutil.rmtree(stale, ignore_errors=True)
        staging = datetime.now(UTC).strftime("index-%Y%m%d%H%M%S%f")
        index = cls(data_dir, model, dim, create=True, staging=staging, ann_min=ann_min)
        index.live_writer = live_writer
        return index

    def commit_rebuild(self) -> None:
        """Make this rebuilt index the live one, by an atomic replace of manifest.json; remove the old one."""
        self.close()
        live = self.data_dir / live_index_name(self.data_dir)
        self.write_manifest(now(), self.data_dir / LIVE_MANIFEST)
        self.manifest_path.unlink(missing_ok=True)
        self.manifest_path = self.data_dir / LIVE_MANIFEST
        self.live_writer = None  # releases the old index's lock
        if live != self.index_dir:
            shutil.rmtree(live, ignore_errors=True)

    def abandon_rebuild(self) -> None:
        """Drop a rebuild that did not finish; the live index is left as it was."""
        self.close()
        self.live_writer = None
        if self.manifest_path.name == STAGING_MANIFEST:
            self.manifest_path.unlink(missing_ok=True)
            shutil.rmtree(self.index_dir, ignore_errors=True)

    # -- reading ----------------------------------------------------------------------------------------------

    def stamp(self) -> tuple[int, int]:
        """Changes with every commit: the modification time and size of tantivy's meta.json."""
        try:
            stat = os.stat(os.path.join(self.index_dir, "meta.json"))  # on every search: no Path objects
        except FileNotFoundError:
            return (0, 0)
        return (stat.st_mtime_ns, stat.st_size)

    def _open_snapshot(self) -> Snapshot:
        if self.manifest_path.name == LIVE_MANIFEST and self.manifest_path.exists():
            live = live_index_name(self.data_dir)
            if live != self.index_dir.name:  # a rebuild was promoted by another process: follow it
                self._check_manifest()
                self.index_dir = self.data_dir / live
                self.index = tantivy.Index(self.schema, path=str(self.index_dir), reuse=True)
        stamp = self.stamp()
        self.index.reload()
        return Snapshot(self.index.searcher(), stamp, self.dim, self.ann)

    def current(self) -> Snapshot:
        """The snapshot of the latest commit, reopened when another process (or we) committed since; within
        `reading()`, the one it took."""
        snapshot = self.pinned()
        if snapshot is not None:
            return snapshot
        snapshot = self._snapshot
        if self.stamp() != snapshot.stamp:
            with self._reload_lock:
                if self.stamp() != self._snapshot.stamp:
                    self._snapshot = self._open_snapshot()
                snapshot = self._snapshot
        return snapshot

    def pinned(self) -> Snapshot | None:
        """The snapshot this thread reads within `reading()`, else None."""
        return getattr(self._pinned, "snapshot", None)

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Everything this thread reads meanwhile comes from one snapshot: the index's files are looked at once (a
        `stat` each time is what `current` costs: a dozen a search), and one search never mixes two commits."""
        if self.pinned() is not None:  # already within one
            yield
            return
        self._pinned.snapshot = self.current()
        try:
            yield
        finally:
            self._pinned.snapshot = None

    def reading_shared(self) -> AbstractContextManager[None]:
        """The snapshot this thread reads within `reading()`, for another thread to read within the context manager
        returned (the latest one's, when this thread reads none)."""
        snapshot = self.pinned()
        return nullcontext() if snapshot is None else _ReadingAs(self._pinned, snapshot)

    # -- writing ----------------------------------------------------------------------------------------------

    def writer(self) -> tantivy.IndexWriter:
        """The index's writer (taking its lock on first use); call with `write_lock` held."""
        if self._writer is None:
            self._writer = open_writer(self.index, self.data_dir)
        return self._writer

    # -- durability -------------------------------------------------------------------------------------------
    #
    # A write is acknowledged only once tantivy committed it and a fresh reader finds it. A commit that fails
    # (a full disk, a file-size limit, an I/O error) leaves tantivy's writer unusable: it would take later
    # documents and silently drop them. So the writer is rolled back to the last commit and writes are refused
    # (`WriteUnavailable`, `write_problem`) until a recovery finds room to write, has a writer at the last commit
    # and reads the index back.

    def add(self, writer: tantivy.IndexWriter, change: Callable[[tantivy.IndexWriter], None]) -> None:
        """Apply `change(writer)` (deletes and adds), refusing writes from now on if it fails."""
        try:
            change(writer)
        except (OSError, ValueError) as exc:
            raise self.failed(exc) from exc

    def commit(self, writer: tantivy.IndexWriter, expected: dict[str, str | None]) -> None:
        """Commit, then read back: every id in `expected` has its content hash (None: is gone)."""
        try:
            writer.commit()
        except (OSError, ValueError) as exc:
            raise self.failed(exc) from exc
        self.index.reload()
        found = stored_hashes(self.index.searcher(), self.schema, list(expected))
        lost = [doc_id for doc_id, content_hash in expected.items() if found.get(doc_id) != content_hash]
        if lost:
            raise self.failed(RuntimeError(f"{len(lost)} product(s) not found after the commit, e.g. {lost[0]!r}"))
        try:
            self.write_manifest(updated_at=now())
        except OSError as exc:  # the write is durable (committed, read back); only the update time is not
            self.problem = f"the disk is failing: {_cause(exc)}"
            self._recover_after = time.monotonic() + RECOVERY_INTERVAL_S
            log.error("the index manifest could not be updated after a commit: %s", exc)

    def failed(self, exc: Exception) -> WriteUnavailable:
        """Refuse writes from now on (until `recover`) and roll the writer back to the last commit."""
        cause = _cause(exc)
        if cause == UNKNOWN_CAUSE:  # tantivy lost it (a worker thread died): what does the disk say?
            cause = self._probe() or cause
        self.problem = (
            f"the last write could not be saved ({cause}); writes are refused until the index can be written again"
        )
        self._recover_after = time.monotonic() + RECOVERY_INTERVAL_S
        log.error("a write to the index failed; writes are refused until it can write again: %s", exc)
        if self._writer is not None:
            try:
                self._writer.rollback()
            except (OSError, ValueError) as rollback_error:
                log.error("the index writer could not be rolled back, it is reopened: %s", rollback_error)
                self._writer = None
        return WriteUnavailable(f"the write was not saved ({cause}); send it again once the index can be written")

    def check_writable(self) -> None:
        """Raise `WriteUnavailable` while writes are refused and a recovery does not succeed."""
        if self.problem is not None and not self.recover(force=True):
            raise WriteUnavailable(self.problem)

    def recover(self, force: bool = False) -> bool:
        """Try to take writes again (under the write lock): room to write, a writer at the last commit, the index
        read back. Without `force`, at most every RECOVERY_INTERVAL_S."""
        if not force and time.monotonic() < self._recover_after:
            return False
        self._recover_after = time.monotonic() + RECOVERY_INTERVAL_S
        cause = self._probe()
        if cause is not None:
            self.problem = f"the index cannot be written ({cause}); writes are refused until it can be"
            return False
        try:
            if self._writer is None:
                self._writer = open_writer(self.index, self.data_dir)
            else:
                self._writer.rollback()
            self.index.reload()
            self.index.searcher()
        except (OSError, ValueError, IndexLocked) as exc:
            self.problem = f"the index cannot be reopened for writing: {_cause(exc)}"
            return False
        log.warning("the index takes writes again")
        self.problem = None
        return True

    def _probe(self) -> str | None:
        """Whether WRITE_PROBE_BYTES can be written and synced beside the index: None if so, else why not."""
        probe = self.data_dir / ".write-probe"
        try:
            with probe.open("wb") as f:
                f.write(b"\0" * WRITE_PROBE_BYTES)
                f.flush()
                os.fsync(f.fileno())
        except OSError as exc:
            return _cause(exc)
        finally:
            probe.unlink(missing_ok=True)
        return None

    def write_problem(self) -> str | None:
        """Why writes are refused now, after a recovery attempt (if the writer is free to try one)."""
        if self.problem is not None and self.write_lock.acquire(blocking=False):
            try:
                if self.problem is not None:
                    self.recover()
            finally:
                self.write_lock.release()
        return self.problem

    def close(self) -> None:
        with self.write_lock:
            if self._writer is not None:
                self._writer.wait_merging_threads()
                self._writer = None


def stored_hashes(searcher: tantivy.Searcher, schema: tantivy.Schema, ids: list[str]) -> dict[str, str]:
    """The stored content hash of each of these ids that the searcher finds."""
    if not ids:
        return {}
    hits = searcher.search(tantivy.Query.term_set_query(schema, KEY_FIELD, ids), limit=len(ids), count=False).hits
    docs = [searcher.doc(address) for _, address in hits]
    return {doc.get_first(KEY_FIELD): doc.get_first("content_hash") for doc in docs}


def _cause(exc: Exception) -> str:
    """What went wrong, in words that carry no path: the OS error tantivy wraps in its message, if any."""
    if isinstance(exc, OSError) and exc.errno:
        return os.strerror(exc.errno)
    code = re.search(r"os error (\d+)", str(exc))
    if code:
        return os.strerror(int(code.group(1)))
    if "lock" in str(exc).lower():
        return "another process holds the index's write lock"
    return UNKNOWN_CAUSE if isinstance(exc, OSError | ValueError) else str(exc)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def live_index_name(data_dir: Path) -> str:
    try:
        return str(json.loads((data_dir / LIVE_MANIFEST).read_text(encoding="utf-8")).get("index", "index"))
    except (FileNotFoundError, json.JSONDecodeError):
        return "index"


def built_with(data_dir: Path) -> tuple[str, int]:
    """The model and dimension the index in `data_dir` was built with (to open it without loading a model)."""
    path = Path(data_dir) / LIVE_MANIFEST
    if not path.exists():
        raise IndexNotFound(f"no index in {data_dir}: build one first with `haitao index FILE --data-dir {data_dir}`")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    return str(manifest.get("model")), int(manifest.get("dim") or 0)


def open_writer(index: tantivy.Index, data_dir: Path) -> tantivy.IndexWriter:
    try:
        return index.writer(WRITER_HEAP_BYTES, 1)
    except ValueError as exc:
        if "lock" in str(exc).lower():
            raise IndexLocked(
                f"another process is writing to the index in {data_dir}: one writer at a time. If it is "
                "`haitao serve` with HAITAO_ADMIN_API_KEY set, stop it or send the update through "
                "POST /v1/admin/products; if it is another `haitao index`, wait for it to finish"
            ) from exc
        raise
