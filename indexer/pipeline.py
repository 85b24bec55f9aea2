"""The indexing run: read a feed, validate each row, skip unchanged products, embed and write in batches.

A bad row never costs a good one: it is reported (file, line, id, field, reason), written to the rejects
file, and the run goes on. Each batch is committed before the next is read, so an interrupted run keeps every
batch committed so far and a rerun skips them as unchanged.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from indexer.feeds import FeedRow, read_feed
from search.analysis.segment import Segmenter
from search.backends.base import DocumentWriteError, SearchBackend
from search.catalog import InvalidProduct, Product
from search.documents import build_documents, document_hash
from search.embedding import Embedder


@dataclass
class Reject:
    file: str
    line: int
    product_id: str | None
    errors: list[tuple[str, str]]
    text: str

    def describe(self) -> str:
        where = f"{self.file}:{self.line}"
        who = f" (id {self.product_id!r})" if self.product_id else ""
        reasons = "; ".join(f"{f}: {r}" if f != "row" else r for f, r in self.errors)
        return f"{where}{who}: {reasons}"

    def to_json(self) -> str:
        return json.dumps(
            {
                "file": self.file,
                "line": self.line,
                "id": self.product_id,
                "errors": [{"field": f, "reason": r} for f, r in self.errors],
                "row": self.text,
            },
            ensure_ascii=False,
        )


@dataclass
class IndexReport:
    read: int = 0
    indexed: int = 0
    unchanged: int = 0
    rejected: int = 0
    seconds: float = 0.0
    rejects_file: Path | None = None
    rejects: list[Reject] = field(default_factory=list)

    @property
    def valid(self) -> int:
        return self.indexed + self.unchanged

    def summary(self) -> str:
        return (
            f"read {self.read}, indexed {self.indexed}, unchanged {self.unchanged}, "
            f"rejected {self.rejected} in {self.seconds:.1f} s"
        )


class Progress:
    """Callbacks for a progress display; the default shows nothing."""

    def rows(self, n: int) -> None: ...

    def embedded(self, n: int) -> None: ...


class IndexPipeline:
    def __init__(
        self,
        backend: SearchBackend,
        embedder: Embedder,
        segmenter: Segmenter,
        batch_size: int = 512,
        embed_batch_size: int = 64,
    ) -> None:
        self.backend = backend
        self.embedder = embedder
        self.segmenter = segmenter
        self.batch_size = batch_size
        self.embed_batch_size = embed_batch_size

    def run(
        self,
        path: Path,
        fmt: str | None = None,
        rejects_path: Path | None = None,
        progress: Progress | None = None,
        on_reject: Callable[[Reject], None] | None = None,
    ) -> IndexReport:
        progress = progress or Progress()
        report = IndexReport(rejects_file=rejects_path)
        started = time.perf_counter()
        rejects_out: TextIO | None = None
        first_line: dict[str, int] = {}
        batch: list[tuple[Product, FeedRow]] = []

        def reject(item: Reject) -> None:
            nonlocal rejects_out
            report.rejected += 1
            report.rejects.append(item)
            if rejects_path is not None:
                if rejects_out is None:
                    rejects_path.parent.mkdir(parents=True, exist_ok=True)
                    rejects_out = rejects_path.open("w", encoding="utf-8")
                rejects_out.write(item.to_json() + "\n")
            if on_reject:
                on_reject(item)

        try:
            for row in read_feed(path, fmt):
                report.read += 1
                progress.rows(1)
                product = self._validate(row, path.name, first_line, reject)
                if product is None:
                    continue
                batch.append((product, row))
                if len(batch) >= self.batch_size:
                    self._write(batch, report, progress, path.name, reject)
                    batch = []
            self._write(batch, report, progress, path.name, reject)
        finally:
            if rejects_out is not None:
                rejects_out.close()
            elif rejects_path is not None:
                rejects_path.unlink(missing_ok=True)  # no stale rejects from an earlier run
        report.seconds = time.perf_counter() - started
        return report

    @staticmethod
    def _validate(
        row: FeedRow, file: str, first_line: dict[str, int], reject: Callable[[Reject], None]
    ) -> Product | None:
        if row.raw is None:
            reject(Reject(file, row.line, None, [("row", row.error or "unreadable")], row.text))
            return None
        try:
            product = Product.from_raw(row.raw)
        except InvalidProduct as exc:
            reject(Reject(file, row.line, exc.product_id, exc.errors, row.text))
            return None
        seen = first_line.get(product.id)
        if seen is not None:
            reject(Reject(file, row.line, product.id, [("id", f"duplicate id, first seen on line {seen}")], row.text))
            return None
        first_line[product.id] = row.line
        return product

    def _write(
        self,
        batch: Sequence[tuple[Product, FeedRow]],
        report: IndexReport,
        progress: Progress,
        file: str,
        reject: Callable[[Reject], None],
    ) -> None:
        if not batch:
            return
        products = [product for product, _ in batch]
        stored = self.backend.content_hashes([p.id for p in products])
        version = self.segmenter.version
        changed = [p for p in products if stored.get(p.id) != document_hash(p, self.embedder.name, version)]
        report.unchanged += len(products) - len(changed)
        if not changed:
            return
        documents = build_documents(
            changed, self.embedder, self.segmenter, self.embed_batch_size, on_batch=progress.embedded
        )
        try:
            self.backend.upsert(documents)
        except DocumentWriteError as exc:  # the backend refused some documents: they become rejects, with why
            row_of = {product.id: row for product, row in batch}
            for product_id, reason in exc.failures.items():
                row = row_of[product_id]
                reject(Reject(file, row.line, product_id, [("index", reason)], row.text))
            report.indexed += len(changed) - len(exc.failures)
            return
        report.indexed += len(changed)
