"""The one-time export of a sentence-transformers model to ONNX, into a cache keyed by the model's files.

An export directory (`<cache>/<fingerprint of the model's files>-v<FORMAT>/`) holds:

    model.onnx        the whole sentence-transformers model (transformer, pooling, normalisation), traced by
                      `torch.onnx` with dynamic batch and sequence axes
    model.int8.onnx   its dynamic int8 quantisation, made on first request (HAITAO_ENCODER=onnx-int8)
    tokenizer.json    the model's own fast tokenizer
    encoder.json      what the ONNX encoder needs (dimension, inputs, maximum sequence length, padding) and the
                      verification: the lowest cosine between ONNX Runtime's and torch's vectors of VERIFY_TEXTS

The export is accepted only when every cosine is ≥ MIN_COSINE (fp32); otherwise encoder.json records why, and the
model runs on torch from then on (logged at each start) without trying the export again. The int8 file is
checked against the fp32 export with the lower MIN_COSINE_INT8: quantisation changes the vectors by design, which
is why it gets a name (and index, and embedding cache entries) of its own.

Exports are written into a temporary directory and renamed into place, under a file lock, so concurrent processes
neither repeat nor see half of one.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from search import file_cache
from search.encoders.model import fingerprint
from search.encoders.onnx_encoder import MODEL_FILES, SPEC_FILE, TOKENIZER_FILE

log = logging.getLogger(__name__)

FORMAT = 1
MIN_COSINE = 0.9999
MIN_COSINE_INT8 = 0.9
OPSET = 17
SUPPORTED_INPUTS = {"input_ids", "attention_mask", "token_type_ids"}
# Short and long, English and not, padding and truncation (the last text is far beyond 256 tokens).
VERIFY_TEXTS = (
    "wireless noise cancelling headphones",
    "iPhone 15 手机壳",
    "  Anker PowerCore 10000 | Anker | Power Banks  ",
    "婴儿奶粉 1段",
    "stainless steel vacuum insulated water bottle, 32 oz, leak-proof lid",
    "a",
    "",
    "Café crème — 100% arabica, 1 kg 🙂",
    "USB-C to Lightning cable (6 ft), MFi certified",
    "kids' waterproof hiking boots size 3",
    " ".join(["Premium ergonomic mechanical keyboard with hot-swappable switches and RGB backlight."] * 40),
)


def default_cache_dir() -> Path:
    """Where exports live unless HAITAO_ENCODER_CACHE_DIR says otherwise: the user's cache directory."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "haitao-search" / "encoders"


@dataclass
class Export:
    """An export directory and its spec; `error(kind)` says why that kind cannot be used (None: it can)."""

    path: Path
    spec: dict[str, Any]

    def error(self, kind: str) -> str | None:
        check = self.spec.get("verified", {}).get(kind)
        if check is None:
            return f"no {kind} export"
        return None if check.get("ok") else str(check.get("reason"))


def export_path(cache_dir: Path, model_dir: Path) -> Path:
    return Path(cache_dir) / f"{known_fingerprint(cache_dir, model_dir)[:40]}-v{FORMAT}"


def known_fingerprint(cache_dir: Path, model_dir: Path) -> str:
    """`fingerprint(model_dir)`, remembered in cache_dir (a file beside the exports) by the files' names, sizes
    and modification times: hashing tens of MB of model files at every start costs a one-search process more than
    loading its model."""
    files = sorted(
        (str(p.relative_to(model_dir)), stat.st_size, stat.st_mtime_ns)
        for p in model_dir.rglob("*")
        if p.is_file() and (stat := p.stat())
    )
    key = file_cache.key_of([str(model_dir.resolve()), files])
    memo = Path(cache_dir) / f"fingerprint-{key[:24]}.pickle"
    return file_cache.cached(memo, key, lambda: fingerprint(model_dir), str)


def find_export(cache_dir: Path, model_dir: Path) -> Export | None:
    """The export of these model files, if one was made (usable or not); reads no model, imports no torch."""
    path = export_path(cache_dir, model_dir)
    try:
        return Export(path, json.loads((path / SPEC_FILE).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return None


def ensure_export(model: str, model_dir: Path, cache_dir: Path, threads: int, int8: bool) -> tuple[Export, Any]:
    """The export of `model` (made now if there is none; with its int8 file if `int8`), and the torch model when
    it had to be loaded for that (None otherwise): a caller falling back to torch can reuse it."""
    export = find_export(cache_dir, model_dir)
    if export is not None and (not int8 or export.error("onnx") or "onnx-int8" in export.spec["verified"]):
        return export, None
    path = export_path(cache_dir, model_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    with _locked(path.with_name(path.name + ".lock")):
        st = None
        export = find_export(cache_dir, model_dir)  # another process may have made it while we waited
        if export is None:
            from search.encoders.torch_encoder import load_sentence_transformer

            st = load_sentence_transformer(model, threads)
            export = _export(model, st, path, threads)
        if int8 and not export.error("onnx") and "onnx-int8" not in export.spec["verified"]:
            _quantize(export, threads)
        return export, st


@contextlib.contextmanager
def _locked(lock_path: Path) -> Iterator[None]:
    with lock_path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _export(model: str, st: Any, path: Path, threads: int) -> Export:
    import torch

    started = time.perf_counter()
    log.info("exporting %s to ONNX (once) into %s", model, path)
    work = Path(tempfile.mkdtemp(prefix=".export-", dir=path.parent))
    try:
        spec: dict[str, Any] = {
            "format": FORMAT,
            "model": model,
            "dim": int(st.get_embedding_dimension()),
            "torch": torch.__version__,
            "verified": {},
        }
        reason = _export_graph(st, work, spec)
        if reason is None:
            reason = _verify_fp32(st, work, spec, threads)
        spec["verified"]["onnx"] = {"ok": reason is None, "reason": reason, **spec["verified"].get("onnx", {})}
        spec["seconds"] = round(time.perf_counter() - started, 1)
        if reason is not None:
            (work / MODEL_FILES["onnx"]).unlink(missing_ok=True)  # keep the record of why, not a useless file
            log.warning("the ONNX export of %s is not used: %s; the model runs on torch", model, reason)
        else:
            log.info("exported %s to ONNX in %.1f s (%s)", model, spec["seconds"], spec["verified"]["onnx"])
        (work / SPEC_FILE).write_text(json.dumps(spec, indent=2), encoding="utf-8")
        shutil.rmtree(path, ignore_errors=True)
        os.replace(work, path)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return Export(path, spec)


def _export_graph(st: Any, work: Path, spec: dict[str, Any]) -> str | None:
    """Trace the whole sentence-transformers model into work/model.onnx; the reason it cannot be, or None."""
    import torch

    first = st[0]
    tokenizer = getattr(first, "tokenizer", None)
    backend = getattr(tokenizer, "backend_tokenizer", None)
    if backend is None:
        return "the model has no fast (tokenizers) tokenizer"
    inputs = list(tokenizer.model_input_names)
    if not set(inputs) <= SUPPORTED_INPUTS or "input_ids" not in inputs:
        return f"unsupported model inputs {inputs}"
    backend.save(str(work / TOKENIZER_FILE))
    spec.update(
        inputs=inputs,
        max_seq_length=int(st.max_seq_length or tokenizer.model_max_length),
        do_lower_case=bool(getattr(first, "do_lower_case", False)),
        pad_id=int(tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0),
        pad_token=str(tokenizer.pad_token or "[PAD]"),
    )

    class Whole(torch.nn.Module):
        """The sentence-transformers pipeline as a module of plain tensors in, the sentence embedding out."""

        def __init__(self) -> None:
            super().__init__()
            self.st = st

        def forward(self, *tensors: torch.Tensor) -> torch.Tensor:
            return self.st(dict(zip(inputs, tensors, strict=True)))["sentence_embedding"]

    features = st.preprocess(["an example sentence to trace", "another, longer example sentence to trace"])
    args = tuple(features[name] for name in inputs)
    axes: dict[str, dict[int, str]] = {name: {0: "batch", 1: "sequence"} for name in inputs}
    axes["embedding"] = {0: "batch"}
    try:
        with torch.no_grad(), _quiet():
            torch.onnx.export(
                Whole().eval(),
                args,
                str(work / MODEL_FILES["onnx"]),
                input_names=inputs,
                output_names=["embedding"],
                dynamic_axes=axes,
                opset_version=OPSET,
                dynamo=False,
            )
    except Exception as exc:  # torch.onnx raises many kinds for models it cannot trace
        return f"torch.onnx could not export it ({type(exc).__name__}: {exc})"
    return None


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """torch.onnx warns about every data-dependent branch it traces; the verification is what tells."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def _verify_fp32(st: Any, work: Path, spec: dict[str, Any], threads: int) -> str | None:
    from search.encoders.onnx_encoder import OnnxEncoder

    (work / SPEC_FILE).write_text(json.dumps(spec), encoding="utf-8")  # what OnnxEncoder reads
    reference = st.encode(
        list(VERIFY_TEXTS), normalize_embeddings=True, convert_to_numpy=True, batch_size=4, show_progress_bar=False
    )
    try:
        onnx = OnnxEncoder(spec["model"], work, "onnx", threads, cache_size=0)
        batched = onnx.encode(list(VERIFY_TEXTS), batch_size=4)
        single = np.stack([onnx.encode([text])[0] for text in VERIFY_TEXTS])
    except Exception as exc:
        return f"ONNX Runtime could not run the export ({type(exc).__name__}: {exc})"
    lowest = float(min((reference * batched).sum(axis=1).min(), (reference * single).sum(axis=1).min()))
    spec["verified"]["onnx"] = {"min_cosine": round(lowest, 7), "texts": len(VERIFY_TEXTS)}
    if not lowest >= MIN_COSINE:
        return f"its vectors differ from torch's (lowest cosine {lowest:.6f} < {MIN_COSINE})"
    return None


def _quantize(export: Export, threads: int) -> None:
    """Add model.int8.onnx (dynamic int8 quantisation of the weights) to a usable export, checked against fp32."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from search.encoders.onnx_encoder import OnnxEncoder

    target = export.path / MODEL_FILES["onnx-int8"]
    work = target.with_suffix(".tmp")
    log.info("quantising the ONNX export of %s to int8 (once)", export.spec["model"])
    reason, lowest = None, None
    try:
        quantize_dynamic(str(export.path / MODEL_FILES["onnx"]), str(work), weight_type=QuantType.QInt8)
        os.replace(work, target)
        fp32 = OnnxEncoder(export.spec["model"], export.path, "onnx", threads, cache_size=0)
        int8 = OnnxEncoder(export.spec["model"], export.path, "onnx-int8", threads, cache_size=0)
        texts = list(VERIFY_TEXTS)
        lowest = float((fp32.encode(texts) * int8.encode(texts)).sum(axis=1).min())
        if not lowest >= MIN_COSINE_INT8:
            reason = f"its vectors are too far from fp32 (lowest cosine {lowest:.4f} < {MIN_COSINE_INT8})"
    except Exception as exc:  # quantisation or its check failed
        reason = f"int8 quantisation failed ({type(exc).__name__}: {exc})"
    finally:
        work.unlink(missing_ok=True)
    if reason is not None:
        target.unlink(missing_ok=True)
        log.warning("the int8 export of %s is not used: %s", export.spec["model"], reason)
    export.spec["verified"]["onnx-int8"] = {"ok": reason is None, "reason": reason, "min_cosine_vs_fp32": lowest}
    tmp = export.path / (SPEC_FILE + ".tmp")
    tmp.write_text(json.dumps(export.spec, indent=2), encoding="utf-8")
    os.replace(tmp, export.path / SPEC_FILE)
