"""Errors of the HTTP API: one JSON shape, the handlers that produce it, and its OpenAPI declarations.

Every error is `{"error": {"status": 422, "message": "size: at most 100 hits a page"}}`, with the headers the
status calls for (`WWW-Authenticate` on 401, `Retry-After` on 429, `Allow` on 405); none carries a stack trace.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from search.api.schemas import ErrorResponse
from search.backends.base import BackendUnavailable, WriteUnavailable

log = logging.getLogger(__name__)

_EXAMPLES: dict[int, tuple[str, str]] = {
    401: (
        "The API key is missing or wrong (only when the server has one set).",
        "missing or wrong API key: send `X-API-Key: <key>` or `Authorization: Bearer <key>`",
    ),
    403: (
        "The key is valid but may not do this: another seller's key, or a search key, writing a seller's products.",
        "this key writes only seller 'circuit-harbor''s products, not 'stride-lane''s",
    ),
    404: ("Nothing with that id.", "no product with id 'ear-sony-xm6'"),
    409: (
        "Another process holds the index's write lock.",
        "another process is writing to the index in the data directory: one writer at a time. ...",
    ),
    413: ("The request body or batch is too large.", "at most 1000 products a request, got 1500"),
    422: ("A parameter or the body is invalid; the message names it.", "q: String should have at most 200 characters"),
    429: (
        "Too many requests from this client; retry after `Retry-After` seconds.",
        "too many requests: at most 600 a minute (bursts of 100); retry after 2 s",
    ),
    503: (
        "The index is not loaded, the search server is unreachable, or (admin writes) the index cannot be written "
        "now; retry later.",
        "search is temporarily unavailable: OpenSearch is unreachable",
    ),
}

_HEADERS: dict[int, dict[str, Any]] = {
    401: {"WWW-Authenticate": {"description": "`Bearer`: how to send the key.", "schema": {"type": "string"}}},
    429: {
        "Retry-After": {
            "description": "Seconds until this client may send another request.",
            "schema": {"type": "integer", "example": 2},
        }
    },
}


def error_responses(*statuses: int, **messages: str) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for these error statuses, each with its description and an example body. An example
    message can be given per status as `e404="no product with id 'x'"`."""
    responses: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        description, message = _EXAMPLES[status]
        message = messages.get(f"e{status}", message)
        example = {"error": {"status": status, "message": message}}
        responses[status] = {
            "model": ErrorResponse,
            "description": description,
            "content": {"application/json": {"example": example}},
        }
        if status in _HEADERS:
            responses[status]["headers"] = _HEADERS[status]
    return responses


def without_paths(message: str, data_dir: Path) -> str:
    """`message` with the data directory's path left out: messages of the index (no index yet, another writer,
    another model) name it for the operator's terminal, but an API answer goes to anyone."""
    for path in sorted({str(data_dir), str(Path(data_dir).resolve())}, key=len, reverse=True):
        message = message.replace(f"--data-dir {path}", "--data-dir DATA_DIR").replace(path, "the data directory")
    return message


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": {"status": status, "message": message}}, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    """Map every error, expected or not, to the JSON shape."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return error_response(exc.status_code, str(exc.detail), exc.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for error in exc.errors():
            loc = error["loc"]
            if loc and loc[0] in ("query", "path", "body", "header"):  # where it was sent, not a field named so
                loc = loc[1:]
            where = ".".join(str(p) for p in loc)
            message = error["msg"].removeprefix("Value error, ")  # our validators' messages stand alone
            problems.append(f"{where}: {message}" if where else message)
        return error_response(422, "; ".join(problems) or "invalid request")

    @app.exception_handler(BackendUnavailable)
    async def backend_unavailable(_: Request, exc: BackendUnavailable) -> JSONResponse:
        log.warning("search backend unavailable: %s", exc)
        return error_response(503, f"search is temporarily unavailable: {exc}")

    @app.exception_handler(WriteUnavailable)
    async def write_unavailable(_: Request, exc: WriteUnavailable) -> JSONResponse:
        return error_response(503, str(exc), {"Retry-After": "10"})

    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(500, "internal error; the incident was logged")
