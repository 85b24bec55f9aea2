"""The sellers as the API shows them: each record with its products and product groups in the index."""

from __future__ import annotations

from search.api.schemas import SellerInfo
from search.service import SearchService


def seller_infos(service: SearchService) -> list[SellerInfo]:
    """Every seller with a record or products, by id."""
    records = service.sellers()
    products = service.facet_values("seller", 100_000)
    infos = []
    for seller in sorted(records.keys() | products.keys()):
        record = records.get(seller)
        infos.append(
            SellerInfo(
                id=seller,
                name=record.display_name if record is not None else seller,
                state=record.state if record is not None else None,
                specialties=record.specialties if record is not None else [],
                products=products.get(seller, 0),
            )
        )
    return infos
