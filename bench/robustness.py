"""The robustness part of the relevance report: the query sets of bench/query_sets.py (typos, pinyin in every form,
homophone slips, Taiwan vocabulary, off-catalog queries) scored against the clean queries they were made from.

    .venv/bin/python bench/robustness.py [--skip-chorus]     (prints the section; `make relevance` writes it into
                                                              docs/relevance.md through `robustness_section`)
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from common import CHORUS, CHORUS_QUERIES_ZH, ROOT, display_path, ensure_index

from search.config import Settings
from search.encoders import encoder_for
from search.eval import CONDENSED, read_qrels, read_queries
from search.eval.judged import Judged
from search.eval.robustness import (
    GOALS,
    OFF_CATALOG_GOAL,
    OffCatalogScore,
    VariantScore,
    score_off_catalog,
    score_variants,
)
from search.floor import VectorFloor
from search.service import SearchService

KINDS = [
    ("typo", "one typo in an English word"),
    ("pinyin_joined", "pinyin, words joined (`lanya erji`)"),
    ("pinyin_spaced", "pinyin, syllables spaced (`lan ya er ji`)"),
    ("pinyin_partial", "pinyin, last syllable begun (`lanya erj`)"),
    ("pinyin_mixed", "characters and pinyin mixed (`蓝ya耳机`)"),
    ("pinyin_initials", "pinyin initials (`lyej`)"),
    ("homophone", "one character slipped to a homophone (`蓝押耳机`)"),
    ("taiwan", "Taiwan characters and vocabulary (`藍芽耳機`)"),
]


@dataclass(frozen=True)
class Catalog:
    key: str
    name: str
    feed: Path
    chinese: Path
    english: Path
    qrels: Path
    variants: Path
    judged: Judged = Judged.ID  # what the qrels name: the demo's judge product groups


def catalogs(skip_chorus: bool) -> list[Catalog]:
    demo = ROOT / "data" / "demo"
    out = [
        Catalog(
            "demo",
            "demo",
            demo / "products.jsonl",
            demo / "queries.tsv",
            demo / "queries_en.tsv",
            demo / "qrels.tsv",
            demo / "variants",
            Judged.GROUP,
        )
    ]
    if not skip_chorus and (CHORUS / "products.jsonl").exists():
        out.append(
            Catalog(
                "chorus",
                "Chorus",
                CHORUS / "products.jsonl",
                CHORUS_QUERIES_ZH,
                CHORUS / "queries_supahands.tsv",
                CHORUS / "qrels_supahands.tsv",
                ROOT / "bench" / "chorus" / "variants",
            )
        )
    return out


def measure(catalog: Catalog, service: SearchService) -> tuple[dict[str, VariantScore], OffCatalogScore]:
    qrels = read_qrels(catalog.qrels)
    chinese, english = read_queries(catalog.chinese), read_queries(catalog.english)
    scores = {}
    for kind, _ in KINDS:
        path = catalog.variants / f"{kind}.tsv"
        if path.exists():
            clean = english if kind == "typo" else chinese
            scores[kind] = score_variants(service, kind, clean, read_queries(path), qrels, judged=catalog.judged)
            print(f"{catalog.name:8s} {kind:16s} nDCG'@10 ratio {scores[kind].ratio():.3f}", flush=True)
    off = score_off_catalog(service, read_queries(catalog.variants / "off_catalog.tsv"))
    print(f"{catalog.name:8s} off-catalog      {off.share_empty:.0%} return nothing", flush=True)
    return scores, off


def _ratio(score: VariantScore) -> str:
    """The ratio, bold when it meets its goal."""
    met = score.goal is not None and score.ratio() >= score.goal
    return f"**{score.ratio():.3f}**" if met else f"{score.ratio():.3f}"


def markdown(
    results: dict[str, tuple[dict[str, VariantScore], OffCatalogScore]],
    chosen: list[Catalog],
    floors: dict[str, VectorFloor | None],
) -> list[str]:
    lines = [
        "## Robustness: what shoppers type instead of the clean query",
        "",
        "Query sets made by rule from the clean queries (`bench/query_sets.py` with `search/eval/variants.py`; how "
        "each is made: below), each variant scored against the judgments of the clean query it came from, hybrid "
        "search, 100 hits a query. The ratio is the variant set's judged-only nDCG'@10 over that of the same queries "
        "typed cleanly (English queries for typos, Chinese for the rest); issue 14's goals in the last column.",
        "",
        "| query set | "
        + " | ".join(f"{c.name}: queries | {c.name}: nDCG@10 / nDCG'@10 | {c.name}: ratio'" for c in chosen)
        + " | goal |",
        "|---|" + "---:|---:|---:|" * len(chosen) + "---:|",
    ]
    for kind, label in KINDS:
        cells = []
        for catalog in chosen:
            score = results[catalog.key][0].get(kind)
            if score is None:
                cells += ["–", "–", "–"]
                continue
            v, c = score.variant.overall, score.clean.overall
            cells += [
                str(score.queries),
                f"{v['nDCG@10']:.3f} / {v[CONDENSED]:.3f} (clean {c['nDCG@10']:.3f} / {c[CONDENSED]:.3f})",
                f"**{score.ratio():.3f}**"
                if GOALS.get(kind) and score.ratio() >= GOALS[kind]
                else f"{score.ratio():.3f}",
            ]
        goal = f"≥ {GOALS[kind]:.2f}" if kind in GOALS else "–"
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {goal} |")
    off_cells = []
    for catalog in chosen:
        off = results[catalog.key][1]
        off_cells.append(f"{off.queries} queries: **{off.empty}** return no hit ({off.share_empty:.0%})")
    lines += [
        "",
        "Off-catalog queries (things neither catalog sells; goal: at least "
        f"{OFF_CATALOG_GOAL:.0%} return no hit): "
        + "; ".join(f"{c.name} {t}" for c, t in zip(chosen, off_cells, strict=True))
        + ".",
        "",
        "Files: " + ", ".join(f"`{display_path(c.variants)}/`" for c in chosen) + ".",
        "",
        "The vector leg's floor, calibrated by the service on each catalog for the model (`search/floor.py`: the "
        "level 95% of off-catalog dictionary phrases do not reach, never above the level 90% of product-name "
        "queries reach): " + "; ".join(f"{c.name} {_floor(floors.get(c.key))}" for c in chosen) + ".",
        "",
    ]
    return lines


def _floor(floor: VectorFloor | None) -> str:
    if floor is None:
        return "none (no model)"
    return f"{floor.value:.3f} (off-catalog level {floor.off_catalog:.3f}, product names {floor.titles:.3f})"


def robustness_section(skip_chorus: bool) -> list[str]:
    """Every catalog's query sets measured (one search service each), as the report's markdown lines."""
    encoder = encoder_for(Settings())
    chosen = catalogs(skip_chorus)
    results, floors = {}, {}
    for catalog in chosen:
        service = SearchService(Settings(data_dir=ensure_index(catalog.feed)), embedder=encoder)
        try:
            results[catalog.key] = measure(catalog, service)
            floors[catalog.key] = service.floor
        finally:
            service.close()
    return markdown(results, chosen, floors)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skip-chorus", action="store_true")
    args = parser.parse_args()
    print("\n".join(robustness_section(args.skip_chorus)))


if __name__ == "__main__":
    main()
