"""Catalog updates over HTTP (webhook style): POST /v1/admin/products, DELETE /v1/admin/products/{id}.

Off unless HAITAO_ADMIN_API_KEY is set; then every request needs the key (`Authorization: Bearer <key>` or
`X-API-Key: <key>`). Thin routes over the server's `CatalogWriter` (`search.writer`), the one write path: it
writes through the backend the server searches with (so the server is the index's single writer while it runs,
and `haitao index` on the same data directory is refused meanwhile) and drops the service's cached results after
each write. Good items of a batch are indexed (one commit), bad ones are reported one by one; an unchanged product
is not re-embedded.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, HTTPException

from search.api.deps import AdminDep, ProductIdPath
from search.api.errors import error_responses
from search.api.schemas import (
    AdminDeleteResponse,
    AdminWriteResponse,
    FieldError,
    ProductBatch,
    RejectedItem,
)
from search.backends.base import IndexLocked
from search.catalog import InvalidProduct, Product
from search.writer import Validator

router = APIRouter(prefix="/v1/admin", tags=["admin"])
_OFF = "admin routes are off: set HAITAO_ADMIN_API_KEY on the server to enable them"
_KEY = "missing or wrong admin API key: send `X-API-Key: <key>` or `Authorization: Bearer <key>`"
_RECORD_EXAMPLE = {
    "id": "ear-anker-p3",
    "title": "Soundcore by Anker P3 Wireless Earbuds, Bluetooth 5.2",
    "brand": "Anker",
    "category": "Electronics > Audio > Headphones",
    "price": "79.99 USD",
    "availability": "in stock",
    "title_zh": "安克 Soundcore P3 蓝牙耳机",
    "description_zh": "主动降噪，续航 50 小时",
}


@router.post(
    "/products",
    response_model=AdminWriteResponse,
    responses=error_responses(401, 404, 409, 413, 422, 503, e401=_KEY, e404=_OFF),
    summary="Add or update products",
    description="Index a batch of catalog records (at most HAITAO_ADMIN_MAX_BATCH) in one commit. Good records "
    "are indexed, bad ones reported one by one; unchanged ones are not re-embedded. Needs the admin key.",
)
def upsert_products(
    admin: AdminDep,
    body: list[Any] | ProductBatch = Body(  # noqa: B008 - FastAPI's way to declare a body
        description='A JSON array of catalog records, or `{"products": [...]}`, in the feed schema (README).',
        examples=[[_RECORD_EXAMPLE], {"products": [_RECORD_EXAMPLE]}],
    ),
) -> AdminWriteResponse:
    items = body.products if isinstance(body, ProductBatch) else body
    if len(items) > admin.settings.admin_max_batch:
        raise HTTPException(413, f"at most {admin.settings.admin_max_batch} products a request, got {len(items)}")
    validator = Validator("duplicate id, first at index {first}")
    products: list[Product] = []
    rejected: list[RejectedItem] = []
    for index, item in enumerate(items):
        try:
            products.append(validator.check(item, index))
        except InvalidProduct as exc:
            errors = [FieldError(field=f, reason=r) for f, r in exc.errors]
            rejected.append(RejectedItem(index=index, id=exc.product_id, errors=errors))
    writer = admin.product_writer()
    try:
        written = writer.write(products)
    except IndexLocked as exc:
        raise HTTPException(409, str(exc)) from None
    for product_id, reason in written.refused.items():  # stored nowhere: the backend refused the document
        errors = [FieldError(field="index", reason=reason)]
        rejected.append(RejectedItem(index=validator.first_seen[product_id], id=product_id, errors=errors))
    return AdminWriteResponse(
        indexed=written.indexed, unchanged=written.unchanged, rejected=len(rejected), errors=rejected
    )


@router.delete(
    "/products/{product_id}",
    response_model=AdminDeleteResponse,
    responses=error_responses(401, 404, 409, 422, 503, e401=_KEY),
    summary="Remove a product",
    description="Remove one product from the index. Needs the admin key.",
)
def delete_product(
    product_id: ProductIdPath,
    admin: AdminDep,
) -> AdminDeleteResponse:
    try:
        deleted = admin.writer.delete([product_id])
    except IndexLocked as exc:
        raise HTTPException(409, str(exc)) from None
    if not deleted:
        raise HTTPException(404, f"no product with id {product_id!r}")
    return AdminDeleteResponse(deleted=product_id)
