"""How long `haitao search QUERY` takes, wall clock from the shell, in its own process and through a running server.

    .venv/bin/python bench/cli_search.py [--runs 5]

On the demo index (var/eval/demo, built if missing), an English, a Chinese and a pinyin query, each run `--runs`
times as a fresh `haitao search` process:

- in process (`--local`), as every search but the first after an index change runs: the catalog lexicon and the
  vector floor read back from DATA_DIR/cache, jieba's dictionary and CC-CEDICT looked up word by word in their
  prepared file (search/analysis/dictionaries.py);
- in process, the first search after an index change: DATA_DIR/cache removed before each run, so the catalog is
  read and its lexicon and floor made again (and kept for the next);
- through a `haitao serve` of the same index on a free loopback port (found through DATA_DIR/server.json).

Then where one in-process search spends its CPU time, phase by phase (`time.process_time()` in a child process that
does what the command does, one step after another). Writes the `cli-search` section of docs/benchmarks.md.

The project's modules are compiled to bytecode first (`compileall`), as a user's Python does on the first run: an
environment with PYTHONDONTWRITEBYTECODE set would otherwise compile them again in every measured process.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import DOC, ROOT, arguments, ensure_index, machine_line
from report import write_section  # bench/ is on sys.path when this file runs as a script

from search.api import running

HAITAO = Path(sys.executable).with_name("haitao")
QUERIES = {"English": "running shoes", "Chinese": "蓝牙耳机", "pinyin": "lanya erji"}


def timed(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one `haitao` process: the CPU time does not grow when other work shares
    the cores, the wall time does."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([str(HAITAO), *args], check=True, capture_output=True, env=env, cwd=ROOT)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def runs(data_dir: Path, query: str, extra: list[str], count: int, env: dict[str, str], cold: bool = False):
    out = []
    for _ in range(count):
        if cold:
            shutil.rmtree(data_dir / "cache", ignore_errors=True)
        out.append(timed(["search", query, "--data-dir", str(data_dir), "--size", "10", *extra], env))
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def with_server(data_dir: Path, env: dict[str, str]) -> subprocess.Popen:
    command = [str(HAITAO), "serve", "--data-dir", str(data_dir), "--port", str(free_port())]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while running.find(data_dir) is None:
        if server.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("haitao serve did not start")
        time.sleep(0.2)
    return server


def row(way: str, kind: str, query: str, measured: list[tuple[float, float]]) -> str:
    wall = sorted(w for w, _ in measured)
    cpu = statistics.median(c for _, c in measured)
    return (
        f"| {way} | {kind} `{query}` | {len(wall)} | {statistics.median(wall):.2f} s | {wall[0]:.2f} s | {cpu:.2f} s |"
    )


PHASES = """
import json, sys, time
marks, last = {}, time.process_time()
def mark(name):
    global last
    now = time.process_time(); marks[name] = round(now - last, 3); last = now
import indexer.cli
from indexer.commands.common import settings_for
settings = settings_for(sys.argv[1])
mark("imports of the command (typer, settings: pydantic-settings), settings")
from search.service import SearchService, SearchRequest
mark("imports of the search (search.service)")
from search.analysis.query import default_analysis
from search.encoders import encoder_for
from search.taxonomy import product_types
default_analysis(on_demand=True); mark("analysis on demand (glossary, prepared dictionaries opened)")
product_types(); mark("taxonomy")
embedder = encoder_for(settings); mark("encoder (ONNX Runtime session; the command makes it beside the 3 above)")
service = SearchService(settings, embedder, suggestions=False, on_demand=True); mark("index opened")
service.suggester.wait_for_lexicon(); mark("catalog lexicon and floor (from DATA_DIR/cache)")
service.search(SearchRequest(q=sys.argv[2], size=10)); mark("the search")
service.close()
print(json.dumps(marks))
"""


def phases(data_dir: Path, query: str, env: dict[str, str], count: int) -> dict[str, float]:
    """Median CPU seconds of each phase over `count` child processes."""
    samples: dict[str, list[float]] = {}
    for _ in range(count):
        done = subprocess.run(
            [sys.executable, "-c", PHASES, str(data_dir), query], check=True, capture_output=True, env=env, cwd=ROOT
        )
        for name, seconds in json.loads(done.stdout.decode().strip().splitlines()[-1]).items():
            samples.setdefault(name, []).append(seconds)
    return {name: statistics.median(values) for name, values in samples.items()}


def main() -> None:
    parser = arguments(__doc__)
    parser.add_argument("--runs", type=int, default=5, help="runs of each query, each way")
    parser.add_argument("--no-write", action="store_true", help="print the tables only")
    args = parser.parse_args()
    data_dir = ensure_index(ROOT / "data" / "demo" / "products.jsonl")
    env = {**os.environ, "HAITAO_RATE_LIMIT_PER_MINUTE": "0"}
    compiled = [sys.executable, "-m", "compileall", "-q", "search", "indexer"]  # bytecode, as a user's Python writes
    subprocess.run(compiled, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    load = os.getloadavg()[0]
    runs(data_dir, "warm up", ["--local"], 1, env)  # the prepared dictionaries and the catalog cache exist
    rows = []
    for kind, query in QUERIES.items():
        rows.append(row("in process, caches warm", kind, query, runs(data_dir, query, ["--local"], args.runs, env)))
    for kind, query in QUERIES.items():
        measured = runs(data_dir, query, ["--local"], args.runs, env, cold=True)
        rows.append(row("in process, first search after an index change", kind, query, measured))
    server = with_server(data_dir, {**env, "HAITAO_RESULT_CACHE_SIZE": "0"})  # every search a real one
    try:
        for kind, query in QUERIES.items():
            rows.append(
                row("through the running `haitao serve`", kind, query, runs(data_dir, query, [], args.runs, env))
            )
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)
    breakdown = phases(data_dir, QUERIES["Chinese"], env, args.runs)
    end_load = os.getloadavg()[0]
    markdown = "\n".join(
        [
            "## `haitao search` from the shell",
            "",
            f"{machine_line()}. Wall clock of a fresh `haitao search QUERY --size 10` process on the demo index, "
            f"each query {args.runs} times each way, `bench/cli_search.py --runs {args.runs}`; load average "
            f"{load:.1f} when it started and {end_load:.1f} when it ended (wall times grow with other work on the "
            "cores, CPU times much less).",
            "",
            "| how | query | runs | wall median | wall fastest | CPU median |",
            "|---|---|---|---|---|---|",
            *rows,
            "",
            f"Where an in-process search (caches warm) spends its CPU time, `{QUERIES['Chinese']}`, median of "
            f"{args.runs} child processes (`time.process_time()` around each step of what the command does, one after "
            "another; Python's own start, about 0.02 s, not included; the command itself makes the encoder's session "
            "in a thread while it imports the search and loads the analysis and the taxonomy, and ends without the "
            "interpreter's teardown):",
            "",
            "| phase | CPU s |",
            "|---|---:|",
            *(f"| {name} | {seconds:.3f} |" for name, seconds in breakdown.items()),
            f"| total | {sum(breakdown.values()):.3f} |",
        ]
    )
    print(markdown)
    if not args.no_write:
        write_section(DOC, "cli-search", markdown)


if __name__ == "__main__":
    main()
