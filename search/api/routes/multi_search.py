"""POST /v1/multi-search — several searches in one request (Typesense's and Meilisearch's multi-search).

Each search takes the parameters of POST /v1/search and is answered, in order, as POST /v1/search would answer it
(its own `query_id` included). A bad search refuses the whole request (422 naming `searches[i]` and the field)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, HTTPException
from pydantic import BaseModel, ConfigDict, Field

from search.api.deps import AnalyticsDep, SearchScopeDep, ServiceDep, SessionDep, SettingsDep
from search.api.errors import error_responses
from search.api.routes.search import run_search
from search.api.schemas import SEARCH_EXAMPLE, SearchParams, SearchResponse

router = APIRouter(prefix="/v1", tags=["search"])
MAX_SEARCHES = 10


class MultiSearchBody(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"searches": [SEARCH_EXAMPLE, {"q": "保温杯", "size": 5}]}]},
    )

    searches: list[SearchParams] = Field(  # type: ignore[valid-type]
        min_length=1, max_length=MAX_SEARCHES, description=f"1–{MAX_SEARCHES} searches, each as POST /v1/search."
    )


class MultiSearchResponse(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"results": SearchResponse.model_config["json_schema_extra"]["examples"]}]}
    )

    results: list[SearchResponse] = Field(description="One answer per search, in the order of `searches`.")


@router.post(
    "/multi-search",
    response_model=MultiSearchResponse,
    response_model_exclude_unset=True,
    responses=error_responses(422, 503),
    summary="Run several searches at once",
    description=f"Up to {MAX_SEARCHES} searches in one request (a storefront's results and its side panels, or "
    "one query against several sellers); each is answered as POST /v1/search answers it.",
)
def multi_search(
    body: Annotated[MultiSearchBody, Body(description="The searches, each with the parameters of POST /v1/search.")],
    service: ServiceDep,
    settings: SettingsDep,
    scope: SearchScopeDep,
    analytics: AnalyticsDep,
    session: SessionDep,
) -> MultiSearchResponse:
    results = []
    for number, params in enumerate(body.searches):
        try:
            results.append(run_search(service, settings, params, scope, analytics, session))
        except HTTPException as exc:
            if exc.status_code != 422:
                raise
            raise HTTPException(422, f"searches[{number}].{exc.detail}", headers=exc.headers) from None
    return MultiSearchResponse(results=results)
