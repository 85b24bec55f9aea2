"""The marketplace over real HTTP (TestClient) on both backends (embedded; OpenSearch on osmem-server, searched with
the keyword leg, as it has no knn): products identified by `(seller, id)`, a seller's admin routes, the `seller`
filter and facet, seller names on hits, scoped seller keys (403 for another seller's products) and search keys
whose fixed filter holds whatever the request says."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from osmem_server import OsmemServer

from search.api.app import create_app
from search.backends.factory import open_backend
from search.config import Settings
from search.keys import ScopedKey, create_key
from search.service import SearchService

ADMIN = "s3cret-admin-key"
SECRET = "the-master-secret-for-keys"
A, B = "circuit-harbor", "stride-lane"
A_ROWS = [
    {"id": "sku-1", "title": "Sony WF-1000XM5 Wireless Earbuds", "brand": "Sony", "price": 299},
    {"id": "sku-2", "title": "JBL Flip 6 Bluetooth Speaker", "brand": "JBL", "price": 129},
]
B_ROWS = [
    {"id": "sku-1", "title": "Nike Pegasus 40 Running Shoes", "brand": "Nike", "price": 130},
    {"id": "sku-3", "title": "Sony Sports Earbuds for Running", "brand": "Sony", "price": 99},
]


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture(scope="module")
def osmem() -> Iterator[OsmemServer]:
    server = OsmemServer.start(japanese=False)
    yield server
    server.close()


@pytest.fixture(params=["embedded", "osmem"])
def market(request, tmp_path, embedder) -> Iterator[tuple[TestClient, str]]:
    """A server with admin routes over an empty index, and the search mode the backend answers."""
    options = {"admin_api_key": ADMIN, "key_secret": SECRET, "data_dir": tmp_path}
    if request.param == "osmem":
        clone = request.getfixturevalue("osmem").clone()
        request.addfinalizer(clone.close)
        options.update(backend="opensearch", opensearch_url=clone.url, opensearch_index="market")
    settings = Settings(**options)
    open_backend(settings, embedder.name, embedder.dim, create=True).close()
    service = SearchService(settings, embedder=embedder)
    with TestClient(create_app(settings, service=service)) as client:
        yield client, "keyword" if request.param == "osmem" else "hybrid"
    service.close()


def write(client: TestClient, seller: str, rows: list[dict], key: str = ADMIN):
    return client.post(f"/v1/admin/sellers/{seller}/products", json=rows, headers=bearer(key))


def test_the_same_id_at_two_sellers_is_two_products(market):
    client, mode = market
    assert write(client, A, A_ROWS).json()["indexed"] == 2
    assert write(client, B, B_ROWS).json()["indexed"] == 2
    assert client.get(f"/v1/products/{A}/sku-1").json()["product"]["title"].startswith("Sony WF-1000XM5")
    shoes = client.get(f"/v1/products/{B}/sku-1").json()
    assert shoes["product"]["title"].startswith("Nike Pegasus") and shoes["product"]["seller"] == B
    assert client.get(f"/v1/products/{B}/sku-2").status_code == 404  # A's sku-2 is not B's

    everything = client.get("/v1/search", params={"facets": "seller", "size": 10}).json()
    assert everything["total"] == 4
    assert everything["facets"]["seller"] == {A: 2, B: 2}
    assert {(hit["seller"], hit["id"]) for hit in everything["hits"]} == {
        (A, "sku-1"),
        (A, "sku-2"),
        (B, "sku-1"),
        (B, "sku-3"),
    }
    assert all(hit["seller_name"] == hit["seller"] for hit in everything["hits"])  # named by its id until set

    # a record names the seller: every hit carries its display name
    named = client.put(
        f"/v1/admin/sellers/{A}", json={"name": "Circuit Harbor Electronics", "state": "CA"}, headers=bearer(ADMIN)
    )
    assert named.status_code == 200 and named.json()["products"] == 2
    earbuds = client.get("/v1/search", params={"q": "蓝牙耳机", "mode": mode, "seller": A, "facets": "seller"}).json()
    assert earbuds["hits"] and {hit["seller"] for hit in earbuds["hits"]} == {A}
    assert {hit["seller_name"] for hit in earbuds["hits"]} == {"Circuit Harbor Electronics"}
    assert earbuds["facets"]["seller"][A] == earbuds["total"] and B in earbuds["facets"]["seller"]  # disjunctive
    both = client.get("/v1/search", params=[("seller", A), ("seller", B)]).json()
    assert both["total"] == 4
    assert client.get("/v1/search", params={"seller": "nobody"}).json()["total"] == 0
    sellers = {s["id"]: s for s in client.get("/v1/sellers").json()["sellers"]}
    assert sellers[A]["name"] == "Circuit Harbor Electronics" and sellers[B]["products"] == 2


def test_a_sellers_key_writes_only_its_own_products(market):
    client, _ = market
    write(client, B, B_ROWS)
    a_key = create_key(SECRET, ScopedKey("write", seller=A))
    assert write(client, A, A_ROWS, a_key).json()["indexed"] == 2
    assert client.delete(f"/v1/admin/sellers/{A}/products/sku-2", headers=bearer(a_key)).status_code == 200

    changed = [{**B_ROWS[0], "title": "Hijacked listing"}]
    refused = write(client, B, changed, a_key)
    assert refused.status_code == 403 and f"writes only seller '{A}'" in refused.json()["error"]["message"]
    assert client.delete(f"/v1/admin/sellers/{B}/products/sku-1", headers=bearer(a_key)).status_code == 403
    assert client.put(f"/v1/admin/sellers/{B}", json={"name": "x"}, headers=bearer(a_key)).status_code == 403
    assert client.get(f"/v1/products/{B}/sku-1").json()["product"]["title"] == B_ROWS[0]["title"]
    # nor through the routes that name the seller in the record: those take the admin key only
    sneaky = client.post("/v1/admin/products", json=[{**changed[0], "seller": B}], headers=bearer(a_key))
    assert sneaky.status_code == 401
    # a record naming another seller is refused even under the admin key on a seller's route
    crossed = write(client, A, [{**changed[0], "seller": B}]).json()
    assert crossed["rejected"] == 1 and crossed["errors"][0]["errors"][0]["field"] == "seller"
    assert client.get(f"/v1/products/{B}/sku-1").json()["product"]["title"] == B_ROWS[0]["title"]

    forged = a_key[:-4] + ("AAAA" if not a_key.endswith("AAAA") else "BBBB")
    assert write(client, A, A_ROWS, forged).status_code == 401
    other_secret = create_key("not-the-servers-secret", ScopedKey("write", seller=A))
    assert write(client, A, A_ROWS, other_secret).status_code == 401
    expired = create_key(SECRET, ScopedKey("write", seller=A, expires=1))
    assert write(client, A, A_ROWS, expired).status_code == 401
    search_key = create_key(SECRET, ScopedKey("search", filters=(("seller", (A,)),)))
    assert write(client, A, A_ROWS, search_key).status_code == 403
    # the admin key writes every seller's products, and removes a seller with them
    assert write(client, B, changed).json()["indexed"] == 1
    removed = client.delete(f"/v1/admin/sellers/{B}", headers=bearer(ADMIN))
    assert removed.json() == {"seller": B, "products_removed": 2}
    assert client.delete(f"/v1/admin/sellers/{A}", headers=bearer(a_key)).status_code == 401
    assert client.get("/v1/search", params={"facets": "seller"}).json()["facets"]["seller"] == {A: 1}


def test_a_search_key_with_a_seller_filter_sees_only_that_sellers_products(market):
    client, mode = market
    write(client, A, A_ROWS)
    write(client, B, B_ROWS)
    storefront = bearer(create_key(SECRET, ScopedKey("search", filters=(("seller", (B,)),))))
    for params in ({"q": "耳机", "mode": mode}, {"q": "耳机", "mode": mode, "seller": A}, {"seller": A}, {}):
        answer = client.get("/v1/search", params={**params, "facets": "seller,brand"}, headers=storefront).json()
        assert {hit["seller"] for hit in answer["hits"]} <= {B}, params
        assert set(answer["facets"]["seller"]) <= {B}, params
    browse = client.get("/v1/search", headers=storefront).json()
    assert browse["total"] == 2
    assert client.get("/v1/facets", params={"name": "seller"}, headers=storefront).json()["values"] == {B: 2}
    assert client.get(f"/v1/products/{A}/sku-1", headers=storefront).status_code == 404
    assert client.get(f"/v1/products/{B}/sku-1", headers=storefront).status_code == 200
    assert [s["id"] for s in client.get("/v1/sellers", headers=storefront).json()["sellers"]] == [B]
    # without the key, everything
    assert client.get("/v1/search").json()["total"] == 4
