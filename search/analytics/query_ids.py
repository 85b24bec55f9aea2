"""`query_id`s: every search answers one, and events name the search they follow by it.

A query id is 24 random hex digits and a 16-digit MAC of them (HMAC-SHA256 under the server's cursor secret, see
`search.cursor.cursor_secret`), so an event can be checked against the searches this server (or another with the
same secret) answered without a lookup — an id it never issued is refused at once, before anything is written —
and the check holds after a restart and while the search's own record is still on its way to the store."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

_SHAPE = re.compile(r"[0-9a-f]{40}")


class QueryIds:
    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def _mac(self, nonce: str) -> str:
        return hmac.new(self._secret, b"haitao-query." + nonce.encode("ascii"), hashlib.sha256).hexdigest()[:16]

    def new(self) -> str:
        nonce = secrets.token_hex(12)
        return nonce + self._mac(nonce)

    def issued(self, query_id: object) -> bool:
        """Whether `query_id` is one this server's secret signed."""
        if not isinstance(query_id, str) or not _SHAPE.fullmatch(query_id):
            return False
        return hmac.compare_digest(query_id[24:], self._mac(query_id[:24]))
