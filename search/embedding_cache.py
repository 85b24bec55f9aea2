"""Vectors already computed, keyed by the model and the exact text that was embedded: a SQLite file in the data
directory (`embeddings.sqlite`). A product whose record changed but whose embedded text did not (a new price, a
new stock level) is re-indexed without running the model, and so is every product of a `--rebuild` with the same
model. The file only grows; delete it to reclaim the space (it is a cache: nothing is lost).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)
FILE_NAME = "embeddings.sqlite"
_QUERY_CHUNK = 500  # below SQLite's limit on host parameters


class EmbeddingCache:
    def __init__(self, data_dir: Path, model: str, dim: int) -> None:
        Path(data_dir).mkdir(parents=True, exist_ok=True)
        self.path = Path(data_dir) / FILE_NAME
        self.model, self.dim = model, dim
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, vector BLOB NOT NULL)")
        self._db.commit()

    def _key(self, text: str) -> bytes:
        return hashlib.sha256(f"{self.model}\0{text}".encode()).digest()[:20]

    def get_many(self, texts: Sequence[str]) -> dict[int, np.ndarray]:
        """The cached vector of each text that has one, by its position in `texts`."""
        positions: dict[bytes, list[int]] = {}
        for i, text in enumerate(texts):
            positions.setdefault(self._key(text), []).append(i)
        keys = list(positions)
        found: dict[int, np.ndarray] = {}
        with self._lock:
            for start in range(0, len(keys), _QUERY_CHUNK):
                chunk = keys[start : start + _QUERY_CHUNK]
                marks = ",".join("?" * len(chunk))
                for key, blob in self._db.execute(f"SELECT key, vector FROM vectors WHERE key IN ({marks})", chunk):
                    if len(blob) != self.dim * 4:
                        continue  # written by a model of another size under the same name: recompute
                    vector = np.frombuffer(blob, dtype="<f4")
                    for i in positions[key]:
                        found[i] = vector
        return found

    def put_many(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Keep these vectors, if the disk takes them: a cache that cannot be written (a full disk) is only a
        cache that misses, never a failed write of the products themselves."""
        rows = [(self._key(t), np.asarray(v, dtype="<f4").tobytes()) for t, v in zip(texts, vectors, strict=True)]
        with self._lock:
            try:
                self._db.executemany("INSERT OR REPLACE INTO vectors (key, vector) VALUES (?, ?)", rows)
                self._db.commit()
            except sqlite3.Error as exc:
                with contextlib.suppress(sqlite3.Error):
                    self._db.rollback()
                log.warning("the embedding cache could not keep %d vectors: %s", len(rows), exc)

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT count(*) FROM vectors").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._db.close()
