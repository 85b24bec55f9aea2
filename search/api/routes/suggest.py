"""GET /v1/suggest — autocomplete as the shopper types: Chinese, pinyin (full or initials) and English prefixes."""

from __future__ import annotations

import time
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from search.api.deps import ServiceDep
from search.api.schemas import ErrorResponse, SuggestionItem, SuggestResponse

router = APIRouter(prefix="/v1", tags=["search"])
MAX_SUGGEST_QUERY = 50
MAX_SUGGESTIONS = 20


@router.get(
    "/suggest",
    response_model=SuggestResponse,
    responses={422: {"model": ErrorResponse}, 503: {"model": ErrorResponse}},
    summary="Autocomplete",
)
def suggest(
    service: ServiceDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=MAX_SUGGEST_QUERY,
            description="What the shopper typed so far: Chinese (Simplified or Traditional), pinyin (`lanya`, "
            "`lan ya`, initials `ly`) or English.",
            examples=["lany", "蓝牙", "藍牙", "lyej", "索尼", "bluet"],
        ),
    ],
    size: Annotated[
        int, Query(ge=1, le=MAX_SUGGESTIONS, description="How many suggestions at most.", examples=[8])
    ] = 8,
) -> SuggestResponse:
    if not q.strip():
        raise HTTPException(422, "q: type at least one letter or character to complete")
    started = time.perf_counter()
    found = service.suggest(q, size)
    took_ms = round((time.perf_counter() - started) * 1000, 3)
    items = [SuggestionItem(text=s.text, kind=s.kind.value, english=s.english, product_id=s.product_id) for s in found]
    return SuggestResponse(query=q, suggestions=items, took_ms=took_ms)
