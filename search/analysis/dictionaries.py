"""jieba's dictionary (with the glossary's words added) and the cleaned CC-CEDICT in one SQLite file, read word by
word: for a process that answers a search or two (`haitao search`), which looks up a few dozen words where loading
both dictionaries whole takes most of a second.

The file is written from the dictionaries as loaded (`jieba.Tokenizer.FREQ` after the glossary's words were added,
`CcCedict`'s tables), so every lookup answers exactly what the loaded dictionary answers, and iteration keeps their
order. It is keyed by `resources_version` (this package's code and data, CC-CEDICT, jieba) and kept beside the
other analysis caches; one that cannot be read is made again, one that cannot be written is passed by.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from search import file_cache
from search.analysis.cedict import CcCedict

TABLES = ("frequencies", "senses", "readings", "common")


class StoredMapping(Mapping[str, Any]):
    """A read-only mapping over one table of the file: `word → value` (values as marshal wrote them)."""

    def __init__(self, db: sqlite3.Connection, lock: threading.Lock, table: str) -> None:
        self._db, self._lock, self._table = db, lock, table

    def __getitem__(self, key: str) -> Any:
        with self._lock:
            row = self._db.execute(f"SELECT v FROM {self._table} WHERE k = ?", (key,)).fetchone()
        if row is None:
            raise KeyError(key)
        return marshal.loads(row[0])

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return self._db.execute(f"SELECT 1 FROM {self._table} WHERE k = ?", (key,)).fetchone() is not None

    def __iter__(self) -> Iterator[str]:
        with self._lock:
            keys = [k for (k,) in self._db.execute(f"SELECT k FROM {self._table} ORDER BY rowid")]
        return iter(keys)

    def __len__(self) -> int:
        with self._lock:
            return self._db.execute(f"SELECT count(*) FROM {self._table}").fetchone()[0]


class StoredDictionaries:
    """The file, open: `frequencies` (jieba's FREQ, prefixes included) and `total`, and the CC-CEDICT it holds."""

    def __init__(self, path: Path) -> None:
        db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        lock = threading.Lock()  # one connection, shared by the threads of the process
        tables = {name: StoredMapping(db, lock, name) for name in TABLES}
        meta = dict(db.execute("SELECT k, v FROM meta"))
        self.total = int(meta["total"])
        self.frequencies = tables["frequencies"]
        self.cedict = CcCedict(tables["senses"], tables["readings"], tables["common"], longest=int(meta["longest"]))

    @staticmethod
    def write(path: Path, frequencies: Mapping[str, int], total: int, cedict: CcCedict) -> None:
        """Write the file (replacing any) from the loaded dictionaries."""
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        staging = path.with_name(f".{path.name}.{os.getpid()}")
        staging.unlink(missing_ok=True)
        try:
            with contextlib.closing(sqlite3.connect(staging)) as db:
                senses, readings, common = cedict.tables()
                for name, table in zip(TABLES, (frequencies, senses, readings, common), strict=True):
                    db.execute(f"CREATE TABLE {name} (k TEXT NOT NULL UNIQUE, v BLOB NOT NULL)")
                    db.executemany(
                        f"INSERT INTO {name} VALUES (?, ?)", ((k, marshal.dumps(v)) for k, v in table.items())
                    )
                db.execute("CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT)")
                db.executemany(
                    "INSERT INTO meta VALUES (?, ?)", [("total", str(total)), ("longest", str(cedict.longest))]
                )
                db.commit()
            os.replace(staging, path)
        finally:
            staging.unlink(missing_ok=True)
        file_cache.prune_siblings(path)


def prepared_dictionaries(
    path: Path, load: Callable[[], tuple[Mapping[str, int], int, CcCedict]]
) -> StoredDictionaries | None:
    """The file at `path`, open; written first from `load()` (jieba's frequencies, their total, CC-CEDICT) when it is
    missing or unreadable. None when it can be neither read nor written: the caller loads the dictionaries whole."""
    for attempt in range(2):
        with contextlib.suppress(sqlite3.Error, KeyError, ValueError):
            if path.is_file():
                stored = StoredDictionaries(path)
                file_cache.mark_used(path)
                return stored
        if attempt:
            break
        try:
            StoredDictionaries.write(path, *load())
        except (OSError, sqlite3.Error):
            return None
    return None
