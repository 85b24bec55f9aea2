import json
import math
import random

import ir_measures
import pytest
from ir_measures import RR, P, R, nDCG

from search.eval import (
    CONDENSED,
    EvalInputError,
    EvalReport,
    Ranked,
    compare,
    condensed_ndcg_at_k,
    evaluate,
    mean_ndcg,
    ndcg_at_k,
    precision_at_k,
    read_qrels,
    read_queries,
    recall_at_k,
    reciprocal_rank_at_k,
    run_lines,
    write_run,
)

MEASURES = [nDCG @ 10, nDCG(judged_only=True) @ 10, RR @ 10, R @ 100, P @ 10]
JUDGED = {"a": 3, "b": 2, "c": 0, "d": 1}  # three relevant documents: a (3), b (2), d (1)


def test_ndcg_by_hand():
    # ranking c, a, d: DCG = 0/log2(2) + 3/log2(3) + 1/log2(4); ideal a, b, d: 3 + 2/log2(3) + 1/2
    dcg = 3 / math.log2(3) + 1 / 2
    ideal = 3 + 2 / math.log2(3) + 1 / 2
    assert ndcg_at_k(["c", "a", "d"], JUDGED, k=10) == pytest.approx(dcg / ideal)


def test_ndcg_perfect_cutoff_and_ideal_from_all_judgments():
    assert ndcg_at_k(["a", "b"], {"a": 3, "b": 2}) == pytest.approx(1.0)
    assert ndcg_at_k(["x", "a"], {"a": 3, "b": 2}, k=1) == 0.0
    # k=2, ranking b, a: DCG 2 + 3/log2(3); the ideal is cut at k too: 3 + 2/log2(3)
    assert ndcg_at_k(["b", "a"], JUDGED, k=2) == pytest.approx((2 + 3 / math.log2(3)) / (3 + 2 / math.log2(3)))
    assert ndcg_at_k(["a"], {"a": 0}) == 0.0  # nothing relevant: defined as 0


def test_condensed_ndcg_drops_unjudged_documents_before_the_cut():
    # x and y were never judged: standard nDCG counts them as misses, the condensed list is c, a, d
    ranking = ["x", "c", "y", "a", "d"]
    assert condensed_ndcg_at_k(ranking, JUDGED) == pytest.approx(ndcg_at_k(["c", "a", "d"], JUDGED))
    assert condensed_ndcg_at_k(ranking, JUDGED) > ndcg_at_k(ranking, JUDGED)
    # the cut comes after the condensing: at k=1 the first *judged* document counts
    assert condensed_ndcg_at_k(["x", "a"], {"a": 3, "b": 2}, k=1) == 1.0
    assert mean_ndcg({"q1": ["x", "a"]}, {"q1": {"a": 1}}, judged_only=True) == 1.0


def test_reciprocal_rank_by_hand():
    assert reciprocal_rank_at_k(["c", "x", "d", "a"], JUDGED) == pytest.approx(1 / 3)  # d (grade 1) at rank 3
    assert reciprocal_rank_at_k(["c", "x", "d"], JUDGED, k=2) == 0.0
    assert reciprocal_rank_at_k(["a"], JUDGED) == 1.0


def test_recall_by_hand():
    assert recall_at_k(["a", "x", "c", "d"], JUDGED) == pytest.approx(2 / 3)  # a and d of a, b, d
    assert recall_at_k(["x", "a", "b"], JUDGED, k=2) == pytest.approx(1 / 3)
    assert recall_at_k(["a"], {"a": 0}) == 0.0


def test_precision_divides_by_k_even_for_a_short_ranking():
    assert precision_at_k(["a", "c", "d"], JUDGED, k=10) == pytest.approx(2 / 10)
    assert precision_at_k(["a", "b"], JUDGED, k=2) == 1.0


def test_mean_ndcg_skips_queries_without_relevant_documents_and_counts_missing_runs_as_zero():
    qrels = {"q1": {"a": 1}, "q2": {"b": 0}, "q3": {"c": 2}}
    assert mean_ndcg({"q1": ["a"]}, qrels) == pytest.approx(0.5)


def random_collection(seed: int, queries: int = 30, docs: int = 60):
    rng = random.Random(seed)
    qrels, run = {}, {}
    for q in range(queries):
        qid = f"q{q}"
        judged = rng.sample(range(docs), rng.randint(1, min(25, docs)))
        qrels[qid] = {f"d{d}": rng.choice([0, 0, 1, 2, 3]) for d in judged}
        qrels[qid][f"d{judged[0]}"] = rng.choice([1, 2, 3])  # at least one relevant document
        run[qid] = [f"d{d}" for d in rng.sample(range(docs), rng.randint(1, docs))]
    return qrels, run


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_metric_agrees_with_ir_measures_query_by_query(seed):
    qrels, run = random_collection(seed)
    scored = {qid: {doc: float(len(docs) - i) for i, doc in enumerate(docs)} for qid, docs in run.items()}
    theirs = {(m.query_id, str(m.measure)): m.value for m in ir_measures.iter_calc(MEASURES, qrels, scored)}
    names = {CONDENSED: str(nDCG(judged_only=True) @ 10)}
    report = evaluate({qid: qid for qid in qrels}, run, qrels)
    assert len(report.per_query) == len(qrels)
    for row in report.per_query:
        for name, value in row.metrics.items():
            assert value == pytest.approx(theirs[(row.qid, names.get(name, name))], abs=1e-12), (row.qid, name)


def test_a_written_run_file_scores_the_same_in_ir_measures_ties_included(tmp_path):
    qrels, run = random_collection(4, queries=10, docs=20)
    # equal scores everywhere: only the written scores keep the engine's order for trec_eval / ir-measures
    ranked = {qid: [Ranked(doc, 0.5) for doc in docs] for qid, docs in run.items()}
    write_run(tmp_path / "run.txt", ranked, "test")
    (tmp_path / "qrels").write_text(
        "".join(f"{q} 0 {d} {g}\n" for q, judged in qrels.items() for d, g in judged.items()), encoding="utf-8"
    )
    theirs = ir_measures.calc_aggregate(
        MEASURES,
        ir_measures.read_trec_qrels(str(tmp_path / "qrels")),
        ir_measures.read_trec_run(str(tmp_path / "run.txt")),
    )
    ours = evaluate({q: q for q in qrels}, run, read_qrels(tmp_path / "qrels")).overall
    names = {str(nDCG(judged_only=True) @ 10): CONDENSED}
    assert {names.get(str(k), str(k)): v for k, v in theirs.items()} == pytest.approx(ours)


def test_run_file_lines_are_trec_format_with_strictly_decreasing_scores():
    lines = list(run_lines({"q1": [Ranked("a", 2.5), Ranked("b", 2.5), Ranked("c", 1.0)]}, "tag"))
    assert lines == ["q1 Q0 a 1 2.500000 tag", "q1 Q0 b 2 2.499999 tag", "q1 Q0 c 3 1.000000 tag"]
    with pytest.raises(ValueError, match="whitespace"):
        list(run_lines({"q1": [Ranked("a b", 1.0)]}, "tag"))
    with pytest.raises(ValueError, match="one word"):
        list(run_lines({}, "two words"))


def test_readers(tmp_path):
    (tmp_path / "q.tsv").write_text("# comment\nz1\t蓝牙耳机\n\nz2\tiphone 15 手机壳\n", encoding="utf-8")
    (tmp_path / "qrels").write_text("z1 0 p1 3\nz1\t0\tp2\t1\nz2 0 p3 2.5 4\n", encoding="utf-8")
    assert read_queries(tmp_path / "q.tsv") == {"z1": "蓝牙耳机", "z2": "iphone 15 手机壳"}
    assert read_qrels(tmp_path / "qrels") == {"z1": {"p1": 3.0, "p2": 1.0}, "z2": {"p3": 2.5}}


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("q.tsv", "z1\tok\nz2 no tab\n", r"q.tsv:2: expected 'qid<TAB>query'"),
        ("q.tsv", "z1\tok\nz1\tagain\n", r"q.tsv:2: query id 'z1' appears twice"),
        ("q.tsv", "\n# only a comment\n", r"q.tsv: no queries"),
        ("qrels", "z1 0 p1 3\nz1 0 p2\n", r"qrels:2: expected 'qid 0 docid grade'"),
        ("qrels", "z1 0 p1 high\n", r"qrels:1: grade 'high' is not a number"),
        ("qrels", "z1 0 p1 nan\n", r"qrels:1: grade 'nan' is not a finite number"),
    ],
)
def test_malformed_files_are_named_with_their_line(tmp_path, name, text, message):
    (tmp_path / name).write_text(text, encoding="utf-8")
    reader = read_queries if name == "q.tsv" else read_qrels
    with pytest.raises(EvalInputError, match=message):
        reader(tmp_path / name)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(EvalInputError, match=r"nope.tsv: no such file"):
        read_queries(tmp_path / "nope.tsv")


QUERIES = {"q1": "one", "q2": "two", "q3": "three", "q4": "four"}
QRELS = {"q1": {"a": 2, "b": 1}, "q2": {"c": 3}, "q3": {"d": 0}}  # q3: nothing relevant; q4: not judged


def test_evaluate_lists_the_worst_queries_first_and_sets_aside_those_it_cannot_score():
    report = evaluate(QUERIES, {"q1": ["a", "b"], "q2": ["x", "c"]}, QRELS, {"mode": "hybrid"}, [10.0, 30.0, 20.0])
    assert [row.qid for row in report.per_query] == ["q2", "q1"]
    assert report.per_query[0].metrics["RR@10"] == 0.5
    assert report.overall["nDCG@10"] == pytest.approx((1.0 + 1 / math.log2(3)) / 2)
    assert (report.unjudged, report.no_relevant) == (["q4"], ["q3"])
    assert report.timing == {"mean": 20.0, "p50": 20.0, "p95": 29.0, "max": 30.0}


def test_a_report_survives_its_json_file(tmp_path):
    report = evaluate(QUERIES, {"q1": ["a"], "q2": ["c"]}, QRELS, {"mode": "keyword", "git_commit": None})
    report.save(tmp_path / "r.json")
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert set(data) == {
        "schema",
        "config",
        "overall",
        "evaluated",
        "timing_ms",
        "per_query",
        "unjudged",
        "no_relevant",
    }
    assert set(data["per_query"][0]) == {"qid", "query", "metrics", "relevant", "retrieved"}
    assert EvalReport.load(tmp_path / "r.json") == report


@pytest.mark.parametrize(
    ("text", "message"),
    [("not json", "not a JSON evaluation report"), ('{"a": 1}', "not an evaluation report of schema 1")],
)
def test_loading_something_else_than_a_report_says_so(tmp_path, text, message):
    (tmp_path / "x.json").write_text(text, encoding="utf-8")
    with pytest.raises(EvalInputError, match=message):
        EvalReport.load(tmp_path / "x.json")


def test_compare_sorts_by_the_largest_change_and_counts_wins_losses_ties():
    qrels = {"q1": {"a": 1}, "q2": {"b": 1}, "q3": {"c": 1}, "q4": {"d": 1}}
    queries = {q: q for q in qrels}
    a = evaluate(queries, {"q1": ["a"], "q2": ["x", "b"], "q3": ["c"], "q4": ["d"]}, qrels)
    b = evaluate(
        queries, {"q1": ["x", "a"], "q2": ["b"], "q3": ["x", "x", "x", "x", "x", "x", "x", "c"], "q4": ["d"]}, qrels
    )
    result = compare(a, b)
    assert [row.qid for row in result.rows] == ["q3", "q1", "q2", "q4"]  # equal |Δ|: by qid
    assert (result.wins, result.losses, result.ties) == (1, 2, 1)
    deltas = [row.delta["nDCG@10"] for row in result.rows]
    assert deltas[0] == pytest.approx(1 / math.log2(9) - 1)
    assert result.mean_delta["nDCG@10"] == pytest.approx(sum(deltas) / 4)
    assert result.mean_delta["RR@10"] == pytest.approx((-0.5 + 0.5 - 7 / 8 + 0) / 4)


def test_compare_refuses_runs_over_different_query_sets():
    a = evaluate(QUERIES, {}, QRELS)
    b = evaluate({"q1": "one", "q2": "two", "q9": "nine"}, {}, QRELS)
    with pytest.raises(
        EvalInputError, match=r"different query sets: 2 queries only in A \(q3, q4\), 1 only in B \(q9\)"
    ):
        compare(a, b)


def test_compare_refuses_runs_scored_against_different_judgments():
    a = evaluate(QUERIES, {}, QRELS)
    b = evaluate(QUERIES, {}, {**QRELS, "q3": {"d": 1}})
    with pytest.raises(EvalInputError, match=r"different judgments: 1 queries .* \(q3\)"):
        compare(a, b)
