"""Shared fixtures: the real embedding model, and real indexes on disk built once per test session."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from indexer.pipeline import IndexPipeline
from search.analysis.query import Analysis, default_analysis
from search.backends.factory import open_backend
from search.config import Settings
from search.encoders import Encoder, load_encoder
from search.service import SearchService

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
    """Index a feed with the real pipeline into the backend the settings name; every row must be accepted."""
    backend = open_backend(settings, embedder.name, embedder.dim, create=True)
    try:
        report = IndexPipeline(backend, embedder, analysis.segmenter, batch_size=256).run(feed)
    finally:
        backend.close()
    assert report.rejected == 0, [r.describe() for r in report.rejects]
    return settings


@pytest.fixture()
def free_port() -> int:
    """A loopback port nothing listens on (yet)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def feed_indexer():
    """`index_feed`, for conftest files below this one (which cannot import this module)."""
    return index_feed


@pytest.fixture(scope="session")
def small_settings(tmp_path_factory: pytest.TempPathFactory, embedder: Encoder, analysis: Analysis) -> Settings:
    """An index of tests/fixtures/products.jsonl (26 hand-written products). Read-only for tests."""
    return build_index(tmp_path_factory.mktemp("small"), FIXTURES / "products.jsonl", embedder, analysis)


@pytest.fixture(scope="session")
def small_service(small_settings: Settings, embedder: Encoder) -> Iterator[SearchService]:
    service = SearchService(small_settings, embedder=embedder)
    yield service
    service.close()


@pytest.fixture(scope="session")
def demo_settings(tmp_path_factory: pytest.TempPathFactory, embedder: Encoder, analysis: Analysis) -> Settings:
    """An index of the bundled demo catalog, built with the real model."""
    return build_index(tmp_path_factory.mktemp("demo"), DEMO / "products.jsonl", embedder, analysis)


@pytest.fixture(scope="session")
def demo_service(demo_settings: Settings, embedder: Encoder) -> Iterator[SearchService]:
    service = SearchService(demo_settings, embedder=embedder)
    yield service
    service.close()
