"""JSON Lines feeds: one JSON object a line; blank lines are skipped."""

from __future__ import annotations

import json
from collections.abc import Iterator

from indexer.feeds.base import FeedReader, FeedRow


class JsonlReader(FeedReader):
    format = "jsonl"
    rejects_suffix = ".jsonl"

    def rows(self) -> Iterator[FeedRow]:
        with self.open_text() as lines:
            for number, line in enumerate(lines, start=1):
                text = line.rstrip("\r\n")
                if not text.strip():
                    continue
                try:
                    raw = json.loads(text)
                except json.JSONDecodeError as exc:
                    yield FeedRow(number, None, text, f"bad JSON: {exc.msg} at column {exc.colno}")
                    continue
                if not isinstance(raw, dict):
                    yield FeedRow(number, None, text, f"expected a JSON object, got {type(raw).__name__}")
                    continue
                yield FeedRow(number, raw, text)
