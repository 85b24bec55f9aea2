"""One machine at growing catalog sizes: build time, size on disk, memory, latency in process and over HTTP; writes
the `scale` section of docs/benchmarks.md (read by docs/scaling.md).

    .venv/bin/python bench/scale.py [--sizes 100000 300000] [--unique 100000] [--duration 10]

For each size N: the generated feed (`bench/feedgen.py`; with `--unique U`, products past U are re-listings of the
first U by other sellers — the same embedded text, so vectors come from the embedding cache), indexed into
var/bench/scale-N (the embedding cache of var/bench/http-100000 copied in first, when there is one). Build:
`haitao index --rebuild` with every vector from the cache (what a schema change or a rebuild costs), timed by the
indexer; the embedding a cold build adds is N ÷ the encoder's rate (docs/benchmarks.md, *Query encoder*). Disk:
the tantivy index, the HNSW graph and the embedding cache. Memory: a `haitao serve` of the index, resident when
ready and after the HTTP rows. Latency: in process (`SearchService.search`, caches off, the demo queries), and over
HTTP at 1 client and at 16 (hybrid, caches off).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from common import DOC, INDEX_SUMMARY, ROOT, arguments, git_commit, machine_line
from common import peak_rss_mb as rss_mb
from feedgen import write_feed
from http_load import Server, run_scenario, scenarios
from report import publish

from search.eval import read_queries
from search.eval.report import percentile

WORK = ROOT / "var" / "bench"
BUILD_RECORD = "build.json"  # the figures of the run that built the index
QUERIES = [ROOT / "data" / "demo" / "queries.tsv", ROOT / "data" / "demo" / "queries_en.tsv"]


def du_mb(path: Path) -> float:
    if not path.exists():
        return 0.0
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files) / 1e6


def build(n: int, unique: int | None, reuse: bool = False) -> tuple[Path, dict]:
    """The index of N products in var/bench/scale-N, rebuilt from the embedding cache; with `reuse`, an index of
    this schema already holding N products is kept and the figures of the run that built it (BUILD_RECORD) are
    reported. Returns the data directory and {seconds, indexer peak RSS MB, when, load average then}."""
    feed = WORK / f"feed-{n}{f'-u{unique}' if unique and unique < n else ''}.jsonl"
    data_dir = WORK / f"scale-{n}"
    record = data_dir / BUILD_RECORD
    if reuse and record.exists() and _current(data_dir, n):
        return data_dir, json.loads(record.read_text())
    if not feed.exists():
        write_feed(feed, n, unique=unique)
    data_dir.mkdir(parents=True, exist_ok=True)
    seed = WORK / "http-100000" / "embeddings.sqlite"
    if seed.exists() and not (data_dir / "embeddings.sqlite").exists():
        shutil.copy(seed, data_dir / "embeddings.sqlite")
    cmd = [sys.executable, "-c", "from indexer.cli import main; main()", "index", str(feed), "--data-dir",
           str(data_dir), "--rebuild"]  # fmt: skip
    load = os.getloadavg()[0]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True)
    match = INDEX_SUMMARY.search(proc.stdout)
    assert match, proc.stdout + proc.stderr
    built = {
        "seconds": float(match[6]),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "at": f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "load": round(max(load, os.getloadavg()[0]), 1),
    }
    record.write_text(json.dumps(built))
    return data_dir, built


def _current(data_dir: Path, n: int) -> bool:
    """The index in `data_dir` is of this schema and holds n products."""
    from search.backends.base import IndexMismatch, IndexNotFound
    from search.backends.embedded.backend import EmbeddedBackend
    from search.config import DEFAULT_MODEL

    try:
        backend = EmbeddedBackend(data_dir, DEFAULT_MODEL, 384)
    except (IndexNotFound, IndexMismatch):
        return False
    try:
        return backend.stats().count == n
    finally:
        backend.close()


def in_process(data_dir: Path, queries: list[str]) -> dict:
    from search.config import Settings
    from search.service import Mode, SearchRequest, SearchService

    service = SearchService(Settings(data_dir=data_dir, query_cache_size=0, result_cache_size=0))
    service.backend.prepare_search()
    out = {}
    for mode in (Mode.KEYWORD, Mode.HYBRID):
        for q in queries[:20]:
            service.search(SearchRequest(q=q, mode=mode))
        latencies = []
        for q in queries:
            started = time.perf_counter()
            service.search(SearchRequest(q=q, mode=mode))
            latencies.append((time.perf_counter() - started) * 1000)
        ordered = sorted(latencies)
        out[mode.value] = (percentile(ordered, 50), percentile(ordered, 99))
    out["rss"] = rss_mb()[0]
    service.close()
    return out


def over_http(data_dir: Path, queries: list[str], duration: float) -> dict:
    distinct, _ = scenarios(queries, [1, 16])
    chosen = [s for s in distinct if s.name in ("hybrid", "keyword")]
    with Server(data_dir, 0, query_cache=False, workers=0) as server:  # the server as `haitao serve` runs it
        ready_s = server.wait_ready(timeout=900)
        ready = server.memory_mb()
        rows = {f"{s.name} ×{s.clients}": run_scenario(server.url, s, duration, 2.0) for s in chosen}
        after = server.memory_mb()
    return {"ready_s": ready_s, "ready": ready, "after": after, "rows": rows}


def section(results: dict[int, dict], args: argparse.Namespace) -> str:
    lines = [
        "## One machine at growing catalog sizes",
        "",
        f"`bench/scale.py`, run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC at commit `{git_commit()}` on "
        f"{machine_line()}. Generated catalogs (`bench/feedgen.py`"
        + (f", the first {args.unique:,} products unique, the rest re-listed by other sellers" if args.unique else "")
        + "); build = `haitao index --rebuild` with every vector from the embedding cache (a cold build adds the "
        "embedding: products ÷ the encoder's texts/s in *Query encoder*). Latency in process: `SearchService`, caches "
        "off, the demo queries; over HTTP: `haitao serve` as it runs by default (one worker process per core; server "
        "RSS: all its processes together), caches off, closed-loop clients on the same machine.",
        "",
        "| products | build s (from cache) | indexer peak RSS MB | index MB | HNSW graph MB | embedding cache MB "
        "| server RSS ready / after "
        "MB | keyword p50 / p99 ms | hybrid p50 / p99 ms | HTTP hybrid ×1 p50 / p99 ms | HTTP hybrid ×16 req/s "
        "(errors) | HTTP keyword ×1 p50 ms |",
        "|---:|---:|---:|---:|---:|---:|---|---|---|---|---|---:|",
    ]
    for n, r in results.items():
        rows = r["http"]["rows"]
        h1, h16, k1 = rows["hybrid ×1"], rows["hybrid ×16"], rows["keyword ×1"]
        p1 = h1.percentiles()
        lines.append(
            f"| {n:,} | {r['build']['seconds']:.0f} | {r['build']['peak_rss_mb']:,.0f} | {r['index_mb']:,.0f} | "
            f"{r['graph_mb']:,.0f} | {r['cache_mb']:,.0f} | "
            f"{r['http']['ready'].get('VmRSS', 0):,.0f} / {r['http']['after'].get('VmRSS', 0):,.0f} | "
            f"{r['proc']['keyword'][0]:.1f} / {r['proc']['keyword'][1]:.1f} | "
            f"{r['proc']['hybrid'][0]:.1f} / {r['proc']['hybrid'][1]:.1f} | {p1['p50']:.1f} / {p1['p99']:.1f} | "
            f"{h16.throughput:.0f} ({h16.errors}) | {k1.percentiles()['p50']:.1f} |"
        )
    lines.append("")
    lines += [
        f"- {n:,} products: built {r['build']['at']}, load average {r['build']['load']} then"
        + (" (other work on the cores: the build time is an upper bound)" if r["build"]["load"] > 2.5 else "")
        for n, r in results.items()
    ]
    lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = arguments(__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 300_000])
    parser.add_argument("--unique", type=int, default=100_000)
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--reuse-build", action="store_true", help="keep an index already built for a size")
    parser.add_argument("--build-only", action="store_true", help="build (or check) the indexes, measure nothing")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    queries = list(dict.fromkeys(q for path in QUERIES for q in read_queries(path).values()))
    results = {}
    for n in args.sizes:
        data_dir, built = build(n, args.unique, args.reuse_build)
        print(f"{n:,}: index ready ({built})", flush=True)
        if args.build_only:
            continue
        index = data_dir / "manifest.json"
        result = {"build": built, "proc": in_process(data_dir, queries)}  # in process first: it builds the graph
        result["http"] = over_http(data_dir, queries, args.duration)
        result["index_mb"] = sum(du_mb(p) for p in data_dir.glob("index*")) if index.exists() else 0.0
        result["graph_mb"] = sum(du_mb(p) for p in data_dir.rglob("*.usearch"))
        result["cache_mb"] = du_mb(data_dir / "embeddings.sqlite")
        results[n] = result
        print(f"{n:,}: {result['proc']} build {built['seconds']:.0f} s", flush=True)
    if args.build_only:
        return
    text = section(results, args)
    publish(DOC, "scale", text, write=not args.no_write)


if __name__ == "__main__":
    main()
