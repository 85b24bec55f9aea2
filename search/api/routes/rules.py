"""PUT/GET/DELETE /v1/admin/rules/{id} — merchandising rules (Typesense's override shape), behind the admin key.

Pin products at positions, hide others, narrow by a filter, boost or bury the products a filter selects, for queries
that match (after analysis: 藍牙耳機 and `lanya erji` hit a 蓝牙耳机 rule), optionally between two dates. Kept in
DATA_DIR/rules.json; a change applies to the next search of every server on that data directory, on either backend
(search/merchandising/rules.py).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path

from search.api import documents
from search.api.deps import ServiceDep
from search.api.errors import error_responses
from search.api.schemas_merchandising import Deleted, RuleBody, RuleOut
from search.api.security import require_admin_key
from search.catalog import product_key
from search.merchandising.rules import Rule
from search.service import SearchService

router = APIRouter(prefix="/v1/admin/rules", tags=["merchandising"], dependencies=[Depends(require_admin_key)])
RuleId = Annotated[
    str, Path(pattern=r"^[A-Za-z0-9_-]{1,64}$", description="1–64 letters, digits, `_` or `-`.", examples=["double-11"])
]
ANSWERS = error_responses(401, 404, 422, 503)
# What GET and PUT of one rule answer.
ONE: dict[str, Any] = {"response_model": RuleOut, "response_model_exclude_none": True, "responses": ANSWERS}


def _out(rule: Rule, service: SearchService) -> RuleOut:
    body: dict[str, Any] = rule.to_json()
    wanted = [(p.seller, p.id) for p in rule.includes] + list(rule.excludes)
    found = service.backend.fetch([product_key(s, i) for s, i in wanted]) if wanted else {}
    body["missing"] = [{"seller": s, "id": i} for s, i in wanted if product_key(s, i) not in found]
    return RuleOut(**body)


LISTED = {
    200: {
        "content": {
            "application/json": {
                "example": [
                    {
                        "id": "double-11",
                        "rule": {"query": "蓝牙耳机", "match": "exact"},
                        "includes": [{"seller": "default", "id": "ear-anker-p3", "position": 1}],
                        "excludes": [],
                        "missing": [],
                    }
                ]
            }
        }
    }
}


@router.get("", response_model=list[RuleOut], responses={**ANSWERS, **LISTED}, summary="List the rules")
def list_rules(service: ServiceDep) -> list[RuleOut]:
    return [_out(rule, service) for rule in documents.listed(service.rules.documents)]


@router.put(
    "/{rule_id}",
    **ONE,
    summary="Add or replace a rule",
    description="Applies to the next search; explain names it (`rules:ID`), a pinned hit's explain says "
    "`pinned_by` and a boosted or buried one `boost`. `missing` lists pinned or hidden products that are not in "
    "the index now.",
)
def put_rule(
    rule_id: RuleId,
    body: Annotated[RuleBody, Body(description="The rule: its condition and what it does (Typesense's override).")],
    service: ServiceDep,
) -> RuleOut:
    return _out(documents.put(service.rules.documents, rule_id, body, Rule.parse), service)


@router.get("/{rule_id}", **ONE, summary="Get a rule")
def get_rule(rule_id: RuleId, service: ServiceDep) -> RuleOut:
    return _out(documents.found(service.rules.documents, rule_id, "rule"), service)


@router.delete("/{rule_id}", response_model=Deleted, responses=ANSWERS, summary="Remove a rule")
def delete_rule(rule_id: RuleId, service: ServiceDep) -> Deleted:
    return documents.deleted(service.rules.documents, rule_id, "rule")
