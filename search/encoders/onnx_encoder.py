"""The model as exported to ONNX (`search.encoders.export`), run by ONNX Runtime and tokenised by the model's own
`tokenizers` tokenizer: no torch, no transformers in the process. Pooling and normalisation are part of the exported
graph (the sentence-transformers modules themselves were traced), so the vectors are the model's."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import numpy as np

from search.encoders.base import Encoder, ModelLoadError, normalized

SPEC_FILE = "encoder.json"
TOKENIZER_FILE = "tokenizer.json"
MODEL_FILES = {"onnx": "model.onnx", "onnx-int8": "model.int8.onnx"}


def int8_name(model: str) -> str:
    """The name of the int8 encoder's vector space: never the fp32 model's (its vectors differ)."""
    return f"{model} [onnx-int8]"


class OnnxEncoder(Encoder):
    def __init__(
        self,
        model: str,
        export: Path,
        kind: str = "onnx",
        threads: int = 0,
        cache_size: int = 2048,
        passes: int = 1,
        query_batch: int = 16,
    ) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        try:
            spec = json.loads((export / SPEC_FILE).read_text(encoding="utf-8"))
            self._tokenizer = Tokenizer.from_file(str(export / TOKENIZER_FILE))
            options = ort.SessionOptions()
            options.intra_op_num_threads = threads or os.cpu_count() or 1
            options.inter_op_num_threads = 1
            options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            # Idle worker threads do not spin: they would take the cores from the keyword leg running beside them.
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            self._session = ort.InferenceSession(
                str(export / MODEL_FILES[kind]), options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # a damaged cache entry: JSON, tokenizer or ONNX errors
            raise ModelLoadError(f"cannot load the ONNX export of {model!r} in {export}: {exc}") from exc
        self.kind = kind
        self.export = export
        self._threads = options.intra_op_num_threads
        self._inputs = [i.name for i in self._session.get_inputs()]
        self._lower = bool(spec.get("do_lower_case"))
        self._tokenizer.enable_truncation(int(spec["max_seq_length"]))
        self._tokenizer.no_padding()  # each batch is padded to its longest text in `_forward`
        self._pad_id = int(spec["pad_id"])
        name = model if kind == "onnx" else int8_name(model)
        super().__init__(name, int(spec["dim"]), cache_size, passes, query_batch)

    def _prepare(self, texts: list[str]) -> tuple[list[Any], list[int]]:
        """Tokenised once, unpadded, so that batches are made of texts of the same number of tokens."""
        # As sentence-transformers' Transformer module does: stripped, lower-cased if the model says so.
        texts = [t.strip().lower() if self._lower else t.strip() for t in texts]
        encodings = self._tokenizer.encode_batch(texts)
        return encodings, [len(e.ids) for e in encodings]

    def _forward(self, items: list[Any]) -> np.ndarray:
        width = max(len(e.ids) for e in items)
        arrays = {name: np.zeros((len(items), width), dtype=np.int64) for name in self._inputs}
        arrays["input_ids"].fill(self._pad_id)
        for row, encoding in enumerate(items):  # padded on the right, as the tokenizer pads: masked out
            for name, values in (
                ("input_ids", encoding.ids),
                ("attention_mask", encoding.attention_mask),
                ("token_type_ids", encoding.type_ids),
            ):
                if name in arrays:
                    arrays[name][row, : len(values)] = values
        (vectors,) = self._session.run(None, arrays)
        return normalized(vectors)

    def describe(self) -> str:
        import onnxruntime as ort

        precision = "int8 (dynamic quantisation)" if self.kind == "onnx-int8" else "fp32"
        return f"ONNX Runtime {ort.__version__}, {precision} ({self._threads} threads)"
