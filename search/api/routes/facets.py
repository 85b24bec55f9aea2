"""GET /v1/facets — every value of one facet over the whole catalog (for filter menus)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from search.api.deps import ServiceDep
from search.api.errors import error_responses
from search.api.prices import price_range_in
from search.api.schemas import FacetValues
from search.currency import Currency
from search.fields import FACETS
from search.service import SearchRequest

FacetName = Literal[FACETS]  # type: ignore[valid-type] - the registry's facets

router = APIRouter(prefix="/v1", tags=["search"])


@router.get("/facets", response_model=FacetValues, responses=error_responses(422, 503), summary="All values of a facet")
def facet_values(
    service: ServiceDep,
    name: Annotated[
        FacetName,
        Query(description=f"The facet: {', '.join(FACETS)} (price: buckets and range).", examples=["brand"]),
    ],
    limit: Annotated[
        int, Query(ge=1, le=10_000, description="Most values returned, most products first.", examples=[100])
    ] = 1000,
    currency: Annotated[
        Currency, Query(description="Currency of the price buckets and range.", examples=[Currency.CNY])
    ] = Currency.CNY,
) -> FacetValues:
    if name != "price":
        values = service.facet_values(name, limit)
        return FacetValues(facet=name, values=values, labels=service.types.facet_labels({name: values}).get(name, {}))
    outcome = service.search(SearchRequest(size=1, facets=("price",), currency=currency))
    stats = price_range_in(currency, outcome.result.price_range, service.rate)
    return FacetValues(facet=name, values=outcome.result.facets["price"], stats=stats)
