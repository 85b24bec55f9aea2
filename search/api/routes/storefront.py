"""GET / — the demo storefront page: static HTML, CSS and plain JS modules (no build step) calling the API."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

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
