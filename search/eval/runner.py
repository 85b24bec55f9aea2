"""Running a query set through `SearchService`, as a shopper's searches would run."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from search.eval.trec import Ranked
from search.service import Mode, SearchRequest, SearchService


@dataclass
class Run:
    """Each query's ranked hits and how long its search took (in process, query embedding included)."""

    ranked: dict[str, list[Ranked]] = field(default_factory=dict)
    latencies_ms: list[float] = field(default_factory=list)

    @property
    def rankings(self) -> dict[str, list[str]]:
        return {qid: [hit.doc_id for hit in hits] for qid, hits in self.ranked.items()}


def run_queries(service: SearchService, queries: Mapping[str, str], size: int = 100, mode: Mode = Mode.HYBRID) -> Run:
    """Search every query once (first page of `size` hits, no filters), in order."""
    run = Run()
    for qid, text in queries.items():
        outcome = service.search(SearchRequest(q=text, size=size, mode=mode))
        run.ranked[qid] = [Ranked(hit.product.id, hit.score) for hit in outcome.result.hits]
        run.latencies_ms.append(outcome.took_ms)
    return run
