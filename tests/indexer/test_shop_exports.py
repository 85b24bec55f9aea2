"""Feeds as shops really export them, read and indexed through the `haitao` command.

The fixtures look like the real thing: `shopify_export.csv` has the columns of Shopify's current product export
(variants and image rows under one Handle, market and metafield columns, drafts, an archived and an unpublished
product, the shop's gift card); `merchant_center.xml` and `.tsv` are Google Merchant Center feeds with sale windows
(`sale_price_effective_date`), numeric and textual `google_product_category`, a sale price above the price;
`seller_sheet.csv` is a seller's own sheet saved by Excel as "CSV UTF-8" (BOM, CRLF, a "Chinese Title" column). The
workbook and GB18030 variants are made from it here, as Excel and a Chinese Windows would save them.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from indexer.cli import app
from indexer.feeds import FeedOptions, UnknownFormat, detect_format, open_feed, read_feed
from indexer.feeds.merchant import BadDate, parse_effective_dates
from search.api.app import create_app
from search.backends.embedded.backend import EmbeddedBackend
from search.config import Settings
from search.service import SearchService

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SHOP = "https://trailhead.example.com"
NOW = FeedOptions(now=datetime(2026, 6, 1, tzinfo=UTC))


def index(*args: object) -> object:
    return CliRunner().invoke(app, ["index", *map(str, args)])


def stored(data_dir: Path, embedder, product_id: str):
    backend = EmbeddedBackend(data_dir, embedder.name, embedder.dim)
    try:
        return backend.get(product_id)
    finally:
        backend.close()


# Shopify ------------------------------------------------------------------------------------------------------


def shopify_rows(**options: object) -> dict[str, object]:
    return {row.raw["id"]: row for row in read_feed(FIXTURES / "shopify_export.csv", options=FeedOptions(**options))}


def test_shopify_rows_say_why_a_product_is_not_for_sale():
    rows = shopify_rows()
    assert len(rows) == 20  # every variant of every handle is read, none vanishes
    skipped = {product_id: row.skip for product_id, row in rows.items() if row.skip}
    assert skipped == {
        "25528-NENA-S": "draft",  # each variant of the draft Patagonia fleece
        "25528-NENA-M": "draft",
        "25528-NENA-L": "draft",
        "10-10824-064": "archived",
        "OW-FS24-SH": "unpublished",
        "gift-card-25": "gift card",  # no SKUs: the handle and the option value
        "gift-card-50": "gift card",
        "gift-card-100": "gift card",
    }


def test_each_shopify_variant_is_a_product_of_the_handles_group():
    rows = shopify_rows()
    flask = {sku: rows[sku].raw for sku in ("W32BTS001", "W32BTS415", "W32BTS464")}
    assert {raw["item_group_id"] for raw in flask.values()} == {"hydro-flask-32-oz-wide-mouth"}
    assert [raw["color"] for raw in flask.values()] == ["Black", "Pacific", "Indigo"]
    assert [raw["price"] for raw in flask.values()] == ["44.95", "44.95", "49.95"]
    assert [raw.get("list_price") for raw in flask.values()] == ["49.95", "49.95", None]  # Compare At Price
    assert flask["W32BTS415"]["availability"] == "out_of_stock" and "availability" not in flask["W32BTS001"]
    assert flask["W32BTS415"]["image_link"].endswith("/W32BTS415_pacific.jpg")  # the variant's own image
    for raw in flask.values():  # the product's fields are every variant's
        assert raw["title"] == "Hydro Flask 32 oz Wide Mouth Bottle with Flex Cap"
        assert raw["description"].startswith("TempShield™ double-wall")
        assert raw["brand"] == "Hydro Flask" and raw["attributes"]["type"] == "Water Bottles"
        assert "Color" not in raw["attributes"] and "link" not in raw  # no shop address given
    nalgene = rows["2020-0248"].raw  # two options: Size and Color
    assert (nalgene["size"], nalgene["color"], nalgene["price"]) == ("48 oz", "Clear", "21.99")
    yeti = rows["21071500012"].raw  # one variant, "Default Title": no options
    assert yeti["item_group_id"] == "yeti-rambler-20-oz-tumbler" and "color" not in yeti and "size" not in yeti


def test_shopify_options_stock_and_compare_at_prices_map_as_merchant_center_names_them():
    rows = shopify_rows()
    socks = {sku: rows[sku].raw for sku in ("SW001618-M-CHR", "SW001618-L-CHR", "SW001618-M-TPE")}
    assert [(raw["size"], raw["color"]) for raw in socks.values()] == [
        ("M", "Charcoal"),
        ("L", "Charcoal"),
        ("M", "Taupe"),
    ]
    for raw in socks.values():  # Google Shopping / Gender and / Age Group, from the product's row
        assert (raw["gender"], raw["age_group"]) == ("unisex", "adult")
    assert socks["SW001618-L-CHR"]["availability"] == "backorder"  # none in stock, policy "continue"
    assert "availability" not in socks["SW001618-M-TPE"]  # stock not tracked: available
    assert socks["SW001618-M-TPE"]["list_price"] == "23.95"
    bites = rows["trailhead-energy-bites-peanut-butter"].raw  # no SKU: handle and option value
    assert bites["attributes"]["Flavor"] == "Peanut Butter"  # not a variant attribute of the catalog: kept
    assert "list_price" not in bites  # a compare-at price below the price is no sale
    assert rows["trailhead-energy-bites-dark-chocolate-sea-salt"].raw["item_group_id"] == "trailhead-energy-bites"


def test_shopify_links_are_built_from_the_shop_url():
    reader = open_feed(FIXTURES / "shopify_export.csv", options=FeedOptions(shop_url=SHOP))
    links = {row.raw["id"]: row.raw.get("link") for row in reader.read() if not row.skip}
    assert links["21071500012"] == f"{SHOP}/products/yeti-rambler-20-oz-tumbler"
    assert links["W32BTS464"] == f"{SHOP}/products/hydro-flask-32-oz-wide-mouth"
    assert not any("--shop-url" in note for note in reader.notes)


def test_shopify_export_through_the_cli(tmp_path, embedder):
    data = tmp_path / "data"
    result = index(FIXTURES / "shopify_export.csv", "--data-dir", data, "--shop-url", "trailhead.example.com/")
    assert result.exit_code == 0, result.output
    assert (
        "read 20, indexed 12, unchanged 0, rejected 0, skipped 8 (1 archived, 3 draft, 3 gift card, 1 unpublished), "
        "deleted 0 in " in result.stdout
    )
    assert stored(data, embedder, "gift-card-25") is None
    assert stored(data, embedder, "OW-FS24-SH") is None
    pacific = stored(data, embedder, "W32BTS415")
    assert pacific.link == f"{SHOP}/products/hydro-flask-32-oz-wide-mouth"
    assert (pacific.item_group_id, pacific.color, pacific.price, pacific.list_price) == (
        "hydro-flask-32-oz-wide-mouth", "Pacific", 44.95, 49.95,
    )  # fmt: skip
    assert pacific.availability.value == "out_of_stock"
    assert stored(data, embedder, "BKR-1L-CLOUD").availability.value == "out_of_stock"


def test_a_shopify_handle_split_over_the_file_is_rejected(tmp_path):
    lines = (FIXTURES / "shopify_export.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    flask_variant = next(line for line in lines if line.startswith("hydro-flask-32-oz-wide-mouth,,,"))
    feed = tmp_path / "split.csv"
    feed.write_text("".join([*lines, flask_variant]), encoding="utf-8")
    last = list(read_feed(feed))[-1]
    assert last.raw is None and "Handle 'hydro-flask-32-oz-wide-mouth' was first seen on line 2" in last.error


def test_a_rejected_shopify_variant_is_written_whole_to_the_rejects_file(tmp_path, embedder):
    text = (FIXTURES / "shopify_export.csv").read_text(encoding="utf-8")
    feed = tmp_path / "export.csv"
    feed.write_text(text.replace(",49.95,,TRUE,TRUE", ",$49.95 CAD,,TRUE,TRUE"), encoding="utf-8")  # Indigo's price
    data = tmp_path / "data"
    result = index(feed, "--data-dir", data)
    assert "rejected 1" in result.stdout, result.output
    assert "export.csv:8 (id 'W32BTS464'): Variant Price: '$49.95 CAD' is in CAD" in result.stderr
    rejects = list(csv.DictReader((data / "rejects" / "export.rejects.csv").open(encoding="utf-8")))
    [indigo] = rejects
    assert (indigo["Variant SKU"], indigo["Option1 Value"], indigo["Option1 Name"]) == ("W32BTS464", "Indigo", "Color")
    assert indigo["Title"] == "Hydro Flask 32 oz Wide Mouth Bottle with Flex Cap"  # it stands on its own
    assert stored(data, embedder, "W32BTS001") is not None  # its sibling variants are indexed


def test_sales_and_price_ranges_reach_the_hits(tmp_path, embedder):
    data = tmp_path / "data"
    assert index(FIXTURES / "shopify_export.csv", "--data-dir", data, "--shop-url", SHOP).exit_code == 0
    settings = Settings(data_dir=data)
    service = SearchService(settings, embedder=embedder)
    try:
        client = TestClient(create_app(settings, service=service))
        params = {"q": "water bottle", "size": 20, "item_group_id": "hydro-flask-32-oz-wide-mouth", "distinct": False}
        hits = client.get("/v1/search", params=params).json()["hits"]
        by_id = {hit["id"]: hit for hit in hits}
        black = by_id["W32BTS001"]
        assert black["price"]["usd"] == 44.95 and black["item_group_id"] == "hydro-flask-32-oz-wide-mouth"
        assert black["list_price"] == {"usd": 49.95, "cny": round(49.95 * settings.cny_per_usd, 2)}
        assert black["discount_percent"] == 10  # 44.95 of 49.95
        assert black["color"] == "Black" and black["link"] == f"{SHOP}/products/hydro-flask-32-oz-wide-mouth"
        assert by_id["W32BTS464"]["list_price"] is None and by_id["W32BTS464"]["discount_percent"] is None
        only = client.get("/v1/search", params={"q": "socks", "fields": "discount_percent", "color": "taupe"}).json()
        assert only["hits"] == [{"id": "SW001618-M-TPE", "discount_percent": 20}]  # 19.16 of 23.95
    finally:
        service.close()


def test_a_product_that_became_a_draft_leaves_the_index(tmp_path, embedder):
    data = tmp_path / "data"
    feed = tmp_path / "products_export_1.csv"
    feed.write_bytes((FIXTURES / "shopify_export.csv").read_bytes())
    assert index(feed, "--data-dir", data).exit_code == 0
    assert stored(data, embedder, "21071500012") is not None  # the Yeti's one variant
    text = feed.read_text(encoding="utf-8")
    yeti = next(line for line in text.splitlines() if line.startswith("yeti-rambler-20-oz-tumbler,"))
    feed.write_text(text.replace(yeti, yeti.removesuffix(",active") + ",draft"), encoding="utf-8")
    result = index(feed, "--data-dir", data)
    assert result.exit_code == 0, result.output
    assert "skipped 9 (1 archived, 4 draft, 3 gift card, 1 unpublished), deleted 1 in" in result.stdout
    assert "were in the index and were removed" in result.stderr
    assert stored(data, embedder, "21071500012") is None


def test_without_a_shop_url_the_run_says_how_to_get_links(tmp_path):
    result = index(FIXTURES / "shopify_export.csv", "--data-dir", tmp_path / "data")
    assert "--shop-url https://YOUR-SHOP" in result.stderr


def test_a_bad_shop_url_is_refused(tmp_path):
    result = index(FIXTURES / "shopify_export.csv", "--data-dir", tmp_path, "--shop-url", "ftp://shop")
    assert result.exit_code == 2 and "--shop-url" in result.output


def test_a_shopify_export_saved_as_a_workbook_is_read_alike(tmp_path):
    workbook = tmp_path / "products_export.xlsx"
    save_as_workbook(FIXTURES / "shopify_export.csv", workbook)
    assert detect_format(workbook) == "shopify"
    from_csv = [(row.raw, row.skip) for row in read_feed(FIXTURES / "shopify_export.csv")]
    assert [(row.raw, row.skip) for row in read_feed(workbook)] == from_csv


def test_an_added_column_named_like_a_catalog_field_is_read_and_a_look_alike_gets_a_hint(tmp_path):
    rows = list(csv.reader((FIXTURES / "shopify_export.csv").open(encoding="utf-8", newline="")))
    rows[0] += ["title_zh", "Chinese Description"]
    for row in rows[1:]:
        row += ["", ""]
    rows[1][-2:] = ["Hydro Flask 宽口保温水壶 946毫升", "双层真空保温"]
    feed = tmp_path / "export.csv"
    with feed.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    reader = open_feed(feed)
    first = next(iter(reader.read()))
    assert first.raw["title_zh"] == "Hydro Flask 宽口保温水壶 946毫升"
    [hint] = [note for note in reader.notes if "Chinese Description" in note]
    assert "did you mean description_zh?" in hint


# Google Merchant Center ---------------------------------------------------------------------------------------


def test_merchant_sale_windows_and_prices():
    reader = open_feed(FIXTURES / "merchant_center.xml", options=NOW)
    rows = {row.raw["id"]: row for row in reader.read()}
    daypack = rows["SO-10231"].raw  # in its window
    assert (daypack["price"], daypack["list_price"]) == ("59.95 USD", "75.00 USD")
    headlamp = rows["SO-10248"].raw  # Black Friday 2024: over
    assert (headlamp["price"], headlamp["sale_price"]) == ("49.95 USD", "39.95 USD")
    assert "list_price" not in headlamp
    assert rows["SO-10266"].raw["price"] == "129.95 USD"  # not begun
    assert rows["SO-10290"].raw["price"] == "12.95 USD"  # dates alone: whole days
    assert rows["SO-10295"].raw["price"] == "44.95 USD"  # an unreadable window: used, with a warning
    [(column, message)] = rows["SO-10295"].warnings
    assert column == "g:sale_price_effective_date" and "cannot read 'Black Friday week'" in message
    [(column, message)] = rows["SO-10270"].warnings
    assert column == "g:sale_price" and message == "29.95 USD is above the price, 24.95 USD: the price is indexed"
    assert rows["SO-10270"].raw["price"] == "24.95 USD"
    [sales] = [note for note in reader.notes if "sale prices not in effect" in note]
    assert "2 sale prices not in effect now (sale_price_effective_date: 1 ended, 1 not started)" in sales


def test_merchant_google_product_categorys_are_kept():
    reader = open_feed(FIXTURES / "merchant_center.xml", options=NOW)
    rows = {row.raw["id"]: row.raw for row in reader.read()}
    assert rows["SO-10285"]["google_product_category"] == "2271"
    assert "category" not in rows["SO-10285"]
    assert rows["SO-10231"]["google_product_category"] == "100"
    assert rows["SO-10231"]["category"] == "Bags & Packs > Daypacks"  # product_type wins
    stove = rows["SO-10266"]  # a textual Google category is the category when there is no product_type
    assert stove["category"] == "Sporting Goods > Outdoor Recreation > Camping & Hiking > Portable Cooking Stoves"
    assert any("1 product has only a numeric google_product_category" in note for note in reader.notes)
    assert any("'Chinese_Title'" in note and "did you mean title_zh?" in note for note in reader.notes)


def test_merchant_feed_through_the_cli(tmp_path, embedder):
    data = tmp_path / "data"
    result = index(FIXTURES / "merchant_center.xml", "--data-dir", data)
    assert result.exit_code == 0, result.output
    assert "read 7, indexed 7, unchanged 0, rejected 0, skipped 0, deleted 0" in result.stdout
    assert (
        "warning merchant_center.xml item 4 (id 'SO-10270'): g:sale_price: 29.95 USD is above the price, 24.95 USD"
        in result.stderr
    )
    assert "sale prices not in effect now" in result.stderr
    assert stored(data, embedder, "SO-10248").price == 49.95  # the expired sale is not shown
    assert stored(data, embedder, "SO-10231").price == 59.95
    nalgene = stored(data, embedder, "SO-10285")
    assert nalgene.attributes["google_product_category"] == "2271" and nalgene.category == ""


def test_merchant_text_feed_hints_at_a_misnamed_column():
    reader = open_feed(FIXTURES / "merchant_center.tsv", options=NOW)
    rows = list(reader.read())
    assert [row.raw["price"] for row in rows] == ["59.95 USD", "49.95 USD", "24.95 USD", "17.99 USD"]
    assert rows[2].warnings == [("sale_price", "29.95 USD is above the price, 24.95 USD: the price is indexed")]
    assert any("'Chinese Title'" in note and "did you mean title_zh?" in note for note in reader.notes)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2016-02-24T13:00-0800/2016-02-29T15:30-0800", "2016-02-24T21:00:00+00:00", "2016-02-29T23:30:00+00:00"),
        ("2016-02-24T13:00Z/2016-02-29T15:30Z", "2016-02-24T13:00:00+00:00", "2016-02-29T15:30:00+00:00"),
        ("2016-02-24T13:00:00+01:00 / 2016-02-29T15:30+01", "2016-02-24T12:00:00+00:00", "2016-02-29T14:30:00+00:00"),
        ("2016-02-24/2016-02-29", "2016-02-24T00:00:00+00:00", "2016-02-29T23:59:59.999999+00:00"),
        ("2016-02-24T13:00/2016-02-29T15:30", "2016-02-24T13:00:00+00:00", "2016-02-29T15:30:00+00:00"),
    ],
)  # fmt: skip
def test_sale_price_effective_dates_are_read_as_merchant_center_defines_them(text, start, end):
    window = parse_effective_dates(text)
    assert tuple(moment.astimezone(UTC).isoformat() for moment in window) == (start, end)


@pytest.mark.parametrize("text", ["2016-02-24", "Black Friday", "2016-02-29/2016-02-24", "2016-13-01/2016-13-02"])
def test_unreadable_effective_dates_are_refused(text):
    with pytest.raises(BadDate):
        parse_effective_dates(text)


# A seller's own sheet: CSV, Excel, GB18030 ---------------------------------------------------------------------


def test_a_column_that_looks_like_a_field_gets_a_hint_in_a_plain_csv(tmp_path):
    result = index(FIXTURES / "seller_sheet.csv", "--data-dir", tmp_path / "data")
    assert result.exit_code == 0, result.output
    assert "column 'Chinese Title' is not a field this format reads" in result.stderr
    assert "did you mean title_zh?" in result.stderr
    assert "column 'Image URL'" in result.stderr and "did you mean image_link?" in result.stderr
    assert "columns kept as attributes: Capacity" in result.stderr  # `Material` is the catalog's material


def test_rejects_of_a_csv_saved_by_excel_keep_its_bom(tmp_path):
    data = tmp_path / "data"
    result = index(FIXTURES / "seller_sheet.csv", "--data-dir", data)
    assert "read 4, indexed 3, unchanged 0, rejected 1" in result.stdout
    rejects = (data / "rejects" / "seller_sheet.rejects.csv").read_bytes()
    assert rejects.startswith(b"\xef\xbb\xbfid,title,Chinese Title,price")  # Excel shows the Chinese
    assert "象印 不锈钢 保温杯" in rejects.decode("utf-8-sig")


def test_an_excel_workbook_is_read_directly(tmp_path, embedder):
    workbook = tmp_path / "catalog.xlsx"
    save_as_workbook(FIXTURES / "seller_sheet.csv", workbook, numbers=True, notes_sheet=True)
    assert detect_format(workbook) == "csv"
    data = tmp_path / "data"
    result = index(workbook, "--data-dir", data)
    assert result.exit_code == 0, result.output
    assert "read 4, indexed 3, unchanged 0, rejected 1" in result.stdout
    assert "catalog.xlsx:4 (id '10025'): price: cannot read 'N/A'" in result.stderr  # the row Excel shows
    assert "only the first, 'Products', was read" in result.stderr
    assert "did you mean title_zh?" in result.stderr
    flask = stored(data, embedder, "10023")  # a numeric cell: 10023, not 10023.0
    assert (flask.title, flask.price) == ("Hydro Flask 21 oz Standard Mouth Bottle", 34.95)
    assert flask.attributes["Chinese Title"] == "Hydro Flask 保温水杯 21盎司"
    assert (flask.material, flask.attributes["Capacity"]) == ("Stainless steel", "21 oz")
    rejects = data / "rejects" / "catalog.rejects.csv"
    assert rejects.read_bytes().startswith(b"\xef\xbb\xbf")
    assert list(csv.reader(io.StringIO(rejects.read_text(encoding="utf-8-sig"))))[1][:2] == [
        "10025",
        "Zojirushi Stainless Steel Mug 16 oz",
    ]


def test_an_old_xls_or_a_damaged_workbook_is_refused_with_what_to_do(tmp_path):
    with pytest.raises(UnknownFormat, match=r"\.xlsx"):
        detect_format(tmp_path / "catalog.xls")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"this is not a zip file")
    [row] = list(read_feed(broken))
    assert row.fatal and "not an Excel workbook (.xlsx) that can be read" in row.error


def test_a_gb18030_csv_is_decoded_with_a_note(tmp_path, embedder):
    feed = tmp_path / "gbk_sheet.csv"
    feed.write_bytes((FIXTURES / "seller_sheet.csv").read_text(encoding="utf-8-sig").encode("gb18030"))
    data = tmp_path / "data"
    result = index(feed, "--data-dir", data)
    assert result.exit_code == 0, result.output
    assert "read 4, indexed 3, unchanged 0, rejected 1" in result.stdout
    assert "gbk_sheet.csv is not UTF-8: it was read as gb18030 (GBK) Chinese" in result.stderr
    assert stored(data, embedder, "10024").attributes["Chinese Title"] == "史丹利 经典 真空保温壶"
    rejects = (data / "rejects" / "gbk_sheet.rejects.csv").read_bytes()
    assert "象印 不锈钢 保温杯" in rejects.decode("gb18030")  # written as it was read


def test_a_windows_1252_csv_is_not_mistaken_for_chinese(tmp_path):
    feed = tmp_path / "latin.csv"
    feed.write_bytes("id,title,price\nc-1,Café Bustelo Espresso Coffee,6.49\nc-2,Plain Mug,9.99\n".encode("cp1252"))
    reader = open_feed(feed)
    rows = list(reader.read())
    assert reader.encoding == "utf-8" and not reader.notes
    assert rows[0].raw is None and "not UTF-8" in rows[0].error
    assert rows[1].raw["title"] == "Plain Mug"


def test_a_gb18030_merchant_xml_is_decoded(tmp_path):
    text = (FIXTURES / "merchant_center.xml").read_text(encoding="utf-8")
    feed = tmp_path / "feed.xml"
    feed.write_bytes(text.replace('encoding="UTF-8"', 'encoding="GB18030"').encode("gb18030"))
    reader = open_feed(feed, options=NOW)
    rows = list(reader.read())
    assert len(rows) == 7 and not any(row.fatal for row in rows)
    assert rows[-1].raw["chinese_title"] == "MSR 超轻炉头"
    assert any("declares encoding gb18030" in note for note in reader.notes)


def save_as_workbook(source: Path, target: Path, numbers: bool = False, notes_sheet: bool = False) -> None:
    """A CSV as Excel saves it as a workbook: numbers as numbers, a bold header, a formatted empty column."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Products"
    with source.open(encoding="utf-8-sig", newline="") as f:
        for number, values in enumerate(csv.reader(f)):
            cells: list[object] = [_number(v) if numbers and number else v or None for v in values]
            sheet.append([*cells, None])
    for cell in sheet[1]:
        cell.font = openpyxl.styles.Font(bold=True)
    sheet.cell(row=2, column=sheet.max_column + 1).number_format = "0.00"  # formatted, empty
    if notes_sheet:
        workbook.create_sheet("Notes").append(["Prices in USD; updated weekly"])
    workbook.save(target)


def _number(value: str) -> object:
    for kind in (int, float):
        try:
            return kind(value)
        except ValueError:
            pass
    return value or None


def test_feeds_json_records_what_built_the_index(tmp_path):
    data = tmp_path / "data"
    index(FIXTURES / "merchant_center.xml", "--data-dir", data)
    stats = CliRunner().invoke(app, ["stats", "--data-dir", str(data), "--json"])
    [feed] = json.loads(stats.stdout)["feeds"]
    assert feed["path"] == str((FIXTURES / "merchant_center.xml").resolve())
    assert (feed["format"], feed["products"]) == ("merchant-xml", 7)
