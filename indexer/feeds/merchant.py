"""Google Merchant Center feeds: text (tab-separated `.tsv`, `.txt`; also `.csv` or an `.xlsx` workbook with
`--format merchant-tsv`) and RSS 2.0 XML with the `g:` namespace.

Both carry the same attributes (`id`, `title`, `description`, `link`, `image_link`, `price` "19.99 USD",
`sale_price`, `sale_price_effective_date`, `availability`, `brand`, `product_type`, `google_product_category`,
...), mapped onto the catalog:

- `sale_price` is the price (what the shopper pays) while it is in effect, and the regular `price` is the
  `list_price` (hits show the discount). `sale_price_effective_date` (`2026-11-01T00:00-0800/2026-11-11T23:59-0800`:
  ISO 8601 start and end, a date alone meaning its whole day, no zone meaning UTC) bounds the sale: outside it the
  regular price is indexed, and the summary says how many sales had ended or not begun (index the feed again when one
  starts: the price then changes). A sale price above the price is a warning, and the price is indexed.
- `product_type` (the seller's own path, `Home > Kitchen > Mugs`) is the category; without it a textual
  `google_product_category` is. Either form of `google_product_category` (a path, or Google's numeric taxonomy
  id, `2271`) is kept as attribute `google_product_category`, for the taxonomy to place the product by; a product
  with only an id and no `product_type` is counted in a note (it has no category path of its own).
- `item_group_id` groups variants, and the variant attributes `color`, `size`, `material`, `pattern`, `gender`
  and `age_group` are the catalog's fields of the same names.
- HTML in descriptions is stripped and entities are decoded; other attributes (`gtin`, `size_system`, ...) are
  kept. An attribute that is not Merchant Center's but looks like a catalog field (`Chinese Title`) gets a hint.

XML is streamed with `iterparse`, and each `<item>` is dropped from the tree once read, so memory stays flat.
"""

from __future__ import annotations

import codecs
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO

from indexer.feeds.base import FeedOptions, FeedReader, FeedRow, normalize_column, open_binary, strip_html, unescape
from indexer.feeds.columns import CATALOG_FIELDS, column_hints
from indexer.feeds.csv import DelimitedReader
from search.catalog import parse_price

G_NS = "http://base.google.com/ns/1.0"
ET.register_namespace("g", G_NS)
_ITEM_TAGS = frozenset({"item", "entry"})
_XML_CHUNK = 1 << 16
_DECLARED_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["'](?P<encoding>[A-Za-z0-9._-]+)["']""")
# Encodings expat refuses ("multi-byte encodings are not supported") that Chinese tools write, and the codec for each.
_DECODED_HERE = {"gb18030": "gb18030", "gbk": "gb18030", "gb2312": "gb18030", "cp936": "gb18030", "big5": "big5"}
# Merchant Center's product data attributes (and RSS's own item elements), besides the catalog's fields.
ATTRIBUTES = frozenset(
    """
    id title description link mobile_link canonical_link image_link additional_image_link lifestyle_image_link
    availability availability_date cost_of_goods_sold expiration_date price sale_price sale_price_effective_date
    unit_pricing_measure unit_pricing_base_measure installment subscription_cost loyalty_points
    minimum_price auto_pricing_min_price google_product_category product_type brand gtin mpn identifier_exists
    condition adult multipack is_bundle certification energy_efficiency_class min_energy_efficiency_class
    max_energy_efficiency_class age_group color gender material pattern size size_type size_system
    item_group_id product_length product_width product_height product_weight product_detail product_highlight
    ads_redirect custom_label_0 custom_label_1 custom_label_2 custom_label_3 custom_label_4 promotion_id
    excluded_destination included_destination shopping_ads_excluded_country pause shipping shipping_label
    shipping_weight shipping_length shipping_width shipping_height ships_from_country transit_time_label
    max_handling_time min_handling_time free_shipping_threshold tax tax_category return_policy_label
    external_seller_id virtual_model_link disclosure_date structured_title structured_description
    guid pubdate author category comments enclosure source
    """.split()
)
_DATE = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[T ](?P<time>\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?"
    r"\s*(?P<zone>Z|[+-]\d{2}(?::?\d{2})?)?$"
)


class BadDate(ValueError):
    pass


def parse_effective_dates(text: str) -> tuple[datetime, datetime]:
    """`start/end` of `sale_price_effective_date` → the window, as aware datetimes (end inclusive)."""
    parts = [part.strip() for part in text.split("/")]
    if len(parts) != 2:
        raise BadDate("not a start and an end separated by /")
    start, end = (_parse_date(part, end=index == 1) for index, part in enumerate(parts))
    if end < start:
        raise BadDate("the end is before the start")
    return start, end


def _parse_date(text: str, end: bool) -> datetime:
    match = _DATE.match(text)
    if match is None:
        raise BadDate(f"{text!r} is not a date")
    zone = match["zone"] or "Z"
    zone = "+00:00" if zone == "Z" else f"{zone[:3]}:{zone[3:].lstrip(':') or '00'}"  # ±hh, ±hhmm, ±hh:mm
    try:
        if match["time"]:
            return datetime.fromisoformat(f"{match['date']}T{match['time']}{zone}")
        day = datetime.fromisoformat(f"{match['date']}T00:00{zone}")
    except ValueError as exc:
        raise BadDate(f"{text!r} is not a date: {exc}") from None
    return day + timedelta(days=1, microseconds=-1) if end else day  # a date alone: its whole day


@dataclass
class MerchantItem:
    raw: dict[str, Any]
    columns: dict[str, str]  # catalog field → Merchant attribute
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (Merchant attribute, message)
    sale: str | None = None  # "ended" or "not started" when the sale price is not in effect
    category_id_only: bool = False  # a numeric google_product_category and no product_type: no category


def to_catalog(fields: dict[str, str], now: datetime) -> MerchantItem:
    """Merchant attributes (normalized names) → the catalog raw record, with what to warn about."""
    fields = {k: v for k, v in fields.items() if v is not None and v.strip() != ""}
    item = MerchantItem({}, {})
    raw = item.raw
    for name, value in fields.items():
        if name in ("price", "sale_price", "product_type", "google_product_category"):
            continue
        if name == "title":
            raw[name] = unescape(value)
        elif name == "description":
            raw[name] = strip_html(value)
        else:
            raw[name] = value
    _price(fields, now, item)
    google_category = unescape(fields.get("google_product_category", ""))
    if google_category:
        raw["google_product_category"] = google_category  # a path, or Google's taxonomy id: kept as given
    if "product_type" in fields:
        raw["category"], item.columns["category"] = unescape(fields["product_type"]), "product_type"
    elif google_category.isdigit():
        item.category_id_only = True
    elif google_category:
        raw["category"], item.columns["category"] = google_category, "google_product_category"
    return item


def _price(fields: dict[str, str], now: datetime, item: MerchantItem) -> None:
    """The price to index: the sale price while it is in effect and not above the price, else the price."""
    price, sale = fields.get("price"), fields.get("sale_price")
    use_sale = sale is not None
    window = fields.get("sale_price_effective_date")
    if sale is not None and window is not None:
        try:
            start, end = parse_effective_dates(window)
        except BadDate as exc:
            message = (
                f"cannot read {window!r} ({exc}): write it as 2026-11-01T00:00-0800/2026-11-11T23:59-0800; "
                "the sale price is used as if always in effect"
            )
            item.warnings.append(("sale_price_effective_date", message))
        else:
            if now > end:
                use_sale, item.sale = False, "ended"
            elif now < start:
                use_sale, item.sale = False, "not started"
    if use_sale and price is not None and _above(sale, price):
        item.warnings.append(("sale_price", f"{sale} is above the price, {price}: the price is indexed"))
        use_sale = False
    if use_sale:
        item.raw["price"], item.columns["price"] = sale, "sale_price"
        if price is not None:
            item.raw["list_price"], item.columns["list_price"] = price, "price"
    else:
        if price is not None:
            item.raw["price"] = price
        if sale is not None:
            item.raw["sale_price"] = sale  # kept as an attribute, as the seller wrote it


def _above(sale: str, price: str) -> bool:
    try:
        return parse_price(sale) > parse_price(price)
    except ValueError:
        return False  # the catalog's validation names the attribute and why


class MerchantReader:
    """What the text and XML readers share: the time sales are judged at, and the notes of a whole feed."""

    path: Path
    options: FeedOptions
    notes: list[str]

    def start(self) -> None:
        self.now = self.options.now or datetime.now(UTC)
        self.sales: Counter[str] = Counter()
        self.category_ids_only = 0

    def item(self, fields: dict[str, str]) -> MerchantItem:
        item = to_catalog(fields, self.now)
        if item.sale:
            self.sales[item.sale] += 1
        self.category_ids_only += item.category_id_only
        return item

    def finish(self) -> None:
        if self.sales:
            counts = ", ".join(f"{n} {state}" for state, n in sorted(self.sales.items()))
            n = sum(self.sales.values())
            self.notes.append(
                f"{self.path.name}: {n} sale price{'s' if n != 1 else ''} not in effect now "
                f"(sale_price_effective_date: {counts}): their regular price is indexed; index the feed again "
                "when a sale starts"
            )
        if self.category_ids_only:
            n = self.category_ids_only
            has = "product has" if n == 1 else "products have"
            self.notes.append(
                f"{self.path.name}: {n} {has} only a numeric google_product_category (Google's taxonomy id, kept "
                "as attribute google_product_category) and no product_type, so no category path of its own; add "
                "product_type (your own path, Home > Kitchen > Mugs)"
            )

    def hints(self, names: list[str]) -> None:
        hints, _ = column_hints(names, ATTRIBUTES | set(CATALOG_FIELDS), CATALOG_FIELDS, self.path.name)
        self.notes.extend(hints)


class MerchantTsvReader(MerchantReader, DelimitedReader):
    format = "merchant-tsv"
    rejects_suffix = ".tsv"
    delimiter = "\t"

    def on_header(self) -> None:
        self.names = [normalize_column(h) for h in self.header]
        self.original = dict(zip(self.names, self.header, strict=True))
        self.hints(self.header)

    def rows(self) -> Iterator[FeedRow]:
        self.start()
        for line, values, text, error in self.records():
            if error:
                yield FeedRow(line, None, text, error)
                continue
            item = self.item(dict(zip(self.names, values, strict=False)))
            columns = {name: name for name in item.raw if name in self.original} | item.columns
            yield FeedRow(
                line,
                item.raw,
                text,
                columns={k: self.original.get(v, v) for k, v in columns.items()},
                warnings=[(self.original.get(name, name), message) for name, message in item.warnings],
            )
        self.finish()


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _value(element: ET.Element) -> str:
    if len(element):  # g:shipping and friends: country:service:price
        return ":".join((child.text or "").strip() for child in element)
    return (element.text or "").strip()


class MerchantXmlReader(MerchantReader, FeedReader):
    format = "merchant-xml"
    rejects_suffix = ".xml"
    location = "item"

    def rows(self) -> Iterator[FeedRow]:
        self.start()
        self.seen: dict[str, str] = {}  # each attribute name met, as written
        yield from self._items()
        self.hints(list(self.seen.values()))
        self.finish()

    def _items(self) -> Iterator[FeedRow]:
        index = 0
        with open_binary(self.path) as f:
            stack: list[ET.Element] = []
            parser = ET.XMLPullParser(events=("start", "end"))
            try:
                for chunk in self._chunks(f):
                    parser.feed(chunk)
                    for event, element in parser.read_events():
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
                parser.close()
            except ET.ParseError as exc:
                line, column = exc.position
                message = f"the XML is not well-formed at line {line}, column {column}; the rest was not read"
                yield FeedRow(index + 1, None, "", message, fatal=True)
            except (ValueError, LookupError) as exc:  # a declared encoding neither expat nor Python can read
                message = f"the XML cannot be read ({exc}); save the feed as UTF-8; the rest was not read"
                yield FeedRow(index + 1, None, "", message, fatal=True)

    def _chunks(self, f: BinaryIO) -> Iterator[bytes | str]:
        """The file's bytes for expat; or, when it declares a multi-byte encoding expat cannot read (GB18030,
        GBK, Big5), its text decoded here (expat then reads the text and ignores the declaration)."""
        head = f.peek(256)[:256]  # type: ignore[attr-defined]
        declared = _DECLARED_ENCODING.match(head)
        encoding = declared and declared["encoding"].decode("ascii").lower()
        if encoding not in _DECODED_HERE:
            while chunk := f.read(_XML_CHUNK):
                yield chunk
            return
        self.notes.append(f"{self.path.name} declares encoding {encoding}: it was decoded as such; UTF-8 is safer")
        decoder = codecs.getincrementaldecoder(_DECODED_HERE[encoding])(errors="strict")
        while chunk := f.read(_XML_CHUNK):
            yield decoder.decode(chunk)
        yield decoder.decode(b"", final=True)

    def _row(self, index: int, element: ET.Element) -> FeedRow:
        fields: dict[str, str] = {}
        for child in element:
            tag = _local(child.tag)
            name = normalize_column(tag)
            self.seen.setdefault(name, tag)
            value = _value(child)
            if name in fields:  # repeated attributes (additional_image_link): keep them all
                fields[name] = f"{fields[name]}, {value}" if value else fields[name]
            else:
                fields[name] = value
        item = self.item(fields)
        text = ET.tostring(element, encoding="unicode").strip()
        columns = {k: f"g:{v}" for k, v in item.columns.items()}
        warnings = [(f"g:{name}", message) for name, message in item.warnings]
        return FeedRow(index, item.raw, text, columns=columns, warnings=warnings)

    def rejects_header(self) -> str:
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<rss version="2.0" xmlns:g="{G_NS}">\n<channel>\n'
            f"<title>Rejected items of {self.path.name}</title>\n"
        )

    def rejects_footer(self) -> str:
        return "</channel>\n</rss>\n"
