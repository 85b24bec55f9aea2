"""A quick, safe first pass for "every vector at least this similar to the query" (`VectorSet.above`).

Counting a hybrid search's result set needs every product above the vector floor, exactly: a scan of the whole
float32 matrix (100,000 × 384: 150 MB read for each search, ≈ 8-20 ms on these machines, bound by memory). This
screen holds the same vectors in int8 (a quarter of the bytes, row by row scaled) and scores them with ONNX Runtime's
integer matrix product (VNNI/AVX2 kernels: ≈ 2 ms for 100,000 products). Each row's int8 score comes with a bound
on how far it can be from the float score, so the rows it keeps are a superset of those above the floor; the caller
then scores in float32 only those it cannot tell (most of the rows it keeps are surely above: their score less
its bound reaches the floor). The answer is the exact scan's, at a fraction of its cost.

The bound, for a row x = s·xi + e (xi int8, s its scale, e the rounding left over) and a query q = t·qi + f:
    q·x − s·t·(qi·xi) = q·e + s·(f·xi),   so   |q·x − s·t·(qi·xi)| ≤ ‖q‖·‖e‖ + ‖f‖·s·‖xi‖
with ‖e‖ and s·‖xi‖ kept per row, ‖q‖ and ‖f‖ taken per query. A row may reach the floor only if its integer
product does reach the row's threshold, the floor's test divided by s·t:
    qi·xi ≥ ((floor − margin)/s − ‖q‖·‖e‖/s − ‖f‖·‖xi‖) / t
computed from per-row float32 columns, in a handful of passes over 4 bytes a row.
"""

from __future__ import annotations

import logging
import threading
from functools import cache

import numpy as np

log = logging.getLogger(__name__)

# What float32 arithmetic may add to a score on top of the bound (≤ dim × 2⁻²⁴ for unit vectors); generous.
ROUNDING_MARGIN = 1e-4
CHUNK_ROWS = 8192  # quantised a block at a time: no full-size float temporaries
KEEPS_AT_MOST = 0.25  # when the screen keeps more than this share of the rows, one float scan of all is cheaper


@cache
def _session():  # onnxruntime's InferenceSession, or None without it
    """One tiny ONNX graph, `MatMulInteger(uint8 [1, dim], int8 [dim, n]) → int32 [1, n]`, shared by every screen
    of the process (a session runs concurrently from several threads). None when ONNX Runtime is missing. (Given
    the query's offset as its zero point, MatMulInteger takes a kernel several times slower here: the offset is
    taken off each row's threshold instead.)"""
    try:
        import onnxruntime as ort
        from onnx import TensorProto, helper
    except ImportError:
        return None
    graph = helper.make_graph(
        [helper.make_node("MatMulInteger", ["query", "matrix"], ["scores"])],
        "screen",
        [
            helper.make_tensor_value_info("query", TensorProto.UINT8, [1, "dim"]),
            helper.make_tensor_value_info("matrix", TensorProto.INT8, ["dim", "rows"]),
        ],
        [helper.make_tensor_value_info("scores", TensorProto.INT32, [1, "rows"])],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = min(model.ir_version, 8)  # any onnxruntime this project accepts reads it
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1  # bound by memory; the other core serves another search
    options.inter_op_num_threads = 1
    try:
        return ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
    except Exception as exc:  # an onnxruntime without the kernel: the exact scan does it all
        log.warning("the int8 vector screen is unavailable (%s): counting scans the float vectors", exc)
        return None


class Int8Screen:
    """The rows of `matrix` (unit vectors, float32) as int8, with what bounds each row's rounding."""

    def __init__(self, matrix: np.ndarray) -> None:
        rows, dim = matrix.shape
        self.rows = rows
        self.transposed = np.empty((dim, rows), dtype=np.int8)  # the product wants the rows as columns
        self.inverse = np.empty(rows, dtype=np.float32)  # 1/s
        self.error = np.empty(rows, dtype=np.float32)  # ‖e‖/s
        self.size = np.empty(rows, dtype=np.float32)  # ‖xi‖
        self.offset = np.empty(rows, dtype=np.float32)  # 128·Σ xi: the query travels as uint8, offset by 128 (exact)
        for start in range(0, rows, CHUNK_ROWS):
            block = matrix[start : start + CHUNK_ROWS].astype(np.float64)
            scale = np.abs(block).max(axis=1) / 127
            scale[scale == 0] = 1.0
            quantised = np.rint(block / scale[:, None])
            end = start + len(block)
            self.transposed[:, start:end] = quantised.T
            self.inverse[start:end] = 1 / scale
            self.error[start:end] = np.linalg.norm(block - scale[:, None] * quantised, axis=1) / scale
            self.size[start:end] = np.linalg.norm(quantised, axis=1)
            self.offset[start:end] = 128 * quantised.sum(axis=1)

    @staticmethod
    def available() -> bool:
        return _session() is not None

    def candidates(self, query: np.ndarray, floor: float) -> np.ndarray:
        """Every row whose float score may reach `floor` (a superset of those that do), ascending."""
        return self._screened(query, floor)[0]

    def _screened(self, query: np.ndarray, floor: float) -> tuple[np.ndarray, np.ndarray]:
        """The rows whose float score may reach `floor`, ascending, and which of them surely do (their score less
        its bound reaches it): only the others need scoring in float32."""
        session = _session()
        assert session is not None
        q = np.asarray(query, dtype=np.float64)
        scale = float(np.abs(q).max()) / 127 or 1.0
        quantised = np.rint(q / scale)
        shifted = (quantised + 128).astype(np.uint8).reshape(1, -1)
        (raw,) = session.run(None, {"query": shifted, "matrix": self.transposed})
        dots = raw[0].astype(np.float32)  # exact: |(qi + 128)·xi| ≤ 255 × 127 × dim < 2²⁴
        query_error = np.float32(np.linalg.norm(q) / scale)  # ‖q‖/t
        rounding = np.float32(np.linalg.norm(q - scale * quantised) / scale)  # ‖f‖/t
        threshold = self.inverse * np.float32((floor - ROUNDING_MARGIN) / scale)
        threshold += self.offset
        threshold -= self.error * query_error
        threshold -= self.size * rounding
        kept = np.flatnonzero(dots >= threshold)
        surely = self.inverse[kept] * np.float32((floor + ROUNDING_MARGIN) / scale)
        surely += self.offset[kept]
        surely += self.error[kept] * query_error
        surely += self.size[kept] * rounding
        return kept, dots[kept] >= surely

    def above(
        self, matrix: np.ndarray, query: np.ndarray, floor: float, rows: np.ndarray | None = None
    ) -> np.ndarray | None:
        """What `matrix @ query >= floor` selects (among `rows` only, in their order, if given): the rows the
        screen keeps, those not surely above scored in float32. None when it keeps too many for that to pay (scan
        them all instead)."""
        kept, sure = self._screened(query, floor)
        if rows is not None:
            allowed = np.zeros(self.rows, dtype=bool)
            allowed[rows] = True
            inside = allowed[kept]
            kept, sure = kept[inside], sure[inside]
        if len(kept) > KEEPS_AT_MOST * (self.rows if rows is None else len(rows)):
            return None
        unsure = np.flatnonzero(~sure)
        sure[unsure] = matrix[kept[unsure]] @ query.astype(np.float32) >= floor
        found = kept[sure]
        if rows is None:
            return found
        above = np.zeros(self.rows, dtype=bool)
        above[found] = True
        return rows[above[rows]]


class LazyScreen:
    """A vector set's screen, built on its first use (once per snapshot), or None where it cannot run."""

    def __init__(self) -> None:
        self._screen: Int8Screen | None = None
        self._lock = threading.Lock()

    def get(self, matrix: np.ndarray) -> Int8Screen | None:
        if self._screen is None:
            if not Int8Screen.available():
                return None
            with self._lock:
                if self._screen is None:
                    self._screen = Int8Screen(matrix)
        return self._screen
