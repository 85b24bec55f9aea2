"""Every `haitao` command on every backend (embedded; OpenSearch on osmem-server; a real cluster when
`OPENSEARCH_URL` is set), configured as a user does: `HAITAO_*` variables. On osmem-server, which has no knn, the
searching commands run the keyword leg (`--mode keyword`); elsewhere they run hybrid search."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
from typer.testing import CliRunner

from indexer.cli import app

FEED = Path(__file__).resolve().parents[2] / "fixtures" / "products.jsonl"


def environment(opener) -> dict[str, str]:
    settings = opener.settings()
    env = {"HAITAO_DATA_DIR": str(opener.tmp / "data"), "HAITAO_BACKEND": settings.backend}
    if settings.backend == "opensearch":
        env.update(HAITAO_OPENSEARCH_URL=settings.opensearch_url, HAITAO_OPENSEARCH_INDEX=settings.opensearch_index)
    return env


def haitao(env: dict[str, str], *args: str) -> str:
    result = CliRunner().invoke(app, list(args), env=env)
    assert result.exit_code == 0, (args, result.output)
    return result.output


def test_every_command_works_on_every_backend(opener, tmp_path, free_port, wait_ready):
    env = environment(opener)
    mode = "keyword" if opener.kind == "osmem" else "hybrid"
    assert "indexed 26" in haitao(env, "index", str(FEED))
    stats = json.loads(haitao(env, "stats", "--json"))
    assert stats["products"] == 26 and stats["dims"] == 384 and stats["updated_at"]
    assert "read 26, indexed 0, unchanged 26" in haitao(env, "index", str(FEED))  # nothing changed: nothing written

    found = haitao(env, "search", "保温杯", "--mode", mode, "--size", "3")
    assert "cup-" in found.splitlines()[1], found

    queries, qrels = tmp_path / "q.tsv", tmp_path / "qrels.txt"
    queries.write_text("1\t保温杯\n2\t蓝牙耳机\n", encoding="utf-8")
    qrels.write_text("1 0 cup-thermos-16 2\n1 0 cup-hydro-32 2\n2 0 ear-anker-p3 2\n", encoding="utf-8")
    report = json.loads(haitao(env, "eval", "--queries", str(queries), "--qrels", str(qrels), "--mode", mode, "--json"))
    assert report["overall"]["nDCG@10"] > 0.5 and report["config"]["products"] == 26

    assert "deleted 1 of 2" in haitao(env, "delete", "cup-stanley-40", "nope")
    assert json.loads(haitao(env, "stats", "--json"))["products"] == 25
    assert "indexed 26" in haitao(env, "index", str(FEED), "--rebuild")  # a new index, swapped in
    assert json.loads(haitao(env, "stats", "--json"))["products"] == 26

    server = subprocess.Popen(
        [sys.executable, "-c", "from indexer.cli import main; main()", "serve", "--port", str(free_port)],
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{free_port}"
    try:
        wait_ready(server, base)
        answer = httpx.get(f"{base}/v1/search", params={"q": "保温杯", "mode": mode}, timeout=30).json()
        assert answer["total"] >= 3 and answer["hits"][0]["id"].startswith("cup-")
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_stats_and_delete_say_clearly_when_there_is_no_index(opener):
    env = environment(opener)
    for args in (["stats"], ["delete", "x"]):
        result = CliRunner().invoke(app, args, env=env)
        assert result.exit_code == 1 and "haitao index" in result.output, result.output
