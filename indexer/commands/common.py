"""What every `haitao` subcommand shares: the `--data-dir` option, the settings it gives, the error console."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from search.config import Settings

err = Console(stderr=True, soft_wrap=True)

DataDir = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        help="Index directory (default: HAITAO_DATA_DIR, else var/data).",
        show_default=False,
        metavar="DIR",
    ),
]

AsJson = Annotated[bool, typer.Option("--json", help="Print as JSON.")]


def _seller_id(value: str | None) -> str | None:
    """`--seller`: a seller id as the catalog defines it."""
    if value is None:
        return None
    from search.catalog import check_seller_id

    try:
        return check_seller_id(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


SellerOption = Annotated[
    str | None,
    typer.Option(
        "--seller",
        help="The seller (id: lowercase letters, digits, - and _) whose products these are (default: a `seller` "
        "column, else HAITAO_DEFAULT_SELLER).",
        metavar="SELLER",
        callback=_seller_id,
        show_default=False,
    ),
]


def settings_for(data_dir: Path | None, **overrides: object) -> Settings:
    """The settings from the environment, with `--data-dir` (when given) and other overrides applied."""
    if data_dir is not None:
        overrides["data_dir"] = data_dir
    return Settings(**overrides)


class SearchMode(StrEnum):
    """search.service.Mode's values (Mode is not imported here: importing it loads the whole search stack)."""

    HYBRID = "hybrid"
    KEYWORD = "keyword"
    VECTOR = "vector"
