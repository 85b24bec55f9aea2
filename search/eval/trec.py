"""The files of an evaluation: queries (`qid<TAB>query`), TREC qrels (`qid 0 docid grade`) and TREC run files
(`qid Q0 docid rank score tag`), as trec_eval and ir-measures read them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

Qrels = dict[str, dict[str, float]]  # qid → doc id → grade

_WORD = re.compile(r"^\S+$")


class EvalInputError(ValueError):
    """An evaluation file is missing or malformed; the message names the file (and the line)."""


@dataclass(frozen=True)
class Ranked:
    """One retrieved document of a run."""

    doc_id: str
    score: float


def _lines(path: Path) -> Iterable[tuple[int, str]]:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise EvalInputError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalInputError(f"{path}: cannot read: {exc}") from None
    return enumerate(text.splitlines(), start=1)


def read_queries(path: Path) -> dict[str, str]:
    """`qid<TAB>query` lines, in file order; blank lines and `#` comments are skipped."""
    queries: dict[str, str] = {}
    for number, line in _lines(path):
        if not line.strip() or line.startswith("#"):
            continue
        qid, sep, text = line.partition("\t")
        qid, text = qid.strip(), text.strip()
        if not sep or not qid or not text:
            raise EvalInputError(f"{path}:{number}: expected 'qid<TAB>query', got {line[:60]!r}")
        if qid in queries:
            raise EvalInputError(f"{path}:{number}: query id {qid!r} appears twice")
        queries[qid] = text
    if not queries:
        raise EvalInputError(f"{path}: no queries")
    return queries


def read_qrels(path: Path) -> Qrels:
    """TREC qrels: `qid 0 docid grade` separated by spaces or tabs; further columns are ignored."""
    qrels: Qrels = {}
    for number, line in _lines(path):
        cols = line.split()
        if not cols or cols[0].startswith("#"):
            continue
        if len(cols) < 4:
            raise EvalInputError(f"{path}:{number}: expected 'qid 0 docid grade', got {line[:60]!r}")
        try:
            grade = float(cols[3])
        except ValueError:
            raise EvalInputError(f"{path}:{number}: grade {cols[3]!r} is not a number") from None
        if not math.isfinite(grade):
            raise EvalInputError(f"{path}:{number}: grade {cols[3]!r} is not a finite number")
        qrels.setdefault(cols[0], {})[cols[2]] = grade
    if not qrels:
        raise EvalInputError(f"{path}: no judgments")
    return qrels


def run_lines(run: Mapping[str, Sequence[Ranked]], tag: str) -> Iterable[str]:
    """The lines of a TREC run file, queries in the order given, documents in rank order.

    trec_eval and ir-measures order a query's documents by score (ties by doc id), not by the rank column, so a
    score equal to the one above it is written 1e-6 lower (scores are written with 6 decimals): the file then
    ranks the documents exactly as the engine did.
    """
    if not _WORD.match(tag):
        raise ValueError(f"run tag {tag!r}: must be one word")
    for qid, ranked in run.items():
        previous = math.inf
        for rank, hit in enumerate(ranked, start=1):
            if not _WORD.match(hit.doc_id):
                raise ValueError(f"query {qid}: document id {hit.doc_id!r} has whitespace: no TREC run can hold it")
            score = min(round(hit.score, 6), round(previous - 1e-6, 6))
            previous = score
            yield f"{qid} Q0 {hit.doc_id} {rank} {score:.6f} {tag}"


def write_run(path: Path, run: Mapping[str, Sequence[Ranked]], tag: str) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(line + "\n" for line in run_lines(run, tag)), encoding="utf-8")
