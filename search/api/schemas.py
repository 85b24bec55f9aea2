"""Response models of the HTTP API, with examples."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from search.catalog import Product


class Price(BaseModel):
    usd: float = Field(examples=[79.99])
    cny: float = Field(description="USD price at the configured exchange rate.", examples=[575.93])


class HitExplain(BaseModel):
    keyword_rank: int | None = Field(
        None, description="1-based rank in the keyword (BM25) leg, if it returned the hit."
    )
    keyword_score: float | None = None
    vector_rank: int | None = Field(None, description="1-based rank in the vector leg, if it returned the hit.")
    vector_score: float | None = None


class SearchHit(BaseModel):
    id: str
    title: str
    title_zh: str = ""
    brand: str = ""
    category: str = ""
    price: Price
    availability: str
    image_link: str = ""
    link: str = ""
    score: float = Field(description="Fused relevance score (higher is better); comparable within one response.")
    explain: HitExplain | None = None


class ExchangeRate(BaseModel):
    cny_per_usd: float = Field(examples=[7.2])
    as_of: str = Field(examples=["2026-11-01"])


class SearchResponse(BaseModel):
    query: str = Field(examples=["蓝牙耳机"])
    total: int = Field(description="Products in the result set (after fusion and filters).")
    page: int
    size: int
    hits: list[SearchHit]
    facets: dict[str, dict[str, int]] = Field(default_factory=dict, examples=[{"brand": {"Sony": 4, "Bose": 3}}])
    exchange_rate: ExchangeRate
    took_ms: float
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
    product: Product
    price: Price


class ErrorBody(BaseModel):
    status: int = Field(examples=[404])
    message: str = Field(examples=["no product with id 'abc'"])


class ErrorResponse(BaseModel):
    error: ErrorBody


class Health(BaseModel):
    status: str = Field(examples=["ok"])


class Readiness(BaseModel):
    ready: bool
    products: int | None = None
    model: str | None = None
    message: str | None = None


class FieldError(BaseModel):
    field: str = Field(examples=["price"])
    reason: str = Field(examples=["'12,99 EUR' is in EUR; prices must be in USD"])


class RejectedItem(BaseModel):
    index: int = Field(description="0-based position of the item in the posted batch.", examples=[3])
    id: str | None = Field(None, description="The item's id, if it had a readable one.")
    errors: list[FieldError]


class ProductBatch(BaseModel):
    products: list[Any] = Field(description="Catalog records, as in a JSON Lines feed.")


class AdminWriteResponse(BaseModel):
    indexed: int = Field(description="Products added or changed (embedded and committed).")
    unchanged: int = Field(description="Products already in the index exactly so.")
    rejected: int
    errors: list[RejectedItem] = Field(default_factory=list)


class AdminDeleteResponse(BaseModel):
    deleted: str
