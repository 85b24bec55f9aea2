"""`CatalogWriter`: the one write path. `haitao index` (through `indexer.pipeline`), `haitao delete`, the admin
routes, the tests and the benchmarks all write the catalog through it:

    validate (the seller of each record) → de-duplicate → content hash (skip the unchanged) → embed through the
    embedding cache → record new sellers → upsert (committed by the backend) → invalidate caches

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
from search.catalog import DEFAULT_SELLER, InvalidProduct, Product, echo, product_key
from search.config import Settings
from search.documents import Encoder, build_documents, document_hash, embed, embedding_text
from search.embedding_cache import EmbeddingCache
from search.sellers import Seller, new_seller
from search.taxonomy import taxonomy_version


class WriterUnavailable(RuntimeError):
    """The writer could not be opened (the embedding cache cannot be created, e.g. a full disk); nothing was
    written."""


@dataclass
class Written:
    indexed: int = 0
    unchanged: int = 0
    refused: dict[str, str] = field(default_factory=dict)  # product key → why the backend refused to store it


class Validator:
    """Validates the records of one run or one request and refuses repeated identities (`(seller, id)`).

    With `seller` (`haitao index --seller S`, the admin routes of one seller) every record is that seller's: one
    that names no seller gets it, one that names another is refused. Without it, a record names its seller or is
    `default_seller`'s. `duplicate` words the reason for a repeat, from the position where the product was first
    seen (`"duplicate id, first seen on line {first}"`). A product is remembered even from an invalid record: a bad
    row is no reason to delete its product, and a repeat of it is still a repeat. `first_seen` is keyed by product
    key (`SELLER/ID`)."""

    def __init__(
        self,
        duplicate: str = "duplicate id, first seen at {first}",
        seller: str | None = None,
        default_seller: str = DEFAULT_SELLER,
    ) -> None:
        self.duplicate = duplicate
        self.seller = seller
        self.default_seller = default_seller
        self.first_seen: dict[str, Any] = {}

    def seller_of(self, raw: dict[str, Any]) -> str:
        """The seller a raw record names (as written), else the run's."""
        for name, value in raw.items():
            if str(name).strip().lower() == "seller" and isinstance(value, str) and value.strip():
                return value.strip()
        return self.seller or self.default_seller

    def check(self, raw: Any, at: Any) -> Product:
        """The product of one raw record, or `InvalidProduct` naming each bad field (`item` when it is no
        object, `seller` for another seller's record, `id` for a repeat)."""
        if not isinstance(raw, dict):
            raise InvalidProduct([("item", f"expected a JSON object, got {type(raw).__name__}")])
        try:
            product = Product.from_raw(raw, seller=self.seller or self.default_seller)
        except InvalidProduct as exc:
            if exc.product_id:
                self.first_seen.setdefault(product_key(self.seller_of(raw), exc.product_id), at)
            raise
        if self.seller is not None and product.seller != self.seller:
            reason = f"{echo(product.seller)} is another seller: these records are {self.seller!r}'s"
            raise InvalidProduct([("seller", reason)], product.id)
        first = self.first_seen.get(product.key)
        if first is not None:
            raise InvalidProduct([("id", self.duplicate.format(first=first))], product.id)
        self.first_seen[product.key] = at
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
        self._sellers: set[str] | None = None  # the sellers with a record (read at the first write)
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

    def write(
        self,
        products: Sequence[Product],
        on_embedded: Callable[[int], None] | None = None,
        changed: Sequence[Product] | None = None,
    ) -> Written:
        """Upsert valid, distinct products in one committed write, skipping those whose stored content hash is
        unchanged (`changed`: those of `products` that are not, as `embed_ahead` found them, when no write of
        theirs came between; else they are looked up here); products the backend refuses are reported in `refused`
        (the others are stored)."""
        if not products:
            return Written()
        if self.encoder is None or self.segmenter is None:
            raise RuntimeError("this writer was opened without a model: it can only delete")
        changed = self._changed_of(products) if changed is None else changed
        written = Written(unchanged=len(products) - len(changed))
        if changed:
            documents = build_documents(
                changed, self.encoder, self.segmenter, self.embed_batch_size, on_embedded, self.cache
            )
            self.ensure_sellers({p.seller for p in changed})
            try:
                self.backend.upsert(documents)
                written.indexed = len(changed)
            except DocumentWriteError as exc:  # some documents were refused; the others are stored
                written.indexed, written.refused = len(changed) - len(exc.failures), dict(exc.failures)
            finally:
                self._changed()
        self.accepted += written.indexed + written.unchanged
        return written

    def embed_ahead(self, products: Sequence[Product]) -> list[Product] | None:
        """Compute the vectors of those of these products that `write` would embed, into the embedding cache, where
        `write` finds them; return those products (`write`'s `changed`). The indexer embeds its next batch here, in
        a thread of its own, while the current one is segmented, assigned and written (the model's runtime leaves
        the interpreter free while it runs). Only ever a head start: without an embedding cache this does nothing
        (None), and whatever fails here `write` does again."""
        if not products or self.cache is None or self.encoder is None:
            return None
        changed = self._changed_of(products)
        embed([embedding_text(p) for p in changed], self.encoder, self.embed_batch_size, self.cache)
        return changed

    def _changed_of(self, products: Sequence[Product]) -> list[Product]:
        """The products whose stored content hash differs from theirs (new ones included)."""
        assert self.encoder is not None and self.segmenter is not None
        stored = self.backend.content_hashes([p.key for p in products])
        model, version, taxonomy = self.encoder.name, self.segmenter.version, taxonomy_version()
        return [p for p in products if stored.get(p.key) != document_hash(p, model, version, taxonomy)]

    def delete(self, keys: Sequence[str]) -> int:
        """Remove products by key (`SELLER/ID`); how many existed."""
        deleted = self.backend.delete(list(keys))
        if deleted:
            self._changed()
        return deleted

    # -- sellers ------------------------------------------------------------------------------------------------

    def ensure_sellers(self, sellers: set[str]) -> None:
        """Give each of these sellers that has no record one, named by its id (a first import needs no setup)."""
        if self._sellers is None:
            self._sellers = set(self.backend.sellers())
        new = sorted(sellers - self._sellers)
        if new:
            self.backend.put_sellers([new_seller(seller) for seller in new])
            self._sellers.update(new)
            self._changed()

    def put_sellers(self, sellers: Sequence[Seller]) -> None:
        """Add or replace seller records (a name, a state); their products are not touched."""
        self.backend.put_sellers(list(sellers))
        if self._sellers is not None:
            self._sellers.update(seller.id for seller in sellers)
        self._changed()

    def remove_seller(self, seller: str, chunk: int = 1000) -> tuple[int, bool]:
        """Remove a seller's products, then its record: (products removed, whether there was a record)."""
        keys = list(self.backend.iter_keys(seller))
        removed = sum(self.delete(keys[start : start + chunk]) for start in range(0, len(keys), chunk))
        existed = self.backend.delete_seller(seller)
        if self._sellers is not None:
            self._sellers.discard(seller)
        if existed:
            self._changed()
        return removed, existed

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
