"""Measure nDCG@10 on the demo fixture queries and on the Chorus catalog; write docs/relevance.md.

    .venv/bin/python bench/relevance.py [--skip-chorus]

Indexes are built once under var/eval/ (rebuilt only when their feed changed) with the configured model.
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from search.config import Settings
from search.eval import mean_ndcg, read_qrels, read_queries
from search.service import Mode, SearchRequest, SearchService

ROOT = Path(__file__).resolve().parent.parent
CHORUS = ROOT.parent / "shared" / "data" / "chorus"


@dataclass
class Suite:
    name: str
    feed: Path
    queries: Path
    qrels: Path


def suites(skip_chorus: bool) -> list[Suite]:
    demo = ROOT / "data" / "demo"
    out = [
        Suite("demo, Chinese queries", demo / "products.jsonl", demo / "queries.tsv", demo / "qrels.tsv"),
        Suite("demo, English queries", demo / "products.jsonl", demo / "queries_en.tsv", demo / "qrels.tsv"),
    ]
    if not skip_chorus and CHORUS.exists():
        feed, qrels = CHORUS / "products.jsonl", CHORUS / "qrels_supahands.tsv"
        out.append(Suite("Chorus, English queries (Supahands)", feed, CHORUS / "queries_supahands.tsv", qrels))
        out.append(Suite("Chorus, Chinese queries (ours)", feed, ROOT / "bench" / "chorus" / "queries_zh.tsv", qrels))
    return out


def ensure_index(feed: Path) -> Path:
    data_dir = ROOT / "var" / "eval" / feed.parent.name
    subprocess.run(
        [sys.executable, "-c", "from indexer.cli import main; main()", "index", str(feed), "--data-dir", str(data_dir)],
        check=True,
    )
    return data_dir


def evaluate(service: SearchService, suite: Suite, mode: Mode) -> tuple[float, float, int]:
    queries = read_queries(suite.queries)
    qrels = read_qrels(suite.qrels)
    service.embedder.clear_cache()  # every mode pays for its query embeddings
    runs, started = {}, time.perf_counter()
    for qid, q in queries.items():
        hits = service.search(SearchRequest(q=q, size=10, mode=mode)).result.hits
        runs[qid] = [h.product.id for h in hits]
    ms = (time.perf_counter() - started) * 1000 / len(queries)
    judged = {q: qrels.get(q, {}) for q in queries if any(qrels.get(q, {}).values())}
    return mean_ndcg(runs, judged), ms, len(judged)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-chorus", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "relevance.md")
    args = parser.parse_args()

    rows = []
    services: dict[Path, SearchService] = {}
    for suite in suites(args.skip_chorus):
        if suite.feed not in services:
            services[suite.feed] = SearchService(Settings(data_dir=ensure_index(suite.feed)))
        for mode in Mode:
            score, ms, n = evaluate(services[suite.feed], suite, mode)
            rows.append((suite.name, mode.value, n, score, ms))
            print(f"{suite.name:40s} {mode.value:8s} nDCG@10 {score:.4f}  {ms:6.1f} ms/query", flush=True)

    settings = Settings()
    lines = [
        "# Relevance",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d} by `bench/relevance.py` on {platform.machine()} "
        f"({platform.python_version()}), model `{settings.model}`, fusion `{settings.fusion}` "
        f"(k={settings.rrf_k}, keyword weight {settings.keyword_weight}, {settings.leg_size} hits a leg). "
        "nDCG@10 with linear gain (as trec_eval), unjudged = 0, over queries with at least one relevant judgment. "
        "Latency is the mean per query in process, "
        "embedding included.",
        "",
        "| suite | mode | queries | nDCG@10 | ms/query |",
        "|---|---|---|---|---|",
    ]
    lines += [f"| {name} | {mode} | {n} | {score:.4f} | {ms:.1f} |" for name, mode, n, score, ms in rows]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    existing = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
    notes = existing.split("<!-- notes -->", 1)[1] if "<!-- notes -->" in existing else "\n"
    args.out.write_text("\n".join(lines) + "\n\n<!-- notes -->" + notes, encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
