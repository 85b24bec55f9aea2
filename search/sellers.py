"""Sellers: the businesses whose products the catalog holds. A product belongs to one seller, and `(seller, id)` is
its identity (`search.catalog.Product.key`). A seller record gives the display name shoppers see on every hit and
the US state the seller ships from; a seller that has no record yet gets one, named by its id, with its first
products (so a first import needs no setup step). Each backend stores the records beside its index
(`SearchBackend.sellers`, `put_sellers`, `delete_seller`)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from search.catalog import SELLER_ID_RULE, check_seller_id

US_STATES = frozenset(
    """AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK
    OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI AS MP""".split()
)


class Seller(BaseModel):
    """One seller's record."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: str = Field(description=f"The seller's id ({SELLER_ID_RULE}).", examples=["circuit-harbor"])
    name: str = Field(
        "", max_length=200, description="The name shoppers see; the id until set.", examples=["Circuit Harbor"]
    )
    state: str | None = Field(
        None, description="The US state (two-letter code) the seller ships from.", examples=["CA"]
    )
    specialties: list[str] = Field(
        default_factory=list, max_length=50, description="What the seller is known for.", examples=[["headphones"]]
    )

    @field_validator("id", mode="before")
    @classmethod
    def _id(cls, value: Any) -> str:
        return check_seller_id(value)

    @field_validator("state", mode="before")
    @classmethod
    def _state(cls, value: Any) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        code = str(value).strip().upper()
        if code not in US_STATES:
            raise ValueError(f"{value!r} is not a US state code (two letters, e.g. CA)")
        return code

    @field_validator("specialties")
    @classmethod
    def _specialties(cls, value: list[str]) -> list[str]:
        if any(len(item) > 100 for item in value):
            raise ValueError("a specialty is at most 100 characters")
        return [item.strip() for item in value if item.strip()]

    @property
    def display_name(self) -> str:
        return self.name or self.id


def new_seller(seller_id: str) -> Seller:
    """The record a seller gets with its first products: named by its id until a name is set."""
    return Seller(id=seller_id, name=seller_id)


def listing(records: dict[str, Seller], products: dict[str, int]) -> list[tuple[Seller, int]]:
    """Every seller with a record or products (`products`: the `seller` facet's counts), by id, with its products
    in the index; a seller with products but no record is shown by its id."""
    return [
        (records.get(seller) or Seller(id=seller), products.get(seller, 0))
        for seller in sorted(records.keys() | products.keys())
    ]


def read_sellers(path: Path) -> Iterator[Seller]:
    """Seller records from a JSON Lines file (`{"id", "name", "state", "specialties"}` a line); a bad line raises
    ValueError naming the file, the line and why."""
    with Path(path).open(encoding="utf-8-sig") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                yield Seller.model_validate(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not JSON: {exc.msg}") from None
            except ValidationError as exc:
                reasons = "; ".join(
                    f"{'.'.join(str(p) for p in e['loc']) or 'row'}: {e['msg'].removeprefix('Value error, ')}"
                    for e in exc.errors()
                )
                raise ValueError(f"{path}:{number}: {reasons}") from None
