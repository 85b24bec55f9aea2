"""The behaviour every `SearchBackend` must show, run against each backend (see conftest.py): the embedded one,
OpenSearch on osmem-server (keyword, filters, facets, sort, paging, CRUD), and a real OpenSearch when
`OPENSEARCH_URL` is set (everything, knn and hybrid included)."""

import json
from dataclasses import replace
from pathlib import Path

import pytest

from search.analysis.english import english_terms
from search.analysis.translate import Alternative, Concept
from search.backends.base import (
    BackendQuery,
    Filters,
    IndexMismatch,
    IndexNotFound,
    PriceBucket,
    Sort,
    TypePreference,
)
from search.catalog import Product
from search.documents import build_documents
from search.fields import FIELDS, Analysis, index_text
from search.ranking import RankingSpec
from search.retrieval import search
from search.service import Mode, SearchRequest, SearchService
from search.writer import CatalogWriter

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def concept(*words):
    return [Concept(w, [Alternative(w, 1.0, "query")]) for w in words]


def ids(result):
    return [hit.product.id for hit in result.hits]


def needs_knn(backend):
    if getattr(backend, "kind", None) == "osmem":
        pytest.skip("osmem-server has no knn query")


# -- the keyword leg --------------------------------------------------------------------------------------------


def test_keyword_leg_ranks_matching_products(small_backend):
    result = search(small_backend, BackendQuery(concepts=concept("tumbler"), limit=5))
    assert ids(result)[0] == "cup-stanley-40"
    assert all(hit.keyword_rank is not None and hit.vector_rank is None for hit in result.hits)
    assert result.hits[0].score == pytest.approx(1 / 61)


def test_english_words_are_stemmed(small_backend):
    singular = search(small_backend, BackendQuery(concepts=concept("earbud"), limit=100))
    plural = search(small_backend, BackendQuery(concepts=concept("earbuds"), limit=100))
    assert set(ids(singular)) == set(ids(plural)) and "ear-anker-p3" in ids(singular)


def test_chinese_field_is_searched_with_the_segmented_term(small_backend):
    result = search(small_backend, BackendQuery(concepts=[Concept("鱼油", [], chinese=True)], limit=3))
    assert ids(result) == ["vit-fishoil"]


def test_a_word_in_no_product_matches_nothing(small_backend):
    result = search(small_backend, BackendQuery(concepts=concept("zzzzqx"), facets=("brand",)))
    assert result.hits == [] and result.total == 0


def test_a_concept_counts_for_coordination_only_where_a_rendering_matches_whole(small_backend):
    """保温杯 rendered `insulated water bottle`: the bottle matching every word gets the coordination step, the mugs
    and tumblers matching `insulated` alone only their BM25 score; a number (`32`) only qualifies."""
    thermos = [Concept("insulated water bottle", [Alternative("insulated water bottle", 1.0, "glossary")])]
    result = search(small_backend, BackendQuery(concepts=thermos, limit=10))
    scores = {hit.product.id: hit.keyword_score for hit in result.hits}
    coordination = RankingSpec().coordination
    assert scores["cup-hydro-32"] > coordination
    assert 0 < scores["cup-stanley-40"] < coordination and 0 < scores["cup-thermos-16"] < coordination
    sized = search(small_backend, BackendQuery(concepts=[*thermos, *concept("32")], limit=10))
    assert {h.product.id: h.keyword_score for h in sized.hits}["cup-hydro-32"] < 2 * coordination


def test_brand_boost_reorders_but_never_adds_matches(small_backend):
    plain = search(small_backend, BackendQuery(concepts=concept("case"), limit=10))
    assert plain.hits[0].product.brand != "OtterBox"
    boosted = search(small_backend, BackendQuery(concepts=concept("case"), boost_brands=("OTTERBOX",), limit=10))
    assert ids(boosted)[0] == "case-ip15-otter"
    assert sorted(ids(plain)) == sorted(ids(boosted))
    nothing = search(small_backend, BackendQuery(concepts=concept("zzzz"), boost_brands=("otterbox",), limit=10))
    assert nothing.total == 0


# -- filters, facets, sort, paging ------------------------------------------------------------------------------


def test_brand_and_price_filters(small_backend):
    result = search(
        small_backend,
        BackendQuery(concepts=concept("headphones"), filters=Filters.where(brand=("apple",), price_max=100.0)),
    )
    assert ids(result) == ["ear-apple-wired"] and result.total == 1


def test_category_prefix_and_stock_filters(small_backend):
    audio = search(small_backend, BackendQuery(filters=Filters(category="electronics > audio"), limit=100))
    assert audio.total == 6
    assert all(hit.product.category.startswith("Electronics > Audio") for hit in audio.hits)
    not_in_stock = search(small_backend, BackendQuery(filters=Filters(in_stock=False), limit=100))
    assert sorted(ids(not_in_stock)) == ["cup-thermos-16", "hp-bose-qc"]
    in_stock = search(small_backend, BackendQuery(filters=Filters(in_stock=True), limit=100))
    assert in_stock.total == 24


def test_price_range_is_inclusive(small_backend):
    result = search(small_backend, BackendQuery(filters=Filters(price_min=19.0, price_max=19.0), limit=100))
    assert "ear-apple-wired" in ids(result)
    assert all(hit.product.price == 19.0 for hit in result.hits)


def test_browse_sorts_by_price_and_pages(small_backend):
    first = search(small_backend, BackendQuery(sort=Sort.PRICE_ASC, limit=3))
    second = search(small_backend, BackendQuery(sort=Sort.PRICE_ASC, offset=3, limit=3))
    prices = [h.product.price for h in first.hits + second.hits]
    assert prices == sorted(prices) and len(set(ids(first)) & set(ids(second))) == 0
    assert first.total == 26
    desc = search(small_backend, BackendQuery(sort=Sort.PRICE_DESC, limit=1))
    assert ids(desc) == ["bag-coach-tote"]


def test_browse_cursor_walks_every_product_once_in_order(small_backend):
    for sort in (Sort.PRICE_ASC, Sort.PRICE_DESC, Sort.NEWEST, Sort.RELEVANCE):
        seen, after = [], None
        while True:
            page = search(small_backend, BackendQuery(sort=sort, limit=4, search_after=after))
            seen += page.hits
            if len(page.hits) < 4:
                break
            after = page.hits[-1].sort_key
        assert len(seen) == 26 and len({h.product.id for h in seen}) == 26, sort
        if sort is not Sort.PRICE_DESC:
            by_offset = search(small_backend, BackendQuery(sort=sort, offset=4, limit=4))
            assert ids(by_offset) == [h.product.id for h in seen[4:8]], sort
        prices = [h.product.price for h in seen]
        if sort is Sort.PRICE_ASC:
            assert prices == sorted(prices)
        if sort is Sort.PRICE_DESC:
            assert prices == sorted(prices, reverse=True)


def test_query_results_sorted_by_price(small_backend):
    result = search(small_backend, BackendQuery(concepts=concept("case"), sort=Sort.PRICE_ASC, limit=10))
    prices = [h.product.price for h in result.hits]
    assert prices == sorted(prices) and ids(result)[0] == "case-s24-spigen"


def test_keyword_paging_is_consistent(small_backend):
    both = search(small_backend, BackendQuery(concepts=concept("wireless"), limit=4))
    page1 = search(small_backend, BackendQuery(concepts=concept("wireless"), limit=2))
    page2 = search(small_backend, BackendQuery(concepts=concept("wireless"), offset=2, limit=2))
    assert ids(page1) + ids(page2) == ids(both) and len(ids(both)) == 4
    assert [h.keyword_rank for h in page2.hits] == [3, 4]


def test_facets_count_the_result_set(small_backend):
    result = search(small_backend, BackendQuery(concepts=concept("case"), facets=("brand",), limit=1))
    assert result.facets["brand"]["Spigen"] == 2
    assert sum(result.facets["brand"].values()) == result.total
    browse = search(small_backend, BackendQuery(facets=("availability",)))
    assert browse.facets["availability"] == {"in_stock": 24, "out_of_stock": 1, "preorder": 1}
    filtered = search(
        small_backend, BackendQuery(filters=Filters.where(brand=("Apple",)), facets=("brand", "category"))
    )
    assert filtered.total == 2 and {h.product.brand for h in filtered.hits} == {"Apple"}
    assert filtered.facets["category"] == {"Electronics > Audio > Headphones": 2}  # under the brand filter


def test_a_facet_counts_ignore_its_own_filter(small_backend):
    """Disjunctive facets: ticking Apple still shows the other brands' counts, restricted by the other filters."""
    everything = search(small_backend, BackendQuery(facets=("brand",)))
    apple = search(small_backend, BackendQuery(filters=Filters.where(brand=("Apple",)), facets=("brand",)))
    assert apple.facets["brand"] == everything.facets["brand"] and apple.facets["brand"]["Anker"] == 2
    audio = Filters.where(brand=("Apple",), category="Electronics > Audio")
    both = search(small_backend, BackendQuery(filters=audio, facets=("brand", "category", "availability")))
    assert both.facets["brand"] == {"Apple": 2, "Sony": 1, "Anker": 1, "Bose": 1, "JBL": 1}  # audio, every brand
    assert both.facets["category"] == {"Electronics > Audio > Headphones": 2}  # Apple only, every category
    assert both.facets["availability"] == {"in_stock": 2}  # both filters
    keyword = search(
        small_backend,
        BackendQuery(concepts=concept("case"), filters=Filters.where(brand=("Spigen",)), facets=("brand",)),
    )
    assert keyword.total == 2 and keyword.facets["brand"]["Spigen"] == 2 and len(keyword.facets["brand"]) > 1


def test_price_facet_counts_buckets_and_reports_the_range(small_backend):
    buckets = (PriceBucket("0-50", None, 50.0), PriceBucket("50-200", 50.0, 200.0), PriceBucket("200-", 200.0, None))
    result = search(small_backend, BackendQuery(facets=("price",), price_buckets=buckets))
    prices = [small_backend.get(key).price for key in small_backend.iter_keys()]
    assert result.facets["price"] == {
        "0-50": sum(p < 50 for p in prices),
        "50-200": sum(50 <= p < 200 for p in prices),
        "200-": sum(p >= 200 for p in prices),
    }
    assert result.price_range == (min(prices), max(prices))
    priced = search(
        small_backend,
        BackendQuery(filters=Filters.where(price_max=50.0, brand=("Apple",)), facets=("price",), price_buckets=buckets),
    )
    assert priced.total == 1 and priced.facets["price"] == {"0-50": 1, "50-200": 0, "200-": 1}  # Apple, any price
    assert priced.price_range == (19.0, 249.0)


def test_attribute_filters(small_backend):
    black = search(small_backend, BackendQuery(filters=Filters(attributes=(("Color", ("black",)),)), limit=50))
    assert black.total >= 1 and all(h.product.attributes.get("color", "").lower() == "black" for h in black.hits)
    assert "ear-sony-xm5" in ids(black)
    none = search(small_backend, BackendQuery(filters=Filters(attributes=(("color", ("chartreuse",)),))))
    assert none.total == 0 and none.hits == []


def test_facet_values_lists_every_value(small_backend):
    brands = small_backend.facet_values("brand", 1000)
    assert brands["Apple"] == 2 and brands["Anker"] == 2 and sum(brands.values()) <= 26 and len(brands) > 15
    assert small_backend.facet_values("availability", 1) == {"in_stock": 24}


# -- reading by id ------------------------------------------------------------------------------------------------


def test_get_returns_the_stored_record(small_backend):
    product = small_backend.get("default/skin-el-anr")
    assert product is not None and product.brand == "Estée Lauder"
    assert small_backend.get("default/missing") is None


def test_iter_keys_and_content_hashes(small_backend):
    every = list(small_backend.iter_keys())
    assert len(every) == len(set(every)) == 26 and all(key.startswith("default/") for key in every)
    assert sorted(small_backend.iter_keys("default")) == sorted(every) and list(small_backend.iter_keys("other")) == []
    hashes = small_backend.content_hashes(["default/skin-el-anr", "default/missing"])
    assert list(hashes) == ["default/skin-el-anr"] and len(hashes["default/skin-el-anr"]) == 64
    assert small_backend.stats().count == 26


# -- the vector leg and hybrid (not on osmem-server) ----------------------------------------------------------------


def test_vector_leg_finds_by_meaning(small_backend, embedder):
    needs_knn(small_backend)
    vector = embedder.encode_query("something to keep coffee hot on my commute")
    result = search(small_backend, BackendQuery(vector=vector, limit=3))
    assert "cup-thermos-16" in ids(result)
    assert all(hit.vector_rank is not None and hit.keyword_rank is None for hit in result.hits)


def test_hybrid_fuses_both_legs_with_filters(small_backend, embedder):
    needs_knn(small_backend)
    query = BackendQuery(concepts=concept("earbuds"), vector=embedder.encode_query("earbuds"), limit=3)
    result = search(small_backend, query)
    assert ids(result)[0] in {"ear-sony-xm5", "ear-anker-p3", "ear-apple-pro2"}
    assert result.hits[0].score <= 2 / 61 + 1e-9
    filters = Filters.where(brand=("apple",), price_max=100.0)
    filtered = search(
        small_backend,
        BackendQuery(concepts=concept("earbuds"), vector=embedder.encode_query("earbuds"), filters=filters),
    )
    assert ids(filtered) == ["ear-apple-wired"] and filtered.total == 1


@pytest.mark.parametrize(("words", "facet"), [(("case",), "brand"), (("wireless", "earbuds"), "category")])
def test_a_facet_count_is_the_total_of_the_search_filtered_by_it(small_backend, words, facet):
    """Facets count exactly the result set: each value's count is the total of the same search filtered by it."""
    result = search(small_backend, BackendQuery(concepts=concept(*words), facets=(facet,), limit=1))
    assert result.facets[facet]
    for value, count in result.facets[facet].items():
        filters = Filters.where(category=value) if facet == "category" else Filters.where(**{facet: (value,)})
        assert search(small_backend, BackendQuery(concepts=concept(*words), filters=filters)).total == count, value


def test_vector_hits_below_the_floor_are_neither_returned_nor_counted(small_backend, embedder):
    needs_knn(small_backend)
    vector = embedder.encode_query("earbuds")
    nearest = search(small_backend, BackendQuery(vector=vector, limit=30)).hits
    floor = (nearest[2].vector_score + nearest[3].vector_score) / 2  # the best three clear it
    above = search(small_backend, BackendQuery(vector=vector, vector_floor=floor, facets=("brand",), limit=30))
    assert ids(above) == [hit.product.id for hit in nearest[:3]] and above.total == 3
    assert sum(above.facets["brand"].values()) == 3
    for brand, count in above.facets["brand"].items():
        filtered = BackendQuery(vector=vector, vector_floor=floor, filters=Filters.where(brand=(brand,)))
        assert search(small_backend, filtered).total == count
    # a keyword match keeps its vector rank below the floor; nothing else below it is counted
    hybrid = search(small_backend, BackendQuery(concepts=concept("tumbler"), vector=vector, vector_floor=floor))
    keyword_only = search(small_backend, BackendQuery(concepts=concept("tumbler")))
    assert hybrid.total == keyword_only.total + 3
    nothing = search(small_backend, BackendQuery(vector=vector, vector_floor=1.01, facets=("brand",)))
    assert (nothing.total, nothing.hits, nothing.facets) == (0, [], {"brand": {}})


def test_the_total_is_the_same_whether_facets_are_counted_or_not(small_backend, embedder):
    """The facets' aggregation counts the total too: every mode, with and without a filter, gives the total a
    search without facets gives, and the counts of a facet every product has add up to it."""
    needs_knn(small_backend)
    vector = embedder.encode_query("wireless earbuds")
    facets = ("brand", "category", "availability", "price")
    buckets = (PriceBucket("0-100", None, 100.0), PriceBucket("100-", 100.0, None))
    for filters in (Filters(), Filters.where(price_max=150.0)):
        for legs in (
            {"concepts": concept("wireless")},
            {"vector": vector},
            {"concepts": concept("case"), "vector": vector},
        ):
            plain = search(small_backend, BackendQuery(filters=filters, **legs))
            counted = search(small_backend, BackendQuery(filters=filters, facets=facets, price_buckets=buckets, **legs))
            assert counted.total == plain.total > 0 and ids(counted) == ids(plain)
            if filters == Filters():  # (a filtered facet counts under every filter but its own)
                assert sum(counted.facets["availability"].values()) == counted.total
                assert sum(counted.facets["price"].values()) == counted.total
    nothing = search(small_backend, BackendQuery(concepts=concept("zeppelin"), facets=facets, price_buckets=buckets))
    assert nothing.total == 0 and nothing.facets == {name: {} for name in facets} and nothing.price_range is None


def test_records_and_sort_values_changed_after_a_search_are_read_fresh(opener, embedder, analysis):
    """What a search reads by id (the page's records, the values it sorts by) comes from the latest commit, also
    after a search has opened the index."""
    backend = opener.open(create=True)
    bottles = [Product(id=f"b{i}", title=f"Insulated bottle {i}", price=10 + i) for i in range(4)]
    backend.upsert(build_documents(bottles, embedder, analysis.segmenter))
    by_price = BackendQuery(concepts=concept("bottle"), sort=Sort.PRICE_ASC)
    assert ids(search(backend, by_price)) == ["b0", "b1", "b2", "b3"]
    cheaper = bottles[3].model_copy(update={"title": "Insulated bottle, on sale", "price": 5})
    backend.upsert(build_documents([cheaper], embedder, analysis.segmenter))
    result = search(backend, by_price)
    assert ids(result) == ["b3", "b0", "b1", "b2"] and result.hits[0].product.title == "Insulated bottle, on sale"
    assert backend.get("default/b3").price == 5
    assert set(backend.fetch(["default/b3", "default/b0", "default/nope"])) == {"default/b3", "default/b0"}
    backend.delete(["default/b0"])
    assert backend.get("default/b0") is None and ids(search(backend, by_price)) == ["b3", "b1", "b2"]
    backend.close()


# -- writing ------------------------------------------------------------------------------------------------------


def test_cursor_pages_through_equal_prices_and_newest_comes_first(opener, embedder, analysis):
    backend = opener.open(create=True)
    prices = [10, 10, 20, 10, 30, 20, 10, 10]
    products = [Product(id=f"t{i}", title=f"Tumbler model {i}", price=price) for i, price in enumerate(prices)]
    for product in products:  # one write each: eight distinct write sequences
        backend.upsert(build_documents([product], embedder, analysis.segmenter))
    seen, after = [], None
    while True:
        page = search(backend, BackendQuery(sort=Sort.PRICE_ASC, limit=3, search_after=after))
        seen += page.hits
        if len(page.hits) < 3:
            break
        after = page.hits[-1].sort_key
    assert sorted(ids_of(seen)) == sorted(p.id for p in products) and len(seen) == 8
    assert [h.product.price for h in seen] == sorted(prices)
    newest = search(backend, BackendQuery(sort=Sort.NEWEST, limit=8))
    assert ids(newest) == [f"t{i}" for i in reversed(range(8))]
    backend.upsert(
        build_documents([products[0].model_copy(update={"title": "Tumbler, renamed"})], embedder, analysis.segmenter)
    )
    assert ids(search(backend, BackendQuery(limit=1))) == ["t0"]  # browsing: newest (added or changed) first
    backend.close()


def ids_of(hits):
    return [hit.product.id for hit in hits]


def test_upsert_replaces_delete_removes_and_changes_survive_reopening(opener, embedder, analysis):
    backend = opener.open(create=True)
    p = Product(id="p1", title="Hydro Flask Water Bottle", price=40, brand="Hydro Flask")
    q = Product(id="p2", title="Stanley Tumbler", price=45, brand="Stanley")
    backend.upsert(build_documents([p, q], embedder, analysis.segmenter))
    renamed = p.model_copy(update={"title": "Hydro Flask Coffee Mug"})
    backend.upsert(build_documents([renamed], embedder, analysis.segmenter))
    assert backend.stats().count == 2
    assert backend.get("default/p1").title == "Hydro Flask Coffee Mug"
    assert ids(search(backend, BackendQuery(concepts=concept("mug")))) == ["p1"]
    assert search(backend, BackendQuery(concepts=concept("bottle"))).total == 0
    assert backend.delete(["default/p2", "default/nope"]) == 1
    assert backend.delete([]) == 0
    backend.close()

    reopened = opener.open(create=False)
    stats = reopened.stats()
    assert stats.count == 1 and stats.model == embedder.name and stats.dim == embedder.dim
    assert stats.updated_at is not None
    assert reopened.get("default/p2") is None
    assert list(reopened.iter_keys()) == ["default/p1"]
    reopened.close()


def test_missing_index_and_other_model_are_refused_clearly(opener, embedder, analysis):
    with pytest.raises(IndexNotFound, match="haitao index"):
        opener.open(create=False)
    backend = opener.open(create=True)
    backend.upsert(build_documents([Product(id="n", title="New", price=1)], embedder, analysis.segmenter))
    backend.close()
    with pytest.raises(IndexMismatch, match="rebuild"):
        opener.open(create=False, model="another-model", dim=768)


def test_wrong_vector_shape_is_refused(opener, embedder, analysis):
    import numpy as np

    backend = opener.open(create=True)
    [doc] = build_documents([Product(id="n", title="New", price=1)], embedder, analysis.segmenter)
    doc.vector = np.zeros(3, dtype=np.float32)
    with pytest.raises(ValueError, match="expected"):
        backend.upsert([doc])
    backend.close()


# -- one analysis and one ranking on every backend ------------------------------------------------------------------

FIXTURE_ROWS = [json.loads(line) for line in (FIXTURES / "products.jsonl").read_text(encoding="utf-8").splitlines()]


def catalog_frequency(term: str) -> int:
    """How many fixture products use an analysed English term in a searched field: the truth, from the file."""
    english = [f for f in FIELDS if f.search is Analysis.ENGLISH and not f.derived]
    products = [Product.from_raw(row) for row in FIXTURE_ROWS]
    return sum(any(term in index_text(f, p).split() for f in english) for p in products)


def test_the_index_analyses_english_text_as_the_query_analysis_does(small_backend):
    for product in small_backend.iter_products():
        for text in (product.title, product.description, product.brand, "Estée Lauder's iPhone15 3.5mm USB-C"):
            assert small_backend.english_terms(text) == english_terms(text), text


@pytest.mark.parametrize("term", ["earbud", "wireless", "tumbler", "sony", "headphon", "case", "zzzz", "the"])
def test_document_frequency_counts_the_products_using_a_term(small_backend, term):
    assert small_backend.document_frequency(term) == catalog_frequency(term)


# The keyword leg's best hits on the fixture catalog (as the embedded backend ranks them; OpenSearch's BM25 may swap
# two close neighbours, osmem-server's approximation of it does for 蓝牙耳机).
RANKED = {
    "蓝牙耳机": ["hp-bose-qc", "ear-sony-xm5", "ear-anker-p3"],
    "降噪耳机": ["ear-sony-xm5", "hp-bose-qc", "ear-anker-p3"],
    "保温杯": ["cup-hydro-32", "cup-thermos-16", "cup-stanley-40"],
    "狗粮": ["pet-bb-dog", "pet-purina-cat"],
    "婴儿奶粉": ["baby-similac-1", "baby-enfamil-2", "pet-bb-dog"],
    # (third: another phone case, matching 手机壳 whole, on one backend; the power bank whose text names the iPhone 15
    # on the other: a near tie of the two BM25 implementations)
    "手机壳 iphone 15": ["case-ip15-otter", "case-ip14-spigen"],
    "藍牙耳機": ["hp-bose-qc", "ear-sony-xm5", "ear-anker-p3"],
    "lanya erji": ["hp-bose-qc", "ear-sony-xm5", "ear-anker-p3"],
    "跑鞋 耐克": ["shoe-nike-peg", "shoe-nb-880"],
    "wireless earbuds": ["ear-sony-xm5", "ear-anker-p3", "ear-apple-pro2"],
    "dog food": ["pet-bb-dog", "pet-purina-cat"],
    "护肤 面霜": ["skin-kiehls-cream", "skin-el-anr"],
    "充电宝": ["pb-anker-10k", "spk-jbl-flip6", "ear-sony-xm5"],
    "鱼油": ["vit-fishoil"],
}


@pytest.mark.parametrize("q", list(RANKED))
def test_the_same_query_is_analysed_and_ranked_the_same_way_on_every_backend(small_backend, analysis, q):
    analyzed = analysis.query_analyzer.analyze(q, small_backend.document_frequency)
    assert analyzed.explain() == analysis.query_analyzer.analyze(q, catalog_frequency).explain()
    result = search(small_backend, BackendQuery(concepts=analyzed.concepts, boost_brands=tuple(analyzed.brands)))
    top = ids(result)[: len(RANKED[q])]
    if small_backend.kind == "embedded":
        assert top == RANKED[q]
    else:  # BM25 as OpenSearch (osmem-server: an approximation of it) scores: the same best hit, the same top hits
        assert top[0] == RANKED[q][0] and sorted(top) == sorted(RANKED[q])
    assert [h.keyword_rank for h in result.hits] == list(range(1, len(result.hits) + 1))


# -- the generation and the result cache ----------------------------------------------------------------------------


def test_every_write_changes_the_generation_and_no_cached_result_hides_it(opener, embedder, analysis):
    """A service caches results by the backend's generation: a write by another writer (another process) shows
    at the next search, and a write through the service's own writer drops the cache at once."""
    settings = opener.settings()
    with CatalogWriter.open(settings, embedder, analysis.segmenter) as writer:
        writer.write([Product(id="m1", title="Ceramic Coffee Mug", price=9)])
    backend = opener.open(create=False)
    service = SearchService(settings.model_copy(update={"result_cache_ttl_s": 3600}), embedder, backend)
    request = SearchRequest(q="mug", mode=Mode.KEYWORD)
    assert [h.product.id for h in service.search(request).result.hits] == ["m1"]
    assert service.search(request).cached
    before = backend.generation()

    with CatalogWriter.open(settings, embedder, analysis.segmenter) as other:  # another process's writer
        other.write([Product(id="m2", title="Travel Mug", price=12)])
    assert backend.generation() != before
    assert sorted(h.product.id for h in service.search(request).result.hits) == ["m1", "m2"]

    own = CatalogWriter(backend, embedder, analysis.segmenter, on_change=service.invalidate)
    assert own.delete(["default/m1"]) == 1
    assert len(service.cache) == 0
    assert [h.product.id for h in service.search(request).result.hits] == ["m2"]
    service.close()


# -- product types (the taxonomy node of every product) ---------------------------------------------------------------

TYPED = [
    Product(
        id="lap-1", title="Dell Inspiron 15 3000 Notebook PC, Intel Core i5, 256 GB SSD, 15.6 inch Full HD", price=600
    ),
    Product(id="sleeve-1", title="Laptop Sleeve for 15 inch and 16 inch Laptops", price=20),
    Product(id="bag-1", title="Laptop Backpack with USB Port, 17 inch laptop bag", price=40),
    Product(id="lock-1", title="Laptop Lock, keyed cable lock for laptop", price=25),
    Product(id="ear-1", title="Wireless Earbuds, Bluetooth 5.3", price=25),
]


def chinese(term):
    return [Concept(term, [], chinese=True)]


def test_every_product_is_stored_with_its_type_and_found_by_its_chinese_name(opener, embedder, analysis):
    backend = opener.open(create=True)
    backend.upsert(build_documents(TYPED, embedder, analysis.segmenter))
    nodes = backend.types(["default/lap-1", "default/sleeve-1", "default/ear-1", "default/nope"])
    assert set(nodes) == {"default/lap-1", "default/sleeve-1", "default/ear-1"}
    lap = nodes["default/lap-1"]
    assert lap.id == "el-6-6" and lap.path[-2:] == ("el-6", "el-6-6")
    assert lap.method == "title" and 0 < lap.confidence <= 1
    assert nodes["default/sleeve-1"].id == "hs-laptop-bags"  # a sleeve *for* a laptop is a bag
    every = [p.key for p in TYPED] + ["default/nope"]
    assert set(backend.of_type(every, "el-6", 0.5)) == {"default/lap-1"}  # Computers: the laptop, by its node's path
    assert backend.of_type(every, "el-6-6", 0.5)["default/lap-1"] == pytest.approx(lap.confidence)
    assert backend.of_type(every, "el-6-6", lap.confidence + 0.01) == {}  # not surely enough
    assert backend.of_type(["default/sleeve-1"], "el-6-6", 0.0) == {} and backend.of_type([], "el-6-6", 0.0) == {}
    # Document-side Chinese: a Chinese type word matches by BM25 with no translation, the product's own type only.
    assert ids(search(backend, BackendQuery(concepts=chinese("笔记本电脑")))) == ["lap-1"]
    assert set(ids(search(backend, BackendQuery(concepts=chinese("电脑包"))))) == {"sleeve-1", "bag-1"}
    assert ids(search(backend, BackendQuery(concepts=chinese("耳机")))) == ["ear-1"]
    hits = search(backend, BackendQuery(concepts=concept("earbuds"))).hits
    assert hits[0].node.id == "hs-true-wireless-earbuds"  # every hit carries its stored node
    backend.close()


def test_the_querys_type_outranks_products_that_merely_mention_it_and_filters_nothing(opener, embedder, analysis):
    backend = opener.open(create=True)
    backend.upsert(build_documents(TYPED, embedder, analysis.segmenter))
    # `inch`: every product here says it, the accessories more often; the query names laptops.
    plain = BackendQuery(concepts=concept("inch"))
    typed = BackendQuery(concepts=concept("inch"), prefer_type=TypePreference("el-6-6", 0.9))
    without = search(backend, plain)
    assert ids(without)[0] == "sleeve-1" and "lap-1" in ids(without)
    boosted = search(backend, typed)
    assert ids(boosted)[0] == "lap-1" and boosted.hits[0].type_rank == 1
    assert all(hit.type_rank is None for hit in boosted.hits[1:])
    assert sorted(ids(boosted)) == sorted(ids(without)) and boosted.total == without.total  # a boost, not a filter
    assert ids(search(backend, typed, RankingSpec(type_leg_weight=0.0))) == ids(without)
    backend.close()


def test_products_of_a_type_named_for_the_querys_rank_below_it_and_stay(opener, embedder, analysis):
    backend = opener.open(create=True)
    backend.upsert(build_documents(TYPED, embedder, analysis.segmenter))
    every = [p.key for p in TYPED]
    assert {"default/lap-1", "default/sleeve-1"} <= set(backend.of_type(every, ("el-6-6", "hs-laptop-bags"), 0.5))
    assert backend.of_type(every, (), 0.0) == {}
    # `inch`, the laptop's type predicted, laptop sleeves and bags named as types for it; the type leg off, so that
    # only the accessories' move acts: the sleeve the keyword leg ranks first goes below the laptop, nothing is lost.
    spec = RankingSpec(type_leg_weight=0.0)
    plain = BackendQuery(concepts=concept("inch"), prefer_type=TypePreference("el-6-6", 0.9))
    wanted = TypePreference("el-6-6", 0.9, accessories=("hs-laptop-bags",))
    without = search(backend, plain, spec)
    assert ids(without)[0] == "sleeve-1"
    demoted = search(backend, BackendQuery(concepts=concept("inch"), prefer_type=wanted), spec)
    assert ids(demoted)[0] == "lap-1"
    assert sorted(ids(demoted)) == sorted(ids(without)) and demoted.total == without.total  # a move, no filter
    scores = [hit.score for hit in demoted.hits]
    assert scores == sorted(scores, reverse=True)
    query = BackendQuery(concepts=concept("inch"), prefer_type=wanted)
    assert ids(search(backend, query, RankingSpec(type_leg_weight=0.0, accessory_window=0))) == ids(without)
    unsure = RankingSpec(type_leg_weight=0.0, accessory_anchor_confidence=1.0)  # no laptop is that sure: none move
    assert ids(search(backend, query, unsure)) == ids(without)
    backend.close()


ANALYSED = ["蓝牙耳机", "降噪耳机", "藍牙耳機", "lanya erji", "wireless earbuds", "iphone 15 手机壳", "sony wf-1000xm5",
            "保温杯", "dog food", "婴儿奶粉", "stanley tumbler", "充电宝", "防晒霜 spf50"]  # fmt: skip


def test_group_totals_over_every_match_equal_the_count_of_matches(small_backend, analysis):
    """Each fixture product is a group of its own, so a search's total of groups, counted over every keyword match
    (the leg one deep), is the count of its matches: Chinese, pinyin, mixed and model-number queries, brands
    boosted, each concept matched whole, phrases."""
    for q in ANALYSED:
        analysed = analysis.query_analyzer.analyze(q, small_backend.document_frequency)
        for filters in (Filters(price_max=200.0), Filters()):  # filtered first: its count is not the leg's
            query = BackendQuery(
                concepts=analysed.concepts, boost_brands=tuple(analysed.brands), filters=filters, limit=100
            )
            every = search(small_backend, query)
            assert every.total == len(every.hits)
            for leg_size in (1, 150):
                counted = search(small_backend, replace(query, distinct=True), RankingSpec(leg_size=leg_size))
                assert counted.total == every.total, (q, filters, leg_size)
