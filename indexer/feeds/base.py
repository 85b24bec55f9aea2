"""What every feed reader yields, and how files are opened (UTF-8 with or without BOM, gzip by extension)."""

from __future__ import annotations

import gzip
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO


@dataclass
class FeedRow:
    line: int  # where the row starts in the file, 1-based
    raw: dict[str, Any] | None  # None when the row cannot be read at all
    text: str  # the row as it stands in the file, for the rejects file
    error: str | None = None


def open_text(path: Path) -> TextIO:
    """Open a feed as text: gzip is read transparently, a UTF-8 BOM is skipped, line ends are kept as written."""
    if path.suffix.lower() == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8-sig", newline="")
    return open(path, encoding="utf-8-sig", newline="")
