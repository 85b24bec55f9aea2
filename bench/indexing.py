"""Indexing throughput against raw torch encode speed, measured in the same run; writes docs/benchmarks.md.

    .venv/bin/python bench/indexing.py [--sizes 5000 20000] [--threads 2] [--section indexing] [--title Indexing]
                                       [--no-write]

For each feed size: a generated JSON Lines feed (bench/feedgen.py); sentence-transformers' raw `encode` on torch (the
reference the indexer was measured against before the ONNX encoder) over the very texts
the indexer embeds (same batch size, same threads); then `haitao index` as a subprocess: cold (empty data
directory, empty embedding cache), warm (the same feed again: everything unchanged), and `--rebuild` (a new index
with every vector from the embedding cache). Products/s use the run's own timer (model loading excluded); peak
memory is the subprocess's max RSS.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import (  # noqa: E402
    INDEX_SUMMARY,
    arguments,
    git_commit,
    machine_line,
)
from feedgen import products, write_feed  # noqa: E402
from report import publish  # noqa: E402

from search.catalog import Product  # noqa: E402
from search.config import Settings  # noqa: E402
from search.documents import embedding_text  # noqa: E402
from search.encoders.torch_encoder import load_sentence_transformer  # noqa: E402

WORK = ROOT / "var" / "bench"
DOC = ROOT / "docs" / "benchmarks.md"


@dataclass
class Run:
    label: str
    products: int
    seconds: float  # the pipeline's own timer
    wall: float  # including process start and model load
    peak_mb: float  # max RSS
    anon_mb: float = 0.0  # peak anonymous RSS: the process's own memory
    file_mb: float = 0.0  # peak file-backed RSS: mostly tantivy's memory-mapped index files

    @property
    def rate(self) -> float:
        return self.products / self.seconds


def raw_encode(n: int, threads: int, batch_size: int) -> tuple[float, dict[str, np.ndarray]]:
    """Texts/s of sentence-transformers' raw `encode` on torch over the texts the indexer embeds, and its vector
    of each product (by its key in the index)."""
    catalog = [Product.from_raw(p) for p in products(n)]
    texts = [embedding_text(product) for product in catalog]
    model = load_sentence_transformer(Settings().model, threads)
    model.encode(texts[:64], batch_size=batch_size)  # warm up
    started = time.perf_counter()
    vectors = model.encode(texts, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True)
    rate = n / (time.perf_counter() - started)
    return rate, {product.key: vector for product, vector in zip(catalog, vectors, strict=True)}


def lowest_cosine(data_dir: Path, reference: dict[str, np.ndarray]) -> float:
    """The lowest cosine between a vector the index holds and torch's raw vector of the same product."""
    from search.backends.factory import open_existing_backend

    backend = open_existing_backend(Settings(data_dir=data_dir))
    try:
        vectors = backend._current().vectors  # the vectors as indexed (stored in the tantivy documents)
        rows = [(vectors.row(doc_id), vector) for doc_id, vector in reference.items()]
        assert all(row is not None for row, _ in rows), "a product of the feed is missing from the index"
        indexed = vectors.matrix[[row for row, _ in rows]]
        torch = np.stack([vector for _, vector in rows])
        cosines = (indexed * torch).sum(axis=1) / (np.linalg.norm(indexed, axis=1) * np.linalg.norm(torch, axis=1))
        return float(cosines.min())
    finally:
        backend.close()


def index_run(label: str, feed: Path, data_dir: Path, threads: int, *extra: str) -> Run:
    env = {**os.environ, "HAITAO_TORCH_THREADS": str(threads)}
    cmd = [str(ROOT / ".venv" / "bin" / "haitao"), "index", str(feed), "--data-dir", str(data_dir), *extra]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peaks: dict[str, int] = {}
    done = threading.Event()
    sampler = threading.Thread(target=_sample_rss, args=(proc.pid, peaks, done), daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    done.set()
    sampler.join()
    wall = time.perf_counter() - started
    out, errors = proc.stdout.read(), proc.stderr.read()  # type: ignore[union-attr]
    match = INDEX_SUMMARY.search(out)
    if os.waitstatus_to_exitcode(status) != 0 or not match:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{out}\n{errors}")
    indexed, unchanged, seconds = int(match[2]), int(match[3]), float(match[6])
    anon, file = peaks.get("RssAnon", 0) / 1024, peaks.get("RssFile", 0) / 1024
    return Run(label, indexed + unchanged, seconds, wall, usage.ru_maxrss / 1024, anon, file)


def _sample_rss(pid: int, peaks: dict[str, int], done: threading.Event) -> None:
    """Peak anonymous and file-backed RSS of a running process, sampled every 50 ms from /proc."""
    while not done.is_set():
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            return
        for key in ("RssAnon", "RssFile"):
            found = re.search(rf"^{key}:\s+(\d+) kB", status, re.MULTILINE)
            if found:
                peaks[key] = max(peaks.get(key, 0), int(found[1]))
        done.wait(0.05)


def measure(n: int, threads: int, batch_size: int) -> tuple[float, list[Run], float]:
    WORK.mkdir(parents=True, exist_ok=True)
    feed = write_feed(WORK / f"feed-{n}.jsonl", n)
    data_dir = WORK / f"data-{n}"
    shutil.rmtree(data_dir, ignore_errors=True)
    raw, reference = raw_encode(n, threads, batch_size)
    print(f"{n}: raw encode {raw:.0f}/s", flush=True)
    runs, cosine = [], 0.0
    for label, extra in (("cold", ()), ("warm rerun", ()), ("--rebuild, vectors from the cache", ("--rebuild",))):
        runs.append(index_run(label, feed, data_dir, threads, *extra))
        run = runs[-1]
        print(
            f"{n}: {label} {run.rate:.0f}/s, peak {run.peak_mb:.0f} MB (anon {run.anon_mb:.0f}, file {run.file_mb:.0f})"
        )
        if label == "cold":
            cosine = lowest_cosine(data_dir, reference)
            print(f"{n}: lowest cosine of an indexed vector to torch's: {cosine:.7f}", flush=True)
    return raw, runs, cosine


def report(
    results: dict[int, tuple[float, list[Run], float]], threads: int, batch_size: int, index_batch: int, heading: str
) -> str:
    lines = [
        heading,
        "",
        f"`bench/indexing.py`, run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC at commit `{git_commit()}` on "
        f"{machine_line()}, torch threads {threads}, embedding batch {batch_size}, write batch "
        f"{index_batch}, model {Settings().model}. The feed is generated (`bench/feedgen.py`: varied titles, "
        "brands and categories, every text unique). Products/s are the indexer's own timer (reading, "
        "validation, hashing, embedding, writing and committing; model loading excluded).",
        "",
        f"The indexer encodes with the configured encoder (`HAITAO_ENCODER`: {Settings().encoder}). The fair "
        "figure is the ratio to sentence-transformers' raw `encode` on torch, measured in the same run on the very "
        "same texts with the same batch size and threads.",
        "",
        "| products | raw torch encode /s | run | products/s | vs raw torch encode | peak RSS (MB) "
        "| anon / file (MB) |",
        "|---:|---:|---|---:|---:|---:|---:|",
    ]
    for n, (raw, runs, _) in results.items():
        for run in runs:
            ratio = f"{run.rate / raw:.0%}" if run.label == "cold" else "—"
            memory = f"{run.anon_mb:,.0f} / {run.file_mb:,.0f}"
            lines.append(
                f"| {n:,} | {raw:,.0f} | {run.label} | {run.rate:,.0f} | {ratio} | {run.peak_mb:,.0f} | {memory} |"
            )
    lines += [
        "",
        "Goals: cold ≥ 150% of raw torch encode (issue 18; 85% before the ONNX encoder); warm rerun ≥ 5,000 "
        "products/s; peak memory flat with feed size. The vectors are torch's (the ONNX export is verified at cosine "
        "≥ 0.9999 and shares torch's embedding cache entries). Measured here: the lowest cosine between a vector "
        "the cold run indexed and torch's raw `encode` of the same product — "
        + "; ".join(f"{n:,} products: {cosine:.7f}" for n, (_, _, cosine) in results.items())
        + ".",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = arguments(__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 20000])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--section", default="indexing", help="Section of docs/benchmarks.md to (re)write.")
    parser.add_argument("--title", default="Indexing", help="Heading of that section.")
    parser.add_argument("--no-write", action="store_true", help="Print the section instead of writing it.")
    args = parser.parse_args()
    settings = Settings()
    results = {n: measure(n, args.threads, settings.embed_batch_size) for n in args.sizes}
    section = report(results, args.threads, settings.embed_batch_size, settings.index_batch_size, f"## {args.title}")
    publish(DOC, args.section, section, not args.no_write)
    print(json.dumps({n: [run.__dict__ for run in runs] for n, (_, runs, _) in results.items()}, indent=1))


if __name__ == "__main__":
    main()
