"""What a new user meets first: `haitao --version`, readable `--help`, `make help` and `make serve`, a catalog that
is not mixed into another, and `haitao search` answered by the running server of the index."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from indexer.cli import app
from search import __version__
from search.api import running

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
HAITAO = Path(sys.executable).with_name("haitao")  # the installed entry point of this environment
COMMANDS = ["index", "delete", "stats", "serve", "search", "eval"]


def invoke(*args: object):
    return CliRunner().invoke(app, [str(a) for a in args])


def test_version_from_the_installed_command():
    result = subprocess.run([str(HAITAO), "--version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert result.stdout.strip() == f"haitao {__version__}"


@pytest.mark.parametrize("command", COMMANDS)
def test_help_shows_flags_as_flags(command):
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert "<bool>" not in result.stdout, result.stdout
    assert "--data-dir DIR" in result.stdout


def test_index_help_names_its_options():
    text = invoke("index", "--help").stdout
    for option in ("--rebuild", "--delete-missing", "--format FORMAT", "--shop-url URL", "--rejects PATH"):
        assert option in text
    assert ".xlsx" in text


def test_indexing_another_catalog_into_an_index_warns(tmp_path):
    data = tmp_path / "data"
    assert invoke("index", FIXTURES / "products.jsonl", "--data-dir", data).exit_code == 0
    result = invoke("index", FIXTURES / "seller_sheet.csv", "--data-dir", data)
    assert result.exit_code == 0, result.output
    assert "already holds 26 products of another catalog (indexed from" in result.stderr
    assert "products.jsonl)" in result.stderr and "--data-dir" in result.stderr and "--rebuild" in result.stderr


def test_index_leaves_the_next_searchs_catalog_pass_made(tmp_path):
    """`haitao index` makes the catalog lexicon and floor while its model is loaded, so that the next `haitao search`
    reads them back (a fresh process answers in under a second) instead of passing over the catalog itself."""
    data = tmp_path / "data"
    assert invoke("index", FIXTURES / "products.jsonl", "--data-dir", data).exit_code == 0
    cache = data / "cache" / "catalog.pickle"
    assert cache.is_file()
    made = cache.stat().st_ino  # a cache file made again replaces this one (a new file)
    result = invoke("search", "移动电源", "--data-dir", data, "--size", "3", "--local")
    assert result.exit_code == 0, result.output
    assert "  1. pb-anker-10k" in result.stdout
    assert cache.stat().st_ino == made  # read back, not made again


def test_a_search_in_this_process_shows_a_groups_price_range_as_the_api_does(tmp_path):
    """A collapsed hit stands for its product group: in process, as over HTTP, it shows the group's price range."""
    feed = tmp_path / "mugs.jsonl"
    rows = [
        {"id": f"mug-{size}", "item_group_id": "mug", "size": size, "price": price, "brand": "Acme",
         "title": f"Acme Ceramic Coffee Mug, {size}", "category": "Home > Kitchen > Mugs"}
        for size, price in (("12 oz", 10.0), ("16 oz", 14.0), ("20 oz", 20.0))
    ]  # fmt: skip
    feed.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    data = tmp_path / "data"
    assert invoke("index", feed, "--data-dir", data).exit_code == 0
    result = invoke("search", "ceramic coffee mug", "--data-dir", data, "--local")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("1 results in ")  # one card for the three variants
    assert "$10.00–20.00 Acme Ceramic Coffee Mug" in result.stdout


def test_the_same_catalog_again_under_another_name_does_not_warn(tmp_path):
    data = tmp_path / "data"
    assert invoke("index", FIXTURES / "seller_sheet.csv", "--data-dir", data).exit_code == 0
    renamed = tmp_path / "seller_sheet_2026-06-02.csv"
    renamed.write_bytes((FIXTURES / "seller_sheet.csv").read_bytes())
    result = invoke("index", renamed, "--data-dir", data)
    assert result.exit_code == 0 and "another catalog" not in result.stderr
    rebuilt = invoke("index", FIXTURES / "products.jsonl", "--data-dir", data, "--rebuild")
    assert rebuilt.exit_code == 0 and "another catalog" not in rebuilt.stderr  # replacing, not mixing


def makefile_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z0-9-]*):(?!=)", text, flags=re.MULTILINE))


def test_make_help_lists_every_target():
    result = subprocess.run(["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True, check=True)
    listed = set(re.findall(r"^  ([a-z][a-z0-9-]*)\s", result.stdout, flags=re.MULTILINE))
    assert makefile_targets() == listed
    assert {"demo", "serve", "test", "help"} <= listed


def test_the_demo_has_its_own_data_directory():
    result = subprocess.run(["make", "-n", "demo"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert "--data-dir var/demo" in result.stdout and "var/data" not in result.stdout


@pytest.fixture()
def served(tmp_path, small_settings, free_port):
    """`make serve` on a copy of the small index; yields its URL once it answers."""
    data = tmp_path / "data"
    shutil.copytree(small_settings.data_dir, data)
    env = {**os.environ, "HAITAO_RATE_LIMIT_PER_MINUTE": "0"}
    command = ["make", "-s", "-o", ".venv/.installed", "serve", f"DATA_DIR={data}", f"PORT={free_port}"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{free_port}"
    try:
        deadline = time.monotonic() + 180
        while running.find(data) is None:
            assert server.poll() is None, "make serve exited"
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        yield data, url
    finally:
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=60)
    assert running.find(data) is None  # the record went with the server


def test_make_serve_serves_the_index_and_haitao_search_asks_it(served):
    data, url = served
    assert httpx.get(f"{url}/readyz").json()["ready"] is True
    assert running.find(data).url == url
    result = invoke("search", "移动电源", "--data-dir", data, "--size", "3")
    assert result.exit_code == 0, result.output
    assert f"(server {url})" in result.stderr
    assert "  1. pb-anker-10k" in result.stdout
    local = invoke("search", "移动电源", "--data-dir", data, "--size", "3", "--local")
    assert "(this process)" in local.stderr
    assert local.stdout.splitlines()[1:] == result.stdout.splitlines()[1:]  # the same hits, either way


@pytest.mark.parametrize("query", ["wireless headphones", "蓝牙耳机", "lanya erji", "sonny hedphones"])
def test_a_search_in_this_process_answers_as_the_server_does(served, query):
    """With the catalog lexicon and floor the server left in DATA_DIR/cache, and without them."""
    data, _ = served
    args = ("search", query, "--data-dir", data, "--size", "10", "--explain")
    server = invoke(*args)
    assert server.exit_code == 0 and "(server " in server.stderr
    assert (data / "cache" / "catalog.pickle").is_file()  # the server's catalog pass, kept for other processes
    warm = invoke(*args, "--local")
    shutil.rmtree(data / "cache")
    cold = invoke(*args, "--local")
    assert "(this process)" in warm.stderr and "(this process)" in cold.stderr
    hits, analysis = _answer(server.stdout)
    assert hits and _answer(warm.stdout)[0] == hits and _answer(cold.stdout)[0] == hits
    assert _answer(warm.stdout)[1] == _answer(cold.stdout)[1]
    assert {k: v for k, v in analysis.items() if k in _answer(warm.stdout)[1]} == _answer(warm.stdout)[1]


def _answer(output: str) -> tuple[list[str], dict]:
    """The hits `haitao search --explain` printed and its query analysis (the server's explains more)."""
    explained, _, rest = output.rpartition("}\n")
    hits = [line for line in rest.splitlines() if re.match(r"\s*\d+\. ", line)]
    return hits, json.loads(explained + "}")
    return [line for line in output.splitlines() if not re.fullmatch(r"\d+ results in \d+ ms", line)]


def test_a_stale_server_record_falls_back_to_this_process(tmp_path, small_settings, free_port):
    data = tmp_path / "data"
    shutil.copytree(small_settings.data_dir, data)
    running.announce(data, "127.0.0.1", free_port, __version__)  # this process "serves", but nothing listens
    result = invoke("search", "移动电源", "--data-dir", data, "--size", "1")
    assert result.exit_code == 0, result.output
    assert "does not answer" in result.stderr and "(this process)" in result.stderr
    assert "  1. pb-anker-10k" in result.stdout


def test_search_with_an_explicit_server_that_does_not_answer_fails(tmp_path, free_port):
    result = invoke("search", "耳机", "--data-dir", tmp_path, "--server", f"http://127.0.0.1:{free_port}")
    assert result.exit_code == 1 and f"127.0.0.1:{free_port}" in result.stderr


def shell_search(data: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`haitao search` as a user runs it: the installed command, its output piped (the command makes its encoder
    in a thread while it loads the rest, and ends without the interpreter's teardown once the answer is out)."""
    command = [str(HAITAO), "search", *args, "--data-dir", str(data), "--local"]
    environ = {**os.environ, **env}
    return subprocess.run(command, capture_output=True, text=True, env=environ, timeout=600, check=False)


@pytest.mark.slow
def test_a_search_from_the_shell_prints_what_the_command_prints_in_process(small_settings):
    args = ("wireless bluetooth", "--size", "20", "--explain")
    shell = shell_search(small_settings.data_dir, *args)
    assert shell.returncode == 0, shell.stderr
    assert "(this process)" in shell.stderr
    in_process = invoke("search", *args, "--data-dir", small_settings.data_dir, "--local")
    hits, analysis = _answer(shell.stdout)
    total = int(re.search(r"^(\d+) results in", shell.stdout, re.MULTILINE).group(1))
    assert len(hits) == min(total, 20) >= 3  # every line out before the exit
    assert (hits, analysis) == _answer(in_process.stdout)


@pytest.mark.slow
def test_a_search_from_the_shell_without_an_index_fails_with_its_message(tmp_path):
    result = shell_search(tmp_path, "耳机")
    assert result.returncode == 1 and "haitao index" in result.stderr and result.stdout == ""


@pytest.mark.slow
def test_a_search_from_the_shell_with_a_model_that_cannot_load(small_settings, tmp_path):
    """The encoder made beside the rest fails: keyword search (degraded), or the error when that is turned off."""
    data, model = tmp_path / "data", tmp_path / "broken-model"
    shutil.copytree(small_settings.data_dir, data)  # its catalog cache is written for another model
    model.mkdir()
    (model / "config.json").write_text("not json", encoding="utf-8")
    (model / "modules.json").write_text("{", encoding="utf-8")
    degraded = shell_search(data, "移动电源", "--size", "3", HAITAO_MODEL=str(model))
    assert degraded.returncode == 0, degraded.stderr
    assert "  1. pb-anker-10k" in degraded.stdout
    refused = shell_search(data, "移动电源", HAITAO_MODEL=str(model), HAITAO_KEYWORD_ONLY_FALLBACK="false")
    assert refused.returncode == 1 and "error:" in refused.stderr and str(model) in refused.stderr
