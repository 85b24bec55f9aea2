"""`haitao sellers`: the marketplace's sellers — `list` them with their products, `add` one or change its record,
`load` records from a JSON Lines file, `remove` one with all its products.

A seller also gets a record, named by its id, with its first products (`haitao index FILE --seller S`), so none of
these is needed before a first import; `add` names it."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape

from indexer.commands.common import AsJson, DataDir, ending_on_error, err, open_index

if TYPE_CHECKING:
    from search.backends.base import SearchBackend

sellers_app = typer.Typer(
    no_args_is_help=True,
    rich_markup_mode=None,
    help="The sellers: list them, add one (or change its record), load records, remove one with its products.",
)

SellerArgument = Annotated[str, typer.Argument(help="The seller's id (lowercase letters, digits, - and _).")]


def seller_rows(backend: SearchBackend) -> list[dict[str, Any]]:
    """Each seller with a record or products: id, name, state, products."""
    from search.sellers import listing

    return [
        {"id": seller.id, "name": seller.display_name, "state": seller.state, "products": products}
        for seller, products in listing(backend.sellers(), backend.facet_values("seller", 1_000_000))
    ]


@sellers_app.command("list")
def list_sellers(
    data_dir: DataDir = None,
    as_json: AsJson = False,
) -> None:
    """Every seller: id, products in the index, ship-from state, name."""
    with contextlib.closing(open_index(data_dir)) as backend, ending_on_error():  # an unreachable cluster
        rows = seller_rows(backend)
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False))
        return
    if not rows:
        typer.echo("no sellers yet: index a feed with `haitao index FILE --seller SELLER`")
    for row in rows:
        typer.echo(f"{row['id']:<30} {row['products']:>8,} products  {row['state'] or '--'}  {row['name']}")


@sellers_app.command("add")
def add_seller(
    seller: SellerArgument,
    name: Annotated[str | None, typer.Option(help="The name shoppers see.", metavar="NAME")] = None,
    state: Annotated[str | None, typer.Option(help="US state it ships from (two letters).", metavar="ST")] = None,
    specialty: Annotated[
        list[str] | None, typer.Option("--specialty", help="What it is known for (repeatable).", metavar="TEXT")
    ] = None,
    data_dir: DataDir = None,
) -> None:
    """Add a seller, or change its record (what is not given is kept)."""
    from search.sellers import Seller

    backend = open_index(data_dir)
    try:
        current = backend.sellers().get(seller)
        base = current.model_dump() if current is not None else {"id": seller, "name": seller}
        changes = {"name": name, "state": state, "specialties": specialty or None}
        record = Seller.model_validate({**base, **{k: v for k, v in changes.items() if v is not None}})
        _write(backend, lambda writer: writer.put_sellers([record]))
    except ValueError as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(2) from None
    finally:
        backend.close()
    typer.echo(f"{'changed' if current is not None else 'added'} seller {seller!r}: {record.display_name}")


@sellers_app.command("load")
def load_sellers(
    file: Annotated[Path, typer.Argument(help="Seller records, JSON Lines: {id, name, state, specialties}.")],
    data_dir: DataDir = None,
) -> None:
    """Add or replace the seller records of a JSON Lines file (e.g. data/demo/sellers.jsonl)."""
    from search.sellers import read_sellers

    try:
        records = list(read_sellers(file))
    except (OSError, ValueError) as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(2) from None
    backend = open_index(data_dir)
    try:
        _write(backend, lambda writer: writer.put_sellers(records))
    finally:
        backend.close()
    typer.echo(f"loaded {len(records)} sellers from {file}")


@sellers_app.command("remove")
def remove_seller(
    seller: SellerArgument,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
    data_dir: DataDir = None,
) -> None:
    """Remove a seller and every one of its products."""
    backend = open_index(data_dir)
    try:
        products = backend.facet_values("seller", 1_000_000).get(seller, 0)
        if seller not in backend.sellers() and not products:
            err.print(f"[red]error:[/] no seller {seller!r}")
            raise typer.Exit(1)
        if not yes and not typer.confirm(f"remove seller {seller!r} and its {products:,} products?"):
            raise typer.Exit(1)
        removed: list[int] = []
        _write(backend, lambda writer: removed.append(writer.remove_seller(seller)[0]))
    finally:
        backend.close()
    typer.echo(f"removed seller {seller!r} and its {removed[0]:,} products")


def _write(backend: SearchBackend, change) -> None:
    """Run `change(writer)` with a writer on the backend (no model: it changes records, removes products)."""
    from search.writer import CatalogWriter

    with ending_on_error():  # IndexLocked (a server with admin routes holds the index), a full disk, a cluster down
        change(CatalogWriter(backend, None, None))
