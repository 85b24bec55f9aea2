"""The int8 screen in front of the exact "every vector above the floor" scan (search/backends/embedded/screen.py):
what it answers is exactly what the float32 scan answers, with or without a row subset, at any floor — both where
the full int8 product screens every row and where a first pass over the catalog's main directions comes first."""

import numpy as np
import pytest

from search.backends.embedded.screen import Int8Screen

pytestmark = pytest.mark.skipif(not Int8Screen.available(), reason="needs onnxruntime (a dependency of the project)")


def unit(vectors):
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.where(norms == 0, 1, norms)).astype(np.float32)


@pytest.fixture(scope="module")
def spread():
    """Clustered unit vectors spread over all their dimensions: no few directions hold them."""
    rng = np.random.default_rng(7)
    centres = rng.standard_normal((40, 64))
    vectors = centres[rng.integers(0, 40, 6000)] + 0.6 * rng.standard_normal((6000, 64))
    vectors[17] = 0.0  # a row of zeros must not break the scaling
    return unit(vectors)


@pytest.fixture(scope="module")
def concentrated():
    """As a catalog's embeddings are: clustered, and nearly all of their length in a few directions of many."""
    rng = np.random.default_rng(11)
    directions = np.linalg.qr(rng.standard_normal((192, 24)))[0]  # 24 orthonormal directions in 192 dimensions
    centres = rng.standard_normal((60, 24))
    latent = centres[rng.integers(0, 60, 8000)] + 0.5 * rng.standard_normal((8000, 24))
    vectors = latent @ directions.T + 0.04 * rng.standard_normal((8000, 192))
    vectors[17] = 0.0
    return unit(vectors)


def exact(matrix, query, floor, rows=None):
    candidates = matrix if rows is None else matrix[rows]
    hits = np.flatnonzero(candidates @ query.astype(np.float32) >= floor)
    return hits if rows is None else rows[hits]


def queries(matrix, rng, count):
    """Near the catalog's own vectors, and a few from nowhere in particular (far outside its main directions)."""
    for row in rng.integers(0, len(matrix), count):
        query = matrix[row] + 0.3 * rng.standard_normal(matrix.shape[1]).astype(np.float32)
        yield query / np.linalg.norm(query)
    for _ in range(5):
        query = rng.standard_normal(matrix.shape[1]).astype(np.float32)
        yield query / np.linalg.norm(query)


def check_exact(matrix, screen, rng):
    subset = rng.permutation(len(matrix))[:2500]  # a filter's rows, in no particular order
    answered = 0
    for query in queries(matrix, rng, 25):
        for floor in (0.3, 0.5, 0.7, 0.9):
            kept = screen.candidates(query, floor)
            assert np.all(np.diff(kept) > 0)
            assert set(exact(matrix, query, floor).tolist()) <= set(kept.tolist())
            for rows in (None, subset):
                found = screen.above(matrix, query, floor, rows)
                if found is not None:
                    assert np.array_equal(found, exact(matrix, query, floor, rows))
                    answered += 1
            if floor >= 0.7:
                assert len(kept) < len(matrix) / 4  # it does screen: far fewer rows are scored in float
    assert answered > 100


def test_the_screen_answers_exactly_what_the_float_scan_does(spread):
    screen = Int8Screen(spread, prefix=True)
    assert screen.prefix is None  # the full int8 product screens every row
    check_exact(spread, screen, np.random.default_rng(3))


def test_behind_a_prefix_pass_the_screen_still_answers_exactly(concentrated):
    assert Int8Screen(concentrated).prefix is None  # off by default (PREFIX_PASS)
    screen = Int8Screen(concentrated, prefix=True)
    assert screen.prefix is not None and screen.prefix.dims <= 48  # the first pass reads a quarter of the dimensions
    check_exact(concentrated, screen, np.random.default_rng(5))


def test_the_two_parts_leave_few_rows_to_score_in_float(concentrated):
    """The prefix decides most rows; the rest's product most of the others: few are left to the float scan, and
    those said to be surely above are."""
    screen = Int8Screen(concentrated, prefix=True)
    rng = np.random.default_rng(9)
    for query in list(queries(concentrated, rng, 10))[:10]:
        kept, sure = screen.prefix.screened(query.astype(np.float64), 0.6)
        assert set(exact(concentrated, query, 0.6).tolist()) <= set(kept.tolist())
        assert set(kept[sure].tolist()) <= set(exact(concentrated, query, 0.6).tolist())
        assert np.count_nonzero(~sure) < len(concentrated) / 100
