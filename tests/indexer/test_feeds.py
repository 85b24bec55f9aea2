import gzip

import pytest

from indexer.feeds import UnknownFormat, detect_format, read_feed

FIXTURES = __import__("pathlib").Path(__file__).resolve().parent.parent / "fixtures"


def test_jsonl_rows_carry_their_line_and_unreadable_rows_a_reason():
    rows = list(read_feed(FIXTURES / "malformed.jsonl"))
    by_line = {row.line: row for row in rows}
    assert by_line[1].raw["id"] == "ok-1"
    assert by_line[2].raw is None and "bad JSON" in by_line[2].error
    assert by_line[8].raw is None and "expected a JSON object" in by_line[8].error
    assert 10 not in by_line  # the blank line
    assert by_line[11].raw["id"] == "ok-3"


def test_csv_with_bom_crlf_quoted_newlines_and_extra_columns():
    rows = list(read_feed(FIXTURES / "malformed.csv"))
    assert [row.line for row in rows] == [2, 3, 5, 6, 7, 8]
    first = rows[0].raw
    assert next(iter(first)) == "id"  # the BOM is not part of the first column name
    assert first["title"] == "Osprey Talon 22 Hiking Backpack, Men's"
    assert rows[1].raw["title"] == "Black Diamond Trail Trekking Poles\r\nPair"
    assert rows[4].raw is None and "7 columns, the header has 6" in rows[4].error


def test_gzip_is_read_transparently(tmp_path):
    path = tmp_path / "feed.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write('{"id": "g", "title": "Gz", "price": 1}\n')
    assert detect_format(path) == "jsonl"
    [row] = list(read_feed(path))
    assert row.raw == {"id": "g", "title": "Gz", "price": 1}


def test_unknown_extension_is_refused(tmp_path):
    with pytest.raises(UnknownFormat, match="--format"):
        detect_format(tmp_path / "feed.pdf")


def test_merchant_tsv_with_bom_crlf_g_prefixed_header_entities_and_sale_price():
    rows = {row.line: row for row in read_feed(FIXTURES / "merchant.tsv")}
    first = rows[2].raw
    assert first["id"] == "m-1"  # the BOM is not part of the first column name
    assert first["title"] == "Ben & Jerry's Insulated Pint Cooler"
    assert first["description"] == "Keeps a pint frozen for 3 hours."
    assert (first["price"], first["list_price"]) == ("19.99 USD", "24.99 USD")
    assert first["category"] == "Home & Kitchen > Drinkware > Coolers"  # product_type wins
    assert rows[2].columns["price"] == "g:sale_price"
    assert rows[3].raw["category"] == "Electronics > Audio > Headphones"  # a textual Google category
    assert rows[7].raw["title"] == "Short row with missing columns"  # missing trailing columns are absent


def test_merchant_xml_items_are_read_with_their_index():
    rows = list(read_feed(FIXTURES / "merchant.xml"))
    assert [row.line for row in rows] == [1, 2, 3, 4, 5]
    first = rows[0].raw
    assert first["title"] == "Osprey Talon 22 Hiking Backpack & Rain Cover"
    assert first["description"] == "22 liters Hip belt & pockets"
    assert (first["price"], first["list_price"]) == ("139.95 USD", "160.00 USD")
    assert first["category"] == "Sports & Outdoors > Camping > Backpacks"
    assert first["google_product_category"] == "3781"  # Google's taxonomy id, kept as an id
    assert rows[1].raw["title"] == "Black Diamond Spot 400 Headlamp"  # RSS <title> without g: is accepted
    assert rows[0].text.startswith("<item") and "g:sale_price" in rows[0].text


def test_broken_xml_keeps_the_items_before_the_break_and_says_where():
    rows = list(read_feed(FIXTURES / "merchant_broken.xml"))
    assert [row.raw["id"] for row in rows[:2]] == ["x-1", "x-2"]
    assert rows[2].fatal and "not well-formed at line 31" in rows[2].error


def test_shopify_variants_become_products_of_the_handles_group():
    rows = [row for row in read_feed(FIXTURES / "shopify_products.csv") if row.skip is None]
    assert [row.raw["id"] for row in rows] == ["HF-21-BLK", "HF-21-PAC", "HF-21-LTD", "YR-20", "EM-1", "NT-1"]
    black, pacific, limited = (row.raw for row in rows[:3])
    assert [row.line for row in rows[:3]] == [2, 4, 5]  # each variant's own row
    assert {raw["item_group_id"] for raw in (black, pacific, limited)} == {"hydro-flask-21oz"}
    assert [raw["color"] for raw in (black, pacific, limited)] == ["Black", "Pacific", "Limited Edition"]
    assert [raw["price"] for raw in (black, pacific, limited)] == ["34.95", "29.95", "$1,299.00"]
    assert pacific["list_price"] == "34.95" and pacific["availability"] == "out_of_stock"
    assert black["description"] == "Keeps drinks cold for 24 hours & hot for 12. BPA\u2011free, dishwasher safe."
    # no `Variant Image`: the product's first image (an `Image Src` on a variant's row is one of the product's)
    assert {raw["image_link"] for raw in (black, pacific, limited)} == {"https://cdn.example.com/hf-black.jpg"}
    assert rows[1].text.startswith("hydro-flask-21oz,Hydro Flask 21 oz Standard Mouth Bottle,")  # stands alone
    assert rows[3].raw["availability"] == "out_of_stock" and rows[3].line == 7  # none in stock


def test_formats_are_detected_from_the_extension_and_the_shopify_header(tmp_path):
    assert detect_format(FIXTURES / "shopify_products.csv") == "shopify"
    assert detect_format(FIXTURES / "malformed.csv") == "csv"
    assert detect_format(FIXTURES / "merchant.tsv") == "merchant-tsv"
    assert detect_format(tmp_path / "feed.txt.gz") == "merchant-tsv"
    assert detect_format(FIXTURES / "merchant.xml") == "merchant-xml"


def test_gzipped_xml_is_streamed_like_plain_xml(tmp_path):
    path = tmp_path / "feed.xml.gz"
    path.write_bytes(gzip.compress((FIXTURES / "merchant.xml").read_bytes()))
    assert [row.raw["id"] for row in read_feed(path)] == ["x-1", "x-2", "x-3", "x-4", "x-5"]
