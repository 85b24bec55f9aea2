"""Catalog updates over HTTP (webhook style): POST /v1/admin/products, DELETE /v1/admin/products/{id}.

Off unless HAITAO_ADMIN_API_KEY is set; then every request needs the key (`Authorization: Bearer <key>` or
`X-API-Key: <key>`). Thin routes over the server's `CatalogWriter` (`search.writer`), the one write path: it
writes through the backend the server searches with (so the server is the index's single writer while it runs,
and `haitao index` on the same data directory is refused meanwhile) and drops the service's cached results after
each write. Good items of a batch are indexed (one commit), bad ones are reported one by one; an unchanged product
is not re-embedded.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from starlette.concurrency import run_in_threadpool

from search.api.batches import TooManyRecords, read_batch
from search.api.deps import Admin, AdminDep, ProductIdPath
from search.api.errors import error_responses, without_paths
from search.api.schemas import (
    AdminDeleteResponse,
    AdminWriteResponse,
    FieldError,
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


_BODY = {
    "required": True,
    "description": 'A JSON array of catalog records, or `{"products": [...]}`, in the feed schema (README); at most '
    "HAITAO_MAX_BODY_BYTES bytes and HAITAO_ADMIN_MAX_BATCH records.",
    "content": {
        "application/json": {
            "schema": {
                "anyOf": [
                    {"type": "array", "items": {}, "description": "Catalog records."},
                    {
                        "type": "object",
                        "properties": {"products": {"type": "array", "items": {}, "description": "Catalog records."}},
                        "required": ["products"],
                    },
                ]
            },
            "examples": {
                "array": {"summary": "An array of records", "value": [_RECORD_EXAMPLE]},
                "object": {"summary": "An object with `products`", "value": {"products": [_RECORD_EXAMPLE]}},
            },
        }
    },
}


@router.post(
    "/products",
    response_model=AdminWriteResponse,
    responses=error_responses(401, 404, 409, 413, 422, 503, e401=_KEY, e404=_OFF),
    summary="Add or update products",
    description="Index a batch of catalog records (at most HAITAO_ADMIN_MAX_BATCH) in one commit. Good records "
    "are indexed, bad ones reported one by one; unchanged ones are not re-embedded. The answer comes once the "
    "commit is durable. Needs the admin key.",
    openapi_extra={"requestBody": _BODY},
)
async def upsert_products(request: Request, admin: AdminDep) -> AdminWriteResponse:
    # The key was checked before the body was read, and the body is capped while it streams (search/api/gate.py);
    # it is parsed record by record in a worker thread, never on the event loop (search/api/batches.py).
    body = await request.body()
    return await run_in_threadpool(_upsert, admin, body)


def _upsert(admin: Admin, body: bytes) -> AdminWriteResponse:
    try:
        items = read_batch(body, admin.settings.admin_max_batch)
    except TooManyRecords as exc:
        raise HTTPException(413, str(exc)) from None
    except ValueError as exc:
        raise HTTPException(422, f"body: {exc}") from None
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
        raise HTTPException(409, without_paths(str(exc), admin.settings.data_dir)) from None
    for product_id, reason in written.refused.items():  # stored nowhere: the backend refused the document
        errors = [FieldError(field="index", reason=reason)]
        rejected.append(RejectedItem(index=validator.first_seen[product_id], id=product_id, errors=errors))
    return AdminWriteResponse(
        indexed=written.indexed, unchanged=written.unchanged, rejected=len(rejected), errors=rejected
    )


@router.delete(
    "/products/{product_id:path}",  # an id may hold `/` (Shopify gids do)
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
        raise HTTPException(409, without_paths(str(exc), admin.settings.data_dir)) from None
    if not deleted:
        raise HTTPException(404, f"no product with id {product_id!r}")
    return AdminDeleteResponse(deleted=product_id)
