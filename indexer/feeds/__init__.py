"""Feed readers. Each yields `FeedRow`s (a raw record with its line number, or the reason it is unreadable)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from indexer.feeds.base import FeedRow, open_text
from indexer.feeds.csv import read_csv
from indexer.feeds.jsonl import read_jsonl

READERS = {"jsonl": read_jsonl, "csv": read_csv}
_EXTENSIONS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv"}


class UnknownFormat(ValueError):
    pass


def detect_format(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    fmt = _EXTENSIONS.get(suffixes[-1]) if suffixes else None
    if fmt is None:
        raise UnknownFormat(f"cannot tell the format of {path.name}: use .jsonl or .csv, or pass --format")
    return fmt


def read_feed(path: Path, fmt: str | None = None) -> Iterator[FeedRow]:
    fmt = fmt or detect_format(path)
    if fmt not in READERS:
        raise UnknownFormat(f"unknown format {fmt!r}; known: {', '.join(READERS)}")
    return READERS[fmt](path)


def count_lines(path: Path) -> int:
    """Lines in the file (an estimate of rows, for the progress bar)."""
    with open_text(path) as f:
        return sum(1 for _ in f)


__all__ = ["FeedRow", "UnknownFormat", "count_lines", "detect_format", "read_feed"]
