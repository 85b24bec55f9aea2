"""PUT/GET/DELETE /v1/admin/synonyms/{id} — runtime synonyms (Typesense's shape), behind the admin key.

A change is written to DATA_DIR/synonyms.json (atomically) and applies to the next search of every server on that
data directory, on either backend, without a restart (search/merchandising/synonyms.py).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path

from search.api import documents
from search.api.deps import ServiceDep
from search.api.errors import error_responses
from search.api.schemas_merchandising import Deleted, SynonymBody, SynonymOut
from search.api.security import require_admin_key
from search.merchandising.synonyms import Synonym

router = APIRouter(prefix="/v1/admin/synonyms", tags=["merchandising"], dependencies=[Depends(require_admin_key)])
SynonymId = Annotated[
    str, Path(pattern=r"^[A-Za-z0-9_-]{1,64}$", description="1–64 letters, digits, `_` or `-`.", examples=["bose-nick"])
]
ANSWERS = error_responses(401, 404, 422, 503)
# What GET and PUT of one synonym answer.
ONE: dict[str, Any] = {"response_model": SynonymOut, "responses": ANSWERS}


def _out(synonym: Synonym) -> SynonymOut:
    return SynonymOut(id=synonym.id, root=synonym.root, synonyms=list(synonym.synonyms))


LISTED = {
    200: {"content": {"application/json": {"example": [{"id": "bose-nick", "root": "大鸟", "synonyms": ["bose"]}]}}}
}


@router.get("", response_model=list[SynonymOut], responses={**ANSWERS, **LISTED}, summary="List the synonyms")
def list_synonyms(service: ServiceDep) -> list[SynonymOut]:
    return [_out(synonym) for synonym in documents.listed(service.synonyms.documents)]


@router.put(
    "/{synonym_id}",
    **ONE,
    summary="Add or replace a synonym",
    description='`{"root": "大鸟", "synonyms": ["bose"]}` (one-way) or `{"synonyms": ["sneakers", '
    '"trainers"]}` (multi-way). Applies to the next search; explain names it `synonyms:ID`.',
)
def put_synonym(
    synonym_id: SynonymId,
    body: Annotated[SynonymBody, Body(description="The synonym: `synonyms`, and `root` for a one-way one.")],
    service: ServiceDep,
) -> SynonymOut:
    return _out(documents.put(service.synonyms.documents, synonym_id, body, Synonym.parse))


@router.get("/{synonym_id}", **ONE, summary="Get a synonym")
def get_synonym(synonym_id: SynonymId, service: ServiceDep) -> SynonymOut:
    return _out(documents.found(service.synonyms.documents, synonym_id, "synonym"))


@router.delete("/{synonym_id}", response_model=Deleted, responses=ANSWERS, summary="Remove a synonym")
def delete_synonym(synonym_id: SynonymId, service: ServiceDep) -> Deleted:
    return documents.deleted(service.synonyms.documents, synonym_id, "synonym")
