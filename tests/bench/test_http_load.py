"""bench/http_load.py as the lead runs it: a real `haitao serve` of the fixture index, real HTTP on loopback."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "bench" / "http_load.py"


def load(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=timeout)


def test_every_scenario_runs_against_a_started_server_without_errors(small_settings, tmp_path):
    queries = tmp_path / "q.tsv"
    queries.write_text("q1\t蓝牙耳机\nq2\tpower bank\nq3\t保温杯\n", encoding="utf-8")
    result = load(
        "--data-dir", str(small_settings.data_dir), "--queries", str(queries), "--clients", "1", "3",
        "--duration", "0.5", "--warmup", "0.1", "--workers", "2", "--no-write",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = {line.split(" | ")[0].lstrip("| "): line for line in result.stdout.splitlines() if line.startswith("| ")}
    for scenario in ("hybrid search, top 10", "keyword leg only", "vector leg only", "hybrid + facets=brand,category"):
        cells = [cell.strip() for cell in rows[scenario].strip("|").split("|")]
        assert int(cells[2].replace(",", "")) > 0 and cells[3] == "0", rows[scenario]  # requests, no errors
        assert float(cells[9]) > 0, rows[scenario]  # the server's CPU per request, over its worker processes
        assert float(cells[10]) > 0, rows[scenario]  # the load generator's own CPU per request
    assert "| hybrid search, top 10 | 3 |" in result.stdout  # the concurrency row
    assert "hybrid, the same query (蓝牙耳机) each time" in rows
    cells = [cell.strip() for cell in rows["/v1/suggest, first half of each query"].strip("|").split("|")]
    assert int(cells[2].replace(",", "")) > 0 and cells[3] == "0", cells  # requests, no errors
    assert "26 products" in result.stdout and "2 worker processes" in result.stdout
    assert "Server memory (2 worker process(es) together):" in result.stdout


@pytest.mark.parametrize("url", ["http://10.0.0.5:8000", "http://example.com"])
def test_only_loopback_servers_are_load_tested(url, tmp_path):
    queries = tmp_path / "q.tsv"
    queries.write_text("q1\tx\n", encoding="utf-8")
    result = load("--url", url, "--queries", str(queries), "--no-write", timeout=60)
    assert result.returncode != 0 and "only loopback addresses" in result.stderr
