"""The query sets of product-type matching, by rule: writes bench/taxonomy/query_sets.tsv.

    .venv/bin/python bench/taxonomy_sets.py

Every query of the four relevance suites (demo Chinese and English, Chorus English and our Chinese) is put in one
of three sets, by a rule that reads only the query and the taxonomy (never the judgments or the results):

- `accessory`: the query names a product type (category prediction finds a node), and other products' types
  contain that name: some node outside the predicted one (and not above it) has a term that contains the query's
  type term — `laptop` is inside `laptop sleeve`, `laptop battery`, `laptop stand`; `耳机` inside `耳机包`. These
  are the queries where a listing that merely mentions the type can outrank the type itself.
- `category`: the query names a product type and no other type's term contains it (`cat food`, `登山鞋`).
- `other`: the query names no type (`sony`, `aa`, a model number).

Columns: suite, qid, query, set, node (predicted), node_en, confidence, term (the words that named it), evidence
(for `accessory`: up to three containing terms and their nodes).
"""

from __future__ import annotations

import csv
from pathlib import Path

from common import CHORUS, CHORUS_QUERIES_ZH, ROOT

from search.analysis.normalize import has_chinese
from search.analysis.query import default_analysis
from search.eval import read_queries
from search.taxonomy.predict import CategoryPredictor
from search.taxonomy.tree import Taxonomy, default_taxonomy, term_keys

OUT = ROOT / "bench" / "taxonomy" / "query_sets.tsv"
SUITES = {
    "demo-zh": ROOT / "data" / "demo" / "queries.tsv",
    "demo-en": ROOT / "data" / "demo" / "queries_en.tsv",
    "chorus-en": CHORUS / "queries_supahands.tsv",
    "chorus-zh": CHORUS_QUERIES_ZH,
}


def containing_terms(taxonomy: Taxonomy, node: str, term: str) -> list[tuple[str, str]]:
    """(term, node) of other types whose terms contain `term`: nodes neither within `node` nor above it."""
    out = []
    words = term.split()
    for other in taxonomy:
        if taxonomy.is_within(other.id, node) or taxonomy.is_within(node, other.id):
            continue
        for key in term_keys(other):
            if key == term:
                continue
            if has_chinese(term):
                if term in key:
                    out.append((key, other.id))
            else:
                parts = key.split()
                if any(parts[i : i + len(words)] == words for i in range(len(parts) - len(words) + 1)):
                    out.append((key, other.id))
    return out


def classify(suites: dict[str, Path]) -> list[dict[str, str]]:
    taxonomy = default_taxonomy()
    predictor = CategoryPredictor(taxonomy)
    analyzer = default_analysis().query_analyzer
    rows = []
    for suite, path in suites.items():
        if not path.exists():
            print(f"note: {path} not found: suite {suite} left out")
            continue
        for qid, query in read_queries(path).items():
            found = predictor.predict(analyzer.analyze(query))
            row = {
                "suite": suite,
                "qid": qid,
                "query": query,
                "set": "other",
                "node": "",
                "node_en": "",
                "confidence": "",
                "term": "",
                "evidence": "",
            }
            if found is not None:
                inside = containing_terms(taxonomy, found.node, found.term)
                row.update(
                    set="accessory" if inside else "category",
                    node=found.node,
                    node_en=taxonomy.path_en(found.node).split(" > ")[-1],
                    confidence=f"{found.confidence:.2f}",
                    term=found.term,
                    evidence="; ".join(f"{term} ({node})" for term, node in inside[:3]),
                )
            rows.append(row)
    return rows


def main() -> None:
    rows = classify(SUITES)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        fh.write("# Written by bench/taxonomy_sets.py from the suites' queries and the taxonomy; see its docstring.\n")
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    for suite in SUITES:
        sets = [r["set"] for r in rows if r["suite"] == suite]
        if sets:
            print(f"{suite:10s} " + ", ".join(f"{s} {sets.count(s)}" for s in ("accessory", "category", "other")))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
