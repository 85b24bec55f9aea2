"""GET /v1/sellers — the marketplace's sellers: display name, ship-from state, specialties, products in the index
(under a scoped search key, only the sellers its filters let through)."""

from __future__ import annotations

from fastapi import APIRouter

from search.api.deps import SearchScopeDep, ServiceDep
from search.api.errors import error_responses
from search.api.schemas import SellersResponse
from search.api.sellers import seller_infos

router = APIRouter(prefix="/v1", tags=["products"])


@router.get(
    "/sellers",
    response_model=SellersResponse,
    responses=error_responses(503),
    summary="List the sellers",
    description="Every seller: its id (the `seller` filter and facet value), display name, the US state it ships "
    "from, its specialties and its products in the index.",
)
def sellers(service: ServiceDep, scope: SearchScopeDep) -> SellersResponse:
    infos = seller_infos(service)
    if scope is not None:
        infos = [info for info in infos if scope.allows("seller", info.id)]
    return SellersResponse(sellers=infos)
