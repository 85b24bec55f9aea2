"""GET /v1/products/{seller}/{id} — one product as stored, by its identity `(seller, id)`; and the route before
sellers, GET /v1/products/{id}, which reads the default seller's (HAITAO_DEFAULT_SELLER).

A product id may hold `/` (Shopify gids do): `/v1/products/a/b` is seller `a`'s product `b` when `a` is a seller
id that names a seller, else the default seller's product `a/b`. Under a scoped search key, a product its filters
exclude is not found (404)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path

from search.api.deps import ProductIdPath, SearchScopeDep, ServiceDep, SettingsDep
from search.api.errors import error_responses
from search.api.limits import MAX_PRODUCT_ID_LENGTH
from search.api.prices import price_of
from search.api.schemas import DisplayZh, ProductResponse
from search.catalog import SELLER_ID_RE, SELLER_ID_RULE, Product
from search.config import Settings
from search.keys import ScopedKey
from search.service import SearchService

router = APIRouter(prefix="/v1", tags=["products"])

SellerProductIdPath = Annotated[
    str,
    Path(
        max_length=MAX_PRODUCT_ID_LENGTH,
        description="The seller's id of the product, as in its feed; one holding `/` is sent as it is or with `%2F`.",
        examples=["CH-20001"],
    ),
]


# What both product routes answer: the product, or 404 (no such product, or one outside a scoped key's filters).
ANSWERS: dict[str, Any] = {"response_model": ProductResponse, "responses": error_responses(404, 422, 503)}


@router.get(
    "/products/{seller}/{product_id:path}",
    **ANSWERS,
    summary="Get one product of a seller",
    description="The product `(seller, id)` as stored (the feed's record after validation), the seller's display "
    "name, its Chinese display fields, and its price in USD and in CNY at the configured exchange rate.",
)
def get_seller_product(
    seller: Annotated[
        str,
        Path(max_length=200, description=f"The seller's id ({SELLER_ID_RULE}).", examples=["circuit-harbor"]),
    ],
    product_id: SellerProductIdPath,
    service: ServiceDep,
    settings: SettingsDep,
    scope: SearchScopeDep,
) -> ProductResponse:
    if product_id and SELLER_ID_RE.fullmatch(seller) and seller in service.sellers():
        product = service.get_product(seller, product_id)
        if product is None:
            raise HTTPException(404, f"seller {seller!r} has no product with id {product_id!r}")
        return _answer(product, service, settings, scope)
    # Not a seller: an id with `/` of the default seller, as the route before sellers read it.
    return _default_sellers(f"{seller}/{product_id}", service, settings, scope)


@router.get(
    "/products/{product_id:path}",  # what the route above leaves: an id with `/` and no seller before it
    **ANSWERS,
    summary="Get one product of the default seller",
    description="The default seller's (HAITAO_DEFAULT_SELLER) product with this id: the route of a single-catalog "
    "index. In a marketplace use GET /v1/products/{seller}/{id}.",
)
def get_product(
    product_id: ProductIdPath, service: ServiceDep, settings: SettingsDep, scope: SearchScopeDep
) -> ProductResponse:
    return _default_sellers(product_id, service, settings, scope)


def _default_sellers(product_id: str, service: SearchService, settings: Settings, scope: ScopedKey | None):
    product = service.get_product(settings.default_seller, product_id)
    if product is None:
        raise HTTPException(404, f"no product with id {product_id!r} (of the default seller)")
    return _answer(product, service, settings, scope)


def _answer(product: Product, service: SearchService, settings: Settings, scope: ScopedKey | None) -> ProductResponse:
    if scope is not None and not all(
        scope.allows(name, str(getattr(product, name) or "")) for name, _ in scope.filters
    ):
        raise HTTPException(404, f"seller {product.seller!r} has no product with id {product.id!r}")
    price = price_of(product.price, settings)
    seller = service.sellers().get(product.seller)
    name = seller.display_name if seller is not None else product.seller
    display = DisplayZh(**service.display_zh(product))
    return ProductResponse(
        product=product, seller_name=name, display_zh=display, price=price, landed_estimate=price.landed
    )
