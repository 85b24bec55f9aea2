"""Shared fixtures: the real embedding model, and real indexes on disk built once per test session."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, settings

from indexer.pipeline import IndexPipeline
from search.analysis.query import Analysis, default_analysis
from search.config import Settings
from search.encoders import Encoder, load_encoder
from search.sellers import read_sellers
from search.service import SearchService
from search.writer import CatalogWriter

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEMO = ROOT / "data" / "demo"

# Property-based tests (marked `fuzz`): a bounded number of examples in `make test`, many more in `make fuzz`
# (HYPOTHESIS_PROFILE=fuzz). Deadlines are off: the machine is shared and timing is not what these tests check.
_HYPOTHESIS = {"suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow], "deadline": None}
settings.register_profile("ci", max_examples=200, derandomize=True, print_blob=True, **_HYPOTHESIS)
settings.register_profile("fuzz", max_examples=2_000, print_blob=True, **_HYPOTHESIS)
settings.register_profile("quick", max_examples=10, derandomize=True, **_HYPOTHESIS)  # a smoke run while editing
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def embedder() -> Encoder:
    return load_encoder(threads=2)


@pytest.fixture(scope="session")
def analysis() -> Analysis:
    return default_analysis()


def build_index(data_dir: Path, feed: Path, embedder: Encoder, analysis: Analysis) -> Settings:
    return index_feed(Settings(data_dir=data_dir), feed, embedder, analysis)


def index_feed(settings: Settings, feed: Path, embedder: Encoder, analysis: Analysis) -> Settings:
    """Index a feed through the one write path into the backend the settings name; every row must be accepted."""
    with CatalogWriter.open(settings, embedder, analysis.segmenter) as writer:
        report = IndexPipeline(writer, batch_size=256).run(feed)
    assert report.rejected == 0, [r.describe() for r in report.rejects]
    return settings


@pytest.fixture()
def free_port() -> int:
    """A loopback port nothing listens on (yet)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_ready(server: subprocess.Popen, url: str, timeout_s: float = 120) -> None:
    """Wait until a started `haitao serve` answers /readyz with 200 (fails if it exits or takes too long)."""
    deadline = time.monotonic() + timeout_s
    while True:
        assert server.poll() is None, server.stdout.read().decode() if server.stdout else "the server exited"
        try:
            if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, "the server did not become ready"
        time.sleep(0.3)


@pytest.fixture(scope="session")
def wait_ready():
    """`wait_ready(server, url)`: a `haitao serve` process started by a test, ready (for files below this one)."""
    return _wait_ready


@pytest.fixture(scope="session")
def feed_indexer():
    """`index_feed`, for conftest files below this one (which cannot import this module)."""
    return index_feed


@pytest.fixture(scope="session")
def small_settings(tmp_path_factory: pytest.TempPathFactory, embedder: Encoder, analysis: Analysis) -> Settings:
    """An index of tests/fixtures/products.jsonl (26 hand-written products). Read-only for tests."""
    return build_index(tmp_path_factory.mktemp("small"), FIXTURES / "products.jsonl", embedder, analysis)


@pytest.fixture(scope="session")
def demo_settings(tmp_path_factory: pytest.TempPathFactory, embedder: Encoder, analysis: Analysis) -> Settings:
    """An index of the bundled demo catalog, built with the real model."""
    settings = build_index(tmp_path_factory.mktemp("demo"), DEMO / "products.jsonl", embedder, analysis)
    with CatalogWriter.open(settings, embedder, analysis.segmenter) as writer:  # the sellers' names, as `make demo`
        writer.put_sellers(list(read_sellers(DEMO / "sellers.jsonl")))
    return settings


def _service(settings: Settings, embedder: Encoder) -> Iterator[SearchService]:
    service = SearchService(settings, embedder=embedder)
    yield service
    service.close()


@pytest.fixture(scope="session")
def small_service(small_settings: Settings, embedder: Encoder) -> Iterator[SearchService]:
    yield from _service(small_settings, embedder)


@pytest.fixture(scope="session")
def demo_service(demo_settings: Settings, embedder: Encoder) -> Iterator[SearchService]:
    yield from _service(demo_settings, embedder)


# `make test-fast` runs `pytest -m "not slow"`: everything but what builds the demo index with the real model, starts
# servers or browsers as processes, or runs every CLI command. `make test` runs all of it.
SLOW_FIXTURES = {"demo_settings", "demo_service"}
SLOW_MODULES = {
    "test_live_server.py",
    "test_storefront_browser.py",
    "test_http_load.py",
    "test_kill.py",
    "test_relevance.py",
    "test_cli.py",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())) or item.path.name in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
