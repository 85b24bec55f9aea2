"""Forged cursors and extreme numbers against a live `haitao serve` (issue 12, finding 1).

A cursor used to be unsigned base64 JSON, its offset unbounded: a browse cursor with an offset of 10^9 made tantivy
allocate for 10^9 results and Rust abort the whole process; 10^18, 2^63, NaN, Infinity, 1e400 or a float where the
write sequence belongs gave 500s; a forged position on a price sort paged anywhere. Now only cursors this server
signed are read, and every field is range-checked even then. Each request here gets 200 or a 422 naming the
parameter — never a 5xx, never a dead server — and the server answers normally afterwards.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

SECRET = "test-cursor-secret-0123456789"


def payload_of(cursor: str) -> dict:
    body = cursor.split(".")[0]
    return json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))


def unsigned(payload: str) -> str:
    """A cursor as the server used to make them (version 1: base64 JSON, no signature)."""
    return base64.urlsafe_b64encode(payload.encode()).rstrip(b"=").decode()


def signed(payload: str) -> str:
    """A cursor signed with the server's secret: a forger who stole it."""
    body = base64.urlsafe_b64encode(payload.encode()).rstrip(b"=")
    mac = hmac.new(SECRET.encode(), b"haitao-cursor." + body, hashlib.sha256).digest()[:16]
    return f"{body.decode()}.{base64.urlsafe_b64encode(mac).rstrip(b'=').decode()}"


@pytest.fixture(scope="module")
def server(serve, small_settings, tmp_path_factory):
    log = tmp_path_factory.mktemp("cursor-server") / "server.log"
    env = {"HAITAO_CURSOR_SECRET": SECRET, "HAITAO_RATE_LIMIT_PER_MINUTE": "0"}
    with serve(small_settings.data_dir, log, **env) as live:
        yield live


@pytest.fixture(scope="module")
def http(server):
    with httpx.Client(base_url=server.url, timeout=60) as client:
        yield client


SEARCHES = {  # name → the parameters of a search whose cursors are forged
    "browse": {"size": 2},
    "browse by price": {"size": 2, "sort": "price_asc"},
    "ranked": {"q": "耳机", "size": 2},
}


@pytest.fixture(scope="module")
def fingerprints(http) -> dict[str, str]:
    """The fingerprint each search's real cursors carry (forgers can read it: the payload is not secret)."""
    found = {}
    for name, params in SEARCHES.items():
        cursor = http.get("/v1/search", params=params).json()["next_cursor"]
        found[name] = payload_of(cursor)["f"]
    return found


def ask(server, http, params: dict, field: str = "cursor") -> httpx.Response:
    """One search: 200, or 422 naming `field`; the server must still be running."""
    try:
        response = http.get("/v1/search", params=params)
    except httpx.TransportError as exc:
        pytest.fail(f"no answer to {params}: {exc!r}; server alive: {server.alive()}")
    assert response.status_code in (200, 422), (params, response.status_code, response.text)
    assert response.headers["content-type"] == "application/json"
    if response.status_code == 422:
        assert response.json()["error"]["message"].startswith(f"{field}:"), response.text
    assert server.alive()
    return response


def still_answers(server, http) -> None:
    assert http.get("/healthz").status_code == 200
    body = http.get("/v1/search", params={"q": "移动电源"}).json()
    assert body["hits"][0]["id"] == "pb-anker-10k"
    assert server.alive()


REPORTED = ["1000000000", "1000000000000000000", str(2**63), str(10**30), "NaN", "Infinity", "1e400", "2.5"]


@pytest.mark.parametrize("value", REPORTED)
def test_the_reported_forgeries_are_refused_and_the_server_lives(server, http, fingerprints, value):
    browse, by_price = fingerprints["browse"], fingerprints["browse by price"]
    forged = [  # JSON text as written, so that NaN, Infinity and 1e400 reach the server as such
        ({"size": 2}, '{"v":V,"f":"' + browse + '","o":' + value + "}"),  # the 10^9 offset aborted the process
        ({"size": 2}, '{"v":V,"f":"' + browse + '","a":[' + value + "]}"),  # where the write sequence belongs
        ({"size": 2, "sort": "price_asc"}, '{"v":V,"f":"' + by_price + '","a":[' + value + "," + value + "]}"),
    ]
    for params, template in forged:
        for version, sign in [(1, unsigned), (2, unsigned), (2, signed)]:
            response = ask(server, http, params | {"cursor": sign(template.replace("V", str(version), 1))})
            in_range = sign is signed and template.endswith("[1000000000]}")  # a sequence before every product
            assert response.status_code == (200 if in_range else 422), (template, version, sign.__name__)
    still_answers(server, http)


def test_a_forged_position_on_a_price_sort_is_refused(server, http, fingerprints):
    """It used to return an arbitrary page silently."""
    for version in (1, 2):
        cursor = unsigned(json.dumps({"v": version, "f": fingerprints["browse by price"], "a": [120.0, 5]}))
        assert ask(server, http, {"size": 2, "sort": "price_asc", "cursor": cursor}).status_code == 422


def test_real_cursors_still_page_and_a_cursor_of_another_search_is_refused(server, http):
    first = http.get("/v1/search", params={"size": 3, "sort": "price_desc"}).json()
    second = ask(server, http, {"size": 3, "sort": "price_desc", "cursor": first["next_cursor"]}).json()
    prices = [h["price"]["usd"] for h in first["hits"] + second["hits"]]
    assert len(second["hits"]) == 3 and prices == sorted(prices, reverse=True)
    other = ask(server, http, {"size": 3, "sort": "price_asc", "cursor": first["next_cursor"]})
    assert other.status_code == 422 and "belongs to another search" in other.text


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=8,
)
extremes = st.sampled_from([10**9, 10**18, 2**63, 2**64 + 1, 10**30, -1, 0, 3, -0.0, 1.5, 1e300]) | st.floats()
positions = st.one_of(
    st.fixed_dictionaries({"o": extremes | json_values}),
    st.fixed_dictionaries({"a": st.lists(extremes, min_size=1, max_size=3)}),
    st.fixed_dictionaries({"a": json_values}),
)


@pytest.mark.fuzz
@given(st.text(min_size=1, max_size=300) | st.binary(min_size=1, max_size=200).map(lambda b: b.hex()))
def test_random_text_as_a_cursor(server, http, text):
    ask(server, http, {"size": 2, "cursor": text})


@pytest.mark.fuzz
@given(json_values, st.booleans())
def test_random_json_as_a_cursor(server, http, value, sign):
    text = json.dumps(value)
    ask(server, http, {"size": 2, "cursor": (signed if sign else unsigned)(text)})


@pytest.mark.fuzz
@given(st.sampled_from(sorted(SEARCHES)), st.sampled_from(sorted(SEARCHES)), positions, st.sampled_from([1, 2]))
def test_valid_json_with_extreme_values_and_cursors_of_other_searches(
    server, http, fingerprints, search, of_search, position, version
):
    payload = {"v": version, "f": fingerprints[of_search], **position}
    text = json.dumps(payload)  # NaN, Infinity as Python writes them
    for cursor in (unsigned(text), signed(text)):
        response = ask(server, http, SEARCHES[search] | {"cursor": cursor})
        if of_search != search:
            assert response.status_code == 422


@pytest.mark.fuzz
@given(
    st.fixed_dictionaries(
        {},
        optional={
            "page": extremes | st.integers(),
            "size": extremes | st.integers(),
            "price_min": extremes | st.sampled_from(["NaN", "Infinity", "-Infinity", "1e400", "-0.0", "-0"]),
            "price_max": extremes | st.sampled_from(["NaN", "Infinity", "1e400", "-0.0"]),
            "q": st.sampled_from(["", "耳机", "500元以下 耳机"]),
            "sort": st.sampled_from(["relevance", "price_asc", "price_desc", "newest"]),
        },
    )
)
def test_no_number_from_a_request_reaches_the_engine_unchecked(server, http, params):
    response = http.get("/v1/search", params=params)
    assert response.status_code in (200, 422), (params, response.text)
    assert server.alive()


def test_the_server_answers_after_the_fuzzing(server, http):
    still_answers(server, http)
    assert "Traceback" not in server.log_text()
