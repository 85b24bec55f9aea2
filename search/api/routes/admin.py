"""Catalog updates over HTTP (webhook style), per seller: POST /v1/admin/sellers/{seller}/products and DELETE
/v1/admin/sellers/{seller}/products/{id}, which the admin key or that seller's write key (`haitao keys create
--seller S`; another seller's gets 403) may call; the sellers' records (GET /v1/admin/sellers, PUT and DELETE
/v1/admin/sellers/{seller}: removing a seller removes its products); and the routes from before sellers, POST
/v1/admin/products (records name their seller, else the default seller's) and DELETE /v1/admin/products/{id} (the
default seller's), with the admin key.

Off unless HAITAO_ADMIN_API_KEY is set; then every request needs a key (`Authorization: Bearer <key>` or
`X-API-Key: <key>`). Thin routes over the server's `CatalogWriter` (`search.writer`), the one write path: it
writes through the backend the server searches with (so the server is the index's single writer while it runs,
and `haitao index` on the same data directory is refused meanwhile) and drops the service's cached results after
each write. Good items of a batch are indexed (one commit), bad ones are reported one by one; an unchanged product
is not re-embedded.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, HTTPException, Request
from starlette.concurrency import run_in_threadpool

from search.api.batches import TooManyRecords, read_batch
from search.api.deps import Admin, AdminDep, ProductIdPath, SellerAdminDep, SellerPath
from search.api.errors import error_responses, without_paths
from search.api.schemas import (
    SELLER_RECORD_EXAMPLE,
    AdminDeleteResponse,
    AdminWriteResponse,
    FieldError,
    RejectedItem,
    SellerInfo,
    SellerRecord,
    SellerRemoved,
    SellersResponse,
)
from search.api.sellers import seller_infos
from search.backends.base import IndexLocked
from search.catalog import InvalidProduct, Product, product_key, split_key
from search.sellers import Seller
from search.writer import Validator

router = APIRouter(prefix="/v1/admin", tags=["admin"])
_OFF = "admin routes are off: set HAITAO_ADMIN_API_KEY on the server to enable them"
_KEY = "missing or wrong admin API key: send `X-API-Key: <key>` or `Authorization: Bearer <key>`"
_SELLER_KEY = "missing or wrong key: the admin key or the seller's key (`X-API-Key` or `Authorization: Bearer`)"
_FORBIDDEN = "a key of another seller (or a search key): it cannot write this seller's products"
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
    "/sellers/{seller}/products",
    response_model=AdminWriteResponse,
    responses=error_responses(401, 403, 404, 409, 413, 422, 503, e401=_SELLER_KEY, e403=_FORBIDDEN, e404=_OFF),
    summary="Add or update a seller's products",
    description="Index a batch of the seller's catalog records (at most HAITAO_ADMIN_MAX_BATCH) in one commit. A "
    "record that names no seller is this seller's; one naming another seller is rejected. Good records are indexed, "
    "bad ones reported one by one; unchanged ones are not re-embedded. The answer comes once the commit is durable. "
    "Needs the admin key or the seller's key (`haitao keys create --seller SELLER`).",
    openapi_extra={"requestBody": _BODY},
)
async def upsert_seller_products(seller: SellerPath, request: Request, admin: SellerAdminDep) -> AdminWriteResponse:
    # The key was checked before the body was read, and the body is capped while it streams (search/api/gate.py);
    # it is parsed record by record in a worker thread, never on the event loop (search/api/batches.py).
    body = await request.body()
    return await run_in_threadpool(_upsert, admin, body, seller)


@router.delete(
    "/sellers/{seller}/products/{product_id:path}",  # an id may hold `/` (Shopify gids do)
    response_model=AdminDeleteResponse,
    responses=error_responses(401, 403, 404, 409, 422, 503, e401=_SELLER_KEY, e403=_FORBIDDEN),
    summary="Remove a seller's product",
    description="Remove the product `(seller, id)` from the index. Needs the admin key or the seller's key.",
)
def delete_seller_product(seller: SellerPath, product_id: ProductIdPath, admin: SellerAdminDep) -> AdminDeleteResponse:
    return _delete(admin, seller, product_id)


@router.get(
    "/sellers",
    response_model=SellersResponse,
    responses=error_responses(401, 404, 503, e401=_KEY, e404=_OFF),
    summary="List the sellers",
    description="Every seller's record, with its products and product groups in the index. Needs the admin key.",
)
def list_sellers(admin: AdminDep) -> SellersResponse:
    return SellersResponse(sellers=seller_infos(admin.service))


@router.put(
    "/sellers/{seller}",
    response_model=SellerInfo,
    responses=error_responses(401, 403, 404, 409, 422, 503, e401=_SELLER_KEY, e403=_FORBIDDEN, e404=_OFF),
    summary="Add a seller or change its record",
    description="Set the seller's display name, the US state it ships from and its specialties (a seller gets a "
    "record, named by its id, with its first products: this names it). Needs the admin key or the seller's key.",
)
def put_seller(
    seller: SellerPath,
    record: Annotated[
        SellerRecord,
        Body(
            description="The seller's record: display name, ship-from state, specialties (left out: kept).",
            examples=[SELLER_RECORD_EXAMPLE],
        ),
    ],
    admin: SellerAdminDep,
) -> SellerInfo:
    try:
        entry = Seller(id=seller, **record.model_dump(exclude_unset=True))
    except ValueError as exc:
        raise HTTPException(422, f"body: {exc}") from None
    try:
        admin.writer.put_sellers([entry])
    except IndexLocked as exc:
        raise HTTPException(409, without_paths(str(exc), admin.settings.data_dir)) from None
    return next(info for info in seller_infos(admin.service) if info.id == seller)


@router.delete(
    "/sellers/{seller}",
    response_model=SellerRemoved,
    responses=error_responses(401, 404, 409, 422, 503, e401=_KEY, e404=_OFF),
    summary="Remove a seller and its products",
    description="Remove every product of the seller, then its record. Needs the admin key.",
)
def delete_seller(seller: SellerPath, admin: AdminDep) -> SellerRemoved:
    try:
        removed, existed = admin.writer.remove_seller(seller)
    except IndexLocked as exc:
        raise HTTPException(409, without_paths(str(exc), admin.settings.data_dir)) from None
    if not existed and not removed:
        raise HTTPException(404, f"no seller {seller!r}")
    return SellerRemoved(seller=seller, products_removed=removed)


@router.post(
    "/products",
    response_model=AdminWriteResponse,
    responses=error_responses(401, 404, 409, 413, 422, 503, e401=_KEY, e404=_OFF),
    summary="Add or update products (any seller)",
    description="Index a batch of catalog records (at most HAITAO_ADMIN_MAX_BATCH) in one commit; each record names "
    "its seller (`seller`), or is the default seller's (HAITAO_DEFAULT_SELLER). Good records are indexed, bad ones "
    "reported one by one; unchanged ones are not re-embedded. The answer comes once the commit is durable. Needs "
    "the admin key.",
    openapi_extra={"requestBody": _BODY},
)
async def upsert_products(request: Request, admin: AdminDep) -> AdminWriteResponse:
    body = await request.body()
    return await run_in_threadpool(_upsert, admin, body, None)


@router.delete(
    "/products/{product_id:path}",  # an id may hold `/` (Shopify gids do)
    response_model=AdminDeleteResponse,
    responses=error_responses(401, 404, 409, 422, 503, e401=_KEY),
    summary="Remove a product of the default seller",
    description="Remove the default seller's (HAITAO_DEFAULT_SELLER) product with this id; in a marketplace use "
    "DELETE /v1/admin/sellers/{seller}/products/{id}. Needs the admin key.",
)
def delete_product(product_id: ProductIdPath, admin: AdminDep) -> AdminDeleteResponse:
    return _delete(admin, admin.settings.default_seller, product_id)


def _upsert(admin: Admin, body: bytes, seller: str | None) -> AdminWriteResponse:
    try:
        items = read_batch(body, admin.settings.admin_max_batch)
    except TooManyRecords as exc:
        raise HTTPException(413, str(exc)) from None
    except ValueError as exc:
        raise HTTPException(422, f"body: {exc}") from None
    validator = Validator("duplicate id, first at index {first}", seller, admin.settings.default_seller)
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
    for key, reason in written.refused.items():  # stored nowhere: the backend refused the document
        errors = [FieldError(field="index", reason=reason)]
        rejected.append(RejectedItem(index=validator.first_seen[key], id=split_key(key)[1], errors=errors))
    return AdminWriteResponse(
        indexed=written.indexed, unchanged=written.unchanged, rejected=len(rejected), errors=rejected
    )


def _delete(admin: Admin, seller: str, product_id: str) -> AdminDeleteResponse:
    try:
        deleted = admin.writer.delete([product_key(seller, product_id)])
    except IndexLocked as exc:
        raise HTTPException(409, without_paths(str(exc), admin.settings.data_dir)) from None
    if not deleted:
        raise HTTPException(404, f"seller {seller!r} has no product with id {product_id!r}")
    return AdminDeleteResponse(deleted=product_id, seller=seller)
