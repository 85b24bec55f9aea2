"""The `haitao` command: `index` a feed, `delete` products, `stats`, `serve` the API, `search` from the terminal
(`indexer/commands/search.py`), `eval` relevance (`indexer/commands/eval.py`), manage `sellers` and issue scoped
`keys` (`indexer/commands/sellers.py`), `migrate` an index of an older version, `analytics` reports
(`indexer/commands/analytics.py`), runtime `synonyms` (`indexer/commands/synonyms.py`); `haitao --version`.

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

from indexer.commands.analytics import analytics_command
from indexer.commands.common import (
    AsJson,
    DataDir,
    SellerOption,
    ending_on_error,
    err,
    open_index,
    quick_exit,
    settings_for,
)
from indexer.commands.eval import eval_command
from indexer.commands.keys import keys_app
from indexer.commands.search import search_command
from indexer.commands.sellers import sellers_app
from indexer.commands.synonyms import synonyms_app
from search import __version__
from search.catalog import split_key
from search.config import Settings

if TYPE_CHECKING:
    from fastapi import FastAPI

    from search.encoders.base import Encoder

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
        bool,
        typer.Option(
            "--delete-missing",
            help="The feed is its sellers' full catalog: remove their products it lacks (only --seller's with it).",
        ),
    ] = False,
    seller: SellerOption = None,
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
    if not rebuild and _needs_migration(settings):
        err.print("[yellow]note:[/] the index was built by an older version: migrating it first (haitao migrate)")
        _migrate(settings)
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
        with ending_on_error():  # IndexMismatch, IndexLocked, the cache, OS errors: all end the run with their message
            writer = CatalogWriter.open(settings, embedder, rebuild=rebuild)

    def check_catalog(first_keys: list[str]) -> None:
        """A feed none of whose first products the index holds, though it holds products of their sellers."""
        if rebuild:
            return
        per_seller = writer.backend.facet_values("seller", 1_000_000)
        before = sum(per_seller.get(name, 0) for name in {split_key(key)[0] for key in first_keys})
        warning = provenance.other_catalog(writer.backend, settings.data_dir, file, first_keys, before)
        if warning:
            err.print(f"[yellow]warning:[/] {escape(warning)}")

    columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn()]
    with RichProgress(*columns, TimeElapsedColumn(), console=err, disable=not err.is_terminal, transient=True) as bar:
        total = count_lines(file) if err.is_terminal else None
        progress = _BarProgress(bar, bar.add_task("read", total=total), bar.add_task("embedded", total=None))
        try:
            with writer:  # a rebuild replaces the live index only if this block completes with products accepted
                pipeline = IndexPipeline(writer, settings.index_batch_size, seller, settings.default_seller)
                report = pipeline.run(
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
        with err.status("preparing search (the catalog's lexicon and vector floor)…"):
            problem = _prepare_search(settings, embedder)
        if problem:
            err.print(f"[yellow]note:[/] {escape(problem)}")
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


def _prepare_search(settings: Settings, embedder: Encoder) -> str | None:
    """The next search's catalog pass made now, while the model is loaded (kept in DATA_DIR/cache): a `haitao
    search` after `haitao index` then answers without it. The index is written whatever happens here: a failure is
    only a note (the first search makes the pass instead)."""
    from search.service import SearchService

    try:
        service = SearchService(settings, embedder, suggestions=False, on_demand=True)
        try:
            service.prepare_catalog()
        finally:
            service.close()
    except Exception as exc:  # the index is committed: this only saves the next search some time
        return f"the search's catalog cache was not prepared ({exc}); the first search makes it"
    return None


@app.command()
def delete(
    ids: Annotated[list[str], typer.Argument(help="Product ids to remove.", metavar="ID...")],
    data_dir: DataDir = None,
    seller: SellerOption = None,
) -> None:
    """Remove products from the index by id (a seller's: --seller; else the default seller's)."""
    from search.catalog import product_key
    from search.writer import CatalogWriter

    owner = seller or settings_for(data_dir).default_seller
    with contextlib.closing(open_index(data_dir)) as backend, ending_on_error():  # IndexLocked, a failed write…
        deleted = CatalogWriter(backend, None, None).delete([product_key(owner, product_id) for product_id in ids])
    typer.echo(f"deleted {deleted} of {len(ids)}")
    missing = len(set(ids)) - deleted
    if missing:
        err.print(f"[yellow]note:[/] {missing} of the ids were not seller {owner!r}'s products in the index")


@app.command()
def stats(
    data_dir: DataDir = None,
    as_json: AsJson = False,
) -> None:
    """Products in the index, per seller, its last update, model and dimension."""
    from indexer.commands.sellers import seller_rows

    with contextlib.closing(open_index(data_dir)) as backend, ending_on_error():  # an unreachable cluster
        info = backend.stats()
        sellers = seller_rows(backend)
    from indexer import provenance

    feeds = provenance.feeds(settings_for(data_dir).data_dir)
    fields = {"products": info.count, "updated_at": info.updated_at, "model": info.model, "dims": info.dim}
    if as_json:
        typer.echo(json.dumps({**fields, "sellers": sellers, "feeds": [asdict(feed) for feed in feeds]}))
        return
    for name, value in fields.items():
        typer.echo(f"{name:<11} {value if value is not None else '-'}")
    typer.echo(f"{'sellers':<11} {len(sellers)}")
    for row in sellers:
        typer.echo(f"  {row['id']:<30} {row['products']:>8,} products  {row['name']}")
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


@app.command()
def serve(
    data_dir: DataDir = None,
    host: Annotated[str | None, typer.Option(help="Listen address (default: HAITAO_HOST).", metavar="HOST")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default: HAITAO_PORT, else 8000).", metavar="PORT")] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            help="Server processes sharing the port (default: HAITAO_WORKERS; 0 = one per core for a read-only "
            "server, 1 with the admin key set).",
            min=0,
            max=64,
            metavar="N",
        ),
    ] = None,
) -> None:
    """Serve the HTTP API."""
    from search.api.server import limit_malloc_arenas, serve_workers, worker_count
    from search.api.server import serve as serve_app

    limit_malloc_arenas()  # before the app starts its threads: flat memory under load (search/api/server.py)
    overrides = {k: v for k, v in {"host": host, "port": port, "workers": workers}.items() if v is not None}
    settings = settings_for(data_dir, **overrides)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    processes = worker_count(settings)
    if processes > 1 and settings.admin_api_key is not None:
        err.print(
            f"--workers {processes}: a server with the admin key writes the index, which one process at a time "
            "may do; run it with one worker (and, for more search throughput, a second `haitao serve` without "
            "the admin key on the same data directory)"
        )
        raise typer.Exit(2)
    if processes == 1:
        from search.api.app import create_app

        serve_app(create_app(settings), settings.host, settings.port)
    else:  # the app is made in each worker process, after the fork
        serve_workers(settings, _make_app, processes)


def _make_app(settings: Settings) -> FastAPI:
    from search.api.app import create_app

    return create_app(settings)


@app.command()
def migrate(data_dir: DataDir = None) -> None:
    """Bring an index built by an older version of Haitao Search to this one (its records and vectors are
    rewritten into a new index, nothing is embedded again; the old one stays live until the new one is complete)."""
    settings = settings_for(data_dir)
    if not _needs_migration(settings):
        typer.echo("the index is already of this version: nothing to migrate")
        return
    _migrate(settings)


def _needs_migration(settings: Settings) -> bool:
    from search.migration import needs_migration

    with ending_on_error():  # an unreachable cluster, a broken manifest
        return needs_migration(settings)


def _migrate(settings: Settings) -> None:
    from search.migration import migrate

    # IndexLocked, an unreachable cluster, a full disk: the old index stays live
    status = "migrating the index (records and vectors rewritten; nothing is embedded)…"
    with err.status(status), ending_on_error("migration failed, the index is as it was: "):
        result = migrate(settings)
    err.print(
        f"migrated {result.products:,} products from schema version {result.from_version} to {result.to_version} "
        f"in {result.seconds:.1f} s (products without a seller are {settings.default_seller!r}'s)"
    )


app.command("search")(search_command)
app.command("eval")(eval_command)
app.add_typer(sellers_app, name="sellers")
app.add_typer(keys_app, name="keys")
app.command("analytics")(analytics_command)
app.add_typer(synonyms_app, name="synonyms")


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:  # committed batches are kept; a rerun continues from there
        err.print("interrupted")
        sys.exit(130)
    except SystemExit as done:  # how click ends every command
        if done.code is None or isinstance(done.code, int):
            quick_exit(done.code or 0)
        raise
