import pytest

from search.fusion import ranked, rrf, weighted_minmax


def test_rrf_by_hand():
    keyword = [("a", 9.0), ("b", 5.0)]
    vector = [("b", 0.9), ("c", 0.8)]
    fused = rrf([keyword, vector], k=60)
    assert fused["a"] == pytest.approx(1 / 61)
    assert fused["b"] == pytest.approx(1 / 62 + 1 / 61)
    assert fused["c"] == pytest.approx(1 / 62)
    assert [doc for doc, _ in ranked(fused)] == ["b", "a", "c"]


def test_weighted_minmax_by_hand():
    keyword = [("a", 10.0), ("b", 6.0), ("c", 2.0)]
    vector = [("c", 0.9), ("a", 0.5)]
    fused = weighted_minmax([keyword, vector], [0.75, 0.25])
    assert fused["a"] == pytest.approx(0.75 * 1.0 + 0.25 * 0.0)
    assert fused["b"] == pytest.approx(0.75 * 0.5)
    assert fused["c"] == pytest.approx(0.75 * 0.0 + 0.25 * 1.0)


def test_single_hit_leg_scales_to_one_and_ties_break_by_id():
    fused = weighted_minmax([[("x", 3.0)], []], [0.5, 0.5])
    assert fused == {"x": 0.5}
    assert ranked({"b": 1.0, "a": 1.0}) == [("a", 1.0), ("b", 1.0)]


def test_weighted_rrf_by_hand_and_equal_weights_rank_as_plain_rrf():
    keyword = [("a", 9.0), ("b", 5.0)]
    vector = [("b", 0.9), ("c", 0.8)]
    fused = rrf([keyword, vector], k=60, weights=[0.6, 0.4])
    assert fused["a"] == pytest.approx(0.6 / 61)
    assert fused["b"] == pytest.approx(0.6 / 62 + 0.4 / 61)
    assert fused["c"] == pytest.approx(0.4 / 62)
    assert ranked(rrf([keyword, vector], 60, [0.5, 0.5])) == [
        (doc, score / 2) for doc, score in ranked(rrf([keyword, vector], 60))
    ]
