"""GET / — the demo storefront page: static HTML, CSS and plain JS modules (no build step) calling the API; and
GET /storefront/facets.json, its facet list, derived from the field registry (a facet added there appears in the
page)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from search.fields import FIELDS

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
STATIC_PATH = "/static"

router = APIRouter(include_in_schema=False)


@router.get("/")
def storefront() -> FileResponse:
    # no-cache: the browser revalidates (ETag), so a new version of the page is never mixed with old scripts.
    return FileResponse(STATIC_DIR / "index.html", headers={"Cache-Control": "no-cache"})


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
