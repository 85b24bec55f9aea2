"""Product-type matching, measured: nDCG@10 (standard and judged-only) with and without the type leg, on the query
sets of bench/taxonomy/query_sets.tsv (accessory-prone, category-word, other), for each suite.

    .venv/bin/python bench/type_matching.py [--skip-chorus] [--suites chorus-en] [--weights 0.5,1,2] [--json-out F]

Each query runs through `SearchService` once per leg (keyword, vector; `leg_size` hits each) and the legs are fused
here exactly as the backends do (weighted RRF, the configured k and keyword weight): that is the baseline. The
type leg then ranks the fused candidates that belong to the predicted node (`search.taxonomy.predict`) in their
fused order, and is fused in as a third leg with weight `w × the prediction's confidence × the product's
assignment confidence` — so a product of the asked-for type
moves up, ahead of products that merely mention it, and nothing is filtered out. Products get their nodes from
`search.taxonomy.assign` (category path, title, and the vector nearest to the nodes' names).

Judged-only ("condensed") nDCG@10 removes unjudged products from a ranking before the cut (Sakai 2007).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from common import CHORUS, CHORUS_QUERIES_ZH, EVAL_DIR, ROOT, ensure_index

from search.config import Settings
from search.documents import embed
from search.encoders import Encoder, encoder_for
from search.eval import read_qrels, read_queries
from search.eval.judged import Judged, doc_id
from search.eval.metrics import ndcg_at_k
from search.service import Mode, SearchRequest, SearchService
from search.taxonomy.assign import NodeAssigner, NodeVectors
from search.taxonomy.predict import CategoryPredictor
from search.taxonomy.tree import default_taxonomy, term_keys

SETS = ROOT / "bench" / "taxonomy" / "query_sets.tsv"


def judged_only(ranking: list[str], judgments: dict[str, float]) -> list[str]:
    return [doc for doc in ranking if doc in judgments]


def rrf(legs: list[list[str]], weights: list[float], k: int) -> dict[str, float]:
    fused: dict[str, float] = defaultdict(float)
    for leg, weight in zip(legs, weights, strict=True):
        for rank, doc in enumerate(leg, start=1):
            fused[doc] += weight / (k + rank)
    return fused


def ordered(fused: dict[str, float]) -> list[str]:
    return [doc for doc, _ in sorted(fused.items(), key=lambda item: (-item[1], item[0]))]


def node_map(service: SearchService, embedder: Encoder) -> dict[str, tuple[str | None, float]]:
    """Every product's node, assigned as the index would (vectors read from the index for the fallback)."""
    taxonomy = default_taxonomy()
    node_vectors = NodeVectors(taxonomy, embed(NodeVectors.texts(taxonomy), embedder))
    assigner = NodeAssigner(taxonomy, vectors=node_vectors)
    snapshot = service.backend._current()  # the embedded index's vectors, read once here
    vectors = snapshot.vectors
    row_of = {doc: row for row, doc in enumerate(vectors.ids)}
    out = {}
    for product in service.backend.iter_products():
        row = row_of.get(product.id)
        vector = np.asarray(vectors.matrix[row]) if row is not None else None
        found = assigner.assign(product, vector)
        out[product.id] = (found.node, found.confidence)
    return out


def mentioners(taxonomy, node: str, term: str) -> set[str]:
    """Nodes outside `node` (and not above it) one of whose terms contains the query's type term, and their
    subtrees: the products that merely mention the asked-for type (`laptop sleeve` for `laptop`)."""
    out: set[str] = set()
    words = term.split()
    for other in taxonomy:
        if taxonomy.is_within(other.id, node) or taxonomy.is_within(node, other.id):
            continue
        for key in term_keys(other):
            parts = key.split()
            contains = (
                term in key
                if not term.isascii()
                else any(parts[i : i + len(words)] == words for i in range(len(parts) - len(words) + 1))
            )
            if key != term and contains:
                out.add(other.id)
                out.update(taxonomy.descendants(other.id))
    return out


def measure(
    suite: str,
    feed: Path,
    queries_path: Path,
    qrels_path: Path,
    weights: list[float],
    sets: dict,
    reuse: bool = False,
    demote: float = 0.0,
) -> dict:
    data_dir = ensure_index(feed)
    settings = Settings(data_dir=data_dir)
    embedder = encoder_for(settings)
    service = SearchService(settings, embedder=embedder)
    taxonomy = default_taxonomy()
    predictor = CategoryPredictor(taxonomy)
    nodes = node_map(service, embedder)
    queries, qrels = read_queries(queries_path), read_qrels(qrels_path)
    k, w_kw, size = settings.rrf_k, settings.keyword_weight, settings.leg_size
    cache_path = EVAL_DIR / "runs" / f"type-legs.{suite}.json"  # the legs do not depend on the taxonomy
    cached = json.loads(cache_path.read_text(encoding="utf-8")) if reuse and cache_path.exists() else {}
    rows = []
    judged = Judged.PRODUCT if suite.startswith("demo") else Judged.ID  # the demo's variants: SELLER/ID
    for qid, text in queries.items():
        judgments = qrels.get(qid, {})
        if not any(g >= 1 for g in judgments.values()):
            continue
        legs = cached.get(qid) or []
        if not legs:
            for mode in (Mode.KEYWORD, Mode.VECTOR):
                hits = service.search(SearchRequest(q=text, size=size, mode=mode)).result.hits
                legs.append([doc_id(hit.product, judged) for hit in hits])
            cached[qid] = legs
        baseline = rrf(legs, [w_kw, 1 - w_kw], k)
        base_order = ordered(baseline)
        analyzed = service.analysis.query_analyzer.analyze(text, service.backend.document_frequency)
        prediction = predictor.predict(analyzed)
        row = {
            "qid": qid,
            "query": text,
            "set": sets.get((suite, qid), "other"),
            "node": prediction.node if prediction else None,
            "base": ndcg_at_k(base_order, judgments),
            "base_j": ndcg_at_k(judged_only(base_order, judgments), judgments),
        }
        for weight in weights:
            order = base_order
            if prediction is not None:
                in_node = [
                    d
                    for d in base_order
                    if nodes.get(d, (None,))[0] and taxonomy.is_within(nodes[d][0], prediction.node)
                ]
                fused = dict(baseline)
                for rank, doc in enumerate(in_node, start=1):
                    fused[doc] += weight * prediction.confidence * nodes[doc][1] / (k + rank)
                if demote:
                    mentioning = mentioners(taxonomy, prediction.node, prediction.term)
                    others = [d for d in base_order if nodes.get(d, (None,))[0] in mentioning]
                    for rank, doc in enumerate(others, start=1):
                        fused[doc] -= demote * prediction.confidence * nodes[doc][1] / (k + rank)
                order = ordered(fused)
            row[f"w{weight}"] = ndcg_at_k(order, judgments)
            row[f"w{weight}_j"] = ndcg_at_k(judged_only(order, judgments), judgments)
        rows.append(row)
    cache_path.parent.mkdir(parents=True, exist_ok=True)
    cache_path.write_text(json.dumps(cached), encoding="utf-8")
    service.close()
    return {"suite": suite, "rows": rows}


def summary(result: dict, weights: list[float]) -> list[str]:
    lines = []
    by_set: dict[str, list[dict]] = defaultdict(list)
    for row in result["rows"]:
        by_set[row["set"]].append(row)
        by_set["all"].append(row)
    for name in ("accessory", "category", "other", "all"):
        rows = by_set.get(name, [])
        if not rows:
            continue
        cells = [f"{np.mean([r['base'] for r in rows]):.4f} / {np.mean([r['base_j'] for r in rows]):.4f}"]
        cells += [
            f"{np.mean([r[f'w{w}'] for r in rows]):.4f} / {np.mean([r[f'w{w}_j'] for r in rows]):.4f}" for w in weights
        ]
        lines.append(f"| {result['suite']} | {name} | {len(rows)} | " + " | ".join(cells) + " |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skip-chorus", action="store_true")
    parser.add_argument("--weights", default="0.5,1,2")
    parser.add_argument("--suites", default="", help="Only these suites (comma-separated keys), e.g. chorus-en.")
    parser.add_argument("--reuse-legs", action="store_true", help="Reuse the legs of the last run (same index).")
    parser.add_argument(
        "--demote",
        type=float,
        default=0.0,
        help="Weight of the leg that demotes products of types whose names contain the query's type (0: off).",
    )
    parser.add_argument("--json-out", type=Path, default=EVAL_DIR / "type_matching.json")
    args = parser.parse_args()
    weights = [float(w) for w in args.weights.split(",")]
    with SETS.open(encoding="utf-8") as fh:
        lines = (line for line in fh if not line.startswith("#"))
        sets = {(r["suite"], r["qid"]): r["set"] for r in csv.DictReader(lines, delimiter="\t")}
    demo = ROOT / "data" / "demo"
    suites = [
        ("demo-zh", demo / "products.jsonl", demo / "queries.tsv", demo / "qrels_variants.tsv"),
        ("demo-en", demo / "products.jsonl", demo / "queries_en.tsv", demo / "qrels_variants.tsv"),
    ]
    if not args.skip_chorus and (CHORUS / "products.jsonl").exists():
        qrels = CHORUS / "qrels_supahands.tsv"
        suites += [
            ("chorus-en", CHORUS / "products.jsonl", CHORUS / "queries_supahands.tsv", qrels),
            ("chorus-zh", CHORUS / "products.jsonl", CHORUS_QUERIES_ZH, qrels),
        ]
    if args.suites:
        suites = [s for s in suites if s[0] in args.suites.split(",")]
    results = []
    header = "| suite | set | queries | baseline | " + " | ".join(f"type leg w={w}" for w in weights) + " |"
    print(header)
    for suite in suites:
        result = measure(*suite, weights=weights, sets=sets, reuse=args.reuse_legs, demote=args.demote)
        results.append(result)
        print("\n".join(summary(result, weights)), flush=True)
    args.json_out.parent.mkdir(parents=True, exist_ok=True)
    args.json_out.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"wrote {args.json_out}", file=sys.stderr)


if __name__ == "__main__":
    main()
