"""Which feeds built an index, and whether a feed about to be indexed belongs to another catalog.

Each `haitao index` run that indexed something records its feed in `DATA_DIR/feeds.json` (path, format, when,
products); a `--rebuild` starts the record afresh. Before a run writes its first batch, `other_catalog` compares
the batch with the index: an index that already holds products, none of which the feed's first batch lists, is
another catalog (the demo's, another shop's), and the run says so rather than silently mixing the two. A daily
export under a new file name is the same catalog (its products are in the index) and passes without a word.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from search.backends.base import SearchBackend

RECORD_NAME = "feeds.json"


@dataclass(frozen=True)
class FeedRecord:
    path: str  # absolute
    format: str
    indexed_at: str  # ISO 8601, UTC
    products: int  # valid products of the feed in that run


def feeds(data_dir: Path) -> list[FeedRecord]:
    """The feeds recorded for the index in `data_dir`, most recent last ([] when none is)."""
    try:
        data = json.loads((Path(data_dir) / RECORD_NAME).read_text(encoding="utf-8"))
        return [FeedRecord(**entry) for entry in data["feeds"]]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def record(data_dir: Path, feed: Path, fmt: str, products: int, rebuild: bool = False) -> None:
    """Add (or refresh) `feed` in the record; with `rebuild`, it becomes the only one."""
    path = str(Path(feed).resolve())
    kept = [] if rebuild else [entry for entry in feeds(data_dir) if entry.path != path]
    now = datetime.now(UTC).isoformat(timespec="seconds")
    kept.append(FeedRecord(path, fmt, now, products))
    target = Path(data_dir) / RECORD_NAME
    staging = target.with_name(f".{RECORD_NAME}.{os.getpid()}")
    staging.write_text(json.dumps({"feeds": [asdict(entry) for entry in kept]}, indent=1), encoding="utf-8")
    os.replace(staging, target)


def other_catalog(
    backend: SearchBackend, data_dir: Path, feed: Path, first_ids: Sequence[str], products_before: int
) -> str | None:
    """Why the feed looks like another catalog than the one the index holds, or None.

    `products_before`: the index's size when the run started; `first_ids`: the ids of the feed's first batch."""
    if products_before == 0 or not first_ids or backend.content_hashes(list(first_ids)):
        return None
    here = str(Path(feed).resolve())
    others = [entry for entry in feeds(data_dir) if entry.path != here]
    source = ""
    if others:
        names = ", ".join(_shown(entry.path) for entry in others[-3:])
        source = f" (indexed from {names})"
    return (
        f"{data_dir} already holds {products_before:,} products of another catalog{source}, and none of the first "
        f"{len(first_ids):,} products of {feed.name} is among them: this feed is added beside them, and searches "
        f"will show both. To keep it apart, index it into its own directory (--data-dir var/my-shop, then haitao "
        f"serve --data-dir var/my-shop); to replace what is there, use --rebuild."
    )


def _shown(path: str) -> str:
    """A recorded path as the user would type it: relative to the working directory when under it."""
    try:
        return str(Path(path).relative_to(Path.cwd()))
    except ValueError:
        return path
