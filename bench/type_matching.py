"""Product-type matching, measured through the real system: nDCG@10 (standard and judged-only) of hybrid search on
the four relevance suites and on the query sets of bench/taxonomy/query_sets.tsv (accessory-prone, category-word,
other), for the default ranking and for variants of it.

    .venv/bin/python bench/type_matching.py [--skip-chorus] [--suites demo-zh,chorus-en]
        [--variant 'name:field.type_zh=0,type_leg_weight=0'] ... [--json-out F] [--queries laptop,耳机]

Every query runs through `SearchService` (query analysis, category prediction, both legs, fusion and the type
features of `search.ranking.RankingSpec`) on the evaluation indexes of var/eval/ (built by `haitao index`, the one
write path: every product assigned its node and indexed with its type words). A variant changes fields of the
ranking spec: `name:key=value,...`, where `field.NAME=w` sets a keyword-leg field weight (0 leaves the field out of
the keyword leg) and any other key is a `RankingSpec` attribute. `baseline` (always run first) is the ranking of
main before issue 19: no type words in the keyword leg and no type features.

Judged-only ("condensed") nDCG@10 removes unjudged products from a ranking before the cut (Sakai 2007).
"""

from __future__ import annotations

import csv
import json
import sys
from collections import defaultdict
from dataclasses import fields, replace
from pathlib import Path

import numpy as np
from common import CHORUS, CHORUS_QUERIES_ZH, EVAL_DIR, ROOT, arguments, ensure_index

from search.backends.embedded.backend import EmbeddedBackend
from search.config import Settings
from search.encoders import encoder_for
from search.eval import read_qrels, read_queries
from search.eval.judged import Judged, doc_id
from search.eval.metrics import condensed_ndcg_at_k, ndcg_at_k
from search.ranking import RankingSpec
from search.service import SearchRequest, SearchService

SETS = ROOT / "bench" / "taxonomy" / "query_sets.tsv"
DEPTH = 100  # hits a query: judged-only nDCG@10 condenses the ranking first
BASELINE = "baseline:field.type_zh=0,type_leg_weight=0,accessory_window=0"
HEADLINE = ("laptop", "laptops", "gaming laptop", "head set", "笔记本电脑", "游戏本", "耳麦")


def parse_variant(text: str, default: RankingSpec) -> tuple[str, RankingSpec]:
    """`name:key=value,...` → (name, the default spec with those changes)."""
    name, _, changes = text.partition(":")
    weights = dict(default.field_weights)
    updates: dict[str, object] = {}
    kinds = {f.name: f.type for f in fields(RankingSpec)}
    for change in filter(None, (c.strip() for c in changes.split(","))):
        key, _, value = change.partition("=")
        if key.startswith("field."):
            weights[key.removeprefix("field.")] = float(value)
        elif key not in kinds:
            raise SystemExit(f"unknown ranking spec attribute {key!r}")
        elif kinds[key] in ("bool", bool):
            updates[key] = value.strip().lower() in ("1", "true", "yes")
        elif kinds[key] in ("int", int):
            updates[key] = int(value)
        elif kinds[key] in ("str", str):
            updates[key] = value
        else:
            updates[key] = float(value)
    return name, replace(default, field_weights=weights, **updates)


def read_sets() -> dict[tuple[str, str], str]:
    with SETS.open(encoding="utf-8") as fh:
        lines = (line for line in fh if not line.startswith("#"))
        return {(r["suite"], r["qid"]): r["set"] for r in csv.DictReader(lines, delimiter="\t")}


def measure(suite: str, feed: Path, queries_path: Path, qrels_path: Path, variants, sets) -> list[dict]:
    settings = Settings(data_dir=ensure_index(feed))
    embedder = encoder_for(settings)
    queries, qrels = read_queries(queries_path), read_qrels(qrels_path)
    rows: dict[str, dict] = {}
    judged = Judged.GROUP if suite.startswith("demo") else Judged.ID  # the demo's qrels judge SELLER/ITEM_GROUP_ID
    for name, spec in variants:
        backend = EmbeddedBackend(settings.data_dir, embedder.name, embedder.dim, spec)  # its keyword leg's spec
        service = SearchService(settings, embedder=embedder, backend=backend, spec=spec)
        for qid, text in queries.items():
            judgments = qrels.get(qid, {})
            if not any(g >= 1 for g in judgments.values()):
                continue
            outcome = service.search(SearchRequest(q=text, size=DEPTH))
            ranking = [doc_id(hit.product, judged) for hit in outcome.result.hits]
            row = rows.setdefault(qid, {"qid": qid, "query": text, "set": sets.get((suite, qid), "other")})
            if outcome.prediction is not None:
                row["node"] = outcome.prediction.node
            row[name] = (ndcg_at_k(ranking, judgments), condensed_ndcg_at_k(ranking, judgments))
        service.close()
    return list(rows.values())


def summary(suite: str, rows: list[dict], names: list[str]) -> list[str]:
    by_set: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_set[row["set"]].append(row)
        by_set["all"].append(row)
    lines = []
    for set_name in ("accessory", "category", "other", "all"):
        chosen = by_set.get(set_name, [])
        if not chosen:
            continue
        cells = []
        for name in names:
            standard = np.mean([r[name][0] for r in chosen])
            judged = np.mean([r[name][1] for r in chosen])
            cells.append(f"{standard:.4f} / {judged:.4f}")
        lines.append(f"| {suite} | {set_name} | {len(chosen)} | " + " | ".join(cells) + " |")
    return lines


def headline(suite: str, rows: list[dict], names: list[str], wanted: tuple[str, ...]) -> list[str]:
    out = []
    for row in rows:
        if row["query"] in wanted:
            cells = " | ".join(f"{row[n][0]:.2f} / {row[n][1]:.2f}" for n in names)
            out.append(f"| {suite} | `{row['query']}` | {row.get('node', '')} | {cells} |")
    return out


def main() -> None:
    parser = arguments(__doc__)
    parser.add_argument("--skip-chorus", action="store_true")
    parser.add_argument("--suites", default="", help="Only these suites (comma-separated keys), e.g. chorus-en.")
    parser.add_argument("--variant", action="append", default=[], help="name:key=value,... (repeatable)")
    parser.add_argument("--no-default", action="store_true", help="Leave out the default ranking (`default`).")
    parser.add_argument("--queries", default=",".join(HEADLINE), help="Queries shown one by one (comma-separated).")
    parser.add_argument("--json-out", type=Path, default=EVAL_DIR / "type_matching.json")
    args = parser.parse_args()
    default = RankingSpec.from_settings(Settings())
    texts = [BASELINE] + ([] if args.no_default else ["default:"]) + args.variant
    variants = [parse_variant(text, default) for text in texts]
    names = [name for name, _ in variants]
    demo = ROOT / "data" / "demo"
    suites = [
        ("demo-zh", demo / "products.jsonl", demo / "queries.tsv", demo / "qrels.tsv"),
        ("demo-en", demo / "products.jsonl", demo / "queries_en.tsv", demo / "qrels.tsv"),
    ]
    if not args.skip_chorus and (CHORUS / "products.jsonl").exists():
        qrels = CHORUS / "qrels_supahands.tsv"
        suites += [
            ("chorus-en", CHORUS / "products.jsonl", CHORUS / "queries_supahands.tsv", qrels),
            ("chorus-zh", CHORUS / "products.jsonl", CHORUS_QUERIES_ZH, qrels),
        ]
    if args.suites:
        suites = [s for s in suites if s[0] in args.suites.split(",")]
    sets = read_sets()
    results, heads = {}, []
    print("| suite | set | queries | " + " | ".join(names) + " |")
    for suite in suites:
        rows = measure(*suite, variants=variants, sets=sets)
        results[suite[0]] = rows
        print("\n".join(summary(suite[0], rows, names)), flush=True)
        heads += headline(suite[0], rows, names, tuple(q for q in args.queries.split(",") if q))
    if heads:
        print("\n| suite | query | predicted node | " + " | ".join(names) + " |")
        print("\n".join(heads))
    args.json_out.parent.mkdir(parents=True, exist_ok=True)
    args.json_out.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"wrote {args.json_out}", file=sys.stderr)


if __name__ == "__main__":
    main()
