"""Search latency with one hit per product group (`distinct=true`, the default) against every variant a hit
(`distinct=false`), at 100,000 products in groups of 1–8 variants; writes the `collapse` section of
docs/benchmarks.md.

    .venv/bin/python bench/collapse.py [--products 100000] [--rounds 3] [--no-write]

The catalog is `bench/feedgen.py`'s, with its products gathered into product groups of 1 to 8 consecutive
products (uniformly drawn), each variant given a colour and a size: `item_group_id` is the group's first product.
Texts are feedgen's, so a var/bench/http-100000 index's embedding cache (copied in when there is one) holds every
vector. Latency is measured in process (`SearchService.search`, result and query caches off), the demo queries
(Chinese and English) in keyword and hybrid mode, plus browsing (empty q) with facets; each query alternately with
`distinct` on and off (which one first alternates: the second of a pair runs on what the first warmed), `--rounds`
times, so that both see the same machine load, every query searched once before the rounds. Reported: p50 and p99
per mode, and what collapsing adds; and apart, each query's first search (`distinct=false` first, then
`distinct=true`: the index snapshot has not yet counted that query's keyword matches, which it keeps for the
query's later searches — `Snapshot.matching_rows` — nor read its page's variants).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from common import DOC, INDEX_SUMMARY, ROOT, arguments, git_commit, latency_summary, machine_line
from feedgen import COLORS, products
from report import write_section

from search.eval import read_queries
from search.fields import SCHEMA_VERSION

WORK = ROOT / "var" / "bench"
QUERIES = [ROOT / "data" / "demo" / "queries.tsv", ROOT / "data" / "demo" / "queries_en.tsv"]
SIZES = ["XS", "S", "M", "L", "XL", "XXL", "32 oz", "40 oz"]
FACETS = ("brand", "category", "color", "size", "availability", "price")
FIRST_SHARE = {"keyword": 0, "hybrid": 1, "hybrid + facets": 2}
"""Which queries each text search measures first searches of (every third, from this one): a query searched
already, by any kind, is not a first search any more."""


def grouped_feed(path: Path, n: int, seed: int = 11) -> dict[int, int]:
    """feedgen's first `n` products in groups of 1–8 variants; returns how many groups of each size."""
    rng = random.Random(seed)
    sizes: dict[int, int] = {}
    with path.open("w", encoding="utf-8") as f:
        rows = products(n)
        left, group, k = 0, "", 0
        for row in rows:
            if left == 0:
                left = rng.randint(1, 8)
                sizes[left] = sizes.get(left, 0) + 1
                group, k = f"grp-{row['id']}", 0
            row |= {"item_group_id": group, "color": COLORS[k % len(COLORS)], "size": SIZES[k % len(SIZES)]}
            f.write(json.dumps(row) + "\n")
            left, k = left - 1, k + 1
    if left:  # the last group drawn was cut short by `n`
        sizes[left + k] -= 1
        sizes[k] = sizes.get(k, 0) + 1
    return sizes


def build(n: int) -> tuple[Path, dict[int, int], float]:
    feed = WORK / f"feed-{n}-groups.jsonl"
    sizes_file = feed.with_suffix(".sizes.json")
    if not feed.exists() or not sizes_file.exists():
        sizes_file.write_text(json.dumps(grouped_feed(feed, n)))
    sizes = {int(k): v for k, v in json.loads(sizes_file.read_text()).items()}
    data_dir = WORK / f"collapse-{n}"
    data_dir.mkdir(parents=True, exist_ok=True)
    for seed in (WORK / "http-100000" / "embeddings.sqlite", WORK / f"scale-{n}" / "embeddings.sqlite"):
        if seed.exists() and not (data_dir / "embeddings.sqlite").exists():
            shutil.copy(seed, data_dir / "embeddings.sqlite")
    manifest = data_dir / "manifest.json"
    current = manifest.exists() and json.loads(manifest.read_text()).get("schema_version") == SCHEMA_VERSION
    if current and (data_dir / ".built-from").exists() and (data_dir / ".built-from").read_text() == feed.name:
        return data_dir, sizes, 0.0
    cmd = [sys.executable, "-c", "from indexer.cli import main; main()", "index", str(feed), "--data-dir",
           str(data_dir), "--rebuild"]  # fmt: skip
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True)
    match = INDEX_SUMMARY.search(proc.stdout)
    assert match, proc.stdout + proc.stderr
    (data_dir / ".built-from").write_text(feed.name)
    return data_dir, sizes, float(match[6])


def measure(
    data_dir: Path, queries: list[str], rounds: int
) -> tuple[dict[str, dict[bool, list[float]]], dict[str, dict[bool, list[float]]], tuple[float, float]]:
    """The latencies (ms) of each kind of search, with and without `distinct`: over `rounds` rounds, and of each
    query's first search (text searches only); and the lowest and highest load average (1 minute) seen while
    measuring."""
    from search.config import Settings
    from search.service import Mode, SearchRequest, SearchService

    service = SearchService(Settings(data_dir=data_dir, query_cache_size=0, result_cache_size=0))
    service.backend.prepare_search()
    requests = {
        "keyword": [dict(q=q, mode=Mode.KEYWORD) for q in queries],
        "hybrid": [dict(q=q, mode=Mode.HYBRID) for q in queries],
        "hybrid + facets": [dict(q=q, mode=Mode.HYBRID, facets=FACETS) for q in queries[:40]],
        "browse + facets": [dict(q="", facets=FACETS, size=24)] * 20,
    }

    def timed(kwargs: dict, distinct: bool, into: dict[bool, list[float]]) -> None:
        started = time.perf_counter()
        service.search(SearchRequest(**kwargs, distinct=distinct))
        into[distinct].append((time.perf_counter() - started) * 1000)

    out: dict[str, dict[bool, list[float]]] = {}
    first: dict[str, dict[bool, list[float]]] = {}
    loads = [os.getloadavg()[0]]
    seen: set[str] = set()  # queries searched already (a kind's queries repeat another kind's)
    for name, kinds in requests.items():
        for kwargs in kinds[:10]:  # warm up
            service.search(SearchRequest(**kwargs, distinct=True))
            service.search(SearchRequest(**kwargs, distinct=False))
            seen.add(kwargs["q"])
        if name in FIRST_SHARE:  # each query's first search: the snapshot has not passed over its matches yet
            first[name] = {True: [], False: []}
            for i, kwargs in enumerate(kinds):
                if i % len(FIRST_SHARE) != FIRST_SHARE[name] or kwargs["q"] in seen:
                    continue
                seen.add(kwargs["q"])
                for distinct in (False, True):
                    timed(kwargs, distinct, first[name])
        for kwargs in kinds:  # the rounds measure searches of queries searched before (first searches: above)
            if kwargs["q"] not in seen:
                seen.add(kwargs["q"])
                for distinct in (True, False):
                    service.search(SearchRequest(**kwargs, distinct=distinct))
        times: dict[bool, list[float]] = {True: [], False: []}
        for r in range(rounds):
            for i, kwargs in enumerate(kinds):
                # the second search of a pair runs on what the first one warmed (about 0.3 ms of a keyword search's
                # CPU): each goes first in half the pairs
                for distinct in (True, False) if (i + r) % 2 == 0 else (False, True):
                    timed(kwargs, distinct, times)
        out[name] = times
        loads.append(os.getloadavg()[0])
    service.close()
    return out, first, (min(loads), max(loads))


COSTS = """What `distinct=true` does beyond `distinct=false` on the embedded backend (how: docs/variants.md): the
index snapshot's columns (`search/backends/embedded/columns.py`: each product's group, price, write sequence and
facet values as numpy arrays, built on first use after a commit) answer the candidates' groups, the order of groups
while browsing and the group counts (over every product — browsing without filters — counted once per snapshot) — no
aggregation, no extra pass per facet. A collapsed page lists each group's variants: a `Variant` (id, options, prices,
availability, image) read from each variant's stored record, without validating the whole record (about 5 variants a
group), once per snapshot (kept for later pages: `Columns.listed`). The one cost without a counterpart in
`distinct=false` is the total of a text search: it counts the groups of every keyword match, where `distinct=false`
takes the keyword leg's own count. The matches are the union of the query's terms' matches
(`KeywordQueryBuilder.leaves`: each English term, model-number form and Chinese term in its fields — a phrase, a
concept matched whole and a brand boost match nothing more), and the snapshot keeps each term's rows (one pass over
the term's matches, ordered by write sequence: about 0.4 µs a match, most of it the matches crossing into Python —
the binding has no exact distinct count), so a query whose terms earlier queries used costs an array union, not a
pass; where the union's size is not the leg's count, one pass over the query decides. The snapshot keeps each
query's rows too (as it keeps the rows of each filter set), so that the query's other filter sets (disjunctive
facets), next pages, sorts and filters count from them. A query whose matches all fit in the keyword leg (150) needs
neither. Facets are then array work over those rows, beside the aggregation `distinct=false` runs. Every other way
the binding (tantivy-py 0.27) offers to get the matches' groups was measured slower or inexact at 100k (session 6,
CPU per search, 50 queries with a pass, 8,100 matches on average): one pass over the query 4.2 ms, a search ordered
by the group hash 4.3 ms, a `terms` aggregation on the group hash 4.9 ms (on the `group` text field 8.1 ms),
`terms_with_prefix` on `group` filtered by the query 10.3 ms; `cardinality` 1.1 ms but off by up to 638 groups; the
query's count alone 1.1 ms. The terms' union against one pass over the query (session 7, CPU, the 291 term sets of
the demo queries and their relaxations, in that order): 0.96 ms against 2.5 ms; every term new to the snapshot
3.0–3.8 ms against 2.6–3.1 ms (several terms' matches overlap)"""


QUIET_LOAD = 1.5  # the highest 1-minute load average seen for a run to count as quiet (2 cores)


def section(
    n: int,
    sizes: dict[int, int],
    build_s: float,
    times: dict,
    first: dict,
    loads: tuple[float, float],
    args: argparse.Namespace,
) -> str:
    groups = sum(sizes.values())
    quiet = loads[1] < QUIET_LOAD
    lines = [
        "## Collapsing product groups (`distinct`)",
        "",
        (
            f"Measured on a quiet machine (load average {loads[0]:.1f}–{loads[1]:.1f} on 2 cores)"
            if quiet
            else f"**Provisional**: measured while other work shared the machine's cores (load average "
            f"{loads[0]:.1f}–{loads[1]:.1f} on 2 cores)"
        )
        + "; `distinct` on and off alternate query by query, so their ratio is the figure to read."
        + ("" if quiet else " A quiet run replaces it."),
        "",
        f"`bench/collapse.py`, run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC at commit `{git_commit()}` on "
        f"{machine_line()}. {n:,} generated products (`bench/feedgen.py`) in {groups:,} product groups of 1–8 "
        f"variants ({', '.join(f'{sizes[k]:,} of {k}' for k in sorted(sizes))}), each variant with a colour and a "
        f"size; embedded backend; in process (`SearchService.search`, caches off), {args.rounds} rounds of the demo "
        "queries (Chinese and English), each query alternately with `distinct` on and off (on first in half the "
        "pairs, off first in the other half), every query searched once before the rounds (its first search is the "
        "second table's). Facets: "
        f"{', '.join(FACETS)}." + (f" Build from the embedding cache: {build_s:.0f} s." if build_s else ""),
        "",
        "| search | distinct=false p50 / p99 ms | distinct=true p50 / p99 ms | collapse adds (p50) |",
        "|---|---|---|---:|",
    ]
    for name, by in times.items():
        off, on = latency_summary(by[False]), latency_summary(by[True])
        adds = (on["p50"] / off["p50"] - 1) * 100
        times_ms = f"{off['p50']:.1f} / {off['p99']:.1f} | {on['p50']:.1f} / {on['p99']:.1f}"
        lines.append(f"| {name} | {times_ms} | {adds:+.0f}% |")
    lines += [
        "",
        "Each query's first search (`distinct=false`, then `distinct=true`: its keyword matches not yet counted), "
        "every third query for each kind of search, those not searched before (by the warm-up or another kind):",
        "",
        "| search | queries | distinct=false p50 / p99 ms | distinct=true p50 / p99 ms | collapse adds (p50) |",
        "|---|---:|---|---|---:|",
    ]
    for name, by in first.items():
        if not by[False]:
            continue
        off, on = latency_summary(by[False]), latency_summary(by[True])
        adds = (on["p50"] / off["p50"] - 1) * 100
        times_ms = f"{off['p50']:.1f} / {off['p99']:.1f} | {on['p50']:.1f} / {on['p99']:.1f}"
        lines.append(f"| {name} | {len(by[False])} | {times_ms} | {adds:+.0f}% |")
    lines += ["", COSTS, ""]
    return "\n".join(lines)


def main() -> None:
    parser = arguments(__doc__)
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="Print the section instead of writing it.")
    parser.add_argument(
        "--embedding-cache", type=Path, help="An embeddings.sqlite of feedgen's texts to start from (copied)."
    )
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    target = WORK / f"collapse-{args.products}" / "embeddings.sqlite"
    if args.embedding_cache and not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(args.embedding_cache, target)
    data_dir, sizes, build_s = build(args.products)
    queries = [q for path in QUERIES for q in read_queries(path).values()]
    times, first, loads = measure(data_dir, queries, args.rounds)
    markdown = section(args.products, sizes, build_s, times, first, loads, args)
    if args.no_write:
        print(markdown)
    else:
        write_section(DOC, "collapse", markdown)
        print(markdown)


if __name__ == "__main__":
    main()
