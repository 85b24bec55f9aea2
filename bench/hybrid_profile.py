"""Where a search's CPU goes, stage by stage, in process (`SearchService.search`, caches off, the demo queries).

    .venv/bin/python bench/hybrid_profile.py [--data-dir var/bench/scale-100000] [--mode hybrid] [--rounds 2]
        [--dump out.jsonl] [--cprofile out.prof]

Each stage's CPU time is `time.thread_time` of the thread that runs it, inclusive of the stages it calls (the query
embedding runs on its own thread, beside the keyword leg); the figure per query is its best round, the table the
median over the queries. `--dump` writes every query's result (hits with scores and ranks, groups, total, facets,
highlights, the cursor) as one JSON line each, to compare two commits' answers byte for byte.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import json
import statistics
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search.eval import read_queries  # noqa: E402

QUERIES = [ROOT / "data" / "demo" / "queries.tsv", ROOT / "data" / "demo" / "queries_en.tsv"]
_times: dict[str, float] = defaultdict(float)  # this search's stages, whatever thread ran them (one search at a time)
_lock = threading.Lock()


def timed(owner: object, name: str, label: str) -> None:
    """Wrap `owner.name` so that each call adds its thread CPU time to `label` (per thread)."""
    original = getattr(owner, name)

    @functools.wraps(original)
    def wrapper(*args, **kwargs):
        started = time.thread_time()
        try:
            return original(*args, **kwargs)
        finally:
            spent = (time.thread_time() - started) * 1000
            with _lock:
                _times[label] += spent

    setattr(owner, name, wrapper)


def instrument() -> None:
    from search import fusion, retrieval
    from search.analysis.query import QueryAnalyzer
    from search.backends.embedded import backend, screen, vectors
    from search.backends.embedded.columns import Columns
    from search.backends.embedded.index import Snapshot
    from search.service import SearchService
    from search.taxonomy import CategoryPredictor

    timed(QueryAnalyzer, "analyze", "analysis")
    timed(CategoryPredictor, "predict", "type prediction")
    timed(SearchService, "_query_vector", "embed (its own thread)")
    timed(retrieval, "search", "retrieval (all below)")
    timed(backend.EmbeddedBackend, "keyword_leg", "  keyword leg")
    timed(backend.EmbeddedBackend, "vector_leg", "  vector leg (HNSW)")
    timed(fusion, "fuse", "  fusion")
    timed(retrieval, "_type_leg", "  type leg")
    timed(backend.EmbeddedBackend, "groups_of", "  groups_of")
    timed(backend.EmbeddedBackend, "fetch", "  fetch page records")
    timed(backend.EmbeddedBackend, "types", "  page types")
    timed(backend.EmbeddedBackend, "group_variants", "  group variants")
    timed(backend.EmbeddedBackend, "count", "  count (all below; own thread)")
    timed(Snapshot, "matching_rows", "    keyword matches' rows")
    timed(vectors.VectorSet, "above", "    above the floor")
    timed(screen.Int8Screen, "candidates", "      int8 screen")
    timed(Columns, "count", "    columns count")
    timed(backend.EmbeddedBackend, "_total", "    keyword total check")
    import search.service as service_module

    timed(service_module, "highlight", "highlight")
    timed(SearchService, "_next_cursor", "cursor")
    timed(SearchService, "search", "search (main thread)")


def dump(outcome) -> dict:
    result = outcome.result
    hits = []
    for hit, marked in zip(result.hits, outcome.highlights, strict=True):
        group = hit.group
        hits.append(
            {
                "product": hit.product.model_dump(mode="json"),
                "score": hit.score,
                "ranks": [hit.keyword_rank, hit.vector_rank, hit.keyword_score, hit.vector_score, hit.type_rank],
                "node": repr(hit.node),
                "group": None
                if group is None
                else [group.variants, group.price_min, group.price_max, [repr(v) for v in group.listed]],
                "highlight": [marked.fields, marked.matched],
            }
        )
    return {
        "q": outcome.request.q,
        "mode": outcome.request.mode.value,
        "facets": list(outcome.request.facets),
        "total": result.total,
        "facet_counts": result.facets,
        "price_range": result.price_range,
        "hits": hits,
        "cursor": outcome.next_cursor,
        "relaxed": outcome.relaxed,
        "did_you_mean": outcome.did_you_mean,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=ROOT / "var" / "bench" / "scale-100000")
    parser.add_argument("--mode", default="hybrid")
    parser.add_argument("--facets", default="", help="comma-separated facets to ask for")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="only the first N queries")
    parser.add_argument("--dump", type=Path)
    parser.add_argument("--cprofile", type=Path)
    args = parser.parse_args()

    from search.config import Settings
    from search.service import Mode, SearchRequest, SearchService

    queries = list(dict.fromkeys(q for path in QUERIES for q in read_queries(path).values()))
    if args.limit:
        queries = queries[: args.limit]
    service = SearchService(Settings(data_dir=args.data_dir, query_cache_size=0, result_cache_size=0))
    service.backend.prepare_search()
    mode = Mode(args.mode)
    facets = tuple(f for f in args.facets.split(",") if f)
    for q in queries[:20]:
        service.search(SearchRequest(q=q, mode=mode, facets=facets))
    if args.dump:
        with args.dump.open("w") as out:
            for q in queries:
                outcome = service.search(SearchRequest(q=q, mode=mode, facets=facets))
                out.write(json.dumps(dump(outcome), ensure_ascii=False, sort_keys=True) + "\n")
    profiler = cProfile.Profile() if args.cprofile else None
    instrument()
    best: dict[str, dict[str, float]] = {}
    walls: dict[str, float] = {}
    for _ in range(args.rounds):
        for q in queries:
            _times.clear()
            cpu = time.process_time()
            started = time.perf_counter()
            if profiler:
                profiler.enable()
            service.search(SearchRequest(q=q, mode=mode, facets=facets))
            if profiler:
                profiler.disable()
            wall = (time.perf_counter() - started) * 1000
            times = dict(_times)
            times["CPU, every thread (process)"] = (time.process_time() - cpu) * 1000
            if q not in best or times["CPU, every thread (process)"] < best[q]["CPU, every thread (process)"]:
                best[q] = times
            walls[q] = min(walls.get(q, wall), wall)
    labels = list(dict.fromkeys(label for times in best.values() for label in times))
    print(f"{len(queries)} queries, mode {mode.value}, facets {facets or '-'}, best of {args.rounds}; median ms")
    for label in labels:
        values = [times.get(label, 0.0) for times in best.values()]
        print(f"{label:32s} {statistics.median(values):7.3f}   mean {statistics.fmean(values):7.3f}")
    print(f"{'wall':32s} {statistics.median(walls.values()):7.3f}")
    if profiler:
        profiler.dump_stats(args.cprofile)
    service.close()


if __name__ == "__main__":
    main()
