"""`haitao eval`: run a query set against an index and score it with TREC qrels; `--compare` two such runs.

    haitao eval --queries Q.tsv --qrels QRELS [--mode hybrid] [--size 100] [--run-out RUN] [--json-out OUT.json]
    haitao eval --compare A.json B.json

Metrics (`search/eval/metrics.py`): nDCG@10 (trec_eval's ndcg_cut_10: linear gain, log2 discount), nDCG'@10 (the
same over the judged documents only: unjudged ones are removed before the cut, as ir-measures' judged_only), MRR@10,
Recall@100 and P@10, a document being relevant at grade ≥ 1; means over the queries with at least one relevant
judgment.
"""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.cells import cell_len
from rich.markup import escape

from indexer.commands.common import DataDir, SearchMode, err, settings_for
from search.eval import METRICS, Comparison, EvalInputError, EvalReport, compare, evaluate, read_qrels, read_queries
from search.eval.judged import Judged

EvalMode = SearchMode  # its name here before `haitao search` took the same modes
REPO = Path(__file__).resolve().parents[2]
NAMES = list(METRICS)


def eval_command(
    queries: Annotated[Path | None, typer.Option(help="Queries, `qid<TAB>query` a line.", metavar="FILE")] = None,
    qrels: Annotated[Path | None, typer.Option(help="TREC qrels, `qid 0 docid grade` a line.", metavar="FILE")] = None,
    data_dir: DataDir = None,
    mode: Annotated[SearchMode, typer.Option(help="Retrieval mode.")] = SearchMode.HYBRID,
    judged: Annotated[
        Judged,
        typer.Option(
            help="What the qrels name: id (a product id), product (SELLER/ID), group (SELLER/ITEM_GROUP_ID: each "
            "group once, at its best-ranked variant; the demo's qrels.tsv)."
        ),
    ] = Judged.ID,
    size: Annotated[
        int, typer.Option(min=1, max=1000, help="Hits retrieved per query (Recall@100 needs 100).", metavar="N")
    ] = 100,
    run_out: Annotated[Path | None, typer.Option(help="Write the run as a TREC run file here.", metavar="PATH")] = None,
    json_out: Annotated[
        Path | None, typer.Option(help="Write the report as JSON here (for --compare).", metavar="PATH")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON instead of a table.")] = False,
    tag: Annotated[
        str | None, typer.Option(help="Run tag in the TREC run file (default: haitao-MODE).", metavar="TAG")
    ] = None,
    limit: Annotated[int, typer.Option(min=0, help="Per-query rows to print (0 = all).", metavar="N")] = 0,
    compare_with: Annotated[
        tuple[Path, Path] | None,
        typer.Option("--compare", metavar="A.json B.json", help="Compare two reports written with --json-out."),
    ] = None,
) -> None:
    """Score a query set against the index with TREC qrels (nDCG@10, judged-only nDCG'@10, MRR@10, Recall@100, P@10),
    or compare two runs."""
    try:
        if compare_with is not None:
            if queries or qrels or run_out or json_out:
                raise EvalInputError("--compare takes two reports and nothing to run (no --queries/--qrels/--*-out)")
            _compare(*compare_with, as_json=as_json, limit=limit)
            return
        if queries is None or qrels is None:
            raise EvalInputError("give --queries and --qrels (or --compare A.json B.json)")
        report = _run(queries, qrels, data_dir, mode, size, run_out, tag or f"haitao-{mode.value}", judged)
    except EvalInputError as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(2) from None
    if json_out is not None:
        report.save(json_out)
    if as_json:
        typer.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
    else:
        typer.echo("\n".join(report_lines(report, limit)))
    _warn_unscored(report, qrels)


def _run(
    queries_path: Path,
    qrels_path: Path,
    data_dir: Path | None,
    mode: SearchMode,
    size: int,
    run_out: Path | None,
    tag: str,
    judged: Judged = Judged.ID,
) -> EvalReport:
    from search.backends.base import BackendUnavailable, IndexMismatch, IndexNotFound
    from search.encoders import ModelLoadError
    from search.eval.runner import run_queries
    from search.eval.trec import write_run
    from search.service import Mode, SearchService

    queries, qrels = read_queries(queries_path), read_qrels(qrels_path)
    settings = settings_for(data_dir)
    try:
        with err.status("loading the model and the index…"):
            service = SearchService(settings)
    except (IndexNotFound, IndexMismatch, ModelLoadError) as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(1) from None
    try:
        with err.status(f"searching {len(queries)} queries…"):
            run = run_queries(service, queries, size, Mode(mode), judged)
        products = service.backend.stats().count
    except BackendUnavailable as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(1) from None
    finally:
        service.close()
    if run_out is not None:
        try:
            write_run(run_out, run.ranked, tag)
        except ValueError as exc:
            raise EvalInputError(f"{run_out}: {exc}") from None
    config = {
        "mode": mode.value,
        "judged": judged.value,
        "size": size,
        "queries": str(queries_path),
        "qrels": str(qrels_path),
        "index": str(Path(settings.data_dir).resolve()),
        "backend": settings.backend,
        "products": products,
        "model": settings.model,
        "fusion": settings.fusion,
        "rrf_k": settings.rrf_k,
        "keyword_weight": settings.keyword_weight,
        "leg_size": settings.leg_size,
        "git_commit": git_commit(),
        "run_file": str(run_out) if run_out else None,
        "tag": tag,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    return evaluate(queries, run.rankings, qrels, config, run.latencies_ms)


def git_commit() -> str | None:
    """The commit of this source tree (with `+dirty` when it has uncommitted changes); None outside git."""
    try:
        head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=5)
        if head.returncode != 0:
            return None
        dirty = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            timeout=5,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return head.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cell_len(text))


def _scores(values: dict[str, float]) -> str:
    return "".join(f"{values.get(name, float('nan')):>9.4f}" for name in NAMES)


def report_lines(report: EvalReport, limit: int = 0) -> list[str]:
    """The report as a table: overall means, then each query, the worst first."""
    c = report.config
    header = "".join(f"{name:>9}" for name in NAMES)
    lines = [
        f"{c.get('mode')} mode, {c.get('size')} hits a query, index {c.get('index')} ({c.get('products')} products)",
        f"{len(report.per_query)} queries with relevant judgments scored"
        + (f"; {report.timing['mean']:.1f} ms a query (p95 {report.timing['p95']:.1f})" if report.timing else ""),
        "",
        f"{'':10}{header}",
        f"{'overall':10}{_scores(report.overall)}",
        "",
        "per query, worst first:",
        f"{'qid':10}{header}{'rel':>5}  query",
    ]
    rows = report.per_query[:limit] if limit else report.per_query
    lines += [f"{_pad(r.qid, 10)}{_scores(r.metrics)}{r.relevant:>5}  {r.query}" for r in rows]
    if len(rows) < len(report.per_query):
        lines.append(f"… {len(report.per_query) - len(rows)} more (--limit 0 for all)")
    return lines


def _warn_unscored(report: EvalReport, qrels: Path) -> None:
    if report.unjudged:
        err.print(
            f"[yellow]warning:[/] {len(report.unjudged)} queries have no judgments in {escape(str(qrels))} and "
            f"were not scored: {', '.join(report.unjudged)}"
        )
    if report.no_relevant:
        err.print(
            f"[yellow]warning:[/] {len(report.no_relevant)} queries have no relevant judgment (grade ≥ 1) and "
            f"were not scored: {', '.join(report.no_relevant)}"
        )


def _compare(path_a: Path, path_b: Path, as_json: bool, limit: int) -> None:
    a, b = EvalReport.load(path_a), EvalReport.load(path_b)
    result = compare(a, b, (str(path_a), str(path_b)))
    if as_json:
        typer.echo(json.dumps({"a": str(path_a), "b": str(path_b), **result.to_json()}, ensure_ascii=False, indent=1))
        return
    typer.echo("\n".join(comparison_lines(result, (path_a, a.config), (path_b, b.config), limit)))


def _describe(config: dict[str, Any]) -> str:
    keys = ("mode", "fusion", "keyword_weight", "git_commit", "queries")
    return ", ".join(f"{k} {config[k]}" for k in keys if config.get(k) is not None)


def comparison_lines(
    result: Comparison, a: tuple[Path, dict[str, Any]], b: tuple[Path, dict[str, Any]], limit: int = 0
) -> list[str]:
    """B against A: overall means and their differences, wins/losses/ties, then the queries that moved most."""
    primary = NAMES[0]
    lines = [
        f"A: {a[0]} ({_describe(a[1])})",
        f"B: {b[0]} ({_describe(b[1])})",
        "",
        f"{'':10}{'A':>9}{'B':>9}{'mean Δ':>9}",
    ]
    for name in NAMES:
        lines.append(
            f"{name:10}{result.overall_a.get(name, 0):>9.4f}{result.overall_b.get(name, 0):>9.4f}"
            f"{result.mean_delta.get(name, 0):>+9.4f}"
        )
    lines += [
        "",
        f"B against A on {primary}: {result.wins} better, {result.losses} worse, {result.ties} tied "
        f"(of {len(result.rows)} queries)",
    ]
    moved = [r for r in result.rows if abs(r.delta.get(primary, 0.0)) > 1e-9]
    shown = moved[:limit] if limit else moved
    if shown:
        lines += ["", f"per query, largest |Δ {primary}| first:", f"{'qid':10}{'A':>9}{'B':>9}{'Δ':>9}  query"]
        for r in shown:
            query = r.query_a if r.query_a == r.query_b else f"{r.query_a} → {r.query_b}"
            lines.append(f"{_pad(r.qid, 10)}{r.a[primary]:>9.4f}{r.b[primary]:>9.4f}{r.delta[primary]:>+9.4f}  {query}")
        if len(shown) < len(moved):
            lines.append(f"… {len(moved) - len(shown)} more (--limit 0 for all)")
    return lines
