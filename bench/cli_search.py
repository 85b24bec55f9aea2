"""How long `haitao search QUERY` takes, wall clock from the shell, with and without a running server.

    .venv/bin/python bench/cli_search.py [--runs 5]

On the demo index (var/eval/demo, built if missing): each query is run as a fresh `haitao search` process, first in
process (`--local`: loads the index, the query analysis and the encoder every time), then with a `haitao serve` of
the same index running on a free loopback port (the command finds it through DATA_DIR/server.json and only sends an
HTTP request). Writes the `cli-search` section of docs/benchmarks.md.
"""

from __future__ import annotations

import os
import resource
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
QUERIES = ["蓝牙耳机", "500元以下 保温杯", "lanya erji", "running shoes"]


def timed(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one `haitao` process: the CPU time does not grow when other work shares
    the cores, the wall time does."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([str(HAITAO), *args], check=True, capture_output=True, env=env, cwd=ROOT)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def runs(data_dir: Path, extra: list[str], count: int, env: dict[str, str]) -> list[tuple[float, float]]:
    return [
        timed(["search", query, "--data-dir", str(data_dir), "--size", "10", *extra], env)
        for _ in range(count)
        for query in QUERIES
    ]


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


def row(name: str, measured: list[tuple[float, float]]) -> str:
    wall = sorted(w for w, _ in measured)
    p90 = wall[min(len(wall) - 1, round(0.9 * (len(wall) - 1)))]
    cpu = statistics.median(c for _, c in measured)
    return f"| {name} | {len(wall)} | {statistics.median(wall):.2f} s | {p90:.2f} s | {wall[0]:.2f} s | {cpu:.2f} s |"


def main() -> None:
    parser = arguments(__doc__)
    parser.add_argument("--runs", type=int, default=3, help="rounds over the queries, for each way")
    parser.add_argument("--no-write", action="store_true", help="print the table only")
    args = parser.parse_args()
    data_dir = ensure_index(ROOT / "data" / "demo" / "products.jsonl")
    env = {**os.environ, "HAITAO_RATE_LIMIT_PER_MINUTE": "0"}
    load = os.getloadavg()[0]
    local = runs(data_dir, ["--local"], args.runs, env)
    server = with_server(data_dir, {**env, "HAITAO_RESULT_CACHE_SIZE": "0"})  # every search a real one
    try:
        served = runs(data_dir, [], args.runs, env)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)
    markdown = "\n".join(
        [
            "## `haitao search` from the shell",
            "",
            f"{machine_line()}. Wall clock of a fresh `haitao search QUERY --size 10` process on the demo index "
            f"(queries: {', '.join(QUERIES)}), `bench/cli_search.py --runs {args.runs}`; load average "
            f"{load:.1f} when it started (wall times grow with other work on the cores, CPU times do not).",
            "",
            "| how | runs | wall median | wall p90 | wall fastest | CPU median |",
            "|---|---|---|---|---|---|",
            row("in process (`--local`: index, analysis and encoder loaded each time)", local),
            row("through the running `haitao serve` of the index (`DATA_DIR/server.json`; result cache off)", served),
        ]
    )
    print(markdown)
    if not args.no_write:
        write_section(DOC, "cli-search", markdown)


if __name__ == "__main__":
    main()
