"""The admin CRUD of a document store (rules, synonyms): the steps every PUT/GET/DELETE /v1/admin/<kind>/{id}
route shares, with the answers they give (422 for a bad document, 404 for an unknown id)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import HTTPException
from pydantic import BaseModel

from search.api.schemas_merchandising import Deleted
from search.merchandising.documents import DocumentStore

T = TypeVar("T")


def listed(store: DocumentStore[T]) -> list[T]:
    """Every document, in the order of their ids."""
    items = store.items()
    return [items[i] for i in sorted(items)]


def put(store: DocumentStore[T], doc_id: str, body: BaseModel, parse: Callable[[str, dict[str, Any]], T]) -> T:
    """Parse the body (422 naming the problem) and add or replace the document."""
    try:
        item = parse(doc_id, body.model_dump(exclude_none=True))
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None
    store.put(doc_id, item)
    return item


def found(store: DocumentStore[T], doc_id: str, kind: str) -> T:
    item = store.get(doc_id)
    if item is None:
        raise HTTPException(404, f"no {kind} with id {doc_id!r}")
    return item


def deleted(store: DocumentStore[Any], doc_id: str, kind: str) -> Deleted:
    if not store.delete(doc_id):
        raise HTTPException(404, f"no {kind} with id {doc_id!r}")
    return Deleted(deleted=doc_id)
