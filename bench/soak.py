"""Soak test: concurrent shoppers and catalog updates against a live `haitao serve`, over loopback, for a bounded time.

    .venv/bin/python bench/soak.py [--duration 600] [--clients 16] [--source DATA_DIR] [--report docs/reliability.md]

A copy of the demo index (SOURCE, default var/eval/demo as bench/relevance.py builds it, else var/demo as
`make demo` does; built into a temporary directory from the demo catalog when neither exists) is served by a
`haitao serve` subprocess with admin routes on and the rate limit off. CLIENTS asyncio clients, each with its own
keep-alive connection, send a mix for DURATION seconds: searches (GET and POST, Chinese, Traditional, pinyin,
English, filters, facets, sorts, pages, explain) 70 %, suggestions 15 %, product pages 5 %, admin updates 10 %
(batches of changed prices — never above the product's regular price, which the server rightly refuses — and stock,
new products, deletions of products the soak added, which live at most MAX_LIVE_ADDED at a time); after a search with
hits, a shopper's event on one of them (POST /v1/events: a click 30 % of the time, then an add-to-cart 5 %).

Measured: requests and errors (5xx, transport errors; 4xx counted apart), latency percentiles per interval
(a minute, or a tenth of a shorter run), the server's resident memory (VmRSS) sampled every few seconds and its
growth from the end of a warm-up (60 s) to the end, and the data check at the end: every record of the soak
accepted (a refused one is a finding too), every product the soak added and did not delete is there with its last
price, every one it deleted is gone, and the product count is what it should be; the analytics store (read after
the server stopped) holds every event the server acknowledged and a search record for every search with text, and
its size on disk. Writes the `soak` section of docs/reliability.md.

Goals (issue 8): zero 5xx, memory growth under 5 %, p99 stable across intervals.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from report import machine, write_section  # bench/ is on sys.path when this file runs as a script

ROOT = Path(__file__).resolve().parent.parent
DEMO_CATALOG = ROOT / "data" / "demo" / "products.jsonl"
DEFAULT_SOURCES = [ROOT / "var" / "eval" / "demo", ROOT / "var" / "demo"]
REPORT = ROOT / "docs" / "reliability.md"
ADMIN_KEY = "soak-admin-key"
# The soak's own products live at most this many at a time (then its next write deletes one): the catalog keeps its
# size, so memory growth measures leaks, not a catalog that grew by half.
MAX_LIVE_ADDED = 50
HAITAO = [sys.executable, "-c", "from indexer.cli import main; main()"]

QUERIES = [
    "蓝牙耳机", "藍牙耳機", "无线降噪耳机", "500元以下 保温杯", "iPhone 15 手机壳", "婴儿奶粉 1段", "lanya erji",
    "lyej", "bluetooth speaker", "running shoes", "耐克 跑鞋", "移动电源", "狗粮", "瑜伽垫", "sony", "充电器 100元以内",
    "护肤品", "电动牙刷", "帐篷", "乐高", "", "wireless earbuds", "保温杯 300元以内", "咖啡机", "luyaji", "相机",
]  # fmt: skip
PREFIXES = ["蓝", "蓝牙", "lan", "lany", "lyej", "bwb", "so", "sony w", "iph", "保温", "耐", "wire", "瑜"]
BRANDS = ["Sony", "Anker", "Apple", "Bose", "Stanley", "Nike"]
FACETS = ["brand", "category", "price", "availability"]


@dataclass
class Sample:
    at: float  # seconds since the start
    kind: str
    status: int  # 0: a transport error
    ms: float
    detail: str = ""  # the start of a 4xx answer's body: why the request was refused


@dataclass
class Soak:
    """What the clients share: the products they may update, and what the admin writes did (for the data check)."""

    ids: list[str]
    records: dict[str, dict]  # the demo catalog's records by SELLER/ID (a product page is /v1/products/SELLER/ID)
    samples: list[Sample] = field(default_factory=list)
    added: dict[str, float] = field(default_factory=dict)  # soak product id → its last acknowledged price
    deleted: set[str] = field(default_factory=set)
    next_id: int = 0
    writes_in_flight: int = 0
    events: int = 0  # events the server acknowledged (201)
    rejected: int = 0  # records of the soak's batches the server refused (all are valid: should stay 0)
    text_searches: int = 0  # searches with query text answered 200 (each recorded in the analytics)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def source_index(given: Path | None, scratch: Path) -> Path:
    for candidate in [given] if given else DEFAULT_SOURCES:
        if candidate and (candidate / "manifest.json").exists():
            return candidate
    if given:
        raise SystemExit(f"no index in {given}")
    built = scratch / "source"
    print(f"no demo index found: indexing {DEMO_CATALOG} into {built} (about a minute)", file=sys.stderr)
    subprocess.run([*HAITAO, "index", str(DEMO_CATALOG), "--data-dir", str(built)], check=True, cwd=ROOT)
    return built


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def search_params(rng: random.Random) -> dict:
    params: dict = {"q": rng.choice(QUERIES), "size": rng.choice([10, 10, 20, 50])}
    if rng.random() < 0.2:
        params["brand"] = rng.choice(BRANDS)
    if rng.random() < 0.2:
        params["price_max"] = rng.choice([100, 300, 1000, 5000])
    if rng.random() < 0.3:
        params["facets"] = ",".join(rng.sample(FACETS, rng.randint(1, 4)))
    if rng.random() < 0.2:
        params["sort"] = rng.choice(["price_asc", "price_desc", "newest"])
    if rng.random() < 0.2:
        params["page"] = rng.randint(2, 4)
    if rng.random() < 0.1:
        params["explain"] = "true"
    if rng.random() < 0.1:
        params["in_stock"] = "true"
    return params


async def admin_update(client: httpx.AsyncClient, soak: Soak, rng: random.Random) -> httpx.Response:
    headers = {"Authorization": f"Bearer {ADMIN_KEY}"}
    live = [i for i in soak.added if i not in soak.deleted]
    if live and (len(live) >= MAX_LIVE_ADDED or rng.random() < 0.25):
        victim = rng.choice(live)
        soak.deleted.add(victim)  # claimed before the await: no other client deletes or updates it meanwhile
        response = await client.delete(f"/v1/admin/products/{victim}", headers=headers)
        if response.status_code != 200:
            soak.deleted.discard(victim)
        return response
    batch, prices, picked = [], {}, set()
    for _ in range(rng.randint(1, 5)):
        if rng.random() < 0.4:
            soak.next_id += 1
            record = dict(soak.records[rng.choice(soak.ids)], id=f"soak-{soak.next_id}")
            record.pop("seller", None)  # a new product of the default seller, in a group of its own: addressed by id
            record.pop("item_group_id", None)
        else:
            key = rng.choice(soak.ids)
            if key in picked:  # a product once a batch: a repeat is (rightly) refused as a duplicate
                continue
            picked.add(key)
            record = dict(soak.records[key])
        ceiling = record.get("list_price") or 500  # a sale price above the regular price is (rightly) refused
        record["price"] = round(rng.uniform(1, float(ceiling)), 2)
        record["availability"] = rng.choice(["in_stock", "out_of_stock", "preorder"])
        batch.append(record)
        prices[record["id"]] = record["price"]
    response = await client.post("/v1/admin/products", json=batch, headers=headers)
    if response.status_code == 200:
        refused = {error["id"] for error in response.json()["errors"]}
        soak.rejected += len(refused)  # the soak sends only valid records: any refusal is a finding
        for product_id, price in prices.items():
            if product_id.startswith("soak-") and product_id not in soak.deleted and product_id not in refused:
                soak.added[product_id] = price
    return response


async def client_loop(base: str, soak: Soak, seed: int, started: float, until: float) -> None:
    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        while time.perf_counter() < until:
            roll = rng.random()
            t = time.perf_counter()
            try:
                if roll < 0.55:
                    kind, response = "search", await client.get("/v1/search", params=search_params(rng))
                elif roll < 0.70:
                    body = search_params(rng)
                    for name in ("facets",):
                        if name in body:
                            body[name] = body[name].split(",")
                    if "brand" in body:
                        body["brand"] = [body["brand"]]
                    kind, response = "search", await client.post("/v1/search", json=body)
                elif roll < 0.85:
                    params = {"q": rng.choice(PREFIXES)}
                    kind, response = "suggest", await client.get("/v1/suggest", params=params)
                elif roll < 0.90:
                    kind, response = "product", await client.get(f"/v1/products/{rng.choice(soak.ids)}")
                else:
                    kind, response = "admin", await admin_update(client, soak, rng)
                status = response.status_code
            except httpx.TransportError:
                kind, status, response = "transport", 0, None
            ms = (time.perf_counter() - t) * 1000
            soak.samples.append(Sample(t - started, kind, status, ms, refusal(status, response)))
            if kind == "search" and status == 200:
                await shopper_events(client, soak, rng, response.json(), started)


async def shopper_events(
    client: httpx.AsyncClient, soak: Soak, rng: random.Random, answer: dict, started: float
) -> None:
    """What a shopper does with a page of results: sometimes clicks a hit, sometimes then puts it in the cart."""
    if answer.get("query"):
        soak.text_searches += 1
    hits = answer.get("hits") or []
    if not hits or rng.random() >= 0.3:
        return
    at = rng.randrange(len(hits))
    hit = hits[at]
    position = (answer["page"] - 1) * answer["size"] + at + 1
    kinds = ["click"] + (["add_to_cart"] if rng.random() < 0.05 else [])
    for kind in kinds:
        body = {"type": kind, "query_id": answer["query_id"], "seller": hit.get("seller", "default")}
        body.update(id=hit["id"], position=position)
        t = time.perf_counter()
        try:
            response = await client.post("/v1/events", json=body)
            status = response.status_code
        except httpx.TransportError:
            status, response = 0, None
        if status == 201:
            soak.events += 1
        ms = (time.perf_counter() - t) * 1000
        soak.samples.append(Sample(t - started, "event", status, ms, refusal(status, response)))


def refusal(status: int, response: httpx.Response | None) -> str:
    """Why a request was refused (the start of a 4xx answer), for the report."""
    return response.text[:160] if response is not None and 400 <= status < 500 else ""


def check_analytics(data: Path, soak: Soak) -> tuple[dict, list[str]]:
    """The analytics store after the server stopped: every acknowledged event kept, every text search recorded."""
    import sqlite3

    path = data / "analytics.sqlite"
    db = sqlite3.connect(path)
    events = db.execute("SELECT count(*) FROM events").fetchone()[0]
    searches = db.execute("SELECT count(*) FROM searches WHERE normalized != ''").fetchone()[0]
    db.close()
    size = sum(p.stat().st_size for p in data.glob("analytics.sqlite*"))
    problems = []
    if events != soak.events:
        problems.append(f"analytics: {events} events stored, {soak.events} acknowledged")
    if searches < soak.text_searches:
        problems.append(f"analytics: {searches} searches recorded of {soak.text_searches} answered")
    return {"events": events, "searches": searches, "bytes": size}, problems


def percentile(values: list[float], p: int) -> float:
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100)[p - 1] if len(values) > 1 else values[0]


def check_data(base: str, soak: Soak, products_before: int) -> tuple[int, list[str]]:
    """The products the soak wrote, read back: (how many were checked, what was wrong)."""
    problems = []
    with httpx.Client(base_url=base, timeout=60) as client:
        live = {i: p for i, p in soak.added.items() if i not in soak.deleted}
        for product_id, price in live.items():
            response = client.get(f"/v1/products/{product_id}")
            if response.status_code != 200:
                problems.append(f"{product_id}: {response.status_code} (expected it to be there)")
            elif abs(response.json()["price"]["usd"] - price) > 0.005:
                problems.append(f"{product_id}: price {response.json()['price']['usd']}, expected {price}")
        for product_id in soak.deleted:
            if client.get(f"/v1/products/{product_id}").status_code != 404:
                problems.append(f"{product_id}: still there after its deletion")
        total = client.get("/v1/search", params={"size": 1, "distinct": "false"}).json()["total"]  # products
        if total != products_before + len(live):
            problems.append(f"{total} products, expected {products_before + len(live)}")
    return len(live) + len(soak.deleted) + 1, problems


def run(duration: float, clients: int, source: Path | None, seed: int) -> str:
    with tempfile.TemporaryDirectory(prefix="haitao-soak-") as scratch:
        data = Path(scratch) / "data"
        shutil.copytree(source_index(source, Path(scratch)), data)
        records = {}
        with DEMO_CATALOG.open(encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                records[f"{record.get('seller', 'default')}/{record['id']}"] = record  # SELLER/ID
        port = free_port()
        env = {**os.environ, "HAITAO_HOST": "127.0.0.1", "HAITAO_ADMIN_API_KEY": ADMIN_KEY}
        env["HAITAO_RATE_LIMIT_PER_MINUTE"] = "0"  # 16 clients on one address: every request must reach the app
        env["HAITAO_EVENTS_PER_MINUTE"] = "0"
        env.pop("HAITAO_SEARCH_API_KEY", None)
        log = (Path(scratch) / "server.log").open("w")
        server = subprocess.Popen(
            [*HAITAO, "serve", "--data-dir", str(data), "--port", str(port)], env=env, cwd=ROOT, stdout=log, stderr=log
        )
        base = f"http://127.0.0.1:{port}"
        try:
            products_before = wait_ready(base, server)
            soak = Soak(ids=list(records), records=records)  # the demo catalog's products, all in the index
            rss: list[tuple[float, float]] = []
            started = time.perf_counter()
            asyncio.run(drive(base, soak, clients, seed, started, duration, server.pid, rss))
            checked, problems = check_data(base, soak, products_before)
            server_alive = server.poll() is None
        finally:
            server.terminate()
            server.wait(30)
            log.close()
        if soak.rejected:
            problems.append(f"{soak.rejected} valid records refused")
        store, lost = check_analytics(data, soak)  # the server drained its queue on the way out
        errors_in_log = sum(1 for line in (Path(scratch) / "server.log").open() if "Traceback" in line)
        return report(soak, rss, duration, clients, checked, problems + lost, server_alive, errors_in_log, store)


def wait_ready(base: str, server: subprocess.Popen) -> int:
    deadline = time.monotonic() + 600
    while True:
        if server.poll() is not None:
            raise SystemExit("haitao serve exited before it was ready")
        try:
            response = httpx.get(f"{base}/readyz", timeout=5)
            if response.status_code == 200:
                return int(response.json()["products"])
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise SystemExit("haitao serve did not become ready")
        time.sleep(0.5)


async def drive(
    base: str, soak: Soak, clients: int, seed: int, started: float, duration: float, pid: int, rss: list
) -> None:
    until = started + duration

    async def sample_memory() -> None:
        while time.perf_counter() < until:
            value = rss_mb(pid)
            if value is not None:
                rss.append((time.perf_counter() - started, value))
            await asyncio.sleep(min(5.0, duration / 40))

    await asyncio.gather(
        sample_memory(), *(client_loop(base, soak, seed * 1000 + i, started, until) for i in range(clients))
    )


def report(
    soak: Soak,
    rss: list[tuple[float, float]],
    duration: float,
    clients: int,
    checked: int,
    problems: list[str],
    server_alive: bool,
    tracebacks: int,
    store: dict,
) -> str:
    samples = soak.samples
    interval = 60.0 if duration >= 300 else duration / 10
    buckets = int(duration // interval) or 1
    errors = [s for s in samples if s.status >= 500 or s.status == 0]
    client_errors = [s for s in samples if 400 <= s.status < 500]
    refused = Counter(f"{s.kind} {s.status}" for s in client_errors)
    example = {f"{s.kind} {s.status}": s.detail for s in reversed(client_errors)}  # the first of each
    why = "; ".join(f"{what} ×{n}, e.g. `{example[what]}`" for what, n in refused.most_common())
    kinds_seen = ("search", "suggest", "product", "admin", "event")
    by_kind = {kind: [s for s in samples if s.kind == kind] for kind in kinds_seen}
    # Memory: caches (results, query vectors, searchers, the suggest vocabulary) fill during the first minute, so
    # growth is measured from the end of a warm-up of 60 s (half of a shorter run) to the end; the growth from the
    # first interval is shown too.
    warm_up = min(60.0, duration / 2)
    start = [v for t, v in rss if t <= interval] or [rss[0][1]]
    warm = [v for t, v in rss if t <= warm_up] or [rss[0][1]]
    end = [v for t, v in rss if t >= duration - interval] or [rss[-1][1]]
    first, baseline, final = start[-1], warm[-1], statistics.median(end)
    growth = (final - baseline) / baseline * 100
    rows, p99s = [], []
    for b in range(buckets):
        low, high = b * interval, (b + 1) * interval if b < buckets - 1 else duration + 60
        inside = [s for s in samples if low <= s.at < high]
        ms = [s.ms for s in inside if s.kind != "admin"]
        memory = [v for t, v in rss if low <= t < high]
        p99s.append(percentile(ms, 99))
        rows.append(
            f"| {low:.0f}–{min(high, duration):.0f} s | {len(inside)} | "
            f"{sum(1 for s in inside if s.status >= 500 or s.status == 0)} | {percentile(ms, 50):.1f} | "
            f"{percentile(ms, 95):.1f} | {percentile(ms, 99):.1f} | "
            f"{percentile([s.ms for s in inside if s.kind == 'admin'], 50):.0f} | "
            f"{(max(memory) if memory else float('nan')):.0f} |"
        )
    kinds = ", ".join(f"{kind} {len(items)}" for kind, items in by_kind.items())
    statuses = statistics_of(samples)
    verdict = "met" if not errors and growth < 5 and not problems else "NOT met"
    error_rate = len(errors) / max(len(samples), 1) * 100
    data = "**no data lost**" if not problems else "; ".join(problems[:10])
    return f"""
## Soak

{len(samples)} requests in {duration:.0f} s from {clients} concurrent clients over loopback ({kinds});
statuses: {statuses}. **{len(errors)} server errors or transport errors** ({error_rate:.3f} %),
{len(client_errors)} client errors (4xx{": " + why if why else ""}).
The soak added {len(soak.added)} products (at most {MAX_LIVE_ADDED} at a time) and deleted {len(soak.deleted)} of
them, and updated the demo's; {soak.rejected} of its records were refused; the data check read {checked} back: {data}.
Server still running at the end: {"yes" if server_alive else "**no**"}; tracebacks in its log: {tracebacks}.
Analytics store after the run: {store["searches"]} searches and {store["events"]} events kept of
{soak.text_searches} text searches answered and {soak.events} events acknowledged, {store["bytes"] / 1e6:.1f} MB on
disk ({store["bytes"] / max(store["searches"] + store["events"], 1):.0f} bytes a row; bounded by
HAITAO_ANALYTICS_MAX_ROWS and the retention, docs/analytics.md).

Memory (VmRSS of `haitao serve`): {first:.0f} MB after the first interval, {baseline:.0f} MB after a warm-up of
{warm_up:.0f} s (caches filled), {final:.0f} MB at the end: **{growth:+.1f} % after the warm-up**
({(final - first) / first * 100:+.1f} % from the first interval). p99 by interval (search, suggest, product
pages): {min(p99s):.1f}–{max(p99s):.1f} ms. Goals (zero 5xx, memory growth under 5 %, no data lost): **{verdict}**.

| interval | requests | 5xx + transport | p50 ms | p95 ms | p99 ms | admin p50 ms | RSS max MB |
|---|---|---|---|---|---|---|---|
{chr(10).join(rows)}

Run with `.venv/bin/python bench/soak.py --duration {duration:.0f} --clients {clients}` on {machine()}.
The clients run on the same machine as the server and share its cores, so latencies are upper bounds; the admin
batches (1–5 products, embedded and committed) are slower by nature and kept out of the p50–p99 columns.
"""


def statistics_of(samples: list[Sample]) -> str:
    counts: dict[int, int] = {}
    for s in samples:
        counts[s.status] = counts.get(s.status, 0) + 1
    return ", ".join(f"{status or 'transport error'}: {n}" for status, n in sorted(counts.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=600.0, help="seconds of load (default 600)")
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients (default 16)")
    parser.add_argument("--source", type=Path, default=None, help="the index to copy and serve (default: the demo's)")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--report", type=Path, default=REPORT, help="where to write the `soak` section")
    parser.add_argument("--no-report", action="store_true", help="print the section instead of writing it")
    args = parser.parse_args()
    markdown = run(args.duration, args.clients, args.source, args.seed)
    print(markdown)
    if not args.no_report:
        write_section(args.report, "soak", markdown, title="# Reliability")


if __name__ == "__main__":
    main()
