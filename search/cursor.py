"""Opaque paging cursors: `next_cursor` of one response, sent back as `cursor` to get the next page.

A cursor holds where the next page starts — the last hit's sort key when browsing (stable: products added or
removed meanwhile neither repeat nor skip a product), or the position in the relevance ranking — and a
fingerprint of the search it belongs to, so that it cannot be replayed against another query or other filters.

A cursor comes back from a client, so it is hostile until checked. It is signed: `PAYLOAD.MAC`, the payload
base64url JSON and the MAC the first 16 bytes of HMAC-SHA256 under the server's secret (`HAITAO_CURSOR_SECRET`,
or one generated once and kept in the data directory, see `cursor_secret`). A cursor that was not made by a
server with the same secret is refused before its payload is even parsed. Then every field is checked for type
and range anyway — a leaked secret or a bug must not turn into an engine asked for 10^18 results: offsets are
bounded by how deep the search can page (`max_offset`), a sort key must have the shape the sort gives (a finite
price within `MAX_PRICE`, a write sequence below 2^53).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import logging
import math
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from search.catalog import MAX_PRICE

log = logging.getLogger(__name__)

VERSION = 2  # 2: signed; version 1 cursors (unsigned) are refused
MAC_BYTES = 16
MAX_SEQ = 2**53  # write sequences are microseconds since the epoch: far below, and exact as JSON doubles
SECRET_FILE = "cursor.secret"
SECRET_BYTES = 32
_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,2000}\.[A-Za-z0-9_-]{22}")
_NOT_OURS = "not a cursor returned by this API (send `next_cursor` unchanged, with the same q, filters and sort)"


class InvalidCursor(ValueError):
    """A cursor that is malformed, forged, out of range or belongs to another search."""


@dataclass(frozen=True)
class Cursor:
    fingerprint: str
    after: tuple[Any, ...] | None = None  # browsing: the last hit's sort key
    offset: int = 0  # relevance-ranked results: the position of the next hit


class CursorCodec:
    """Signs cursors on the way out and checks them on the way in."""

    def __init__(self, secret: bytes) -> None:
        if len(secret) < 16:
            raise ValueError("a cursor secret must be at least 16 bytes")
        self._secret = secret

    def _mac(self, payload: bytes) -> bytes:
        return hmac.new(self._secret, b"haitao-cursor." + payload, hashlib.sha256).digest()[:MAC_BYTES]

    def encode(self, cursor: Cursor) -> str:
        data: dict[str, Any] = {"v": VERSION, "f": cursor.fingerprint}
        if cursor.after is not None:
            data["a"] = list(cursor.after)
        else:
            data["o"] = cursor.offset
        payload = _b64encode(json.dumps(data, separators=(",", ":"), allow_nan=False).encode("utf-8"))
        return f"{payload.decode('ascii')}.{_b64encode(self._mac(payload)).decode('ascii')}"

    def decode(self, text: str, fingerprint: str, max_offset: int, price_sort: bool) -> Cursor:
        """The cursor `text` stands for, if this server signed it for the search `fingerprint`; else
        `InvalidCursor`. `max_offset`: the deepest position the search can page to; `price_sort`: the sort key
        is (price, seq) rather than (seq,)."""
        if not isinstance(text, str) or not _TOKEN.fullmatch(text):
            raise InvalidCursor(_NOT_OURS)
        payload, mac = text.encode("ascii").split(b".")
        try:
            genuine = hmac.compare_digest(_b64decode(mac), self._mac(payload))
            data = json.loads(_b64decode(payload), parse_constant=_no_constant) if genuine else None
        except (binascii.Error, ValueError) as exc:
            raise InvalidCursor(_NOT_OURS) from exc
        if not genuine:
            raise InvalidCursor(_NOT_OURS)
        if (
            not isinstance(data, dict)
            or _strict_int(data.get("v")) != VERSION
            or not data.keys() <= {"v", "f", "a", "o"}
        ):
            raise InvalidCursor("not a cursor returned by this version of the API")
        if data.get("f") != fingerprint:
            raise InvalidCursor("it belongs to another search: keep q, filters, sort and mode as they were")
        if ("a" in data) == ("o" in data):
            raise InvalidCursor("malformed position")
        if "o" in data:
            offset = _strict_int(data["o"])
            if offset is None or not 0 <= offset <= max_offset:
                raise InvalidCursor(f"position out of range (this search pages {max_offset} results deep)")
            return Cursor(fingerprint, offset=offset)
        return Cursor(fingerprint, after=_sort_key(data["a"], price_sort))


def _sort_key(value: Any, price_sort: bool) -> tuple[Any, ...]:
    """A browse sort key as the backends make them: (price, seq) for price sorts, (seq,) otherwise."""
    if not isinstance(value, list) or len(value) != (2 if price_sort else 1):
        raise InvalidCursor("malformed position")
    seq = _strict_int(value[-1])
    if seq is None or not 0 <= seq < MAX_SEQ:
        raise InvalidCursor("malformed position")
    if not price_sort:
        return (seq,)
    price = value[0]
    if isinstance(price, bool) or not isinstance(price, int | float):
        raise InvalidCursor("malformed position")
    price = float(price)
    if not math.isfinite(price) or not 0 <= price <= MAX_PRICE:
        raise InvalidCursor("malformed position")
    return (price, seq)


def _strict_int(value: Any) -> int | None:
    """`value` if it is a JSON integer (not a bool, not a float), else None."""
    return value if type(value) is int else None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a position")


def _b64encode(raw: bytes) -> bytes:
    return base64.urlsafe_b64encode(raw).rstrip(b"=")


def _b64decode(text: bytes) -> bytes:
    return base64.urlsafe_b64decode(text + b"=" * (-len(text) % 4))


def fingerprint(*parts: Any) -> str:
    """A short digest of what a cursor is tied to."""
    return hashlib.sha256(json.dumps(parts, default=str, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


def cursor_secret(configured: str | None, data_dir: Path) -> bytes:
    """The key cursors are signed with: `HAITAO_CURSOR_SECRET` when set; else a random one generated once and
    kept in DATA_DIR/cursor.secret (mode 0600), so that cursors survive a restart. Where the data directory
    cannot be written, a key for this process only (cursors then end with it), with a warning."""
    if configured:
        return configured.encode("utf-8")
    path = Path(data_dir) / SECRET_FILE
    try:
        return _read_secret(path) or _create_secret(path)
    except OSError as exc:
        log.warning(
            "cannot keep the cursor secret in the data directory (%s): cursors are signed with a key for this "
            "process only and stop working at a restart; set HAITAO_CURSOR_SECRET",
            exc.strerror or exc,
        )
        return secrets.token_bytes(SECRET_BYTES)


def _read_secret(path: Path) -> bytes | None:
    try:
        text = path.read_text(encoding="ascii", errors="replace").strip()
    except FileNotFoundError:
        return None
    if not re.fullmatch(r"[0-9a-f]{64}", text):
        log.warning("the cursor secret file in the data directory is damaged: a new one replaces it")
        return None
    if path.stat().st_mode & 0o077:
        path.chmod(0o600)  # readable by others: tighten it
    return bytes.fromhex(text)


def _create_secret(path: Path) -> bytes:
    """Write a new secret atomically; when another process wrote one first, theirs wins (both use the same)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_bytes(SECRET_BYTES)
    tmp = path.with_name(f".{SECRET_FILE}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(secret.hex() + "\n")
            f.flush()
            os.fsync(f.fileno())
        if path.exists():  # damaged: replace it
            os.replace(tmp, path)
            return secret
        try:
            os.link(tmp, path)  # fails if another process created it meanwhile
        except FileExistsError:
            return _read_secret(path) or secret
        return secret
    finally:
        tmp.unlink(missing_ok=True)
