"""Google Merchant Center feeds: tab-separated text (`.tsv`, `.txt`) and RSS 2.0 XML with the `g:` namespace.

Both carry the same attributes (`id`, `title`, `description`, `link`, `image_link`, `price` "19.99 USD",
`sale_price`, `availability`, `brand`, `product_type`, `google_product_category`, ...), mapped onto the catalog:

- `sale_price`, when given, is the price (what the shopper pays); the regular `price` is kept as attribute
  `list_price`.
- `product_type` (the seller's own path, `Home > Kitchen > Mugs`) is the category; without it a textual
  `google_product_category` is; the Google category is always kept as an attribute too.
- HTML in descriptions is stripped and entities are decoded; other attributes (`gtin`, `color`, ...) are kept.

XML is streamed with `iterparse`, and each `<item>` is dropped from the tree once read, so memory stays flat.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

from indexer.feeds.base import FeedReader, FeedRow, normalize_column, open_binary, strip_html, unescape
from indexer.feeds.csv import DelimitedReader

G_NS = "http://base.google.com/ns/1.0"
ET.register_namespace("g", G_NS)
_ITEM_TAGS = frozenset({"item", "entry"})


def to_catalog(fields: dict[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """Merchant attributes (normalized names) → (catalog raw record, catalog field → Merchant attribute)."""
    fields = {k: v for k, v in fields.items() if v is not None and v.strip() != ""}
    raw: dict[str, Any] = {}
    columns: dict[str, str] = {}
    for name, value in fields.items():
        if name in ("price", "sale_price", "product_type"):
            continue
        if name == "title":
            raw[name] = unescape(value)
        elif name == "description":
            raw[name] = strip_html(value)
        else:
            raw[name] = value
    if "sale_price" in fields:
        raw["price"], columns["price"] = fields["sale_price"], "sale_price"
        if "price" in fields:
            raw["list_price"] = fields["price"]
    elif "price" in fields:
        raw["price"] = fields["price"]
    google_category = fields.get("google_product_category", "")
    if "product_type" in fields:
        raw["category"], columns["category"] = unescape(fields["product_type"]), "product_type"
    elif google_category and not google_category.isdigit():
        raw["category"], columns["category"] = unescape(google_category), "google_product_category"
    return raw, columns


class MerchantTsvReader(DelimitedReader):
    format = "merchant-tsv"
    rejects_suffix = ".tsv"
    delimiter = "\t"

    def rows(self) -> Iterator[FeedRow]:
        for line, values, text, error in self.records():
            if error:
                yield FeedRow(line, None, text, error)
                continue
            names = [normalize_column(h) for h in self.header]
            raw, columns = to_catalog(dict(zip(names, values, strict=False)))
            original = dict(zip(names, self.header, strict=True))
            columns = {name: name for name in raw if name in original} | columns
            yield FeedRow(line, raw, text, columns={k: original.get(v, v) for k, v in columns.items()})


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _value(element: ET.Element) -> str:
    if len(element):  # g:shipping and friends: country:service:price
        return ":".join((child.text or "").strip() for child in element)
    return (element.text or "").strip()


class MerchantXmlReader(FeedReader):
    format = "merchant-xml"
    rejects_suffix = ".xml"
    location = "item"

    def rows(self) -> Iterator[FeedRow]:
        index = 0
        with open_binary(self.path) as f:
            stack: list[ET.Element] = []
            try:
                for event, element in ET.iterparse(f, events=("start", "end")):
                    if event == "start":
                        stack.append(element)
                        continue
                    stack.pop()
                    if _local(element.tag) not in _ITEM_TAGS:
                        continue
                    index += 1
                    yield self._row(index, element)
                    if stack:
                        stack[-1].remove(element)  # nothing of a read item is kept
                    element.clear()
            except ET.ParseError as exc:
                line, column = exc.position
                message = f"the XML is not well-formed at line {line}, column {column}; the rest was not read"
                yield FeedRow(index + 1, None, "", message, fatal=True)
            except (ValueError, LookupError) as exc:  # a declared encoding expat cannot read (GB18030, unknown)
                message = f"the XML cannot be read ({exc}); save the feed as UTF-8; the rest was not read"
                yield FeedRow(index + 1, None, "", message, fatal=True)

    @staticmethod
    def _row(index: int, item: ET.Element) -> FeedRow:
        fields: dict[str, str] = {}
        for child in item:
            name = normalize_column(_local(child.tag))
            value = _value(child)
            if name in fields:  # repeated attributes (additional_image_link): keep them all
                fields[name] = f"{fields[name]}, {value}" if value else fields[name]
            else:
                fields[name] = value
        raw, columns = to_catalog(fields)
        text = ET.tostring(item, encoding="unicode").strip()
        return FeedRow(index, raw, text, columns={k: f"g:{v}" for k, v in columns.items()})

    def rejects_header(self) -> str:
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<rss version="2.0" xmlns:g="{G_NS}">\n<channel>\n'
            f"<title>Rejected items of {self.path.name}</title>\n"
        )

    def rejects_footer(self) -> str:
        return "</channel>\n</rss>\n"
