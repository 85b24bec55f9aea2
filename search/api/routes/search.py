"""GET and POST /v1/search — hybrid product search for Chinese (and English) shopper queries.

Both take the same parameters (`SearchParams`): GET as query parameters (lists repeated or comma-separated),
POST as a JSON object, for requests too long or structured for a URL.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException, Query, Response

from search.analytics import Analytics
from search.api.deps import AnalyticsDep, SearchScopeDep, ServiceDep, SessionDep, SettingsDep, fixed_filters
from search.api.errors import error_responses
from search.api.limits import MAX_RESULT_WINDOW
from search.api.prices import discount_percent, price_intent_in, price_of, price_range_in
from search.api.schemas import (
    ALWAYS,
    SEARCH_EXAMPLE,
    BoostApplied,
    BoostExplain,
    DisplayZh,
    ExchangeRate,
    HitExplain,
    ProductTypeExplain,
    SearchHit,
    SearchParams,
    SearchResponse,
    VariantOption,
)
from search.backends.base import Hit
from search.catalog import VARIANT_ATTRIBUTES, Variant
from search.config import Settings
from search.cursor import InvalidCursor
from search.fields import BY_NAME, FIELDS, CatalogField, FieldType
from search.keys import ScopedKey
from search.merchandising.rules import Boosted
from search.service import SearchOutcome, SearchRequest, SearchService

SHOWN = tuple(f for f in FIELDS if f.shown)

router = APIRouter(prefix="/v1", tags=["search"])


# What both routes answer: the response model (without the fields a `fields=` request leaves out) and the errors.
ANSWERS = {
    "response_model": SearchResponse,
    "response_model_exclude_unset": True,
    "responses": error_responses(422, 503),
}


@router.get(
    "/search",
    **ANSWERS,
    summary="Search products",
    description="Query text in Chinese (Simplified or Traditional), pinyin or English; empty `q` browses. "
    "Filters narrow the results, facets count them, `cursor` pages deep.",
)
def search_get(
    service: ServiceDep,
    settings: SettingsDep,
    scope: SearchScopeDep,
    analytics: AnalyticsDep,
    session: SessionDep,
    params: Annotated[SearchParams, Query()],
) -> Response:
    return as_json(run_search(service, settings, params, scope, analytics, session))


@router.post(
    "/search",
    **ANSWERS,
    summary="Search products (JSON body)",
    description="The same search as GET /v1/search, with the parameters as a JSON object.",
)
def search_post(
    service: ServiceDep,
    settings: SettingsDep,
    scope: SearchScopeDep,
    analytics: AnalyticsDep,
    session: SessionDep,
    params: Annotated[
        SearchParams,
        Body(
            description="The search parameters as a JSON object (lists as JSON arrays).",
            openapi_examples={"蓝牙耳机": {"summary": "降噪耳机，500元以下，两个品牌", "value": SEARCH_EXAMPLE}},
        ),
    ],
) -> Response:
    return as_json(run_search(service, settings, params, scope, analytics, session))


def as_json(response: SearchResponse) -> Response:
    """The response as FastAPI would serialise it for `ANSWERS` (the same bytes), without its second look: the
    model was validated as it was built, and FastAPI would check it again on a worker thread of its own."""
    body = response.model_dump_json(exclude_unset=True, by_alias=True)
    return Response(content=body, media_type="application/json")


def run_search(
    service: SearchService,
    settings: Settings,
    params: SearchParams,
    scope: ScopedKey | None,
    analytics: Analytics,
    session: str | None,
) -> SearchResponse:
    """One search: checked, run (within a scoped key's fixed filters), answered with a new `query_id`, and
    recorded for the analytics."""
    if params.size > settings.max_page_size:
        raise HTTPException(422, f"size: at most {settings.max_page_size} hits a page")
    if params.page * params.size > MAX_RESULT_WINDOW:
        raise HTTPException(
            422, f"page: pages reach {MAX_RESULT_WINDOW} results deep (page × size); browse further with `cursor`"
        )
    if params.cursor and params.page != 1:
        raise HTTPException(422, "page: do not send with cursor (the cursor says where the next page starts)")
    request = SearchRequest(
        q=params.q,
        page=params.page,
        size=params.size,
        cursor=params.cursor,
        **params.filters(),
        fixed=fixed_filters(scope),
        facets=tuple(params.facets),
        sort=params.sort,
        mode=params.mode,
        explain=params.explain,
        distinct=params.distinct,
    )
    try:
        outcome = service.search(request)
    except InvalidCursor as exc:
        raise HTTPException(422, f"cursor: {exc}") from None
    query_id = analytics.ids.new()
    response = to_response(outcome, service, settings, params.fields or None, query_id)
    if request.q.strip():
        _record(analytics, query_id, outcome, session)
    return response


def _record(analytics: Analytics, query_id: str, outcome: SearchOutcome, session: str | None) -> None:
    analyzed = outcome.analyzed
    filters = {key: value for key, value in _filters(outcome).items() if value not in (None, [], {})}
    analytics.searched(
        query_id,
        outcome.request.q,
        analyzed.normalized if analyzed is not None else "",
        [c.term for c in analyzed.concepts] if analyzed is not None else [],
        filters,
        outcome.result.total,
        outcome.took_ms,
        session,
    )


def to_response(
    outcome: SearchOutcome,
    service: SearchService,
    settings: Settings,
    fields: list[str] | None = None,
    query_id: str | None = None,
) -> SearchResponse:
    request = outcome.request
    sellers = service.sellers() if outcome.result.hits else {}
    hits = []
    for hit, marked in zip(outcome.result.hits, outcome.highlights, strict=True):
        values: dict[str, Any] = {f.name: _shown(f, hit.product) for f in SHOWN}
        low, high, regular = hit.shown_prices()
        values.update(variants=None, variant_options=None)
        if hit.group is not None:
            values.update(
                variants=hit.group.variants,
                variant_options=[_option(variant, settings) for variant in hit.group.listed],
            )
        price = price_of(low, settings)
        seller = sellers.get(hit.product.seller)
        values.update(
            seller_name=seller.display_name if seller is not None else hit.product.seller,
            price=price,
            price_max=None if high is None else price_of(high, settings),
            list_price=None if regular is None else price_of(regular, settings),
            discount_percent=discount_percent(low, regular),
            landed_estimate=price.landed,
            score=round(hit.score, 6),
            highlight=marked.fields,
            display_zh=DisplayZh(**service.types.display_zh(hit.product, hit.node)),
        )
        if fields is not None:
            values = {name: value for name, value in values.items() if name in fields or name in ALWAYS}
        if request.explain:
            values["explain"] = HitExplain(
                keyword_rank=hit.keyword_rank,
                keyword_score=hit.keyword_score,
                vector_rank=hit.vector_rank,
                vector_score=hit.vector_score,
                matched=marked.matched,
                product_type=_product_type(service, outcome, hit),
                pinned_by=f"rules:{outcome.pinned[hit.product.key]}" if hit.product.key in outcome.pinned else None,
                boost=_boost(outcome.boosted.get(hit.product.key)),
            )
        hits.append(SearchHit(**values))

    analysis = None
    if request.explain:
        analysis = outcome.analyzed.explain() if outcome.analyzed else {}
        analysis["filters"] = _filters(outcome)
        analysis["timings"] = outcome.timings
        analysis["cached"] = outcome.cached
        analysis["relaxed"] = outcome.relaxed
        analysis["vector_floor"] = service.floor.as_dict() if service.floor is not None else None
        prediction = outcome.prediction
        analysis["product_type"] = (
            {**prediction.explain(service.types.taxonomy), "use": "boost"} if prediction is not None else None
        )
        analysis["rules"] = outcome.rules
    price_range = price_range_in(request.currency, outcome.result.price_range, service.rate)
    stats = {"price": price_range} if price_range is not None else {}
    # The query's price applies only where the request set no price range of its own (service._filters).
    written = outcome.analyzed.price if outcome.analyzed is not None else None
    own_range = request.price_min is not None or request.price_max is not None
    intent = None if own_range else price_intent_in(request.currency, written, service.rate)
    return SearchResponse(
        query=request.q,
        query_id=query_id,
        total=outcome.result.total,
        page=request.page,
        size=request.size,
        hits=hits,
        facets=outcome.result.facets,
        facets_stats=stats,
        facet_labels=service.types.facet_labels(outcome.result.facets),
        next_cursor=outcome.next_cursor,
        exchange_rate=ExchangeRate(cny_per_usd=settings.cny_per_usd, as_of=settings.rate_as_of),
        took_ms=outcome.took_ms,
        degraded=outcome.degraded,
        corrected_query=outcome.analyzed.corrected_query if outcome.analyzed is not None else None,
        pinyin_query=outcome.analyzed.pinyin_query if outcome.analyzed is not None else None,
        relaxed=outcome.relaxed,
        price_intent=intent,
        did_you_mean=outcome.did_you_mean,
        explain=analysis,
    )


def _filters(outcome: SearchOutcome) -> dict[str, Any]:
    """The filters a search applied (those of the request and a price read from the query), as explain shows them."""
    return {
        **{BY_NAME[name].filter_name: list(values) for name, values in outcome.filters.terms},
        "fixed_by_key": {name: list(values) for name, values in outcome.filters.fixed},
        "category": outcome.filters.category,
        "price_min_usd": outcome.filters.price_min,
        "price_max_usd": outcome.filters.price_max,
        "in_stock": outcome.filters.in_stock,
        "attributes": {name: list(values) for name, values in outcome.filters.attributes},
    }


def _shown(field: CatalogField, product: Any) -> Any:
    value = field.value(product)
    return value.value if field.type is FieldType.AVAILABILITY else value


def _product_type(service: SearchService, outcome: SearchOutcome, hit: Hit) -> ProductTypeExplain | None:
    """The hit's type as assigned, and whether the query's type boost applied to it."""
    shown = service.types.explain(hit.node)
    if shown is None:
        return None
    wanted = outcome.prediction
    minimum = service.spec.type_min_confidence
    of_type = wanted is not None and any(hit.node.is_of(node, minimum) for node in wanted.nodes)
    return ProductTypeExplain(**shown, of_query_type=of_type, type_rank=hit.type_rank)


def _option(variant: Variant, settings: Settings) -> VariantOption:
    """A variant of a collapsed hit's group, as listed with the hit."""
    options = {name: getattr(variant, name) for name in VARIANT_ATTRIBUTES if getattr(variant, name)}
    regular = variant.list_price
    return VariantOption(
        id=variant.id,
        **options,
        price=price_of(variant.price, settings),
        list_price=None if regular is None else price_of(regular, settings),
        availability=variant.availability.value,
        image_link=variant.image_link or None,
    )


def _boost(boosted: Boosted | None) -> BoostExplain | None:
    if boosted is None:
        return None
    by = [BoostApplied(rule=f"rules:{rule}", filter_by=b.filter_by, weight=b.weight) for b, rule in boosted.by]
    return BoostExplain(factor=round(boosted.factor, 6), rank_before=boosted.rank_before, by=by)
