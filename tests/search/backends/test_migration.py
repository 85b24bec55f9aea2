"""Migration of an index built before sellers (schema version 3) on every backend: it is refused with a message
naming `haitao migrate`; `haitao migrate` (and `haitao index`, by itself) rewrites it into the current version —
every product the default seller's, every stored vector kept as it was (nothing embedded again: the old vectors
here are not the model's, so a re-embedded product would show) — and the sellers' features work on the result."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import tantivy
from opensearchpy import OpenSearch
from typer.testing import CliRunner

from indexer.cli import app
from search.backends.base import IndexMismatch
from search.backends.embedded.index import LIVE_MANIFEST
from search.backends.factory import open_existing_backend
from search.backends.opensearch.index import VECTOR_FIELD, properties
from search.catalog import Product
from search.config import Settings

from .conftest import opensearch_config
from .test_cli import environment, haitao

FEED = Path(__file__).resolve().parents[2] / "fixtures" / "products.jsonl"
OLD_VERSION = 3


def old_records() -> list[dict]:
    """The fixture catalog as an index of version 3 stored it: records without a seller."""
    rows = [json.loads(line) for line in FEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = [Product.from_raw(row).model_dump(mode="json") for row in rows]
    for record in records:
        record.pop("seller")
    return records


def odd_vectors(count: int, dim: int) -> np.ndarray:
    """Unit vectors no model made: a migration that embedded again would replace them."""
    vectors = np.random.default_rng(7).standard_normal((count, dim)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def write_old_embedded(data_dir: Path, model: str, dim: int, records: list[dict], vectors: np.ndarray) -> None:
    """An embedded index as version 3 laid it out: `manifest.json` naming the tantivy index whose documents store the
    product record (JSON) and its vector (float32, little-endian), by product id."""
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("title", stored=False)
    builder.add_text_field("record", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_bytes_field("vector", stored=True)
    schema = builder.build()
    index_dir = data_dir / "index"
    index_dir.mkdir(parents=True)
    index = tantivy.Index(schema, path=str(index_dir))
    writer = index.writer()
    for record, vector in zip(records, vectors, strict=True):
        doc = tantivy.Document()
        doc.add_text("id", record["id"])
        doc.add_text("title", record["title"])
        doc.add_text("record", json.dumps(record))
        doc.add_bytes("vector", vector.astype("<f4").tobytes())
        writer.add_document(doc)
    writer.commit()
    writer.wait_merging_threads()
    manifest = {"schema_version": OLD_VERSION, "model": model, "dim": dim, "updated_at": None, "index": "index"}
    (data_dir / LIVE_MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


def write_old_opensearch(settings: Settings, model: str, dim: int, records: list[dict], vectors: np.ndarray) -> None:
    """An OpenSearch index of version 3: `ALIAS_v1` behind the alias, its `_meta` naming the version, documents by
    product id holding the record, the vector and the write sequence."""
    client = OpenSearch(hosts=[settings.opensearch_url])
    name = f"{settings.opensearch_index}_v1"
    vector_mapping = properties(dim, opensearch_config(settings.opensearch_url).index.vector)[VECTOR_FIELD]
    mappings = {
        "dynamic": "strict",
        "_meta": {"schema_version": OLD_VERSION, "model": model, "dim": dim},
        "properties": {
            "id": {"type": "keyword"},
            "seq": {"type": "long"},
            "record": {"type": "object", "enabled": False},
            VECTOR_FIELD: vector_mapping,
        },
    }
    client.indices.create(index=name, body={"mappings": mappings})
    actions: list[dict] = []
    for seq, (record, vector) in enumerate(zip(records, vectors, strict=True), start=1):
        actions += [
            {"index": {"_index": name, "_id": record["id"]}},
            {"id": record["id"], "seq": seq, "record": record, VECTOR_FIELD: [float(x) for x in vector]},
        ]
    assert not client.bulk(body=actions, refresh=True)["errors"]
    client.indices.update_aliases(body={"actions": [{"add": {"index": name, "alias": settings.opensearch_index}}]})
    client.close()


@pytest.fixture()
def old_index(opener, embedder):
    """An index of version 3 of the fixture catalog on the backend; (environment, records, vectors)."""
    env = environment(opener)
    settings = Settings(**{k.removeprefix("HAITAO_").lower(): v for k, v in env.items()})
    records = old_records()
    vectors = odd_vectors(len(records), embedder.dim)
    if opener.kind == "embedded":
        write_old_embedded(Path(env["HAITAO_DATA_DIR"]), embedder.name, embedder.dim, records, vectors)
    else:
        write_old_opensearch(settings, embedder.name, embedder.dim, records, vectors)
    return env, settings, records, vectors


def stored_vectors(settings: Settings, keys: list[str]) -> dict[str, np.ndarray]:
    """The vectors the migrated index holds, by product key, read through the backend's vector leg ordering."""
    backend = open_existing_backend(settings)
    try:
        if hasattr(backend, "_current"):  # embedded: the vector set of the snapshot
            vectors = backend._current().vectors
            return {key: vectors.matrix[vectors.ids.index(key)].copy() for key in keys}
        hits = backend.client.search(
            index=backend.alias, body={"query": {"ids": {"values": keys}}, "size": len(keys), "_source": [VECTOR_FIELD]}
        )["hits"]["hits"]
        return {hit["_id"]: np.asarray(hit["_source"][VECTOR_FIELD], dtype=np.float32) for hit in hits}
    finally:
        backend.close()


def test_an_old_index_is_migrated_without_embedding_again(old_index):
    env, settings, records, vectors = old_index
    with pytest.raises(IndexMismatch, match="haitao migrate"):
        open_existing_backend(settings).close()
    refused = CliRunner().invoke(app, ["stats"], env=env)
    assert refused.exit_code == 1 and "haitao migrate" in refused.output

    env = {**env, "HAITAO_DEFAULT_SELLER": "acme-store", "HAITAO_EMBEDDING_CACHE": "false"}
    out = haitao(env, "migrate")
    assert f"migrated {len(records)} products from schema version {OLD_VERSION}" in out, out
    assert "nothing to migrate" in haitao(env, "migrate")

    stats = json.loads(haitao(env, "stats", "--json"))
    assert stats["products"] == len(records)
    assert {row["id"]: row["products"] for row in stats["sellers"]} == {"acme-store": len(records)}
    backend = open_existing_backend(settings)
    try:
        for record in records:
            product = backend.get(f"acme-store/{record['id']}")
            assert product is not None and product.model_dump(mode="json") == {**record, "seller": "acme-store"}
    finally:
        backend.close()
    keys = [f"acme-store/{record['id']}" for record in records]
    migrated = stored_vectors(settings, keys)
    for key, vector in zip(keys, vectors, strict=True):
        assert np.allclose(migrated[key], vector, atol=1e-6), key

    # the migrated index is a marketplace index: another seller's feed with the same ids coexists with it
    assert "indexed 26" in haitao(env, "index", str(FEED), "--seller", "other-shop")
    assert json.loads(haitao(env, "stats", "--json"))["products"] == 2 * len(records)


def test_index_migrates_an_old_index_by_itself(old_index):
    env, _, records, _ = old_index
    out = haitao(env, "index", str(FEED))
    assert "migrating it first" in out and f"migrated {len(records)} products" in out, out
    assert f"read {len(records)}, indexed 0, unchanged {len(records)}" in out, out  # the migrated ones, unchanged
