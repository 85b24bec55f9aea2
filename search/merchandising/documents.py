"""`DocumentStore`: a small collection of JSON documents by id (synonyms, rules) kept in one file of the data directory.

Every write replaces the file atomically (a temporary file, fsync, rename, fsync of the directory) under an exclusive
lock of a side file, so that a server and `haitao synonyms import` writing at once never lose each other's changes,
and a reader never sees half a file. Readers reload when the file changed (its modification time, size and inode),
so a change made by any process applies to the next search of every server on the data directory without a restart.
"""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class DocumentStore(Generic[T]):
    """Documents parsed by `parse(id, raw)` (which raises ValueError for a bad one) and written back by `dump`."""

    def __init__(
        self, path: Path, parse: Callable[[str, dict[str, Any]], T], dump: Callable[[T], dict[str, Any]]
    ) -> None:
        self.path = Path(path)
        self._parse = parse
        self._dump = dump
        self._lock = threading.Lock()
        self._stamp: tuple[int, int, int] | None = None
        self._items: dict[str, T] = {}
        self.version = 0  # changes whenever the documents read change (a result cache key part)

    def items(self) -> dict[str, T]:
        """Every document by id, as the file holds them now."""
        stamp = self._file_stamp()
        if stamp != self._stamp:
            with self._lock:
                if stamp != self._stamp:
                    self._items = self._read()
                    self._stamp = stamp
                    self.version += 1
        return self._items

    def get(self, doc_id: str) -> T | None:
        return self.items().get(doc_id)

    def put(self, doc_id: str, item: T) -> bool:
        """Add or replace one document; whether it replaced one."""
        with self._writing() as docs:
            existed = doc_id in docs
            docs[doc_id] = self._dump(item)
        return existed

    def put_many(self, items: dict[str, T], replace_all: bool = False) -> None:
        with self._writing() as docs:
            if replace_all:
                docs.clear()
            for doc_id, item in items.items():
                docs[doc_id] = self._dump(item)

    def delete(self, doc_id: str) -> bool:
        with self._writing() as docs:
            return docs.pop(doc_id, None) is not None

    # -- the file -----------------------------------------------------------------------------------------------

    def _file_stamp(self) -> tuple[int, int, int] | None:
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def _raw(self) -> dict[str, dict[str, Any]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        if not isinstance(data, dict):
            raise ValueError(f"{self.path.name}: not a JSON object of documents by id")
        return data

    def _read(self) -> dict[str, T]:
        items: dict[str, T] = {}
        for doc_id, raw in self._raw().items():
            items[doc_id] = self._parse(doc_id, raw)  # written by us after validation: a failure here is damage
        return items

    @contextmanager
    def _writing(self) -> Iterator[dict[str, dict[str, Any]]]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path.with_name(self.path.name + ".lock"), "a+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            docs = self._raw()
            yield docs
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=self.path.name, suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as out:
                    json.dump(docs, out, ensure_ascii=False, indent=1, sort_keys=True)
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
            directory = os.open(self.path.parent, os.O_RDONLY)
            try:
                os.fsync(directory)
            finally:
                os.close(directory)
