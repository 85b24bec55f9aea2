"""The catalog record: one product schema used by the indexer, the backends and the API.

Field names follow Google Merchant Center (`id`, `title`, `price`, `availability`, `image_link`, ...).
`Product.from_raw` turns one raw feed row (JSON object or CSV row) into a validated product, or raises
`InvalidProduct` naming each bad field.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

MAX_ID_LENGTH = 200
DEFAULT_SELLER = "default"
"""The seller of a product whose record names none, when the writer is not told otherwise (HAITAO_DEFAULT_SELLER
sets the one the indexer, the admin routes and the old routes use)."""
SELLER_ID_RE = re.compile(r"^[a-z0-9_-]{1,64}$")
SELLER_ID_RULE = "lowercase letters, digits, - and _, at most 64"
VARIANT_ATTRIBUTES = ("color", "size", "material", "pattern", "gender", "age_group")
"""The attributes that tell a group's variants apart, with Merchant Center's names: fields of `Product`, filtered and
counted (facets) like a brand, and the options a collapsed hit lists."""


MAX_TEXT_LENGTHS = {
    "description": 20_000,
    "description_zh": 20_000,
    "title_zh": 1_000,
    "brand": 200,
    "category": 1_000,
    "link": 2_048,
    "image_link": 2_048,
    "item_group_id": MAX_ID_LENGTH,
    **dict.fromkeys(VARIANT_ATTRIBUTES, 200),
}
"""Characters of each text field of an incoming record (`title` is at most 1,000 and `id` 200 always)."""
MAX_ATTRIBUTES = 100
MAX_ATTRIBUTE_NAME_LENGTH = 100
MAX_ATTRIBUTE_VALUE_LENGTH = 1_000
MAX_ECHO = 64
"""Characters of a rejected value quoted back in a reason (or of a rejected id): enough to recognise it."""
INGEST = {"ingest": True}
"""The validation context of a record coming in (`Product.from_raw`: a feed row, an admin item): the size limits
and the price bound apply and a link must be http(s). A record read back from the index was checked when it came
in and is read as stored — except a link that is not http(s) (an index built before links were checked), which is
dropped rather than ever shown."""
MAX_PRICE = 10_000_000.0
"""The highest price a product may have, in USD: anything above is a broken feed (cents for dollars, a typo), and
every price stays finite and exact to the cent in any currency the API shows."""
_AMOUNT_RE = re.compile(r"^\$?\s*(?P<amount>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)$")
_PRICE_RE = re.compile(r"^(?:(?P<pre>[A-Za-z]{3})\s+)?(?P<amount>\$?\s*[\d.,]+)\s*(?P<post>[A-Za-z]{3})?$")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_WEB_URL_RE = re.compile(r"https?://[^\x00-\x20\x7f/?#]+[^\x00-\x20\x7f]*", re.IGNORECASE)


class Availability(StrEnum):
    IN_STOCK = "in_stock"
    OUT_OF_STOCK = "out_of_stock"
    PREORDER = "preorder"
    BACKORDER = "backorder"


def check_seller_id(value: Any) -> str:
    """A seller id as given, or a ValueError saying what a seller id is."""
    if not isinstance(value, str) or not SELLER_ID_RE.fullmatch(value):
        raise ValueError(f"{echo(value)} is not a seller id ({SELLER_ID_RULE})")
    return value


def product_key(seller: str, product_id: str) -> str:
    """A product's identity in the index: `SELLER/ID` (a seller id holds no `/`, so the first one splits it)."""
    return f"{seller}/{product_id}"


def split_key(key: str) -> tuple[str, str]:
    """`SELLER/ID` → (seller, id)."""
    seller, _, product_id = key.partition("/")
    return seller, product_id


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
        try:
            amount = float(value)
        except OverflowError:  # an integer of hundreds of digits
            raise ValueError(f"must be at most {MAX_PRICE:,.0f} USD") from None
    elif isinstance(value, str):
        parts = _PRICE_RE.match(value.strip())
        if not parts:
            raise ValueError(f"cannot read {echo(value)} as a price; write 19.99 or '19.99 USD'")
        currency = (parts["pre"] or parts["post"] or "USD").upper()
        if currency != "USD":
            raise ValueError(f"{echo(value)} is in {currency}; prices must be in USD")
        match = _AMOUNT_RE.match(parts["amount"].strip())
        if not match:
            raise ValueError(f"cannot read {echo(value)} as a price; write 19.99 or '19.99 USD'")
        amount = float(match["amount"].replace(",", ""))
    else:
        raise ValueError("must be a number in USD or a string like '19.99 USD'")
    if amount != amount or amount in (float("inf"), float("-inf")):
        raise ValueError("must be a finite number")
    if amount < 0:
        raise ValueError("must not be negative")
    return round(amount, 2) + 0.0  # + 0.0: -0.0 is 0.0


def parse_availability(value: Any) -> Availability:
    text = re.sub(r"[\s-]+", "_", str(value).strip().lower())
    try:
        return Availability(text)
    except ValueError:
        allowed = ", ".join(a.value for a in Availability)
        raise ValueError(f"{echo(value)} is not one of {allowed} ('in stock' is accepted too)") from None


def normalize_category(value: str) -> str:
    """`electronics>audio > headphones` → `electronics > audio > headphones` (levels trimmed, empties dropped)."""
    parts = [part.strip() for part in re.split(r"\s*>\s*", value)]
    return " > ".join(part for part in parts if part)


def _usd(value: Any, info: ValidationInfo) -> float:
    return _bounded(parse_price(value), info)


def _optional_usd(value: Any, info: ValidationInfo) -> float | None:
    return None if value is None or value == "" else _usd(value, info)


Usd = Annotated[float, Field(ge=0), BeforeValidator(_usd)]
"""A price of a record, in USD: a number or a string `parse_price` reads (`"$1,299.00"`), at most MAX_PRICE when it
comes in."""
OptionalUsd = Annotated[float | None, Field(ge=0), BeforeValidator(_optional_usd)]
"""A price a record may leave out (null or empty), else as `Usd`."""


class Product(BaseModel):
    """One product as a US seller lists it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: str = Field(
        min_length=1,
        max_length=MAX_ID_LENGTH,
        description="The seller's id of the product (its SKU): unique within the seller, not across sellers.",
        examples=["anker-a3947"],
    )
    seller: str = Field(
        DEFAULT_SELLER,
        description=f"The seller's id ({SELLER_ID_RULE}); `(seller, id)` is the product's identity.",
        examples=["circuit-harbor"],
    )
    title: str = Field(min_length=1, max_length=1000, examples=["Soundcore Liberty 4 NC Wireless Earbuds"])
    description: str = ""
    brand: str = ""
    category: str = Field("", examples=["Electronics > Audio > Headphones"])
    price: Usd = Field(description="Price in USD; the lowest one when variants differ.", examples=[79.99])
    price_max: OptionalUsd = Field(
        None, description="The highest variant price in USD, when variants differ (a price range).", examples=[99.99]
    )
    availability: Availability = Availability.IN_STOCK
    link: str = ""
    image_link: str = ""
    title_zh: str = ""
    description_zh: str = ""
    condition: str | None = Field(None, max_length=50, examples=["new"])  # Merchant Center: new, refurbished, used
    list_price: OptionalUsd = Field(
        None,
        description="The regular price in USD while the product sells below it for `price` (Shopify's Compare At "
        "Price; Merchant Center's price while its sale_price applies): shown as a discount.",
        examples=[99.99],
    )
    item_group_id: str | None = Field(
        None,
        description="The product group this product is a variant of (Merchant Center's item_group_id; a Shopify "
        "product's Handle): the variants of a group share it, and search shows one hit per group.",
        examples=["hydro-flask-32-oz-wide-mouth"],
    )
    # The variant attributes, as Merchant Center names them: what tells the variants of a group apart.
    color: str | None = Field(None, examples=["Pacific"])
    size: str | None = Field(None, examples=["32 oz"])
    material: str | None = Field(None, examples=["stainless steel"])
    pattern: str | None = Field(None, examples=["striped"])
    gender: str | None = Field(None, examples=["unisex"])  # Merchant Center: male, female, unisex
    age_group: str | None = Field(None, examples=["adult"])  # Merchant Center: newborn, infant, toddler, kids, adult
    attributes: dict[str, str] = Field(default_factory=dict)

    @field_validator("id", mode="before")
    @classmethod
    def _id(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        if isinstance(value, str) and _CONTROL_RE.search(value):
            raise ValueError("must not contain control characters")
        return value

    @field_validator("seller", mode="before")
    @classmethod
    def _seller(cls, value: Any) -> str:
        return DEFAULT_SELLER if value is None else check_seller_id(value)

    @property
    def key(self) -> str:
        """The product's identity in the index, `SELLER/ID`."""
        return product_key(self.seller, self.id)

    @model_validator(mode="after")
    def _price_range(self) -> Product:
        if self.price_max is not None and self.price_max < self.price:
            raise ValueError(f"price_max ({self.price_max}) must not be below price ({self.price})")
        if self.price_max == self.price:
            self.price_max = None
        if self.list_price is not None and self.list_price < self.price:
            raise ValueError(
                f"list_price ({self.list_price}) must not be below price ({self.price}): it is the regular price "
                "of a product on sale"
            )
        if self.list_price == self.price:
            self.list_price = None  # not on sale
        return self

    @field_validator("item_group_id", *VARIANT_ATTRIBUTES, mode="before")
    @classmethod
    def _keyword_text(cls, value: Any) -> Any:
        """A group id or a variant attribute: text (a number is read as written), without control characters."""
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        if isinstance(value, str) and _CONTROL_RE.search(value):
            raise ValueError("must not contain control characters")
        return None if isinstance(value, str) and not value.strip() else value

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

    @field_validator(*MAX_TEXT_LENGTHS)
    @classmethod
    def _text_length(cls, value: str | None, info: ValidationInfo) -> str | None:
        limit = MAX_TEXT_LENGTHS[info.field_name or ""]
        if _ingesting(info) and value is not None and len(value) > limit:
            raise ValueError(f"at most {limit:,} characters, got {len(value):,}")
        return value

    @field_validator("link", "image_link")
    @classmethod
    def _web_link(cls, value: str, info: ValidationInfo) -> str:
        """Only http(s) links: a `javascript:` or `data:` link would run or render in a shopper's browser."""
        if _ingesting(info) and not is_web_link(value):
            raise ValueError(f"must be an http:// or https:// URL without spaces, got {echo(value)}")
        return shown_link(value)

    @field_validator("attributes", mode="before")
    @classmethod
    def _attributes(cls, value: Any, info: ValidationInfo) -> dict[str, str]:
        if value is None or value == "":
            return {}
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except json.JSONDecodeError as exc:
                raise ValueError(f"must be a JSON object: {exc.msg}") from None
        if not isinstance(value, dict):
            raise ValueError("must be an object of names to values")
        if _ingesting(info) and len(value) > MAX_ATTRIBUTES:
            raise ValueError(f"at most {MAX_ATTRIBUTES} attributes, got {len(value):,}")
        attributes = {str(k): _attribute_value(v) for k, v in value.items() if v is not None}
        if _ingesting(info):
            for name, text in attributes.items():
                if len(name) > MAX_ATTRIBUTE_NAME_LENGTH:
                    raise ValueError(
                        f"an attribute name is at most {MAX_ATTRIBUTE_NAME_LENGTH} characters: {echo(name)}"
                    )
                if len(text) > MAX_ATTRIBUTE_VALUE_LENGTH:
                    raise ValueError(
                        f"the value of {echo(name)} is at most {MAX_ATTRIBUTE_VALUE_LENGTH:,} characters, "
                        f"got {len(text):,}"
                    )
        return attributes

    @property
    def group(self) -> str:
        """The product group search collapses it into, `SELLER/ITEM_GROUP_ID` (a group is one seller's), else the
        product alone (its key)."""
        return product_key(self.seller, self.item_group_id or self.id)

    @property
    def in_stock(self) -> bool:
        return self.availability is Availability.IN_STOCK

    def content_hash(self) -> str:
        """A stable hash of everything the index stores for this product (absent optional fields left out, so
        adding one to the schema does not change the hash of the products that do not use it)."""
        canonical = json.dumps(self.model_dump(mode="json", exclude_none=True), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    @classmethod
    def from_raw(cls, raw: dict[str, Any], seller: str | None = None) -> Product:
        """Validate one raw feed row. Unknown columns become attributes; empty strings mean absent. A row that names
        no seller is `seller`'s (default: DEFAULT_SELLER)."""
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
        if seller is not None and data.get("seller") is None:
            data["seller"] = seller
        raw_id = data.get("id")
        product_id = None
        if isinstance(raw_id, str | int) and not isinstance(raw_id, bool):
            product_id = _shorten(str(raw_id).strip()) or None  # an id too long is quoted short
        try:
            return cls.model_validate(data, context=INGEST)
        except ValidationError as exc:
            raise InvalidProduct(_describe(exc), product_id) from None


@dataclass(frozen=True)
class Variant:
    """What a collapsed hit lists of each variant of its group: its id, what tells it apart (the variant attributes),
    its price and whether it is in stock — the fields of `Product` of these names, with the same values."""

    id: str
    price: float
    price_max: float | None
    list_price: float | None
    availability: Availability
    image_link: str
    color: str | None = None
    size: str | None = None
    material: str | None = None
    pattern: str | None = None
    gender: str | None = None
    age_group: str | None = None

    @classmethod
    def of(cls, product: Product) -> Variant:
        return cls(
            product.id,
            product.price,
            product.price_max,
            product.list_price,
            product.availability,
            product.image_link,
            *(getattr(product, name) for name in VARIANT_ATTRIBUTES),
        )

    @classmethod
    def from_stored(cls, record: str) -> Variant:
        """From a product's record as the index stores it (`Product.model_dump_json` of a validated product): only
        these fields are read, without validating the whole record again (a fifth of the time); the link is checked
        as reading a `Product` back checks it. A record not of that shape is read as a `Product`."""
        try:
            data = json.loads(record)
            price_max, list_price = data["price_max"], data["list_price"]
            return cls(
                data["id"],
                float(data["price"]),
                None if price_max is None else float(price_max),
                None if list_price is None else float(list_price),
                Availability(data["availability"]),
                shown_link(data["image_link"]),
                *(data[name] for name in VARIANT_ATTRIBUTES),
            )
        except (KeyError, TypeError, ValueError):
            return cls.of(Product.model_validate_json(record))


def is_web_link(value: str) -> bool:
    """An http(s) link (or none): a `javascript:` or `data:` link would run or render in a shopper's browser."""
    return not value or _WEB_URL_RE.fullmatch(value) is not None


def shown_link(value: str) -> str:
    """A link read back from the index as shown: one that is not http(s) (stored before links were checked) never
    is."""
    return value if is_web_link(value) else ""


def echo(value: Any) -> str:
    """`value` as a reason quotes it: its repr, at most MAX_ECHO characters."""
    return _shorten(repr(value))


def _shorten(text: str) -> str:
    return text if len(text) <= MAX_ECHO else f"{text[: MAX_ECHO - 1]}…"


def _ingesting(info: ValidationInfo) -> bool:
    return bool(info.context and info.context.get("ingest"))


def _bounded(price: float, info: ValidationInfo) -> float:
    if _ingesting(info) and price > MAX_PRICE:
        raise ValueError(f"must be at most {MAX_PRICE:,.0f} USD")
    return price


def _attribute_value(value: Any) -> str:
    if isinstance(value, str | int | float | bool):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def _describe(exc: ValidationError) -> list[tuple[str, str]]:
    errors = []
    for error in exc.errors():
        field = ".".join(_shorten(str(part)) for part in error["loc"]) or "row"
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "missing":
            message = "is required"
        elif error["type"] == "string_too_short":
            message = "must not be empty"
        errors.append((field, message))
    return errors
