"""The relevance report: every suite × retrieval configuration, scored with TREC qrels; writes docs/relevance.md
and docs/relevance.png (`make relevance`).

    .venv/bin/python bench/relevance.py [--skip-chorus] [--out docs/relevance.md]

Suites: the demo fixtures (Chinese queries, and the same needs typed in English) and the Chorus electronics catalog
in ../shared/data/chorus (its English queries, and our Chinese versions in bench/chorus/queries_zh.tsv).
Configurations: keyword only, vector only, hybrid with RRF and hybrid with weighted min-max fusion (the configured
keyword weight, k and leg size). Indexes are built once under var/eval/ (`haitao index`: unchanged products are
skipped, vectors come from the embedding cache); each configuration's JSON report and TREC run file are kept in
var/eval/runs/ for `haitao eval --compare`. Text after the `<!-- notes -->` line of the report is kept as written.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from common import CHORUS, CHORUS_QUERIES_ZH, EVAL_DIR, ROOT, display_path, ensure_index, git_commit
from report import machine
from robustness import robustness_section

from search.config import Settings
from search.encoders import encoder_for
from search.eval import CONDENSED, EvalReport, evaluate, read_qrels, read_queries, write_run
from search.eval.runner import Judged, run_queries
from search.service import Mode, SearchService

NOTES = "<!-- notes -->"
SIZE = 100  # hits a query: Recall@100 needs 100


@dataclass(frozen=True)
class Suite:
    key: str
    name: str
    feed: Path
    queries: Path
    qrels: Path
    judged: Judged = Judged.ID  # what the qrels name: the demo's judge product groups (SELLER/ITEM_GROUP_ID)


@dataclass(frozen=True)
class Config:
    key: str
    name: str
    mode: Mode
    fusion: str = "rrf"


CONFIGS = [
    Config("keyword", "keyword (BM25 over the translated concepts)", Mode.KEYWORD),
    Config("vector", "vector (MiniLM on the English rendering)", Mode.VECTOR),
    Config("hybrid-rrf", "hybrid, weighted RRF (default)", Mode.HYBRID, "rrf"),
    Config("hybrid-weighted", "hybrid, weighted min-max", Mode.HYBRID, "weighted"),
]


GROUP = Judged.GROUP
DEMO_QRELS = ROOT / "data" / "demo" / "qrels.tsv"  # judges product groups: SELLER/ITEM_GROUP_ID


def suites(skip_chorus: bool) -> list[Suite]:
    demo = ROOT / "data" / "demo"
    out = [
        Suite(
            "demo-zh", "demo, Chinese queries", demo / "products.jsonl", demo / "queries.tsv", demo / "qrels.tsv", GROUP
        ),
        Suite(
            "demo-en",
            "demo, English queries",
            demo / "products.jsonl",
            demo / "queries_en.tsv",
            demo / "qrels.tsv",
            GROUP,
        ),
    ]
    if skip_chorus:
        return out
    if not (CHORUS / "products.jsonl").exists():
        print(f"note: {CHORUS} not found: the Chorus suites are skipped", file=sys.stderr)
        return out
    feed, qrels = CHORUS / "products.jsonl", CHORUS / "qrels_supahands.tsv"
    return [
        *out,
        Suite("chorus-en", "Chorus, English queries", feed, CHORUS / "queries_supahands.tsv", qrels),
        Suite("chorus-zh", "Chorus, Chinese queries (ours)", feed, CHORUS_QUERIES_ZH, qrels),
    ]


def measure(skip_chorus: bool) -> tuple[list[Suite], dict[tuple[str, str], EvalReport]]:
    embedder = encoder_for(Settings())
    reports: dict[tuple[str, str], EvalReport] = {}
    services: dict[tuple[Path, str], SearchService] = {}
    chosen = suites(skip_chorus)
    for suite in chosen:
        data_dir = ensure_index(suite.feed)
        queries, qrels = read_queries(suite.queries), read_qrels(suite.qrels)
        for config in CONFIGS:
            key = (data_dir, config.fusion)
            if key not in services:
                services[key] = SearchService(Settings(data_dir=data_dir, fusion=config.fusion), embedder=embedder)
            service = services[key]
            embedder.clear_cache()  # every configuration pays for its query embeddings
            run = run_queries(service, queries, SIZE, config.mode, suite.judged)
            settings = service.settings
            report = evaluate(
                queries,
                run.rankings,
                qrels,
                {
                    "suite": suite.key,
                    "config": config.key,
                    "mode": config.mode.value,
                    "size": SIZE,
                    "fusion": settings.fusion,
                    "rrf_k": settings.rrf_k,
                    "keyword_weight": settings.keyword_weight,
                    "leg_size": settings.leg_size,
                    "model": settings.model,
                    "queries": str(suite.queries),
                    "qrels": str(suite.qrels),
                    "index": str(data_dir),
                },
                run.latencies_ms,
            )
            reports[(suite.key, config.key)] = report
            runs = EVAL_DIR / "runs"
            report.save(runs / f"{suite.key}.{config.key}.json")
            write_run(runs / f"{suite.key}.{config.key}.run", run.ranked, f"haitao-{config.key}")
            print(
                f"{suite.name:32s} {config.key:16s} nDCG@10 {report.overall['nDCG@10']:.4f} "
                f"({len(report.per_query)} queries, {report.timing['mean']:.1f} ms/query)",
                flush=True,
            )
    for service in services.values():
        service.close()
    return chosen, reports


def plot(chosen: list[Suite], reports: dict[tuple[str, str], EvalReport], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 4.2), dpi=110)
    width = 0.8 / len(CONFIGS)
    for i, config in enumerate(CONFIGS):
        xs = [j + (i - (len(CONFIGS) - 1) / 2) * width for j in range(len(chosen))]
        values = [reports[(s.key, config.key)].overall["nDCG@10"] for s in chosen]
        bars = ax.bar(xs, values, width, label=config.key)
        ax.bar_label(bars, fmt="%.3f", fontsize=7, padding=2)
    ax.set_xticks(range(len(chosen)), [s.name for s in chosen], fontsize=8)
    ax.set_ylabel("nDCG@10")
    ax.set_ylim(0, 1.05)
    ax.set_title("nDCG@10 by suite and retrieval configuration")
    ax.legend(fontsize=8, ncols=len(CONFIGS), loc="upper center", bbox_to_anchor=(0.5, -0.12), frameon=False)
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)


def markdown(chosen: list[Suite], reports: dict[tuple[str, str], EvalReport], png: str) -> list[str]:
    settings = Settings()
    lines = [
        "# Relevance",
        "",
        f"Generated {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `make relevance` (`bench/relevance.py`) at commit "
        f"`{git_commit()}`; {machine()}. Model `{settings.model}`; hybrid fusion k = {settings.rrf_k}, keyword "
        f"weight {settings.keyword_weight} (vector {1 - settings.keyword_weight:.1f}), {settings.leg_size} hits a "
        f"leg; {SIZE} hits retrieved a query.",
        "",
        "Metrics as trec_eval / ir-measures compute them (`search/eval/metrics.py`, checked against ir-measures in "
        "`tests/search/test_eval.py`): **nDCG@10** with linear gain (grade / log2(rank + 1), ideal from all judged "
        "grades), **MRR@10**, **Recall@100** and **P@10** with relevant = grade ≥ 1. Unjudged products count as "
        "irrelevant. Means over the queries with at least one relevant judgment. ms/query: mean in-process search "
        "time, query analysis and embedding included (the query-embedding cache is cleared before each run).",
        "",
        f"![nDCG@10 by suite and configuration]({png})",
        "",
        "## nDCG@10",
        "",
        "Each cell: standard nDCG@10 / judged-only (condensed) nDCG'@10 — the same ranking with the products nobody "
        "judged removed before the cut (Sakai 2007; ir-measures' `judged_only`), because the judgments are "
        "incomplete: a change that brings up relevant products nobody judged looks like a loss under the standard "
        "figure alone.",
        "",
        "| configuration | " + " | ".join(s.name for s in chosen) + " |",
        "|---|" + "---:|" * len(chosen),
    ]
    for config in CONFIGS:
        cells = []
        for suite in chosen:
            overall = reports[(suite.key, config.key)].overall
            best = max(reports[(suite.key, c.key)].overall["nDCG@10"] for c in CONFIGS)
            standard = f"**{overall['nDCG@10']:.4f}**" if overall["nDCG@10"] == best else f"{overall['nDCG@10']:.4f}"
            cells.append(f"{standard} / {overall[CONDENSED]:.4f}")
        lines.append(f"| {config.name} | " + " | ".join(cells) + " |")
    lines += ["", "Best standard figure of each suite in bold.", ""]
    pairs = [("demo-zh", "demo-en", "demo"), ("chorus-zh", "chorus-en", "Chorus")]
    pairs = [p for p in pairs if (p[0], CONFIGS[0].key) in reports and (p[1], CONFIGS[0].key) in reports]
    if pairs:
        lines += [
            "## Chinese against English",
            "",
            "nDCG@10 of the Chinese queries divided by that of the English queries for the same needs "
            "(issue 3 goal: hybrid ≥ 0.90 on Chorus).",
            "",
            "| configuration | " + " | ".join(p[2] for p in pairs) + " |",
            "|---|" + "---:|" * len(pairs),
        ]
        for config in CONFIGS:
            ratios = [
                reports[(zh, config.key)].overall["nDCG@10"] / (reports[(en, config.key)].overall["nDCG@10"] or 1)
                for zh, en, _ in pairs
            ]
            lines.append(f"| {config.name} | " + " | ".join(f"{r:.3f}" for r in ratios) + " |")
        lines.append("")
    lines += ["## Every metric", ""]
    for suite in chosen:
        any_report = reports[(suite.key, CONFIGS[0].key)]
        scored = len(any_report.per_query)
        total = scored + len(any_report.unjudged) + len(any_report.no_relevant)
        lines += [
            f"### {suite.name}",
            "",
            f"`{display_path(suite.queries)}` ({total} queries, {scored} with a relevant judgment), "
            f"`{display_path(suite.qrels)}`.",
            "",
            "| configuration | nDCG@10 | nDCG'@10 | MRR@10 | Recall@100 | P@10 | ms/query (mean / p95) |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for config in CONFIGS:
            r = reports[(suite.key, config.key)]
            o = r.overall
            lines.append(
                f"| {config.name} | {o['nDCG@10']:.4f} | {o[CONDENSED]:.4f} | {o['RR@10']:.4f} | {o['R@100']:.4f} | "
                f"{o['P@10']:.4f} | "
                f"{r.timing['mean']:.1f} / {r.timing['p95']:.1f} |"
            )
        worst = reports[(suite.key, "hybrid-rrf")].per_query[:5]
        lines += [
            "",
            "Worst five queries, hybrid RRF: "
            + "; ".join(f"`{row.query}` ({row.qid}, {row.metrics['nDCG@10']:.2f})" for row in worst)
            + ".",
            "",
        ]
    lines += [
        "Per-query figures: `var/eval/runs/SUITE.CONFIG.json` (compare two with `haitao eval --compare A.json "
        "B.json`) and TREC run files beside them.",
        "",
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skip-chorus", action="store_true", help="Only the demo suites (no ../shared data).")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "relevance.md")
    args = parser.parse_args()

    chosen, reports = measure(args.skip_chorus)
    png = args.out.with_suffix(".png")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    plot(chosen, reports, png)
    robustness = robustness_section(args.skip_chorus)
    existing = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
    notes = existing.split(NOTES, 1)[1] if NOTES in existing else "\n"
    text = "\n".join([*markdown(chosen, reports, png.name), *robustness]) + "\n" + NOTES + notes
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} and {png}")


if __name__ == "__main__":
    main()
