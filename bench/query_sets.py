"""Writes the robustness query sets (`search/eval/variants.py`) as data files, from the clean queries of each suite:

    .venv/bin/python bench/query_sets.py [--skip-chorus]

- demo: data/demo/variants/KIND.tsv from data/demo/queries.tsv (Chinese) and queries_en.tsv (English typos);
- Chorus: bench/chorus/variants/KIND.tsv from bench/chorus/queries_zh.tsv and the Chorus English queries.

Each file is `qid<TAB>query` with the clean query's qid, so the clean query's judgments score it; off_catalog.tsv has
its own qids (`off-zh-NNN`, `off-en-NNN`, `off-xx-NNN`) and no judgments: a query passes when it returns nothing.
Deterministic: running it again writes the same files.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from common import CHORUS, CHORUS_QUERIES_ZH, ROOT, arguments

from search.analysis.cedict import default_cedict
from search.analysis.normalize import regional_table
from search.eval import read_queries
from search.eval.variants import PINYIN_FORMS, off_catalog, reads_as_pinyin, variant_set

HEADER = "# qid<TAB>query — made by bench/query_sets.py with search/eval/variants.py (rule `{kind}`), from {source}\n"


def catalog_words(feed: Path) -> set[str]:
    words: set[str] = set()
    with feed.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            text = " ".join(str(record.get(name) or "") for name in ("title", "description", "brand", "category"))
            words.update(re.findall(r"[a-z0-9]+", text.lower()))
    return words


def write(path: Path, kind: str, source: str, queries: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [HEADER.format(kind=kind, source=source)]
    lines += [f"{qid}\t{query}\n" for qid, query in queries.items()]
    path.write_text("".join(lines), encoding="utf-8")
    print(f"{path.relative_to(ROOT)}: {len(queries)} queries")


def make(out: Path, chinese: Path, english: Path, feed: Path) -> None:
    zh, en = read_queries(chinese), read_queries(english)
    regional = regional_table()
    source_zh = chinese.name if chinese.is_relative_to(ROOT) else str(chinese)
    write(out / "typo.tsv", "typo", english.name, variant_set("typo", en))
    for form in PINYIN_FORMS:
        write(out / f"pinyin_{form}.tsv", f"pinyin_{form}", source_zh, variant_set(f"pinyin_{form}", zh))
    write(out / "homophone.tsv", "homophone", source_zh, variant_set("homophone", zh))
    write(out / "taiwan.tsv", "taiwan", source_zh, variant_set("taiwan", zh, regional))
    words = catalog_words(feed)
    cedict = default_cedict()
    off = off_catalog(words, cedict.senses, lambda w: w in words or reads_as_pinyin(w), seed=17)
    queries = {f"off-zh-{i:03d}": q for i, q in enumerate(off.chinese, 1)}
    queries |= {f"off-en-{i:03d}": q for i, q in enumerate(off.english, 1)}
    queries |= {f"off-xx-{i:03d}": q for i, q in enumerate(off.nonsense, 1)}
    write(out / "off_catalog.tsv", "off_catalog", feed.name, queries)


def main() -> None:
    parser = arguments(__doc__)
    parser.add_argument("--skip-chorus", action="store_true")
    args = parser.parse_args()
    demo = ROOT / "data" / "demo"
    make(demo / "variants", demo / "queries.tsv", demo / "queries_en.tsv", demo / "products.jsonl")
    if args.skip_chorus:
        return
    if not (CHORUS / "products.jsonl").exists():
        print(f"note: {CHORUS} not found: the Chorus sets are not written", file=sys.stderr)
        return
    make(
        ROOT / "bench" / "chorus" / "variants",
        CHORUS_QUERIES_ZH,
        CHORUS / "queries_supahands.tsv",
        CHORUS / "products.jsonl",
    )


if __name__ == "__main__":
    main()
