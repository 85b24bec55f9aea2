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
