"""The embedded backend's vector graph (HNSW) for large indexes, forced on a small one with ann_min_products=1:
it is built by `prepare_search`, saved and reopened, and gives the exact search's answers, filtered or not."""

import shutil

import pytest

from search.backends.base import BackendQuery, Filters
from search.backends.embedded.backend import EmbeddedBackend
from search.catalog import Product
from search.documents import build_documents
from search.retrieval import search


@pytest.fixture()
def data_dir(small_settings, tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(small_settings.data_dir, copy)
    return copy


def ids(result):
    return [hit.product.id for hit in result.hits]


def open_backend(data_dir, embedder, ann_min_products):
    return EmbeddedBackend(data_dir, embedder.name, embedder.dim, ann_min_products=ann_min_products)


def test_graph_answers_as_exact_search_does(data_dir, embedder):
    exact = open_backend(data_dir, embedder, 0)
    graph = open_backend(data_dir, embedder, 1)
    graph.prepare_search()
    assert len(list((data_dir / "ann").glob("*.usearch"))) == 1
    for text in ("something to keep coffee hot", "wireless earbuds", "food for my cat"):
        vector = embedder.encode_query(text)
        assert ids(search(graph, BackendQuery(vector=vector, limit=10))) == ids(
            search(exact, BackendQuery(vector=vector, limit=10))
        )
        filters = Filters(price_max=50.0)
        filtered = search(graph, BackendQuery(vector=vector, filters=filters, limit=10))
        assert ids(filtered) == ids(search(exact, BackendQuery(vector=vector, filters=filters, limit=10)))
        assert all(hit.product.price <= 50 for hit in filtered.hits)
    assert exact._current().vectors.ann is None and graph._current().vectors.ann is not None


def test_saved_graph_is_reused_and_a_new_commit_gets_a_new_one(data_dir, embedder, analysis):
    first = open_backend(data_dir, embedder, 1)
    first.prepare_search()
    [saved] = (data_dir / "ann").glob("*.usearch")
    reopened = open_backend(data_dir, embedder, 1)
    assert reopened._current().vectors.ann is not None  # loaded from the file, not rebuilt
    assert list((data_dir / "ann").glob("*.usearch")) == [saved]

    product = Product(id="new-mug", title="Ember Temperature Control Smart Mug, keeps coffee hot", price=129.95)
    reopened.upsert(build_documents([product], embedder, analysis.segmenter))
    reopened.prepare_search()
    [current] = (data_dir / "ann").glob("*.usearch")
    assert current != saved  # the old commit's graph is gone
    vector = embedder.encode_query("a mug that keeps my coffee hot")
    assert "new-mug" in ids(search(reopened, BackendQuery(vector=vector, limit=3)))
    reopened.close()


def test_with_a_graph_a_floor_counts_what_the_exact_search_counts(data_dir, embedder):
    # with a graph the count scans for every product above the floor, started beside the vector leg (anticipate)
    exact = open_backend(data_dir, embedder, 0)
    graph = open_backend(data_dir, embedder, 1)
    graph.prepare_search()
    for text in ("something to keep coffee hot", "wireless earbuds"):
        vector = embedder.encode_query(text)
        for filters in (Filters(), Filters(price_max=50.0)):
            for distinct in (True, False):
                query = BackendQuery(
                    vector=vector, vector_floor=0.3, filters=filters, facets=("brand",), limit=5, distinct=distinct
                )
                got, want = search(graph, query), search(exact, query)
                assert got.total == want.total > 0
                assert got.facets == want.facets
    graph.close()
