"""GET /v1/suggest over real HTTP (TestClient): the demo catalog's index, the real glossary and pinyin."""

import time

import pytest
from fastapi.testclient import TestClient

from search.api.app import create_app
from search.backends.embedded.backend import EmbeddedBackend
from search.config import Settings
from search.service import SearchService


@pytest.fixture(scope="module")
def client(demo_settings, demo_service):
    with TestClient(create_app(demo_settings, service=demo_service)) as client:
        yield client


def suggest(client, q, **params):
    response = client.get("/v1/suggest", params={"q": q, **params})
    assert response.status_code == 200, response.text
    return response.json()


def texts(client, q, **params):
    return [s["text"] for s in suggest(client, q, **params)["suggestions"]]


def test_chinese_prefix_completes_to_catalog_terms(client):
    body = suggest(client, "蓝牙")
    assert body["query"] == "蓝牙" and body["took_ms"] >= 0
    by_text = {s["text"]: s for s in body["suggestions"]}
    assert {"蓝牙耳机", "蓝牙音箱"} <= set(by_text)
    assert by_text["蓝牙耳机"] == {
        "text": "蓝牙耳机",
        "kind": "term",
        "english": "bluetooth earbuds",
        "product_id": None,
    }
    assert texts(client, "降噪")[0] == "降噪耳机"


def test_traditional_input_completes_like_simplified(client):
    assert texts(client, "藍牙") == texts(client, "蓝牙")


def test_full_pinyin_with_or_without_spaces(client):
    assert "蓝牙耳机" in texts(client, "lany")
    assert texts(client, "lan ya") == texts(client, "lanya") == texts(client, "蓝牙")
    assert texts(client, "lanyaer") == ["蓝牙耳机"]


def test_pinyin_initials(client):
    assert texts(client, "lyej") == ["蓝牙耳机"]
    assert {"蓝牙耳机", "蓝牙音箱", "蓝牙"} <= set(texts(client, "ly", size=20))
    assert texts(client, "bwb")[0] == "保温杯"


def test_english_prefix(client):
    assert {"bluetooth earbuds", "bluetooth speaker"} <= set(texts(client, "bluet"))
    assert texts(client, "iph")[0] == "iphone"
    assert any(text.startswith("iPhone 15") for text in texts(client, "iph"))


def test_a_brand_in_english_or_chinese_leads_to_its_product_lines(client):
    english = suggest(client, "sony")["suggestions"]
    chinese = suggest(client, "索尼")["suggestions"]
    assert english[0] == {"text": "Sony", "kind": "brand", "english": None, "product_id": None}
    assert chinese[0] == {"text": "索尼", "kind": "brand", "english": "Sony", "product_id": None}
    assert "Sony WH-1000XM5" in [s["text"] for s in english[1:]]
    assert [s["text"] for s in english[1:]] == [s["text"] for s in chinese[1:]]
    assert all(s["kind"] == "product" and s["text"].startswith("Sony ") for s in chinese[1:])
    assert [s["text"] for s in suggest(client, "suoni")["suggestions"]] == [s["text"] for s in chinese]


def test_the_last_word_is_completed_after_words_already_typed(client):
    assert "iphone 15 手机壳" in texts(client, "iphone 15 手", size=20)


def test_size_limits_the_suggestions(client):
    assert len(texts(client, "s", size=3)) == 3
    assert len(texts(client, "s")) == 8  # the default
    assert len(texts(client, "s", size=20)) == 20


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "q: Field required"),
        ({"q": ""}, "q: String should have at least 1 character"),
        ({"q": "   "}, "q: type at least one letter or character"),
        ({"q": "蓝" * 51}, "q: String should have at most 50 characters"),
        ({"q": "ly", "size": 0}, "size: "),
        ({"q": "ly", "size": 21}, "size: Input should be less than or equal to 20"),
    ],
)
def test_bad_input_gets_422_naming_the_parameter(client, params, message):
    response = client.get("/v1/suggest", params=params)
    assert response.status_code == 422
    assert message in response.json()["error"]["message"]


def test_without_an_index_suggest_answers_503(tmp_path):
    with TestClient(create_app(Settings(data_dir=tmp_path))) as client:
        response = client.get("/v1/suggest", params={"q": "ly"})
    assert response.status_code == 503 and "haitao index" in response.json()["error"]["message"]


def test_suggestions_follow_an_index_update(tmp_path, embedder):
    EmbeddedBackend(tmp_path, embedder.name, embedder.dim, create=True).close()
    settings = Settings(data_dir=tmp_path, admin_api_key="k", suggest_refresh_s=0)
    service = SearchService(settings, embedder=embedder)
    auth = {"Authorization": "Bearer k"}
    with TestClient(create_app(settings, service=service)) as client:
        assert texts(client, "zyx") == []
        product = {
            "id": "z-1",
            "title": "Zyxel Armor G5 Wi-Fi Router",
            "brand": "Zyxel",
            "price": 99,
            "title_zh": "合勤 路由器",
        }
        assert client.post("/v1/admin/products", json=[product], headers=auth).json()["indexed"] == 1
        deadline = time.monotonic() + 60
        while texts(client, "zyx") == [] and time.monotonic() < deadline:
            time.sleep(0.05)  # rebuilt in the background; the old vocabulary answers meanwhile
        found = suggest(client, "zyx")["suggestions"]
        assert found == [  # the brand, and the product up to its model name
            {"text": "Zyxel", "kind": "brand", "english": None, "product_id": None},
            {"text": "Zyxel Armor G5", "kind": "product", "english": None, "product_id": "z-1"},
        ]
        chinese = suggest(client, "heqin")["suggestions"]
        assert chinese == [
            {"text": "合勤 路由器", "kind": "product", "english": "Zyxel Armor G5 Wi-Fi Router", "product_id": "z-1"}
        ]
    service.close()
