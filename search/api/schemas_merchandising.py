"""Request and response models of the merchandising routes: synonyms and rules."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class SynonymBody(BaseModel):
    """A synonym entry in Typesense's shape."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"root": "大鸟", "synonyms": ["bose"]}, {"synonyms": ["sneakers", "trainers"]}]
        },
    )

    root: str | None = Field(
        None,
        description="One-way: the root also searches as each synonym (a Chinese root works as a glossary entry). "
        "Leave it out for a multi-way synonym.",
    )
    synonyms: list[str] = Field(description="The terms (1–32; at least two for a multi-way synonym).")


class SynonymOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"id": "bose-nick", "root": "大鸟", "synonyms": ["bose"]}]}
    )

    id: str
    root: str | None = Field(None, description="The root, normalised (Simplified, lowercase); null: multi-way.")
    synonyms: list[str] = Field(description="The terms, normalised.")


class Deleted(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"deleted": "bose-nick"}]})

    deleted: str = Field(description="The id removed.")


class ProductRef(BaseModel):
    model_config = ConfigDict(extra="forbid")
    seller: str = Field(examples=["default"])
    id: str = Field(examples=["ear-anker-p3"])


class PinnedProduct(ProductRef):
    position: int = Field(description="1-based position in the results.", examples=[1])


class RuleCondition(BaseModel):
    model_config = ConfigDict(extra="forbid")
    query: str = Field(description="Matched after query analysis (Traditional, pinyin, case all compare equal).")
    match: str = Field("exact", description="`exact`: the query's words are these; `contains`: they include them.")


class RuleBoost(BaseModel):
    model_config = ConfigDict(extra="forbid")
    filter_by: str = Field(
        description="The products to boost or bury, in the syntax of the rule's `filter_by`.", examples=["brand:=Anker"]
    )
    weight: float = Field(
        description="Their relevance score is multiplied by it: above 1 boosts, below 1 buries (0.01–10, not 1).",
        examples=[3.0],
    )


class RuleBody(BaseModel):
    """A merchandising rule in Typesense's override shape."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "rule": {"query": "蓝牙耳机", "match": "exact"},
                    "includes": [{"seller": "default", "id": "ear-anker-p3", "position": 1}],
                    "excludes": [{"seller": "default", "id": "ear-apple-wired"}],
                    "filter_by": "in_stock:=true",
                    "boost": [{"filter_by": "brand:=Anker", "weight": 3}, {"filter_by": "price:>300", "weight": 0.5}],
                    "effective_from": "2026-11-01T00:00:00Z",
                    "effective_to": "2026-11-12T00:00:00Z",
                }
            ]
        },
    )

    rule: RuleCondition
    includes: list[PinnedProduct] = Field(default_factory=list, description="Products pinned at positions.")
    excludes: list[ProductRef] = Field(default_factory=list, description="Products hidden.")
    filter_by: str | None = Field(
        None,
        description="Narrows the results, Typesense syntax: `brand:=[Sony,Bose] && in_stock:=true && price:<200` "
        "(any keyword filter field, category, in_stock, price in USD).",
    )
    boost: list[RuleBoost] = Field(
        default_factory=list,
        description="Boost (weight above 1) or bury (below 1) the products each filter selects: their relevance "
        "score is multiplied by the weight, within the first 100 results; nothing is filtered out (up to 10).",
    )
    effective_from: str | int | None = Field(None, description="From when (ISO 8601 or seconds since the epoch).")
    effective_to: str | int | None = Field(None, description="Until when (exclusive).")


class RuleOut(RuleBody):
    id: str
    missing: list[ProductRef] = Field(
        default_factory=list, description="Pinned or hidden products not in the index now (a pin of one is skipped)."
    )
