"""The sellers' records of an embedded index: `DATA_DIR/sellers.json`, beside the index (a rebuild keeps them).

Written whole by the index's single writer (under its write lock), atomically and durably: a temporary file,
fsynced, then renamed over the old one. Readers reread it when its modification stamp changes, which is part of the
index's generation (hits show the sellers' names, so a renamed seller drops cached results).
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

from search.sellers import Seller

SELLERS_FILE = "sellers.json"


class SellerFile:
    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / SELLERS_FILE
        self._lock = threading.Lock()
        self._cached: tuple[tuple[int, int, int], dict[str, Seller]] | None = None

    def stamp(self) -> tuple[int, int, int]:
        """Changes with every write (each is a new file: a new inode)."""
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return (0, 0, 0)
        return (stat.st_ino, stat.st_mtime_ns, stat.st_size)

    def read(self) -> dict[str, Seller]:
        stamp = self.stamp()
        with self._lock:
            if self._cached is not None and self._cached[0] == stamp:
                return dict(self._cached[1])
        try:
            records = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            records = {}
        sellers = {key: Seller.model_validate(value) for key, value in records.items()}
        with self._lock:
            self._cached = (stamp, sellers)
        return dict(sellers)

    def write(self, sellers: dict[str, Seller]) -> None:
        """Replace the file with these records, durably (the caller holds the index's write lock)."""
        data = {key: sellers[key].model_dump(mode="json") for key in sorted(sellers)}
        tmp = self.path.with_suffix(".tmp")
        with tmp.open("w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=1)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.path)
        with self._lock:
            self._cached = (self.stamp(), dict(sellers))
        directory = os.open(self.path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
