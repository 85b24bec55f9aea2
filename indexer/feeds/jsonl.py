"""JSON Lines feeds: one JSON object a line; blank lines are skipped."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from indexer.feeds.base import FeedRow, open_text


def read_jsonl(path: Path) -> Iterator[FeedRow]:
    with open_text(path) as lines:
        for number, line in enumerate(lines, start=1):
            text = line.rstrip("\r\n")
            if not text.strip():
                continue
            try:
                raw = json.loads(text)
            except json.JSONDecodeError as exc:
                yield FeedRow(number, None, text, f"bad JSON: {exc.msg} at column {exc.colno}")
                continue
            except UnicodeDecodeError as exc:  # pragma: no cover - decoding fails in the iterator, not here
                yield FeedRow(number, None, text, f"not UTF-8: {exc}")
                continue
            if not isinstance(raw, dict):
                yield FeedRow(number, None, text, f"expected a JSON object, got {type(raw).__name__}")
                continue
            yield FeedRow(number, raw, text)
