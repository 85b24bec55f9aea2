import math

import pytest

from search.eval import mean_ndcg, ndcg_at_k, read_qrels, read_queries


def test_ndcg_by_hand():
    judgments = {"a": 3, "b": 2, "c": 0, "d": 1}
    # ranking c, a, d: DCG = 0/log2(2) + 3/log2(3) + 1/log2(4); ideal a, b, d: 3 + 2/log2(3) + 1/2
    dcg = 3 / math.log2(3) + 1 / 2
    ideal = 3 + 2 / math.log2(3) + 1 / 2
    assert ndcg_at_k(["c", "a", "d"], judgments, k=10) == pytest.approx(dcg / ideal)


def test_ndcg_perfect_and_cutoff():
    judgments = {"a": 3, "b": 2}
    assert ndcg_at_k(["a", "b"], judgments) == pytest.approx(1.0)
    assert ndcg_at_k(["x", "a"], judgments, k=1) == 0.0


def test_mean_ndcg_skips_queries_without_relevant_documents_and_counts_missing_runs_as_zero():
    qrels = {"q1": {"a": 1}, "q2": {"b": 0}, "q3": {"c": 2}}
    assert mean_ndcg({"q1": ["a"]}, qrels) == pytest.approx(0.5)


def test_readers(tmp_path):
    (tmp_path / "q.tsv").write_text("z1\t蓝牙耳机\nz2\tiphone 15 手机壳\n", encoding="utf-8")
    (tmp_path / "qrels").write_text("z1 0 p1 3\nz1\t0\tp2\t1\n", encoding="utf-8")
    assert read_queries(tmp_path / "q.tsv") == {"z1": "蓝牙耳机", "z2": "iphone 15 手机壳"}
    assert read_qrels(tmp_path / "qrels") == {"z1": {"p1": 3.0, "p2": 1.0}}
