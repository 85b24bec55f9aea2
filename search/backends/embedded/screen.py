"""A quick, safe first pass for "every vector at least this similar to the query" (`VectorSet.above`).

Counting a hybrid search's result set needs every product above the vector floor, exactly: a scan of the whole
float32 matrix (100,000 × 384: 150 MB read for each search, ≈ 8-20 ms on these machines, bound by memory). This
screen holds the same vectors in int8 (a quarter of the bytes, row by row scaled) and scores them with ONNX Runtime's
integer matrix product (VNNI/AVX2 kernels). Each row's int8 score comes with a bound on how far it can be from the
float score, so the rows it keeps are a superset of those above the floor; the caller then scores in float32 only
those it cannot tell (most of the rows it keeps are surely above: their score less its bound reaches the floor).
The answer is the exact scan's, at a fraction of its cost.

The bound, for a row x = s·xi + e (xi int8, s its scale, e the rounding left over) and a query q = t·qi + f:
    q·x − s·t·(qi·xi) = q·e + s·(f·xi),   so   |q·x − s·t·(qi·xi)| ≤ ‖q‖·‖e‖ + ‖f‖·s·‖xi‖
with ‖e‖ and s·‖xi‖ kept per row, ‖q‖ and ‖f‖ taken per query. A row may reach the floor only if its integer
product does reach the row's threshold, the floor's test divided by s·t:
    qi·xi ≥ ((floor − margin)/s − ‖q‖·‖e‖/s − ‖f‖·‖xi‖) / t
one small matrix product of the per-row float32 columns (1/s, 128·Σxi, ‖e‖/s, ‖xi‖) with the query's coefficients.

Where a catalog's vectors lie mostly in a few directions (embeddings of one kind of text usually do), the rows are
held in two parts, along those directions and along the rest (`_Prefix`): a first pass reads only the first part of
every row (160 of 384 dimensions on the 100,000-product benchmark catalog), with a bound on the rest, and the second
part is read only for the few rows that pass leaves undecided (about 3 %). Same memory as one int8 copy. It is
off by default (PREFIX_PASS): on the quiet machine it took no less CPU for the scan than the single int8 product
and made a hybrid search at 100,000 products slower (wall p50 10.2–10.6 → 12.1 ms, docs/benchmarks.md), though it
read less than half the bytes on a loaded one.
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
# The prefix pass (`_Prefix`): its dimensions come in steps of PREFIX_STEP, the fewest that hold PREFIX_ENERGY of the
# vectors' squared length (at most half of them, else no prefix), the directions found on about PREFIX_SAMPLE rows.
PREFIX_PASS = False  # off: slower on the quiet machine (see the module's text)
PREFIX_STEP = 16
PREFIX_ENERGY = 0.98
PREFIX_SAMPLE = 20_000


def _graph(rows_first: bool) -> bytes:
    """`MatMulInteger` of the query (uint8, offset by 128) with int8 rows: `query [1, dim] × matrix [dim, rows]`
    (the rows as columns: the fastest kernel over a whole matrix), or `matrix [rows, dim] × query [dim, 1]` (rows
    as they are: for a few thousand gathered rows, no transposing copy)."""
    from onnx import TensorProto, helper

    query = ["dim", 1] if rows_first else [1, "dim"]
    matrix = ["rows", "dim"] if rows_first else ["dim", "rows"]
    inputs = ["matrix", "query"] if rows_first else ["query", "matrix"]
    graph = helper.make_graph(
        [helper.make_node("MatMulInteger", inputs, ["scores"])],
        "screen",
        [
            helper.make_tensor_value_info("query", TensorProto.UINT8, query),
            helper.make_tensor_value_info("matrix", TensorProto.INT8, matrix),
        ],
        [helper.make_tensor_value_info("scores", TensorProto.INT32, ["rows", 1] if rows_first else [1, "rows"])],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = min(model.ir_version, 8)  # any onnxruntime this project accepts reads it
    return model.SerializeToString()


@cache
def _session(rows_first: bool = False):  # onnxruntime's InferenceSession, or None without it
    """One tiny ONNX graph (`_graph`), shared by every screen of the process (a session runs concurrently from
    several threads). None when ONNX Runtime is missing. (Given the query's offset as its zero point,
    MatMulInteger takes a kernel several times slower here: the offset is taken off each row's threshold instead.)"""
    try:
        import onnxruntime as ort
    except ImportError:
        return None
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1  # bound by memory; the other core serves another search
    options.inter_op_num_threads = 1
    try:
        return ort.InferenceSession(_graph(rows_first), options, providers=["CPUExecutionProvider"])
    except Exception as exc:  # an onnxruntime without the kernel: the exact scan does it all
        log.warning("the int8 vector screen is unavailable (%s): counting scans the float vectors", exc)
        return None


class Int8Screen:
    """The rows of `matrix` (unit vectors, float32) as int8, with what bounds each row's rounding; or, where the
    catalog's vectors lie mostly in a few directions, in two parts along those directions and the rest (`prefix`)."""

    def __init__(self, matrix: np.ndarray, prefix: bool = PREFIX_PASS) -> None:
        rows, dim = matrix.shape
        self.rows = rows
        self.prefix = _Prefix.of(matrix) if prefix else None  # None: one int8 product screens every row
        self.quantised = np.empty((0, 0) if self.prefix else (dim, rows), dtype=np.int8)  # the rows as columns
        self.columns = np.empty((4, 0 if self.prefix else rows), dtype=np.float32)  # 1/s, 128·Σxi, ‖e‖/s, ‖xi‖
        if self.prefix is None:
            for start in range(0, rows, CHUNK_ROWS):
                block = matrix[start : start + CHUNK_ROWS].astype(np.float64)
                end = start + len(block)
                self.quantised[:, start:end] = _quantise(block, self.columns[:, start:end]).T

    @staticmethod
    def available() -> bool:
        return _session(False) is not None and _session(True) is not None  # positional: one cache entry each

    def candidates(self, query: np.ndarray, floor: float) -> np.ndarray:
        """Every row whose float score may reach `floor` (a superset of those that do), ascending."""
        return self._screened(query, floor)[0]

    def _screened(
        self, query: np.ndarray, floor: float, allowed: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """The rows whose float score may reach `floor` (among the `allowed` ones: a boolean mask), ascending, and
        which of them surely do (their score less its bound reaches it): only the others need scoring in float32."""
        q = np.asarray(query, dtype=np.float64)
        if self.prefix is not None:
            return self.prefix.screened(q, floor, allowed)
        query_int8 = _QueryInt8(q)
        dots = _product(query_int8, self.quantised)
        kept, sure = _decide(dots, self.columns, floor, query_int8)
        return _inside(allowed, kept, sure)

    def above(
        self, matrix: np.ndarray, query: np.ndarray, floor: float, rows: np.ndarray | None = None
    ) -> np.ndarray | None:
        """What `matrix @ query >= floor` selects (among `rows` only, in their order, if given): the rows the
        screen keeps, those not surely above scored in float32. None when it keeps too many for that to pay (scan
        them all instead)."""
        allowed = None
        if rows is not None:
            allowed = np.zeros(self.rows, dtype=bool)
            allowed[rows] = True
        kept, sure = self._screened(query, floor, allowed)
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


class _Prefix:
    """The screen where a catalog's vectors lie mostly in a few directions. Each row x is held by its coordinates
    along the catalog's first principal directions, p (`dims` of them, holding at least PREFIX_ENERGY of the
    vectors' squared length), and along all the others, r, each part in int8 with its own scale. As the directions
    are orthonormal, q·x = q_p·p + q_r·r, and |q_r·r| ≤ ‖q_r‖·‖r‖. The first pass reads the prefix of every row: a
    row whose prefix product cannot reach the floor with that bound added is out, one whose product less it reaches
    the floor surely in. Only the rows it leaves undecided are read further: their rest's int8 product replaces the
    bound, each part's rounding bounded as in the full product. (The bound holds for any orthonormal directions: a
    sample's principal ones only make it tight.)"""

    def __init__(self, basis: np.ndarray, dims: int, matrix: np.ndarray) -> None:
        rows, dim = matrix.shape
        self.basis = basis  # (dim, dim), orthonormal columns, float64: the prefix's directions first
        self.quantised = np.empty((dims, rows), dtype=np.int8)  # the prefix, the rows as columns
        self.columns = np.empty((5, rows), dtype=np.float32)  # as the full product's, and ‖r‖/s
        self.rest = np.empty((rows, dim - dims), dtype=np.int8)  # the rest, row by row (gathered when needed)
        self.rest_columns = np.empty((4, rows), dtype=np.float32)
        for start in range(0, rows, CHUNK_ROWS):
            block = matrix[start : start + CHUNK_ROWS].astype(np.float64) @ basis
            end = start + len(block)
            self.quantised[:, start:end] = _quantise(block[:, :dims], self.columns[:4, start:end]).T
            self.rest[start:end] = _quantise(block[:, dims:], self.rest_columns[:, start:end])
            self.columns[4, start:end] = _length(block[:, dims:]) * self.columns[0, start:end]

    @classmethod
    def of(cls, matrix: np.ndarray) -> _Prefix | None:
        """The screen for these vectors, or None when its prefix would need more than half of their dimensions."""
        rows, dim = matrix.shape
        sample = matrix[:: max(1, rows // PREFIX_SAMPLE)].astype(np.float64)
        values, vectors = np.linalg.eigh(sample.T @ sample)
        values = np.maximum(values, 0.0)
        order = np.argsort(-values, kind="stable")
        shares = np.cumsum(values[order]) / max(float(values.sum()), 1e-300)
        dims = next((d for d in range(PREFIX_STEP, dim // 2 + 1, PREFIX_STEP) if shares[d - 1] >= PREFIX_ENERGY), 0)
        if not dims:
            return None
        return cls(np.ascontiguousarray(vectors[:, order]), dims, matrix)

    @property
    def dims(self) -> int:
        return self.quantised.shape[0]

    def screened(self, q: np.ndarray, floor: float, allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """As `Int8Screen._screened`."""
        rotated = q @ self.basis
        head, tail = _QueryInt8(rotated[: self.dims]), _QueryInt8(rotated[self.dims :])
        dots = _product(head, self.quantised)
        kept, sure = _decide(dots, self.columns, floor, head, float(_length(rotated[None, self.dims :])[0]))
        kept, sure = _inside(allowed, kept, sure)
        undecided = np.flatnonzero(~sure)
        if not len(undecided):
            return kept, sure
        rows = kept[undecided]
        # Each part's estimate s·t·(qi·xi) and its rounding's bound, in float64, summed.
        estimate = np.zeros(len(rows))
        bound = np.zeros(len(rows))
        for query, part_dots, columns in (
            (head, dots[rows], self.columns[:4, rows]),
            (tail, _product(tail, self.rest[rows], rows_first=True), self.rest_columns[:, rows]),
        ):
            inverse, offset, error, size = columns.astype(np.float64)
            estimate += (part_dots - offset) * (query.scale / inverse)
            bound += (error * query.length + size * query.rounding) * (query.scale / inverse)
        keep = sure.copy()
        keep[undecided] = estimate + bound >= floor - ROUNDING_MARGIN
        sure[undecided] = estimate - bound >= floor + ROUNDING_MARGIN
        return kept[keep], sure[keep]


class _QueryInt8:
    """A query vector (float64) as the product takes it: q = t·qi + f, qi shifted by 128 into uint8, with ‖q‖/t and
    ‖f‖/t for the bounds."""

    def __init__(self, q: np.ndarray) -> None:
        self.scale = float(np.abs(q).max()) / 127 or 1.0  # t
        quantised = np.rint(q / self.scale)
        self.shifted = (quantised + 128).astype(np.uint8)
        self.length = float(np.linalg.norm(q)) / self.scale  # ‖q‖/t
        self.rounding = float(np.linalg.norm(q - self.scale * quantised)) / self.scale  # ‖f‖/t


def _product(query: _QueryInt8, matrix: np.ndarray, rows_first: bool = False) -> np.ndarray:
    """The int8 product of the query with each row of `matrix` (the rows as columns, or as rows with
    `rows_first`), as float32: exact, |(qi + 128)·xi| ≤ 255 × 127 × dim < 2²⁴."""
    session = _session(rows_first)
    assert session is not None
    shape = (-1, 1) if rows_first else (1, -1)
    (raw,) = session.run(None, {"query": query.shifted.reshape(shape), "matrix": matrix})
    return raw.reshape(-1).astype(np.float32)


def _decide(
    dots: np.ndarray, columns: np.ndarray, floor: float, query: _QueryInt8, rest: float | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """From the int8 products and each row's figures (`columns`, a column per row): the positions of the rows whose
    score may reach `floor`, ascending, and which of them surely do. `rest`: the query's length outside the prefix
    (‖q_r‖), whose bound with each row's ‖r‖/s (its fifth figure) is added to the rounding's."""
    bound = [query.length, query.rounding]  # times ‖e‖/s and ‖xi‖
    if rest is not None:
        bound.append(rest / query.scale)  # times ‖r‖/s
    low = np.array([(floor - ROUNDING_MARGIN) / query.scale, 1.0, *(-b for b in bound)], dtype=np.float32)
    kept = np.flatnonzero(dots >= low @ columns)
    high = np.array([(floor + ROUNDING_MARGIN) / query.scale, 1.0, *bound], dtype=np.float32)
    return kept, dots[kept] >= high @ columns[:, kept]


def _quantise(block: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """The rows of `block` (float64) as int8, each by its own scale s (its largest |value| ↦ 127); fills `columns`
    (a column per row) with 1/s, 128·Σxi, ‖e‖/s (e the rounding left over) and ‖xi‖."""
    scale = np.abs(block).max(axis=1) / 127
    scale[scale == 0] = 1.0
    quantised = np.rint(block / scale[:, None])
    columns[0] = 1 / scale
    columns[1] = 128 * quantised.sum(axis=1)
    columns[2] = np.linalg.norm(block - scale[:, None] * quantised, axis=1) / scale
    columns[3] = np.linalg.norm(quantised, axis=1)
    return quantised.astype(np.int8)


def _length(block: np.ndarray) -> np.ndarray:
    """Each row's length (float64), from above: plus far more than float64 can lose in it."""
    return np.sqrt(np.einsum("ij,ij->i", block, block) + 1e-12)


def _inside(allowed: np.ndarray | None, kept: np.ndarray, sure: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if allowed is None:
        return kept, sure
    inside = allowed[kept]
    return kept[inside], sure[inside]


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
