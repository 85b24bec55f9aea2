"""Tabular feeds: a header row, then one row per record, from a delimited text file or an Excel workbook.

`DelimitedReader` is shared by the plain CSV, Shopify and Merchant Center text readers. It streams the rows of a
table with a header, each with the line it starts on (quoted newlines included; in a workbook, the row number Excel
shows) and its text for the rejects file. The container follows the file, whatever the format:

- `.csv`: comma-separated; `.tsv`, `.txt`: tab-separated (optionally `.gz`); the encoding as `base.detect_encoding`
  finds it.
- `.xlsx` (`.xlsm`): the workbook's first sheet, read with openpyxl (cell values as Excel computed them; whole
  numbers without `.0`, TRUE/FALSE for booleans). Its rejects file is a CSV with a BOM, which Excel opens with its
  Chinese intact.

`CsvReader` reads the catalog's own fields (`id,title,price,...`); a column named like one (`Image Link`) is read as
it, a column that looks like one (`Chinese Title`) gets a hint, and other columns become attributes.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from indexer.feeds.base import READ_ERRORS, FeedOptions, FeedReader, FeedRow, normalize_column
from indexer.feeds.columns import CATALOG_FIELDS, column_hints

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm")
_TAB_SUFFIXES = (".tsv", ".txt")


class SpreadsheetError(OSError):
    """A workbook that cannot be read (not a workbook, an old .xls, encrypted): reading reports it as the file's
    read error (`base.READ_ERRORS`)."""


def container(path: Path) -> str:
    """`xlsx`, `tsv`, `csv`, or "" when the extension (`.gz` aside) does not say how a tabular file is laid out."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    suffix = suffixes[-1] if suffixes else ""
    if suffix in SPREADSHEET_SUFFIXES:
        return "xlsx"
    if suffix in _TAB_SUFFIXES:
        return "tsv"
    return "csv" if suffix == ".csv" else ""


def read_header(path: Path) -> list[str]:
    """The header row of a tabular file (CSV, TSV or workbook); [] when it cannot be read (reading it again
    reports why)."""
    reader = DelimitedReader(path)
    records = reader.records()
    try:
        next(records, None)
    except READ_ERRORS:
        return []
    finally:
        records.close()
    return reader.header


def cell_text(value: Any) -> str:
    """A cell's value as a feed's text: `12345` not `12345.0`, `TRUE`/`FALSE`, dates in ISO 8601."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


class DelimitedReader(FeedReader):
    delimiter = ","  # of a text file whose extension does not say (`.tsv`, `.txt`: tab; `.csv`: comma)
    header: list[str]

    def __init__(self, path: Path, options: FeedOptions | None = None) -> None:
        super().__init__(path, options)
        self.container = container(path)
        if self.container == "tsv":
            self.delimiter = "\t"
        elif self.container == "csv":
            self.delimiter = ","
        # A workbook's rejects are a CSV: Excel opens it, and a text file can carry the rows as they were.
        self.rejects_suffix = ".tsv" if self.delimiter == "\t" and self.container != "xlsx" else ".csv"

    def records(self) -> Iterator[tuple[int, list[str], str, str | None]]:
        """(line, values, text, error) for each non-blank row after the header; `self.header` is set first."""
        self.header = []
        rows = self._sheet_rows() if self.container == "xlsx" else self._text_rows()
        for line, values in rows:
            if not self.header:
                self.header = [name.strip() for name in values]
                self.on_header()
                continue
            if not any(v.strip() for v in values):
                continue
            error = None
            if len(values) > len(self.header):
                if self.container == "xlsx" and not any(v.strip() for v in values[len(self.header) :]):
                    values = values[: len(self.header)]  # formatted but empty cells right of the table
                else:
                    error = f"row has {len(values)} columns, the header has {len(self.header)}"
            yield line, values, self.as_text(values), error

    def _text_rows(self) -> Iterator[tuple[int, list[str]]]:
        with self.open_text() as f:
            reader = csv.reader(f, delimiter=self.delimiter)
            start = 1
            for values in reader:
                line, start = start, reader.line_num + 1
                if not self.header or values:
                    yield line, values

    def _sheet_rows(self) -> Iterator[tuple[int, list[str]]]:
        import openpyxl  # only for workbooks

        self.encoding = "utf-8-sig"  # of the rejects CSV
        try:
            workbook = openpyxl.load_workbook(self.path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError) as exc:
            raise SpreadsheetError(
                f"{self.path.name} is not an Excel workbook (.xlsx) that can be read ({exc}); an old .xls or an "
                "encrypted workbook must be saved again as .xlsx, or as CSV UTF-8"
            ) from None
        try:
            sheet = workbook.worksheets[0]
            if len(workbook.worksheets) > 1:
                self.notes.append(
                    f"{self.path.name} has {len(workbook.worksheets)} sheets: only the first, {sheet.title!r}, was read"
                )
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                values = [cell_text(value) for value in row]
                while values and not values[-1].strip():
                    values.pop()
                if values or self.header:
                    yield number, values
        finally:
            workbook.close()

    def on_header(self) -> None:
        """Called once the header is read: readers check its columns here."""

    def as_text(self, values: list[str]) -> str:
        out = io.StringIO()
        delimiter = "," if self.container == "xlsx" else self.delimiter
        csv.writer(out, delimiter=delimiter, lineterminator="").writerow(values)
        return out.getvalue()

    def rejects_header(self) -> str:
        return self.as_text(self.header) + "\n" if self.header else ""


class CsvReader(DelimitedReader):
    format = "csv"
    rejects_suffix = ".csv"

    def on_header(self) -> None:
        # "Image Link", "image-link" → image_link: what is plainly a catalog field is read as it.
        self.names = [name if name.lower() in CATALOG_FIELDS else _as_field(name) for name in self.header]
        self.renamed = {name: column for name, column in zip(self.names, self.header, strict=True) if name != column}
        hints, others = column_hints(self.header, CATALOG_FIELDS, CATALOG_FIELDS, self.path.name)
        self.notes.extend(hints)
        if others:
            self.notes.append(f"{self.path.name}: columns kept as attributes: {', '.join(others)}")

    def rows(self) -> Iterator[FeedRow]:
        for line, values, text, error in self.records():
            if error:
                yield FeedRow(line, None, text, error)
                continue
            yield FeedRow(line, dict(zip(self.names, values, strict=False)), text, columns=self.renamed)


def _as_field(column: str) -> str:
    name = normalize_column(column)
    return name if name in CATALOG_FIELDS else column
