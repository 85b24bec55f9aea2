"""Query text and filter values can never change the structure of a search: query syntax of tantivy, Lucene or
OpenSearch typed into `q` or a filter is searched for literally (the embedded backend builds its queries from
analysed terms; nothing parses a user string). Over the small fixture index (26 products), through the HTTP API.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from search.analysis.english import brand_key
from search.api.app import create_app

ALL = 26
# Query syntax alone: no word a literal search could match, so nothing matches (never everything).
SYNTAX_ONLY = [
    "*",
    "*:*",
    '"',
    "\\",
    "?",
    ")",
    "(",
    "{}",
    "[* TO *]",
    "+*",
    "-*",
    "!",
    "&&",
    "||",
    "^",
    "~",
    "//",
    '""',
]
# Syntax around words: read as the words it contains, the operators as plain text.
LUCENE = {
    "title:x OR 1": "title x or 1",
    "brand:Sony": "brand sony",
    "_id:* OR title:*": "id or title",
    '{"query_string": {"query": "*"}}': "query string query",
    "price:[0 TO 100000]": "price 0 to 100000",
    "蓝牙耳机 AND NOT 蓝牙耳机": "蓝牙耳机 and not 蓝牙耳机",
    'sony" OR "1"="1': "sony or 1 1",
    "tent\\) OR \\(*": "tent or",
}
FILTER_VALUES = ['{"query_string": {"query": "*"}}', "*", "*:*", "Sony OR Anker", "\\", "' OR 1=1 --", "So*"]


@pytest.fixture(scope="module")
def client(small_settings, small_service):
    settings = small_settings.model_copy(update={"rate_limit_per_minute": 0})  # hundreds of requests, at once
    with TestClient(create_app(settings, service=small_service)) as client:
        yield client


def search(client, **params) -> dict:
    response = client.get("/v1/search", params={"size": 100, "fields": "id,brand,category", **params})
    assert response.status_code == 200, response.text
    return response.json()


def ids(body: dict) -> list[str]:
    return [hit["id"] for hit in body["hits"]]


@pytest.mark.parametrize("mode", ["keyword", "vector", "hybrid"])
@pytest.mark.parametrize("q", SYNTAX_ONLY)
def test_query_syntax_alone_matches_nothing(client, q, mode):
    body = search(client, q=q, mode=mode)
    assert body["total"] == 0 and body["hits"] == []


@pytest.mark.parametrize(("q", "literal"), LUCENE.items())
def test_query_syntax_is_searched_as_the_words_it_contains(client, q, literal):
    body = search(client, q=q, mode="keyword")
    assert body["total"] < ALL
    assert ids(body) == ids(search(client, q=literal, mode="keyword"))


def test_not_is_a_word_not_an_operator(client):
    earbuds = ids(search(client, q="蓝牙耳机", mode="keyword"))
    assert earbuds and set(ids(search(client, q="蓝牙耳机 AND NOT 蓝牙耳机", mode="keyword"))) >= set(earbuds)


@pytest.mark.parametrize("mode", ["keyword", "hybrid"])
@pytest.mark.parametrize("value", FILTER_VALUES)
# (Values are compared as brand keys, categories and attribute terms are: case and punctuation folded, so that
# `Sony\\` is Sony, as `Kiehls` is Kiehl's; `test_any_brand_value_keeps_only_that_brand` checks that.)
def test_filter_values_are_compared_literally(client, value, mode):
    for params in ({"brand": value}, {"category": value}, {"attr": f"color:{value}"}):
        body = search(client, q="耳机", mode=mode, **params)
        assert body["total"] == 0, (params, ids(body))
    assert search(client, mode=mode, brand=value)["total"] == 0  # browsing too


def test_a_real_filter_value_still_filters(client):
    body = search(client, q="耳机", brand="Sony", mode="keyword")
    assert ids(body) == ["ear-sony-xm5"]
    assert search(client, q="耳机", attr="color:black", mode="keyword")["total"] == 1


SYNTAXY = st.lists(
    st.sampled_from(list("*:\"'\\()[]{}^~!?&|+-=<>/ ")) | st.sampled_from(["OR", "AND", "NOT", "Sony", "Anker"]),
    max_size=8,
).map("".join)


@pytest.mark.fuzz
@given(value=SYNTAXY)
def test_any_brand_value_keeps_only_that_brand(client, value):
    body = search(client, brand=value)
    if not value.strip():
        return  # an empty brand is no filter
    assert body["total"] < ALL
    assert all(brand_key(hit["brand"]) == brand_key(value) for hit in body["hits"]), (value, ids(body))


@pytest.mark.parametrize("category", [">", " > > "])
def test_a_category_without_a_level_is_refused_not_read_as_every_product(client, category):
    response = client.get("/v1/search", params={"q": "耳机", "category": category})
    assert response.status_code == 422 and "category: names no category" in response.json()["error"]["message"]
