"""What every feed reader yields, how files are opened (UTF-8 with or without BOM, UTF-16 and UTF-32 detected,
GB18030/GBK Chinese recognised and decoded, gzip by extension), and the pieces shared by the readers: HTML
stripping and the rejects file in the feed's own format and encoding.

A feed is never trusted to be well-formed: `FeedReader.read()` turns bytes that are not text in the file's encoding
(a Latin-1 row in a UTF-8 file) into rejected rows that say so, and a file that cannot be read to its end (a
truncated gzip, a runaway CSV quote) into a last, fatal row that names where reading stopped, instead of an
exception. What a reader learns about the file as a whole (its encoding, columns it does not know) goes to
`FeedReader.notes`; what it finds about one row that is still indexed, to `FeedRow.warnings`."""

from __future__ import annotations

import codecs
import csv
import gzip
import html
import io
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
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
    # Why a product the feed lists is not for sale and is not indexed ("draft", "gift card"), or None.
    skip: str | None = None
    # (column, message) for what is wrong but does not stop the row being indexed (a sale price above the price)
    warnings: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class FeedOptions:
    """What a run tells the readers beyond the file itself."""

    shop_url: str | None = None  # the shop's address, for product links a feed lacks (Shopify: /products/HANDLE)
    now: datetime | None = None  # the time sale windows are judged at (default: when the reader is opened)


class FeedReader:
    """One feed file in one format. `rows()` streams its rows; the rest describes its rejects file."""

    format: str = ""
    rejects_suffix: str = ""  # the extension of a rejects file in this format, e.g. ".csv"
    location: str = "line"  # what `FeedRow.line` counts: "line", or "item" for XML

    def __init__(self, path: Path, options: FeedOptions | None = None) -> None:
        self.path = path
        self.options = options or FeedOptions()
        self.encoding = "utf-8"  # of the text as read (and of the rejects file): known once reading started
        self.notes: list[str] = []  # about the file as a whole, for the run's summary

    def open_text(self) -> TextIO:
        """The feed as text (`open_text`), its encoding recorded, a note when it was not Unicode."""
        self.encoding = detect_encoding(self.path)
        if self.encoding == GB18030 and not any(GB18030 in note for note in self.notes):
            self.notes.append(
                f"{self.path.name} is not UTF-8: it was read as {GB18030} (GBK) Chinese, and its rejects file is "
                "written the same way; save feeds as UTF-8 to be sure"
            )
        return open_text(self.path, self.encoding)

    def rows(self) -> Iterator[FeedRow]:  # pragma: no cover - every format overrides it
        raise NotImplementedError

    def read(self) -> Iterator[FeedRow]:
        """`rows()`, with rows that are not UTF-8 rejected and a read error turned into a last, fatal row."""
        last = 0
        try:
            for row in self.rows():
                last = row.line
                error = encoding_error(row.text)
                if error is not None:
                    row = FeedRow(row.line, None, row.text, error, row.columns, row.fatal)
                yield row
        except READ_ERRORS as exc:
            where = f"after {self.location} {last}" if last else "at its start"
            message = f"the file could not be read {where}: {_read_error(exc)}; the rest was not read"
            yield FeedRow(last + 1, None, "", message, fatal=True)

    def rejects_header(self) -> str:
        """What a rejects file starts with (a CSV header line, an XML prologue); known once a row was read."""
        return ""

    def rejects_footer(self) -> str:
        return ""


def open_binary(path: Path) -> BinaryIO:
    if path.suffix.lower() == ".gz":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


# What reading a damaged file raises: gzip (BadGzipFile is an OSError, EOFError when truncated, zlib.error), csv
# (a quote never closed runs into the field size limit), a codec (UTF-16 cut in the middle of a character).
READ_ERRORS = (OSError, EOFError, zlib.error, csv.Error, UnicodeError)
_UNDECODED = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8, kept as lone surrogates
_CJK = re.compile("[\u4e00-\u9fff]")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def sniff_encoding(head: bytes) -> str:
    """The encoding of a feed from its first bytes: a byte-order mark, or UTF-16's zero bytes; else UTF-8."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    pairs = len(head) // 2
    if pairs >= 2:
        even, odd = head[0 : pairs * 2 : 2].count(0), head[1 : pairs * 2 : 2].count(0)
        if odd >= pairs * 0.4 and even == 0:
            return "utf-16-le"
        if even >= pairs * 0.4 and odd == 0:
            return "utf-16-be"
    return "utf-8"


GB18030 = "gb18030"
_CHUNK = 1 << 20
# Share of a text's double-byte characters that must lie in GB2312 (both bytes 0xA1-0xFE), the characters of
# everyday Simplified Chinese, for bytes that decode as GB18030 to be taken for it. A Latin-1 or Windows-1252 file
# whose accented letters happen to pair up with the next byte decodes too, but into rare characters outside it.
_GB2312_SHARE = 0.9


def detect_encoding(path: Path) -> str:
    """The encoding of a feed: a byte-order mark or UTF-16's zero bytes (`sniff_encoding`); else UTF-8 when every
    byte reads as UTF-8, else GB18030 when the whole file reads as Chinese in it; else UTF-8 (whose bad bytes are
    then rejected row by row)."""
    try:
        with open_binary(path) as binary:
            encoding = sniff_encoding(binary.peek(4096)[:4096])  # type: ignore[attr-defined]
            if encoding != "utf-8" or _decodes(binary, "utf-8"):
                return encoding
        with open_binary(path) as binary:
            return GB18030 if _is_chinese_gb18030(binary) else "utf-8"
    except READ_ERRORS:
        return "utf-8"  # a damaged gzip: the error comes again, where reading reports it


def _decodes(binary: BinaryIO, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        while chunk := binary.read(_CHUNK):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _is_chinese_gb18030(binary: BinaryIO) -> bool:
    decoder = codecs.getincrementaldecoder(GB18030)()
    common = double = 0
    try:
        while True:
            chunk = binary.read(_CHUNK)
            for char in decoder.decode(chunk, final=not chunk):
                if char > "\x7f":
                    encoded = char.encode(GB18030)
                    double += len(encoded) == 2
                    common += len(encoded) == 2 and encoded[0] >= 0xA1 and encoded[1] >= 0xA1
            if not chunk:
                break
    except UnicodeDecodeError:
        return False
    return double > 0 and common >= double * _GB2312_SHARE


def open_text(path: Path, encoding: str | None = None) -> TextIO:
    """Open a feed as text: gzip is read transparently, in `encoding` (default: `sniff_encoding`), a BOM skipped,
    line ends kept as written. Bytes that are not text in that encoding do not stop reading: they are kept as lone
    surrogates (`surrogateescape`), so that `encoding_error` rejects their rows and the rejects file keeps them."""
    binary = open_binary(path)
    if encoding is None:
        try:
            encoding = sniff_encoding(binary.peek(4096)[:4096])  # type: ignore[attr-defined]
        except READ_ERRORS:
            encoding = "utf-8"  # a damaged gzip: the error comes again, where reading reports it
    return io.TextIOWrapper(binary, encoding=encoding, errors="surrogateescape", newline="")


def rejects_encoding(encoding: str) -> str:
    """The encoding a rejects file is written in, so that it opens as the feed did: a UTF-8 feed with a BOM (as
    Excel saves one) gets a BOM, UTF-16 and UTF-32 their BOM, GB18030 stays GB18030."""
    if encoding.startswith(("utf-16", "utf-32")):
        return encoding[:6]  # "utf-16-le" → "utf-16": the codec that writes a BOM
    return encoding


def encoding_error(text: str) -> str | None:
    """Why a row's text is not text: the first byte that was not UTF-8, and a hint at the encoding it may be in."""
    match = _UNDECODED.search(text)
    if match is None:
        return None
    byte = ord(match.group()) - 0xDC00
    data = text.encode("utf-8", "surrogateescape")
    hint = "save the feed as UTF-8"
    try:
        if _CJK.search(data.decode(GB18030)):
            hint = "it reads as GB18030 (GBK) Chinese: convert it, e.g. iconv -f GB18030 -t UTF-8"
    except UnicodeDecodeError:
        pass
    return f"not UTF-8 text (byte 0x{byte:02x} at character {match.start() + 1}); {hint}"


def _read_error(exc: BaseException) -> str:
    if isinstance(exc, EOFError):
        return "the compressed file is truncated"
    if isinstance(exc, gzip.BadGzipFile | zlib.error):
        return f"not a valid gzip file ({exc})"
    if isinstance(exc, UnicodeError):
        return f"not valid text ({exc.reason})" if isinstance(exc, UnicodeDecodeError) else str(exc)
    return str(exc) or type(exc).__name__


def normalize_column(name: str) -> str:
    """`g:image_link`, `Image Link`, ` image-link `, `Body (HTML)` → `image_link`, ..., `body_html`; Chinese kept."""
    name = name.strip().lower().removeprefix("g:")
    return re.sub(r"\W+", "_", name).strip("_")


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
