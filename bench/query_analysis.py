"""How long query understanding takes per query (normalise, intents, units, segment, read pinyin and homophone
slips, correct typos, translate).

    .venv/bin/python bench/query_analysis.py

Runs every demo and Chorus query (Chinese and English) and every query of the robustness sets made from them
(data/demo/variants, bench/chorus/variants: typos, pinyin in every form, homophone slips, Taiwan vocabulary,
off-catalog text) through the analyzer, with the index's term counts and the catalog lexicon (typos, pinyin) of the
demo index in var/eval/demo, and writes the `query-analysis` section of docs/benchmarks.md. Goals: under 5 ms median
(issue 3), p99 under 2 ms (issue 14).
"""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

from common import CHORUS, ensure_index
from report import machine, write_section  # bench/ is on sys.path when this file runs as a script

from search.analysis.query import default_analysis
from search.eval import read_queries

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 5


def query_texts() -> list[str]:
    files = [
        ROOT / "data" / "demo" / "queries.tsv",
        ROOT / "data" / "demo" / "queries_en.tsv",
        ROOT / "bench" / "chorus" / "queries_zh.tsv",
        CHORUS / "queries_supahands.tsv",
    ]
    texts = [q for f in files if f.exists() for q in read_queries(f).values()]
    variants = [ROOT / "data" / "demo" / "variants", ROOT / "bench" / "chorus" / "variants"]
    texts += [
        q
        for folder in variants
        if folder.exists()
        for f in sorted(folder.glob("*.tsv"))
        for q in read_queries(f).values()
    ]
    texts += ["lanya erji", "lyej", "baowenbei", "500毫升 保温杯", "苹果x 手机壳", "藍牙耳機"]
    return list(dict.fromkeys(texts))


DEMO_INDEX = ROOT / "var" / "eval" / "demo"


def vocabulary():
    """A fresh backend's document frequencies (so, a cold frequency cache) over the demo index."""
    index = DEMO_INDEX
    from search.backends.embedded.backend import EmbeddedBackend
    from search.config import DEFAULT_MODEL

    backend = EmbeddedBackend(index, DEFAULT_MODEL, 384)
    return backend.document_frequency, "the demo index (var/eval/demo)"


def catalog_lexicon():
    """The demo catalog's lexicon (typo vocabulary, pinyin lexicon), as the service builds it, and how long that
    took (it is built in the background with the autocomplete vocabulary, not per query)."""
    from search.backends.embedded.backend import EmbeddedBackend
    from search.config import DEFAULT_MODEL
    from search.suggest.vocabulary import scan_catalog

    analysis = default_analysis()
    started = time.perf_counter()
    scan = scan_catalog(EmbeddedBackend(DEMO_INDEX, DEFAULT_MODEL, 384).iter_products(), analysis.glossary)
    titles = [title.text for title in scan.titles_zh.values()]
    lexicon = analysis.lexicons.build(scan.word_counts, titles, scan.products)
    return lexicon, time.perf_counter() - started


def main() -> None:
    load = os.getloadavg()[0]
    started = time.perf_counter()
    analyzer = default_analysis().query_analyzer
    load_s = time.perf_counter() - started
    ensure_index(ROOT / "data" / "demo" / "products.jsonl")  # built or brought up to date once
    vocab, vocab_name = vocabulary()
    lexicon, lexicon_s = catalog_lexicon()
    texts = query_texts()
    for text in texts:  # warm: first-use caches (jieba, OpenCC, the vocabulary lookups)
        analyzer.analyze(text, vocab, lexicon)
    samples, cpu = [], []
    for _ in range(ROUNDS):
        for text in texts:
            t, c = time.perf_counter(), time.thread_time()
            analyzer.analyze(text, vocab, lexicon)
            samples.append((time.perf_counter() - t) * 1000)
            cpu.append((time.thread_time() - c) * 1000)
    samples.sort()
    q = statistics.quantiles(samples, n=100)
    q_cpu = statistics.quantiles(cpu, n=100)
    cold = []
    for text in texts[:50]:  # cold: a fresh vocabulary cache each query, as for never-seen queries
        vocab2, _ = vocabulary()
        t = time.perf_counter()
        analyzer.analyze(text, vocab2, lexicon)
        cold.append((time.perf_counter() - t) * 1000)
    cores = os.cpu_count() or 1
    busy = (
        " (above the core count: other work shared the machine, the wall-clock times are upper bounds; the CPU"
        " time is not inflated)"
        if load > cores
        else ""
    )
    report = f"""## Query analysis

`bench/query_analysis.py`: {len(texts)} distinct queries (demo and Chorus, Chinese and English, and their robustness
sets: typos, pinyin in every form, homophone slips, Taiwan vocabulary, off-catalog text), {ROUNDS} rounds, term counts
and catalog lexicon from {vocab_name}. {machine()}; load average {load:.1f} when the run started{busy}.

| | ms |
|---|---|
| median | {statistics.median(samples):.3f} |
| p95 | {q[94]:.3f} |
| p99 | {q[98]:.3f} |
| max | {samples[-1]:.3f} |
| p99 of the thread's CPU time (what other processes on a busy machine do not inflate) | {q_cpu[98]:.3f} |
| median, vocabulary cache cold | {statistics.median(cold):.3f} |
| loading the analysis resources once per process (glossary, jieba, CC-CEDICT) | {load_s * 1000:.0f} |
| building the demo catalog's lexicon (a catalog pass, typos, pinyin; in the background) | {lexicon_s * 1000:.0f} |

Goals: under 5 ms median (issue 3), p99 under 2 ms (issue 14). The cost of a search is the query embedding, not its
analysis.
"""
    write_section(ROOT / "docs" / "benchmarks.md", "query-analysis", report)
    print(report)


if __name__ == "__main__":
    main()
