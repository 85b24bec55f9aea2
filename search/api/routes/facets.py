"""GET /v1/facets — every value of one facet over the whole catalog (for filter menus)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from search.api.deps import ServiceDep, SettingsDep
from search.api.schemas import ErrorResponse, FacetStats, FacetValues
from search.service import Currency, SearchRequest

router = APIRouter(prefix="/v1", tags=["search"])
_ERRORS: dict[int | str, dict[str, Any]] = {
    422: {"model": ErrorResponse, "description": "A parameter is invalid; the message names it."},
    503: {"model": ErrorResponse, "description": "The index or the search backend is unavailable."},
}


@router.get("/facets", response_model=FacetValues, responses=_ERRORS, summary="All values of a facet")
def facet_values(
    service: ServiceDep,
    settings: SettingsDep,
    name: Annotated[
        Literal["brand", "category", "availability", "price"],
        Query(
            description="The facet: brand, category, availability, or price (buckets and range).", examples=["brand"]
        ),
    ],
    limit: Annotated[int, Query(ge=1, le=10_000, description="Most values returned, most products first.")] = 1000,
    currency: Annotated[Currency, Query(description="Currency of the price buckets and range.")] = Currency.CNY,
) -> FacetValues:
    if name != "price":
        return FacetValues(facet=name, values=service.facet_values(name, limit))
    outcome = service.search(SearchRequest(size=1, facets=("price",), currency=currency))
    stats = None
    if outcome.result.price_range is not None:
        rate = settings.cny_per_usd if currency is Currency.CNY else 1.0
        low, high = outcome.result.price_range
        stats = FacetStats(min=round(low * rate, 2), max=round(high * rate, 2), currency=currency)
    return FacetValues(facet=name, values=outcome.result.facets["price"], stats=stats)
