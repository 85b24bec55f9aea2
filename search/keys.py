"""Scoped keys derived from a master secret, as Typesense's scoped API keys and Algolia's secured API keys are: what
a key may do is written in the key itself and signed (HMAC-SHA256) with the master secret, so the server checks a
key without a key table, and issuing one needs nothing but the secret (`haitao keys create`).

Two kinds:

- a **write key** of one seller (`haitao keys create --seller S`): writes only S's products and record-free routes
  under `/v1/admin/sellers/S/products` (another seller's: 403); it also searches, as any key the server knows does;
- a **search key** with fixed filters (`haitao keys create --search --seller S`, `--filter brand=Sony`): a
  storefront's public key whose filters apply to every search, facet and product read made with it, whatever the
  request says (a seller's own storefront sees only its products).

A key reads `hk1_<payload>.<signature>`: the payload is the scope as compact JSON, base64url-encoded; the signature
is the HMAC-SHA256 of the payload under the master secret (`HAITAO_KEY_SECRET`, else the admin key), base64url. An
optional expiry (`--expires-in`) is part of the payload. Changing the master secret revokes every derived key.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from typing import Any, Literal

from search.backends.base import TermFilter
from search.catalog import check_seller_id
from search.fields import BY_NAME, KEYWORD_FILTERS

PREFIX = "hk1_"
MAX_KEY_LENGTH = 4096
_CONTEXT = b"haitao-scoped-key\x00"
Scope = Literal["write", "search"]


class InvalidKey(ValueError):
    """A presented derived key that is malformed, forged (another secret signed it) or expired; the message says
    which, never the key."""


@dataclass(frozen=True)
class ScopedKey:
    scope: Scope
    seller: str | None = None  # write: the seller whose products the key writes
    filters: tuple[TermFilter, ...] = ()  # search: keyword filters every request made with the key is under
    expires: int | None = None  # Unix seconds; None = no expiry

    def __post_init__(self) -> None:
        if self.scope not in ("write", "search"):
            raise ValueError(f"unknown scope {self.scope!r}")
        if self.scope == "write":
            if self.seller is None or self.filters:
                raise ValueError("a write key names one seller and no filters")
            check_seller_id(self.seller)
        elif self.seller is not None:
            raise ValueError("a search key fixes its seller as a filter (seller=S)")
        known = {f.name for f in KEYWORD_FILTERS}
        for name, values in self.filters:
            if name not in known:
                raise ValueError(f"{name!r} is not a keyword filter ({', '.join(sorted(known))})")
            if not values or any(not isinstance(v, str) or not v.strip() for v in values):
                raise ValueError(f"the filter {name!r} needs values")

    def payload(self) -> dict[str, Any]:
        body: dict[str, Any] = {"s": self.scope}
        if self.seller is not None:
            body["seller"] = self.seller
        if self.filters:
            body["f"] = {name: list(values) for name, values in self.filters}
        if self.expires is not None:
            body["exp"] = self.expires
        return body

    def allows(self, field: str, value: str) -> bool:
        """Whether a product whose `field` is `value` passes this key's filter on that field (if it has one)."""
        fixed = dict(self.filters).get(field)
        if fixed is None:
            return True
        key = BY_NAME[field].key
        return key(value) in {key(v) for v in fixed}

    def describe(self) -> str:
        if self.scope == "write":
            what = f"writes seller {self.seller!r}'s products"
        else:
            filters = ", ".join(f"{n}={'|'.join(v)}" for n, v in self.filters) or "no filter"
            what = f"searches under {filters}"
        if self.expires is not None:
            what += f", until {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime(self.expires))}"
        return what


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _signature(secret: str, payload: str) -> str:
    return _b64(hmac.new(secret.encode("utf-8"), _CONTEXT + payload.encode("ascii"), hashlib.sha256).digest())


def create_key(secret: str, key: ScopedKey) -> str:
    """The key text for `key`, signed with the master secret."""
    payload = _b64(json.dumps(key.payload(), separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode())
    return f"{PREFIX}{payload}.{_signature(secret, payload)}"


def is_derived(text: str) -> bool:
    return text.startswith(PREFIX)


def read_key(secret: str, text: str, now: float | None = None) -> ScopedKey:
    """The scope of a derived key, checked: its signature under `secret` (in constant time), its form, its expiry.
    Raises `InvalidKey`."""
    if not is_derived(text) or len(text) > MAX_KEY_LENGTH or text.count(".") != 1:
        raise InvalidKey("not a key issued by `haitao keys create`")
    payload, signature = text[len(PREFIX) :].split(".")
    if not hmac.compare_digest(signature.encode("ascii", "replace"), _signature(secret, payload).encode("ascii")):
        raise InvalidKey("the key was not issued with this server's secret (or was changed)")
    try:
        body = json.loads(_unb64(payload))
        filters = tuple((str(name), tuple(values)) for name, values in (body.get("f") or {}).items())
        key = ScopedKey(body["s"], body.get("seller"), filters, body.get("exp"))
    except (binascii.Error, ValueError, KeyError, TypeError, AttributeError):
        raise InvalidKey("the key cannot be read") from None
    if key.expires is not None and (now if now is not None else time.time()) >= key.expires:
        raise InvalidKey("the key has expired")
    return key
