"""Input limits of the public API, in one place.

A request past one of them gets 422 naming the parameter (413 for a body, 429 for the rate). What the server
operator may want to tune is a setting (`HAITAO_MAX_PAGE_SIZE`, `HAITAO_ADMIN_MAX_BATCH`, `HAITAO_MAX_BODY_BYTES`,
the rate limit); the rest are fixed bounds no shopper's request comes near, here so that every route enforces the
same ones.
"""

from __future__ import annotations

from fastapi import HTTPException
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from search.catalog import MAX_ID_LENGTH

MAX_QUERY_LENGTH = 200
"""Characters of a query (`q`) or a suggest prefix."""

MAX_PAGE = 1000
"""Highest 1-based `page`."""

MAX_RESULT_WINDOW = 10_000
"""How deep `page` reaches: (page - 1) × size + size at most; deeper, browsing pages by `cursor`."""

MAX_PRICE_FILTER = 1_000_000_000
"""Highest `price_min` / `price_max`, in either currency (the catalog's prices stop at 10 million USD)."""

MAX_FILTER_VALUES = 20
"""Values of one repeatable filter (`brand=...&brand=...`)."""

MAX_FILTER_VALUE_LENGTH = 200
"""Characters of one filter value (a brand, a category path, an attribute value)."""

MAX_ATTRIBUTE_FILTERS = 10
"""Attribute filters in one search."""

MAX_FACETS = 10
"""Facet names in one `facets` list."""

MAX_FIELDS = 20
"""Names in one `fields` list."""

MAX_CURSOR_LENGTH = 1024
"""Characters of an opaque paging cursor."""

MAX_PRODUCT_ID_LENGTH = MAX_ID_LENGTH
"""Characters of a product id in a path: no longer than the catalog accepts."""

MAX_SEARCH_BODY_BYTES = 64 * 1024
"""Largest body of a request outside /v1/admin/ (POST /v1/search); the admin routes take HAITAO_MAX_BODY_BYTES."""


class BodySizeLimitMiddleware:
    """413 for a request body over its path's limit: `limits` maps path prefixes to bytes, `default` covers the
    rest. A declared Content-Length over the limit is refused at the route's first read, before any byte is
    taken; a chunked body as soon as it grows past it. Raised as an HTTPException, so the 413 is the usual JSON
    error and is counted under its route."""

    def __init__(self, app: ASGIApp, default: int, limits: dict[str, int]) -> None:
        self.app = app
        self.default = default
        self.limits = limits

    def limit_for(self, path: str) -> int:
        return next((size for prefix, size in self.limits.items() if path.startswith(prefix)), self.default)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        declared = Headers(scope=scope).get("content-length", "")
        too_large = HTTPException(413, f"request body: at most {limit} bytes")
        received = 0

        async def receive_within_limit() -> Message:
            nonlocal received
            if (declared.isdigit() and int(declared) > limit) or received > limit:
                raise too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise too_large
            return message

        await self.app(scope, receive_within_limit, send)
