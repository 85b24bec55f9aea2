"""What a service learns from reading the catalog (query analysis's catalog lexicon, the vector floor) is kept in
DATA_DIR/cache for the next process: read back while the index is the same, made again once it changed."""

from __future__ import annotations

import shutil

import pytest

from search.analysis.lexicon import LexiconBuilder
from search.catalog import Product
from search.service import SearchRequest, SearchService
from search.writer import CatalogWriter

QUERIES = ["移动电源", "lanya erji", "wireless headphnes", "sony"]


@pytest.fixture()
def settings(tmp_path, small_settings):
    """A writable copy of the small index."""
    data = tmp_path / "data"
    shutil.copytree(small_settings.data_dir, data, ignore=shutil.ignore_patterns("cache"))
    return small_settings.model_copy(update={"data_dir": data})


def searched(service: SearchService) -> list[tuple[list[str], dict]]:
    """Each query's hits and analysis."""
    out = []
    for q in QUERIES:
        outcome = service.search(SearchRequest(q=q, size=10, explain=True))
        out.append(([h.product.key for h in outcome.result.hits], outcome.analyzed.explain()))
    return out


def fresh(settings, embedder) -> SearchService:
    """A service as a new process makes it (the analysis resources are the process's, loaded once)."""
    return SearchService(settings, embedder=embedder, suggestions=False)


def test_a_second_service_reads_the_catalog_lexicon_and_floor_back(settings, embedder, analysis, monkeypatch):
    first = fresh(settings, embedder)
    try:
        expected = searched(first)
        floor = first.floor
    finally:
        first.close()
    assert (settings.data_dir / "cache" / "catalog.pickle").is_file()

    def not_again(*_args, **_kwargs):
        raise AssertionError("the catalog lexicon was built again")

    monkeypatch.setattr(LexiconBuilder, "build", not_again)
    second = fresh(settings, embedder)
    try:
        assert searched(second) == expected
        assert second.floor == floor and second.suggester.lexicon.known
    finally:
        second.close()


def test_a_change_to_the_index_makes_it_again(settings, embedder, analysis):
    first = fresh(settings, embedder)
    try:
        first.search(SearchRequest(q="sony"))
        assert first.suggester.lexicon.document_frequency("zorbatron") == 0
    finally:
        first.close()
    cache = settings.data_dir / "cache" / "catalog.pickle"
    before = cache.read_bytes()
    with CatalogWriter.open(settings, embedder, analysis.segmenter) as writer:
        writer.write([Product.from_raw({"id": "z1", "title": "Zorbatron Travel Kettle", "price": 30})])
    second = fresh(settings, embedder)
    try:
        outcome = second.search(SearchRequest(q="zorbatrn kettle", explain=True))
        assert second.suggester.lexicon.document_frequency("zorbatron") == 1  # the new catalog's lexicon
        assert [c["corrected"] for c in outcome.analyzed.explain()["corrections"]] == ["zorbatron"]
    finally:
        second.close()
    assert cache.read_bytes() != before


def test_a_damaged_cache_is_passed_by_and_replaced(settings, embedder, analysis):
    cache = settings.data_dir / "cache" / "catalog.pickle"
    cache.parent.mkdir()
    cache.write_bytes(b"not a pickle")
    service = fresh(settings, embedder)
    try:
        assert service.search(SearchRequest(q="lanya erji")).result.total > 0
        assert service.suggester.lexicon.known
    finally:
        service.close()
    assert cache.read_bytes() != b"not a pickle"
