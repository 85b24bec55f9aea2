"""POST /v1/events — what shoppers did with the results of a search (click, add to cart, purchase).

The storefront sends an event with the `query_id` of the search the product was found by; an id this API did not
answer is refused (422), and so is a product that is not in the index. Events are rate-limited per client
(HAITAO_EVENTS_PER_MINUTE) on top of the server's rate limit, and acknowledged once written to the analytics store.
"""

from __future__ import annotations

import time
from typing import Annotated

from fastapi import APIRouter, Body, HTTPException, Request

from search.analytics import EventRecord, StoreBusy
from search.api.deps import AnalyticsDep, ServiceDep
from search.api.errors import error_responses
from search.api.schemas_analytics import Event, EventAccepted

router = APIRouter(prefix="/v1", tags=["analytics"])


@router.post(
    "/events",
    response_model=EventAccepted,
    status_code=201,
    responses=error_responses(404, 422, 429, 503),
    summary="Record a shopper's event",
    description="A click, add-to-cart or purchase of a product found by a search: send the search's `query_id`, "
    "the product's `seller` and `id` and its 1-based `position` in the results. Answered once stored.",
)
def post_event(
    event: Annotated[
        Event, Body(description="The event: its type, the search's `query_id`, the product, its position.")
    ],
    request: Request,
    analytics: AnalyticsDep,
    service: ServiceDep,
) -> EventAccepted:
    limiter = request.app.state.event_limiter
    if limiter is not None:
        client = request.client.host if request.client else "unknown"
        wait = limiter.acquire(client)
        if wait > 0:
            raise limiter.refusal(wait)
    if not analytics.ids.issued(event.query_id):
        raise HTTPException(
            422, "query_id: unknown (send the `query_id` of the search whose results the shopper acted on)"
        )
    if service.get_product(event.seller, event.id) is None:
        raise HTTPException(422, f"id: seller {event.seller!r} has no product with id {event.id!r}")
    if analytics.store is None:
        raise HTTPException(503, "events are not recorded: analytics are off on this server (HAITAO_ANALYTICS)")
    record = EventRecord(event.type, event.query_id, event.seller, event.id, event.position, time.time(), event.session)
    try:
        analytics.store.record_event(record)
    except StoreBusy as exc:
        raise HTTPException(503, str(exc), headers={"Retry-After": "1"}) from None
    return EventAccepted()
