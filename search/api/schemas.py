"""Response models of the HTTP API, with examples."""

from __future__ import annotations

from typing import Any

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
                    "price": {"usd": 79.99, "cny": 575.93},
                }
            ]
        }
    )

    product: Product = Field(description="The product as stored: the feed's record after validation.")
    price: Price = Field(description="Its price in USD and in CNY at the configured rate.")


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
                    "message": "no index in var/data: build one first with `haitao index FILE --data-dir var/data`",
                },
            ]
        }
    )

    ready: bool = Field(description="Whether searches can be answered.")
    products: int | None = Field(None, description="Products in the index, when ready.", examples=[1281])
    model: str | None = Field(None, description="Embedding model of the index, when ready.")
    message: str | None = Field(None, description="Why it is not ready.")


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
    model_config = ConfigDict(json_schema_extra={"examples": [{"deleted": "ear-anker-p3"}]})

    deleted: str = Field(description="Id of the removed product.")
