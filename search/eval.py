"""Relevance metrics and judgment files: nDCG@k as trec_eval computes it (linear gain, log2 discount)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path

Qrels = dict[str, dict[str, float]]  # qid → doc id → grade


def read_queries(path: Path) -> dict[str, str]:
    """`qid<TAB>query` lines."""
    queries = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        qid, sep, text = line.partition("\t")
        if not sep:
            raise ValueError(f"{path}:{number}: expected qid<TAB>query")
        queries[qid.strip()] = text.strip()
    return queries


def read_qrels(path: Path) -> Qrels:
    """TREC qrels: `qid 0 docid grade` (spaces or tabs; extra columns ignored)."""
    qrels: Qrels = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        cols = line.split()
        if not cols:
            continue
        if len(cols) < 4:
            raise ValueError(f"{path}:{number}: expected 'qid 0 docid grade'")
        qrels.setdefault(cols[0], {})[cols[2]] = float(cols[3])
    return qrels


def dcg(gains: Sequence[float]) -> float:
    return sum(gain / math.log2(rank + 1) for rank, gain in enumerate(gains, start=1))


def ndcg_at_k(ranking: Sequence[str], judgments: Mapping[str, float], k: int = 10) -> float:
    """nDCG@k of one ranking; unjudged documents count as grade 0. 0.0 when nothing is relevant."""
    ideal = dcg(sorted((g for g in judgments.values() if g > 0), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg([max(judgments.get(doc_id, 0.0), 0.0) for doc_id in ranking[:k]]) / ideal


def mean_ndcg(runs: Mapping[str, Sequence[str]], qrels: Qrels, k: int = 10) -> float:
    """Mean nDCG@k over the queries that have at least one relevant judgment."""
    scored = [ndcg_at_k(runs.get(qid, []), judged, k) for qid, judged in qrels.items() if any(judged.values())]
    return sum(scored) / len(scored) if scored else 0.0
