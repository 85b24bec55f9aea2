"""Opaque paging cursors: `next_cursor` of one response, sent back as `cursor` to get the next page.

A cursor holds where the next page starts — the last hit's sort key when browsing (stable: products added or
removed meanwhile neither repeat nor skip a product), or the position in the relevance ranking — and a
fingerprint of the search it belongs to, so that it cannot be replayed against another query or other filters.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass
from typing import Any

VERSION = 1


class InvalidCursor(ValueError):
    """A cursor that is malformed or belongs to another search."""


@dataclass(frozen=True)
class Cursor:
    fingerprint: str
    after: tuple[Any, ...] | None = None  # browsing: the last hit's sort key
    offset: int = 0  # relevance-ranked results: the position of the next hit

    def encode(self) -> str:
        data: dict[str, Any] = {"v": VERSION, "f": self.fingerprint}
        if self.after is not None:
            data["a"] = list(self.after)
        else:
            data["o"] = self.offset
        raw = json.dumps(data, separators=(",", ":")).encode("utf-8")
        return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")

    @classmethod
    def decode(cls, text: str, fingerprint: str) -> Cursor:
        try:
            data = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
        except (binascii.Error, ValueError) as exc:
            raise InvalidCursor("not a cursor returned by this API (send `next_cursor` unchanged)") from exc
        if not isinstance(data, dict) or data.get("v") != VERSION:
            raise InvalidCursor("not a cursor returned by this version of the API")
        if data.get("f") != fingerprint:
            raise InvalidCursor("it belongs to another search: keep q, filters, sort and mode as they were")
        after, offset = data.get("a"), data.get("o", 0)
        valid_after = isinstance(after, list) and all(isinstance(v, int | float) for v in after) and after
        if after is not None and not valid_after:
            raise InvalidCursor("malformed position")
        if not isinstance(offset, int) or offset < 0:
            raise InvalidCursor("malformed position")
        return cls(fingerprint, tuple(after) if after is not None else None, offset)


def fingerprint(*parts: Any) -> str:
    """A short digest of what a cursor is tied to."""
    return hashlib.sha256(json.dumps(parts, default=str, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]
