"""Column names a feed's header uses, matched to the names a format knows: a column that is not one of them but
looks like one ("Chinese Title", "Product Name", "Image URL", "titel") gets a hint naming the field it may mean,
instead of silently becoming an attribute.

Every tabular reader (CSV, Excel, Shopify, Merchant Center text) calls `column_hints` with its header, what it
reads, and the fields a misnamed column could be meant for.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable

from indexer.feeds.base import normalize_column
from search.catalog import Product

CATALOG_FIELDS: tuple[str, ...] = tuple(Product.model_fields)

# Names sellers give catalog fields (normalised by `normalize_column`), beside the fields' own.
_SYNONYMS = {
    "title_zh": (
        "chinese_title",
        "title_chinese",
        "title_cn",
        "cn_title",
        "chinese_name",
        "name_zh",
        "name_cn",
        "product_name_zh",
        "product_name_cn",
        "chinese_product_name",
        "zh_title",
        "中文标题",
        "中文名称",
        "中文名",
        "商品中文名",
        "标题",
    ),
    "description_zh": (
        "chinese_description",
        "description_chinese",
        "description_cn",
        "cn_description",
        "zh_description",
        "chinese_desc",
        "desc_zh",
        "中文描述",
        "中文详情",
        "商品描述",
    ),
    "title": ("name", "product_name", "product_title", "item_name", "item_title", "product"),
    "description": ("desc", "product_description", "long_description", "details", "body", "body_html"),
    "id": ("sku", "product_id", "item_id", "handle", "product_sku", "offer_id"),
    "brand": ("brand_name", "manufacturer", "vendor", "maker"),
    "category": ("category_path", "categories", "product_category", "product_type", "type"),
    "price": ("price_usd", "usd_price", "unit_price", "sale_price_usd"),
    "price_max": ("max_price", "highest_price", "price_high"),
    "list_price": ("compare_at_price", "regular_price", "retail_price", "original_price", "was_price", "msrp"),
    "item_group_id": ("group_id", "parent_sku", "parent_id", "parent", "product_group", "group", "style_id"),
    "color": ("colour", "colors", "colours", "颜色"),
    "size": ("sizes", "尺码", "尺寸"),
    "material": ("materials", "fabric", "材质"),
    "age_group": ("age", "agegroup", "age_range"),
    "availability": ("stock", "stock_status", "in_stock", "inventory_status", "available"),
    "link": ("url", "product_url", "product_link", "page_url", "permalink"),
    "image_link": ("image", "image_url", "image_src", "img", "img_url", "main_image", "picture", "photo"),
    "attributes": ("attrs", "properties", "specs", "specifications"),
}
_CUTOFF = 0.8  # difflib ratio for a typo ("titel", "descripton", "image_links")


def suggest(column: str, targets: Collection[str]) -> str | None:
    """The field of `targets` a column may be meant for, or None."""
    name = normalize_column(column)
    for field, synonyms in _SYNONYMS.items():
        if field in targets and name in synonyms:
            return field
    words = set(name.split("_"))
    if words & {"chinese", "cn", "zh", "中文"}:
        if words & {"title", "name"} and "title_zh" in targets:
            return "title_zh"
        if words & {"description", "desc", "details"} and "description_zh" in targets:
            return "description_zh"
    close = difflib.get_close_matches(name, list(targets), n=1, cutoff=_CUTOFF)
    return close[0] if close else None


def column_hints(
    header: Iterable[str], known: Collection[str], targets: Collection[str], file: str
) -> tuple[list[str], list[str]]:
    """(hints for the columns of `header` that are not `known` but look like one of `targets`, the other unknown
    columns). Both are compared by `normalize_column`."""
    known_names = {normalize_column(name) for name in known}
    hints, others = [], []
    for column in header:
        if not column.strip() or normalize_column(column) in known_names:
            continue
        field = suggest(column, targets)
        if field is None:
            others.append(column)
        else:
            hints.append(
                f"{file}: column {column!r} is not a field this format reads (it is kept as an attribute): "
                f"did you mean {field}? Rename the column to {field} to use it as such"
            )
    return hints, others
