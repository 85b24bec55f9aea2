"""The encoders with the real model: ONNX Runtime gives torch's vectors (fp32), the export is made once into a
cache keyed by the model's files and verified, a failed verification falls back to torch with a warning, int8 is a
vector space of its own, and the interface the write path uses (`encode` with `on_batch`, `encode_query`)."""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from pydantic import ValidationError

from search.catalog import Product
from search.config import Settings
from search.documents import embedding_text
from search.embedding_cache import EmbeddingCache
from search.encoders import export as export_module
from search.encoders import load_encoder
from search.encoders.model import model_directory, resolve_model
from search.encoders.onnx_encoder import OnnxEncoder
from search.encoders.torch_encoder import TorchEncoder

DEMO = Path(__file__).resolve().parents[3] / "data" / "demo"

# Texts the export was not verified on: the demo catalog's embedded texts, and queries of every kind.
DEMO_TEXTS = [
    embedding_text(Product.from_raw(json.loads(line)))
    for line in (DEMO / "products.jsonl").read_text(encoding="utf-8").splitlines()[:96]
]
QUERIES = ["bluetooth headphones", "保温杯", "power bank 20000mAh", "iphone 15 case", "  x  ", "baby formula stage 1"]


@pytest.fixture(scope="module")
def torch_encoder():
    return load_encoder(kind="torch", threads=2)


@pytest.fixture(scope="module")
def model_copy(tmp_path_factory):
    """A private copy of the bundled model (so that exports of it are this module's own)."""
    copy = tmp_path_factory.mktemp("model") / "minilm"
    shutil.copytree(resolve_model("sentence-transformers/all-MiniLM-L6-v2"), copy)
    return copy


def test_the_default_encoder_is_onnx_with_torchs_vectors(embedder, torch_encoder):
    assert isinstance(embedder, OnnxEncoder) and isinstance(torch_encoder, TorchEncoder)
    assert embedder.name == torch_encoder.name and embedder.dim == torch_encoder.dim == 384
    texts = DEMO_TEXTS + QUERIES
    onnx, reference = embedder.encode(texts, batch_size=32), torch_encoder.encode(texts, batch_size=32)
    assert onnx.dtype == np.float32 and onnx.shape == (len(texts), 384)
    assert np.allclose(np.linalg.norm(onnx, axis=1), 1.0, atol=1e-5)
    cosines = (onnx * reference).sum(axis=1)
    assert cosines.min() >= 0.9999, cosines.min()
    for query in QUERIES:  # one query alone (no padding) is the same vector as in a batch
        assert float(embedder.encode_query(query) @ torch_encoder.encode_query(query)) >= 0.9999


def test_fp32_onnx_and_torch_share_embedding_cache_entries_and_int8_does_not(tmp_path, embedder):
    int8 = load_encoder(kind="onnx-int8", threads=2)
    assert int8.name != embedder.name and int8.name.startswith(embedder.name)
    texts = DEMO_TEXTS[:8]
    fp32_cache = EmbeddingCache(tmp_path, embedder.name, embedder.dim)
    fp32_cache.put_many(texts, embedder.encode(texts))
    torch_cache = EmbeddingCache(tmp_path, load_encoder(kind="torch", threads=2).name, 384)
    assert len(torch_cache.get_many(texts)) == len(texts)  # the torch encoder reads what ONNX wrote
    assert EmbeddingCache(tmp_path, int8.name, int8.dim).get_many(texts) == {}
    quantised = int8.encode(texts)
    cosines = (quantised * embedder.encode(texts)).sum(axis=1)
    assert cosines.min() >= 0.9 and cosines.max() < 1.0  # close, never the same vectors


def test_export_is_made_once_keyed_by_the_models_files_and_loads_without_torch(tmp_path, model_copy):
    cache = tmp_path / "exports"
    first = load_encoder(str(model_copy), threads=2, cache_dir=cache)
    assert isinstance(first, OnnxEncoder)
    (export,) = [p for p in cache.iterdir() if p.is_dir()]
    spec = json.loads((export / "encoder.json").read_text(encoding="utf-8"))
    assert spec["verified"]["onnx"]["ok"] and spec["verified"]["onnx"]["min_cosine"] >= 0.9999
    stamp = (export / "model.onnx").stat().st_mtime_ns

    # A fresh process loads the export: no torch imported, the same vectors.
    code = (
        "import sys, json; from search.encoders import load_encoder; "
        f"e = load_encoder({str(model_copy)!r}, threads=2, cache_dir={str(cache)!r}); "
        "print(json.dumps([type(e).__name__, 'torch' in sys.modules, e.encode_query('保温杯').tolist()]))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    kind, torch_imported, vector = json.loads(out.splitlines()[-1])
    assert (kind, torch_imported) == ("OnnxEncoder", False)
    assert float(np.asarray(vector) @ first.encode_query("保温杯")) >= 0.99999
    assert (export / "model.onnx").stat().st_mtime_ns == stamp  # not exported again

    # Other model files (here: a longer maximum sequence length) are another export.
    config = model_copy / "sentence_bert_config.json"
    config.write_text(json.dumps({"max_seq_length": 128, "do_lower_case": False}), encoding="utf-8")
    try:
        load_encoder(str(model_copy), threads=2, cache_dir=cache)
        assert len([p for p in cache.iterdir() if p.is_dir()]) == 2
    finally:
        config.write_text(json.dumps({"max_seq_length": 256, "do_lower_case": False}), encoding="utf-8")


def test_an_export_that_fails_verification_falls_back_to_torch_logged_and_is_not_retried(
    tmp_path, model_copy, monkeypatch, caplog
):
    monkeypatch.setattr(export_module, "MIN_COSINE", 1.5)  # no export can reach it: as if the vectors differed
    cache = tmp_path / "exports"
    with caplog.at_level(logging.WARNING, logger="search.encoders"):
        encoder = load_encoder(str(model_copy), threads=2, cache_dir=cache)
    assert isinstance(encoder, TorchEncoder) and encoder.name == str(model_copy)
    assert any("runs on torch" in r.getMessage() and "differ from torch" in r.getMessage() for r in caplog.records)
    (export,) = [p for p in cache.iterdir() if p.is_dir()]
    spec = json.loads((export / "encoder.json").read_text(encoding="utf-8"))
    assert spec["verified"]["onnx"]["ok"] is False and not (export / "model.onnx").exists()

    monkeypatch.setattr(export_module, "_export", lambda *a: pytest.fail("exported again"))
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="search.encoders"):
        assert isinstance(load_encoder(str(model_copy), threads=2, cache_dir=cache), TorchEncoder)
    assert any("runs on torch" in r.getMessage() for r in caplog.records)  # said again at every start


def test_encode_reports_each_batch_and_keeps_input_order(embedder):
    seen: list[int] = []
    texts = DEMO_TEXTS[:21]
    vectors = embedder.encode(texts, batch_size=8, on_batch=seen.append)
    assert seen == [8, 8, 5]
    for i in (0, 7, 20):
        assert float(vectors[i] @ embedder.encode([texts[i]])[0]) >= 0.99999


def test_query_vectors_are_cached_and_read_only(embedder):
    first = embedder.encode_query("wireless earbuds for running")
    assert embedder.encode_query("wireless earbuds for running") is first
    assert not first.flags.writeable


def test_a_model_with_no_local_files_is_not_exported():
    assert model_directory("no-such-org/no-such-model-anywhere") is None
    assert model_directory(resolve_model("sentence-transformers/all-MiniLM-L6-v2")) is not None


def test_the_encoder_setting_names_the_kinds(monkeypatch):
    monkeypatch.setenv("HAITAO_ENCODER", "onnx-int8")
    assert Settings().encoder == "onnx-int8"
    monkeypatch.setenv("HAITAO_ENCODER", "tensorflow")
    with pytest.raises(ValidationError, match="encoder"):
        Settings()
