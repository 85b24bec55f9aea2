"""`CatalogWriter`: the one write path. `haitao index` (through `indexer.pipeline`), `haitao delete`, the admin
routes, the tests and the benchmarks all write the catalog through it:

    validate → de-duplicate → content hash (skip the unchanged) → embed through the embedding cache →
    upsert (committed by the backend) → invalidate caches

and, for a full rebuild, the policy: the new index replaces the live one only when the run completed and accepted
at least one product; otherwise it is abandoned and the live index stays as it was.

    with CatalogWriter.open(settings, encoder, rebuild=True) as writer:
        writer.write(products)

The writer depends on the encoder only through `name`, `dim` and `encode(texts, batch_size=, on_batch=)`; one
made without an encoder (`haitao delete`, which loads no model) can only delete.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from search.analysis.segment import Segmenter
from search.backends.base import DocumentWriteError, SearchBackend
from search.catalog import InvalidProduct, Product
from search.config import Settings
from search.documents import Encoder, build_documents, document_hash
from search.embedding_cache import EmbeddingCache
from search.taxonomy import taxonomy_version


class WriterUnavailable(RuntimeError):
    """The writer could not be opened (the embedding cache cannot be created, e.g. a full disk); nothing was
    written."""


@dataclass
class Written:
    indexed: int = 0
    unchanged: int = 0
    refused: dict[str, str] = field(default_factory=dict)  # id → why the backend refused to store it


class Validator:
    """Validates the records of one run or one request and refuses repeated ids.

    `duplicate` words the reason for a repeat, from the position where the id was first seen
    (`"duplicate id, first seen on line {first}"`). An id is remembered even from an invalid record: a bad row is
    no reason to delete its product, and a repeat of it is still a repeat."""

    def __init__(self, duplicate: str = "duplicate id, first seen at {first}") -> None:
        self.duplicate = duplicate
        self.first_seen: dict[str, Any] = {}

    def check(self, raw: Any, at: Any) -> Product:
        """The product of one raw record, or `InvalidProduct` naming each bad field (`item` when it is no
        object, `id` for a repeat)."""
        if not isinstance(raw, dict):
            raise InvalidProduct([("item", f"expected a JSON object, got {type(raw).__name__}")])
        try:
            product = Product.from_raw(raw)
        except InvalidProduct as exc:
            if exc.product_id:
                self.first_seen.setdefault(exc.product_id, at)
            raise
        first = self.first_seen.get(product.id)
        if first is not None:
            raise InvalidProduct([("id", self.duplicate.format(first=first))], product.id)
        self.first_seen[product.id] = at
        return product


class CatalogWriter:
    def __init__(
        self,
        backend: SearchBackend,
        encoder: Encoder | None,
        segmenter: Segmenter | None,
        embed_batch_size: int = 32,
        cache: EmbeddingCache | None = None,
        on_change: Callable[[], None] | None = None,
        owns_backend: bool = False,
    ) -> None:
        self.backend = backend
        self.encoder = encoder
        self.segmenter = segmenter
        self.embed_batch_size = embed_batch_size
        self.cache = cache
        self.on_change = on_change
        self.accepted = 0  # products indexed or found unchanged since opened: a rebuild with none is abandoned
        self._owns_backend = owns_backend
        self._rebuild = False

    @classmethod
    def open(
        cls,
        settings: Settings,
        encoder: Encoder,
        segmenter: Segmenter | None = None,
        rebuild: bool = False,
        cache_dir: Path | None = None,
    ) -> CatalogWriter:
        """A writer on the configured backend (created when missing; a new index beside the live one with
        `rebuild`), holding the index's write lock, with the embedding cache of the data directory (or of
        `cache_dir`). Use it as a context manager: leaving it finishes the run (see `finish`)."""
        from search.analysis.query import default_analysis
        from search.backends.factory import open_backend

        backend = open_backend(settings, encoder.name, encoder.dim, create=True, rebuild=rebuild)
        try:
            backend.reserve_writer()  # the single-writer check, before anything is read or embedded
            cache = None
            if settings.embedding_cache:
                try:
                    cache = EmbeddingCache(cache_dir or settings.data_dir, encoder.name, encoder.dim)
                except (OSError, sqlite3.Error) as exc:  # a full disk: sqlite cannot even write its journal
                    raise WriterUnavailable(
                        f"cannot open the embedding cache in {settings.data_dir}: {exc}; the index was not touched"
                    ) from exc
        except BaseException:
            if rebuild:
                backend.abandon_rebuild()
            backend.close()
            raise
        writer = cls(
            backend,
            encoder,
            segmenter or default_analysis().segmenter,
            settings.embed_batch_size,
            cache,
            owns_backend=True,
        )
        writer._rebuild = rebuild
        return writer

    # -- writing ------------------------------------------------------------------------------------------------

    def write(self, products: Sequence[Product], on_embedded: Callable[[int], None] | None = None) -> Written:
        """Upsert valid, distinct products in one committed write, skipping those whose stored content hash is
        unchanged; products the backend refuses are reported in `refused` (the others are stored)."""
        if not products:
            return Written()
        if self.encoder is None or self.segmenter is None:
            raise RuntimeError("this writer was opened without a model: it can only delete")
        stored = self.backend.content_hashes([p.id for p in products])
        model, version, taxonomy = self.encoder.name, self.segmenter.version, taxonomy_version()
        changed = [p for p in products if stored.get(p.id) != document_hash(p, model, version, taxonomy)]
        written = Written(unchanged=len(products) - len(changed))
        if changed:
            documents = build_documents(
                changed, self.encoder, self.segmenter, self.embed_batch_size, on_embedded, self.cache
            )
            try:
                self.backend.upsert(documents)
                written.indexed = len(changed)
            except DocumentWriteError as exc:  # some documents were refused; the others are stored
                written.indexed, written.refused = len(changed) - len(exc.failures), dict(exc.failures)
            finally:
                self._changed()
        self.accepted += written.indexed + written.unchanged
        return written

    def delete(self, ids: Sequence[str]) -> int:
        """Remove products by id; how many existed."""
        deleted = self.backend.delete(list(ids))
        if deleted:
            self._changed()
        return deleted

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()

    # -- finishing ----------------------------------------------------------------------------------------------

    def finish(self, complete: bool) -> None:
        """End the run: a rebuild that completed and accepted products replaces the live index, any other is
        dropped; a completed run prepares searching (the vector graph of a large index); then the backend (when
        this writer opened it) and the cache are closed."""
        try:
            if self._rebuild:
                if complete and self.accepted:
                    self.backend.commit_rebuild()  # the complete new index replaces the old one, atomically
                else:
                    self.backend.abandon_rebuild()  # the old index stays as it was
            if complete and self.accepted and self._owns_backend:
                self.backend.prepare_search()  # so that a server starts with it ready
        finally:
            if self._owns_backend:
                self.backend.close()
            if self.cache is not None:
                self.cache.close()

    def __enter__(self) -> CatalogWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.finish(complete=kind is None)
