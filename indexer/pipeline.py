"""The indexing run of a feed: read it (opened once), validate each row and refuse repeated ids (the writer's
`Validator`), and hand batches to the `CatalogWriter`, which skips unchanged products, embeds and writes.

A bad row never costs a good one: it is reported (file, line or XML item, id, field, reason), written to the
rejects file in the feed's own format and encoding (its reasons beside it, as JSON Lines), and the run goes on. A
row with something to warn about (a sale price above the price) is indexed and reported. Products the feed lists
as not for sale (a Shopify draft, archived or unpublished product, a gift card) are skipped, counted by reason, and
removed from the index if an earlier run put them there. Batches are written in order, each committed before the
next is written, so an interrupted run keeps every batch committed so far and a rerun skips them as unchanged; while
a batch is written, the next one (already read) is embedded in a worker thread (`CatalogWriter.embed_ahead`). A
feed is one seller's (`seller`, `haitao index --seller S`: a row naming another seller is rejected) or names each
row's seller (a `seller` column; rows without one are the default seller's). With `delete_missing`, the products
of the feed's sellers that it no longer lists are removed at the end — never another seller's — unless the feed
could not be read to its end. What the reader noticed about the whole file (its encoding, columns it does not know)
ends up in the report's notes.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from indexer.feeds import FeedOptions, FeedReader, FeedRow, open_feed
from indexer.feeds.base import rejects_encoding
from search.backends.base import SearchBackend, WriteUnavailable
from search.catalog import DEFAULT_SELLER, InvalidProduct, Product, product_key
from search.writer import CatalogWriter, Validator

log = logging.getLogger(__name__)
DELETE_CHUNK = 1000
# What a write that cannot be done raises: the disk is full or read-only (a backend's commit raises
# WriteUnavailable; tantivy reports other I/O errors as ValueError, sqlite as sqlite3.Error), a file is over the
# size limit.
WRITE_ERRORS = (OSError, sqlite3.Error, ValueError, WriteUnavailable)


class IndexingFailed(Exception):
    """A write failed: the run stopped. The index is at its last committed batch; `report` says how far it got."""

    def __init__(self, message: str, report: IndexReport) -> None:
        super().__init__(message)
        self.report = report


@dataclass
class Reject:
    file: str
    line: int
    product_id: str | None
    errors: list[tuple[str, str]]
    text: str
    location: str = "line"  # what `line` counts: "line", or "item" (the index of an XML element)

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.location == "line" else f"{self.file} item {self.line}"

    def describe(self) -> str:
        who = f" (id {self.product_id!r})" if self.product_id else ""
        reasons = "; ".join(f"{f}: {r}" if f != "row" else r for f, r in self.errors)
        return f"{self.where}{who}: {reasons}"

    def to_json(self) -> str:
        return json.dumps(
            {
                "file": self.file,
                self.location: self.line,
                "id": self.product_id,
                "errors": [{"field": f, "reason": r} for f, r in self.errors],
                "row": self.text,
            },
            ensure_ascii=False,
        )


def reasons_path(rejects_path: Path) -> Path:
    """Where the reasons of a rejects file go: `feed.rejects.csv` → `feed.rejects.reasons.jsonl`."""
    return rejects_path.with_name(rejects_path.name.removesuffix(rejects_path.suffix) + ".reasons.jsonl")


def default_rejects_path(data_dir: Path, feed: FeedReader | Path, fmt: str | None = None) -> Path:
    """`DATA_DIR/rejects/NAME.rejects.EXT`, in the feed's own format (of a reader, or of a path in format `fmt`)."""
    reader = feed if isinstance(feed, FeedReader) else open_feed(feed, fmt)
    name = reader.path.name.removesuffix(".gz")
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return Path(data_dir) / "rejects" / f"{stem}.rejects{reader.rejects_suffix}"


class RejectsWriter:
    """The rejected rows as they stood in the feed (same format, header included) and their reasons beside."""

    def __init__(self, path: Path, reader: FeedReader) -> None:
        self.path, self.reasons = path, reasons_path(path)
        self.reader = reader
        self._rows: TextIO | None = None
        self._reasons: TextIO | None = None

    def write(self, reject: Reject) -> None:
        if self._rows is None or self._reasons is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # In the feed's encoding (a BOM if it had one, so that Excel shows its Chinese; GB18030 if it was), and
            # bytes that were not text in it written back as they were; their reasons escape them.
            encoding = rejects_encoding(self.reader.encoding)
            self._rows = self.path.open("w", encoding=encoding, errors="surrogateescape", newline="")
            self._rows.write(self.reader.rejects_header())
            self._reasons = self.reasons.open("w", encoding="utf-8", errors="backslashreplace")
        if reject.text:
            self._rows.write(reject.text + "\n")
        self._reasons.write(reject.to_json() + "\n")

    def close(self) -> None:
        if self._rows is None or self._reasons is None:
            self.path.unlink(missing_ok=True)  # no stale rejects from an earlier run
            self.reasons.unlink(missing_ok=True)
            return
        self._rows.write(self.reader.rejects_footer())
        self._rows.close()
        self._reasons.close()


@dataclass
class IndexReport:
    read: int = 0
    indexed: int = 0
    unchanged: int = 0
    rejected: int = 0
    deleted: int = 0
    seconds: float = 0.0
    complete: bool = True  # the feed was read to its end
    rejects_file: Path | None = None
    rejects: list[Reject] = field(default_factory=list)
    warnings: list[Reject] = field(default_factory=list)  # rows indexed despite them: where, and why
    skipped: Counter[str] = field(default_factory=Counter)  # products not for sale, by reason ("draft": 2)
    notes: list[str] = field(default_factory=list)

    @property
    def valid(self) -> int:
        return self.indexed + self.unchanged

    def summary(self) -> str:
        skipped = f"skipped {self.skipped.total()}"
        if self.skipped:
            skipped += " (" + ", ".join(f"{n} {why}" for why, n in sorted(self.skipped.items())) + ")"
        return (
            f"read {self.read}, indexed {self.indexed}, unchanged {self.unchanged}, "
            f"rejected {self.rejected}, {skipped}, deleted {self.deleted} in {self.seconds:.2f} s"
        )


class Progress:
    """Callbacks for a progress display; the default shows nothing."""

    def rows(self, n: int) -> None: ...

    def embedded(self, n: int) -> None: ...


class _EmbeddingAhead:
    """One batch embedded ahead in a worker thread (`CatalogWriter.embed_ahead`) while the main thread writes the
    batch before it and reads the next: the model's runtime releases the interpreter while it runs, so the two
    overlap."""

    def __init__(self, writer: CatalogWriter) -> None:
        self.writer = writer
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="embed-ahead")
        self._running: Future[list[Product] | None] | None = None

    def start(self, products: list[Product]) -> None:
        if products:
            self._running = self._pool.submit(self.writer.embed_ahead, products)

    def wait(self) -> list[Product] | None:
        """Once the batch started last is embedded: its products that changed (None: `write` looks them up)."""
        running, self._running = self._running, None
        if running is None:
            return None
        try:
            return running.result()
        except Exception as exc:  # only a head start: `write` embeds what is missing and reports what fails
            log.debug("embedding ahead failed (%s: %s); the batch is embedded when written", type(exc).__name__, exc)
            return None

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class IndexPipeline:
    def __init__(
        self,
        writer: CatalogWriter,
        batch_size: int = 512,
        seller: str | None = None,
        default_seller: str = DEFAULT_SELLER,
    ) -> None:
        self.writer = writer
        self.batch_size = batch_size
        self.seller = seller  # every row is this seller's (`--seller`), or None: rows name theirs
        self.default_seller = default_seller  # the seller of a row that names none, without `seller`

    @property
    def backend(self) -> SearchBackend:
        return self.writer.backend

    def run(
        self,
        feed: FeedReader | Path,
        fmt: str | None = None,
        rejects_path: Path | None = None,
        progress: Progress | None = None,
        on_reject: Callable[[Reject], None] | None = None,
        delete_missing: bool = False,
        options: FeedOptions | None = None,
        on_warning: Callable[[Reject], None] | None = None,
        before_first_write: Callable[[list[str]], None] | None = None,
    ) -> IndexReport:
        """Index a feed (a reader, or a path opened here in format `fmt`). `before_first_write` is given the ids of
        the first batch before it is written (a check of what the index holds); `on_reject` and `on_warning` each
        row reported, as it is read."""
        progress = progress or Progress()
        reader = feed if isinstance(feed, FeedReader) else open_feed(feed, fmt, options)
        report = IndexReport(rejects_file=rejects_path)
        started = time.perf_counter()
        writer = RejectsWriter(rejects_path, reader) if rejects_path is not None else None
        # every product (key) of the feed, valid or not, and where it was first seen
        validator = Validator(
            f"duplicate id, first seen on {reader.location} {{first}}", self.seller, self.default_seller
        )
        not_for_sale: set[str] = set()
        valid_sellers: set[str] = set()  # the sellers of the feed's valid rows: whose catalogs it is
        batch: list[tuple[Product, FeedRow]] = []
        pending: list[tuple[Product, FeedRow]] = []  # the batch read before: embedded ahead, written next
        ahead = _EmbeddingAhead(self.writer)
        first_write = before_first_write

        def reject(item: Reject) -> None:
            report.rejected += 1
            report.rejects.append(item)
            if writer is not None:
                writer.write(item)
            if on_reject:
                on_reject(item)

        def write(batch: list[tuple[Product, FeedRow]], changed: list[Product] | None = None) -> None:
            nonlocal first_write
            if first_write is not None and batch:
                first_write([product.key for product, _ in batch])
                first_write = None
            self._write(batch, report, progress, reader, reject, changed)

        def advance(batch: list[tuple[Product, FeedRow]]) -> None:
            """Start embedding `batch` (once the one before it is embedded), and write the one before it."""
            nonlocal pending
            changed = ahead.wait()  # of `pending`, the batch started before
            ahead.start([product for product, _ in batch])
            previous, pending = pending, batch
            if previous:
                write(previous, changed)

        try:
            for row in reader.read():
                report.read += 1
                progress.rows(1)
                report.complete = report.complete and not row.fatal
                if row.skip is not None:
                    report.skipped[row.skip] += 1
                    if row.raw and row.raw.get("id"):
                        not_for_sale.add(product_key(validator.seller_of(row.raw), str(row.raw["id"])))
                    continue
                product = self._validate(row, reader, validator, reject)
                if product is None:
                    continue
                if row.warnings:
                    warning = Reject(reader.path.name, row.line, product.id, row.warnings, row.text, reader.location)
                    report.warnings.append(warning)
                    if on_warning:
                        on_warning(warning)
                valid_sellers.add(product.seller)
                batch.append((product, row))
                if len(batch) >= self.batch_size:
                    advance(batch)
                    batch = []
            advance(batch)
            write(pending, ahead.wait())
            self._remove_not_for_sale(not_for_sale - validator.first_seen.keys(), report)
        except WRITE_ERRORS as exc:
            report.seconds = time.perf_counter() - started
            if writer is not None:
                with contextlib.suppress(OSError):  # a full disk fails this too: the first error is the one to tell
                    writer.close()
                writer = None
            raise IndexingFailed(str(exc) or type(exc).__name__, report) from exc
        finally:
            ahead.close()
            if writer is not None:
                writer.close()
        report.notes[:0] = reader.notes
        if delete_missing:
            sellers = {self.seller} if self.seller is not None else valid_sellers
            self._delete_missing(validator.first_seen.keys(), report, sellers)
        report.seconds = time.perf_counter() - started
        return report

    def _remove_not_for_sale(self, keys: set[str], report: IndexReport) -> None:
        """Products the feed lists as not for sale that an earlier run indexed: no longer to be found."""
        listed, indexed = sorted(keys), []
        for start in range(0, len(listed), DELETE_CHUNK):
            indexed += self.backend.content_hashes(listed[start : start + DELETE_CHUNK])
        for start in range(0, len(indexed), DELETE_CHUNK):
            report.deleted += self.writer.delete(indexed[start : start + DELETE_CHUNK])
        if indexed:
            report.notes.append(
                f"{len(indexed)} products the feed lists as not for sale (draft, archived, unpublished, gift card) "
                "were in the index and were removed"
            )

    @staticmethod
    def _validate(
        row: FeedRow, reader: FeedReader, validator: Validator, reject: Callable[[Reject], None]
    ) -> Product | None:
        file, location = reader.path.name, reader.location
        if row.raw is None:
            reject(Reject(file, row.line, None, [("row", row.error or "unreadable")], row.text, location))
            return None
        try:
            return validator.check(row.raw, row.line)
        except InvalidProduct as exc:
            errors = [(row.columns.get(f, f), reason) for f, reason in exc.errors]
            reject(Reject(file, row.line, exc.product_id, errors, row.text, location))
            return None

    def _write(
        self,
        batch: Sequence[tuple[Product, FeedRow]],
        report: IndexReport,
        progress: Progress,
        reader: FeedReader,
        reject: Callable[[Reject], None],
        changed: list[Product] | None = None,
    ) -> None:
        written = self.writer.write([product for product, _ in batch], progress.embedded, changed)
        report.indexed += written.indexed
        report.unchanged += written.unchanged
        row_of = {product.key: (product, row) for product, row in batch}
        for key, reason in written.refused.items():  # the backend refused it: a reject, with why
            product, row = row_of[key]
            reject(Reject(reader.path.name, row.line, product.id, [("index", reason)], row.text, reader.location))

    def _delete_missing(self, listed: Iterable[str], report: IndexReport, sellers: set[str]) -> None:
        """Remove the products of `sellers` that the feed does not list (`listed`: its product keys)."""
        if not report.complete:
            report.notes.append("--delete-missing skipped: the feed could not be read to its end")
            return
        if report.valid == 0:
            report.notes.append("--delete-missing skipped: the feed listed no valid product")
            return
        keep = set(listed)
        missing = [key for seller in sorted(sellers) for key in self.backend.iter_keys(seller) if key not in keep]
        for start in range(0, len(missing), DELETE_CHUNK):
            report.deleted += self.writer.delete(missing[start : start + DELETE_CHUNK])
