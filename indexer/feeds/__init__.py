"""Feed readers, one module per format. Each streams `FeedRow`s: a raw catalog record with its line number (or
XML item index), the reason the row is unreadable, or why the product it lists is not for sale (skipped).

| format         | extension                    | module      |
|----------------|------------------------------|-------------|
| `jsonl`        | .jsonl .ndjson .json         | jsonl.py    |
| `csv`          | .csv .xlsx                   | csv.py      |
| `shopify`      | .csv or .xlsx with a Shopify header (`Handle`, `Variant Price`) | shopify.py |
| `merchant-tsv` | .tsv .txt (and, named with --format, .csv or .xlsx) | merchant.py |
| `merchant-xml` | .xml .rss                    | merchant.py |

Tabular formats read any tabular container (`csv.DelimitedReader`): comma- or tab-separated text, or the first
sheet of an Excel workbook.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from indexer.feeds.base import READ_ERRORS, FeedOptions, FeedReader, FeedRow, open_text
from indexer.feeds.csv import CsvReader, container
from indexer.feeds.jsonl import JsonlReader
from indexer.feeds.merchant import MerchantTsvReader, MerchantXmlReader
from indexer.feeds.shopify import ShopifyReader, is_shopify_export

READERS: dict[str, type[FeedReader]] = {
    reader.format: reader for reader in (JsonlReader, CsvReader, ShopifyReader, MerchantTsvReader, MerchantXmlReader)
}
ALIASES = {"tsv": "merchant-tsv", "xml": "merchant-xml", "ndjson": "jsonl"}
_EXTENSIONS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".xlsx": "csv",
    ".xlsm": "csv",
    ".tsv": "merchant-tsv",
    ".txt": "merchant-tsv",
    ".xml": "merchant-xml",
    ".rss": "merchant-xml",
}


class UnknownFormat(ValueError):
    pass


def detect_format(path: Path) -> str:
    """The format of a feed from its extension (`.gz` aside); a `.csv` with Shopify's columns is `shopify`."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    fmt = _EXTENSIONS.get(suffixes[-1]) if suffixes else None
    if suffixes and suffixes[-1] == ".xls":
        raise UnknownFormat(f"{path.name} is an Excel 97-2003 workbook: save it as .xlsx (or CSV UTF-8) and index that")
    if fmt is None:
        known = " ".join(sorted(_EXTENSIONS))
        raise UnknownFormat(f"cannot tell the format of {path.name} (known extensions: {known}); pass --format")
    if fmt == "csv" and path.is_file() and is_shopify_export(path):
        return "shopify"
    return fmt


def open_feed(path: Path, fmt: str | None = None, options: FeedOptions | None = None) -> FeedReader:
    """The reader for `path`, in format `fmt` (default: detected)."""
    fmt = ALIASES.get(fmt, fmt) if fmt else detect_format(path)
    if fmt not in READERS:
        raise UnknownFormat(f"unknown format {fmt!r}; known: {', '.join(READERS)}")
    return READERS[fmt](path, options)


def read_feed(path: Path, fmt: str | None = None, options: FeedOptions | None = None) -> Iterator[FeedRow]:
    return open_feed(path, fmt, options).read()


def count_lines(path: Path) -> int | None:
    """Lines in the file (an estimate of rows, for the progress bar); None when it cannot be read to its end, or
    is a workbook."""
    if container(path) == "xlsx":
        return None
    try:
        with open_text(path) as f:
            return sum(1 for _ in f)
    except READ_ERRORS:
        return None  # reading the feed reports why


__all__ = [
    "READERS",
    "FeedOptions",
    "FeedReader",
    "FeedRow",
    "UnknownFormat",
    "count_lines",
    "detect_format",
    "open_feed",
    "read_feed",
]
