"""One hit per product group (`distinct`) on every backend: the best variant stands for its group, pages never repeat
or skip a group (offsets and key cursors), totals and facet counts count groups — a facet's count equals the total of
the search filtered by it — and each hit lists its group's variants under the filters."""

from dataclasses import replace

import pytest

from search.analysis.translate import Alternative, Concept
from search.backends.base import BackendQuery, Filters, PriceBucket, Sort
from search.catalog import Product
from search.documents import build_documents
from search.ranking import RankingSpec
from search.retrieval import search


def variants(group: str, title: str, brand: str, options: list[tuple[str, str, float]]) -> list[Product]:
    return [
        Product(
            id=f"{group}-{i}", item_group_id=group, title=f"{title}, {color}, {size}", brand=brand, color=color,
            size=size, price=price, availability="out_of_stock" if price > 60 else "in_stock",
        )
        for i, (color, size, price) in enumerate(options, start=1)
    ]  # fmt: skip


CATALOG = [
    *variants("hf32", "Hydro Flask Wide Mouth Water Bottle", "Hydro Flask",
              [("Black", "32 oz", 44.95), ("Pacific", "32 oz", 44.95), ("Black", "40 oz", 49.95),
               ("Indigo", "40 oz", 49.95)]),
    *variants("quencher", "Stanley Quencher Tumbler Water Bottle", "Stanley",
              [("Black", "30 oz", 35.0), ("Rose Quartz", "40 oz", 45.0), ("Cream", "40 oz", 45.0),
               ("Black", "64 oz", 65.0), ("Lilac", "20 oz", 30.0), ("Frost", "40 oz", 45.0),
               ("Fuchsia", "30 oz", 35.0)]),
    *variants("nalgene", "Nalgene Sustain Water Bottle", "Nalgene",
              [("Clear", "32 oz", 17.99), ("Clear", "48 oz", 21.99)]),
    Product(id="yeti", title="YETI Rambler Water Bottle", brand="YETI", color="Black", price=50.0),
    Product(id="owala", title="Owala FreeSip Water Bottle", brand="Owala", color="Black", price=27.99),
    Product(id="mug", title="Camp Mug", brand="Stanley", price=20.0),
]  # fmt: skip
GROUPS_OF_BOTTLES = {"hf32", "quencher", "nalgene", "yeti", "owala"}
FACETS = ("brand", "color", "size", "availability", "price")
PRICE_BUCKETS = (PriceBucket("0-30", None, 30.0), PriceBucket("30-50", 30.0, 50.0), PriceBucket("50-", 50.0, None))


def water_bottle():
    words = ("water", "bottle")
    return [Concept(w, [Alternative(w, 1.0, "query")]) for w in words]


@pytest.fixture
def backend(opener, embedder, analysis):
    backend = opener.open(create=True)
    for start in range(0, len(CATALOG), 5):  # several writes: several write sequences for browsing
        backend.upsert(build_documents(CATALOG[start : start + 5], embedder, analysis.segmenter))
    yield backend
    backend.close()


def gid(product):
    return product.item_group_id or product.id


def groups(result):
    return [gid(hit.product) for hit in result.hits]


def test_a_query_shows_each_group_once_and_counts_groups(backend):
    collapsed = search(backend, BackendQuery(concepts=water_bottle(), limit=20, distinct=True))
    assert sorted(groups(collapsed)) == sorted(GROUPS_OF_BOTTLES)
    assert collapsed.total == 5
    every = search(backend, BackendQuery(concepts=water_bottle(), limit=20))
    assert len(every.hits) == every.total == 15  # distinct=false: every variant
    quencher = next(hit for hit in collapsed.hits if gid(hit.product) == "quencher")
    assert quencher.group.variants == 7 and (quencher.group.price_min, quencher.group.price_max) == (30.0, 65.0)
    assert [p.price for p in quencher.group.listed] == sorted(p.price for p in quencher.group.listed)
    assert {p.id for p in quencher.group.listed} == {f"quencher-{i}" for i in range(1, 8)}
    yeti = next(hit for hit in collapsed.hits if hit.product.id == "yeti")
    assert yeti.group.variants == 1 and [p.id for p in yeti.group.listed] == ["yeti"]


@pytest.mark.parametrize("leg_size", [150, 1])  # the leg holds every match / a pass over the matches counts them
def test_facet_counts_of_groups_equal_the_totals_of_the_filtered_searches(backend, leg_size):
    spec = RankingSpec(leg_size=leg_size)
    query = BackendQuery(concepts=water_bottle(), facets=FACETS, distinct=True, price_buckets=PRICE_BUCKETS)
    result = search(backend, query, spec)
    assert result.facets["color"]["Black"] == 4  # hf32, quencher, yeti, owala: groups, not variants (6)
    assert result.facets["brand"] == {"Stanley": 1, "Hydro Flask": 1, "Nalgene": 1, "YETI": 1, "Owala": 1}
    for name in ("brand", "color", "size", "availability"):
        for value, count in result.facets[name].items():
            filters = (
                Filters(in_stock=value == "in_stock") if name == "availability" else Filters.where(**{name: (value,)})
            )
            filtered = search(backend, BackendQuery(concepts=water_bottle(), filters=filters, distinct=True), spec)
            assert filtered.total == count, (name, value)
    for bucket in PRICE_BUCKETS:
        filters = Filters(price_min=bucket.low, price_max=None if bucket.high is None else bucket.high - 0.01)
        filtered = search(backend, BackendQuery(concepts=water_bottle(), filters=filters, distinct=True), spec)
        assert filtered.total == result.facets["price"][bucket.key], bucket.key


def test_the_filters_choose_the_variants_a_group_lists(backend):
    black = search(
        backend, BackendQuery(concepts=water_bottle(), filters=Filters.where(color=("black",)), distinct=True)
    )
    assert sorted(groups(black)) == ["hf32", "owala", "quencher", "yeti"] and black.total == 4
    quencher = next(hit for hit in black.hits if gid(hit.product) == "quencher")
    assert quencher.product.color == "Black"  # a black variant stands for the group
    assert [p.id for p in quencher.group.listed] == ["quencher-1", "quencher-4"] and quencher.group.variants == 2
    assert (quencher.group.price_min, quencher.group.price_max) == (35.0, 65.0)


@pytest.mark.parametrize("sort", [Sort.PRICE_ASC, Sort.PRICE_DESC])
def test_sorted_results_show_a_group_by_its_first_variant_in_that_order(backend, sort):
    result = search(backend, BackendQuery(concepts=water_bottle(), sort=sort, distinct=True, limit=10))
    prices = [hit.product.price for hit in result.hits]
    assert prices == sorted(prices, reverse=sort is Sort.PRICE_DESC)
    quencher = next(hit for hit in result.hits if gid(hit.product) == "quencher")
    assert quencher.product.price == (30.0 if sort is Sort.PRICE_ASC else 65.0)


def test_ranked_pages_never_repeat_or_skip_a_group(backend):
    seen = []
    for offset in range(0, 6, 2):
        page = search(backend, BackendQuery(concepts=water_bottle(), offset=offset, limit=2, distinct=True))
        seen += groups(page)
    assert sorted(seen) == sorted(GROUPS_OF_BOTTLES)


@pytest.mark.parametrize("sort", [Sort.RELEVANCE, Sort.PRICE_ASC, Sort.PRICE_DESC, Sort.NEWEST])
def test_browsing_pages_groups_exactly_by_cursor_and_by_offset(backend, sort):
    everything = {gid(product) for product in CATALOG}
    by_cursor, after = [], None
    while True:
        page = search(backend, BackendQuery(sort=sort, limit=2, search_after=after, distinct=True))
        by_cursor += page.hits
        if len(page.hits) < 2:
            break
        after = page.hits[-1].sort_key
    assert sorted(gid(hit.product) for hit in by_cursor) == sorted(everything)
    by_offset = []
    for offset in range(0, len(everything) + 2, 2):
        by_offset += search(backend, BackendQuery(sort=sort, offset=offset, limit=2, distinct=True)).hits
    assert [hit.product.id for hit in by_offset] == [hit.product.id for hit in by_cursor]
    if sort is Sort.PRICE_ASC:  # each group by its cheapest variant, groups in that order
        assert [hit.product.price for hit in by_cursor] == sorted(hit.product.price for hit in by_cursor)
        assert next(h for h in by_cursor if gid(h.product) == "quencher").product.id == "quencher-5"  # $30
    browse = search(backend, BackendQuery(sort=sort, distinct=True, facets=("brand",)))
    assert browse.total == len(everything) and browse.facets["brand"]["Stanley"] == 2  # the Quencher and the mug


@pytest.mark.parametrize("sort", [Sort.PRICE_ASC, Sort.NEWEST])
def test_filtered_browsing_pages_the_groups_having_a_variant_that_passes(backend, sort):
    black = Filters.where(color=("black",))
    shown, after = [], None
    while True:
        page = search(backend, BackendQuery(filters=black, sort=sort, limit=1, search_after=after, distinct=True))
        shown += page.hits
        if not page.hits:
            break
        after = page.hits[-1].sort_key
    assert sorted(gid(hit.product) for hit in shown) == ["hf32", "owala", "quencher", "yeti"]
    assert all(hit.product.color == "Black" for hit in shown)
    assert page.total == 4


def test_groups_follow_each_write(backend, embedder, analysis):
    """A variant added to a group, or removed from it, changes its counts, its variants and the facets at once."""
    query = BackendQuery(concepts=water_bottle(), facets=("color",), distinct=True, limit=20)
    added = Product(id="nalgene-3", item_group_id="nalgene", title="Nalgene Sustain Water Bottle, Black, 32 oz",
                    brand="Nalgene", color="Black", size="32 oz", price=15.0)  # fmt: skip
    backend.upsert(build_documents([added], embedder, analysis.segmenter))
    result = search(backend, query)
    nalgene = next(hit for hit in result.hits if gid(hit.product) == "nalgene")
    assert nalgene.group.variants == 3 and nalgene.group.price_min == 15.0
    assert result.total == 5 and result.facets["color"]["Black"] == 5
    backend.delete(["default/nalgene-3", "default/yeti"])
    result = search(backend, query)
    assert result.total == 4 and result.facets["color"]["Black"] == 3
    assert next(hit for hit in result.hits if gid(hit.product) == "nalgene").group.variants == 2


def test_a_variant_changed_in_place_is_listed_as_it_is_now(backend, embedder, analysis):
    """A group's variants are listed with their values at the index version searched: a variant rewritten (same id,
    new price and colour) after a page listed it is listed with its new values, by every later search."""
    query = BackendQuery(concepts=water_bottle(), distinct=True, limit=20)

    def listed_quencher_5():
        quencher = next(hit for hit in search(backend, query).hits if gid(hit.product) == "quencher")
        return next(v for v in quencher.group.listed if v.id == "quencher-5"), quencher.group.price_min

    before = [listed_quencher_5() for _ in range(2)]  # listed twice: read, then as read
    assert before[0] == before[1] and (before[0][0].price, before[0][0].color, before[0][1]) == (30.0, "Lilac", 30.0)
    changed = next(p for p in CATALOG if p.id == "quencher-5").model_copy(update={"price": 25.0, "color": "Mint"})
    backend.upsert(build_documents([changed], embedder, analysis.segmenter))
    for _ in range(2):
        variant, price_min = listed_quencher_5()
        assert (variant.price, variant.color, price_min) == (25.0, "Mint", 25.0)


def test_group_counts_are_the_same_whether_the_keyword_leg_returned_every_match_or_a_few(backend):
    """The counts of groups come from the keyword leg's own hits when it returned every match, else from a pass over
    all matches: both give the same total and facets."""
    query = BackendQuery(concepts=water_bottle(), facets=FACETS, distinct=True, price_buckets=PRICE_BUCKETS)
    black = replace(query, filters=Filters.where(color=("black",)))
    whole, whole_black = search(backend, query), search(backend, black)  # the leg (150 deep) holds every match
    for leg_size in (1, 4):
        short, short_black = (search(backend, q, RankingSpec(leg_size=leg_size)) for q in (query, black))
        assert (short.total, short.facets, short.price_range) == (whole.total, whole.facets, whole.price_range)
        assert (short_black.total, short_black.facets) == (whole_black.total, whole_black.facets)
    assert whole.total == 5 and whole.facets["size"]["40 oz"] == 2  # hf32, quencher: groups
    assert whole_black.total == 4 and whole_black.facets["color"]["Black"] == 4  # colour: every colour's groups
    assert whole_black.facets["color"]["Clear"] == 1


def test_browsing_counts_follow_each_write(backend, embedder, analysis):
    """Browsing without filters counts every product group (counted once per index version: each write changes
    them)."""
    query = BackendQuery(facets=("brand", "color", "price"), price_buckets=PRICE_BUCKETS, distinct=True)
    before = search(backend, query)
    assert before.total == 6 and before.facets["brand"]["Stanley"] == 2 and before.facets["color"]["Black"] == 4
    added = Product(id="quencher-8", item_group_id="quencher", title="Stanley Quencher Tumbler, Teal, 14 oz",
                    brand="Stanley", color="Teal", size="14 oz", price=25.0)  # fmt: skip
    backend.upsert(build_documents([added], embedder, analysis.segmenter))
    after = search(backend, query)
    assert after.total == 6 and after.facets["color"]["Teal"] == 1 and after.facets["brand"]["Stanley"] == 2
    assert (before.facets["price"]["0-30"], after.facets["price"]["0-30"]) == (3, 4)  # the quencher's first under $30
    backend.delete(["default/mug", "default/yeti"])
    gone = search(backend, query)
    assert gone.total == 4 and gone.facets["brand"]["Stanley"] == 1 and gone.facets["color"]["Black"] == 3
    assert "YETI" not in gone.facets["brand"]


def test_group_counts_of_queries_sharing_words_are_exact_whichever_comes_first(backend, embedder, analysis):
    """A short keyword leg makes the group count go over every match (on the embedded backend from each word's
    matches, kept for the index version and shared by the queries using the word): every query's total, with and
    without a filter, is the number of groups among all its matching variants, whatever was searched before —
    matches of a Chinese term and of a model number's joined form included."""
    cups = [Product(id=f"cup-{color}", item_group_id="zhcup", title="Steel Cup", title_zh="不锈钢水杯", color=color,
                    price=price) for color, price in (("Black", 10.0), ("White", 12.0))]  # fmt: skip
    earbuds = Product(id="xm5", title="Sony WF1000XM5 Earbuds", brand="Sony", color="Black", price=200.0)
    backend.upsert(build_documents([*cups, earbuds], embedder, analysis.segmenter))
    queries = [
        concept_list(("water", "bottle")),
        concept_list(("bottle",)),
        concept_list(("stanley", "bottle")),
        [Concept("水杯", [Alternative("water bottle", 1.0, "glossary")], chinese=True)],  # the cups: Chinese only
        concept_list(("tumbler", "mug")),
        concept_list(("water",)),
        [Concept("wf-1000xm5", [Alternative("wf-1000xm5", 1.0, "query")]), *concept_list(("steel",))],
    ]
    short = RankingSpec(leg_size=1)
    for order in (queries, queries[::-1]):
        for concepts in order:
            for filters in (Filters.where(color=("black",)), Filters()):  # filtered first: no count known
                every = search(backend, BackendQuery(concepts=concepts, filters=filters, limit=100))
                expected = {gid(hit.product) for hit in every.hits}
                assert len(every.hits) == every.total  # every matching variant
                counted = search(backend, BackendQuery(concepts=concepts, filters=filters, distinct=True), short)
                assert counted.total == len(expected), ([c.term for c in concepts], filters)
    assert search(backend, BackendQuery(concepts=concept_list(("bottle",)), distinct=True), short).total == 5
    assert search(backend, BackendQuery(concepts=queries[3], distinct=True), short).total == 6  # the cups too
    assert search(backend, BackendQuery(concepts=queries[-1], distinct=True), short).total == 2  # xm5 by its form


def concept_list(words):
    return [Concept(w, [Alternative(w, 1.0, "query")]) for w in words]


def test_group_counts_over_every_match_follow_each_write(backend, embedder, analysis):
    """A word's matches counted for one index version are not the next one's: after a write, the counts of a
    query using the word (and of another query using it) count the new and changed products, and not the deleted."""
    short = RankingSpec(leg_size=1)

    def total(*words, filters=None):
        query = BackendQuery(concepts=concept_list(words), filters=filters or Filters(), distinct=True)
        return search(backend, query, short).total

    black = Filters.where(color=("black",))  # searched first after each write: no count of the leg's to check against
    assert (total("bottle", filters=black), total("bottle"), total("water", "bottle")) == (4, 5, 5)
    glass = Product(id="glass", title="Glass Bottle", brand="Ello", color="Black", price=15.0)
    backend.upsert(build_documents([glass], embedder, analysis.segmenter))
    assert (total("bottle", filters=black), total("bottle"), total("glass", "bottle")) == (5, 6, 6)
    renamed = Product(id="owala", title="Owala FreeSip Tumbler", brand="Owala", color="Black", price=27.99)
    backend.upsert(build_documents([renamed], embedder, analysis.segmenter))
    backend.delete(["default/yeti"])
    assert (total("bottle", filters=black), total("bottle"), total("tumbler")) == (3, 4, 2)
