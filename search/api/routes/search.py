"""GET /v1/search — hybrid product search for Chinese (and English) shopper queries."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from search.api.deps import ServiceDep, SettingsDep
from search.api.limits import MAX_QUERY_LENGTH
from search.api.schemas import ErrorResponse, ExchangeRate, HitExplain, Price, SearchHit, SearchResponse
from search.backends.base import FACETS, Sort
from search.config import Settings
from search.service import Currency, Mode, SearchOutcome, SearchRequest

router = APIRouter(prefix="/v1", tags=["search"])


@router.get(
    "/search",
    response_model=SearchResponse,
    responses={422: {"model": ErrorResponse}, 503: {"model": ErrorResponse}},
    summary="Search products",
)
def search(
    service: ServiceDep,
    settings: SettingsDep,
    q: Annotated[
        str,
        Query(
            max_length=MAX_QUERY_LENGTH, description="What the shopper typed; empty = browse.", examples=["蓝牙耳机"]
        ),
    ] = "",
    page: Annotated[int, Query(ge=1, le=1000, description="1-based page number.")] = 1,
    size: Annotated[int, Query(ge=1, description="Hits per page (at most HAITAO_MAX_PAGE_SIZE, default 100).")] = 10,
    brand: Annotated[list[str] | None, Query(description="Only these brands (repeatable).", examples=["Sony"])] = None,
    category: Annotated[
        str | None, Query(description="Category path prefix.", examples=["Electronics > Audio"])
    ] = None,
    price_min: Annotated[float | None, Query(ge=0, description="Lowest price, in `currency`.")] = None,
    price_max: Annotated[float | None, Query(ge=0, description="Highest price, in `currency`.")] = None,
    currency: Annotated[Currency, Query(description="Currency of price_min / price_max.")] = Currency.CNY,
    in_stock: Annotated[
        bool | None, Query(description="Only products in stock (true) or not in stock (false).")
    ] = None,
    facets: Annotated[
        str, Query(description=f"Comma-separated facets to count: {', '.join(FACETS)}.", examples=["brand"])
    ] = "",
    sort: Annotated[Sort, Query(description="Result order.")] = Sort.RELEVANCE,
    mode: Annotated[Mode, Query(description="Retrieval: both legs fused, or one leg alone.")] = Mode.HYBRID,
    explain: Annotated[bool, Query(description="Include the query analysis and each hit's leg ranks.")] = False,
) -> SearchResponse:
    if size > settings.max_page_size:
        raise HTTPException(422, f"size: at most {settings.max_page_size} hits a page")
    if price_min is not None and price_max is not None and price_min > price_max:
        raise HTTPException(422, "price_min: must not be greater than price_max")
    facet_names = tuple(dict.fromkeys(f.strip() for f in facets.split(",") if f.strip()))
    unknown = [f for f in facet_names if f not in FACETS]
    if unknown:
        raise HTTPException(422, f"facets: unknown facet {unknown[0]!r}; known: {', '.join(FACETS)}")
    request = SearchRequest(
        q=q,
        page=page,
        size=size,
        brands=tuple(brand or ()),
        category=category,
        price_min=price_min,
        price_max=price_max,
        currency=currency,
        in_stock=in_stock,
        facets=facet_names,
        sort=sort,
        mode=mode,
    )
    return to_response(service.search(request), settings, explain)


def price_of(usd: float, settings: Settings) -> Price:
    return Price(usd=usd, cny=round(usd * settings.cny_per_usd, 2))


def to_response(outcome: SearchOutcome, settings: Settings, explain: bool) -> SearchResponse:
    hits = []
    for hit in outcome.result.hits:
        p = hit.product
        hits.append(
            SearchHit(
                id=p.id,
                title=p.title,
                title_zh=p.title_zh,
                brand=p.brand,
                category=p.category,
                price=price_of(p.price, settings),
                availability=p.availability.value,
                image_link=p.image_link,
                link=p.link,
                score=round(hit.score, 6),
                explain=HitExplain(
                    keyword_rank=hit.keyword_rank,
                    keyword_score=hit.keyword_score,
                    vector_rank=hit.vector_rank,
                    vector_score=hit.vector_score,
                )
                if explain
                else None,
            )
        )
    analysis = None
    if explain:
        analysis = outcome.analyzed.explain() if outcome.analyzed else {}
        analysis["filters"] = {
            "brands": list(outcome.filters.brands),
            "category": outcome.filters.category,
            "price_min_usd": outcome.filters.price_min,
            "price_max_usd": outcome.filters.price_max,
            "in_stock": outcome.filters.in_stock,
        }
        analysis["timings"] = outcome.timings
    return SearchResponse(
        query=outcome.request.q,
        total=outcome.result.total,
        page=outcome.request.page,
        size=outcome.request.size,
        hits=hits,
        facets=outcome.result.facets,
        exchange_rate=ExchangeRate(cny_per_usd=settings.cny_per_usd, as_of=settings.rate_as_of),
        took_ms=outcome.took_ms,
        explain=analysis,
    )
