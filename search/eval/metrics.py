"""Ranking metrics over graded judgments, as trec_eval (and ir-measures) compute them.

Every function scores one ranking (document ids, best first) against one query's judgments (doc id → grade).
Unjudged documents count as grade 0; a document is *relevant* when its grade is at least `REL` (1), as in
trec_eval. The definitions:

- nDCG@k (`ndcg_cut_k` in trec_eval): DCG@k / IDCG@k with linear gain and a log2 discount,
  DCG@k = Σ_{r=1..k} grade(d_r) / log2(r + 1); the ideal ranking sorts *all* judged grades > 0, best first.
- RR@k (MRR@k when averaged over queries): 1 / rank of the first relevant document in the top k, else 0.
- R@k (`recall_k`): relevant documents in the top k / all relevant documents.
- P@k (`P_k`): relevant documents in the top k / k (a ranking shorter than k is padded with non-relevant ones).
- nDCG'@k, judged-only or *condensed* nDCG (Sakai 2007; trec_eval -J, ir-measures `nDCG(judged_only=True)@k`):
  nDCG@k of the ranking with every unjudged document removed before the cut at k. Incomplete judgments (pools
  built from other systems' runs) make standard nDCG punish a system for surfacing relevant products nobody
  judged; the condensed figure does not, so the two are reported side by side.

A query with no relevant judgment has no defined nDCG, RR or recall: callers leave it out of means
(see `search.eval.report`), as trec_eval leaves out queries absent from the qrels.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

REL = 1.0  # the smallest grade that counts as relevant

Judgments = Mapping[str, float]  # doc id → grade


def dcg(gains: Sequence[float]) -> float:
    return sum(gain / math.log2(rank + 1) for rank, gain in enumerate(gains, start=1))


def ndcg_at_k(ranking: Sequence[str], judgments: Judgments, k: int = 10) -> float:
    """nDCG@k of one ranking (linear gain); 0.0 when nothing is relevant."""
    ideal = dcg(sorted((g for g in judgments.values() if g > 0), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg([max(judgments.get(doc_id, 0.0), 0.0) for doc_id in ranking[:k]]) / ideal


def condensed_ranking(ranking: Sequence[str], judgments: Judgments) -> list[str]:
    """The ranking with the documents that have no judgment removed (a *condensed* list)."""
    return [doc_id for doc_id in ranking if doc_id in judgments]


def condensed_ndcg_at_k(ranking: Sequence[str], judgments: Judgments, k: int = 10) -> float:
    """nDCG@k over the judged documents only: unjudged ones are dropped before the cut at k."""
    return ndcg_at_k(condensed_ranking(ranking, judgments), judgments, k)


def reciprocal_rank_at_k(ranking: Sequence[str], judgments: Judgments, k: int = 10) -> float:
    for rank, doc_id in enumerate(ranking[:k], start=1):
        if judgments.get(doc_id, 0.0) >= REL:
            return 1.0 / rank
    return 0.0


def recall_at_k(ranking: Sequence[str], judgments: Judgments, k: int = 100) -> float:
    relevant = relevant_count(judgments)
    if relevant == 0:
        return 0.0
    return sum(1 for doc_id in ranking[:k] if judgments.get(doc_id, 0.0) >= REL) / relevant


def precision_at_k(ranking: Sequence[str], judgments: Judgments, k: int = 10) -> float:
    return sum(1 for doc_id in ranking[:k] if judgments.get(doc_id, 0.0) >= REL) / k


def relevant_count(judgments: Judgments) -> int:
    return sum(1 for grade in judgments.values() if grade >= REL)


Metric = Callable[[Sequence[str], Judgments], float]

# The metrics `haitao eval` reports (nDCG@10 is trec_eval's ndcg_cut_10; nDCG'@10 is ir-measures'
# `nDCG(judged_only=True)@10`, the others carry ir-measures' names).
CONDENSED = "nDCG'@10"
METRICS: dict[str, Metric] = {
    "nDCG@10": lambda ranking, judged: ndcg_at_k(ranking, judged, 10),
    CONDENSED: lambda ranking, judged: condensed_ndcg_at_k(ranking, judged, 10),
    "RR@10": lambda ranking, judged: reciprocal_rank_at_k(ranking, judged, 10),
    "R@100": lambda ranking, judged: recall_at_k(ranking, judged, 100),
    "P@10": lambda ranking, judged: precision_at_k(ranking, judged, 10),
}


def mean_ndcg(
    runs: Mapping[str, Sequence[str]], qrels: Mapping[str, Judgments], k: int = 10, judged_only: bool = False
) -> float:
    """Mean nDCG@k (condensed with `judged_only`) over the queries that have at least one relevant judgment; a
    query missing from `runs` is 0."""
    metric = condensed_ndcg_at_k if judged_only else ndcg_at_k
    scored = [metric(runs.get(qid, []), judged, k) for qid, judged in qrels.items() if relevant_count(judged)]
    return sum(scored) / len(scored) if scored else 0.0
