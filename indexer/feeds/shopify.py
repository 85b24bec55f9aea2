"""Shopify's product CSV export: one row per variant (and per extra image), grouped by `Handle` into one product.

`Handle` is the id; `Title`, `Body (HTML)` (HTML stripped), `Vendor` (brand), `Product Category` (else `Type`) and
`Image Src` come from the product's rows; the variants' `Variant Price`s give the price range: `price` is the
lowest (what filters and sort use, "from $19.99"), `price_max` the highest when they differ. `Tags`, `Type` and the
variants' SKUs and options are kept as attributes. Products whose `Status` is `draft` or `archived` are not
listed, so they are skipped (and `--delete-missing` removes them). Rows of one handle must be consecutive, as
Shopify writes them; a handle seen again later is rejected as a duplicate.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from indexer.feeds.base import READ_ERRORS, FeedRow, open_text, strip_html, unescape
from indexer.feeds.csv import DelimitedReader
from search.catalog import parse_price

HIDDEN_STATUSES = frozenset({"draft", "archived"})
REQUIRED_COLUMNS = ("Handle", "Variant Price")


def is_shopify_export(path: Path) -> bool:
    """Whether a CSV file's header is Shopify's (it has `Handle` and `Variant Price`)."""
    try:
        with open_text(path) as f:
            header = [name.strip() for name in next(csv.reader(f), [])]
    except READ_ERRORS:
        return False  # read as a plain CSV, whose reading reports the error
    return all(column in header for column in REQUIRED_COLUMNS)


class ShopifyReader(DelimitedReader):
    format = "shopify"
    rejects_suffix = ".csv"

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
        if any(row.get("Status", "").lower() in HIDDEN_STATUSES for row in rows):
            return
        raw, columns = to_catalog(rows)
        yield FeedRow(line, raw, text, columns=columns)


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
