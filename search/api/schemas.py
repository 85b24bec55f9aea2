"""Request and response models of the HTTP API, with examples. The keyword filter parameters (`brand`, ...), the
facet names and the hit fields come from the field registry (`search.fields`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model, field_validator

from search.api.limits import (
    MAX_ATTRIBUTE_FILTERS,
    MAX_CURSOR_LENGTH,
    MAX_FACETS,
    MAX_FIELDS,
    MAX_FILTER_VALUE_LENGTH,
    MAX_FILTER_VALUES,
    MAX_PAGE,
    MAX_PRICE_FILTER,
    MAX_QUERY_LENGTH,
)
from search.backends.base import Sort, TermFilter
from search.catalog import Product, normalize_category
from search.currency import Currency
from search.fields import FACETS, FIELDS, KEYWORD_FILTERS, SHOWN
from search.service import Mode

FIELDS_SHOWN = tuple(f for f in FIELDS if f.shown)

HIT_FIELDS = [
    *SHOWN, "seller_name", "display_zh", "discount_percent", "variants", "variant_options", "landed_estimate", "score",
    "highlight",
]  # fmt: skip
ALWAYS = ("id", "seller")  # a hit's identity, whatever `fields` asks
KEYWORD_PARAMS = {f.parameter: f.name for f in KEYWORD_FILTERS}
"""The keyword filter parameters and the field each filters (`variant_size` → size: `size` is the page size)."""
FACET_LABELS_DOC = (
    "Chinese labels of facet values, beside the English value the counts (`facets`) and filters use: facet → "
    "English value → Chinese label (category paths level by level, colours, availability, brands with a known "
    "Chinese name). Values without a Chinese label are left out: show the value itself."
)


def _known(what: str, names: list[str], known: Sequence[str]) -> list[str]:
    """`names`, or a ValueError naming the first one not in `known`."""
    unknown = [name for name in names if name not in known]
    if unknown:
        raise ValueError(f"unknown {what} {unknown[0]!r}; known: {', '.join(known)}")
    return names


def _comma_list(value: Any) -> Any:
    """`a,b` and repeated parameters alike: ["a,b", "c"] → ["a", "b", "c"]. Only strings: a JSON object or a
    number is refused, never turned into text that happens to filter on something."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError("must be a string or a list of strings (values may be separated by commas)")
    return [part.strip() for item in value for part in item.split(",") if part.strip()]


class _SearchParams(BaseModel):
    """The parameters of a search: query parameters of GET /v1/search, the JSON body of POST /v1/search.

    One list parameter per filterable keyword field of the registry is added below (`SearchParams`)."""

    model_config = ConfigDict(extra="forbid")

    q: str = Field(
        "",
        max_length=MAX_QUERY_LENGTH,
        description="What the shopper typed: Chinese (Simplified or Traditional), pinyin, English or mixed; "
        "a price in it (`500元以下`) filters. Empty = browse.",
        examples=["蓝牙耳机"],
    )
    page: int = Field(1, ge=1, le=MAX_PAGE, description="1-based page number (or use `cursor`).", examples=[1])
    size: int = Field(
        10,
        ge=1,
        description="Hits per page (at most HAITAO_MAX_PAGE_SIZE, 100). (The variant attribute "
        "`size` filters as `variant_size`.)",
        examples=[20],
    )
    cursor: str | None = Field(
        None,
        max_length=MAX_CURSOR_LENGTH,
        description="`next_cursor` of the previous page, to get the next one with the same q, filters and sort. "
        "Browsing (empty q) pages any depth by key; relevance-ranked results go as deep as the fused candidates.",
        examples=["eyJ2IjoyLCJmIjoiNjFmZTk0MmYwYjM1ZjY0NiIsIm8iOjEwfQ.xA8ygN5W924S9vWPadbbcw"],
    )
    category: str | None = Field(
        None,
        max_length=MAX_FILTER_VALUE_LENGTH,
        description="Category path prefix: `Electronics > Audio` includes everything below it.",
        examples=["Electronics > Audio"],
    )
    price_min: float | None = Field(
        None, ge=0, le=MAX_PRICE_FILTER, allow_inf_nan=False, description="Lowest price, in `currency`.", examples=[100]
    )
    price_max: float | None = Field(
        None,
        ge=0,
        le=MAX_PRICE_FILTER,
        allow_inf_nan=False,
        description="Highest price, in `currency`.",
        examples=[500],
    )
    currency: Currency = Field(
        Currency.CNY,
        description="Currency of price_min, price_max and the price facet's buckets.",
        examples=[Currency.CNY],
    )
    in_stock: bool | None = Field(
        None, description="Only products in stock (true), or only those not in stock (false).", examples=[True]
    )
    attr: list[str] = Field(
        default_factory=list,
        max_length=MAX_ATTRIBUTE_FILTERS,
        description="Attribute filters `name:value` (case-insensitive), e.g. `color:black`; values of one name "
        "are alternatives, different names all apply.",
        examples=[["color:black", "color:white"]],
    )
    facets: list[str] = Field(
        default_factory=list,
        max_length=MAX_FACETS,
        description=f"Facets to count: {', '.join(FACETS)} (comma-separated). Each facet's counts apply every "
        "filter but its own; `price` counts price buckets in `currency` and reports the range in `facets_stats`.",
        examples=[["brand", "category", "price"]],
    )
    sort: Sort = Field(
        Sort.RELEVANCE,
        description="Result order; browsing by relevance lists the newest first.",
        examples=[Sort.PRICE_ASC],
    )
    mode: Mode = Field(
        Mode.HYBRID, description="Retrieval: both legs fused (hybrid), or one leg alone.", examples=[Mode.HYBRID]
    )
    explain: bool = Field(False, description="Include the query analysis and why each hit matched.", examples=[True])
    distinct: bool = Field(
        True,
        description="One hit per product group (a seller's variants sharing an `item_group_id`: colours, sizes): "
        "the best-matching variant stands for its group and lists the group's variants; `total` and facet counts "
        "count groups. `false`: every variant is a hit of its own.",
        examples=[True],
    )
    fields: list[str] = Field(
        default_factory=list,
        max_length=MAX_FIELDS,
        description=f"Hit fields to return (comma-separated; `id` and `seller` always): {', '.join(HIT_FIELDS)}. "
        "Empty = all.",
        examples=[["id", "title", "price"]],
    )

    _lists = field_validator("attr", "facets", "fields", mode="before")(_comma_list)

    @field_validator("category")
    @classmethod
    def _names_a_category(cls, value: str | None) -> str | None:
        if value is not None and value.strip() and not normalize_category(value):  # `>`: the root, every product
            raise ValueError("names no category; write its levels, e.g. `Electronics > Audio`")
        return value

    @field_validator("facets")
    @classmethod
    def _known_facets(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(_known("facet", value, FACETS)))

    @field_validator("fields")
    @classmethod
    def _known_fields(cls, value: list[str]) -> list[str]:
        return _known("field", value, HIT_FIELDS)

    @field_validator("attr")
    @classmethod
    def _attribute_pairs(cls, value: list[str]) -> list[str]:
        for item in value:
            name, sep, wanted = item.partition(":")
            if not sep or not name.strip() or not wanted.strip() or len(item) > MAX_FILTER_VALUE_LENGTH:
                raise ValueError(f"{item!r} is not `name:value` (e.g. `color:black`)")
        return value

    @field_validator("price_max")
    @classmethod
    def _price_order(cls, value: float | None, info: Any) -> float | None:
        low = info.data.get("price_min")
        if value is not None and low is not None and low > value:
            raise ValueError("must not be less than price_min")
        return value

    def term_filters(self) -> tuple[TermFilter, ...]:
        """The keyword filters asked for: ((field, (value, ...)), ...)."""
        return tuple(
            (name, tuple(getattr(self, param))) for param, name in KEYWORD_PARAMS.items() if getattr(self, param)
        )

    def filters(self) -> dict[str, Any]:
        """The filters asked for, as the SearchRequest fields of the same names (search and similar products)."""
        return {
            "terms": self.term_filters(),
            "category": self.category,
            "price_min": self.price_min,
            "price_max": self.price_max,
            "currency": self.currency,
            "in_stock": self.in_stock,
            "attributes": self.attribute_filters(),
        }

    def attribute_filters(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        grouped: dict[str, list[str]] = {}
        for item in self.attr:
            name, _, wanted = item.partition(":")
            grouped.setdefault(re.sub(r"\s+", " ", name.strip().casefold()), []).append(wanted.strip())
        return tuple((name, tuple(values)) for name, values in grouped.items())


def _bounded_values(value: list[str]) -> list[str]:
    if any(len(v) > MAX_FILTER_VALUE_LENGTH for v in value):
        raise ValueError(f"a value is at most {MAX_FILTER_VALUE_LENGTH} characters")
    return value


SearchParams = create_model(
    "SearchParams",
    __base__=_SearchParams,
    __doc__=_SearchParams.__doc__,
    __validators__={  # the registry's keyword filters: comma-separated or repeated strings of bounded length
        "_keyword_lists": field_validator(*KEYWORD_PARAMS, mode="before")(_comma_list),
        "_keyword_lengths": field_validator(*KEYWORD_PARAMS)(_bounded_values),
    },
    **{
        f.parameter: (
            list[str],
            Field(default_factory=list, max_length=MAX_FILTER_VALUES, description=f.description, examples=[f.example]),
        )
        for f in KEYWORD_FILTERS
    },
)

SEARCH_EXAMPLE = {"q": "降噪耳机 500元以下", "brand": ["Sony", "Anker"], "facets": ["brand", "price"], "size": 20}


class LandedEstimate(BaseModel):
    """An ESTIMATE of the cost delivered in China: not a quote."""

    usd: float = Field(examples=[95.55])
    cny: float = Field(examples=[687.96])
    note: str = Field(
        examples=["估算（非报价）：商品价 + 运费 $8.00 + 跨境电商综合税 9.1%，以结算为准"],
        description="How the estimate was made.",
    )


class Price(BaseModel):
    usd: float = Field(examples=[79.99])
    cny: float = Field(description="USD price at the configured exchange rate.", examples=[575.93])
    landed: LandedEstimate | None = Field(None, exclude=True)  # shown as the hit's `landed_estimate`


class DisplayZh(BaseModel):
    """What a Chinese storefront shows for a product (`search.taxonomy.display`)."""

    title: str = Field(
        description="The seller's Chinese title; else one composed from the brand's Chinese name, the product "
        "type's Chinese name and key attributes in Chinese (colour, size, capacity, count).",
        examples=["安克 Soundcore P3 蓝牙耳机"],
    )
    category: str = Field(
        description="The product's category (its taxonomy node) as a Chinese path; empty when it has none.",
        examples=["数码电子 > 影音 > 耳机 > 真无线蓝牙耳机"],
    )
    source: Literal["seller", "generated"] = Field(
        description="`seller`: the seller wrote the title; `generated`: composed by Haitao Search (label it)."
    )


class ProductTypeExplain(BaseModel):
    """The product's type (its taxonomy node), as assigned when it was indexed."""

    node: str = Field(examples=["hs-true-wireless-earbuds"])
    path: str = Field(examples=["Electronics > Audio > Headphones > True Wireless Earbuds"])
    path_zh: str = Field(examples=["数码电子 > 影音 > 耳机 > 真无线蓝牙耳机"])
    confidence: float = Field(description="How sure the assignment is, in [0, 1].", examples=[0.8])
    method: str = Field(
        description="What named it: google_id, category, google_product_category, type, title, title_zh, "
        "description or vector (the product's vector nearest to the nodes' names).",
        examples=["title"],
    )
    evidence: str = Field(description="The words or the similarity it was chosen on.", examples=["Wireless Earbuds"])
    of_query_type: bool = Field(
        False,
        description="Whether the product is of the type the query names (`explain.product_type`), surely enough "
        "to be boosted for it.",
    )
    type_rank: int | None = Field(None, description="1-based rank among the products of the query's type boosted.")


class VariantOption(BaseModel):
    """One variant of a collapsed hit's group: its id and what tells it apart (the variant attributes it has)."""

    id: str = Field(examples=["W32BTS415"])
    color: str | None = Field(None, examples=["Pacific"])
    size: str | None = Field(None, examples=["32 oz"])
    material: str | None = None
    pattern: str | None = None
    gender: str | None = None
    age_group: str | None = None
    price: Price
    list_price: Price | None = Field(None, description="The regular price, when this variant is on sale.")
    availability: str = Field(examples=["in_stock"])
    image_link: str | None = None


class BoostApplied(BaseModel):
    rule: str = Field(description="The rule (`rules:ID`).", examples=["rules:double-11"])
    filter_by: str = Field(description="The boost's filter, which the product passes.", examples=["brand:=Anker"])
    weight: float = Field(description="Its weight: above 1 boosts, below 1 buries.", examples=[3.0])


class BoostExplain(BaseModel):
    """What merchandising rules' boosts did to the hit: its relevance score multiplied by `factor`."""

    factor: float = Field(description="The product of the weights of every boost it passes.", examples=[3.0])
    rank_before: int = Field(description="Its 1-based place in the relevance ranking before boosts.", examples=[7])
    by: list[BoostApplied] = Field(description="Each boost that applied.")


class HitExplain(BaseModel):
    keyword_rank: int | None = Field(
        None, description="1-based rank in the keyword (BM25) leg, if it returned the hit."
    )
    keyword_score: float | None = None
    vector_rank: int | None = Field(None, description="1-based rank in the vector leg, if it returned the hit.")
    vector_score: float | None = None
    matched: list[str] = Field(
        default_factory=list,
        description="The product's words that matched the query (English by stem, Chinese by term).",
        examples=[["bluetooth", "earbuds", "蓝牙耳机"]],
    )
    product_type: ProductTypeExplain | None = Field(None, description="The product's type; null when it has none.")
    pinned_by: str | None = Field(
        None, description="The merchandising rule that pinned the hit at its position (`rules:ID`), if one did."
    )
    boost: BoostExplain | None = Field(
        None, description="What merchandising rules' boosts (or buries) did to the hit; null when none applied."
    )


class _SearchHit(BaseModel):
    """A product in the results. With `fields`, only the fields asked for (and `id`) are present."""

    id: str = Field(description="The seller's id of the product.", examples=["ear-sony-xm5"])
    seller: str = Field(
        description="The seller's id: `(seller, id)` names the product (GET /v1/products/{seller}/{id}).",
        examples=["circuit-harbor"],
    )
    seller_name: str | None = Field(
        None, description="The seller's display name.", examples=["Circuit Harbor Electronics"]
    )
    title: str | None = Field(None, examples=["Sony WF-1000XM5 Wireless Noise Canceling Earbuds"])
    title_zh: str | None = Field(
        None, description="Chinese title, when the merchant gave one.", examples=["索尼 降噪耳机"]
    )
    brand: str | None = Field(None, examples=["Sony"])
    category: str | None = Field(None, examples=["Electronics > Audio > Headphones"])
    price: Price | None = Field(None, description="The price; for a product whose variants differ, the lowest.")
    price_max: Price | None = Field(
        None,
        description="The highest variant price, when the variants' prices differ (a range `price`–`price_max`); "
        "null otherwise.",
        examples=[{"usd": 99.99, "cny": 719.93}],
    )
    list_price: Price | None = Field(
        None,
        description="The regular price, when the product is on sale for `price` (null otherwise): show it struck "
        "through beside the price.",
        examples=[{"usd": 99.99, "cny": 719.93}],
    )
    discount_percent: int | None = Field(
        None,
        description="How much below `list_price` the price is, in whole percent (rounded down; at least 1), when the "
        "product is on sale: 20 → 八折 (20% off). Null when it is not.",
        examples=[20],
    )
    variants: int | None = Field(
        None,
        description="With `distinct` (the default): how many variants of the hit's product group match the "
        "filters (colours, sizes, ...); the hit is the best-matching one, `price`–`price_max` their price range. "
        "Null with `distinct=false`.",
        examples=[3],
    )
    variant_options: list[VariantOption] | None = Field(
        None,
        description="With `distinct`: those variants, cheapest first (at most 100), each with its id and option "
        "values — for colour swatches and size pickers. Null with `distinct=false`.",
    )
    landed_estimate: LandedEstimate | None = Field(
        None, description="Estimated cost delivered in China, when HAITAO_LANDED_SHIPPING_USD is configured."
    )
    availability: str | None = Field(None, examples=["in_stock"])
    image_link: str | None = None
    link: str | None = None
    attributes: dict[str, str] | None = Field(None, examples=[{"color": "Black"}])
    score: float | None = Field(
        None, description="Fused relevance score (higher is better); comparable within one response."
    )
    highlight: dict[str, str] | None = Field(
        None,
        description="Fields with a match, HTML-escaped, the query's words wrapped in <em>; a long description "
        "is cut to a snippet.",
        examples=[{"title": "Sony <em>Wireless</em> <em>Earbuds</em>", "title_zh": "索尼 <em>蓝牙耳机</em>"}],
    )
    display_zh: DisplayZh | None = Field(None, description="The product for a Chinese storefront.")
    explain: HitExplain | None = None


# The registry's other shown fields (added there, e.g. a seller), as text.
SearchHit = create_model(
    "SearchHit",
    __base__=_SearchHit,
    __doc__=_SearchHit.__doc__,
    **{f.name: (str | None, Field(None)) for f in FIELDS_SHOWN if f.name not in _SearchHit.model_fields},
)


class PriceIntent(BaseModel):
    """A price the shopper wrote in the query ("500元以下"), applied as the price filter."""

    text: str = Field(description="The words of the query that said it.", examples=["500元以下"])
    min: float | None = Field(None, description="The lowest price, in the response's currency; null: no lower limit.")
    max: float | None = Field(None, description="The highest price, in the response's currency; null: no upper limit.")
    currency: Currency = Field(description="The request's `currency`.", examples=["CNY"])


class ExchangeRate(BaseModel):
    cny_per_usd: float = Field(examples=[7.2])
    as_of: str = Field(examples=["2026-11-01"])


class FacetStats(BaseModel):
    min: float = Field(examples=[99.0])
    max: float = Field(examples=[3599.0])
    currency: Currency


class SearchResponse(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "query": "蓝牙耳机",
                    "query_id": "5f0c2a9e41b7d3c8e6a1f2b4c3d9e8a7b6c5d4e3",
                    "total": 83,
                    "page": 1,
                    "size": 10,
                    "hits": [
                        {
                            "id": "ear-anker-p3",
                            "title": "Soundcore by Anker P3 Wireless Earbuds, Bluetooth 5.2",
                            "title_zh": "安克 Soundcore P3 蓝牙耳机 主动降噪",
                            "brand": "Anker",
                            "category": "Electronics > Audio > Headphones",
                            "price": {"usd": 79.99, "cny": 575.93},
                            "landed_estimate": None,
                            "availability": "in_stock",
                            "image_link": "https://cdn.example.com/img/ear-anker-p3.jpg",
                            "link": "https://shop.example.com/products/ear-anker-p3",
                            "attributes": {"color": "Black"},
                            "score": 0.016393,
                            "highlight": {
                                "title": "Soundcore by Anker P3 <em>Wireless</em> <em>Earbuds</em>, "
                                "<em>Bluetooth</em> 5.2",
                                "title_zh": "安克 Soundcore P3 <em>蓝牙耳机</em> 主动降噪",
                            },
                        }
                    ],
                    "facets": {"brand": {"Anker": 12, "Sony": 9}, "price": {"0-100": 0, "100-200": 14}},
                    "facets_stats": {"price": {"min": 129.53, "max": 2879.28, "currency": "CNY"}},
                    "next_cursor": "eyJ2IjoyLCJmIjoiNjFmZTk0MmYwYjM1ZjY0NiIsIm8iOjEwfQ.xA8ygN5W924S9vWPadbbcw",
                    "exchange_rate": {"cny_per_usd": 7.2, "as_of": "2026-11-01"},
                    "took_ms": 21.4,
                    "explain": None,
                }
            ]
        }
    )

    query: str = Field(examples=["蓝牙耳机"])
    query_id: str | None = Field(
        None,
        description="This search's id: send it with the shopper's events (POST /v1/events) on its results.",
        examples=["5f0c2a9e41b7d3c8e6a1f2b4c3d9e8a7b6c5d4e3"],
    )
    total: int = Field(
        description="Products matched: every keyword match plus the vector leg's hits above its similarity floor, "
        "filtered. A facet value's count is the total of the same search filtered by that value."
    )
    page: int
    size: int
    hits: list[SearchHit]
    facets: dict[str, dict[str, int]] = Field(
        default_factory=dict,
        description="Counts per value of each facet asked for; a facet's counts apply every filter but its own.",
        examples=[{"brand": {"Sony": 4, "Bose": 3}, "price": {"0-100": 2, "100-200": 5, "5000-": 0}}],
    )
    facets_stats: dict[str, FacetStats] = Field(
        default_factory=dict, description="With the price facet: the lowest and highest price, in `currency`."
    )
    facet_labels: dict[str, dict[str, str]] = Field(
        default_factory=dict,
        description=FACET_LABELS_DOC,
        examples=[
            {"category": {"Electronics > Audio > Headphones": "数码电子 > 影音 > 耳机"}, "color": {"Black": "黑色"}}
        ],
    )
    next_cursor: str | None = Field(None, description="Send as `cursor` for the next page; null on the last page.")
    exchange_rate: ExchangeRate
    took_ms: float
    degraded: bool = Field(
        False,
        description="True when the server could not load its embedding model and answered with keyword search "
        "alone (HAITAO_KEYWORD_ONLY_FALLBACK); /readyz says why.",
    )
    corrected_query: str | None = Field(
        None,
        description="The query as searched when words were corrected — a homophone slip of a pinyin keyboard "
        "(`蓝呀耳机` → `蓝牙耳机`) or a Latin word the catalog does not use (`hedphones` → `headphones`); null "
        "when nothing was. Show it: 已按 蓝牙耳机 为您搜索.",
        examples=["蓝牙耳机"],
    )
    pinyin_query: str | None = Field(
        None,
        description="The query with its pinyin read as the Chinese words searched (`lanya erji` → `蓝牙耳机`, the "
        "initials `lyej` → `蓝牙耳机`), corrections applied; null when the query had no pinyin. Show it like "
        "`corrected_query`: 已按 蓝牙耳机 为您搜索.",
        examples=["蓝牙耳机"],
    )
    relaxed: list[str] = Field(
        default_factory=list,
        description="When nothing matched every word, the words dropped to find these results (the least "
        "informative first); empty when the whole query matched.",
        examples=[["xyzzy"]],
    )
    price_intent: PriceIntent | None = Field(
        None,
        description="The price written in the query (`500元以下`, `$50以内`), when it was applied as the price filter "
        "(the request sent no `price_min`/`price_max`, which take its place), in the request's `currency`: show it "
        "as a filter the shopper can see and remove. Null when the query names no price.",
        examples=[{"text": "500元以下", "min": None, "max": 500.0, "currency": "CNY"}],
    )
    did_you_mean: list[str] = Field(
        default_factory=list,
        description="When nothing (or only a relaxed query) matched: what the shopper may have meant, from the "
        "autocomplete vocabulary (mistyped words corrected).",
        examples=[["蓝牙耳机", "蓝牙音箱"]],
    )
    explain: dict[str, Any] | None = Field(None, description="The query analysis, when `explain=true`.")


class SuggestionItem(BaseModel):
    text: str = Field(
        description="What to show, and what to search for when it is picked.", examples=["蓝牙耳机", "Sony WH-1000XM5"]
    )
    kind: Literal["term", "brand", "product"] = Field(
        description="`term`: a shopping word or phrase; `brand`; `product`: a product line, or one product "
        "(then `product_id` is set)."
    )
    english: str | None = Field(
        None, description="The English the catalog uses for a Chinese suggestion.", examples=["bluetooth earbuds"]
    )
    product_id: str | None = Field(None, description="The product, when the suggestion names one.")


class SuggestResponse(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "query": "lany",
                    "suggestions": [
                        {"text": "蓝牙耳机", "kind": "term", "english": "bluetooth earbuds", "product_id": None},
                        {"text": "蓝牙音箱", "kind": "term", "english": "bluetooth speaker", "product_id": None},
                    ],
                    "took_ms": 0.4,
                },
                {
                    "query": "索尼",
                    "suggestions": [
                        {"text": "索尼", "kind": "brand", "english": "Sony", "product_id": None},
                        {"text": "Sony WH-1000XM5", "kind": "product", "english": None, "product_id": None},
                    ],
                    "took_ms": 0.3,
                },
            ]
        }
    )

    query: str = Field(examples=["lany"])
    suggestions: list[SuggestionItem]
    took_ms: float


class ProductResponse(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "product": {
                        "id": "ear-anker-p3",
                        "title": "Soundcore by Anker P3 Wireless Earbuds, Bluetooth 5.2",
                        "price": 79.99,
                        "brand": "Anker",
                        "category": "Electronics > Audio > Headphones",
                        "availability": "in_stock",
                        "title_zh": "安克 Soundcore P3 蓝牙耳机",
                        "description_zh": "主动降噪，续航 50 小时",
                        "attributes": {"color": "black"},
                    },
                    "display_zh": {
                        "title": "安克 Soundcore P3 蓝牙耳机",
                        "category": "数码电子 > 影音 > 耳机 > 真无线蓝牙耳机",
                        "source": "seller",
                    },
                    "price": {"usd": 79.99, "cny": 575.93},
                }
            ]
        }
    )

    product: Product = Field(description="The product as stored: the feed's record after validation.")
    seller_name: str = Field(description="The seller's display name.", examples=["Circuit Harbor Electronics"])
    display_zh: DisplayZh = Field(description="The product for a Chinese storefront.")
    price: Price = Field(description="Its price in USD and in CNY at the configured rate.")
    landed_estimate: LandedEstimate | None = Field(
        None, description="Estimated cost delivered in China, when HAITAO_LANDED_SHIPPING_USD is configured."
    )


class FacetValues(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"facet": "brand", "values": {"Anker": 31, "Sony": 24, "Apple": 18}, "stats": None},
                {
                    "facet": "price",
                    "values": {"0-100": 120, "100-200": 310, "200-500": 402, "5000-": 9},
                    "stats": {"min": 35.93, "max": 7199.28, "currency": "CNY"},
                },
            ]
        }
    )

    facet: str = Field(examples=["brand"])
    values: dict[str, int] = Field(
        description="Every value with its number of products, most first.", examples=[{"Sony": 40, "索尼": 0}]
    )
    labels: dict[str, str] = Field(
        default_factory=dict,
        description="Chinese labels of the values, by English value (values without one are left out).",
        examples=[{"in_stock": "有货", "out_of_stock": "缺货"}],
    )
    stats: FacetStats | None = Field(None, description="For `price`: the lowest and highest price.")


class ErrorBody(BaseModel):
    status: int = Field(description="The HTTP status, repeated.", examples=[404])
    message: str = Field(
        description="What went wrong, naming the parameter at fault.", examples=["no product with id 'abc'"]
    )


class ErrorResponse(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"error": {"status": 422, "message": "size: at most 100 hits a page"}}]}
    )

    error: ErrorBody


class Health(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"status": "ok"}]})

    status: str = Field(description="`ok` while the process runs.", examples=["ok"])


class Readiness(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"ready": True, "products": 1281, "model": "sentence-transformers/all-MiniLM-L6-v2"},
                {
                    "ready": False,
                    "message": "no index in the data directory: build one first with "
                    "`haitao index FILE --data-dir DATA_DIR`",
                },
            ]
        }
    )

    ready: bool = Field(description="Whether searches can be answered.")
    products: int | None = Field(None, description="Products in the index, when ready.", examples=[1281])
    model: str | None = Field(None, description="Embedding model of the index, when ready.")
    message: str | None = Field(None, description="Why it is not ready.")
    degraded: bool = Field(
        False, description="Searches are answered keyword-only: the model could not be loaded (`message` says why)."
    )


class FieldError(BaseModel):
    field: str = Field(examples=["price"])
    reason: str = Field(examples=["'12,99 EUR' is in EUR; prices must be in USD"])


class RejectedItem(BaseModel):
    index: int = Field(description="0-based position of the item in the posted batch.", examples=[3])
    id: str | None = Field(None, description="The item's id, if it had a readable one.")
    errors: list[FieldError]


class AdminWriteResponse(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "indexed": 1,
                    "unchanged": 0,
                    "rejected": 1,
                    "errors": [
                        {
                            "index": 1,
                            "id": "kettle-eu",
                            "errors": [{"field": "price", "reason": "'12,99 EUR' is in EUR; prices must be in USD"}],
                        }
                    ],
                }
            ]
        }
    )

    indexed: int = Field(description="Products added or changed (embedded and committed).")
    unchanged: int = Field(description="Products already in the index exactly so.")
    rejected: int = Field(description="Items not indexed; each is described in `errors`.")
    errors: list[RejectedItem] = Field(default_factory=list, description="Why each rejected item was refused.")


class AdminDeleteResponse(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"deleted": "ear-anker-p3", "seller": "default"}]})

    deleted: str = Field(description="Id of the removed product.")
    seller: str = Field(description="Its seller.")


# The seller the examples show: its record, and that record as the API lists the seller.
SELLER_RECORD_EXAMPLE = {"name": "Circuit Harbor Electronics", "state": "CA", "specialties": ["headphones"]}
SELLER_INFO_EXAMPLE = {"id": "circuit-harbor", **SELLER_RECORD_EXAMPLE, "products": 220}


class SellerRecord(BaseModel):
    """What a seller's record says (PUT /v1/admin/sellers/{seller}); fields left out keep their value."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [SELLER_RECORD_EXAMPLE]})

    name: str = Field("", max_length=200, description="The name shoppers see.")
    state: str | None = Field(None, description="The US state (two-letter code) the seller ships from.")
    specialties: list[str] = Field(default_factory=list, max_length=50, description="What the seller is known for.")


class SellerInfo(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [SELLER_INFO_EXAMPLE]})

    id: str = Field(examples=["circuit-harbor"])
    name: str = Field(description="The display name (the id until one is set).", examples=["Circuit Harbor"])
    state: str | None = Field(None, description="The US state it ships from.", examples=["CA"])
    specialties: list[str] = Field(default_factory=list)
    products: int = Field(description="Its products in the index.", examples=[220])


class SellersResponse(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"sellers": [SELLER_INFO_EXAMPLE]}]})

    sellers: list[SellerInfo] = Field(description="Every seller, by id.")


class SellerRemoved(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"seller": "stride-lane", "products_removed": 157}]})

    seller: str = Field(description="The seller removed.")
    products_removed: int = Field(description="Its products, removed with it.")
