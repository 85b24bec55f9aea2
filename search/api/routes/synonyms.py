"""PUT/GET/DELETE /v1/admin/synonyms/{id} — runtime synonyms (Typesense's shape), behind the admin key.

A change is written to DATA_DIR/synonyms.json (atomically) and applies to the next search of every server on that
data directory, on either backend, without a restart (search/merchandising/synonyms.py).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Depends, HTTPException, Path

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


def _out(synonym: Synonym) -> SynonymOut:
    return SynonymOut(id=synonym.id, root=synonym.root, synonyms=list(synonym.synonyms))


LISTED = {
    200: {"content": {"application/json": {"example": [{"id": "bose-nick", "root": "大鸟", "synonyms": ["bose"]}]}}}
}


@router.get("", response_model=list[SynonymOut], responses={**ANSWERS, **LISTED}, summary="List the synonyms")
def list_synonyms(service: ServiceDep) -> list[SynonymOut]:
    items = service.synonyms.documents.items()
    return [_out(items[i]) for i in sorted(items)]


@router.put(
    "/{synonym_id}",
    response_model=SynonymOut,
    responses=ANSWERS,
    summary="Add or replace a synonym",
    description='`{"root": "大鸟", "synonyms": ["bose"]}` (one-way) or `{"synonyms": ["sneakers", '
    '"trainers"]}` (multi-way). Applies to the next search; explain names it `synonyms:ID`.',
)
def put_synonym(
    synonym_id: SynonymId,
    body: Annotated[SynonymBody, Body(description="The synonym: `synonyms`, and `root` for a one-way one.")],
    service: ServiceDep,
) -> SynonymOut:
    try:
        synonym = Synonym.parse(synonym_id, body.model_dump(exclude_none=True))
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None
    service.synonyms.documents.put(synonym_id, synonym)
    return _out(synonym)


@router.get("/{synonym_id}", response_model=SynonymOut, responses=ANSWERS, summary="Get a synonym")
def get_synonym(synonym_id: SynonymId, service: ServiceDep) -> SynonymOut:
    synonym = service.synonyms.documents.get(synonym_id)
    if synonym is None:
        raise HTTPException(404, f"no synonym with id {synonym_id!r}")
    return _out(synonym)


@router.delete("/{synonym_id}", response_model=Deleted, responses=ANSWERS, summary="Remove a synonym")
def delete_synonym(synonym_id: SynonymId, service: ServiceDep) -> Deleted:
    if not service.synonyms.documents.delete(synonym_id):
        raise HTTPException(404, f"no synonym with id {synonym_id!r}")
    return Deleted(deleted=synonym_id)
