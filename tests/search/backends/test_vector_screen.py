"""The int8 screen in front of the exact "every vector above the floor" scan (search/backends/embedded/screen.py):
what it answers is exactly what the float32 scan answers, with or without a row subset, at any floor."""

import numpy as np
import pytest

from search.backends.embedded.screen import Int8Screen


@pytest.fixture(scope="module")
def matrix():
    rng = np.random.default_rng(7)
    # clustered unit vectors, as a catalog's embeddings are: many near each query, most far
    centres = rng.standard_normal((40, 64))
    vectors = centres[rng.integers(0, 40, 6000)] + 0.6 * rng.standard_normal((6000, 64))
    vectors[17] = 0.0  # a row of zeros must not break the scaling
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.where(norms == 0, 1, norms)).astype(np.float32)


def exact(matrix, query, floor, rows=None):
    candidates = matrix if rows is None else matrix[rows]
    hits = np.flatnonzero(candidates @ query.astype(np.float32) >= floor)
    return hits if rows is None else rows[hits]


@pytest.mark.skipif(not Int8Screen.available(), reason="needs onnxruntime (a dependency of the project)")
def test_the_screen_answers_exactly_what_the_float_scan_does(matrix):
    screen = Int8Screen(matrix)
    rng = np.random.default_rng(3)
    subset = rng.permutation(len(matrix))[:2500]  # a filter's rows, in no particular order
    answered = 0
    for row in rng.integers(0, len(matrix), 25):
        query = matrix[row] + 0.3 * rng.standard_normal(matrix.shape[1]).astype(np.float32)
        query /= np.linalg.norm(query)
        for floor in (0.3, 0.5, 0.7, 0.9):
            kept = screen.candidates(query, floor)
            assert set(exact(matrix, query, floor).tolist()) <= set(kept.tolist())
            for rows in (None, subset):
                found = screen.above(matrix, query, floor, rows)
                if found is not None:
                    assert np.array_equal(found, exact(matrix, query, floor, rows))
                    answered += 1
            if floor >= 0.7:
                assert len(kept) < len(matrix) / 4  # it does screen: far fewer rows are scored in float
    assert answered > 100
