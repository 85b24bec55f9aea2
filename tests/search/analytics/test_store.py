"""The analytics store on disk: written off the caller's thread, bounded, shared by several writers, reopened."""

from __future__ import annotations

import threading
import time

from search.analytics import reports
from search.analytics.chart import write_chart
from search.analytics.store import AnalyticsStore, EventRecord, SearchRecord


def _search(n: int, at: float | None = None, results: int = 3, query: str = "蓝牙耳机") -> SearchRecord:
    return SearchRecord(f"{n:040x}", time.time() if at is None else at, query, query, [query], {}, results, 5.0)


def test_rows_past_the_cap_or_the_retention_are_dropped(tmp_path):
    store = AnalyticsStore(tmp_path, retention_days=30, max_rows=1000)
    old = time.time() - 40 * 86400
    for n in range(50):
        store.record_search(_search(n, at=old))
    for n in range(50, 2550):
        store.record_search(_search(n))
    store.close()  # drains the queue; a retention pass runs every 2,000 records
    reopened = AnalyticsStore(tmp_path, retention_days=30, max_rows=1000)
    reopened.start()  # a pass at start too
    reopened.flush()
    kept = reopened.query("SELECT min(query_id) AS first, count(*) AS n, min(at) AS oldest FROM searches")[0]
    assert kept["n"] == 1000 and kept["oldest"] > old and kept["first"] == f"{1550:040x}"
    reopened.close()


def test_events_are_on_disk_when_acknowledged_from_several_writers(tmp_path):
    stores = [AnalyticsStore(tmp_path), AnalyticsStore(tmp_path)]  # two processes' worth of writers on one file

    def send(store: AnalyticsStore, base: int) -> None:
        for n in range(200):
            store.record_event(EventRecord("click", f"{base + n:040x}", "default", "p", 1, time.time()))

    threads = [threading.Thread(target=send, args=(store, i * 1000)) for i, store in enumerate(stores) for _ in (0,)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # acknowledged = committed: a third connection sees every event without waiting for anything
    assert AnalyticsStore(tmp_path).counts()["events"] == 400
    for store in stores:
        store.close()


def test_a_full_queue_drops_search_records_without_blocking(tmp_path):
    store = AnalyticsStore(tmp_path, queue_size=10)
    store._thread = threading.Thread()  # a writer that never runs: nothing leaves the queue
    for n in range(25):
        store.record_search(_search(n))
    assert store.dropped == 15


def test_the_chart_is_a_png_of_each_day(tmp_path):
    store = AnalyticsStore(tmp_path)
    day = 86400
    now = time.time()
    for n in range(6):
        store.record_search(_search(n, at=now - (n % 3) * day, results=n % 2))
    store.flush()
    days = reports.daily(store, reports.Window.last(3))
    assert [d["searches"] for d in days][-3:] == [2, 2, 2]
    assert sum(d["no_results"] for d in days) == 3
    path = write_chart(days, tmp_path / "chart.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    store.close()


def test_the_cli_prints_the_reports_and_writes_the_chart(tmp_path):
    from typer.testing import CliRunner

    from indexer.cli import app

    store = AnalyticsStore(tmp_path)
    store.record_search(_search(1))
    store.record_search(_search(2, results=0, query="xyzzy"))
    store.record_event(EventRecord("click", f"{1:040x}", "default", "ear-1", 2, time.time()))
    store.close()
    chart = tmp_path / "out" / "chart.png"
    result = CliRunner().invoke(app, ["analytics", "--data-dir", str(tmp_path), "--chart", str(chart)])
    assert result.exit_code == 0, result.output
    assert "Top queries" in result.output and "蓝牙耳机" in result.output and "xyzzy" in result.output
    assert "Click-through" in result.output and "1.0" in result.output  # the one 蓝牙耳机 search was clicked
    assert chart.read_bytes()[:4] == b"\x89PNG"
    empty = CliRunner().invoke(app, ["analytics", "--data-dir", str(tmp_path / "none")])
    assert empty.exit_code == 1 and "No analytics" in empty.output
