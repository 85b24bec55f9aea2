"""CSV feeds: a header row naming the catalog fields (`id,title,price,...`); extra columns become attributes."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from indexer.feeds.base import FeedRow, open_text


def read_csv(path: Path) -> Iterator[FeedRow]:
    with open_text(path) as f:
        reader = csv.reader(f)
        try:
            header = next(reader)
        except StopIteration:
            return
        columns = [name.strip() for name in header]
        start = reader.line_num + 1
        for values in reader:
            line, start = start, reader.line_num + 1
            if not any(v.strip() for v in values):
                continue
            text = _as_csv(values)
            if len(values) > len(columns):
                yield FeedRow(line, None, text, f"row has {len(values)} columns, the header has {len(columns)}")
                continue
            yield FeedRow(line, dict(zip(columns, values, strict=False)), text)


def _as_csv(values: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(values)
    return out.getvalue()
