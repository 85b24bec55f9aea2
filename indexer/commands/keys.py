"""`haitao keys`: scoped keys derived from the master secret (`search/keys.py`), issued without a key table —
`create` one (a seller's write key, or a search key with fixed filters), `inspect` what a key may do."""

from __future__ import annotations

import time
from typing import Annotated

import typer
from rich.markup import escape

from indexer.commands.common import SellerOption, err, settings_for

keys_app = typer.Typer(
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Scoped keys: a seller's write key, a storefront's search key with fixed filters.",
)


def _secret() -> str:
    from search.api.security import master_secret

    secret = master_secret(settings_for(None))
    if secret is None:
        err.print(
            "[red]error:[/] no master secret: set HAITAO_KEY_SECRET (at least 16 characters), or HAITAO_ADMIN_API_KEY, "
            "as the server has it"
        )
        raise typer.Exit(2)
    return secret


@keys_app.command("create")
def create(
    seller: SellerOption = None,
    search: Annotated[
        bool,
        typer.Option("--search", help="A search key (with --seller: that seller's storefront sees only its products)."),
    ] = False,
    filters: Annotated[
        list[str] | None,
        typer.Option(
            "--filter", help="A fixed filter of a search key, NAME=VALUE (repeatable): brand=Sony.", metavar="F"
        ),
    ] = None,
    expires_in: Annotated[
        float | None, typer.Option("--expires-in", min=0.0, help="Days until the key expires.", metavar="DAYS")
    ] = None,
) -> None:
    """Print a new key: `--seller S` writes only S's products; `--search` searches under fixed filters."""
    from search.keys import ScopedKey, create_key

    expires = int(time.time() + expires_in * 86400) if expires_in is not None else None
    fixed: dict[str, list[str]] = {}
    for item in filters or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise typer.BadParameter(f"{item!r} is not NAME=VALUE (e.g. seller=circuit-harbor)", param_hint="--filter")
        fixed.setdefault(name.strip(), []).append(value.strip())
    try:
        if search:
            if seller is not None:
                fixed.setdefault("seller", []).append(seller)
            key = ScopedKey("search", filters=tuple((n, tuple(v)) for n, v in fixed.items()), expires=expires)
        else:
            if seller is None or fixed:
                raise ValueError(
                    "give --seller SELLER for a write key, or --search [--seller S] [--filter F] for a search key"
                )
            key = ScopedKey("write", seller=seller, expires=expires)
    except ValueError as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(2) from None
    typer.echo(create_key(_secret(), key))
    err.print(f"this key {key.describe()}")


@keys_app.command("inspect")
def inspect(key: Annotated[str, typer.Argument(help="A key made by `haitao keys create`.", metavar="KEY")]) -> None:
    """Check a key against the master secret and say what it may do."""
    from search.keys import InvalidKey, read_key

    try:
        scoped = read_key(_secret(), key.strip())
    except InvalidKey as exc:
        err.print(f"[red]invalid:[/] {escape(str(exc))}")
        raise typer.Exit(1) from None
    typer.echo(f"valid: this key {scoped.describe()}")
