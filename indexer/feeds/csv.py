"""CSV feeds: a header row naming the catalog fields (`id,title,price,...`); extra columns become attributes.

`DelimitedReader` is shared with the Merchant Center TSV and Shopify CSV readers: it streams the rows of a
delimited file with a header, each with the line it starts on (quoted newlines included) and its text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from indexer.feeds.base import FeedReader, FeedRow, open_text


class DelimitedReader(FeedReader):
    delimiter = ","
    header: list[str]

    def records(self) -> Iterator[tuple[int, list[str], str, str | None]]:
        """(line, values, text, error) for each non-blank row after the header; `self.header` is set first."""
        self.header = []
        with open_text(self.path) as f:
            reader = csv.reader(f, delimiter=self.delimiter)
            try:
                self.header = [name.strip() for name in next(reader)]
            except StopIteration:
                return
            start = reader.line_num + 1
            for values in reader:
                line, start = start, reader.line_num + 1
                if not any(v.strip() for v in values):
                    continue
                error = None
                if len(values) > len(self.header):
                    error = f"row has {len(values)} columns, the header has {len(self.header)}"
                yield line, values, self.as_text(values), error

    def as_text(self, values: list[str]) -> str:
        out = io.StringIO()
        csv.writer(out, delimiter=self.delimiter, lineterminator="").writerow(values)
        return out.getvalue()

    def rejects_header(self) -> str:
        return self.as_text(self.header) + "\n" if self.header else ""


class CsvReader(DelimitedReader):
    format = "csv"
    rejects_suffix = ".csv"

    def rows(self) -> Iterator[FeedRow]:
        for line, values, text, error in self.records():
            if error:
                yield FeedRow(line, None, text, error)
            else:
                yield FeedRow(line, dict(zip(self.header, values, strict=False)), text)
