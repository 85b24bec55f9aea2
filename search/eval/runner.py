"""Running a query set through `SearchService`, as a shopper's searches would run."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from search.eval.judged import Judged, doc_id
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


def run_queries(
    service: SearchService,
    queries: Mapping[str, str],
    size: int = 100,
    mode: Mode = Mode.HYBRID,
    judged: Judged = Judged.ID,
) -> Run:
    """Search every query once (first page, no filters), in order: `size` documents of the kind `judged` names.
    Judged by group, the search collapses by group (a group is listed once, where its best variant ranks, as a
    shopper sees it); judged by product, it lists every variant (`distinct=false`)."""
    run = Run()
    for qid, text in queries.items():
        distinct = judged is not Judged.PRODUCT
        outcome = service.search(SearchRequest(q=text, size=size, mode=mode, distinct=distinct))
        ranked: list[Ranked] = []
        seen: set[str] = set()
        for hit in outcome.result.hits:
            name = doc_id(hit.product, judged)
            if name not in seen:
                seen.add(name)
                ranked.append(Ranked(name, hit.score))
        run.ranked[qid] = ranked[:size]
        run.latencies_ms.append(outcome.took_ms)
    return run
