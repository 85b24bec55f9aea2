"""The sellers as the API shows them: each record with its products in the index."""

from __future__ import annotations

from search.api.schemas import SellerInfo
from search.sellers import listing
from search.service import SearchService


def seller_infos(service: SearchService) -> list[SellerInfo]:
    """Every seller with a record or products, by id."""
    return [
        SellerInfo(
            id=seller.id,
            name=seller.display_name,
            state=seller.state,
            specialties=seller.specialties,
            products=products,
        )
        for seller, products in listing(service.sellers(), service.facet_values("seller", 100_000))
    ]
