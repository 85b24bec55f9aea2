"""HTTP load against a live `haitao serve` on loopback: latency percentiles, throughput and errors by scenario and
concurrency; writes one section of docs/benchmarks.md.

    .venv/bin/python bench/http_load.py --data-dir var/eval/chorus --queries Q.tsv [Q2.tsv ...]
        [--clients 1 4 16] [--duration 8] [--section http-load] [--title "HTTP load"]
    .venv/bin/python bench/http_load.py --url http://127.0.0.1:8000 --queries Q.tsv   # a server already running

Without `--url` it starts the server itself (`haitao serve --data-dir DIR` on a free loopback port, with `--workers`
processes and `--threads` model threads: 0, the default, leaves each to the server's default) twice: with the query-
embedding cache off, for every scenario of distinct queries (each search embeds its query, the worst case), then
with the cache as configured, for the repeated query. Scenarios: `hybrid` at each `--clients` count (closed loop:
each client sends its next request when the previous one is answered), then at 1 client `keyword`, `vector`,
`facets` (hybrid with `facets=brand,category`), `suggest` (`/v1/suggest` with the first half of each query; skipped
when the server answers 404) and `repeated` (one hybrid query again and again); `--scenarios` runs only those named.
Every scenario runs `--duration` seconds after `--warmup` seconds unmeasured; requests stop there. Each row of a
started server also gives the CPU time its processes spent per request (from /proc: unlike latency and throughput,
hardly changed by other work on a shared machine). Only loopback addresses are accepted.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from ipaddress import ip_address
from itertools import count
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import httpx
from common import DOC, ROOT, arguments, display_path, git_commit, machine_line
from report import publish

from search.api import running
from search.eval import read_queries
from search.eval.report import percentile

Request = tuple[str, dict[str, str]]  # path, query parameters


@dataclass
class Scenario:
    name: str
    what: str
    request: Callable[[int], Request]  # the i-th request
    clients: int = 1


@dataclass
class Result:
    scenario: str
    what: str
    clients: int
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0
    skipped: str | None = None
    first_error: str | None = None
    server_cpu_s: float | None = None  # CPU time the server's processes spent during the measured seconds
    client_cpu_s: float | None = None  # CPU time this load generator spent during them (it shares the cores)

    @property
    def cpu_ms_per_request(self) -> float | None:
        if self.server_cpu_s is None or not self.latencies_ms:
            return None
        return 1000 * self.server_cpu_s / (len(self.latencies_ms) + self.errors)

    @property
    def client_cpu_ms_per_request(self) -> float | None:
        if self.client_cpu_s is None or not self.latencies_ms:
            return None
        return 1000 * self.client_cpu_s / (len(self.latencies_ms) + self.errors)

    @property
    def throughput(self) -> float:
        return len(self.latencies_ms) / self.seconds if self.seconds else 0.0

    def percentiles(self) -> dict[str, float]:
        ordered = sorted(self.latencies_ms)
        return {f"p{p}": percentile(ordered, p) for p in (50, 95, 99)} | {"max": ordered[-1] if ordered else 0.0}


def scenarios(
    queries: Sequence[str], clients: Sequence[int], every_mode_at_each: bool = False
) -> tuple[list[Scenario], list[Scenario]]:
    """(scenarios of distinct queries, scenarios that repeat a query) over `queries`, cycled."""

    def search(extra: dict[str, str]) -> Callable[[int], Request]:
        return lambda i: ("/v1/search", {"q": queries[i % len(queries)], "size": "10", **extra})

    distinct = [Scenario("hybrid", "hybrid search, top 10", search({}), n) for n in clients]
    modes = [
        ("keyword", "keyword leg only", {"mode": "keyword"}),
        ("vector", "vector leg only", {"mode": "vector"}),
        ("facets", "hybrid + facets=brand,category", {"facets": "brand,category"}),
    ]
    distinct += [
        Scenario(name, what, search(extra), n)
        for name, what, extra in modes
        for n in (clients if every_mode_at_each else [1])
    ]
    distinct += [
        Scenario(
            "suggest",
            "/v1/suggest, first half of each query",
            lambda i: ("/v1/suggest", {"q": _prefix(queries[i % len(queries)])}),
        ),
    ]
    repeated = [Scenario("repeated", f"hybrid, the same query ({queries[0]}) each time", lambda i: search({})(0))]
    return distinct, repeated


def _prefix(query: str) -> str:
    return query[: max(1, (len(query) + 1) // 2)].strip() or query[:1]


class Connection:
    """One keep-alive HTTP/1.1 connection on asyncio streams: each GET written by hand, each answer read by its
    `Content-Length` (or its chunks). The load generator shares the cores with the server, so it is kept lean: httpx
    spent ≈ 2 ms of CPU a request here (measured with the *client CPU* column), this a fraction of that."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str, params: dict[str, str]) -> tuple[int, bytes]:
        """(status, body) of one GET; raises OSError, ValueError or asyncio's errors on a broken answer (the
        connection is then closed, and the next request opens another)."""
        try:
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            assert self.reader is not None
            target = f"{path}?{urlencode(params)}" if params else path
            self.writer.write(f"GET {target} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode("ascii"))
            head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
            status = int(head[0].split(" ", 2)[1])
            headers = dict(line.lower().split(": ", 1) for line in head[1:] if ": " in line)
            if headers.get("transfer-encoding") == "chunked":
                body = b""
                while size := int((await self.reader.readuntil(b"\r\n"))[:-2], 16):
                    body += (await self.reader.readexactly(size + 2))[:-2]
                await self.reader.readuntil(b"\r\n")
            else:
                body = await self.reader.readexactly(int(headers.get("content-length", "0")))
            if headers.get("connection") == "close":
                self.close()
            return status, body
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def _drive(base: str, scenario: Scenario, seconds: float, record: Result | None) -> None:
    """`scenario.clients` closed-loop clients for `seconds`, each on its own keep-alive connection; latencies,
    errors and the client's own CPU time into `record` (None: warm-up)."""
    numbers = count()
    address = urlsplit(base)
    connections = [Connection(address.hostname or "127.0.0.1", address.port or 80) for _ in range(scenario.clients)]
    deadline = time.perf_counter() + seconds

    async def worker(connection: Connection) -> None:
        while time.perf_counter() < deadline:
            path, params = scenario.request(next(numbers))
            started = time.perf_counter()
            try:
                async with asyncio.timeout(30.0):
                    status, body = await connection.get(path, params)
                ok, why = status == 200, f"HTTP {status}: {body[:200].decode('utf-8', 'replace')}"
            except (OSError, ValueError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError) as exc:
                ok, why = False, f"{type(exc).__name__}: {exc}"
            if record is None:
                continue
            if ok:
                record.latencies_ms.append((time.perf_counter() - started) * 1000)
            else:
                record.errors += 1
                record.first_error = record.first_error or why

    started, cpu_started = time.perf_counter(), time.process_time()
    try:
        await asyncio.gather(*(worker(connection) for connection in connections))
    finally:
        for connection in connections:
            connection.close()
    if record is not None:
        record.seconds = time.perf_counter() - started
        record.client_cpu_s = time.process_time() - cpu_started


def run_scenario(
    base: str, scenario: Scenario, duration: float, warmup: float, cpu: Callable[[], float] | None = None
) -> Result:
    """One scenario; `cpu` (the server's CPU seconds so far, when it runs here) measures its CPU per request."""
    result = Result(scenario.name, scenario.what, scenario.clients)
    path, params = scenario.request(0)
    probe = httpx.get(base + path, params=params, timeout=30.0)
    if probe.status_code == 404 and path != "/v1/search":
        result.skipped = f"{path} answered 404 (no such route in this server)"
        return result
    asyncio.run(_drive(base, scenario, warmup, None))
    before = cpu() if cpu else None
    asyncio.run(_drive(base, scenario, duration, result))
    if cpu and before is not None:
        result.server_cpu_s = cpu() - before
    return result


def check_loopback(url: str) -> str:
    host = urlsplit(url).hostname or ""
    try:
        loopback = host == "localhost" or ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise SystemExit(f"--url {url}: only loopback addresses (127.0.0.0/8, ::1, localhost) are load-tested")
    return url.rstrip("/")


class Server:
    """`haitao serve` in a child process on a free loopback port; stopped (only this child) on exit."""

    def __init__(self, data_dir: Path, threads: int, query_cache: bool, workers: int = 1) -> None:
        self.data_dir = data_dir
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        env = {k: v for k, v in os.environ.items() if k != "HAITAO_ADMIN_API_KEY"}  # a reader, not the writer
        # No rate limit: the load comes from one loopback address, far above a shopper's rate.
        env |= {"HAITAO_TORCH_THREADS": str(threads), "HF_HUB_OFFLINE": "1", "HAITAO_RATE_LIMIT_PER_MINUTE": "0"}
        if not query_cache:  # every search does all its work: no cached embeddings, no cached responses
            env |= {"HAITAO_QUERY_CACHE_SIZE": "0", "HAITAO_RESULT_CACHE_SIZE": "0"}
        code = "from indexer.cli import main; main()"
        cmd = [sys.executable, "-c", code, "serve", "--data-dir", str(data_dir), "--host", "127.0.0.1",
               "--port", str(self.port), "--workers", str(workers)]  # fmt: skip
        self.log = (ROOT / "var" / "bench" / f"serve-{self.port}.log").resolve()
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("w") as log:
            self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        self.url = f"http://127.0.0.1:{self.port}"

    def wait_ready(self, timeout: float = 600.0) -> float:
        started = time.perf_counter()
        while time.perf_counter() - started < timeout:
            if self.proc.poll() is not None:
                raise SystemExit(f"haitao serve exited with {self.proc.returncode}; see {self.log}")
            try:
                if httpx.get(self.url + "/readyz", timeout=2.0).status_code == 200:
                    # The autocomplete vocabulary builds in the background at startup (seconds at 100k products):
                    # a first suggestion waits for it, so that no measured row shares the cores with the build.
                    httpx.get(self.url + "/v1/suggest", params={"q": "a"}, timeout=timeout)
                    # With worker processes, /readyz is one worker's answer: the server records itself in its data
                    # directory once every worker serves, so that no row shares the cores with a worker's startup.
                    while running.find(self.data_dir) is None:
                        if time.perf_counter() - started > timeout:
                            raise SystemExit(
                                f"haitao serve: not every worker started in {timeout:.0f} s; see {self.log}"
                            )
                        time.sleep(0.5)
                    # Each worker builds its autocomplete vocabulary after it serves, and the suggestion above
                    # waited for one worker's only: wait until the server's processes are idle (under 10 % of a
                    # core over a second), or at most the rest of the timeout.
                    idle_since = self.cpu_seconds()
                    while time.perf_counter() - started < timeout:
                        time.sleep(1.0)
                        now = self.cpu_seconds()
                        if now - idle_since < 0.1:
                            break
                        idle_since = now
                    return time.perf_counter() - started
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise SystemExit(f"haitao serve not ready after {timeout:.0f} s; see {self.log}")

    def processes(self) -> list[int]:
        """The server's process and its worker processes (`--workers`)."""
        pids = [self.proc.pid]
        for task in Path(f"/proc/{self.proc.pid}/task").iterdir():
            pids += [int(pid) for pid in (task / "children").read_text().split()]
        return pids

    def cpu_seconds(self) -> float:
        """User and system CPU time of the server's processes so far (robust to other load on the machine)."""
        ticks = 0
        for pid in self.processes():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except FileNotFoundError:  # a worker that just exited
                continue
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
        return ticks / os.sysconf("SC_CLK_TCK")

    def memory_mb(self) -> dict[str, float]:
        """Resident memory summed over the server's processes (a worker's file-backed pages of the index are
        shared with the others', so this overstates what the machine holds)."""
        values: dict[str, float] = {}
        for pid in self.processes():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                key, _, rest = line.partition(":")
                if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
                    values[key] = values.get(key, 0.0) + int(rest.split()[0]) / 1024
        return values

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def catalog_size(base: str) -> int | None:
    try:
        return int(httpx.get(base + "/v1/search", params={"q": "", "size": "1"}, timeout=30.0).json()["total"])
    except (httpx.HTTPError, KeyError, ValueError):
        return None


def run_all(args: argparse.Namespace, queries: list[str]) -> tuple[list[Result], dict]:
    distinct, repeated = scenarios(queries, args.clients, args.every_mode)
    if args.scenarios:
        distinct = [s for s in distinct if s.name in args.scenarios]
        repeated = [s for s in repeated if s.name in args.scenarios]
    info: dict = {}
    results = []

    def go(base: str, chosen: list[Scenario], cpu: Callable[[], float] | None = None) -> None:
        for scenario in chosen:
            results.append(run_scenario(base, scenario, args.duration, args.warmup, cpu))
            r = results[-1]
            if r.skipped:
                print(f"{r.scenario:9s} skipped: {r.skipped}", flush=True)
                continue
            p = r.percentiles()
            cpu_ms = f"  server CPU {r.cpu_ms_per_request:5.1f} ms/req" if r.cpu_ms_per_request is not None else ""
            cpu_ms += f"  client CPU {r.client_cpu_ms_per_request:4.2f} ms/req" if r.latencies_ms else ""
            print(
                f"{r.scenario:9s} {r.clients:3d} clients  {r.throughput:7.1f} req/s  p50 {p['p50']:7.1f}  "
                f"p95 {p['p95']:7.1f}  p99 {p['p99']:7.1f} ms  errors {r.errors}{cpu_ms}",
                flush=True,
            )

    if args.url:
        base = check_loopback(args.url)
        info["products"] = catalog_size(base)
        go(base, distinct + repeated)
        return results, info
    for query_cache, chosen in ((False, distinct), (True, repeated)):
        if not chosen:
            continue
        with Server(args.data_dir, args.threads, query_cache, args.workers) as server:
            ready_s = server.wait_ready()
            info.setdefault("products", catalog_size(server.url))
            info.setdefault("ready_s", ready_s)
            info.setdefault("memory_start", server.memory_mb())
            info.setdefault("workers", len(server.processes()) - 1 or 1)
            go(server.url, chosen, server.cpu_seconds)
            if not query_cache:
                info["memory_end"] = server.memory_mb()
    return results, info


def section(args: argparse.Namespace, results: list[Result], info: dict, n_queries: int) -> str:
    threads = f"{args.threads} model threads" if args.threads else "model threads: the server's default"
    workers = f"--workers {args.workers}" if args.workers else "workers: the server's default"
    processes = info.get("workers")
    target = args.url or (
        f"`haitao serve --data-dir {display_path(args.data_dir)}` ({workers}, {threads}), "
        f"{processes} worker process{'es' if processes != 1 else ''}"
    )
    products = f"{info['products']:,} products" if info.get("products") is not None else "products: unknown"
    lines = [
        f"## {args.title}",
        "",
        f"`bench/http_load.py`, run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC at commit `{git_commit()}` on "
        f"{machine_line()}. Server: {target}, {products}; uvicorn. Client: the same machine "
        f"(one keep-alive HTTP/1.1 connection per client on asyncio streams, closed loop), so client and server share "
        f"the cores: the client's own CPU per request is the last column. {n_queries} distinct "
        f"queries ({', '.join(display_path(q) for q in args.queries)}), cycled; {args.warmup:g} s warm-up then "
        f"{args.duration:g} s measured per row. Latency is the client's, request sent to response read.",
        "",
    ]
    if not args.url:
        lines += [
            "Distinct-query rows: query-embedding and response caches off (`HAITAO_QUERY_CACHE_SIZE=0`, "
            "`HAITAO_RESULT_CACHE_SIZE=0`), so every search analyses, embeds and retrieves; the repeated row: caches "
            "on, as configured (a repeated search is answered from the response cache). Rate limit off.",
            "",
        ]
    lines += [
        "| scenario | clients | requests | errors | req/s | p50 ms | p95 ms | p99 ms | max ms | server CPU ms/req "
        "| client CPU ms/req |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        if r.skipped:
            lines.append(f"| {r.what} | {r.clients} | — | — | — | — | — | — | skipped: {r.skipped} | — | — |")
            continue
        p = r.percentiles()
        lines.append(
            f"| {r.what} | {r.clients} | {len(r.latencies_ms):,} | {r.errors} | {r.throughput:.1f} | "
            f"{p['p50']:.1f} | {p['p95']:.1f} | {p['p99']:.1f} | {p['max']:.1f} | "
            f"{'—' if r.cpu_ms_per_request is None else f'{r.cpu_ms_per_request:.1f}'} | "
            f"{'—' if r.client_cpu_ms_per_request is None else f'{r.client_cpu_ms_per_request:.2f}'} |"
        )
    errors = [f"{r.scenario} ×{r.clients}: {r.first_error}" for r in results if r.first_error]
    if errors:
        lines += ["", "First error of each row with errors: " + "; ".join(errors)]
    if "memory_end" in info:
        start, end = info["memory_start"], info["memory_end"]
        lines += [
            "",
            f"Server memory ({info['workers']} worker process(es) together): {start.get('VmRSS', 0):,.0f} MB "
            f"resident when ready ({info['ready_s']:.1f} s after "
            f"start), {end.get('VmRSS', 0):,.0f} MB after the distinct-query rows (anonymous "
            f"{end.get('RssAnon', 0):,.0f} MB, file-backed {end.get('RssFile', 0):,.0f} MB), peak "
            f"{end.get('VmHWM', 0):,.0f} MB.",
        ]
    lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = arguments(__doc__)
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--data-dir", type=Path, help="Index to serve (a server is started and stopped).")
    where.add_argument("--url", help="A running server on loopback, e.g. http://127.0.0.1:8000.")
    parser.add_argument("--queries", type=Path, nargs="+", required=True, help="qid<TAB>query files.")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument(
        "--every-mode", action="store_true", help="Keyword, vector and facets rows at every --clients count too."
    )
    parser.add_argument(
        "--scenarios",
        nargs="+",
        choices=["hybrid", "keyword", "vector", "facets", "suggest", "repeated"],
        help="Run only these scenarios (default: all).",
    )
    parser.add_argument("--duration", type=float, default=8.0, help="Measured seconds per row.")
    parser.add_argument("--warmup", type=float, default=2.0, help="Unmeasured seconds before each row.")
    parser.add_argument(
        "--threads",
        type=int,
        default=0,
        help="Model threads of the started server (0: its default).",
    )
    parser.add_argument(
        "--workers", type=int, default=0, help="Worker processes of the started server (0: its default, one per core)."
    )
    parser.add_argument("--section", default="http-load", help="Section of docs/benchmarks.md to (re)write.")
    parser.add_argument("--title", default="HTTP load", help="Heading of that section.")
    parser.add_argument("--no-write", action="store_true", help="Print only; leave docs/benchmarks.md alone.")
    args = parser.parse_args()
    if args.duration <= 0 or args.warmup < 0 or min(args.clients) < 1 or max(args.clients) > 256:
        parser.error("--duration must be > 0, --warmup ≥ 0, --clients between 1 and 256")
    queries = list(dict.fromkeys(q for path in args.queries for q in read_queries(path).values()))
    results, info = run_all(args, queries)
    text = section(args, results, info, len(queries))
    publish(DOC, args.section, text, write=not args.no_write)


if __name__ == "__main__":
    main()
