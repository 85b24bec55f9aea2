"""Shopify's product CSV export: one row per variant (and per extra image), the rows of a product under its `Handle`.

Each variant becomes a product of its own, and the product's `Handle` its `item_group_id`, so that search shows the
product once and lists its variants: the variant's id is its `Variant SKU` (without one: the handle, followed by the
option values when the product has several variants), with its own `Variant Price`, `Variant Compare At Price`
(`list_price`, when above the price: a sale), stock (`Variant Inventory Qty` at or below 0 is out of stock, or
backorder when `Variant Inventory Policy` is `continue`; an untracked variant is in stock), `Variant Image` and
option values. Options named like Merchant Center's variant attributes (`Color`/`Colour`, `Size`, `Material`,
`Pattern`, `Gender`, `Age Group`, and their Chinese names) fill those fields; other options (`Flavor`) are kept as
attributes; Shopify's `Default Title` is no option. `Google Shopping / Gender` and `/ Age Group` fill gender and
age group. The product's `Title`, `Body (HTML)` (HTML stripped), `Vendor` (brand), `Product Category` (else `Type`)
and `Image Src` are every variant's; `Tags` and `Type` are kept as attributes. The export has no product link: with
the shop's address (`FeedOptions.shop_url`, `haitao index --shop-url`) each variant links to `SHOP/products/HANDLE`.
Columns the seller added with the catalog's names (`title_zh`, `description_zh`) are read too.

Products that are not for sale are read but skipped — each variant with the reason (`FeedRow.skip`), counted in
the run's summary and taken out of the index if it was there: gift cards (`Gift Card` TRUE), drafts and archived
products (`Status`), and products not published to the online store (`Published` FALSE). Rows of one handle must be
consecutive, as Shopify writes them; a handle seen again later is rejected. A rejected variant's row is written to
the rejects file with its product's columns filled in, so that it can be corrected and indexed on its own.

The same export saved as an Excel workbook (.xlsx) is read alike (`csv.DelimitedReader`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

from indexer.feeds.base import FeedRow, strip_html, unescape
from indexer.feeds.columns import column_hints
from indexer.feeds.csv import DelimitedReader, read_header
from search.catalog import parse_price

HIDDEN_STATUSES = frozenset({"draft", "archived"})
REQUIRED_COLUMNS = ("Handle", "Variant Price")
# The columns of Shopify's product export and import template, over its versions.
COLUMNS = frozenset(
    {
        "Handle", "Title", "Body (HTML)", "Vendor", "Product Category", "Standardized Product Type",
        "Custom Product Type", "Type", "Tags", "Published", "Published Scope",
        "Option1 Name", "Option1 Value", "Option1 Linked To", "Option2 Name", "Option2 Value", "Option2 Linked To",
        "Option3 Name", "Option3 Value", "Option3 Linked To",
        "Variant SKU", "Variant Grams", "Variant Inventory Tracker", "Variant Inventory Qty",
        "Variant Inventory Policy", "Variant Fulfillment Service", "Variant Price", "Variant Compare At Price",
        "Variant Requires Shipping", "Variant Taxable", "Variant Barcode", "Variant Image", "Variant Weight Unit",
        "Variant Tax Code", "Unit Price Total Measure", "Unit Price Total Measure Unit", "Unit Price Base Measure",
        "Unit Price Base Measure Unit", "Image Src", "Image Position", "Image Alt Text", "Gift Card", "SEO Title",
        "SEO Description", "Cost per item", "Status",
    }
)  # fmt: skip
# Market and channel columns ("Price / United States", "Google Shopping / MPN") and metafields ("Color
# (product.metafields.shopify.color-pattern)") are Shopify's too.
_SHOPIFY_PATTERN = re.compile(r" / |\((product|variant)\.metafields\.")
# The catalog's fields a seller may add to the export as columns.
EXTRA_FIELDS = ("title_zh", "description_zh")
DEFAULT_TITLE = "Default Title"  # the option value of a product without options
# Option names (case-folded) that mean a variant attribute of the catalog (Merchant Center's names).
OPTION_FIELDS = {
    **dict.fromkeys(("color", "colour", "colors", "colours", "颜色", "顏色"), "color"),
    **dict.fromkeys(("size", "sizes", "尺码", "尺碼", "尺寸", "大小"), "size"),
    **dict.fromkeys(("material", "materials", "fabric", "材质", "材質"), "material"),
    **dict.fromkeys(("pattern", "print", "图案", "圖案"), "pattern"),
    **dict.fromkeys(("gender", "性别", "性別"), "gender"),
    **dict.fromkeys(("age group", "age", "年龄段", "年齡段"), "age_group"),
}
# Shopify's Google & YouTube channel columns that are catalog fields.
GOOGLE_SHOPPING_FIELDS = {"Google Shopping / Gender": "gender", "Google Shopping / Age Group": "age_group"}


def is_shopify_export(path: Path) -> bool:
    """Whether a CSV file's (or workbook's) header is Shopify's (it has `Handle` and `Variant Price`)."""
    header = read_header(path)
    return all(column in header for column in REQUIRED_COLUMNS)


def product_link(shop_url: str, handle: str) -> str:
    """The product's page on the shop: `https://shop.example.com/products/HANDLE`."""
    return f"{shop_url.rstrip('/')}/products/{quote(handle, safe='')}"


class ShopifyReader(DelimitedReader):
    format = "shopify"
    rejects_suffix = ".csv"

    def on_header(self) -> None:
        unknown = [name for name in self.header if not _SHOPIFY_PATTERN.search(name) and name not in EXTRA_FIELDS]
        hints, _ = column_hints(unknown, COLUMNS, EXTRA_FIELDS, self.path.name)
        self.notes.extend(hints)
        if not self.options.shop_url:
            self.notes.append(
                f"{self.path.name}: a Shopify export has no product links; pass --shop-url https://YOUR-SHOP to "
                "link each product to its page (YOUR-SHOP/products/HANDLE)"
            )

    def rows(self) -> Iterator[FeedRow]:
        group: list[tuple[int, dict[str, str], str]] = []
        seen: dict[str, int] = {}  # each handle and the line it started on
        for line, values, text, error in self.records():
            if error:
                yield FeedRow(line, None, text, error)
                continue
            row = {k: v.strip() for k, v in zip(self.header, values, strict=False)}
            handle = row.get("Handle", "")
            if group and handle != group[0][1].get("Handle"):
                yield from self._product(group)
                group = []
            if not group and handle in seen:
                message = (
                    f"Handle {handle!r} was first seen on line {seen[handle]}: the rows of a product must be "
                    "consecutive, as Shopify exports them"
                )
                yield FeedRow(line, None, text, message)
                continue
            if not group:
                seen[handle] = line
            group.append((line, row, text))
        if group:
            yield from self._product(group)

    def _product(self, group: list[tuple[int, dict[str, str], str]]) -> Iterator[FeedRow]:
        rows = [row for _, row, _ in group]
        variants = [(line, row) for line, row, _ in group if is_variant(row)] or [(group[0][0], rows[0])]
        skip = not_for_sale(rows)
        for line, raw, columns, row in to_catalog(rows, [row for _, row in variants], [line for line, _ in variants]):
            text = self.as_text([row.get(name, "") for name in self.header])
            if skip is not None:
                yield FeedRow(line, {"id": raw["id"]}, text, columns={"id": columns["id"]}, skip=skip)
                continue
            if self.options.shop_url and raw.get("item_group_id"):
                raw["link"] = product_link(self.options.shop_url, raw["item_group_id"])
            yield FeedRow(line, raw, text, columns=columns)


def is_variant(row: dict[str, str]) -> bool:
    """Whether a row of the export is a variant (not only one more image of the product)."""
    return any(row.get(column) for column in ("Variant Price", "Variant SKU", "Option1 Value"))


def option_field(name: str) -> str | None:
    """The variant attribute an option's name means (`Colour` → color), or None: kept as an attribute."""
    return OPTION_FIELDS.get(" ".join(name.casefold().replace("_", " ").split()))


def not_for_sale(rows: list[dict[str, str]]) -> str | None:
    """Why the product of these rows is not for sale in the online store, or None."""
    if _first(rows, "Gift Card").upper() == "TRUE":
        return "gift card"
    status = _first(rows, "Status").lower()
    if status in HIDDEN_STATUSES:
        return status
    if _first(rows, "Published").upper() == "FALSE":
        return "unpublished"
    return None


def _first(rows: list[dict[str, str]], column: str) -> str:
    return next((row[column] for row in rows if row.get(column)), "")


def to_catalog(
    rows: list[dict[str, str]], variants: list[dict[str, str]], lines: list[int]
) -> Iterator[tuple[int, dict[str, Any], dict[str, str], dict[str, str]]]:
    """The rows of one handle → for each variant: (line, catalog raw record, catalog field → Shopify column, the
    variant's row with its product's columns filled in)."""
    handle = rows[0].get("Handle", "")
    product: dict[str, Any] = {
        "title": unescape(_first(rows, "Title")),
        "description": strip_html(_first(rows, "Body (HTML)")),
        "brand": _first(rows, "Vendor"),
    }
    columns = {"id": "Variant SKU", "title": "Title", "description": "Body (HTML)", "brand": "Vendor"}
    columns |= {"item_group_id": "Handle", "price": "Variant Price", "list_price": "Variant Compare At Price"}
    for name in EXTRA_FIELDS:
        if _first(rows, name):
            product[name], columns[name] = _first(rows, name), name
    kind = _first(rows, "Type")
    category = _first(rows, "Product Category")
    product["category"] = unescape(category or kind)
    columns["category"] = "Product Category" if category else "Type"
    for column, name in GOOGLE_SHOPPING_FIELDS.items():
        if _first(rows, column):
            product[name], columns[name] = _first(rows, column), column
    options = [_first(rows, f"Option{n} Name") for n in (1, 2, 3)]
    image = _first(rows, "Image Src")
    for line, row in zip(lines, variants, strict=True):
        raw = dict(product, item_group_id=handle)
        attributes = {"type": kind, "tags": _first(rows, "Tags")}
        values = []
        for n, name in enumerate(options, start=1):
            value = row.get(f"Option{n} Value", "")
            if not name or not value or value == DEFAULT_TITLE:
                continue
            values.append(value)
            field = option_field(name)
            if field is not None:
                raw[field], columns[field] = value, f"Option{n} Value"
            else:
                attributes[name] = value
        raw["attributes"] = {k: v for k, v in attributes.items() if v}
        raw["id"] = row.get("Variant SKU") or _variant_id(handle, values if len(variants) > 1 else [])
        raw["image_link"] = row.get("Variant Image") or image
        raw["price"] = row.get("Variant Price", "")
        compare_at = row.get("Variant Compare At Price", "")
        if compare_at and _above(compare_at, raw["price"]):
            raw["list_price"] = compare_at  # a compare-at price at or below the price is no sale: Shopify shows none
        availability = _availability(row)
        if availability is not None:
            raw["availability"] = availability
        filled = {name: row.get(name) or (rows[0].get(name, "") if _product_column(name) else "") for name in row}
        yield line, raw, columns, filled


def _variant_id(handle: str, option_values: list[str]) -> str:
    """A variant without a SKU: its handle, followed by its option values (`mug-black-12-oz`)."""
    slug = "-".join(re.sub(r"[^0-9a-z]+", "-", value.casefold()).strip("-") for value in option_values)
    return f"{handle}-{slug}" if slug else handle


def _product_column(name: str) -> bool:
    """A column of the product (its first row), not of one variant or image."""
    return not name.startswith(("Variant ", "Image ")) and not re.fullmatch(r"Option\d Value", name)


def _availability(row: dict[str, str]) -> str | None:
    """A tracked variant with nothing in stock is out of stock (backorder when it may be sold anyway)."""
    if "Variant Inventory Tracker" in row and not row["Variant Inventory Tracker"]:
        return None  # Shopify does not track its stock: always available
    quantity = row.get("Variant Inventory Qty", "")
    if not quantity or _int_or_zero(quantity) > 0:
        return None
    return "backorder" if row.get("Variant Inventory Policy", "").lower() == "continue" else "out_of_stock"


def _above(amount: str, price: str) -> bool:
    try:
        return parse_price(amount) > parse_price(price)
    except ValueError:
        return True  # passed on: the catalog's validation names the column and why


def _int_or_zero(text: str) -> int:
    try:
        return int(float(text))
    except ValueError:
        return 0
