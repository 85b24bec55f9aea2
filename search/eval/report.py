"""An evaluation: a run scored query by query against qrels, its JSON form, and the comparison of two of them."""

from __future__ import annotations

import json
import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from search.eval.metrics import METRICS, relevant_count
from search.eval.trec import EvalInputError, Qrels

SCHEMA = 1
PRIMARY = "nDCG@10"  # what rows are sorted by and comparisons are judged on


@dataclass
class QueryRow:
    qid: str
    query: str
    metrics: dict[str, float]
    relevant: int  # documents judged relevant (grade ≥ 1)
    retrieved: int


@dataclass
class EvalReport:
    """Scores of one run. `per_query` holds the queries with at least one relevant judgment, worst first; the
    means in `overall` are over them. Queries without any judgment, or judged but with nothing relevant, are
    listed apart: they have no defined nDCG or recall.
    """

    config: dict[str, Any]
    overall: dict[str, float]
    per_query: list[QueryRow]
    unjudged: list[str] = field(default_factory=list)
    no_relevant: list[str] = field(default_factory=list)
    timing: dict[str, float] = field(default_factory=dict)  # ms per query: mean, p50, p95, max

    @property
    def query_ids(self) -> set[str]:
        return {row.qid for row in self.per_query} | set(self.unjudged) | set(self.no_relevant)

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "config": self.config,
            "overall": self.overall,
            "evaluated": len(self.per_query),
            "timing_ms": self.timing,
            "per_query": [row.__dict__ for row in self.per_query],
            "unjudged": self.unjudged,
            "no_relevant": self.no_relevant,
        }

    def save(self, path: Path) -> None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> EvalReport:
        """A report written by `save` (`haitao eval --json-out`); a clear error for anything else."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise EvalInputError(f"{path}: no such file") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise EvalInputError(f"{path}: not a JSON evaluation report: {exc}") from None
        if not isinstance(data, dict) or data.get("schema") != SCHEMA:
            raise EvalInputError(f"{path}: not an evaluation report of schema {SCHEMA} (write one with --json-out)")
        try:
            rows = [
                QueryRow(
                    str(r["qid"]),
                    str(r["query"]),
                    {k: float(v) for k, v in r["metrics"].items()},
                    int(r["relevant"]),
                    int(r["retrieved"]),
                )
                for r in data["per_query"]
            ]
            return cls(
                config=dict(data["config"]),
                overall={k: float(v) for k, v in data["overall"].items()},
                per_query=rows,
                unjudged=[str(q) for q in data["unjudged"]],
                no_relevant=[str(q) for q in data["no_relevant"]],
                timing={k: float(v) for k, v in data.get("timing_ms", {}).items()},
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise EvalInputError(f"{path}: malformed evaluation report ({type(exc).__name__}: {exc})") from None


def evaluate(
    queries: Mapping[str, str],
    run: Mapping[str, Sequence[str]],
    qrels: Qrels,
    config: Mapping[str, Any] | None = None,
    latencies_ms: Sequence[float] = (),
) -> EvalReport:
    """Score `run` (qid → doc ids, best first) for every query of `queries` against `qrels`."""
    rows, unjudged, no_relevant = [], [], []
    for qid, text in queries.items():
        judged = qrels.get(qid)
        if not judged:
            unjudged.append(qid)
            continue
        if not relevant_count(judged):
            no_relevant.append(qid)
            continue
        ranking = list(run.get(qid, []))
        scores = {name: metric(ranking, judged) for name, metric in METRICS.items()}
        rows.append(QueryRow(qid, text, scores, relevant_count(judged), len(ranking)))
    rows.sort(key=lambda r: (r.metrics[PRIMARY], r.metrics["RR@10"], r.qid))
    overall = {name: _mean([r.metrics[name] for r in rows]) for name in METRICS}
    return EvalReport(dict(config or {}), overall, rows, unjudged, no_relevant, timing_summary(latencies_ms))


def timing_summary(latencies_ms: Sequence[float]) -> dict[str, float]:
    if not latencies_ms:
        return {}
    ordered = sorted(latencies_ms)
    return {
        "mean": round(statistics.fmean(ordered), 2),
        "p50": round(percentile(ordered, 50), 2),
        "p95": round(percentile(ordered, 95), 2),
        "max": round(ordered[-1], 2),
    }


def percentile(ordered: Sequence[float], p: float) -> float:
    """The p-th percentile of sorted values, by linear interpolation between closest ranks."""
    if not ordered:
        return math.nan
    position = (len(ordered) - 1) * p / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


@dataclass
class QueryDelta:
    qid: str
    query_a: str
    query_b: str
    a: dict[str, float]
    b: dict[str, float]

    @property
    def delta(self) -> dict[str, float]:
        return {name: self.b[name] - self.a[name] for name in self.a if name in self.b}


@dataclass
class Comparison:
    """B against A, query by query: rows sorted by |Δ nDCG@10|, largest first; a win is B better than A."""

    rows: list[QueryDelta]
    wins: int
    losses: int
    ties: int
    mean_delta: dict[str, float]
    overall_a: dict[str, float]
    overall_b: dict[str, float]

    def to_json(self) -> dict[str, Any]:
        return {
            "overall_a": self.overall_a,
            "overall_b": self.overall_b,
            "mean_delta": self.mean_delta,
            "wins": self.wins,
            "losses": self.losses,
            "ties": self.ties,
            "per_query": [
                {"qid": r.qid, "query_a": r.query_a, "query_b": r.query_b, "a": r.a, "b": r.b, "delta": r.delta}
                for r in self.rows
            ],
        }


TIE = 1e-9


def compare(a: EvalReport, b: EvalReport, names: tuple[str, str] = ("A", "B")) -> Comparison:
    """Per-query differences of two evaluations of the same query set (refused otherwise)."""
    if a.query_ids != b.query_ids:
        only_a, only_b = sorted(a.query_ids - b.query_ids), sorted(b.query_ids - a.query_ids)
        raise EvalInputError(
            f"the runs are over different query sets: {len(only_a)} queries only in {names[0]} "
            f"({_some(only_a)}), {len(only_b)} only in {names[1]} ({_some(only_b)})"
        )
    rows_b = {row.qid: row for row in b.per_query}
    if rows_b.keys() != {row.qid for row in a.per_query}:
        differ = sorted(rows_b.keys() ^ {row.qid for row in a.per_query})
        raise EvalInputError(
            f"the runs were scored against different judgments: {len(differ)} queries have relevant judgments "
            f"in one run's qrels only ({_some(differ)})"
        )
    rows = [QueryDelta(r.qid, r.query, rows_b[r.qid].query, r.metrics, rows_b[r.qid].metrics) for r in a.per_query]
    differences = [r.delta.get(PRIMARY, 0.0) for r in rows]
    rows.sort(key=lambda r: (-abs(r.delta.get(PRIMARY, 0.0)), r.qid))
    metrics = [name for name in a.overall if name in b.overall]
    return Comparison(
        rows=rows,
        wins=sum(d > TIE for d in differences),
        losses=sum(d < -TIE for d in differences),
        ties=sum(abs(d) <= TIE for d in differences),
        mean_delta={name: _mean([r.delta[name] for r in rows if name in r.delta]) for name in metrics},
        overall_a=a.overall,
        overall_b=b.overall,
    )


def _some(qids: Sequence[str], n: int = 5) -> str:
    return ", ".join(qids[:n]) + (", …" if len(qids) > n else "") if qids else "none"
