"""What a shopper types instead of the clean query, through real HTTP over the demo index and the real model: typos,
pinyin in every form, homophone slips, Taiwan vocabulary; the response says what was corrected (`corrected_query`),
what was dropped (`relaxed`) and offers what may have been meant (`did_you_mean`)."""

import pytest
from fastapi.testclient import TestClient

from search.api.app import create_app


@pytest.fixture(scope="module")
def client(demo_settings, demo_service):
    with TestClient(create_app(demo_settings, service=demo_service)) as client:
        yield client


def search(client, q, **params):
    response = client.get("/v1/search", params={"q": q, "size": 10, **params})
    assert response.status_code == 200, response.text
    return response.json()


def ids(body):
    return [h["id"] for h in body["hits"]]


def test_a_clean_query_says_nothing_was_changed(client):
    body = search(client, "蓝牙耳机")
    assert body["total"] > 0
    assert (body["corrected_query"], body["relaxed"], body["did_you_mean"]) == (None, [], [])


@pytest.mark.parametrize(("typed", "meant"), [("蓝呀耳机", "蓝牙耳机"), ("兰牙耳机", "蓝牙耳机"), ("保温被", "保温杯")])
def test_a_homophone_slip_is_searched_as_the_word_meant_and_said(client, typed, meant):
    body = search(client, typed)
    assert body["corrected_query"] == meant
    assert ids(body) == ids(search(client, meant))


def test_a_homophone_correction_is_explained(client):
    body = search(client, "兰牙耳机", explain="true")
    assert body["explain"]["corrections"] == [{"typed": "兰牙耳机", "corrected": "蓝牙耳机", "kind": "homophone"}]
    assert body["explain"]["corrected_query"] == body["corrected_query"] == "蓝牙耳机"


def test_a_typo_is_corrected_and_explained(client):
    body = search(client, "wireless hedphones", explain="true")
    assert body["corrected_query"] == "wireless headphones"
    # the corrected word weighs a little less than the word typed right (an exact match ranks above a corrected
    # one), so near ties may swap: the same best hit, and the same products in the top 5 but for one
    typed, clean = ids(body)[:5], ids(search(client, "wireless headphones"))[:5]
    assert typed[0] == clean[0] and len(set(typed) & set(clean)) >= 4, (typed, clean)
    [correction] = body["explain"]["corrections"]
    assert correction == {"typed": "hedphones", "corrected": "headphones", "kind": "typo"}
    sources = {a["source"] for c in body["explain"]["concepts"] for a in c["alternatives"]}
    assert "typo" in sources


@pytest.mark.parametrize("typed", ["lanya erji", "lan ya er ji", "lanyaerji", "lanya erj", "蓝ya耳机", "lyej"])
def test_pinyin_in_every_form_finds_what_the_chinese_query_finds(client, typed):
    body = search(client, typed)
    assert body["corrected_query"] is None  # pinyin is read, not corrected
    assert body["pinyin_query"] == "蓝牙耳机"  # and said how it was read (已按 蓝牙耳机 为您搜索)
    assert ids(body)[:5] == ids(search(client, "蓝牙耳机"))[:5]


def test_pinyin_beside_other_words_is_read_in_place(client):
    assert search(client, "500元以下 baowenbei")["pinyin_query"] == "500元以下 保温杯"
    assert search(client, "iphone 15 shoujike")["pinyin_query"] == "iphone 15 手机壳"
    assert search(client, "蓝牙耳机")["pinyin_query"] is None
    assert search(client, "wireless headphones")["pinyin_query"] is None  # English is not pinyin


def test_the_price_in_the_query_is_said_in_the_shoppers_currency(client):
    body = search(client, "500元以下 保温杯")
    assert body["price_intent"] == {"text": "500元以下", "min": None, "max": 500.0, "currency": "CNY"}
    assert body["hits"] and all(h["price"]["cny"] <= 500 for h in body["hits"])
    rate = body["exchange_rate"]["cny_per_usd"]
    dollars = search(client, "500元以下 保温杯", currency="USD")["price_intent"]
    assert dollars == {"text": "500元以下", "min": None, "max": round(500 / rate, 2), "currency": "USD"}
    assert search(client, "100-300元 保温杯")["price_intent"] | {"text": ""} == {
        "text": "",
        "min": 100.0,
        "max": 300.0,
        "currency": "CNY",
    }
    # the request's own price range takes the query's place, and the answer no longer claims it
    own = search(client, "500元以下 保温杯", price_max=100)
    assert own["price_intent"] is None
    assert own["hits"] and all(h["price"]["cny"] <= 100 for h in own["hits"])
    assert search(client, "保温杯")["price_intent"] is None


@pytest.mark.parametrize(("typed", "mainland"), [("藍芽耳機", "蓝牙耳机"), ("行動電源", "移动电源"), ("隨身碟", "u盘")])
def test_taiwan_words_find_what_the_mainland_words_find(client, typed, mainland):
    assert ids(search(client, typed)) == ids(search(client, mainland))


def test_nothing_found_offers_what_may_have_been_meant(client):
    body = search(client, "蓝牙耳", price_min=100000)  # typed short, at a price no product has
    assert body["total"] == 0 and body["hits"] == []
    assert body["did_you_mean"] and body["did_you_mean"][0].startswith("蓝牙耳")
