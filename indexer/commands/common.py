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
