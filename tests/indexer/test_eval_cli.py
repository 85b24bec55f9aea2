"""`haitao eval` end to end: the small fixture index, the real model, files written and read back."""

import itertools
import json
import re

import ir_measures
import pytest
from ir_measures import RR, P, R, nDCG
from typer.testing import CliRunner

from indexer.cli import app
from indexer.commands.eval import EvalMode
from search.eval import evaluate
from search.service import Mode

QUERIES = "e1\t蓝牙耳机\ne2\t移动电源\ne3\t保温杯\ne4\t猫粮\ne5\t帐篷\ne6\t手机壳\n"
QRELS = """e1 0 ear-sony-xm5 3
e1 0 ear-anker-p3 3
e1 0 ear-apple-pro2 2
e1 0 hp-bose-qc 1
e1 0 spk-jbl-flip6 0
e2 0 pb-anker-10k 3
e3 0 cup-stanley-40 3
e3 0 cup-hydro-32 2
e3 0 cup-thermos-16 3
e4 0 pet-purina-cat 3
e4 0 pet-bb-dog 1
e6 0 case-ip15-otter 0
"""


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    where = tmp_path_factory.mktemp("eval")
    (where / "q.tsv").write_text(QUERIES, encoding="utf-8")
    (where / "qrels.txt").write_text(QRELS, encoding="utf-8")
    return where


def invoke(*args):
    return CliRunner().invoke(app, ["eval", *map(str, args)])


@pytest.fixture(scope="module")
def hybrid(small_settings, files):
    result = invoke(
        "--queries", files / "q.tsv", "--qrels", files / "qrels.txt", "--data-dir", small_settings.data_dir,
        "--run-out", files / "hybrid.run", "--json-out", files / "hybrid.json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def keyword(small_settings, files):
    result = invoke(
        "--queries", files / "q.tsv", "--qrels", files / "qrels.txt", "--data-dir", small_settings.data_dir,
        "--mode", "keyword", "--size", "10", "--json-out", files / "keyword.json", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return result


def test_the_table_has_the_means_and_each_query_worst_first(hybrid):
    lines = hybrid.stdout.splitlines()
    assert re.search(r"^\s+nDCG@10\s+nDCG'@10\s+RR@10\s+R@100\s+P@10$", lines[3])
    assert re.match(r"^overall\s+(0\.\d{4}|1\.0000)( +\d\.\d{4}){4}$", lines[4])
    rows = [line.split() for line in lines if re.match(r"^e\d ", line)]
    assert sorted(row[0] for row in rows) == ["e1", "e2", "e3", "e4"]  # e5 unjudged, e6 nothing relevant
    ndcg = [float(row[1]) for row in rows]
    assert ndcg == sorted(ndcg)
    assert rows[-1][-1] in {"蓝牙耳机", "移动电源", "保温杯", "猫粮"}


def test_unscored_queries_are_warned_about_by_id(hybrid):
    assert "1 queries have no judgments" in hybrid.stderr and "e5" in hybrid.stderr
    assert "1 queries have no relevant judgment (grade ≥ 1)" in hybrid.stderr and "e6" in hybrid.stderr


def test_the_json_report_has_the_config_overall_and_per_query_rows(hybrid, files, small_settings):
    data = json.loads((files / "hybrid.json").read_text(encoding="utf-8"))
    config = data["config"]
    assert (config["mode"], config["size"], config["products"]) == ("hybrid", 100, 26)
    assert config["index"] == str(small_settings.data_dir.resolve())
    assert config["model"] == small_settings.model and "git_commit" in config and config["fusion"] == "rrf"
    assert set(data["overall"]) == {"nDCG@10", "nDCG'@10", "RR@10", "R@100", "P@10"} and data["evaluated"] == 4
    assert (data["unjudged"], data["no_relevant"]) == (["e5"], ["e6"])
    assert {row["qid"] for row in data["per_query"]} == {"e1", "e2", "e3", "e4"}
    assert set(data["timing_ms"]) == {"mean", "p50", "p95", "max"}


def test_the_run_file_is_trec_format_and_scores_the_same_in_ir_measures(hybrid, files):
    lines = (files / "hybrid.run").read_text(encoding="utf-8").splitlines()
    by_query: dict[str, list[list[str]]] = {}
    for line in lines:
        cols = line.split(" ")
        assert len(cols) == 6 and cols[1] == "Q0" and cols[5] == "haitao-hybrid", line
        by_query.setdefault(cols[0], []).append(cols)
    assert set(by_query) == {f"e{i}" for i in range(1, 7)}  # every query run, judged or not
    for rows in by_query.values():
        assert [int(r[3]) for r in rows] == list(range(1, len(rows) + 1))
        scores = [float(r[4]) for r in rows]
        assert all(a > b for a, b in itertools.pairwise(scores))
    theirs = ir_measures.calc_aggregate(
        [nDCG @ 10, nDCG(judged_only=True) @ 10, RR @ 10, R @ 100, P @ 10],
        [q for q in ir_measures.read_trec_qrels(str(files / "qrels.txt")) if q.query_id not in {"e6"}],
        ir_measures.read_trec_run(str(files / "hybrid.run")),
    )
    ours = json.loads((files / "hybrid.json").read_text(encoding="utf-8"))["overall"]
    names = {str(nDCG(judged_only=True) @ 10): "nDCG'@10"}
    assert {names.get(str(k), str(k)): v for k, v in theirs.items()} == pytest.approx(ours)


def test_json_on_stdout_is_the_report_written_to_the_file(keyword, files):
    assert json.loads(keyword.stdout) == json.loads((files / "keyword.json").read_text(encoding="utf-8"))
    assert json.loads(keyword.stdout)["config"]["mode"] == "keyword"


def test_compare_prints_the_deltas_largest_first(hybrid, keyword, files):
    result = invoke("--compare", files / "keyword.json", files / "hybrid.json")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert f"A: {files / 'keyword.json'} (mode keyword" in out and f"B: {files / 'hybrid.json'} (mode hybrid" in out
    assert re.search(r"B against A on nDCG@10: \d better, \d worse, \d tied \(of 4 queries\)", out)
    deltas = [abs(float(line.split()[3])) for line in out.splitlines() if re.match(r"^e\d ", line)]
    assert deltas == sorted(deltas, reverse=True)
    data = json.loads(invoke("--compare", files / "keyword.json", files / "hybrid.json", "--json").stdout)
    assert data["wins"] + data["losses"] + data["ties"] == 4 and len(data["per_query"]) == 4
    assert data["mean_delta"]["nDCG@10"] == pytest.approx(data["overall_b"]["nDCG@10"] - data["overall_a"]["nDCG@10"])


def test_compare_refuses_another_query_set(hybrid, files):
    other = evaluate({"e1": "蓝牙耳机"}, {}, {"e1": {"ear-sony-xm5": 3}})
    other.save(files / "other.json")
    result = invoke("--compare", files / "hybrid.json", files / "other.json")
    assert result.exit_code == 2
    assert "different query sets: 5 queries only in" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--queries", "{d}/nope.tsv", "--qrels", "{d}/qrels.txt"], "nope.tsv: no such file"),
        (["--queries", "{d}/q.tsv", "--qrels", "{d}/bad.qrels"], "bad.qrels:2: expected 'qid 0 docid grade'"),
        (["--queries", "{d}/q.tsv"], "give --queries and --qrels"),
        (["--compare", "{d}/q.tsv", "{d}/qrels.txt"], "q.tsv: not a JSON evaluation report"),
        (["--compare", "{d}/a.json", "{d}/b.json", "--queries", "{d}/q.tsv"], "--compare takes two reports"),
    ],
)
def test_bad_input_is_refused_with_the_file_and_line(files, args, message):
    (files / "bad.qrels").write_text("e1 0 ear-sony-xm5 3\ne2 0 pb-anker-10k\n", encoding="utf-8")
    result = invoke(*[a.format(d=files) for a in args])
    assert result.exit_code == 2
    assert message in result.stderr


def test_without_an_index_it_says_how_to_build_one(files, tmp_path):
    result = invoke("--queries", files / "q.tsv", "--qrels", files / "qrels.txt", "--data-dir", tmp_path)
    assert result.exit_code == 1 and "haitao index" in result.stderr


def test_the_mode_choices_are_the_service_modes():
    assert [m.value for m in EvalMode] == [m.value for m in Mode]


MARKET = [
    {
        "id": "t-1",
        "seller": "kettle",
        "item_group_id": "quencher",
        "title": "Stanley Quencher Tumbler 40 oz, Rose",
        "price": 45,
    },
    {
        "id": "t-2",
        "seller": "kettle",
        "item_group_id": "quencher",
        "title": "Stanley Quencher Tumbler 40 oz, Black",
        "price": 45,
    },
    {
        "id": "t-3",
        "seller": "kettle",
        "item_group_id": "quencher",
        "title": "Stanley Quencher Tumbler 30 oz, Cream",
        "price": 35,
    },
    {"id": "t-1", "seller": "outfitter", "title": "Hydro Flask Insulated Tumbler 32 oz", "price": 40},
    {"id": "m-1", "seller": "outfitter", "title": "YETI Rambler Insulated Mug 14 oz", "price": 30},
]


def test_judged_by_group_lists_each_group_once_and_by_product_every_variant(tmp_path):
    feed = tmp_path / "market.jsonl"
    feed.write_text("".join(json.dumps(row) + "\n" for row in MARKET), encoding="utf-8")
    data = tmp_path / "data"
    assert CliRunner().invoke(app, ["index", str(feed), "--data-dir", str(data)]).exit_code == 0
    (tmp_path / "q.tsv").write_text("g1\ttumbler\n", encoding="utf-8")
    (tmp_path / "groups.txt").write_text("g1 0 kettle/quencher 3\ng1 0 outfitter/t-1 2\n", encoding="utf-8")
    runs = {}
    for judged in ("group", "product"):
        result = invoke(
            "--queries", tmp_path / "q.tsv", "--qrels", tmp_path / "groups.txt", "--data-dir", data,
            "--mode", "keyword", "--judged", judged, "--run-out", tmp_path / f"{judged}.run",
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        runs[judged] = [line.split()[2] for line in (tmp_path / f"{judged}.run").read_text().splitlines()]
    assert sorted(runs["group"]) == ["kettle/quencher", "outfitter/t-1"]  # three variants, one group, listed once
    assert sorted(runs["product"]) == ["kettle/t-1", "kettle/t-2", "kettle/t-3", "outfitter/t-1"]
