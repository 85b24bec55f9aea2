"""The embedded backend on a real tantivy index on disk, with real vectors from the model."""

import numpy as np
import pytest

from search.analysis.translate import Alternative, Concept
from search.backends.base import BackendQuery, Filters, IndexMismatch, Sort
from search.backends.embedded.backend import EmbeddedBackend, IndexLocked, IndexNotFound
from search.catalog import Product
from search.documents import build_documents


def concept(*words):
    return [Concept(w, [Alternative(w, 1.0, "query")]) for w in words]


@pytest.fixture()
def backend(small_settings, embedder):
    backend = EmbeddedBackend(small_settings.data_dir, embedder.name, embedder.dim)
    yield backend
    backend.close()


def ids(result):
    return [hit.product.id for hit in result.hits]


def test_keyword_leg_ranks_matching_products(backend):
    result = backend.search(BackendQuery(concepts=concept("tumbler"), limit=5))
    assert ids(result)[0] == "cup-stanley-40"


def test_chinese_field_is_searched_with_the_segmented_term(backend):
    result = backend.search(BackendQuery(concepts=[Concept("鱼油", [], chinese=True)], limit=3))
    assert ids(result) == ["vit-fishoil"]


def test_vector_leg_finds_by_meaning(backend, embedder):
    vector = embedder.encode_query("something to keep coffee hot on my commute")
    result = backend.search(BackendQuery(vector=vector, limit=3))
    assert "cup-thermos-16" in ids(result)
    assert all(hit.vector_rank is not None and hit.keyword_rank is None for hit in result.hits)


def test_hybrid_reports_each_legs_rank(backend, embedder):
    result = backend.search(BackendQuery(concepts=concept("earbuds"), vector=embedder.encode_query("earbuds"), limit=3))
    top = result.hits[0]
    assert top.keyword_rank is not None and top.vector_rank is not None
    assert top.score == pytest.approx(1 / (60 + top.keyword_rank) + 1 / (60 + top.vector_rank))


def test_filters_apply_to_both_legs(backend, embedder):
    filters = Filters(brands=("apple",), price_max=100.0)
    result = backend.search(
        BackendQuery(concepts=concept("earbuds"), vector=embedder.encode_query("earbuds"), filters=filters)
    )
    assert ids(result) == ["ear-apple-wired"]
    assert result.total == 1


def test_category_prefix_and_stock_filters(backend):
    audio = backend.search(BackendQuery(filters=Filters(category="electronics > audio"), limit=100))
    assert audio.total == 6
    assert all(hit.product.category.startswith("Electronics > Audio") for hit in audio.hits)
    not_in_stock = backend.search(BackendQuery(filters=Filters(in_stock=False), limit=100))
    assert sorted(ids(not_in_stock)) == ["cup-thermos-16", "hp-bose-qc"]


def test_browse_sorts_by_price_and_pages(backend):
    first = backend.search(BackendQuery(sort=Sort.PRICE_ASC, limit=3))
    second = backend.search(BackendQuery(sort=Sort.PRICE_ASC, offset=3, limit=3))
    prices = [h.product.price for h in first.hits + second.hits]
    assert prices == sorted(prices) and len(set(ids(first)) & set(ids(second))) == 0
    assert first.total == 26
    desc = backend.search(BackendQuery(sort=Sort.PRICE_DESC, limit=1))
    assert ids(desc) == ["bag-coach-tote"]


def test_query_results_sorted_by_price(backend):
    result = backend.search(BackendQuery(concepts=concept("case"), sort=Sort.PRICE_ASC, limit=10))
    prices = [h.product.price for h in result.hits]
    assert prices == sorted(prices) and ids(result)[0] == "case-s24-spigen"


def test_facets_count_the_result_set(backend):
    result = backend.search(BackendQuery(concepts=concept("case"), facets=("brand",), limit=1))
    assert result.facets["brand"]["Spigen"] == 2
    assert sum(result.facets["brand"].values()) == result.total
    browse = backend.search(BackendQuery(facets=("availability",)))
    assert browse.facets["availability"] == {"in_stock": 24, "out_of_stock": 1, "preorder": 1}


def test_get_returns_the_stored_record(backend):
    product = backend.get("skin-el-anr")
    assert product is not None and product.brand == "Estée Lauder"
    assert backend.get("missing") is None


def test_upsert_replaces_delete_removes_and_changes_survive_reopening(tmp_path, embedder, analysis):
    data_dir = tmp_path / "idx"
    backend = EmbeddedBackend(data_dir, embedder.name, embedder.dim, create=True)
    p = Product(id="p1", title="Hydro Flask Water Bottle", price=40)
    q = Product(id="p2", title="Stanley Tumbler", price=45)
    backend.upsert(build_documents([p, q], embedder, analysis.segmenter))
    backend.upsert(build_documents([replace_title(p, "Hydro Flask Coffee Mug")], embedder, analysis.segmenter))
    assert backend.stats().count == 2
    assert backend.get("p1").title == "Hydro Flask Coffee Mug"
    assert backend.delete(["p2", "nope"]) == 1
    backend.close()

    reopened = EmbeddedBackend(data_dir, embedder.name, embedder.dim)
    assert reopened.stats().count == 1
    assert reopened.get("p2") is None
    hit = reopened.search(BackendQuery(vector=embedder.encode_query("coffee mug"), limit=5)).hits
    assert [h.product.id for h in hit] == ["p1"]


def test_a_reader_sees_commits_of_another_writer(tmp_path, embedder, analysis):
    writer = EmbeddedBackend(tmp_path, embedder.name, embedder.dim, create=True)
    reader = EmbeddedBackend(tmp_path, embedder.name, embedder.dim)
    assert reader.stats().count == 0
    writer.upsert(build_documents([Product(id="n", title="New", price=1)], embedder, analysis.segmenter))
    assert reader.stats().count == 1
    writer.close()


def test_only_one_writer_at_a_time(tmp_path, embedder, analysis):
    docs = build_documents([Product(id="n", title="New", price=1)], embedder, analysis.segmenter)
    first = EmbeddedBackend(tmp_path, embedder.name, embedder.dim, create=True)
    first.upsert(docs)
    second = EmbeddedBackend(tmp_path, embedder.name, embedder.dim)
    with pytest.raises(IndexLocked, match="another process is writing"):
        second.upsert(docs)
    first.close()


def test_missing_index_and_other_model_are_refused_clearly(tmp_path, small_settings, embedder):
    with pytest.raises(IndexNotFound, match="haitao index"):
        EmbeddedBackend(tmp_path / "none", embedder.name, embedder.dim)
    with pytest.raises(IndexMismatch, match="rebuild"):
        EmbeddedBackend(small_settings.data_dir, "another-model", 768)


def test_wrong_vector_shape_is_refused(tmp_path, embedder, analysis):
    backend = EmbeddedBackend(tmp_path, embedder.name, embedder.dim, create=True)
    [doc] = build_documents([Product(id="n", title="New", price=1)], embedder, analysis.segmenter)
    doc.vector = np.zeros(3, dtype=np.float32)
    with pytest.raises(ValueError, match="expected"):
        backend.upsert([doc])
    backend.close()


def replace_title(product, title):
    return product.model_copy(update={"title": title})


def test_brand_boost_reorders_but_never_adds_matches(backend):
    plain = backend.search(BackendQuery(concepts=concept("case"), limit=10))
    assert plain.hits[0].product.brand != "OtterBox"
    boosted = backend.search(BackendQuery(concepts=concept("case"), boost_brands=("OTTERBOX",), limit=10))
    assert ids(boosted)[0] == "case-ip15-otter"
    assert sorted(ids(plain)) == sorted(ids(boosted))
    nothing = backend.search(BackendQuery(concepts=concept("zzzz"), boost_brands=("otterbox",), limit=10))
    assert nothing.total == 0


def test_iter_ids_lists_every_product(backend):
    assert len(set(backend.iter_ids())) == 26
