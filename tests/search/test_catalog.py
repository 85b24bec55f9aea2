import json

import pytest

from search.catalog import Availability, InvalidProduct, Product, Variant, normalize_category, parse_price


@pytest.mark.parametrize(
    ("raw", "usd"),
    [(19.99, 19.99), (5, 5.0), ("19.99 USD", 19.99), ("USD 7", 7.0), ("$1,299.00", 1299.0), (" 12.5 ", 12.5)],
)
def test_price_forms_in_usd_are_read(raw, usd):
    assert parse_price(raw) == usd


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("abc", "cannot read 'abc'"),
        ("12,99 EUR", "is in EUR"),
        ("EUR 5", "is in EUR"),
        ("12 dollars", "cannot read"),
        (-3, "must not be negative"),
        (True, "must be a number"),
        ("1.2.3", "cannot read"),
    ],
)
def test_bad_prices_are_refused_with_a_reason(raw, reason):
    with pytest.raises(ValueError, match=reason):
        parse_price(raw)


def test_from_raw_accepts_merchant_center_forms():
    product = Product.from_raw(
        {"id": 42, "title": " Yeti Rambler ", "price": "35 USD", "availability": "in stock", "color": "Navy"}
    )
    assert product.id == "42"
    assert product.title == "Yeti Rambler"
    assert product.availability is Availability.IN_STOCK
    assert product.color == "Navy" and product.attributes == {}  # a variant attribute of the catalog


def test_missing_availability_means_in_stock_and_out_of_stock_is_read():
    assert Product.from_raw({"id": "a", "title": "t", "price": 1}).in_stock
    assert Product.from_raw({"id": "a", "title": "t", "price": 1, "availability": "Out Of Stock"}).availability == (
        Availability.OUT_OF_STOCK
    )


def test_invalid_row_names_every_bad_field_and_keeps_the_id():
    with pytest.raises(InvalidProduct) as info:
        Product.from_raw({"id": "x-1", "title": "", "price": "abc", "availability": "sometimes"})
    fields = [field for field, _ in info.value.errors]
    assert fields == ["title", "price", "availability"]
    assert info.value.product_id == "x-1"


def test_missing_required_fields_are_reported():
    with pytest.raises(InvalidProduct) as info:
        Product.from_raw({"description": "no id, no title, no price"})
    assert {field for field, _ in info.value.errors} == {"id", "title", "price"}
    assert all(reason == "is required" for _, reason in info.value.errors)


def test_attributes_may_be_json_text_and_merge_with_extra_columns():
    raw = {"id": "a", "title": "t", "price": 1, "attributes": '{"size": "L"}', "colour": "Red"}
    assert Product.from_raw(raw).attributes == {"size": "L", "colour": "Red"}  # `size` inside attributes stays there


def test_variant_fields_and_list_price_are_validated():
    raw = {"id": "a", "title": "t", "price": "19.99", "list_price": "$24.99", "item_group_id": 1001, "size": 32}
    product = Product.from_raw(raw)
    assert (product.list_price, product.item_group_id, product.size, product.group) == (
        24.99,
        "1001",
        "32",
        "default/1001",
    )
    assert Product.from_raw({**raw, "list_price": "19.99"}).list_price is None  # the price itself: no sale
    assert Product.from_raw({"id": "b", "title": "t", "price": 1}).group == "default/b"  # no group: a group of its own
    with pytest.raises(InvalidProduct) as info:
        Product.from_raw({**raw, "list_price": "9.99", "color": "x" * 201})
    reasons = dict(info.value.errors)
    assert reasons["color"] == "at most 200 characters, got 201"
    with pytest.raises(InvalidProduct, match=r"list_price \(9.99\) must not be below price \(19.99\)"):
        Product.from_raw({**raw, "list_price": "9.99"})


def test_category_path_is_normalised():
    assert normalize_category("Electronics>Audio >  Headphones > ") == "Electronics > Audio > Headphones"


def test_content_hash_changes_with_content_only():
    a = Product.from_raw({"id": "a", "title": "t", "price": 1})
    assert a.content_hash() == Product.from_raw({"id": "a", "title": "t", "price": "1 USD"}).content_hash()
    assert a.content_hash() != Product.from_raw({"id": "a", "title": "t", "price": 2}).content_hash()


def test_a_variant_read_from_a_stored_record_is_the_products_own():
    """A collapsed hit lists each variant from the record the index stores, without validating all of it again: the
    same values as the product read back whole, an unsafe stored link dropped the same way."""
    product = Product.from_raw(
        {"id": 7, "title": "Tumbler, Black, 40 oz", "price": "$35", "price_max": 45, "list_price": "50",
         "availability": "out of stock", "image_link": "https://cdn.example.com/t.jpg", "item_group_id": "tumbler",
         "color": "Black", "size": "40 oz", "gender": "unisex", "material": "", "brand": "Stanley"}
    )  # fmt: skip
    stored = product.model_dump_json()
    assert Variant.from_stored(stored) == Variant.of(product)
    assert Variant.of(product) == Variant(
        "7", 35.0, 45.0, 50.0, Availability.OUT_OF_STOCK, "https://cdn.example.com/t.jpg",
        color="Black", size="40 oz", gender="unisex",
    )  # fmt: skip
    legacy = json.dumps({**json.loads(stored), "image_link": "javascript:alert(1)"})
    assert Variant.from_stored(legacy).image_link == "" == Product.model_validate_json(legacy).image_link
    older = json.dumps({k: v for k, v in json.loads(stored).items() if k != "list_price"})  # before list_price
    assert Variant.from_stored(older) == Variant.of(Product.model_validate_json(older))
    assert Variant.from_stored(older).list_price is None
