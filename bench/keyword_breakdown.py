"""Where a keyword-mode search spends its time, stage by stage, beside bm25s on the same catalog and queries;
writes the `keyword-breakdown` section of docs/benchmarks.md.

    .venv/bin/python bench/keyword_breakdown.py [--rounds 5]

On the Chorus index (var/eval/chorus, built by `haitao index` if missing), its English queries, in process, each
stage timed on its own over every query (`--rounds` passes after a warm-up; medians of the per-query times):
query analysis; building the tantivy query (one clause per concept, over four fields); the tantivy search of the
leg (150 deep, counting every match); the leg's ids read from the stored documents (the old way) against from the
vector set's rows (the way the backend reads them now); the result total by a second pass over the keyword query
(the old way); the page's 10 records read and parsed; highlighting; and the whole `SearchService.search`. bm25s:
tokenising (stop words, Snowball stemming) and retrieving the top 10.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime

from common import CHORUS, DOC, arguments, ensure_index, git_commit, machine_line
from report import write_section

from search.backends.base import BackendQuery, Filters
from search.backends.embedded.backend import _count, _product
from search.backends.embedded.queries import combine
from search.config import Settings
from search.eval import read_queries
from search.highlight import QueryTerms, highlight
from search.service import Mode, SearchRequest, SearchService

LEG = 150


def timed(calls: list[Callable[[], object]], rounds: int) -> float:
    """Median over calls of each call's best-of-`rounds` time, in ms."""
    for call in calls:
        call()
    per_call = []
    for call in calls:
        best = float("inf")
        for _ in range(rounds):
            started = time.perf_counter()
            call()
            best = min(best, time.perf_counter() - started)
        per_call.append(best * 1000)
    return statistics.median(per_call)


def main() -> None:
    parser = arguments(__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    data_dir = ensure_index(CHORUS / "products.jsonl")
    service = SearchService(Settings(data_dir=data_dir, query_cache_size=0, result_cache_size=0))
    backend = service.backend
    snapshot = backend._current()
    searcher, vectors = snapshot.searcher, snapshot.vectors
    texts = list(read_queries(CHORUS / "queries_supahands.tsv").values())
    analyzer = service.analysis.query_analyzer
    analyzed = [analyzer.analyze(q, backend.document_frequency) for q in texts]
    built = [backend._keyword.build(a.concepts, tuple(a.brands)) for a in analyzed]
    cases = [(a, q) for a, q in zip(analyzed, built, strict=True) if q is not None]
    found = [searcher.search(q, limit=LEG, count=True) for _, q in cases]

    def top_ids(q: str) -> list[str]:
        a = analyzer.analyze(q, backend.document_frequency)
        leg, _ = backend.keyword_leg(BackendQuery(concepts=a.concepts, boost_brands=tuple(a.brands)), Filters(), 10)
        return [doc_id for doc_id, _ in leg]

    stages = {
        "query analysis": [lambda q=q: analyzer.analyze(q, backend.document_frequency) for q in texts],
        "building the tantivy query": [
            lambda a=a: backend._keyword.build(a.concepts, tuple(a.brands)) for a, _ in cases
        ],
        f"tantivy: the leg, {LEG} deep, counting every match": [
            lambda q=q: searcher.search(q, limit=LEG, count=True) for _, q in cases
        ],
        f"tantivy: the leg, {LEG} deep, no count (block-max pruning)": [
            lambda q=q: searcher.search(q, limit=LEG, count=False) for _, q in cases
        ],
        f"ids of the {LEG} hits from stored documents (before)": [
            lambda f=f: [searcher.doc(a).get_first("id") for _, a in f.hits] for f in found
        ],
        f"ids of the {LEG} hits from the vector set's rows (now)": [
            lambda f=f: [vectors.ids[r] for r in vectors.rows_of([a for _, a in f.hits]).tolist()] for f in found
        ],
        "the total by a second pass over the keyword query (before; now the leg's own count)": [
            lambda q=q: _count(searcher, combine(q, None)) for _, q in cases
        ],
        "the page: 10 stored records read and parsed": [
            lambda f=f: [_product(searcher, a) for _, a in f.hits[:10]] for f in found
        ],
        "highlighting the page": [
            lambda a=a, f=f: [highlight(_product(searcher, d), QueryTerms.of(a)) for _, d in f.hits[:10]]
            for (a, _), f in zip(cases, found, strict=True)
        ],
        "what bm25s returns, ours: analysis and the keyword leg's top 10 ids (no records, highlights or counts)": [
            lambda q=q: top_ids(q) for q in texts
        ],
        "the whole search (SearchService.search, keyword mode)": [
            lambda q=q: service.search(SearchRequest(q=q, mode=Mode.KEYWORD)) for q in texts
        ],
    }
    results = {name: timed(calls, args.rounds) for name, calls in stages.items()}
    results["highlighting the page"] -= results["the page: 10 stored records read and parsed"]

    import bm25s
    import Stemmer
    from engines import load_corpus

    corpus = load_corpus(CHORUS / "products.jsonl", data_dir, None)
    stemmer = Stemmer.Stemmer("english")
    retriever = bm25s.BM25()
    retriever.index(
        bm25s.tokenize(corpus.texts, stopwords="en", stemmer=stemmer, show_progress=False), show_progress=False
    )
    tokens = [bm25s.tokenize([q], stopwords="en", stemmer=stemmer, show_progress=False) for q in texts]
    bm25 = {
        "bm25s: tokenising the query": [
            lambda q=q: bm25s.tokenize([q], stopwords="en", stemmer=stemmer, show_progress=False) for q in texts
        ],
        "bm25s: retrieving the top 10": [
            lambda t=t: retriever.retrieve(t, k=10, show_progress=False) for t in tokens if t.vocab
        ],
    }
    results |= {name: timed(calls, args.rounds) for name, calls in bm25.items()}
    service.close()
    for name, ms in results.items():
        print(f"{ms:8.3f} ms  {name}")
    lines = [
        "## Keyword mode, stage by stage, against bm25s",
        "",
        f"`bench/keyword_breakdown.py`, run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC at commit `{git_commit()}` on "
        f"{machine_line()}. The Chorus index ({searcher.num_docs:,} products), its {len(texts)} English queries; "
        f"each stage alone, best of {args.rounds} per query, median over the queries (so the stages do not add up "
        "exactly to the whole).",
        "",
        "| stage | ms |",
        "|---|---:|",
        *[f"| {name} | {ms:.3f} |" for name, ms in results.items()],
        "",
    ]
    if not args.no_write:
        write_section(DOC, "keyword-breakdown", "\n".join(lines))


if __name__ == "__main__":
    main()
