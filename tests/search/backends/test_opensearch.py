"""What only the OpenSearch backend does: request bodies in the documented shapes, alias swaps, bulk errors,
an unreachable cluster and recovery. Servers are real osmem-server processes; the `hybrid`/`knn`/pipeline bodies,
which osmem-server cannot run, are checked against the shapes of OpenSearch's documentation (3.x):
  - hybrid query: _query-dsl/compound/hybrid.md, hybrid-search/pre-filtering.md, pagination.md, sorting.md
  - score-ranker-processor / normalization-processor: _search-plugins/search-pipelines/*.md
  - knn_vector mapping: _mappings/supported-field-types/knn-methods-engines.md
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
from search.backends.opensearch.backend import OpenSearchBackend, hybrid_hits, parse_result
from search.backends.opensearch.index import SCHEMA_VERSION, IndexManager, IndexOptions, VectorOptions, index_body
from search.catalog import Product
from search.documents import build_documents
from search.fusion import FusionConfig

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
    assert props["title"] == {"type": "text", "analyzer": "english"}
    assert props["title_zh"]["analyzer"] == props["description_zh"]["analyzer"] == "zh_pretokenized"
    assert props["price"] == {"type": "scaled_float", "scaling_factor": 100}
    assert all(props[f]["type"] == "keyword" for f in ("brand", "category", "availability", "category_path"))


def test_hybrid_body_matches_the_documented_query():
    vector = np.linspace(-1, 1, 4, dtype=np.float32)
    keyword = queries.keyword_query(concept("earbuds"))
    aggs = queries.facet_aggs(["brand"], [])
    body = queries.hybrid_body(keyword, vector, 150, 150, Filters(brands=("Sony",)), aggs, Sort.RELEVANCE, 10, 10)
    hybrid = body["query"]["hybrid"]
    assert hybrid["queries"][0] == keyword
    assert hybrid["queries"][1] == {"knn": {"vector": {"vector": [float(x) for x in vector], "k": 150}}}
    assert hybrid["filter"] == {"bool": {"filter": [{"terms": {"brand_key": ["sony"]}}]}}  # one query object
    assert hybrid["pagination_depth"] == 150
    assert (body["from"], body["size"]) == (10, 10)
    assert body["aggs"] == {"brand": {"terms": {"field": "brand", "size": 50}}}
    assert "sort" not in body and body["_source"] == ["record"]
    sorted_body = queries.hybrid_body(keyword, vector, 150, 150, Filters(), {}, Sort.PRICE_DESC, 0, 10)
    assert "filter" not in sorted_body["query"]["hybrid"] and "aggs" not in sorted_body
    assert sorted_body["sort"] == [{"price": {"order": "desc"}}, {"seq": {"order": "desc"}}]


def test_facet_counts_under_the_other_filters_are_a_union_of_both_legs():
    """The disjunctive count request: keyword matches or the k nearest among the filtered, under the filters."""
    keyword = queries.keyword_query(concept("earbuds"))
    filters = Filters(brands=("Sony",), attributes=(("Color", ("Black", "navy  blue")),))
    buckets = [PriceBucket("0-100", None, 13.89), PriceBucket("100-", 13.89, None)]
    body = queries.matching_body(keyword, np.ones(2), 150, filters, queries.facet_aggs(["price"], buckets))
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
        "bool": {
            "filter": [flt],
            "should": [keyword, {"knn": {"vector": {"vector": [1.0, 1.0], "k": 150, "filter": flt}}}],
            "minimum_should_match": 1,
        }
    }
    assert body["aggs"] == {
        "price": {
            "range": {"field": "price", "ranges": [{"key": "0-100", "to": 13.89}, {"key": "100-", "from": 13.89}]}
        },
        "price_stats": {"stats": {"field": "price"}},
    }


def test_browsing_pages_by_search_after_on_unique_keys():
    body = queries.single_leg_body(None, Filters(), {}, Sort.PRICE_ASC, 40, 20, search_after=[9.99, 17])
    assert body["query"] == {"match_all": {}}
    assert body["sort"] == [{"price": {"order": "asc"}}, {"seq": {"order": "desc"}}]
    assert body["search_after"] == [9.99, 17] and body["from"] == 0
    newest = queries.single_leg_body(None, Filters(), {}, Sort.RELEVANCE, 0, 20)
    assert newest["sort"] == [{"seq": {"order": "desc"}}] and "search_after" not in newest


def test_vector_leg_alone_filters_inside_knn():
    body = queries.single_leg_body(queries.knn_query(np.ones(2), 150), Filters(in_stock=True), {}, Sort.RELEVANCE, 0, 5)
    assert body["query"] == {
        "knn": {
            "vector": {
                "vector": [1.0, 1.0],
                "k": 150,
                "filter": {"bool": {"filter": [{"term": {"availability": "in_stock"}}]}},
            }
        }
    }


def test_pipeline_bodies_match_the_documented_processors():
    rrf = queries.pipeline_body("rrf", 60, 0.6)
    assert rrf["phase_results_processors"] == [
        {
            "score-ranker-processor": {
                "combination": {"technique": "rrf", "rank_constant": 60, "parameters": {"weights": [0.6, 0.4]}}
            }
        }
    ]
    weighted = queries.pipeline_body("weighted", 60, 0.3)
    [processor] = weighted["phase_results_processors"]
    assert processor == {
        "normalization-processor": {
            "normalization": {"technique": "min_max"},
            "combination": {"technique": "arithmetic_mean", "parameters": {"weights": [0.3, 0.7]}},
        }
    }
    assert sum(processor["normalization-processor"]["combination"]["parameters"]["weights"]) == 1.0


def test_boosts_sit_beside_a_must_so_they_never_match_alone():
    body = queries.keyword_query(concept("case"), boost_brands=(" Spigen ",), boost_categories=("Phones > Cases",))
    assert body["bool"]["must"] == [queries.keyword_query(concept("case"))]
    assert body["bool"]["should"] == [
        {"constant_score": {"filter": {"term": {"brand_key": "spigen"}}, "boost": 2.0}},
        {"constant_score": {"filter": {"term": {"category_path": "phones > cases"}}, "boost": 1.0}},
    ]
    assert queries.keyword_query([]) is None


def test_documented_hybrid_response_is_parsed():
    record = Product(id="a", title="Sony Earbuds", price=99).model_dump(mode="json")
    response = {  # the envelope of the documented hybrid + aggregations response, with our _source
        "took": 9,
        "timed_out": False,
        "_shards": {"total": 2, "successful": 2, "skipped": 0, "failed": 0},
        "hits": {
            "total": {"value": 4, "relation": "eq"},
            "max_score": 0.5,
            "hits": [
                {"_index": "products_v1", "_id": "a", "_score": 0.032522473, "_source": {"record": record}},
                {"_index": "products_v1", "_id": "a", "_score": None, "_source": {"record": record}, "sort": [99]},
            ],
        },
        "aggregations": {
            "brand": {
                "doc_count_error_upper_bound": 0,
                "sum_other_doc_count": 0,
                "buckets": [{"key": "Sony", "doc_count": 3}, {"key": "", "doc_count": 1}],
            }
        },
    }
    result = parse_result(response, ("brand",), hybrid_hits(response))
    assert result.total == 4 and result.facets == {"brand": {"Sony": 3}}
    assert [h.product.id for h in result.hits] == ["a", "a"]
    assert result.hits[0].score == pytest.approx(0.032522473) and result.hits[1].score == 0.0
    assert result.hits[0].keyword_rank is None and result.hits[0].vector_rank is None


# -- against osmem-server -------------------------------------------------------------------------------------------


@pytest.fixture()
def clone(osmem):
    clone = osmem.clone()
    yield clone
    clone.close()


def test_a_cluster_without_search_pipelines_serves_one_leg_and_refuses_hybrid_clearly(clone, embedder, analysis):
    backend = OpenSearchBackend(opensearch_config(clone.url), embedder.name, embedder.dim, create=True)
    backend.upsert(docs([Product(id="p", title="Stanley Tumbler", price=45)], embedder, analysis))
    assert [h.product.id for h in backend.search(BackendQuery(concepts=concept("tumbler"))).hits] == ["p"]
    with pytest.raises(BackendUnavailable, match="neural-search"):
        backend.search(BackendQuery(concepts=concept("tumbler"), vector=embedder.encode_query("tumbler")))


def test_rebuild_fills_a_new_index_and_swaps_the_alias_atomically(clone, embedder, analysis):
    config = opensearch_config(clone.url)
    first = OpenSearchBackend(config, embedder.name, embedder.dim, create=True)
    first.upsert(docs([Product(id="old", title="Old Mug", price=5)], embedder, analysis))
    client = OpenSearch(hosts=[clone.url])
    alias = config.index.alias
    assert list(client.indices.get_alias(name=alias)) == [f"{alias}_v1"]

    rebuild = OpenSearchBackend(config, embedder.name, embedder.dim, rebuild=True)
    assert rebuild.content_hashes(["old"]) == {}  # the new index starts empty: nothing is skipped as unchanged
    rebuild.upsert(docs([Product(id="new", title="New Mug", price=6)], embedder, analysis))
    # Until the rebuild is published, searches still see the old index, whole.
    assert [h.product.id for h in first.search(BackendQuery(concepts=concept("mug"))).hits] == ["old"]
    rebuild.commit_rebuild()
    assert list(client.indices.get_alias(name=alias)) == [f"{alias}_v2"]
    assert [h.product.id for h in first.search(BackendQuery(concepts=concept("mug"))).hits] == ["new"]
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
    assert list(caught.value.failures) == ["bad"]
    assert backend.get("good") is not None and backend.get("bad") is None


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
    report = IndexPipeline(backend, embedder, analysis.segmenter).run(feed, rejects_path=tmp_path / "rejects.jsonl")
    assert (report.indexed, report.rejected) == (1, 1)
    [reject] = report.rejects
    assert (reject.line, reject.product_id, reject.errors[0][0]) == (2, "bad", "index")
    assert "bad" in (tmp_path / "rejects.jsonl").read_text(encoding="utf-8")


def test_unreachable_cluster_gives_a_clear_error_and_the_backend_recovers(embedder, analysis, free_port):
    port = free_port
    config = opensearch_config(f"http://127.0.0.1:{port}", timeout_s=2.0)
    backend = OpenSearchBackend(config, embedder.name, embedder.dim, create=True)  # opens lazily
    with pytest.raises(BackendUnavailable, match=f"127.0.0.1:{port} is unreachable"):
        backend.search(BackendQuery(concepts=concept("mug")))
    with pytest.raises(BackendUnavailable):
        backend.check()

    server = OsmemServer.start(japanese=False, addr=f"127.0.0.1:{port}")
    try:
        backend.check()
        backend.upsert(docs([Product(id="m", title="Coffee Mug", price=9)], embedder, analysis))
        assert [h.product.id for h in backend.search(BackendQuery(concepts=concept("mug"))).hits] == ["m"]
    finally:
        server.close()
    with pytest.raises(BackendUnavailable):
        backend.search(BackendQuery(concepts=concept("mug")))


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
    assert backend.fusion == FusionConfig()


def test_hybrid_search_requests_facets_and_explain_in_the_documented_shapes(clone, embedder):
    """What one hybrid search with a brand filter, brand and price facets and explain sends, and how the
    responses (in the documented shapes) become one result. osmem-server cannot run knn or hybrid, so the
    requests are recorded and answered here."""
    backend = OpenSearchBackend(opensearch_config(clone.url), embedder.name, embedder.dim, create=True)
    backend._pipeline_ready = True  # as on OpenSearch 3.x
    record = Product(id="a", title="Sony Earbuds", brand="Sony", price=99).model_dump(mode="json")
    sent = []

    def answer(index, body, **params):
        sent.append((body, params))
        hit = {"_index": "products_v1", "_id": "a", "_score": 0.03, "_source": {"record": record}}
        if "hybrid" in body["query"]:
            aggs = {
                "price": {"buckets": [{"key": "0-100", "doc_count": 3}]},
                "price_stats": {"count": 3, "min": 9.0, "max": 99.0},
            }
            return {"hits": {"total": {"value": 3, "relation": "eq"}, "hits": [hit]}, "aggregations": aggs}
        if body.get("size") == 0:  # the brand facet, counted without the brand filter
            aggs = {"brand": {"buckets": [{"key": "Sony", "doc_count": 3}, {"key": "Bose", "doc_count": 2}]}}
            return {"hits": {"total": {"value": 5, "relation": "eq"}, "hits": []}, "aggregations": aggs}
        return {"hits": {"total": {"value": 1, "relation": "eq"}, "hits": [{**hit, "_source": None, "_score": 7.5}]}}

    backend._search = answer
    buckets = (PriceBucket("0-100", None, 13.89), PriceBucket("100-", 13.89, None))
    query = BackendQuery(
        concepts=concept("earbuds"),
        vector=np.ones(2, dtype=np.float32),
        filters=Filters(brands=("Sony",)),
        facets=("brand", "price"),
        price_buckets=buckets,
        explain=True,
    )
    result = backend.search(query)

    (hybrid, params), (keyword_leg, _), (vector_leg, _), (brand_counts, _) = sent
    assert params == {"search_pipeline": "haitao-hybrid"}
    assert hybrid["query"]["hybrid"]["filter"] == {"bool": {"filter": [{"terms": {"brand_key": ["sony"]}}]}}
    assert set(hybrid["aggs"]) == {"price", "price_stats"}  # brand is counted apart, without its own filter
    assert keyword_leg["query"]["bool"]["must"] == [queries.keyword_query(concept("earbuds"))]
    assert keyword_leg["_source"] is False and "knn" in vector_leg["query"]
    assert brand_counts["size"] == 0 and brand_counts["query"]["bool"]["filter"] == []
    assert set(brand_counts["aggs"]) == {"brand"}
    assert result.total == 3 and result.price_range == (9.0, 99.0)
    assert result.facets == {"brand": {"Sony": 3, "Bose": 2}, "price": {"0-100": 3}}
    [hit] = result.hits
    assert (hit.keyword_rank, hit.keyword_score, hit.vector_rank) == (1, 7.5, 1)
    backend.close()
