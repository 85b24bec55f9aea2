"""Request and response models of the analytics routes: shoppers' events and the admin reports."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from search.api.limits import MAX_PRODUCT_ID_LENGTH

SELLER_PATTERN = r"^[a-z0-9_-]{1,64}$"
SESSION_PATTERN = r"^[A-Za-z0-9_.:-]{1,64}$"
MAX_POSITION = 10_000


class Event(BaseModel):
    """What a shopper did with a search result (Algolia Insights' shape): clicked it, put it in the cart, bought it."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "type": "click",
                    "query_id": "5f0c2a9e41b7d3c8e6a1f2b4c3d9e8a7b6c5d4e3",
                    "seller": "default",
                    "id": "ear-anker-p3",
                    "position": 2,
                }
            ]
        },
    )

    type: Literal["click", "add_to_cart", "purchase"] = Field(description="What the shopper did.")
    query_id: str = Field(
        min_length=1, max_length=64, description="The `query_id` of the search whose results the product was in."
    )
    seller: str = Field(pattern=SELLER_PATTERN, description="The product's seller.", examples=["default"])
    id: str = Field(min_length=1, max_length=MAX_PRODUCT_ID_LENGTH, description="The product's id (of that seller).")
    position: int | None = Field(
        None, ge=1, le=MAX_POSITION, description="1-based position of the product in the results (page included)."
    )
    session: str | None = Field(
        None, pattern=SESSION_PATTERN, description="The storefront's anonymous session id, if it keeps one."
    )


class EventAccepted(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"stored": True}]})

    stored: bool = Field(True, description="The event is written to the analytics store (on disk).")


class TopQuery(BaseModel):
    query: str = Field(description="The query, normalised (Simplified Chinese, lowercase): how searches are grouped.")
    count: int = Field(description="Searches of it in the window.")
    no_results: int = Field(description="Of them, searches that found nothing.")
    mean_results: float
    mean_latency_ms: float


class NoResultQuery(BaseModel):
    query: str
    count: int = Field(description="Searches of it that found nothing.")
    last_typed: str = Field(description="How a shopper typed it last (before normalisation).")
    last_seen: str = Field(description="When, UTC (ISO 8601).")


class QueryClicks(BaseModel):
    query: str
    count: int = Field(description="Searches of it in the window (= `searches`).")
    searches: int
    clicks: int = Field(description="Click events on its results.")
    ctr: float = Field(description="Click-through rate: the share of its searches with at least one click.")
    mean_click_position: float | None = Field(description="Mean 1-based position of the clicked results.")
    add_to_cart: int
    purchases: int


class DailySearches(BaseModel):
    day: str = Field(description="UTC date, YYYY-MM-DD.")
    searches: int
    no_results: int
    no_result_share: float
