"""GET / — the demo storefront page: static HTML, CSS and plain JS modules calling the API; and
GET /storefront/facets.json, its facet list, derived from the field registry (a facet added there appears in the
page).

The page's modules are written by hand but for one: static/haitao-client.js, the JS client (clients/js) bundled by
`make js` / `make demo` (`npm run storefront`), a build output that is not committed. Without it the page cannot
work, so GET / then answers 503 with a page saying how to build it (and the server logs it once)."""

from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import Any

from fastapi import APIRouter
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

from search.fields import FIELDS

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
STATIC_PATH = "/static"
CLIENT_BUNDLE = "haitao-client.js"
BUILD_HINT = "run `make js` (or `cd clients/js && npm ci && npm run storefront`)"

router = APIRouter(include_in_schema=False)


@router.get("/", response_model=None)
def storefront() -> FileResponse | HTMLResponse:
    if not (STATIC_DIR / CLIENT_BUNDLE).is_file():
        return _not_built()
    # no-cache: the browser revalidates (ETag), so a new version of the page is never mixed with old scripts.
    return FileResponse(STATIC_DIR / "index.html", headers={"Cache-Control": "no-cache"})


_warned = False


def _not_built() -> HTMLResponse:
    global _warned
    missing = STATIC_DIR / CLIENT_BUNDLE
    if not _warned:
        log.error("the storefront cannot be served: %s is missing (a build output): %s", missing, BUILD_HINT)
        _warned = True
    message = f"The storefront's JS client bundle ({missing}) has not been built: {BUILD_HINT}, then reload."
    return HTMLResponse(
        f"<!doctype html><meta charset=utf-8><title>Storefront not built</title><p>{html.escape(message)}</p>",
        status_code=503,
        headers={"Cache-Control": "no-cache"},
    )


def static_files() -> StaticFiles:
    """The page's assets, to mount at STATIC_PATH."""
    return StaticFiles(directory=STATIC_DIR)


@router.get("/storefront/facets.json")
def facets() -> list[dict[str, Any]]:
    """The facets the page shows, in registry order: name, the heading, the type (`keyword` lists values to tick;
    `category`, `availability` and `price` have their own controls), the key of the filter in an explained search
    and the filter parameter of keyword facets (the name, but `variant_size` for `size`)."""
    return [
        {"name": f.name, "label": f.label, "type": f.type.value, "filter": f.filter_name, "param": f.parameter}
        for f in FIELDS
        if f.facetable
    ]
