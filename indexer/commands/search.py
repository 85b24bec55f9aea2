"""`haitao search QUERY`: search an index from the terminal, through its running server when there is one.

A `haitao serve` records where it listens in its data directory (`search/api/running.py`); a search of that
directory asks it over HTTP (its model is loaded, its index open: an answer in milliseconds, nothing heavy imported
here). Without one, or with `--local`, the search runs in this process, loading the index, the query analysis and
the encoder first: the encoder's session is made in a thread of its own while this one imports and loads the rest
(ONNX Runtime makes it without holding the GIL), and a finished command ends without tearing the interpreter down
(`quick_exit`: nothing is left to write, the output is flushed). `--server URL` asks a given server (another
machine's) instead; it must answer.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape

from indexer.commands.common import DataDir, SearchMode, allow_quick_exit, err, settings_for
from search.config import Settings

if TYPE_CHECKING:
    from search.encoders import Encoder

CONNECT_TIMEOUT_S = 2.0  # a recorded server on this machine answers at once, or not at all
SEARCH_TIMEOUT_S = 30.0


@dataclass
class Hit:
    id: str
    title: str
    price: float
    price_max: float | None


@dataclass
class Answer:
    total: int
    took_ms: float
    hits: list[Hit]
    explain: dict[str, Any] | None
    via: str  # "server http://…" or "this process"


class ServerError(Exception):
    """The server answered, but not with results (401, 422, 503, ...): its message."""


def search_command(
    query: Annotated[str, typer.Argument(help="What a shopper types, e.g. 蓝牙耳机.", metavar="QUERY")],
    data_dir: DataDir = None,
    size: Annotated[int, typer.Option(min=1, max=100, help="Hits to show.", metavar="N")] = 10,
    explain: Annotated[bool, typer.Option("--explain", help="Print the query analysis as JSON.")] = False,
    local: Annotated[
        bool, typer.Option("--local", help="Search in this process even when a server of the index runs.")
    ] = False,
    server: Annotated[
        str | None,
        typer.Option("--server", help="Ask this server (e.g. http://10.0.0.5:8000) instead.", metavar="URL"),
    ] = None,
    mode: Annotated[
        SearchMode, typer.Option(help="Retrieval: both legs fused (hybrid), or one leg alone.")
    ] = SearchMode.HYBRID,
) -> None:
    """Search the index from the terminal (through its running server, if there is one)."""
    settings = settings_for(data_dir)
    url = server.rstrip("/") if server else None
    if url is None and not local:
        from search.api.running import find

        recorded = find(settings.data_dir)
        url = recorded.url if recorded else None
    answer = None
    if url is not None:
        try:
            answer = _ask_server(url, settings, query, size, explain, mode)
        except (OSError, ServerError) as exc:
            if server or isinstance(exc, ServerError):
                err.print(f"[red]error:[/] {escape(url)}: {escape(str(exc))}")
                raise typer.Exit(1) from None
            err.print(f"[yellow]note:[/] the server recorded for {settings.data_dir} does not answer ({exc}); "
                      "searching in this process")  # fmt: skip
    if answer is None:
        answer = _search_here(settings, query, size, explain, mode)
    _print(answer, explain)
    allow_quick_exit()  # read-only: nothing left to write once the answer is printed


def _ask_server(url: str, settings: Settings, query: str, size: int, explain: bool, mode: SearchMode) -> Answer:
    params = {"q": query, "size": size, "fields": "id,title,price,price_max", "mode": mode.value}
    if explain:
        params["explain"] = "true"
    request = urllib.request.Request(f"{url}/v1/search?{urllib.parse.urlencode(params)}")
    if settings.search_api_key is not None:
        request.add_header("X-API-Key", settings.search_api_key.get_secret_value())
    try:
        with urllib.request.urlopen(request, timeout=SEARCH_TIMEOUT_S) as response:
            body = json.load(response)
    except urllib.error.HTTPError as exc:
        raise ServerError(_error_message(exc)) from None
    except urllib.error.URLError as exc:
        raise OSError(str(exc.reason)) from None
    hits = [
        Hit(h["id"], h.get("title") or "", h["price"]["usd"], (h.get("price_max") or {}).get("usd"))
        for h in body["hits"]
    ]
    return Answer(body["total"], body["took_ms"], hits, body.get("explain"), f"server {url}")


def _error_message(exc: urllib.error.HTTPError) -> str:
    try:
        message = json.loads(exc.read())["error"]["message"]
    except (ValueError, KeyError, TypeError, OSError):
        message = exc.reason
    if exc.code == 401:
        message += " (set HAITAO_SEARCH_API_KEY to the server's search key)"
    return f"{exc.code} {message}"


def _search_here(settings: Settings, query: str, size: int, explain: bool, mode: SearchMode) -> Answer:
    # OpenCC's library is loaded before any other native library of the search (usearch's, loaded later, crashes
    # the process when ONNX Runtime's comes after it without OpenCC's before both). The encoder's package (numpy
    # with it) is imported here too: the thread then imports only the model's runtime, which nothing else imports.
    import search.analysis.normalize  # noqa: F401
    from search.encoders import ModelLoadError

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="load-encoder") as loading:
        encoder = loading.submit(_encoder_or_none, settings)  # meanwhile: the imports, the analysis, the taxonomy
        from search.analysis.query import default_analysis
        from search.backends.base import BackendUnavailable, IndexMismatch, IndexNotFound
        from search.service import Mode, SearchRequest, SearchService
        from search.taxonomy import product_types

        default_analysis(on_demand=True)  # what SearchService(on_demand=True) uses, loaded once per process
        product_types()
        embedder = encoder.result()
    try:
        # one search: no autocomplete vocabulary, the dictionaries read word by word; an encoder that could not be
        # loaded above is loaded again there, to fail (or to degrade to keyword search) as configured
        service = SearchService(settings, embedder, suggestions=False, on_demand=True)
    except (IndexNotFound, IndexMismatch, ModelLoadError, BackendUnavailable) as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(1) from None
    try:
        outcome = service.search(SearchRequest(q=query, size=size, explain=explain, mode=Mode(mode)))
    except BackendUnavailable as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(1) from None
    finally:
        service.close()
    hits = [Hit(h.product.id, h.product.title, *h.shown_prices()[:2]) for h in outcome.result.hits]
    analysis = outcome.analyzed.explain() if explain and outcome.analyzed is not None else None
    return Answer(outcome.result.total, outcome.took_ms, hits, analysis, "this process")


def _encoder_or_none(settings: Settings) -> Encoder | None:
    """The configured encoder, or None when it cannot be loaded (SearchService then says why, as configured)."""
    from search.encoders import ModelLoadError, encoder_for

    try:
        return encoder_for(settings)
    except ModelLoadError:
        return None


def _print(answer: Answer, explain: bool) -> None:
    if explain and answer.explain is not None:
        typer.echo(json.dumps(answer.explain, ensure_ascii=False, indent=2))
    typer.echo(f"{answer.total} results in {answer.took_ms:.0f} ms")
    width = max((len(_price(hit)) for hit in answer.hits), default=0)
    for rank, hit in enumerate(answer.hits, start=1):
        typer.echo(f"{rank:3d}. {hit.id}  {_price(hit):<{width}} {hit.title}")
    err.print(f"[dim]({escape(answer.via)})[/]")


def _price(hit: Hit) -> str:
    if hit.price_max is not None and hit.price_max > hit.price:
        return f"${hit.price:,.2f}–{hit.price_max:,.2f}"
    return f"${hit.price:,.2f}"
