"""What only the OpenSearch backend does: request bodies in the documented shapes, alias swaps, bulk errors,
the generation, an unreachable cluster and recovery. Servers are real osmem-server processes; the `knn` bodies,
which osmem-server cannot run, are checked against the shapes of OpenSearch's documentation (3.x):
  - k-NN query with a filter inside it (efficient filtering): _query-dsl/specialized/k-nn/index.md,
    vector-search/filter-search-knn/efficient-knn-filtering.md
  - knn_vector mapping: _mappings/supported-field-types/knn-methods-engines.md
Fusion is not OpenSearch's: the legs are fused above the backend (search/fusion.py), as for the embedded one.
"""

import numpy as np
import pytest
from opensearchpy import OpenSearch
from osmem_server import OsmemServer

from indexer.pipeline import IndexPipeline
from search.analysis.translate import Alternative, Concept
from search.backends.base import (
    BackendQuery,
    BackendUnavailable,
    DocumentWriteError,
    Filters,
    IndexMismatch,
    PriceBucket,
    Sort,
)
from search.backends.opensearch import queries
from search.backends.opensearch.backend import OpenSearchBackend
from search.backends.opensearch.index import SCHEMA_VERSION, IndexManager, IndexOptions, VectorOptions, index_body
from search.catalog import Product
from search.documents import build_documents
from search.ranking import RankingSpec
from search.retrieval import search
from search.writer import CatalogWriter

from .conftest import opensearch_config

DIM = 384


def concept(*words):
    return [Concept(w, [Alternative(w, 1.0, "query")]) for w in words]


def docs(products, embedder, analysis):
    return build_documents(products, embedder, analysis.segmenter)


# -- documented shapes ----------------------------------------------------------------------------------------------


def test_index_body_has_knn_settings_analyzers_and_meta():
    options = IndexOptions(shards=2, replicas=1, vector=VectorOptions(engine="lucene", space_type="innerproduct", m=24))
    body = index_body("my-model", DIM, options)
    assert body["settings"]["index"] == {"knn": True, "number_of_shards": 2, "number_of_replicas": 1}
    analyzer = body["settings"]["analysis"]["analyzer"]["zh_pretokenized"]
    assert analyzer == {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"]}
    mappings = body["mappings"]
    assert mappings["_meta"] == {"schema_version": SCHEMA_VERSION, "model": "my-model", "dim": DIM}
    props = mappings["properties"]
    assert props["vector"] == {
        "type": "knn_vector",
        "dimension": DIM,
        "method": {
            "name": "hnsw",
            "engine": "lucene",
            "space_type": "innerproduct",
            "parameters": {"m": 24, "ef_construction": 128},
        },
    }
    assert props["title"] == {"type": "text", "analyzer": "haitao_terms"}  # analysed terms, split on spaces
    assert body["settings"]["analysis"]["analyzer"]["haitao_terms"] == {
        "type": "custom",
        "tokenizer": "whitespace",
        "filter": [],
    }
    assert props["title_zh"]["analyzer"] == props["description_zh"]["analyzer"] == "zh_pretokenized"
    assert props["price"] == {"type": "scaled_float", "scaling_factor": 100}
    assert all(props[f]["type"] == "keyword" for f in ("brand", "brand_key", "category", "availability"))
    assert props["category_path"]["type"] == "keyword"


def test_knn_leg_matches_the_documented_query_with_the_filter_inside():
    vector = np.linspace(-1, 1, 4, dtype=np.float32)
    body = queries.knn_body(vector, Filters.where(brand=("Sony",), in_stock=True), 150)
    flt = {"bool": {"filter": [{"terms": {"brand_key": ["sony"]}}, {"term": {"availability": "in_stock"}}]}}
    assert body["query"] == {"knn": {"vector": {"vector": [float(x) for x in vector], "k": 150, "filter": flt}}}
    assert body["size"] == 150 and body["_source"] is False
    assert "filter" not in queries.knn_body(vector, Filters(), 10)["query"]["knn"]["vector"]


def test_a_vector_floor_is_counted_by_the_documented_radial_search():
    """With a floor, the total and the facets count every product above it: a radial k-NN search (`min_score`
    instead of `k`: vector-search/specialized-operations/radial-search-knn.md) beside the keyword query, under the
    filters; its score is the space's score of that cosine similarity (vector-search/getting-started/concepts, the
    spaces table)."""
    vector = np.linspace(-1, 1, 4, dtype=np.float32)
    near = queries.radial(vector, 0.4)
    assert near == {"vector": [float(x) for x in vector], "min_score": 0.7}  # cosinesimil: (1 + cos) / 2
    body = queries.count_body(None, None, Filters.where(brand=("Sony",)), {}, near)
    assert body["query"]["bool"] == {
        "filter": [{"bool": {"filter": [{"terms": {"brand_key": ["sony"]}}]}}],
        "should": [{"knn": {"vector": near}}],
        "minimum_should_match": 1,
    }
    assert body["size"] == 0 and body["track_total_hits"] is True
    for space in ("cosinesimil", "innerproduct", "l2"):
        for cosine in (-0.5, 0.0, 0.37, 0.9):
            assert queries.cosine_of(queries.score_of(cosine, space), space) == pytest.approx(cosine)


def test_keyword_leg_is_term_queries_of_analysed_terms_as_the_embedded_backend_builds():
    spec = RankingSpec()
    body = queries.keyword_query([Concept("耳机", [Alternative("wireless earbuds", 0.8, "glossary")], True)], spec)
    per_concept, coordination = body["bool"]["should"]
    english, chinese = per_concept["dis_max"]["queries"]
    # the concept matched whole (both words of the rendering, or the Chinese term) adds the coordination step
    whole = coordination["constant_score"]
    assert whole["boost"] == spec.coordination
    every_word, chinese_term = whole["filter"]["bool"]["should"]
    assert [next(iter(q["dis_max"]["queries"][0]["term"].values()))["value"] for q in every_word["bool"]["must"]] == [
        "wireless",
        "earbud",
    ]
    assert chinese_term == chinese
    wireless, earbud, phrase = english["bool"]["should"]
    assert wireless["dis_max"]["boost"] == 0.8 and wireless["dis_max"]["tie_breaker"] == spec.tie_breaker
    assert {"term": {"title": {"value": "earbud", "boost": 1.0}}} in earbud["dis_max"]["queries"]
    assert {next(iter(q["term"])) for q in earbud["dis_max"]["queries"]} == {
        "title",
        "description",
        "models",  # the title's model numbers, as a word-delimiter filter splits and joins them
        "brand_text",
        "category_text",
    }
    assert phrase["span_near"]["clauses"] == [{"span_term": {"title": "wireless"}}, {"span_term": {"title": "earbud"}}]
    assert phrase["span_near"]["boost"] == pytest.approx(0.8 * spec.phrase_bonus)
    assert {next(iter(q["term"])) for q in chinese["dis_max"]["queries"]} == {"title_zh", "description_zh", "type_zh"}
    leg = queries.keyword_leg_body(body, Filters(in_stock=False), 150)
    assert leg["query"]["bool"]["must"] == [body] and leg["size"] == 150 and leg["_source"] is False


def test_counts_are_keyword_matches_or_the_vector_neighbours_under_the_filters():
    """The result set's count and facets: keyword matches or the vector leg's ids, under the filters."""
    keyword = queries.keyword_query(concept("earbuds"), RankingSpec())
    filters = Filters.where(brand=("Sony",), attributes=(("Color", ("Black", "navy  blue")),))
    buckets = [PriceBucket("0-100", None, 13.89), PriceBucket("100-", 13.89, None)]
    body = queries.count_body(keyword, ("a", "b"), filters, queries.facet_aggs(["price"], buckets, 50))
    flt = {
        "bool": {
            "filter": [
                {"terms": {"brand_key": ["sony"]}},
                {"terms": {"attributes": ["color=black", "color=navy blue"]}},
            ]
        }
    }
    assert body["size"] == 0 and body["track_total_hits"] is True
    assert body["query"] == {
        "bool": {"filter": [flt], "should": [keyword, {"ids": {"values": ["a", "b"]}}], "minimum_should_match": 1}
    }
    assert body["aggs"] == {
        "price": {
            "range": {"field": "price", "ranges": [{"key": "0-100", "to": 13.89}, {"key": "100-", "from": 13.89}]}
        },
        "price_stats": {"stats": {"field": "price"}},
    }
    browse = queries.count_body(None, None, Filters(), {})
    assert browse["query"] == {"bool": {"filter": []}} and "aggs" not in browse


def test_browsing_pages_by_search_after_on_unique_keys():
    body = queries.browse_body(Filters(), Sort.PRICE_ASC, 40, 20, search_after=[9.99, 17])
    assert body["query"] == {"match_all": {}}
    assert body["sort"] == [{"price": {"order": "asc"}}, {"seq": {"order": "desc"}}]
    assert body["search_after"] == [9.99, 17] and body["from"] == 0
    newest = queries.browse_body(Filters(), Sort.RELEVANCE, 0, 20)
    assert newest["sort"] == [{"seq": {"order": "desc"}}] and "search_after" not in newest


def test_boosts_sit_beside_a_must_so_they_never_match_alone():
    spec = RankingSpec()
    body = queries.keyword_query(concept("case"), spec, boost_brands=(" Spigen ",))
    assert body["bool"]["must"] == [queries.keyword_query(concept("case"), spec)]
    assert body["bool"]["should"] == [{"constant_score": {"filter": {"term": {"brand_key": "spigen"}}, "boost": 2.0}}]
    assert queries.keyword_query([], spec) is None


# -- against osmem-server -------------------------------------------------------------------------------------------


@pytest.fixture()
def clone(osmem):
    clone = osmem.clone()
    yield clone
    clone.close()


def test_a_cluster_without_knn_serves_the_keyword_leg_and_refuses_vectors_clearly(clone, embedder, analysis):
    backend = OpenSearchBackend(opensearch_config(clone.url), embedder.name, embedder.dim, create=True)
    backend.upsert(docs([Product(id="p", title="Stanley Tumbler", price=45)], embedder, analysis))
    assert [h.product.id for h in search(backend, BackendQuery(concepts=concept("tumbler"))).hits] == ["p"]
    with pytest.raises(BackendUnavailable, match="k-NN plugin"):
        search(backend, BackendQuery(concepts=concept("tumbler"), vector=embedder.encode_query("tumbler")))


def test_every_write_by_any_process_changes_the_generation(clone, embedder, analysis):
    config = opensearch_config(clone.url)
    writer = OpenSearchBackend(config, embedder.name, embedder.dim, create=True)
    reader = OpenSearchBackend(config, embedder.name, embedder.dim)  # another process, in effect
    before = reader.generation()
    writer.upsert(docs([Product(id="p", title="Stanley Tumbler", price=45)], embedder, analysis))
    after_upsert = reader.generation()
    assert after_upsert != before
    assert reader.document_frequency("tumbler") == 1 and reader.document_frequency("mug") == 0
    writer.upsert(docs([Product(id="q", title="Coffee Mug", price=5)], embedder, analysis))
    assert reader.generation() != after_upsert
    assert reader.document_frequency("mug") == 1  # the cached count was dropped with the generation
    after_second = reader.generation()
    assert writer.delete(["default/nope"]) == 0 and reader.generation() == after_second  # nothing removed: no change
    assert writer.delete(["default/q"]) == 1 and reader.generation() != after_second


def test_rebuild_fills_a_new_index_and_swaps_the_alias_atomically(clone, embedder, analysis):
    config = opensearch_config(clone.url)
    first = OpenSearchBackend(config, embedder.name, embedder.dim, create=True)
    first.upsert(docs([Product(id="old", title="Old Mug", price=5)], embedder, analysis))
    client = OpenSearch(hosts=[clone.url])
    alias = config.index.alias
    assert list(client.indices.get_alias(name=alias)) == [f"{alias}_v1"]

    rebuild = OpenSearchBackend(config, embedder.name, embedder.dim, rebuild=True)
    assert rebuild.content_hashes(["default/old"]) == {}  # the new index starts empty: nothing is skipped as unchanged
    rebuild.upsert(docs([Product(id="new", title="New Mug", price=6)], embedder, analysis))
    # Until the rebuild is published, searches still see the old index, whole.
    assert [h.product.id for h in search(first, BackendQuery(concepts=concept("mug"))).hits] == ["old"]
    rebuild.commit_rebuild()
    assert list(client.indices.get_alias(name=alias)) == [f"{alias}_v2"]
    assert [h.product.id for h in search(first, BackendQuery(concepts=concept("mug"))).hits] == ["new"]
    assert not client.indices.exists(index=f"{alias}_v1")
    rebuild.upsert(docs([Product(id="later", title="Later Mug", price=7)], embedder, analysis))  # via the alias
    assert first.stats().count == 2


def test_rebuild_with_another_model_replaces_a_mismatched_index(clone, embedder, analysis):
    config = opensearch_config(clone.url)
    OpenSearchBackend(config, "old-model", 8, create=True)
    with pytest.raises(IndexMismatch, match="old-model"):
        OpenSearchBackend(config, embedder.name, embedder.dim)
    rebuild = OpenSearchBackend(config, embedder.name, embedder.dim, rebuild=True)
    rebuild.upsert(docs([Product(id="n", title="New", price=1)], embedder, analysis))
    rebuild.commit_rebuild()
    assert OpenSearchBackend(config, embedder.name, embedder.dim).stats().model == embedder.name


def test_documents_refused_by_the_cluster_are_reported_by_id(clone, embedder, analysis):
    config = opensearch_config(clone.url)
    manager = IndexManager(OpenSearch(hosts=[clone.url]), embedder.name, embedder.dim, config.index)
    body = index_body(embedder.name, embedder.dim, config.index)
    body["mappings"]["properties"]["description"] = {"type": "integer"}  # a mapping that refuses prose
    manager.client.indices.create(index=f"{config.index.alias}_v1", body=body)
    manager.client.indices.update_aliases(
        body={"actions": [{"add": {"index": f"{config.index.alias}_v1", "alias": config.index.alias}}]}
    )
    backend = OpenSearchBackend(config, embedder.name, embedder.dim)
    good = Product(id="good", title="Mug", price=1, description="12")
    bad = Product(id="bad", title="Cup", price=1, description="not a number")
    with pytest.raises(DocumentWriteError) as caught:
        backend.upsert(docs([good, bad], embedder, analysis))
    assert list(caught.value.failures) == ["default/bad"]
    assert backend.get("default/good") is not None and backend.get("default/bad") is None


def test_the_indexer_turns_refused_documents_into_rejects(clone, embedder, analysis, tmp_path):
    config = opensearch_config(clone.url)
    body = index_body(embedder.name, embedder.dim, config.index)
    body["mappings"]["properties"]["description"] = {"type": "integer"}  # a mapping that refuses prose
    client = OpenSearch(hosts=[clone.url])
    client.indices.create(index=f"{config.index.alias}_v1", body=body)
    client.indices.update_aliases(
        body={"actions": [{"add": {"index": f"{config.index.alias}_v1", "alias": config.index.alias}}]}
    )
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"id": "good", "title": "Mug", "price": 1, "description": "12"}\n'
        '{"id": "bad", "title": "Cup", "price": 1, "description": "not a number"}\n',
        encoding="utf-8",
    )
    backend = OpenSearchBackend(config, embedder.name, embedder.dim)
    report = IndexPipeline(CatalogWriter(backend, embedder, analysis.segmenter)).run(
        feed, rejects_path=tmp_path / "rejects.jsonl"
    )
    assert (report.indexed, report.rejected) == (1, 1)
    [reject] = report.rejects
    assert (reject.line, reject.product_id, reject.errors[0][0]) == (2, "bad", "index")
    assert "bad" in (tmp_path / "rejects.jsonl").read_text(encoding="utf-8")


def test_unreachable_cluster_gives_a_clear_error_and_the_backend_recovers(embedder, analysis, free_port):
    port = free_port
    config = opensearch_config(f"http://127.0.0.1:{port}", timeout_s=2.0)
    backend = OpenSearchBackend(config, embedder.name, embedder.dim, create=True)  # opens lazily
    with pytest.raises(BackendUnavailable, match=f"127.0.0.1:{port} is unreachable"):
        search(backend, BackendQuery(concepts=concept("mug")))
    with pytest.raises(BackendUnavailable):
        backend.check()

    server = OsmemServer.start(japanese=False, addr=f"127.0.0.1:{port}")
    try:
        backend.check()
        backend.upsert(docs([Product(id="m", title="Coffee Mug", price=9)], embedder, analysis))
        assert [h.product.id for h in search(backend, BackendQuery(concepts=concept("mug"))).hits] == ["m"]
    finally:
        server.close()
    with pytest.raises(BackendUnavailable):
        search(backend, BackendQuery(concepts=concept("mug")))


def test_settings_select_the_opensearch_backend(clone, embedder):
    from search.backends.factory import open_backend
    from search.config import Settings

    settings = Settings(
        backend="opensearch", opensearch_url=clone.url, opensearch_index="cfg", opensearch_knn_engine="lucene"
    )
    backend = open_backend(settings, embedder.name, embedder.dim, create=True)
    assert isinstance(backend, OpenSearchBackend)
    mapping = backend.client.indices.get_mapping(index="cfg_v1")["cfg_v1"]["mappings"]
    assert mapping["properties"]["vector"]["method"]["engine"] == "lucene"
    assert mapping["properties"]["vector"]["dimension"] == embedder.dim
    assert backend.spec == RankingSpec.from_settings(settings)


def test_hybrid_search_requests_and_fusion_above_the_legs(clone, embedder):
    """What one hybrid search with a brand filter and brand and price facets sends, and how the answers (in the
    documented shapes) become one result, fused here. osmem-server cannot run knn, so the requests are recorded
    and answered here."""
    backend = OpenSearchBackend(opensearch_config(clone.url), embedder.name, embedder.dim, create=True)
    records = {
        i: Product(id=i, title=f"Sony Earbuds {i}", brand="Sony", price=99).model_dump(mode="json") for i in "ab"
    }
    sent = []

    def answer(index, body, **params):
        sent.append(body)
        query = body["query"]
        if "knn" in query:  # the vector leg: b then a
            return {"hits": {"hits": [{"_id": "b", "_score": 0.9}, {"_id": "a", "_score": 0.8}]}}
        if body.get("size") == 0:  # counts: the main one (price) or the brand facet's, without the brand filter
            if "brand" in body.get("aggs", {}):
                aggs = {"brand": {"buckets": [{"key": "Sony", "doc_count": 3}, {"key": "Bose", "doc_count": 2}]}}
                return {"hits": {"total": {"value": 5, "relation": "eq"}, "hits": []}, "aggregations": aggs}
            aggs = {
                "price": {"buckets": [{"key": "0-100", "doc_count": 2}]},
                "price_stats": {"count": 2, "min": 9.0, "max": 99.0},
            }
            return {"hits": {"total": {"value": 2, "relation": "eq"}, "hits": []}, "aggregations": aggs}
        if "ids" in query:  # the page's records
            hits = [{"_id": i, "_source": {"record": records[i]}} for i in query["ids"]["values"]]
            return {"hits": {"total": {"value": len(hits), "relation": "eq"}, "hits": hits}}
        return {"hits": {"total": {"value": 1, "relation": "eq"}, "hits": [{"_id": "a", "_score": 7.5}]}}  # keyword

    backend._search = answer
    buckets = (PriceBucket("0-100", None, 13.89), PriceBucket("100-", 13.89, None))
    query = BackendQuery(
        concepts=concept("earbuds"),
        vector=np.ones(2, dtype=np.float32),
        filters=Filters.where(brand=("Sony",)),
        facets=("brand", "price"),
        price_buckets=buckets,
    )
    result = search(backend, query)

    keyword_leg, vector_leg, page, page_types, main_counts, brand_vector_leg, brand_counts = sent
    assert keyword_leg["query"]["bool"]["must"] == [queries.keyword_query(concept("earbuds"), backend.spec)]
    assert keyword_leg["query"]["bool"]["filter"] == [{"bool": {"filter": [{"terms": {"brand_key": ["sony"]}}]}}]
    assert vector_leg["query"]["knn"]["vector"]["filter"] == {"bool": {"filter": [{"terms": {"brand_key": ["sony"]}}]}}
    assert page["query"] == {"ids": {"values": ["a", "b"]}}
    assert page_types["query"] == page["query"] and page_types["_source"] == ["node_record"]  # the page's types
    assert main_counts["query"]["bool"]["should"][1] == {"ids": {"values": ["b", "a"]}}
    assert set(main_counts["aggs"]) == {"price", "price_stats"}  # brand is counted apart, without its own filter
    assert "filter" not in brand_vector_leg["query"]["knn"]["vector"]  # the neighbours without the brand filter
    assert brand_counts["query"]["bool"]["filter"] == [] and set(brand_counts["aggs"]) == {"brand"}
    assert result.total == 2 and result.price_range == (9.0, 99.0)
    assert result.facets == {"brand": {"Sony": 3, "Bose": 2}, "price": {"0-100": 2}}
    a, b = result.hits  # weighted RRF: a is first in the keyword leg (0.6) and second in the vector leg (0.4)
    assert (a.product.id, a.keyword_rank, a.keyword_score, a.vector_rank) == ("a", 1, 7.5, 2)
    assert (b.product.id, b.keyword_rank, b.vector_rank) == ("b", None, 1)
    assert a.score == pytest.approx(0.6 / 61 + 0.4 / 62) and b.score == pytest.approx(0.4 / 61)
    backend.close()
