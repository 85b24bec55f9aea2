"""The `haitao` command: `index` a feed, `serve` the API, `search` from the terminal."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.progress import Progress as RichProgress

from search.config import Settings

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Haitao Search: Chinese search over US catalogs.")
err = Console(stderr=True, soft_wrap=True)

DataDir = Annotated[
    Path | None,
    typer.Option("--data-dir", help="Index directory (default: HAITAO_DATA_DIR, else var/data).", show_default=False),
]


def _settings(data_dir: Path | None) -> Settings:
    return Settings(data_dir=data_dir) if data_dir is not None else Settings()


class _BarProgress:
    def __init__(self, bar: RichProgress, rows_task: int, embed_task: int) -> None:
        self.bar, self.rows_task, self.embed_task = bar, rows_task, embed_task

    def rows(self, n: int) -> None:
        self.bar.advance(self.rows_task, n)

    def embedded(self, n: int) -> None:
        self.bar.advance(self.embed_task, n)


@app.command()
def index(
    file: Annotated[Path, typer.Argument(help="Catalog feed: JSON Lines (.jsonl) or CSV (.csv), optionally .gz.")],
    data_dir: DataDir = None,
    fmt: Annotated[str | None, typer.Option("--format", help="jsonl or csv (default: from the extension).")] = None,
    rejects: Annotated[
        Path | None, typer.Option(help="Where to write rejected rows (default: DATA_DIR/rejects/FILE.rejects.jsonl).")
    ] = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Delete the index first and build it anew.")] = False,
) -> None:
    """Validate a feed and index its good rows (unchanged products are skipped)."""
    from indexer.feeds import UnknownFormat, count_lines, detect_format
    from indexer.pipeline import IndexPipeline
    from search.analysis.query import default_analysis
    from search.backends.factory import open_backend
    from search.embedding import Embedder, ModelLoadError

    settings = _settings(data_dir)
    if not file.is_file():
        err.print(f"[red]error:[/] no such file: {file}")
        raise typer.Exit(2)
    try:
        fmt = fmt or detect_format(file)
    except UnknownFormat as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(2) from None
    rejects = rejects or settings.data_dir / "rejects" / f"{file.name}.rejects.jsonl"
    with err.status("loading the model and dictionaries…"):
        try:
            embedder = Embedder(settings.model, settings.torch_threads)
        except ModelLoadError as exc:
            err.print(f"[red]error:[/] {escape(str(exc))}")
            raise typer.Exit(1) from None
        segmenter = default_analysis().segmenter
    try:
        backend = open_backend(settings, embedder.name, embedder.dim, create=True, rebuild=rebuild)
    except Exception as exc:  # IndexMismatch, IndexLocked, OS errors: all end the run with their message
        err.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(1) from None

    pipeline = IndexPipeline(backend, embedder, segmenter, settings.index_batch_size, settings.embed_batch_size)
    total = count_lines(file)
    columns = [
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    ]
    with RichProgress(*columns, console=err, disable=not err.is_terminal, transient=True) as bar:
        progress = _BarProgress(bar, bar.add_task("read", total=total), bar.add_task("embedded", total=None))
        try:
            report = pipeline.run(
                file,
                fmt,
                rejects,
                progress,
                on_reject=lambda r: err.print(f"[yellow]rejected[/] {escape(r.describe())}"),
            )
            if rebuild and report.valid:
                backend.commit_rebuild()  # OpenSearch: the alias moves to the complete new index now
        finally:
            backend.close()
    if report.rejected:
        err.print(f"{report.rejected} rejected rows written to {report.rejects_file}")
    typer.echo(report.summary())
    if report.valid == 0:
        err.print("[red]error:[/] nothing was indexed: no valid product in the feed")
        raise typer.Exit(1)


@app.command()
def serve(
    data_dir: DataDir = None,
    host: Annotated[str | None, typer.Option(help="Listen address (default: HAITAO_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default: HAITAO_PORT, else 8000).")] = None,
) -> None:
    """Serve the HTTP API."""
    from search.api.app import create_app
    from search.api.server import serve as serve_app

    overrides = {k: v for k, v in {"data_dir": data_dir, "host": host, "port": port}.items() if v is not None}
    settings = Settings(**overrides)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    serve_app(create_app(settings), settings.host, settings.port)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="What a shopper types, e.g. 蓝牙耳机.")],
    data_dir: DataDir = None,
    size: Annotated[int, typer.Option(help="Hits to show.")] = 10,
    explain: Annotated[bool, typer.Option("--explain", help="Print the query analysis as JSON.")] = False,
) -> None:
    """Search the index from the terminal."""
    from search.backends.base import BackendUnavailable, IndexMismatch, IndexNotFound
    from search.embedding import ModelLoadError
    from search.service import SearchRequest, SearchService

    try:
        service = SearchService(_settings(data_dir))
    except (IndexNotFound, IndexMismatch, ModelLoadError) as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(1) from None
    try:
        outcome = service.search(SearchRequest(q=query, size=size))
    except BackendUnavailable as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(1) from None
    if explain and outcome.analyzed is not None:
        typer.echo(json.dumps(outcome.analyzed.explain(), ensure_ascii=False, indent=2))
    typer.echo(f"{outcome.result.total} results in {outcome.took_ms:.0f} ms")
    for rank, hit in enumerate(outcome.result.hits, start=1):
        typer.echo(f"{rank:3d}. {hit.product.id}  ${hit.product.price:<8.2f} {hit.product.title}")
    service.close()


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:  # committed batches are kept; a rerun continues from there
        err.print("interrupted")
        sys.exit(130)
