"""What only the embedded backend does (tantivy on disk, numpy vectors); the behaviour every backend shares is in
test_contract.py."""

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
import tantivy

from search.analysis.translate import Alternative, Concept
from search.backends.base import BackendQuery, Filters, IndexLocked
from search.backends.embedded import index
from search.backends.embedded.backend import EmbeddedBackend
from search.catalog import Product
from search.documents import build_documents
from search.retrieval import search


def concept(*words):
    return [Concept(w, [Alternative(w, 1.0, "query")]) for w in words]


@pytest.fixture()
def backend(small_settings, embedder):
    backend = EmbeddedBackend(small_settings.data_dir, embedder.name, embedder.dim)
    yield backend
    backend.close()


def ids(result):
    return [hit.product.id for hit in result.hits]


def test_hybrid_reports_each_legs_rank(backend, embedder):
    result = search(
        backend, BackendQuery(concepts=concept("earbuds"), vector=embedder.encode_query("earbuds"), limit=3)
    )
    top = result.hits[0]
    assert top.keyword_rank is not None and top.vector_rank is not None
    assert top.score == pytest.approx(0.6 / (60 + top.keyword_rank) + 0.4 / (60 + top.vector_rank))


def test_filters_apply_to_both_legs(backend, embedder):
    filters = Filters.where(brand=("apple",), price_max=100.0)
    result = search(
        backend, BackendQuery(concepts=concept("earbuds"), vector=embedder.encode_query("earbuds"), filters=filters)
    )
    assert ids(result) == ["ear-apple-wired"]
    assert result.total == 1


def test_upsert_replaces_delete_removes_and_changes_survive_reopening(tmp_path, embedder, analysis):
    data_dir = tmp_path / "idx"
    backend = EmbeddedBackend(data_dir, embedder.name, embedder.dim, create=True)
    p = Product(id="p1", title="Hydro Flask Water Bottle", price=40)
    q = Product(id="p2", title="Stanley Tumbler", price=45)
    backend.upsert(build_documents([p, q], embedder, analysis.segmenter))
    backend.upsert(build_documents([replace_title(p, "Hydro Flask Coffee Mug")], embedder, analysis.segmenter))
    assert backend.stats().count == 2
    assert backend.get("default/p1").title == "Hydro Flask Coffee Mug"
    assert backend.delete(["default/p2", "default/nope"]) == 1
    backend.close()

    reopened = EmbeddedBackend(data_dir, embedder.name, embedder.dim)
    assert reopened.stats().count == 1
    assert reopened.get("default/p2") is None
    hit = search(reopened, BackendQuery(vector=embedder.encode_query("coffee mug"), limit=5)).hits
    assert [h.product.id for h in hit] == ["p1"]


def test_a_reader_sees_commits_of_another_writer(tmp_path, embedder, analysis):
    writer = EmbeddedBackend(tmp_path, embedder.name, embedder.dim, create=True)
    reader = EmbeddedBackend(tmp_path, embedder.name, embedder.dim)
    assert reader.stats().count == 0
    writer.upsert(build_documents([Product(id="n", title="New", price=1)], embedder, analysis.segmenter))
    assert reader.stats().count == 1
    writer.close()


def test_within_reading_one_search_sees_one_commit(tmp_path, embedder, analysis):
    writer = EmbeddedBackend(tmp_path, embedder.name, embedder.dim, create=True)
    reader = EmbeddedBackend(tmp_path, embedder.name, embedder.dim)
    writer.upsert(build_documents([Product(id="a", title="Old", price=1)], embedder, analysis.segmenter))
    with reader.reading():
        before = reader.generation()
        writer.upsert(build_documents([Product(id="b", title="New", price=1)], embedder, analysis.segmenter))
        assert reader.stats().count == 1 and reader.get("default/b") is None
        assert reader.generation() == before
    assert reader.stats().count == 2 and reader.get("default/b") is not None
    assert reader.generation() != before
    writer.close()


def test_a_thread_working_for_a_search_reads_the_commit_the_search_reads(tmp_path, embedder, analysis):
    # a search's counts run on another thread, beside its page (search.retrieval): they must count what it shows
    writer = EmbeddedBackend(tmp_path, embedder.name, embedder.dim, create=True)
    reader = EmbeddedBackend(tmp_path, embedder.name, embedder.dim)
    writer.upsert(build_documents([Product(id="a", title="Old", price=1)], embedder, analysis.segmenter))
    with ThreadPoolExecutor(max_workers=1) as elsewhere, reader.reading():
        shared = reader.reading_shared()
        writer.upsert(build_documents([Product(id="b", title="New", price=1)], embedder, analysis.segmenter))

        def count_shared() -> int:
            with shared:
                return reader.stats().count

        assert elsewhere.submit(count_shared).result() == 1
        assert elsewhere.submit(lambda: reader.stats().count).result() == 2  # a thread of its own reads the latest
        assert elsewhere.submit(count_shared).result() == 1  # and leaves no pinned snapshot behind
    writer.close()


def test_only_one_writer_at_a_time(tmp_path, embedder, analysis):
    docs = build_documents([Product(id="n", title="New", price=1)], embedder, analysis.segmenter)
    first = EmbeddedBackend(tmp_path, embedder.name, embedder.dim, create=True)
    first.upsert(docs)
    second = EmbeddedBackend(tmp_path, embedder.name, embedder.dim)
    with pytest.raises(IndexLocked, match="another process is writing"):
        second.upsert(docs)
    first.close()


def replace_title(product, title):
    return product.model_copy(update={"title": title})


def test_a_snapshot_keeps_the_rows_of_many_product_types(backend):
    """A type's rows are searched once per snapshot and kept: a search naming it again, after searches naming
    200 other types, takes them from what the snapshot keeps (here: an empty query would find none)."""
    snapshot = backend._current()
    first = snapshot.of_type((("t0",), 0.5), tantivy.Query.all_query())
    assert len(first[0]) > 0
    for n in range(1, 201):
        snapshot.of_type(((f"t{n}",), 0.5), tantivy.Query.empty_query())
    again = snapshot.of_type((("t0",), 0.5), tantivy.Query.empty_query())
    assert np.array_equal(again[0], first[0])


def test_what_a_snapshot_keeps_of_product_types_is_bounded_by_rows(small_settings, embedder, monkeypatch):
    backend = EmbeddedBackend(small_settings.data_dir, embedder.name, embedder.dim)
    rows = backend.stats().count
    monkeypatch.setattr(index, "TYPE_CACHE_ROWS", 2 * (rows + 1))  # two types of every product, at most
    backend.close()
    backend = EmbeddedBackend(small_settings.data_dir, embedder.name, embedder.dim)
    try:
        snapshot = backend._current()
        everything = tantivy.Query.all_query()
        assert len(snapshot.of_type((("t0",), 0.5), everything)[0]) == rows > 0
        snapshot.of_type((("t1",), 0.5), everything)
        assert len(snapshot.of_type((("t0",), 0.5), tantivy.Query.empty_query())[0]) == rows  # both kept
        snapshot.of_type((("t2",), 0.5), everything)  # a third: the least recently used one (t1) is dropped
        assert len(snapshot.of_type((("t1",), 0.5), tantivy.Query.empty_query())[0]) == 0  # searched again
        assert len(snapshot.of_type((("t0",), 0.5), tantivy.Query.empty_query())[0]) == 0
    finally:
        backend.close()
