"""API keys: the search key (public, search-only), the admin key, the metrics key, and the scoped keys derived
from the master secret (`search.keys`: a seller's write key, a search key with fixed filters).

A key is sent as `X-API-Key: <key>` or `Authorization: Bearer <key>`. Keys are compared in constant time and never
logged or echoed. Each check is a dependency: search-side routers are included with `require_search_key`, so a
route added to them later is covered without doing anything; and because FastAPI reads a body before it runs
dependencies, `search.api.gate.RequestGate` runs the same checks (`KEY_CHECKS`) from the headers (and the path's
parameters: the seller a write is for) first.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable, Mapping
from typing import Annotated

from fastapi import Depends, HTTPException, Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from pydantic import SecretStr
from starlette.datastructures import Headers

from search.config import Settings
from search.keys import InvalidKey, ScopedKey, is_derived, read_key

_API_KEY_HEADER = APIKeyHeader(
    name="X-API-Key",
    scheme_name="ApiKey",
    auto_error=False,
    description="The search key (`HAITAO_SEARCH_API_KEY`) on search routes, the admin key on admin routes, the "
    "metrics key on /metrics. Only needed where the server sets that key.",
)
_BEARER = HTTPBearer(
    scheme_name="Bearer",
    auto_error=False,
    description="The same keys as `X-API-Key`, sent as `Authorization: Bearer <key>`.",
)
KEY_HINT = "send `X-API-Key: <key>` or `Authorization: Bearer <key>`"


async def presented_keys(
    api_key: Annotated[str | None, Security(_API_KEY_HEADER)],
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_BEARER)],
) -> list[str]:
    """The keys a request presents, from either header."""
    keys = [api_key] if api_key else []
    if bearer is not None and bearer.credentials:
        keys.append(bearer.credentials)
    return keys


PresentedKeys = Annotated[list[str], Depends(presented_keys)]


def key_matches(presented: list[str], *accepted: SecretStr | None) -> bool:
    """Whether any presented key equals any accepted (set) key; every pair is compared in constant time."""
    matched = False
    for key in accepted:
        if key is None:
            continue
        expected = key.get_secret_value().encode("utf-8")
        for given in presented:
            matched |= hmac.compare_digest(given.encode("utf-8"), expected)
    return matched


def unauthorized(what: str) -> HTTPException:
    return HTTPException(
        401, f"missing or wrong {what}: {KEY_HINT}", headers={"WWW-Authenticate": 'Bearer realm="haitao-search"'}
    )


def keys_in(headers: Headers) -> list[str]:
    """The keys a request presents, read from its headers as the `presented_keys` dependency reads them."""
    keys = [headers["x-api-key"]] if headers.get("x-api-key") else []
    scheme, _, credentials = headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and credentials:
        keys.append(credentials)
    return keys


KeyCheck = Callable[[Settings, list[str], Mapping[str, str]], None]
"""Raises the HTTPException for a request that presents these keys (to a route with these path parameters), or
returns."""
ADMIN_OFF = "admin routes are off: set HAITAO_ADMIN_API_KEY on the server to enable them"


def master_secret(settings: Settings) -> str | None:
    """The secret scoped keys are derived with and checked against: HAITAO_KEY_SECRET, else the admin key."""
    secret = settings.key_secret or settings.admin_api_key
    return secret.get_secret_value() if secret is not None else None


def scoped_keys(settings: Settings, presented: list[str]) -> list[ScopedKey]:
    """The derived keys among the presented ones, checked; 401 for one that is forged, damaged or expired (never
    ignored: a storefront's key must not silently stop filtering)."""
    derived = [key for key in presented if is_derived(key)]
    if not derived:
        return []
    secret = master_secret(settings)
    if secret is None:
        raise unauthorized("API key (this server issues no scoped keys: it has no HAITAO_KEY_SECRET or admin key)")
    try:
        return [read_key(secret, key) for key in derived]
    except InvalidKey as exc:
        raise unauthorized(f"API key ({exc})") from None


def search_scope(settings: Settings, presented: list[str]) -> ScopedKey | None:
    """The search key with fixed filters a request presents (the first), or None."""
    return next((key for key in scoped_keys(settings, presented) if key.scope == "search"), None)


def _optional_key(what: str, key_of: Callable[[Settings], SecretStr | None]) -> KeyCheck:
    """A check requiring the key `key_of` names, or the admin key, once that key is set; nothing before."""

    def check(settings: Settings, presented: list[str], params: Mapping[str, str]) -> None:
        key = key_of(settings)
        if key is not None and not key_matches(presented, key, settings.admin_api_key):
            raise unauthorized(what)

    return check


def check_search_key(settings: Settings, presented: list[str], params: Mapping[str, str]) -> None:
    """With HAITAO_SEARCH_API_KEY set: the search key, the admin key or a scoped key. A scoped key presented is
    checked whether the key is set or not."""
    scoped = scoped_keys(settings, presented)
    key = settings.search_api_key
    if key is not None and not scoped and not key_matches(presented, key, settings.admin_api_key):
        raise unauthorized("API key")


check_metrics_key = _optional_key("metrics API key", lambda settings: settings.metrics_api_key)


def check_admin_key(settings: Settings, presented: list[str], params: Mapping[str, str]) -> None:
    """The admin key; the admin routes are off (404) while HAITAO_ADMIN_API_KEY is unset."""
    if settings.admin_api_key is None:
        raise HTTPException(404, ADMIN_OFF)
    if not key_matches(presented, settings.admin_api_key):
        raise unauthorized("admin API key")


def check_seller_key(settings: Settings, presented: list[str], params: Mapping[str, str]) -> None:
    """The admin key, or the write key of the seller the route is for (`{seller}`); another seller's write key,
    or a search key, gets 403."""
    if settings.admin_api_key is None:
        raise HTTPException(404, ADMIN_OFF)
    if key_matches(presented, settings.admin_api_key):
        return
    scoped = scoped_keys(settings, presented)
    if not scoped:
        raise unauthorized("admin API key or seller key")
    seller = params.get("seller", "")
    if any(key.scope == "write" and key.seller == seller for key in scoped):
        return
    writes = [key.seller for key in scoped if key.scope == "write"]
    if writes:
        raise HTTPException(403, f"this key writes only seller {writes[0]!r}'s products, not {seller!r}'s")
    raise HTTPException(403, "a search key cannot write products: use the seller's key or the admin key")


def _dependency(check: KeyCheck) -> Callable[..., Awaitable[None]]:
    async def require(request: Request, presented: PresentedKeys) -> None:
        check(request.app.state.settings, presented, request.path_params)

    return require


require_search_key = _dependency(check_search_key)
"""With HAITAO_SEARCH_API_KEY set, the search key, the admin key or a scoped key; a scoped key is always checked."""
require_metrics_key = _dependency(check_metrics_key)
"""With HAITAO_METRICS_API_KEY set, the metrics key or the admin key."""
require_admin_key = _dependency(check_admin_key)
"""The admin key; 404 while the admin routes are off."""
require_seller_key = _dependency(check_seller_key)
"""The admin key or the route's seller's write key (403 for another seller's); 404 while the admin routes are off."""

KEY_CHECKS: dict[Callable[..., Awaitable[None]], KeyCheck] = {
    require_search_key: check_search_key,
    require_metrics_key: check_metrics_key,
    require_admin_key: check_admin_key,
    require_seller_key: check_seller_key,
}
"""Each key dependency and its check: a route depending on one (directly or through another dependency) has the
check run by `search.api.gate.RequestGate` before its body is read, then again as the dependency (which is what
the OpenAPI document shows)."""
