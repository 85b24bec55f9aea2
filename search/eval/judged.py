"""What a query set's judgments name — a product id, a marketplace product (`SELLER/ID`) or a product group
(`SELLER/ITEM_GROUP_ID`) — and the name a hit goes by in a run scored against them."""

from __future__ import annotations

from enum import StrEnum

from search.catalog import Product


class Judged(StrEnum):
    ID = "id"  # the product's id: the judgments of one catalog (Chorus)
    PRODUCT = "product"  # `SELLER/ID`: a marketplace's products, every variant on its own
    GROUP = "group"  # `SELLER/ITEM_GROUP_ID`: a marketplace's product groups, each at its best-ranked variant


def doc_id(product: Product, judged: Judged) -> str:
    """The name of `product` in judgments of this kind."""
    if judged is Judged.GROUP:
        return product.group
    return product.key if judged is Judged.PRODUCT else product.id
