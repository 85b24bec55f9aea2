"""The `haitao` command: `index` a feed, `delete` products, `stats`, `serve` the API, `search` from the terminal
(`indexer/commands/search.py`), `eval` relevance (`indexer/commands/eval.py`); `haitao --version`.

Help is rendered plainly by click (`rich_markup_mode=None`): flags read `--rebuild`, values `--data-dir DIR`."""

from __future__ import annotations

import contextlib
import json
import logging
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.progress import Progress as RichProgress

from indexer.commands.common import DataDir, err, settings_for
from indexer.commands.eval import eval_command
from indexer.commands.search import search_command
from search import __version__

if TYPE_CHECKING:
    from search.backends.base import SearchBackend

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Haitao Search: Chinese search over US catalogs.",
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"haitao {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", help="Print the version and exit.", callback=_print_version, is_eager=True),
    ] = False,
) -> None:
    """Haitao Search: Chinese search over US catalogs."""


class _BarProgress:
    def __init__(self, bar: RichProgress, rows_task: int, embed_task: int) -> None:
        self.bar, self.rows_task, self.embed_task = bar, rows_task, embed_task

    def rows(self, n: int) -> None:
        self.bar.advance(self.rows_task, n)

    def embedded(self, n: int) -> None:
        self.bar.advance(self.embed_task, n)


FORMATS = "jsonl, csv, shopify, merchant-tsv (tsv), merchant-xml (xml)"


def _shop_url(value: str | None) -> str | None:
    """`--shop-url`: an http(s) address; `shop.example.com` is taken as https://shop.example.com."""
    if value is None:
        return None
    url = value.strip().rstrip("/")
    if "://" not in url:
        url = f"https://{url}"
    scheme, _, rest = url.partition("://")
    host = rest.split("/", 1)[0]
    if scheme.lower() not in ("http", "https") or not host or any(c.isspace() for c in url):
        raise typer.BadParameter(f"{value!r} is not a web address like https://shop.example.com")
    return url


@app.command()
def index(
    file: Annotated[
        Path,
        typer.Argument(
            help="Catalog feed: .jsonl, .csv or .xlsx (plain or Shopify export), .tsv/.txt or .xml (Google "
            "Merchant Center); text optionally .gz.",
            metavar="FILE",
            show_default=False,
        ),
    ],
    data_dir: DataDir = None,
    fmt: Annotated[
        str | None, typer.Option("--format", help=f"{FORMATS} (default: from the file).", metavar="FORMAT")
    ] = None,
    rejects: Annotated[
        Path | None,
        typer.Option(
            help="Where to write rejected rows, in the feed's format (default: DATA_DIR/rejects/).", metavar="PATH"
        ),
    ] = None,
    shop_url: Annotated[
        str | None,
        typer.Option(
            "--shop-url",
            help="The shop's address, e.g. https://shop.example.com: Shopify products link to URL/products/HANDLE.",
            metavar="URL",
            callback=_shop_url,
        ),
    ] = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Build a new index from this feed and swap it in when complete.")
    ] = False,
    delete_missing: Annotated[
        bool, typer.Option("--delete-missing", help="The feed is the full catalog: remove products it lacks.")
    ] = False,
) -> None:
    """Validate a feed and index its good rows (unchanged products are skipped)."""
    from indexer import provenance
    from indexer.feeds import FeedOptions, UnknownFormat, count_lines, open_feed
    from indexer.pipeline import IndexingFailed, IndexPipeline, default_rejects_path
    from search.encoders import ModelLoadError, encoder_for
    from search.writer import CatalogWriter

    settings = settings_for(data_dir)
    if not file.is_file():
        err.print(f"[red]error:[/] no such file: {file}")
        raise typer.Exit(2)
    options = FeedOptions(shop_url=shop_url)
    try:
        reader = open_feed(file, fmt, options)
    except UnknownFormat as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(2) from None
    if shop_url and reader.format != "shopify":
        err.print(f"[yellow]note:[/] --shop-url is for Shopify exports; {file.name} is read as {reader.format}")
    rejects = rejects or default_rejects_path(settings.data_dir, reader)
    problem = _unwritable(settings.data_dir)
    if problem:
        err.print(f"[red]error:[/] {escape(problem)}; the index was not touched")
        raise typer.Exit(1)

    with err.status("loading the model and dictionaries…"):
        try:
            embedder = encoder_for(settings)
        except ModelLoadError as exc:
            err.print(f"[red]error:[/] {escape(str(exc))}")
            raise typer.Exit(1) from None
        try:
            writer = CatalogWriter.open(settings, embedder, rebuild=rebuild)
            products_before = 0 if rebuild else writer.backend.stats().count
        except Exception as exc:  # IndexMismatch, IndexLocked, the cache, OS errors: all end the run with their message
            err.print(f"[red]error:[/] {escape(str(exc))}")
            raise typer.Exit(1) from None

    def check_catalog(first_ids: list[str]) -> None:
        warning = provenance.other_catalog(writer.backend, settings.data_dir, file, first_ids, products_before)
        if warning:
            err.print(f"[yellow]warning:[/] {escape(warning)}")

    columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn()]
    with RichProgress(*columns, TimeElapsedColumn(), console=err, disable=not err.is_terminal, transient=True) as bar:
        total = count_lines(file) if err.is_terminal else None
        progress = _BarProgress(bar, bar.add_task("read", total=total), bar.add_task("embedded", total=None))
        try:
            with writer:  # a rebuild replaces the live index only if this block completes with products accepted
                report = IndexPipeline(writer, settings.index_batch_size).run(
                    reader,
                    rejects_path=rejects,
                    progress=progress,
                    on_reject=lambda r: err.print(f"[yellow]rejected[/] {escape(r.describe())}"),
                    delete_missing=delete_missing,
                    on_warning=lambda w: err.print(f"[yellow]warning[/] {escape(w.describe())}"),
                    before_first_write=check_catalog,
                )
                bar.update(progress.rows_task, description="preparing search (vector graph of a large index)")
        except IndexingFailed as exc:  # the disk is full, read-only, over a size limit: say so, keep what is committed
            done = exc.report
            if rebuild:
                kept = "the live index is as it was (the new one is dropped)"
            else:
                counts = f"{done.indexed} indexed, {done.unchanged} unchanged"
                kept = f"the index keeps every batch committed before ({counts})"
            err.print(
                f"[red]error:[/] indexing stopped: {escape(str(exc))}; {kept}. "
                "Fix the cause and run again: what was indexed is skipped as unchanged."
            )
            raise typer.Exit(1) from None
    if report.valid:
        with contextlib.suppress(OSError):  # only the record of what built the index: never worth a failure
            provenance.record(settings.data_dir, file, reader.format, report.valid, rebuild=rebuild)
    for note in report.notes:
        err.print(f"[yellow]note:[/] {escape(note)}")
    if report.rejected:
        err.print(f"{report.rejected} rejected rows written to {report.rejects_file} (reasons beside it)")
    typer.echo(report.summary())
    if report.valid == 0:
        message = "nothing was indexed: no valid product in the feed"
        if rebuild:
            message += "; the index was left as it was"
        err.print(f"[red]error:[/] {message}")
        raise typer.Exit(1)


@app.command()
def delete(
    ids: Annotated[list[str], typer.Argument(help="Product ids to remove.", metavar="ID...")],
    data_dir: DataDir = None,
) -> None:
    """Remove products from the index by id."""
    from search.writer import CatalogWriter

    backend = _open_existing(data_dir)
    try:
        deleted = CatalogWriter(backend, None, None).delete(ids)
    except Exception as exc:  # IndexLocked, an unreachable cluster, a failed write: end with the message
        err.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(1) from None
    finally:
        backend.close()
    typer.echo(f"deleted {deleted} of {len(ids)}")
    missing = len(set(ids)) - deleted
    if missing:
        err.print(f"[yellow]note:[/] {missing} of the ids were not in the index")


@app.command()
def stats(
    data_dir: DataDir = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """Products in the index, its last update, model and dimension."""
    backend = _open_existing(data_dir)
    try:
        info = backend.stats()
    except Exception as exc:  # an unreachable cluster: end with the message
        err.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(1) from None
    finally:
        backend.close()
    from indexer import provenance

    feeds = provenance.feeds(settings_for(data_dir).data_dir)
    fields = {"products": info.count, "updated_at": info.updated_at, "model": info.model, "dims": info.dim}
    if as_json:
        typer.echo(json.dumps({**fields, "feeds": [asdict(feed) for feed in feeds]}))
        return
    for name, value in fields.items():
        typer.echo(f"{name:<11} {value if value is not None else '-'}")
    for feed in feeds:
        typer.echo(f"{'feed':<11} {feed.path} ({feed.format}, {feed.products} products, {feed.indexed_at})")


def _unwritable(data_dir: Path) -> str | None:
    """Why nothing can be written in the data directory (read-only, no permission), or None."""
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=data_dir):
            pass
    except OSError as exc:
        return f"cannot write in {data_dir}: {exc.strerror or exc}"
    return None


def _open_existing(data_dir: Path | None) -> SearchBackend:
    from search.backends.factory import open_existing_backend

    try:
        return open_existing_backend(settings_for(data_dir))
    except Exception as exc:  # IndexNotFound, a broken manifest, an unreachable cluster: end with the message
        err.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(1) from None


@app.command()
def serve(
    data_dir: DataDir = None,
    host: Annotated[str | None, typer.Option(help="Listen address (default: HAITAO_HOST).", metavar="HOST")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default: HAITAO_PORT, else 8000).", metavar="PORT")] = None,
) -> None:
    """Serve the HTTP API."""
    from search.api.app import create_app
    from search.api.server import serve as serve_app

    overrides = {k: v for k, v in {"host": host, "port": port}.items() if v is not None}
    settings = settings_for(data_dir, **overrides)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    serve_app(create_app(settings), settings.host, settings.port)


app.command("search")(search_command)
app.command("eval")(eval_command)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:  # committed batches are kept; a rerun continues from there
        err.print("interrupted")
        sys.exit(130)
