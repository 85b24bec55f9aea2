"""Backends for the shared behavioural suite: embedded always; OpenSearch on osmem-server (a real HTTP server with
no knn, hybrid or search pipelines) and, when `OPENSEARCH_URL` is set, on that real OpenSearch cluster.

Each OpenSearch run uses its own alias (`t<random>`) so it never touches a real cluster's other indices, and
deletes what it created.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from opensearchpy import OpenSearch
from osmem_server import OsmemServer

from search.backends.base import SearchBackend
from search.backends.embedded.backend import EmbeddedBackend
from search.backends.opensearch.backend import OpenSearchBackend, OpenSearchConfig
from search.backends.opensearch.index import IndexOptions
from search.config import Settings

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

REAL_URL = os.environ.get("OPENSEARCH_URL")
KINDS = [
    "embedded",
    "osmem",
    pytest.param("opensearch", marks=pytest.mark.skipif(not REAL_URL, reason="no OPENSEARCH_URL")),
]


@pytest.fixture(scope="session")
def osmem() -> Iterator[OsmemServer]:
    """One osmem-server process for the session (each test that writes works on its own clone)."""
    server = OsmemServer.start(japanese=False)
    yield server
    server.close()


def opensearch_config(url: str, alias: str | None = None, **overrides) -> OpenSearchConfig:
    alias = alias or f"t{uuid.uuid4().hex[:10]}"
    return OpenSearchConfig(
        url=url,
        username=os.environ.get("OPENSEARCH_USERNAME"),
        password=os.environ.get("OPENSEARCH_PASSWORD"),
        verify_certs=os.environ.get("OPENSEARCH_VERIFY_CERTS", "true") != "false",
        index=IndexOptions(alias=alias),
        refresh="wait_for",
        bulk_backoff_s=0.05,
        **overrides,
    )


def drop_alias_indices(config: OpenSearchConfig) -> None:
    client = OpenSearch(hosts=[config.url], http_auth=(config.username, config.password) if config.username else None)
    client.indices.delete(index=f"{config.index.alias}_*", ignore_unavailable=True, allow_no_indices=True)
    client.close()


class Opener:
    """Opens backends of one kind on fresh, empty storage (`tmp` for embedded, a clone or alias for OpenSearch)."""

    def __init__(self, kind: str, tmp: Path, osmem: OsmemServer | None, embedder) -> None:
        self.kind, self.tmp, self.osmem, self.embedder = kind, tmp, osmem, embedder
        self.cleanup: list = []
        self.url: str | None = None
        self.alias = f"t{uuid.uuid4().hex[:10]}"

    def settings(self) -> Settings:
        if self.kind == "embedded":
            return Settings(data_dir=self.tmp)
        if self.url is None:
            if self.kind == "osmem":
                clone = self.osmem.clone()
                self.cleanup.append(clone.close)
                self.url = clone.url
            else:
                self.url = REAL_URL
                self.cleanup.append(lambda: drop_alias_indices(opensearch_config(self.url, self.alias)))
        return Settings(backend="opensearch", opensearch_url=self.url, opensearch_index=self.alias)

    def open(self, create: bool = True, model: str | None = None, dim: int | None = None) -> SearchBackend:
        model, dim = model or self.embedder.name, dim or self.embedder.dim
        if self.kind == "embedded":
            return EmbeddedBackend(self.tmp, model, dim, create=create)
        self.settings()
        return OpenSearchBackend(opensearch_config(self.url, self.alias), model, dim, create=create)

    def close(self) -> None:
        for fn in reversed(self.cleanup):
            fn()


def _osmem_for(kind: str, request: pytest.FixtureRequest) -> OsmemServer | None:
    return request.getfixturevalue("osmem") if kind == "osmem" else None


@pytest.fixture(scope="session", params=KINDS)
def small_backend(request, tmp_path_factory, embedder, analysis, feed_indexer) -> Iterator[SearchBackend]:
    """The 26 products of tests/fixtures/products.jsonl, indexed by the real pipeline. Read-only for tests."""
    kind = request.param
    opener = Opener(kind, tmp_path_factory.mktemp(f"contract-{kind}"), _osmem_for(kind, request), embedder)
    feed_indexer(opener.settings(), FIXTURES / "products.jsonl", embedder, analysis)
    backend = opener.open(create=False)
    backend.kind = kind  # lets a test skip what osmem-server cannot do (knn, hybrid)
    yield backend
    backend.close()
    opener.close()


@pytest.fixture(params=KINDS)
def opener(request, tmp_path, embedder) -> Iterator[Opener]:
    """Opens backends on fresh, empty storage, for tests that write."""
    opener = Opener(request.param, tmp_path, _osmem_for(request.param, request), embedder)
    yield opener
    opener.close()
