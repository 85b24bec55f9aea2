"""The catalog record: one product schema used by the indexer, the backends and the API.

Field names follow Google Merchant Center (`id`, `title`, `price`, `availability`, `image_link`, ...).
`Product.from_raw` turns one raw feed row (JSON object or CSV row) into a validated product, or raises
`InvalidProduct` naming each bad field.
"""

from __future__ import annotations

import hashlib
import json
import re
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

MAX_ID_LENGTH = 200
MAX_PRICE = 10_000_000.0
"""The highest price a product may have, in USD: anything above is a broken feed (cents for dollars, a typo), and
every price stays finite and exact to the cent in any currency the API shows."""
_AMOUNT_RE = re.compile(r"^\$?\s*(?P<amount>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)$")
_PRICE_RE = re.compile(r"^(?:(?P<pre>[A-Za-z]{3})\s+)?(?P<amount>\$?\s*[\d.,]+)\s*(?P<post>[A-Za-z]{3})?$")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class Availability(StrEnum):
    IN_STOCK = "in_stock"
    OUT_OF_STOCK = "out_of_stock"
    PREORDER = "preorder"
    BACKORDER = "backorder"


class InvalidProduct(ValueError):
    """A feed row that is not a valid product. `errors` holds one `(field, reason)` pair per problem."""

    def __init__(self, errors: list[tuple[str, str]], product_id: str | None = None) -> None:
        self.errors = errors
        self.product_id = product_id
        super().__init__("; ".join(f"{field}: {reason}" for field, reason in errors))


def parse_price(value: Any) -> float:
    """A USD amount from a number, `"19.99"`, `"19.99 USD"` or `"$1,299.00"`. Other currencies are refused."""
    if isinstance(value, bool):
        raise ValueError("must be a number in USD or a string like '19.99 USD'")
    if isinstance(value, int | float):
        amount = float(value)
    elif isinstance(value, str):
        parts = _PRICE_RE.match(value.strip())
        if not parts:
            raise ValueError(f"cannot read {value!r} as a price; write 19.99 or '19.99 USD'")
        currency = (parts["pre"] or parts["post"] or "USD").upper()
        if currency != "USD":
            raise ValueError(f"{value!r} is in {currency}; prices must be in USD")
        match = _AMOUNT_RE.match(parts["amount"].strip())
        if not match:
            raise ValueError(f"cannot read {value!r} as a price; write 19.99 or '19.99 USD'")
        amount = float(match["amount"].replace(",", ""))
    else:
        raise ValueError("must be a number in USD or a string like '19.99 USD'")
    if amount != amount or amount in (float("inf"), float("-inf")):
        raise ValueError("must be a finite number")
    if amount < 0:
        raise ValueError("must not be negative")
    return round(amount, 2)


def parse_availability(value: Any) -> Availability:
    text = re.sub(r"[\s-]+", "_", str(value).strip().lower())
    try:
        return Availability(text)
    except ValueError:
        allowed = ", ".join(a.value for a in Availability)
        raise ValueError(f"{value!r} is not one of {allowed} ('in stock' is accepted too)") from None


def normalize_category(value: str) -> str:
    """`electronics>audio > headphones` → `electronics > audio > headphones` (levels trimmed, empties dropped)."""
    parts = [part.strip() for part in re.split(r"\s*>\s*", value)]
    return " > ".join(part for part in parts if part)


class Product(BaseModel):
    """One product as a US seller lists it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: str = Field(min_length=1, max_length=MAX_ID_LENGTH, examples=["anker-a3947"])
    title: str = Field(min_length=1, max_length=1000, examples=["Soundcore Liberty 4 NC Wireless Earbuds"])
    description: str = ""
    brand: str = ""
    category: str = Field("", examples=["Electronics > Audio > Headphones"])
    price: float = Field(ge=0, description="Price in USD; the lowest one when variants differ.", examples=[79.99])
    price_max: float | None = Field(
        None,
        ge=0,
        description="The highest variant price in USD, when variants differ (a price range).",
        examples=[99.99],
    )
    availability: Availability = Availability.IN_STOCK
    link: str = ""
    image_link: str = ""
    title_zh: str = ""
    description_zh: str = ""
    attributes: dict[str, str] = Field(default_factory=dict)

    @field_validator("id", mode="before")
    @classmethod
    def _id(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        if isinstance(value, str) and _CONTROL_RE.search(value):
            raise ValueError("must not contain control characters")
        return value

    @field_validator("price", mode="before")
    @classmethod
    def _price(cls, value: Any) -> float:
        return parse_price(value)

    @field_validator("price_max", mode="before")
    @classmethod
    def _price_max(cls, value: Any) -> float | None:
        return None if value is None or value == "" else parse_price(value)

    @model_validator(mode="after")
    def _price_range(self) -> Product:
        if self.price_max is not None and self.price_max < self.price:
            raise ValueError(f"price_max ({self.price_max}) must not be below price ({self.price})")
        if self.price_max == self.price:
            self.price_max = None
        return self

    @field_validator("availability", mode="before")
    @classmethod
    def _availability(cls, value: Any) -> Availability:
        if value is None or value == "":
            return Availability.IN_STOCK
        return parse_availability(value)

    @field_validator("category")
    @classmethod
    def _category(cls, value: str) -> str:
        return normalize_category(value)

    @field_validator("description", "brand", "link", "image_link", "title_zh", "description_zh", mode="before")
    @classmethod
    def _optional_text(cls, value: Any) -> Any:
        return "" if value is None else value

    @field_validator("attributes", mode="before")
    @classmethod
    def _attributes(cls, value: Any) -> dict[str, str]:
        if value is None or value == "":
            return {}
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except json.JSONDecodeError as exc:
                raise ValueError(f"must be a JSON object: {exc.msg}") from None
        if not isinstance(value, dict):
            raise ValueError("must be an object of names to values")
        return {str(k): _attribute_value(v) for k, v in value.items() if v is not None}

    @property
    def in_stock(self) -> bool:
        return self.availability is Availability.IN_STOCK

    def content_hash(self) -> str:
        """A stable hash of everything the index stores for this product (absent optional fields left out, so
        adding one to the schema does not change the hash of the products that do not use it)."""
        canonical = json.dumps(self.model_dump(mode="json", exclude_none=True), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    @classmethod
    def from_raw(cls, raw: dict[str, Any]) -> Product:
        """Validate one raw feed row. Unknown columns become attributes; empty strings mean absent."""
        known = set(cls.model_fields)
        data: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for key, value in raw.items():
            name = str(key).strip().lower()
            if isinstance(value, str) and value.strip() == "" and name not in ("id", "title", "price"):
                continue
            if name in known:
                data[name] = value
            elif value is not None:
                extra[str(key).strip()] = value
        if extra:
            attributes = data.get("attributes")
            if isinstance(attributes, str):
                try:
                    attributes = json.loads(attributes) if attributes.strip() else {}
                except json.JSONDecodeError:
                    attributes = attributes  # reported by the validator
            if isinstance(attributes, dict) or attributes is None:
                data["attributes"] = {**extra, **(attributes or {})}
        raw_id = data.get("id")
        product_id = str(raw_id).strip() if isinstance(raw_id, str | int) and str(raw_id).strip() else None
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            raise InvalidProduct(_describe(exc), product_id) from None


def _attribute_value(value: Any) -> str:
    if isinstance(value, str | int | float | bool):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def _describe(exc: ValidationError) -> list[tuple[str, str]]:
    errors = []
    for error in exc.errors():
        field = ".".join(str(part) for part in error["loc"]) or "row"
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "missing":
            message = "is required"
        elif error["type"] == "string_too_short":
            message = "must not be empty"
        errors.append((field, message))
    return errors
