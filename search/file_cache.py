"""Derived data kept in a file for the next process: what is slow to compute and quick to read back (the cleaned
CC-CEDICT, the analysis's English lexicon, a catalog's lexicon and vector floor).

A cache file holds one value and the key it was computed for. The key names everything the value was derived
from (the input's version, the code's: `source_version`), so a value is only ever read back for the same inputs;
a file of another key, or one that cannot be read, is computed again and replaced. Writes go to a staging file
renamed over the old one, so a reader sees a whole file or none. A cache that cannot be read or written is passed
by: it only ever saves time.

A file named for its version (`cedict-<version>.pickle`) leaves the files of older versions behind when the code or
data change: after each write, the siblings of the same name pattern that no process has read for STALE_AFTER_S are
removed (`prune_siblings`; a read marks a file as used), so an upgrade does not grow the cache directory forever
while two installs of different versions can still share it.

The files are pickles that this user's own processes wrote, in this user's cache directory or the index's data
directory (which only the index's owner writes).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
_FAILURES = (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError)
STALE_AFTER_S = 7 * 24 * 3600  # a versioned cache file nobody read for a week is an old version's


def source_version(*paths: Path) -> str:
    """A digest of files' contents (a folder: its files, recursively, skipping caches): a key part that changes
    when the code or data a value was derived from changes."""
    digest = hashlib.sha256()
    for path in paths:
        files = sorted(p for p in Path(path).rglob("*") if p.is_file()) if Path(path).is_dir() else [Path(path)]
        for file in files:
            if "__pycache__" in file.parts:
                continue
            digest.update(file.name.encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()[:24]


def key_of(parts: Iterable[object]) -> str:
    """One key from several parts (their `repr`s)."""
    return hashlib.sha256("\x1f".join(map(repr, parts)).encode("utf-8")).hexdigest()


def load(path: Path, key: str) -> Any | None:
    """The value cached in `path` for `key`; None when there is none (another key, no file, unreadable)."""
    with contextlib.suppress(*_FAILURES):
        with Path(path).open("rb") as f:
            stored_key, value = pickle.load(f)
        if stored_key == key:
            mark_used(path)
            return value
    return None


def mark_used(path: Path) -> None:
    """Note that a cache file was read now (its modification time), so that pruning keeps it."""
    with contextlib.suppress(OSError):
        os.utime(path)


def prune_siblings(path: Path, max_age_s: float = STALE_AFTER_S) -> int:
    """Remove the other versions of a versioned cache file (`NAME-<version>.EXT` beside `path`) that were neither
    written nor read for `max_age_s`; how many. Files not named that way are left alone."""
    path = Path(path)
    stem, dash, _ = path.name.partition("-")
    if not dash or not path.suffix:
        return 0
    removed, now = 0, time.time()
    with contextlib.suppress(OSError):
        for other in path.parent.glob(f"{stem}-*{path.suffix}"):
            with contextlib.suppress(OSError):
                if other != path and now - other.stat().st_mtime > max_age_s:
                    other.unlink()
                    removed += 1
    return removed


def store(path: Path, key: str, value: object) -> None:
    """Cache `value` for `key` in `path` (replacing what it held); silently nothing when it cannot be written."""
    path = Path(path)
    with contextlib.suppress(OSError, pickle.PicklingError, TypeError, AttributeError):
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        staging = path.with_name(f".{path.name}.{os.getpid()}")
        try:
            staging.write_bytes(pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(staging, path)
        finally:
            staging.unlink(missing_ok=True)
        prune_siblings(path)


def cached(path: Path, key: str, compute: Callable[[], T], accept: type | None = None) -> T:
    """The value of `compute()` for `key`, read from `path` when it holds it (of type `accept`, when given),
    else computed and stored there."""
    value = load(path, key)
    if value is not None and (accept is None or isinstance(value, accept)):
        return value
    value = compute()
    store(path, key, value)
    return value
