"""`distinct` over HTTP: one hit per product group by default, with how many variants it stands for, their price
range and their option values with ids; `distinct=false` returns every variant; cursors page over groups."""

import pytest
from fastapi.testclient import TestClient

from search.api.app import create_app
from search.catalog import Product
from search.config import Settings
from search.service import SearchService
from search.writer import CatalogWriter

TEE = dict(title="Patagonia P-6 Logo Responsibili-Tee T-Shirt", brand="Patagonia", item_group_id="p6-tee")
CATALOG = [
    Product(id="p6-s-blk", color="Black", size="S", price=35.0, list_price=39.0, **TEE),
    Product(id="p6-m-blk", color="Black", size="M", price=39.0, **TEE),
    Product(id="p6-m-wht", color="White", size="M", price=39.0, **TEE),
    Product(id="p6-l-wht", color="White", size="L", price=42.0, availability="out_of_stock", **TEE),
    *[
        Product(id=f"tee-{n}", title=f"Cotton Crew T-Shirt {n}", brand="Hanes", item_group_id=f"hanes-{n}", price=9 + n)
        for n in range(6)
    ],
]


@pytest.fixture(scope="module")
def client(tmp_path_factory, embedder, analysis):
    settings = Settings(data_dir=tmp_path_factory.mktemp("distinct"))
    with CatalogWriter.open(settings, embedder, analysis.segmenter) as writer:
        writer.write(CATALOG)
    service = SearchService(settings, embedder=embedder)
    with TestClient(create_app(settings, service=service)) as client:
        yield client
    service.close()


def test_a_search_shows_a_group_once_with_its_variants(client):
    body = client.get("/v1/search", params={"q": "t-shirt", "size": 20, "facets": "brand,color"}).json()
    assert body["total"] == 7 and len(body["hits"]) == 7  # 7 groups of 10 variants
    assert body["facets"]["brand"] == {"Hanes": 6, "Patagonia": 1} and body["facets"]["color"] == {
        "Black": 1,
        "White": 1,
    }
    [tee] = [hit for hit in body["hits"] if hit["item_group_id"] == "p6-tee"]
    assert tee["variants"] == 4
    assert (tee["price"]["usd"], tee["price_max"]["usd"]) == (35.0, 42.0)  # the group's price range
    assert (tee["list_price"]["usd"], tee["discount_percent"]) == (39.0, 10)  # its cheapest variant is on sale
    options = {option["id"]: option for option in tee["variant_options"]}
    assert sorted(options) == ["p6-l-wht", "p6-m-blk", "p6-m-wht", "p6-s-blk"]
    assert [o["price"]["usd"] for o in tee["variant_options"]] == [35.0, 39.0, 39.0, 42.0]  # cheapest first
    assert (options["p6-m-wht"]["color"], options["p6-m-wht"]["size"]) == ("White", "M")
    assert options["p6-l-wht"]["availability"] == "out_of_stock" and "material" not in options["p6-l-wht"]


def test_filters_choose_the_variants_and_distinct_false_shows_every_one(client):
    white = client.get("/v1/search", params={"q": "t-shirt", "color": "white", "facets": "color"}).json()
    [tee] = white["hits"]
    assert tee["color"] == "White" and tee["variants"] == 2 and tee["price_max"]["usd"] == 42.0
    assert [o["id"] for o in tee["variant_options"]] == ["p6-m-wht", "p6-l-wht"]
    assert white["total"] == white["facets"]["color"]["White"] == 1
    every = client.get(
        "/v1/search", params={"q": "t-shirt", "brand": "patagonia", "distinct": "false", "facets": "color"}
    )
    every = every.json()
    assert every["total"] == 4 and sorted(h["id"] for h in every["hits"]) == [
        "p6-l-wht",
        "p6-m-blk",
        "p6-m-wht",
        "p6-s-blk",
    ]
    assert every["facets"]["color"] == {"Black": 2, "White": 2}
    assert all(hit["variants"] is None and hit["variant_options"] is None for hit in every["hits"])


@pytest.mark.parametrize("q", ["t-shirt", ""])
def test_cursors_page_over_groups(client, q):
    seen, cursor = [], None
    while True:
        params = {"q": q, "size": 2, "fields": "item_group_id,variants", **({"cursor": cursor} if cursor else {})}
        body = client.get("/v1/search", params=params).json()
        seen += [hit["item_group_id"] for hit in body["hits"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted({product.item_group_id for product in CATALOG})
