"""bench/popularity.py on the fixture index: simulated shoppers search and click through the real HTTP API into the
analytics store of a copy of the index, and the held-out queries are scored with and without popularity."""

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "bench" / "popularity.py"
QUERIES = {"q1": "蓝牙耳机", "q2": "保温杯", "q3": "手机壳", "q4": "running shoes"}
QRELS = {
    "q1": {"ear-sony-xm5": 3, "ear-anker-p3": 3, "ear-apple-pro2": 2, "hp-bose-qc": 2, "ear-apple-wired": 1},
    "q2": {"cup-stanley-40": 3, "cup-hydro-32": 3, "cup-thermos-16": 2},
    "q3": {"case-ip15-otter": 3, "case-ip14-spigen": 3, "case-s24-spigen": 3},
    "q4": {"shoe-nike-peg": 3, "shoe-nb-880": 3},
}


def test_the_simulated_clicks_go_through_the_events_path_and_every_weight_is_scored(small_settings, tmp_path):
    queries, qrels, out = tmp_path / "q.tsv", tmp_path / "qrels.tsv", tmp_path / "figures.json"
    queries.write_text("".join(f"{qid}\t{text}\n" for qid, text in QUERIES.items()), encoding="utf-8")
    qrels.write_text(
        "".join(f"{qid} 0 {doc} {grade}\n" for qid, docs in QRELS.items() for doc, grade in docs.items()),
        encoding="utf-8",
    )
    work = tmp_path / "work"
    result = subprocess.run(
        [
            sys.executable, str(SCRIPT), "--data-dir", str(small_settings.data_dir), "--queries", str(queries),
            "--qrels", str(qrels), "--sessions", "5", "--weights", "1", "--work-dir", str(work), "--json", str(out),
        ],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    figures = json.loads(out.read_text())[small_settings.data_dir.name]
    assert figures["queries"] == 4 and set(figures["scores"]) == {"0.0", "1.0"}
    events = figures["events"]
    assert events["searches"] == 5 * 4  # each query searched by 5 shoppers, in one fold or the other
    stored = 0
    for fold in (0, 1):
        with sqlite3.connect(work / f"{small_settings.data_dir.name}-{fold}" / "analytics.sqlite") as db:
            stored += db.execute("SELECT count(*) FROM events").fetchone()[0]
    assert stored == events["click"] + events["purchase"] > 0
    assert "held out: nDCG@10" in result.stdout and "| 1 |" in result.stdout  # the table, a row per weight
