"""The query and document encoders side by side — sentence-transformers on torch, ONNX Runtime fp32 and int8 — and a
server's memory with and without torch; writes the `encoders` section of docs/benchmarks.md.

    .venv/bin/python bench/encoders.py [--kinds torch onnx onnx-int8] [--threads 2] [--texts 2000] [--skip-chorus]

Each encoder runs in a process of its own (so its memory is its own): loading (the ONNX export already made, as a
server finds it), one query at a time over the English and Chinese-rendered query texts of the demo and Chorus sets
(p50/p99, after a warm-up), product texts in batches of 32 (`bench/feedgen.py`, the indexer's embedded text), the
cosine of each vector to torch's, and relevance: hybrid search (SearchService, caches off) on the demo and Chorus
suites, nDCG@10 standard and judged-only. fp32 encoders search the same index (var/eval/<suite>: the vectors are the
same); int8 gets its own (var/eval/<suite>-onnx-int8), embedded by the int8 encoder. Then `haitao serve` of the
demo index with each encoder: resident memory when ready and after 200 distinct hybrid searches, and whether torch
was loaded (its shared library mapped).

int8 is the default only if it loses at most 0.005 nDCG@10 against fp32 on every suite, on both metrics.
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

import httpx
import numpy as np
from common import CHORUS, CHORUS_QUERIES_ZH, DOC, ROOT, ensure_index, git_commit, machine_line, ndcg10
from common import peak_rss_mb as rss_mb
from feedgen import products
from report import write_section

from search.eval import read_queries

KINDS = ("torch", "onnx", "onnx-int8")
WORK = ROOT / "var" / "bench" / "encoders"
MAX_INT8_LOSS = 0.005
DEMO = ROOT / "data" / "demo"
SUITES = {  # key: (feed, queries, qrels)
    "demo-zh": (DEMO / "products.jsonl", DEMO / "queries.tsv", DEMO / "qrels.tsv"),
    "demo-en": (DEMO / "products.jsonl", DEMO / "queries_en.tsv", DEMO / "qrels.tsv"),
    "chorus-en": (CHORUS / "products.jsonl", CHORUS / "queries_supahands.tsv", CHORUS / "qrels_supahands.tsv"),
    "chorus-zh": (CHORUS / "products.jsonl", CHORUS_QUERIES_ZH, CHORUS / "qrels_supahands.tsv"),
}


def suites(skip_chorus: bool) -> dict[str, tuple[Path, Path, Path]]:
    chorus = not skip_chorus and (CHORUS / "products.jsonl").exists()
    return {key: suite for key, suite in SUITES.items() if chorus or key.startswith("demo")}


def query_texts(skip_chorus: bool) -> list[str]:
    """What a search embeds: the English rendering of each query (Chinese queries through the analysis)."""
    from search.analysis.query import default_analysis

    analyzer = default_analysis().query_analyzer
    texts = []
    for _, queries, _ in suites(skip_chorus).values():
        for text in read_queries(queries).values():
            english = analyzer.analyze(text, lambda word: 1).english
            texts.append(english or text)
    return list(dict.fromkeys(texts))


def child(kind: str, out: Path, threads: int, n_texts: int, skip_chorus: bool) -> None:
    from search.catalog import Product
    from search.config import Settings
    from search.documents import embedding_text
    from search.encoders import load_encoder
    from search.eval.judged import Judged
    from search.eval.runner import run_queries
    from search.service import Mode, SearchService

    queries = query_texts(skip_chorus)
    texts = [embedding_text(Product.from_raw(p)) for p in products(n_texts)]
    started = time.perf_counter()
    encoder = load_encoder(kind=kind, threads=threads, cache_size=0)
    load_s = time.perf_counter() - started
    rss_loaded, _ = rss_mb()
    for text in queries[:20]:
        encoder.encode_query(text)
    latencies = []
    for _ in range(2):
        for text in queries:
            t = time.perf_counter()
            encoder.encode_query(text)
            latencies.append((time.perf_counter() - t) * 1000)
    t = time.perf_counter()
    text_vectors = encoder.encode(texts, batch_size=32)
    texts_per_s = len(texts) / (time.perf_counter() - t)
    np.save(WORK / f"{kind}.queries.npy", np.stack([encoder.encode_query(q) for q in queries]))
    np.save(WORK / f"{kind}.texts.npy", text_vectors)

    relevance = {}
    for key, (feed, queries_path, qrels) in suites(skip_chorus).items():
        data_dir = ensure_index(feed, encoder=kind)
        service = SearchService(Settings(data_dir=data_dir, result_cache_size=0), embedder=encoder)
        judged = Judged.GROUP if key.startswith("demo") else Judged.ID  # the demo's qrels judge product groups
        run = run_queries(service, read_queries(queries_path), 100, Mode.HYBRID, judged)
        service.close()
        top10 = {qid: ranked[:10] for qid, ranked in run.rankings.items()}
        relevance[key] = {
            "ndcg": ndcg10(top10, queries_path, qrels),
            "judged_only": ndcg10(run.rankings, queries_path, qrels, judged_only=True),
        }
        scores = relevance[key]
        print(f"{kind:10s} {key:10s} nDCG@10 {scores['ndcg']:.4f}  judged-only {scores['judged_only']:.4f}", flush=True)
    ordered = sorted(latencies)
    result = {
        "kind": kind,
        "describe": encoder.describe(),
        "name": encoder.name,
        "load_s": load_s,
        "rss_loaded_mb": rss_loaded,
        "query_p50": ordered[len(ordered) // 2],
        "query_p99": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))],
        "queries": len(queries),
        "texts_per_s": texts_per_s,
        "texts": len(texts),
        "relevance": relevance,
    }
    out.write_text(json.dumps(result), encoding="utf-8")


def run_child(kind: str, args: argparse.Namespace) -> dict:
    out = WORK / f"{kind}.json"
    out.unlink(missing_ok=True)
    cmd = [sys.executable, __file__, "--child", kind, "--out", str(out), "--threads", str(args.threads),
           "--texts", str(args.texts)] + (["--skip-chorus"] if args.skip_chorus else [])  # fmt: skip
    env = {**os.environ, "OMP_NUM_THREADS": str(args.threads), "HF_HUB_OFFLINE": "1"}
    subprocess.run(cmd, check=True, cwd=ROOT, env=env)
    return json.loads(out.read_text(encoding="utf-8"))


def server_memory(kind: str, threads: int, queries: list[str]) -> dict:
    """`haitao serve` of the demo index with this encoder: RSS when ready and after 200 distinct searches."""
    from http_load import Server

    data_dir = ensure_index(DEMO / "products.jsonl")
    previous = os.environ.get("HAITAO_ENCODER")
    os.environ["HAITAO_ENCODER"] = kind
    try:
        with Server(data_dir, threads, query_cache=False) as server:
            ready_s = server.wait_ready()
            ready = server.memory_mb()
            with httpx.Client(base_url=server.url, timeout=30) as client:
                for i in range(200):
                    client.get("/v1/search", params={"q": queries[i % len(queries)], "size": "10"}).raise_for_status()
            after = server.memory_mb()
            torch_loaded = "libtorch" in Path(f"/proc/{server.proc.pid}/maps").read_text()
    finally:
        if previous is None:
            os.environ.pop("HAITAO_ENCODER", None)
        else:
            os.environ["HAITAO_ENCODER"] = previous
    return {"ready_s": ready_s, "ready": ready, "after": after, "torch": torch_loaded}


def section(results: list[dict], servers: dict[str, dict], args: argparse.Namespace) -> str:
    by_kind = {r["kind"]: r for r in results}
    reference = {kind: np.load(WORK / f"torch.{part}.npy") for kind, part in (("q", "queries"), ("t", "texts"))}
    lines = [
        "## Query encoder: torch, ONNX Runtime fp32 and int8",
        "",
        f"`bench/encoders.py`, run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC at commit `{git_commit()}` on "
        f"{machine_line()}; {args.threads} threads for every encoder, each in a process of its own. One query at a "
        f"time: {results[0]['queries']} distinct query texts as searches embed them (the English rendering of "
        f"demo and Chorus queries), 2 passes after a warm-up, no cache. Batches: {results[0]['texts']:,} product "
        "texts (the indexer's embedded text of generated products), 32 a batch. Cosine: each vector against "
        "torch's for the same text (lowest over queries and texts).",
        "",
        "| encoder | load s | RSS loaded MB | query p50 ms | query p99 ms | texts/s | lowest cosine to torch | name "
        "(index, embedding cache) |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        queries, texts = np.load(WORK / f"{r['kind']}.queries.npy"), np.load(WORK / f"{r['kind']}.texts.npy")
        lowest = min(float((queries * reference["q"]).sum(1).min()), float((texts * reference["t"]).sum(1).min()))
        lines.append(
            f"| {r['kind']}: {r['describe']} | {r['load_s']:.1f} | {r['rss_loaded_mb']:,.0f} | {r['query_p50']:.2f} | "
            f"{r['query_p99']:.2f} | {r['texts_per_s']:,.0f} | {lowest:.6f} | `{r['name']}` |"
        )
    keys = list(results[0]["relevance"])
    lines += [
        "",
        "Relevance, hybrid search (nDCG@10 standard / judged-only; fp32 encoders on the same index, int8 on an index "
        "it embedded):",
        "",
        "| encoder | " + " | ".join(keys) + " |",
        "|---|" + "---:|" * len(keys),
    ]
    for r in results:
        cells = [f"{r['relevance'][k]['ndcg']:.4f} / {r['relevance'][k]['judged_only']:.4f}" for k in keys]
        lines.append(f"| {r['kind']} | " + " | ".join(cells) + " |")
    if "onnx" in by_kind and "onnx-int8" in by_kind:
        fp32, int8 = by_kind["onnx"]["relevance"], by_kind["onnx-int8"]["relevance"]
        losses = {f"{k} {m}": fp32[k][m] - int8[k][m] for k in keys for m in ("ndcg", "judged_only")}
        worst = max(losses, key=losses.get)
        within = losses[worst] <= MAX_INT8_LOSS
        verdict = "**within**" if within else "**beyond**"
        default = "could be the default" if within else "stays opt-in (`HAITAO_ENCODER=onnx-int8`)"
        lines += [
            "",
            f"int8 against fp32: largest loss {losses[worst]:+.4f} nDCG@10 ({worst}), {verdict} the "
            f"{MAX_INT8_LOSS} allowed, so int8 {default}.",
        ]
    if "onnx" in by_kind and "torch" in by_kind:
        onnx, torch = by_kind["onnx"]["relevance"], by_kind["torch"]["relevance"]
        gap = max(abs(onnx[k][m] - torch[k][m]) for k in keys for m in ("ndcg", "judged_only"))
        lines += ["", f"fp32 ONNX against torch: largest nDCG@10 difference over the suites {gap:.4f}."]
    if servers:
        lines += [
            "",
            "`haitao serve` of the demo index (1,281 products), resident memory (MB):",
            "",
            "| encoder | ready | after 200 searches (anon / file) | torch loaded | ready after s |",
            "|---|---:|---:|---|---:|",
        ]
        for kind, s in servers.items():
            after = s["after"]
            lines.append(
                f"| {kind} | {s['ready'].get('VmRSS', 0):,.0f} | {after.get('VmRSS', 0):,.0f} "
                f"({after.get('RssAnon', 0):,.0f} / {after.get('RssFile', 0):,.0f}) | "
                f"{'yes' if s['torch'] else 'no'} | {s['ready_s']:.1f} |"
            )
        if "torch" in servers and "onnx" in servers:
            saved = servers["torch"]["after"].get("VmRSS", 0) - servers["onnx"]["after"].get("VmRSS", 0)
            lines += ["", f"Without torch the server holds {saved:,.0f} MB less after the same searches."]
    lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kinds", nargs="+", choices=KINDS, default=list(KINDS))
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--texts", type=int, default=2000)
    parser.add_argument("--skip-chorus", action="store_true")
    parser.add_argument("--no-server", action="store_true", help="Skip the server memory rows.")
    parser.add_argument("--no-write", action="store_true", help="Print only; leave docs/benchmarks.md alone.")
    parser.add_argument("--child", choices=KINDS, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    if args.child:
        child(args.child, args.out, args.threads, args.texts, args.skip_chorus)
        return
    kinds = ["torch", *[k for k in args.kinds if k != "torch"]]  # torch first: the reference vectors
    results = [run_child(kind, args) for kind in kinds]
    servers = {}
    if not args.no_server:
        queries = [q for _, path, _ in suites(True).values() for q in read_queries(path).values()]
        servers = {kind: server_memory(kind, args.threads, queries) for kind in ("torch", "onnx")}
    text = section(results, servers, args)
    if args.no_write:
        print(text)
    else:
        write_section(DOC, "encoders", text)
        print(f"wrote the encoders section of {DOC}")


if __name__ == "__main__":
    main()
