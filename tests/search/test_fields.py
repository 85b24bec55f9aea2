"""The field registry: one entry (plus the field on `Product`) makes a filterable, facetable field everywhere — the
tantivy schema, the OpenSearch mapping, the API's parameters and hits, the storefront's facet list, and both
backends' filters and facets. `condition` (Merchant Center's new / refurbished / used) was added that way."""

from fastapi.testclient import TestClient

from search.api.app import create_app
from search.api.schemas import SearchHit, SearchParams
from search.backends.base import BackendQuery, Filters
from search.backends.opensearch.index import IndexOptions, index_body
from search.catalog import Product
from search.config import Settings
from search.fields import FACETS, index_values
from search.retrieval import search
from search.service import SearchService
from search.writer import CatalogWriter

PRODUCTS = [
    Product(id="cam-new", title="Canon EOS R50 Camera", brand="Canon", price=679, condition="new"),
    Product(id="cam-refurb", title="Canon EOS R10 Camera (Renewed)", brand="Canon", price=599, condition="Refurbished"),
    Product(id="cam-used", title="Sony Alpha a6000 Camera", brand="Sony", price=350, condition="used"),
    Product(id="cam-plain", title="Nikon Z50 Camera", brand="Nikon", price=700),
]


def test_one_registry_entry_reaches_the_schema_the_mapping_and_the_api():
    assert "condition" in FACETS
    mapping = index_body("m", 4, IndexOptions())["mappings"]["properties"]
    assert mapping["condition"] == mapping["condition_key"] == {"type": "keyword"}
    assert index_values(PRODUCTS[1], {})["condition_key"] == "refurbished"
    assert "condition" in SearchParams.model_fields and "condition" in SearchHit.model_fields
    params = SearchParams(condition="new,refurbished")
    assert params.term_filters() == (("condition", ("new", "refurbished")),)


def test_the_new_field_filters_and_counts_on_the_backend(tmp_path, embedder, analysis):
    settings = Settings(data_dir=tmp_path)
    with CatalogWriter.open(settings, embedder, analysis.segmenter) as writer:
        writer.write(PRODUCTS)
    service = SearchService(settings, embedder=embedder)
    everything = search(service.backend, BackendQuery(facets=("condition",)))
    assert everything.facets["condition"] == {"new": 1, "Refurbished": 1, "used": 1}
    filtered = search(service.backend, BackendQuery(filters=Filters.where(condition=("REFURBISHED", "used"))))
    assert sorted(hit.product.id for hit in filtered.hits) == ["cam-refurb", "cam-used"]

    client = TestClient(create_app(settings, service=service))
    with client:
        answer = client.get("/v1/search", params={"q": "camera", "condition": "new", "facets": "condition,brand"})
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert [hit["id"] for hit in body["hits"]] == ["cam-new"] and body["hits"][0]["condition"] == "new"
        assert body["facets"]["condition"] == {"new": 1, "Refurbished": 1, "used": 1}  # its own filter aside
        assert client.get("/v1/facets", params={"name": "condition"}).json()["values"]["used"] == 1
        storefront = client.get("/storefront/facets.json").json()
        assert {
            "name": "condition",
            "label": "成色",
            "type": "keyword",
            "filter": "conditions",
            "param": "condition",
        } in storefront
        explained = client.get("/v1/search", params={"q": "camera", "condition": "used", "explain": "true"}).json()
        assert explained["explain"]["filters"]["conditions"] == ["used"]
    service.close()


def test_the_variant_attributes_filter_and_count_over_http(tmp_path, embedder, analysis):
    """`color=`, `variant_size=` (`size` is the page size), `item_group_id=` and the variant facets, over HTTP."""
    shirt = dict(title="Patagonia Capilene Cool Daily Shirt", brand="Patagonia", item_group_id="cap-cool", price=45)
    products = [
        Product(id="cap-s-blue", color="Blue", size="S", gender="male", **shirt),
        Product(id="cap-m-blue", color="Blue", size="M", gender="male", **shirt),
        Product(id="cap-m-white", color="White", size="M", gender="male", list_price=55, **shirt),
    ]
    settings = Settings(data_dir=tmp_path)
    with CatalogWriter.open(settings, embedder, analysis.segmenter) as writer:
        writer.write(products)
    service = SearchService(settings, embedder=embedder)
    with TestClient(create_app(settings, service=service)) as client:
        params = {"q": "shirt", "variant_size": "m", "size": 1, "facets": "size,color,gender", "distinct": "false"}
        body = client.get("/v1/search", params=params).json()
        assert body["total"] == 2 and len(body["hits"]) == 1 and body["size"] == 1
        assert body["facets"]["size"] == {"S": 1, "M": 2} and body["facets"]["color"] == {"Blue": 1, "White": 1}
        white = client.get("/v1/search", params={"q": "shirt", "color": "white"}).json()["hits"][0]
        assert (white["id"], white["color"], white["size"], white["item_group_id"]) == (
            "cap-m-white",
            "White",
            "M",
            "cap-cool",
        )
        assert white["list_price"]["usd"] == 55 and white["discount_percent"] == 18  # 45 of 55
        group = client.get("/v1/search", params={"item_group_id": "cap-cool", "distinct": "false"}).json()
        assert group["total"] == 3
        storefront = {facet["name"]: facet for facet in client.get("/storefront/facets.json").json()}
        assert storefront["size"]["param"] == "variant_size" and storefront["color"]["label"] == "颜色"
        assert client.get("/v1/facets", params={"name": "age_group"}).status_code == 200
    service.close()
