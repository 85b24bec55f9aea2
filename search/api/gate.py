"""`RequestGate`: what every HTTP request passes before a byte of its body is read.

FastAPI reads and parses a request's body before it runs the route's dependencies, so a key check or a rate limit
written as a dependency comes too late: a 16 MB JSON array posted without a key used to be parsed on the event loop
before the 401. The gate runs first, from the request line and headers alone:

1. the client's rate limit (429 with `Retry-After`), except on the probes and /metrics;
2. the key checks of the route the request is for — the `KEY_CHECKS` among the route's dependencies and those its
   router is included with, registered by `guard` where the routers are included (401; 404 for admin
   routes that are off);
3. the route's body cap in bytes (413): a declared Content-Length over it is refused before anything is read, a
   chunked body as soon as it grows past it, while it streams.

Refusals are the API's JSON errors. After a 401, 404 or 429 the server discards the rest of the body (uvicorn reads
it and throws it away, unparsed), so the client still gets its answer; a body too large closes the connection.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fastapi import APIRouter, FastAPI, HTTPException
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from search.api.errors import error_response
from search.api.middleware import HttpMiddleware
from search.api.ratelimit import EXEMPT_PATHS, TokenBucketLimiter
from search.api.security import KEY_CHECKS, KeyCheck, keys_in


@dataclass(frozen=True)
class _Guarded:
    route: APIRoute
    checks: tuple[KeyCheck, ...]


class RequestGate(HttpMiddleware):
    """Pure ASGI middleware for `app` (the FastAPI app whose routers it guards): rate limit, keys, body cap.

    Routes are registered with `guard` (in `app.state.guarded_routes`); `body_limit(endpoint)` gives the bytes a
    request body may have on a route (None: a route not registered)."""

    def __init__(self, app: ASGIApp, fastapi_app: FastAPI, body_limit: Callable[[Callable | None], int]) -> None:
        super().__init__(app)
        self.fastapi_app = fastapi_app
        self.body_limit = body_limit

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = Headers(scope=scope)
        guarded = self._route(scope)
        limit = self.body_limit(guarded.route.endpoint if guarded else None)
        declared = headers.get("content-length", "")
        try:
            self._admit(scope, headers, guarded)
            if declared.isdigit() and int(declared) > limit:
                raise _too_large(limit)
        except HTTPException as refusal:
            if guarded is not None:
                scope["route"] = guarded.route  # counted under its route template (search.api.metrics)
            # A body too large is not read at all: close the connection rather than take it in to discard it.
            close = {"Connection": "close"} if refusal.status_code == 413 else {}
            response = error_response(refusal.status_code, str(refusal.detail), {**(refusal.headers or {}), **close})
            await response(scope, receive, send)
            return

        received = 0

        async def receive_within_limit() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _too_large(limit)
            return message

        await self.app(scope, receive_within_limit, send)

    def _admit(self, scope: Scope, headers: Headers, guarded: _Guarded | None) -> None:
        """Raise the HTTPException that refuses this request, or return."""
        state = self.fastapi_app.state
        limiter: TokenBucketLimiter | None = state.rate_limiter
        if limiter is not None and scope["path"] not in EXEMPT_PATHS:
            client = scope.get("client")
            wait = limiter.acquire(client[0] if client else "unknown")
            if wait > 0:
                raise limiter.refusal(wait)
        if guarded is not None and guarded.checks:
            presented = keys_in(headers)
            path = scope["path"].removeprefix(scope.get("root_path", "")) or "/"
            found = guarded.route.path_regex.match(path)
            params = found.groupdict() if found else {}
            for check in guarded.checks:
                check(state.settings, presented, params)

    def _route(self, scope: Scope) -> _Guarded | None:
        """The registered route this request is for: its path and method, else its path alone (a 405 follows)."""
        path = scope["path"].removeprefix(scope.get("root_path", "")) or "/"
        on_path = None
        for guarded in self.fastapi_app.state.guarded_routes:
            if guarded.route.path_regex.match(path):
                if scope["method"] in guarded.route.methods:
                    return guarded
                on_path = on_path or guarded
        return on_path


def guard(app: FastAPI, router: APIRouter, *checks: KeyCheck) -> None:
    """Register `router`'s routes with the gate of `app` (where the router is included), with the key checks they
    need: those among each route's own dependencies (however deep), plus `checks` (the router's)."""
    for route in router.routes:
        if isinstance(route, APIRoute):
            found = (*checks, *_checks_in(route.dependant))
            app.state.guarded_routes.append(_Guarded(route, tuple(dict.fromkeys(found))))


def _checks_in(dependant: Dependant) -> list[KeyCheck]:
    """The key checks among a route's dependencies, however deep."""
    found = [KEY_CHECKS[dependant.call]] if dependant.call in KEY_CHECKS else []
    for sub in dependant.dependencies:
        found += _checks_in(sub)
    return found


def _too_large(limit: int) -> HTTPException:
    return HTTPException(413, f"request body: at most {limit} bytes")
