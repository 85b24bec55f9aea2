"""The catalog fields, described once. Everything else is derived from `FIELDS`:

- the tantivy schema (`backends/embedded/schema.py`) and the OpenSearch mapping (`backends/opensearch/index.py`),
  and the values each backend indexes for a product (`index_values`);
- the API's filter and facet parameters (`api/schemas.py`: one list parameter per filterable keyword field, the
  names `facets=` and `GET /v1/facets?name=` accept) and the fields a hit shows;
- the storefront's facet list (`GET /storefront.json`, read by `static/app.js`);
- what `Filters` holds and how a facet's own filter is dropped for its counts (`backends/base.py`).

A new filterable, facetable keyword field — a seller, a colour (`color`, `size` and the other variant attributes
were added so) — is one `CatalogField` entry here plus the field on
`Product` (`search/catalog.py`); the backends, the API and the storefront pick it up. Changing what is indexed
requires a rebuild: bump `SCHEMA_VERSION`.

Derived fields (`derived=True`) are not in the seller's record: the write path computes them from the product's
taxonomy node (`search.taxonomy`, assigned by `search.documents`): the node itself (`ProductNode`, stored, its
id, path and confidence indexed), and the Chinese words saying what the product is (`type_zh`,
`search.taxonomy.indexing`), which the keyword leg searches like any Chinese field.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from search.analysis.english import brand_key, english_terms, model_terms
from search.catalog import VARIANT_ATTRIBUTES

if TYPE_CHECKING:
    from search.catalog import Product

SCHEMA_VERSION = 9
"""2: attributes and seq; 3: fields from the registry, Snowball English terms on both backends; 4: the taxonomy node
and the Chinese type terms of every product; 5: product groups (`item_group_id`), the variant attributes and
`list_price`; 6: the `group` field (and the embedded index's group hash) that search collapses by; 7: sellers,
`(seller, id)` identity (`key`); 8: groups are one seller's (`SELLER/ITEM_GROUP_ID`); 9: `models`, the word-delimiter
forms of the title's model numbers. An index of an older version
is migrated by `search.migration` (its records and vectors rewritten, nothing embedded again)."""


class FieldType(StrEnum):
    ID = "id"  # the product id: exact, stored, returned
    TEXT = "text"  # free text, only searched
    KEYWORD = "keyword"  # one exact value: filtered by any of several values, counted as a facet
    CATEGORY = "category"  # a path `A > B > C`: filtered by a prefix (everything below it), counted by full path
    AVAILABILITY = "availability"  # a keyword filtered by the boolean `in_stock`
    PRICE = "price"  # USD: filtered by a range, counted in buckets, sortable
    ATTRIBUTES = "attributes"  # name → value pairs, filtered by `attr=name:value`
    STORED = "stored"  # kept in the record and returned (links, the top of a price range), never searched
    NODE = "node"  # the product's taxonomy node (derived): `ProductNode` stored; its id, path and confidence indexed


class Analysis(StrEnum):
    ENGLISH = "english"  # `search.analysis.english.english_terms`: Snowball English terms, analysed before indexing
    CHINESE = "chinese"  # jieba-segmented terms (search mode), matched whole


def keyword_key(value: str) -> str:
    """How keyword values compare by default, in filters and in the index: case and spacing ignored."""
    return " ".join(str(value).casefold().split())


GROUP_FIELD = "group"
"""The index field of a product's group (`Product.group`): search shows one hit per group (`distinct`), counts
groups, and lists a group's variants by it."""


def exact_key(value: str) -> str:
    """Ids compare as written (only surrounding spaces ignored)."""
    return str(value).strip()


@dataclass(frozen=True)
class CatalogField:
    name: str  # the Product attribute, the facet name and the filter parameter
    type: FieldType
    search: Analysis | None = None  # searched by the keyword leg, analysed so (weights: search/ranking.py)
    filterable: bool = False
    facetable: bool = False
    sortable: bool = False
    stored: bool = True  # kept in the stored record, returned by GET /v1/products/{id}
    shown: bool = False  # a field of each search hit (`fields=` chooses among them)
    label: str = ""  # what shoppers call it: the storefront's heading for the facet
    description: str = ""  # the filter parameter's documentation
    example: Any = None  # an example filter value for the API documentation
    key: Callable[[str], str] = keyword_key  # KEYWORD: how values are compared in filters and boosts
    text: Callable[[Product], str] | None = None  # ENGLISH search: the text indexed, when not the value itself
    param: str = ""  # the API's filter parameter, when not the field's name (a name the API uses otherwise)
    derived: bool = False  # computed by the write path from the product's taxonomy node, not in the record
    # ENGLISH search of a field computed from the product's other fields: its terms, indexed as given
    terms: Callable[[Product], list[str]] | None = None

    def value(self, product: Product) -> Any:
        if self.derived:
            raise ValueError(f"{self.name} is derived at write time, not a field of the product")
        return getattr(product, self.name, None)

    @property
    def text_field(self) -> str:
        """The analysed index field the keyword leg searches: the field's own name for free text."""
        return self.name if self.type is FieldType.TEXT else f"{self.name}_text"

    @property
    def key_field(self) -> str:
        """KEYWORD: the index field of normalised values, for filters and boosts (the field itself keeps the
        value as written, for facets)."""
        return f"{self.name}_key"

    @property
    def parameter(self) -> str:
        """KEYWORD: the API's filter parameter (`brand=Sony`): the field's name, unless the API uses that name."""
        return self.param or self.name

    @property
    def filter_name(self) -> str:
        """The name of its filter in `Filters`, explanations and the storefront's state: `brand` → `brands`."""
        return f"{self.name}s"


def facet(name: str, label: str, description: str, example: list[str], **options: Any) -> CatalogField:
    """A keyword field shoppers filter by (any of the values given) and count (a facet), shown in hits."""
    description += "; repeat the parameter or separate values with commas."
    return CatalogField(
        name, FieldType.KEYWORD, filterable=True, facetable=True, shown=True, label=label, description=description,
        example=example, **options,
    )  # fmt: skip


FIELDS: tuple[CatalogField, ...] = (
    CatalogField("id", FieldType.ID, shown=True),
    CatalogField("title", FieldType.TEXT, search=Analysis.ENGLISH, shown=True),
    CatalogField("description", FieldType.TEXT, search=Analysis.ENGLISH),
    # The title's model numbers and hyphenated words as a word-delimiter filter splits and joins them (sm-g998 → g 998
    # smg smg998 beside the title's sm g998), apart from the title so that they add no length to it.
    CatalogField("models", FieldType.TEXT, search=Analysis.ENGLISH, stored=False, terms=lambda p: title_forms(p.title)),
    facet("brand", "品牌", "Only these brands (any of them)", ["Sony", "Bose"], search=Analysis.ENGLISH, key=brand_key),
    CatalogField(
        "category",
        FieldType.CATEGORY,
        search=Analysis.ENGLISH,
        filterable=True,
        facetable=True,
        shown=True,
        label="类目",
        text=lambda product: product.category.replace(">", " "),
    ),
    facet("condition", "成色", "Only products in these conditions (new, refurbished, used)", ["new"]),
    facet("seller", "商家", "Only these sellers' products (seller ids)", ["circuit-harbor"]),
    CatalogField(
        "item_group_id",
        FieldType.KEYWORD,
        filterable=True,
        shown=True,
        description="Only the variants of these product groups (ids as the seller wrote them; with "
        "`distinct=false`, every variant of a group); repeat the parameter or separate values with commas.",
        example=["hydro-flask-32-oz-wide-mouth"],
        key=exact_key,
    ),
    # The group a product is collapsed into (`Product.group`): filtered and counted internally, never a parameter.
    CatalogField(GROUP_FIELD, FieldType.KEYWORD, stored=False, key=exact_key),
    # The variant attributes (catalog.VARIANT_ATTRIBUTES), with Merchant Center's names.
    facet("color", "颜色", "Only products in these colours", ["Black", "Navy"]),
    facet("size", "尺码", "Only products in these sizes", ["M", "32 oz"], param="variant_size"),  # `size`: page size
    facet("material", "材质", "Only products of these materials", ["Stainless Steel"]),
    facet("pattern", "图案", "Only products with these patterns", ["Striped"]),
    facet("gender", "性别", "Only products for these genders (male, female, unisex)", ["female", "unisex"]),
    facet("age_group", "年龄段", "Only these age groups (newborn, infant, toddler, kids, adult)", ["kids", "adult"]),
    CatalogField("availability", FieldType.AVAILABILITY, filterable=True, facetable=True, shown=True, label="库存"),
    CatalogField("price", FieldType.PRICE, filterable=True, facetable=True, sortable=True, shown=True, label="价格"),
    CatalogField("price_max", FieldType.STORED, shown=True),  # the top of a price range, shown as a price
    CatalogField("list_price", FieldType.STORED, shown=True),  # the regular price of a product on sale, as a price
    CatalogField("title_zh", FieldType.TEXT, search=Analysis.CHINESE, shown=True),
    CatalogField("description_zh", FieldType.TEXT, search=Analysis.CHINESE),
    CatalogField("image_link", FieldType.STORED, shown=True),
    CatalogField("link", FieldType.STORED, shown=True),
    CatalogField("attributes", FieldType.ATTRIBUTES, filterable=True, shown=True),
    CatalogField("node", FieldType.NODE, derived=True),
    CatalogField("type_zh", FieldType.TEXT, search=Analysis.CHINESE, derived=True),  # the node's Chinese type terms
)

BY_NAME = {f.name: f for f in FIELDS}

KEY_FIELD = "key"
"""The index field holding a product's identity, `SELLER/ID` (`Product.key`): unique in the index, what every
backend stores, fetches, updates and deletes by."""


def of_type(*types: FieldType) -> tuple[CatalogField, ...]:
    return tuple(f for f in FIELDS if f.type in types)


def searched(analysis: Analysis) -> tuple[CatalogField, ...]:
    """The fields the keyword leg searches with this analysis, in registry order."""
    return tuple(f for f in FIELDS if f.search is analysis)


KEYWORD_FILTERS = tuple(f for f in FIELDS if f.type is FieldType.KEYWORD and f.filterable)
"""Fields filtered by a list of values (`brand=Sony&brand=Bose`): one API parameter each."""

FACETS = tuple(f.name for f in FIELDS if f.facetable)
"""The facets every backend counts (`price` counts buckets and reports the range)."""

TERM_FACETS = tuple(f for f in FIELDS if f.facetable and f.type is not FieldType.PRICE)
"""Facets counted by value: every value of the field with its number of products."""

SHOWN = tuple(f.name for f in FIELDS if f.shown)


def title_forms(title: str) -> list[str]:
    """The `models` field: the word-delimiter forms of the title's model numbers that are not terms of the title
    already (so that a word of the title weighs what it weighs, and only the other forms are found here)."""
    terms = set(english_terms(title))
    return [form for form in model_terms(title) if form not in terms]


def english_index_text(text: str) -> str:
    """English text as every backend indexes it: its analysed terms (`english_terms`) joined by spaces, which the
    index only splits on spaces. So one analysis serves both backends, the queries and the highlighter."""
    return " ".join(english_terms(text))


def index_text(field: CatalogField, product: Product) -> str:
    """ENGLISH search: what a field of this product is indexed as."""
    if field.terms is not None:
        return " ".join(field.terms(product))
    return english_index_text(field.text(product) if field.text else str(field.value(product) or ""))


def attribute_term(name: str, value: str) -> str:
    """The indexed form of one product attribute: `Color`, `Navy Blue` → `color=navy blue`."""
    return f"{' '.join(name.casefold().split())}={' '.join(value.casefold().split())}"


def category_levels(category: str) -> list[str]:
    """`Electronics > Audio` → its case-folded levels (a `/` inside a level becomes a space)."""
    levels = [level.strip().casefold().replace("/", " ") for level in category.split(">")]
    return [level for level in levels if level]


@dataclass(frozen=True)
class ProductNode:
    """A product's taxonomy node as stored: assigned at write time (`search.taxonomy.assign`), returned by
    `SearchBackend.types`."""

    id: str | None = None  # the node, None when nothing could be assigned
    path: tuple[str, ...] = ()  # the node's ancestors' ids and its own, root first: what "within a node" matches
    confidence: float = 0.0  # in [0, 1]
    method: str = "none"  # what named it: google_id, category, title, description, vector, ...
    evidence: str = ""  # the words or the similarity it was chosen on

    def is_of(self, node: str, min_confidence: float) -> bool:
        """Whether the product is of this type: its node is that node or below it, assigned surely enough."""
        return node in self.path and self.confidence >= min_confidence

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": list(self.path),
            "confidence": self.confidence,
            "method": self.method,
            "evidence": self.evidence,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> ProductNode:
        if not data or not data.get("id"):
            return NO_NODE
        return cls(
            str(data["id"]),
            tuple(str(p) for p in data.get("path") or ()),
            float(data.get("confidence") or 0.0),
            str(data.get("method") or ""),
            str(data.get("evidence") or ""),
        )


NO_NODE = ProductNode()
NODE_PATH = "node_path"  # the index field of a product's node and its ancestors: "of this type" (the type leg)
NODE_CONFIDENCE = "node_confidence"  # the index field of the assignment's confidence


def index_values(
    product: Product,
    chinese_terms: dict[str, list[str]],
    node: ProductNode = NO_NODE,
) -> dict[str, Any]:
    """What every backend indexes for a product, by index field name: its key (`KEY_FIELD`), analysed text (English
    and Chinese terms joined by spaces), keyword values as written and normalised, the category, availability,
    price and attribute terms, the node (its id, its path, its confidence). `chinese_terms` holds the terms of the
    Chinese fields, derived ones included. Each backend adds its own fields (record, vector, sequence, its form of
    the category path, the stored node)."""
    values: dict[str, Any] = {KEY_FIELD: product.key}
    for field in FIELDS:
        if field.type is FieldType.NODE:
            values[field.name] = node.id or ""
            values[NODE_PATH] = list(node.path)
            values[NODE_CONFIDENCE] = float(node.confidence)
            continue
        if field.search is Analysis.ENGLISH:
            values[field.text_field] = index_text(field, product)
        elif field.search is Analysis.CHINESE:
            values[field.text_field] = " ".join(chinese_terms.get(field.name, ()))
        if field.derived:
            continue
        value = field.value(product)
        if field.type in (FieldType.ID, FieldType.CATEGORY):
            values[field.name] = value
        elif field.type is FieldType.KEYWORD:
            values[field.name] = str(value or "")
            values[field.key_field] = field.key(str(value or ""))
        elif field.type is FieldType.AVAILABILITY:
            values[field.name] = str(getattr(value, "value", value))
        elif field.type is FieldType.PRICE:
            values[field.name] = float(value)
        elif field.type is FieldType.ATTRIBUTES:  # the variant attributes too: `attr=color:black` finds them
            pairs = [*(value or {}).items(), *((name, getattr(product, name)) for name in VARIANT_ATTRIBUTES)]
            values[field.name] = list(dict.fromkeys(attribute_term(name, v) for name, v in pairs if v))
    return values
