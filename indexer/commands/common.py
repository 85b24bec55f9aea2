"""What every `haitao` subcommand shares: the `--data-dir` option, the settings it gives, the error console."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape

from search.config import Settings

if TYPE_CHECKING:
    from search.backends.base import SearchBackend

err = Console(stderr=True, soft_wrap=True)
_quick_exit = False  # set by a command that finished with nothing left to write (see `quick_exit`)

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


@contextmanager
def ending_on_error(prefix: str = "") -> Iterator[None]:
    """Ends the command (exit status 1) with the message of an error raised inside: IndexNotFound, IndexLocked, an
    unreachable cluster, a full disk… are the user's to act on, not tracebacks."""
    try:
        yield
    except typer.Exit:
        raise
    except Exception as exc:
        err.print(f"[red]error:[/] {prefix}{escape(str(exc))}")
        raise typer.Exit(1) from None


def open_index(data_dir: Path | None) -> SearchBackend:
    """The existing index of the settings (DATA_DIR's, or the OpenSearch cluster's), for the commands that read or
    change one; it ends the command when there is none (IndexNotFound), it is of another version (IndexMismatch), its
    manifest is broken or the cluster is unreachable."""
    from search.backends.factory import open_existing_backend

    with ending_on_error():
        return open_existing_backend(settings_for(data_dir))


def allow_quick_exit() -> None:
    """Called by a command that has finished and left nothing to write (a search: read-only, its service closed):
    the process may end without the interpreter's teardown (`quick_exit`)."""
    global _quick_exit
    _quick_exit = True


def quick_exit(code: int) -> None:
    """End the process now, with `code`, if the command allowed it (`allow_quick_exit`): its output flushed, the
    interpreter's teardown skipped (freeing every module and the model's session, joining idle library threads:
    a fifth of a `haitao search`). Returns when the command did not allow it."""
    if not _quick_exit:
        return
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):  # a closed pipe: nothing more can be written either way
            stream.flush()
    os._exit(code)
