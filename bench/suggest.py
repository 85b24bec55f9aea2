"""Autocomplete: building the vocabulary (seconds, memory) and answering (latency in process and over HTTP).

    .venv/bin/python bench/suggest.py [DATA_DIR ...] [--rounds 5] [--no-http]

DATA_DIRs default to those of the demo index (var/eval/demo, built by bench/relevance.py) and of the 100,000-product
index of bench/indexing.py (var/bench/data-100000) that exist. For each index: the vocabulary's build time (built
twice: once traced by tracemalloc for the Python memory it holds and its peak, once untraced for the time), then the
latency of every prefix of a set of typed words (Chinese, Traditional, full pinyin with and without spaces,
initials, English, brands, mixed), in process and end to end through `haitao serve` with a keep-alive HTTP client
on the same machine. Writes the `suggest` section of docs/benchmarks.md.

Goal (issue 5): at 100,000 products, p50 ≤ 10 ms end to end over HTTP on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

import httpx
from report import machine, write_section  # bench/ is on sys.path when this file runs as a script

from search.analysis.glossary import Glossary
from search.backends.factory import open_existing_backend
from search.config import Settings
from search.suggest.suggester import Suggester

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INDEXES = [ROOT / "var" / "eval" / "demo", ROOT / "var" / "bench" / "data-100000"]
TYPED = [
    "蓝牙耳机", "藍牙耳機", "lanyaerji", "lan ya er ji", "lyej", "降噪耳机", "保温杯", "bwb", "baowenbei", "索尼",
    "suoni", "sony wh", "bluetooth speaker", "iphone 15", "apple airpods", "hydro flask", "瑜伽垫", "yjd",
    "nike running", "婴儿奶粉", "iphone 15 手机壳", "耐克", "premium", "wireless charger",
]  # fmt: skip


def keystrokes() -> list[str]:
    """Every prefix of every typed word, as a shopper's keystrokes send them."""
    return list(dict.fromkeys(word[:n] for word in TYPED for n in range(1, len(word) + 1) if word[:n].strip()))


@dataclass
class Result:
    name: str
    products: int
    build_s: float
    held_mb: float
    peak_mb: float
    candidates: int
    keys: int
    in_process: list[float]
    http: list[float]
    server_ms: list[float]


def percentile(samples: list[float], p: int) -> float:
    return statistics.quantiles(samples, n=100)[p - 1] if len(samples) > 1 else samples[0]


def measure_build(data_dir: Path) -> tuple[Suggester, float, float, float]:
    backend = open_existing_backend(Settings(data_dir=data_dir))
    glossary = Glossary.load()
    tracemalloc.start()
    traced = Suggester(backend, glossary)
    traced.refresh(force=True)
    held, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del traced
    suggester = Suggester(backend, glossary)
    suggester.refresh(force=True)
    assert suggester.last_build is not None
    return suggester, suggester.last_build.seconds, held / 1e6, peak / 1e6


def in_process_latency(suggester: Suggester, queries: list[str], rounds: int) -> list[float]:
    for q in queries:
        suggester.suggest(q, 8)
    samples = []
    for _ in range(rounds):
        for q in queries:
            started = time.perf_counter()
            suggester.suggest(q, 8)
            samples.append((time.perf_counter() - started) * 1000)
    return samples


def http_latency(data_dir: Path, queries: list[str], rounds: int) -> tuple[list[float], list[float]]:
    """End to end through a real `haitao serve` (a reader of the index), one keep-alive connection."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [str(ROOT / ".venv" / "bin" / "haitao"), "serve", "--data-dir", str(data_dir), "--port", str(port)]
    env = {**os.environ, "HAITAO_HOST": "127.0.0.1"}
    env.pop("HAITAO_ADMIN_API_KEY", None)  # a reader: never takes the index's write lock
    server = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=300) as client:
            deadline = time.monotonic() + 600
            while True:
                assert server.poll() is None, "haitao serve exited"
                try:
                    if client.get("/v1/suggest", params={"q": "a"}).status_code == 200:
                        break  # ready, vocabulary built
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline, "haitao serve did not become ready"
                time.sleep(0.5)
            for q in queries:
                client.get("/v1/suggest", params={"q": q})
            samples, server_ms = [], []
            for _ in range(rounds):
                for q in queries:
                    started = time.perf_counter()
                    response = client.get("/v1/suggest", params={"q": q})
                    samples.append((time.perf_counter() - started) * 1000)
                    server_ms.append(response.json()["took_ms"])
            return samples, server_ms
    finally:
        server.terminate()
        server.wait(30)


def run(data_dir: Path, rounds: int, http: bool) -> Result:
    suggester, build_s, held, peak = measure_build(data_dir)
    queries = keystrokes()
    local = in_process_latency(suggester, queries, rounds)
    over_http, server_ms = http_latency(data_dir, queries, rounds) if http else ([], [])
    build = suggester.last_build
    assert build is not None
    return Result(
        data_dir.name, build.products_version[0], build_s, held, peak, build.candidates, build.keys, local,
        over_http, server_ms,
    )  # fmt: skip


def row(label: str, samples: list[float]) -> str:
    if not samples:
        return f"| {label} | — | — | — | — |"
    return (
        f"| {label} | {statistics.median(samples):.3f} | {percentile(samples, 95):.3f} | {percentile(samples, 99):.3f} "
        f"| {max(samples):.3f} |"
    )


def report(results: list[Result], rounds: int, load: float) -> str:
    builds = "\n".join(
        f"| {r.name} | {r.products:,} | {r.candidates:,} | {r.keys:,} | {r.build_s:.1f} | {r.held_mb:.0f} "
        f"| {r.peak_mb:.0f} |"
        for r in results
    )
    latency = "\n".join(
        "\n".join(
            [
                row(f"{r.name}: in process", r.in_process),
                row(f"{r.name}: HTTP, end to end", r.http),
                row(f"{r.name}: HTTP, in the server (`took_ms`)", r.server_ms),
            ]
        )
        for r in results
    )
    return f"""## Autocomplete

`bench/suggest.py`: {len(keystrokes())} keystrokes (every prefix of {len(TYPED)} typed words: Chinese, Traditional,
full pinyin with and without spaces, initials, English, brands, mixed), {rounds} rounds, 8 suggestions each.
{machine()}; load average {load:.1f} when the run started (above the core count, other work shared the
machine: the times are upper bounds). HTTP: `haitao serve` as a subprocess, one keep-alive `httpx` client on the
same machine.

Building the vocabulary (one pass over the index with `iter_products`; memory: Python allocations traced by
tracemalloc, held by the built vocabulary and at the peak of the build):

| index | products | candidates | keys | build (s) | held (MB) | peak (MB) |
|---|---:|---:|---:|---:|---:|---:|
{builds}

Latency (ms):

| | median | p95 | p99 | max |
|---|---:|---:|---:|---:|
{latency}

Goal: at 100,000 products, p50 ≤ 10 ms end to end over HTTP on 2 cores.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dirs", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-http", action="store_true", help="skip the end-to-end HTTP measurement")
    args = parser.parse_args()
    data_dirs = args.data_dirs or [d for d in DEFAULT_INDEXES if (d / "manifest.json").exists()]
    if not data_dirs:
        sys.exit("no index to measure: pass DATA_DIRs, or build var/eval/demo (bench/relevance.py)")
    load = os.getloadavg()[0]
    results = []
    for data_dir in data_dirs:
        result = run(data_dir, args.rounds, not args.no_http)
        print(f"{data_dir}: built in {result.build_s:.1f} s, median {statistics.median(result.in_process):.2f} ms")
        results.append(result)
    text = report(results, args.rounds, load)
    write_section(ROOT / "docs" / "benchmarks.md", "suggest", text)
    print(text)


if __name__ == "__main__":
    main()
