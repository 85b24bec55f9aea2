"""Haitao Search side by side with txtai, LanceDB, bm25s and Lucene (through pyserini) on the Chorus catalog, and
our query latency by mode; writes the `peers` and `query-latency` sections of docs/benchmarks.md.

    .venv/bin/python bench/peers.py [--rounds 3] [--engines haitao txtai txtai-numpy lancedb bm25s lucene-bm25 ...]

The catalog (../shared/data/chorus, 19,406 products) is indexed once by `haitao index` into var/eval/chorus; its
embedding cache then gives every engine the same product vectors. Each engine runs in a process of its own (so its
peak memory is its own), with 2 threads for torch, OpenMP, Rayon and Lance: it builds its index from the catalog
text and the given vectors (timed), searches every English query once to warm up, then `--rounds` times more,
timing each search in process (query embedding included for every engine that uses vectors). nDCG@10 is scored on
the first timed round against the Supahands judgments; judged-only (condensed) nDCG@10 on one more, untimed pass
100 deep, with the products that have no judgment removed before the cut at 10.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from common import (
    CHORUS,
    CHORUS_QUERIES_ZH,
    DOC,
    EVAL_DIR,
    ROOT,
    arguments,
    ensure_index,
    git_commit,
    latency_summary,
    machine_line,
    ndcg10,
    versions,
)
from common import peak_rss_mb as rss_mb
from engines import ENGINES, JAVA_HOME_17, Corpus, Engine, engine, load_corpus
from report import write_section

from search.eval import evaluate, read_qrels, read_queries

THREADS = 2
K = 10
DEEP = 100  # the depth of the ranking that judged-only nDCG@10 is condensed from
WORK = ROOT / "var" / "bench" / "peers"
QUERIES_EN = CHORUS / "queries_supahands.tsv"
QRELS = CHORUS / "qrels_supahands.tsv"
PACKAGES = (
    "haitao-search", "torch", "sentence-transformers", "tantivy", "txtai", "faiss-cpu", "lancedb", "pyarrow", "bm25s",
    "PyStemmer", "pyserini", "pyjnius", "onnxruntime",
)  # fmt: skip


def timed_runs(search: Engine, queries: dict[str, str], rounds: int) -> tuple[list[float], dict[str, list[str]]]:
    """One warm-up pass, then `rounds` timed passes; the rankings of the first timed pass."""
    for text in queries.values():
        search.search(text, K)
    latencies, rankings = [], {}
    for round_ in range(rounds):
        for qid, text in queries.items():
            started = time.perf_counter()
            ranking = search.search(text, K)
            latencies.append((time.perf_counter() - started) * 1000)
            if round_ == 0:
                rankings[qid] = ranking
    return latencies, rankings


def child(name: str, out: Path, rounds: int, data_dir: Path) -> None:
    """Measure one engine in this process and write what was measured as JSON."""
    from search.config import Settings
    from search.encoders import load_encoder

    subject = engine(name, data_dir)
    # No query-embedding cache: every search of every engine embeds its query (the timed passes repeat queries).
    embedder = load_encoder(kind=Settings().encoder, threads=THREADS, cache_size=0) if subject.needs_model else None
    corpus: Corpus = load_corpus(CHORUS / "products.jsonl", data_dir, embedder)
    rss_loaded, _ = rss_mb()
    started = time.perf_counter()
    subject.build(corpus, embedder)
    build_s = time.perf_counter() - started
    queries = read_queries(QUERIES_EN)
    latencies, rankings = timed_runs(subject, queries, rounds)
    deep = {qid: subject.search(text, DEEP) for qid, text in queries.items()}
    result = {
        "name": subject.name,
        "describe": subject.describe(),
        "build_s": build_s,
        "latencies_ms": latencies,
        "rankings": rankings,
        "deep_rankings": deep,
        "encoder": embedder.describe() if embedder is not None else None,
        "rss_loaded_mb": rss_loaded,
        "embeds_queries": subject.needs_model,
        "products": len(corpus.ids),
    }
    if name == "haitao":  # our latency by mode and query language, on the same index
        modes = {}
        for mode in ("keyword", "vector", "hybrid"):
            subject.mode = mode
            for lang, path in (("en", QUERIES_EN), ("zh", CHORUS_QUERIES_ZH)):
                lat, ranks = timed_runs(subject, read_queries(path), rounds)
                deep = {qid: subject.search(text, DEEP) for qid, text in read_queries(path).items()}
                modes[f"{mode}/{lang}"] = {"latencies_ms": lat, "rankings": ranks, "deep_rankings": deep}
        result["modes"] = modes
    result["rss_mb"], result["peak_rss_mb"] = rss_mb()
    subject.close()
    out.write_text(json.dumps(result), encoding="utf-8")


def run_child(name: str, rounds: int, data_dir: Path) -> dict:
    out = WORK / f"{name}.json"
    out.unlink(missing_ok=True)
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "OMP_NUM_THREADS": str(THREADS),
        "RAYON_NUM_THREADS": str(THREADS),
        "LANCE_CPU_THREADS": str(THREADS),
        "LANCE_IO_THREADS": str(THREADS),
        "TOKENIZERS_PARALLELISM": "false",
    }
    if "JAVA_HOME" not in env and Path(JAVA_HOME_17).is_dir():
        env["JAVA_HOME"] = JAVA_HOME_17  # Debian's OpenJDK 17, for pyserini
    cmd = [sys.executable, __file__, "--child", name, "--out", str(out), "--rounds", str(rounds), "--data-dir",
           str(data_dir)]  # fmt: skip
    started = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0 or not out.exists():
        print(f"{name}: failed\n{proc.stderr[-3000:]}", file=sys.stderr)
        return {"name": name, "error": (proc.stderr.strip().splitlines() or ["no output"])[-1]}
    result = json.loads(out.read_text(encoding="utf-8"))
    result["wall_s"] = time.perf_counter() - started
    return result


def ndcg(rankings: dict[str, list[str]], queries: Path, judged_only: bool = False) -> tuple[float, int]:
    """Mean nDCG@10 of `rankings` and the number of queries it is over; `judged_only`: each ranking condensed to
    its judged products first (so unjudged products, not known to be wrong, cost nothing)."""
    report = evaluate(read_queries(queries), rankings, read_qrels(QRELS))
    return ndcg10(rankings, queries, QRELS, judged_only), len(report.per_query)


def judged_only(run: dict, queries: Path) -> float:
    return ndcg(run.get("deep_rankings") or run["rankings"], queries, judged_only=True)[0]


def peers_section(results: list[dict], rounds: int) -> str:
    judged = ndcg({}, QUERIES_EN)[1]
    products = max((r.get("products", 0) for r in results), default=0)
    lines = [
        "## Side by side: Haitao Search, txtai, LanceDB, bm25s, Lucene (pyserini)",
        "",
        f"`bench/peers.py` (part of `make bench`), run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC at commit "
        f"`{git_commit()}` on {machine_line()}. Versions: {versions(*PACKAGES)}.",
        "",
        f"The Chorus electronics catalog ({products:,} products), its {len(read_queries(QUERIES_EN))} English "
        f"queries, nDCG@10 over the {judged} with a relevant Supahands judgment (standard: unjudged products count as "
        f"not relevant; judged-only: rankings {DEEP} deep condensed to their judged products first — the Chorus "
        "judgments are incomplete, so both are shown). Every engine: the same catalog text "
        "(title, brand, category, description), the same model (all-MiniLM-L6-v2, bundled), the same product "
        "vectors (computed once by `haitao index` and handed to each engine; building from them is what *build* "
        "times), each query "
        f"embedded by the engine at search time, in process, {THREADS} threads (torch, OpenMP, Rayon, Lance), one "
        f"process per engine. Latency: {rounds} timed passes over the queries after one warm-up pass, top {K}; "
        "throughput: sequential queries per second (one client). Peak RSS: the engine's process, the model "
        "included where it uses one.",
        "",
        "| engine | nDCG@10 | judged-only nDCG@10 | p50 ms | p95 ms | p99 ms | queries/s | build s | peak RSS MB "
        "| configuration |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        if "error" in r:
            lines.append(f"| {r['name']} | — | — | — | — | — | — | — | — | failed: {r['error']} |")
            continue
        s = latency_summary(r["latencies_ms"])
        score, _ = ndcg(r["rankings"], QUERIES_EN)
        encoder = f"; query encoder: {r['encoder']}" if r.get("encoder") else ""
        lines.append(
            f"| {r['name']} | {score:.4f} | {judged_only(r, QUERIES_EN):.4f} | {s['p50']:.1f} | {s['p95']:.1f} | "
            f"{s['p99']:.1f} | {s['qps']:.0f} | {r['build_s']:.1f} | {r['peak_rss_mb']:,.0f} | "
            f"{r['describe']}{encoder} |"
        )
    lines += ["", *verdicts(results), "", *READING, ""]
    return "\n".join(lines)


def verdicts(results: list[dict]) -> list[str]:
    """Where Haitao Search stands against each peer in this run, said plainly either way. Against an engine that
    embeds no query, our keyword mode (which embeds none either) is compared too.
    """
    measured = [r for r in results if "error" not in r]
    ours = next((r for r in measured if "modes" in r), None)
    if ours is None:
        return []
    lines = ["In this run, Haitao Search against each peer:", ""]
    for peer in measured:
        if peer is ours:
            continue
        lines.append(f"- {peer['name']}: {versus('hybrid', ours, peer)}")
        if not peer.get("embeds_queries", True):
            lines.append(f"- {peer['name']}: {versus('keyword mode', ours['modes']['keyword/en'], peer)}")
    return lines


def versus(label: str, ours: dict, peer: dict) -> str:
    our_ndcg, our_p50 = ndcg(ours["rankings"], QUERIES_EN)[0], latency_summary(ours["latencies_ms"])["p50"]
    their_ndcg, their_p50 = ndcg(peer["rankings"], QUERIES_EN)[0], latency_summary(peer["latencies_ms"])["p50"]
    our_judged, their_judged = judged_only(ours, QUERIES_EN), judged_only(peer, QUERIES_EN)
    relevance = "better" if our_ndcg > their_ndcg else "equal" if our_ndcg == their_ndcg else "worse"
    speed = "faster" if our_p50 < their_p50 else "slower"
    if relevance != "worse" and speed == "faster":
        verdict = "**ahead** on latency at equal or better nDCG@10."
    else:
        verdict = f"**behind** on {_behind(relevance, speed)}"
    return (
        f"our {label} nDCG@10 {our_ndcg:.4f} vs {their_ndcg:.4f} ({relevance}, {our_ndcg - their_ndcg:+.4f}; "
        f"judged-only {our_judged:.4f} vs {their_judged:.4f}, {our_judged - their_judged:+.4f}), "
        f"p50 {our_p50:.1f} vs {their_p50:.1f} ms ({speed}, ×{our_p50 / their_p50:.2f}) — {verdict}"
    )


def _behind(relevance: str, speed: str) -> str:
    parts = [p for p, bad in (("relevance", relevance == "worse"), ("latency", speed == "slower")) if bad]
    return " and ".join(parts) + " (see below for why)."


READING = [
    "Why the figures differ:",
    "",
    "- Every engine that uses vectors embeds the query with the same encoder (MiniLM, ONNX Runtime fp32 unless "
    "HAITAO_ENCODER says otherwise, 2 threads: see each row's configuration), so the embedding costs each the "
    "same. bm25s and Lucene BM25 embed nothing; the fair comparison for them is our keyword mode, which embeds "
    "nothing either.",
    "- Lucene is the engine OpenSearch is built on: `Lucene BM25`, `Lucene HNSW` and their RRF fusion are the "
    "three ways an OpenSearch deployment would answer these queries, minus its HTTP and JSON. It runs in the JVM "
    "through pyjnius; each call crosses from Python to Java. pyserini 0.25.0 is the newest release that runs on "
    "Java 17 (Debian bookworm's OpenJDK); every later release (0.35.0 on, all of 1.x) is compiled for Java 21.",
    "- On top of the embedding, Haitao Search runs query understanding (normalisation, segmentation, translation "
    "lookups: about 0.1–0.3 ms, see *Query analysis*), a BM25 leg over four fields with one clause per concept, an "
    "exact scan of every vector and the fusion of two 150-hit legs. txtai's default faiss index is approximate "
    "(IVF), which is why `txtai (numpy)`, an exact scan, is shown beside it.",
    "- *build* is ours through the whole indexer (`IndexPipeline`: validation, content hashes, jieba for Chinese "
    "fields, committed batches of tantivy documents with their stored records), against the peers' in-memory "
    "builds from arrays.",
    "- Chinese queries are ours alone (no peer translates them): see *Query latency by mode* and docs/relevance.md.",
]


def latency_section(result: dict, rounds: int) -> str:
    lines = [
        "## Query latency by mode",
        "",
        f"`bench/peers.py`, run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine_line()}. In process "
        f"(`SearchService.search`, top {K}, no facets), the Chorus index (19,406 products), {rounds} timed passes "
        "after a warm-up pass, query-embedding and response caches off (every search embeds its query and "
        f"retrieves), {THREADS} torch threads. HTTP latency and concurrency: *HTTP load*.",
        "",
        "| mode | queries | nDCG@10 | judged-only nDCG@10 | p50 ms | p95 ms | p99 ms | queries/s |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for key, run in result["modes"].items():
        mode, lang = key.split("/")
        s = latency_summary(run["latencies_ms"])
        queries = QUERIES_EN if lang == "en" else CHORUS_QUERIES_ZH
        score, _ = ndcg(run["rankings"], queries)
        label = "English (Chorus)" if lang == "en" else "Chinese (ours)"
        lines.append(
            f"| {mode} | {label} | {score:.4f} | {judged_only(run, queries):.4f} | {s['p50']:.1f} | {s['p95']:.1f} | "
            f"{s['p99']:.1f} | {s['qps']:.0f} |"
        )
    lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = arguments(__doc__)
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=ENGINES)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", choices=ENGINES, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", type=Path, default=EVAL_DIR / "chorus", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.out, args.rounds, args.data_dir)
        return
    if not (CHORUS / "products.jsonl").exists():
        sys.exit(f"{CHORUS} not found: the side-by-side benchmark needs the Chorus catalog")
    data_dir = ensure_index(CHORUS / "products.jsonl")
    WORK.mkdir(parents=True, exist_ok=True)
    results = []
    for name in args.engines:
        results.append(run_child(name, args.rounds, data_dir))
        r = results[-1]
        if "error" not in r:
            s = latency_summary(r["latencies_ms"])
            print(
                f"{r['name']:24s} nDCG@10 {ndcg(r['rankings'], QUERIES_EN)[0]:.4f}  p50 {s['p50']:6.1f} ms  "
                f"p99 {s['p99']:6.1f} ms  build {r['build_s']:5.1f} s  peak {r['peak_rss_mb']:,.0f} MB  "
                f"({r['wall_s']:.0f} s)",
                flush=True,
            )
    write_section(DOC, "peers", peers_section(results, args.rounds))
    ours = next((r for r in results if "modes" in r), None)
    if ours is not None:
        write_section(DOC, "query-latency", latency_section(ours, args.rounds))
    print(f"wrote {DOC}")


if __name__ == "__main__":
    main()
