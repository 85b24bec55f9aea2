"""Shopify's product CSV export: one row per variant (and per extra image), grouped by `Handle` into one product.

`Handle` is the id; `Title`, `Body (HTML)` (HTML stripped), `Vendor` (brand), `Product Category` (else `Type`) and
`Image Src` come from the product's rows; the variants' `Variant Price`s give the price range: `price` is the
lowest (what filters and sort use, "from $19.99"), `price_max` the highest when they differ. `Tags`, `Type` and the
variants' SKUs and options are kept as attributes. The export has no product link: with the shop's address
(`FeedOptions.shop_url`, `haitao index --shop-url`) each product links to `SHOP/products/HANDLE`. Columns the
seller added with the catalog's names (`title_zh`, `description_zh`) are read too.

Products that are not for sale are read but skipped, each with its reason (`FeedRow.skip`), counted in the run's
summary and taken out of the index if they were in it: gift cards (`Gift Card` TRUE), drafts and archived products
(`Status`), and products not published to the online store (`Published` FALSE). Rows of one handle must be
consecutive, as Shopify writes them; a handle seen again later is rejected as a duplicate.

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
        for line, values, text, error in self.records():
            if error:
                yield FeedRow(line, None, text, error)
                continue
            row = {k: v.strip() for k, v in zip(self.header, values, strict=False)}
            if group and row.get("Handle") != group[0][1].get("Handle"):
                yield from self._product(group)
                group = []
            group.append((line, row, text))
        if group:
            yield from self._product(group)

    def _product(self, group: list[tuple[int, dict[str, str], str]]) -> Iterator[FeedRow]:
        line = group[0][0]
        text = "\n".join(t for _, _, t in group)
        rows = [row for _, row, _ in group]
        skip = not_for_sale(rows)
        if skip is not None:
            yield FeedRow(line, {"id": rows[0].get("Handle", "")}, text, columns={"id": "Handle"}, skip=skip)
            return
        raw, columns = to_catalog(rows)
        if self.options.shop_url and raw["id"]:
            raw["link"] = product_link(self.options.shop_url, raw["id"])
        yield FeedRow(line, raw, text, columns=columns)


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


def _all(rows: list[dict[str, str]], column: str) -> list[str]:
    return list(dict.fromkeys(row[column] for row in rows if row.get(column)))


def to_catalog(rows: list[dict[str, str]]) -> tuple[dict[str, Any], dict[str, str]]:
    """The rows of one handle → (catalog raw record, catalog field → Shopify column)."""
    columns = {"id": "Handle", "title": "Title", "description": "Body (HTML)", "brand": "Vendor"}
    columns |= {"price": "Variant Price", "price_max": "Variant Price", "image_link": "Image Src"}
    raw: dict[str, Any] = {
        "id": rows[0].get("Handle", ""),
        "title": unescape(_first(rows, "Title")),
        "description": strip_html(_first(rows, "Body (HTML)")),
        "brand": _first(rows, "Vendor"),
        "image_link": _first(rows, "Image Src") or _first(rows, "Variant Image"),
    }
    for name in EXTRA_FIELDS:
        if _first(rows, name):
            raw[name], columns[name] = _first(rows, name), name
    kind = _first(rows, "Type")
    category = _first(rows, "Product Category")
    raw["category"] = unescape(category or kind)
    columns["category"] = "Product Category" if category else "Type"
    attributes = {"type": kind, "tags": _first(rows, "Tags"), "skus": ", ".join(_all(rows, "Variant SKU"))}
    for n in (1, 2, 3):
        name, values = _first(rows, f"Option{n} Name"), _all(rows, f"Option{n} Value")
        if name and values and values != ["Default Title"]:
            attributes[name] = ", ".join(values)
    raw["attributes"] = {k: v for k, v in attributes.items() if v}

    raw.update(_price_range(_all(rows, "Variant Price")))
    quantities = [row["Variant Inventory Qty"] for row in rows if row.get("Variant Inventory Qty")]
    if quantities and all(_int_or_zero(q) <= 0 for q in quantities):
        raw["availability"] = "out_of_stock"
    return raw, columns


def _price_range(prices: list[str]) -> dict[str, Any]:
    """The lowest and highest variant price; a variant price that cannot be read is passed on to be reported."""
    amounts = []
    for price in prices:
        try:
            amounts.append(parse_price(price))
        except ValueError:
            return {"price": price}  # the catalog's validation names the column and the reason
    if not amounts:
        return {}
    low, high = min(amounts), max(amounts)
    return {"price": low, "price_max": high} if high > low else {"price": low}


def _int_or_zero(text: str) -> int:
    try:
        return int(float(text))
    except ValueError:
        return 0
