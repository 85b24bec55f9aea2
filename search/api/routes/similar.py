"""GET /v1/products/{seller}/{id}/similar — products like this one (相似商品), from the vectors.

Answered like a search without query text (the same hit fields, and a `query_id` for the shopper's clicks on them),
under the usual filters; the product's own group is left out (search/similar.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query

from search.api.deps import AnalyticsDep, ProductIdPath, SearchScopeDep, ServiceDep, SettingsDep, fixed_filters
from search.api.errors import error_responses
from search.api.routes.search import to_response
from search.api.schemas import SearchParams, SearchResponse
from search.backends.base import Sort
from search.service import Mode, SearchRequest

router = APIRouter(prefix="/v1", tags=["products"])
NOT_HERE = ("q", "cursor", "facets", "explain")


@router.get(
    "/products/{seller}/{product_id:path}/similar",
    response_model=SearchResponse,
    response_model_exclude_unset=True,
    responses=error_responses(404, 422, 503),
    summary="Similar products (相似商品)",
    description="The products nearest to this one's vector (title, brand, category), its own variants left out and "
    "each other product group once, under the usual filters (`brand`, `seller`, `category`, `price_min`/"
    "`price_max` with `currency`, `in_stock`, `attr`); `size` of them. Answered like a search.",
)
def similar(
    seller: Annotated[str, Path(description="The product's seller.", examples=["default"])],
    product_id: ProductIdPath,
    service: ServiceDep,
    settings: SettingsDep,
    scope: SearchScopeDep,
    analytics: AnalyticsDep,
    params: Annotated[SearchParams, Query()],
) -> SearchResponse:
    for name in NOT_HERE:
        if getattr(params, name):
            raise HTTPException(422, f"{name}: not a parameter of similar products")
    if params.page != 1 or params.sort is not Sort.RELEVANCE or params.mode is not Mode.HYBRID:
        name = "page" if params.page != 1 else "sort" if params.sort is not Sort.RELEVANCE else "mode"
        raise HTTPException(422, f"{name}: not a parameter of similar products")
    if params.size > settings.max_page_size:
        raise HTTPException(422, f"size: at most {settings.max_page_size} products")
    product = service.get_product(seller, product_id)
    fixed = fixed_filters(scope)
    if product is None or not all(getattr(product, name, None) in values for name, values in fixed):
        raise HTTPException(404, f"seller {seller!r} has no product with id {product_id!r}")
    request = SearchRequest(
        size=params.size,
        terms=params.term_filters(),
        category=params.category,
        price_min=params.price_min,
        price_max=params.price_max,
        currency=params.currency,
        in_stock=params.in_stock,
        attributes=params.attribute_filters(),
        fixed=fixed,
    )
    outcome = service.similar(product, product.key, request)
    return to_response(outcome, service, settings, params.fields or None, analytics.ids.new())
