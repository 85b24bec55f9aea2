"""Product types through the HTTP API: every hit's Chinese display fields and type, the query's type in explain,
Chinese labels of facet values (in search responses and GET /v1/facets) — over a real index and the real model."""

import pytest
from fastapi.testclient import TestClient

from search.api.app import create_app


@pytest.fixture(scope="module")
def client(small_settings, small_service):
    with TestClient(create_app(small_settings, service=small_service)) as client:
        yield client


def hits_by_id(body):
    return {hit["id"]: hit for hit in body["hits"]}


def test_every_hit_carries_a_chinese_title_category_and_source(client):
    body = client.get("/v1/search", params={"q": "earbuds", "size": 50}).json()
    hits = hits_by_id(body)
    seller = hits["ear-anker-p3"]["display_zh"]
    assert seller == {
        "title": "安克 Soundcore P3 蓝牙耳机 主动降噪 无线耳机",
        "category": seller["category"],
        "source": "seller",
    }
    generated = hits["ear-sony-xm5"]["display_zh"]
    assert generated["source"] == "generated"
    assert generated["title"].startswith("索尼") and "耳机" in generated["title"] and "黑色" in generated["title"]
    assert "耳机" in generated["category"] and " > " in generated["category"]
    assert all(hit["display_zh"]["title"] and hit["display_zh"]["category"] for hit in body["hits"])


def test_display_zh_can_be_asked_for_alone(client):
    body = client.get("/v1/search", params={"q": "tent", "fields": "display_zh"}).json()
    assert set(body["hits"][0]) == {"id", "seller", "display_zh"} and "帐篷" in body["hits"][0]["display_zh"]["title"]


def test_explain_shows_the_querys_type_as_a_boost_and_each_hits_type(client):
    body = client.get("/v1/search", params={"q": "耳机", "explain": "true", "size": 20}).json()
    wanted = body["explain"]["product_type"]
    assert wanted["use"] == "boost" and "耳机" in wanted["path_zh"] and wanted["confidence"] > 0.5
    # the types named for headphones, whose products rank below them: cases, cushions, stands
    assert any(path.endswith("Headphone Carrying Cases") for path in wanted["accessories"])
    top = body["hits"][0]["explain"]["product_type"]
    assert top["of_query_type"] is True and top["type_rank"] == 1
    assert top["method"] in ("category", "title") and top["path_zh"].endswith(top["path_zh"].split(" > ")[-1])
    assert {"node", "path", "path_zh", "confidence", "method", "evidence"} <= set(top)
    others = [h["explain"]["product_type"] for h in body["hits"] if h["id"].startswith(("cup-", "vit-", "pet-"))]
    assert all(not t["of_query_type"] for t in others if t)
    plain = client.get("/v1/search", params={"q": "Stanley", "explain": "true"}).json()
    assert plain["explain"]["product_type"] is None


def test_a_word_naming_several_types_boosts_the_products_of_each(client):
    body = client.get("/v1/search", params={"q": "适配器", "explain": "true", "size": 50}).json()
    wanted = body["explain"]["product_type"]
    assert wanted["path"].endswith("Adapters")  # the node the word is keyed to
    assert any(path.endswith("Power Adapters & Chargers") for path in wanted["also"])  # 电源适配器 are adapters
    # a power bank is a charger (below Power Adapters & Chargers): of the query's type, in the type leg
    power_bank = hits_by_id(body)["pb-anker-10k"]["explain"]["product_type"]
    assert power_bank["of_query_type"] is True and power_bank["type_rank"] is not None


def test_facet_values_carry_chinese_labels_beside_the_english_value(client):
    body = client.get("/v1/search", params={"q": "耳机", "facets": "category,availability,brand,price"}).json()
    labels = body["facet_labels"]
    assert labels["category"]["Electronics > Audio > Headphones"].endswith("耳机")
    assert set(labels["category"]) <= set(body["facets"]["category"])
    assert labels["availability"]["in_stock"] == "有货"
    assert labels["brand"]["Sony"] == "索尼"
    assert "price" not in labels
    every = client.get("/v1/facets", params={"name": "category"}).json()
    assert every["labels"]["Pet Supplies > Dogs > Dog Food"].endswith("狗粮")


def test_the_openapi_schema_documents_the_new_fields(client):
    schema = client.get("/openapi.json").json()["components"]["schemas"]
    assert set(schema["DisplayZh"]["properties"]) == {"title", "category", "source"}
    assert "facet_labels" in schema["SearchResponse"]["properties"]
    assert "labels" in schema["FacetValues"]["properties"]
    assert "product_type" in schema["HitExplain"]["properties"]


def test_a_product_read_by_id_carries_its_chinese_display_fields(client):
    body = client.get("/v1/products/pet-bb-dog").json()
    assert body["display_zh"]["source"] == "generated" and "狗粮" in body["display_zh"]["title"]
    assert body["display_zh"]["category"].endswith("狗粮")
