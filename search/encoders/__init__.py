"""Sentence encoders: the model that turns product texts and queries into vectors, behind one interface.

- `base.Encoder`: the interface (`name`, `dim`, `encode`, `encode_query` with its LRU cache).
- `torch_encoder.TorchEncoder`: sentence-transformers on torch, the reference implementation.
- `onnx_encoder.OnnxEncoder`: the same model exported to ONNX, run by ONNX Runtime (no torch in the process).
- `export`: the one-time export into a cache keyed by the model's files, verified against torch.
- `factory.load_encoder`: chooses by `HAITAO_ENCODER` (`onnx`, the default; `torch`; `onnx-int8`).
"""

from search.encoders.base import Encoder, ModelLoadError
from search.encoders.factory import ENCODER_KINDS, encoder_for, load_encoder

__all__ = ["ENCODER_KINDS", "Encoder", "ModelLoadError", "encoder_for", "load_encoder"]
