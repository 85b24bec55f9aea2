"""Relevance evaluation: metrics (`metrics`), TREC files (`trec`), scored runs and comparisons (`report`), and
running a query set through the search service (`runner`).
"""

from search.eval.metrics import (
    CONDENSED,
    METRICS,
    condensed_ndcg_at_k,
    mean_ndcg,
    ndcg_at_k,
    precision_at_k,
    recall_at_k,
    reciprocal_rank_at_k,
)
from search.eval.report import Comparison, EvalReport, QueryRow, compare, evaluate
from search.eval.trec import EvalInputError, Qrels, Ranked, read_qrels, read_queries, run_lines, write_run

__all__ = [
    "CONDENSED",
    "METRICS",
    "Comparison",
    "EvalInputError",
    "EvalReport",
    "Qrels",
    "QueryRow",
    "Ranked",
    "compare",
    "condensed_ndcg_at_k",
    "evaluate",
    "mean_ndcg",
    "ndcg_at_k",
    "precision_at_k",
    "read_qrels",
    "read_queries",
    "recall_at_k",
    "reciprocal_rank_at_k",
    "run_lines",
    "write_run",
]
