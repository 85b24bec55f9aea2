"""GET /v1/products/{id} — one product as stored."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException

from search.api.deps import ProductIdPath, ServiceDep, SettingsDep
from search.api.errors import error_responses
from search.api.prices import price_of
from search.api.schemas import DisplayZh, ProductResponse

router = APIRouter(prefix="/v1", tags=["products"])


@router.get(
    "/products/{product_id:path}",  # an id may hold `/` (Shopify gids do)
    response_model=ProductResponse,
    responses=error_responses(404, 422, 503),
    summary="Get one product",
    description="The product as stored (the feed's record after validation), its Chinese display fields, and its "
    "price in USD and in CNY at the configured exchange rate.",
)
def get_product(
    product_id: ProductIdPath,
    service: ServiceDep,
    settings: SettingsDep,
) -> ProductResponse:
    product = service.get_product(product_id)
    if product is None:
        raise HTTPException(404, f"no product with id {product_id!r}")
    price = price_of(product.price, settings)
    display = DisplayZh(**service.display_zh(product))
    return ProductResponse(product=product, display_zh=display, price=price, landed_estimate=price.landed)
