"""GET /v1/products/{id} — one product as stored."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException

from search.api.deps import ServiceDep, SettingsDep
from search.api.prices import price_of
from search.api.schemas import ErrorResponse, ProductResponse

router = APIRouter(prefix="/v1", tags=["products"])


@router.get(
    "/products/{product_id}",
    response_model=ProductResponse,
    responses={404: {"model": ErrorResponse}, 503: {"model": ErrorResponse}},
    summary="Get one product",
)
def get_product(product_id: str, service: ServiceDep, settings: SettingsDep) -> ProductResponse:
    product = service.get_product(product_id)
    if product is None:
        raise HTTPException(404, f"no product with id {product_id!r}")
    price = price_of(product.price, settings)
    return ProductResponse(product=product, price=price, landed_estimate=price.landed)
