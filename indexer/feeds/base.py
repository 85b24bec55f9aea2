"""What every feed reader yields, how files are opened (UTF-8 with or without BOM, gzip by extension), and the
pieces shared by the readers: HTML stripping and the rejects file in the feed's own format."""

from __future__ import annotations

import gzip
import html
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, BinaryIO, TextIO


@dataclass
class FeedRow:
    line: int  # where the row starts in the file, 1-based (for XML: the item's index, 1-based)
    raw: dict[str, Any] | None  # catalog fields (`id`, `title`, ...); None when the row cannot be read at all
    text: str  # the row as it stands in the file (in the feed's own format), for the rejects file
    error: str | None = None
    # catalog field → the column it came from, so that errors name what the seller sees ("Variant Price")
    columns: dict[str, str] = field(default_factory=dict)
    fatal: bool = False  # the rest of the file could not be read (broken XML): the feed is incomplete


class FeedReader:
    """One feed file in one format. `rows()` streams its rows; the rest describes its rejects file."""

    format: str = ""
    rejects_suffix: str = ""  # the extension of a rejects file in this format, e.g. ".csv"
    location: str = "line"  # what `FeedRow.line` counts: "line", or "item" for XML

    def __init__(self, path: Path) -> None:
        self.path = path

    def rows(self) -> Iterator[FeedRow]:  # pragma: no cover - every format overrides it
        raise NotImplementedError

    def rejects_header(self) -> str:
        """What a rejects file starts with (a CSV header line, an XML prologue); known once a row was read."""
        return ""

    def rejects_footer(self) -> str:
        return ""


def open_binary(path: Path) -> BinaryIO:
    if path.suffix.lower() == ".gz":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def open_text(path: Path) -> TextIO:
    """Open a feed as text: gzip is read transparently, a UTF-8 BOM is skipped, line ends are kept as written."""
    return io.TextIOWrapper(open_binary(path), encoding="utf-8-sig", newline="")


def normalize_column(name: str) -> str:
    """`g:image_link`, `Image Link`, ` image link ` → `image_link`."""
    name = name.strip().lower().removeprefix("g:")
    return re.sub(r"[\s-]+", "_", name)


class _TextExtractor(HTMLParser):
    _BREAKS = frozenset({"br", "p", "div", "li", "ul", "ol", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})
    _SKIP = frozenset({"script", "style"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BREAKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self._BREAKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def strip_html(text: str) -> str:
    """Visible text of an HTML fragment: tags removed, entities decoded, whitespace collapsed."""
    if "<" not in text and "&" not in text:
        return " ".join(text.split())
    parser = _TextExtractor()
    parser.feed(text)
    parser.close()
    return " ".join("".join(parser.parts).split())


def unescape(text: str) -> str:
    """Entities decoded (`&amp;` → `&`, `&#39;` → `'`) in a plain-text field such as a title."""
    return html.unescape(text) if "&" in text else text
