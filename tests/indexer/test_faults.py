"""Faults during `haitao index`: a full disk, a file-size limit, a read-only data directory. Each ends the run with
a clear error and no traceback; the index still opens with every product it had, and a rerun once the cause is gone
completes. (A killed run: test_kill.py. Two writers on one data directory: `IndexLocked` in test_updates.py,
test_admin_api.py and backends/test_embedded.py.)

A full disk and a read-only directory are real when the tests run as root where mounts are allowed (a tiny
tmpfs, remounted read-only); elsewhere the read-only case uses permissions (not as root) and the full disk is
skipped. The file-size limit (RLIMIT_FSIZE, in a subprocess) runs everywhere.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from indexer.cli import app
from search.backends.embedded.backend import EmbeddedBackend
from search.config import Settings

ROOT = Path(__file__).resolve().parent.parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
NO_TRACEBACK = "Traceback"


def _ids(path: Path) -> set[str]:
    """The product keys of a feed of the default seller."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {f"default/{json.loads(line)['id']}" for line in lines if line.strip()}


@pytest.fixture(scope="module")
def original(tmp_path_factory, feed_indexer, embedder, analysis) -> Path:
    """An index of the 26 fixture products, copied by each test to where it injects its fault."""
    data = tmp_path_factory.mktemp("original") / "data"
    feed_indexer(Settings(data_dir=data), FIXTURES / "products.jsonl", embedder, analysis)
    return data


@pytest.fixture(scope="module")
def more_products(tmp_path_factory) -> Path:
    """78 products that are not in the index (the fixtures three times over, under new ids)."""
    feed = tmp_path_factory.mktemp("feed") / "more.jsonl"
    lines = (FIXTURES / "products.jsonl").read_text(encoding="utf-8").splitlines()
    with feed.open("w", encoding="utf-8") as f:
        for copy in range(3):
            for line in lines:
                record = json.loads(line)
                record["id"] = f"more-{copy}-{record['id']}"
                record["title"] = f"{record['title']} (lot {copy})"
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return feed


def assert_intact(data: Path, embedder, expected: set[str]) -> None:
    """The index opens, holds exactly `expected`, and every product reads back whole."""
    backend = EmbeddedBackend(data, embedder.name, embedder.dim)
    try:
        ids = list(backend.iter_keys())
        assert len(ids) == len(set(ids)) == backend.stats().count
        assert set(ids) == expected
        assert all(backend.get(i) is not None for i in ids)
    finally:
        backend.close()


def _mount(target: Path, options: str) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    target.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)], capture_output=True)
    return done.returncode == 0


@pytest.fixture()
def tmpfs(tmp_path) -> Iterator[tuple[Path, list[str]]]:
    """A mount point for a tmpfs, mounted by the test with its own options; unmounted afterwards."""
    point = tmp_path / "mnt"
    mounted: list[str] = []
    yield point, mounted
    if mounted:
        subprocess.run(["umount", "--lazy", str(point)], check=False)


def index(feed: Path, data: Path):
    result = CliRunner().invoke(app, ["index", str(feed), "--data-dir", str(data)])
    if result.exc_info and not isinstance(result.exception, SystemExit):
        import traceback

        traceback.print_exception(*result.exc_info)
    return result


def test_a_full_disk_stops_the_run_with_a_clear_error_and_loses_nothing(original, more_products, embedder, tmpfs):
    point, mounted = tmpfs
    used = sum(f.stat().st_size for f in original.rglob("*") if f.is_file())
    if not _mount(point, f"size={used // 1024 + 96}k"):
        pytest.skip("a tmpfs cannot be mounted here (not root, or no mount permission)")
    mounted.append("yes")
    data = point / "data"
    shutil.copytree(original, data)
    result = index(more_products, data)
    assert result.exit_code == 1, result.exc_info
    assert "indexing stopped:" in result.output and NO_TRACEBACK not in result.output
    disk_full = ("No space left on device", "database or disk is full", "disk I/O error")
    assert any(m in result.output for m in disk_full), result.output
    kept = _ids(FIXTURES / "products.jsonl")
    backend = EmbeddedBackend(data, embedder.name, embedder.dim)
    committed = set(backend.iter_keys())
    backend.close()
    assert kept <= committed  # everything the index had, and whole batches of the new ones at most
    assert_intact(data, embedder, committed)

    subprocess.run(["mount", "-o", "remount,size=64m", str(point)], check=True)  # space freed: the rerun completes
    rerun = index(more_products, data)
    assert rerun.exit_code == 0, rerun.output
    assert_intact(data, embedder, kept | _ids(more_products))


def _limit_file_size(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # an over-limit write fails with EFBIG instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_file_size_limit_stops_the_run_with_a_clear_error_and_loses_nothing(
    original, more_products, embedder, tmp_path
):
    data = tmp_path / "data"
    shutil.copytree(original, data)
    cmd = [sys.executable, "-c", "from indexer.cli import main; main()", "index", str(more_products)]
    cmd += ["--data-dir", str(data)]
    # Without the embedding cache, so that the index's own writes hit the limit (the cache's do in the tmpfs test).
    env = {**os.environ, "HAITAO_TORCH_THREADS": "1", "HAITAO_INDEX_BATCH_SIZE": "26", "HAITAO_EMBEDDING_CACHE": "0"}
    done = subprocess.run(
        cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300, preexec_fn=_limit_file_size(16 * 1024)
    )
    assert done.returncode == 1, done.stderr
    assert "indexing stopped:" in done.stderr and NO_TRACEBACK not in done.stderr
    assert "File too large" in done.stderr, done.stderr
    kept = _ids(FIXTURES / "products.jsonl")
    backend = EmbeddedBackend(data, embedder.name, embedder.dim)
    committed = set(backend.iter_keys())
    backend.close()
    assert kept <= committed
    assert_intact(data, embedder, committed)

    rerun = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert_intact(data, embedder, kept | _ids(more_products))


def test_a_read_only_data_dir_is_refused_before_anything_is_read(original, more_products, embedder, tmp_path, tmpfs):
    point, mounted = tmpfs
    if _mount(point, "size=16m"):
        mounted.append("yes")
        data = point / "data"
        shutil.copytree(original, data)
        subprocess.run(["mount", "-o", "remount,ro", str(point)], check=True)
    elif os.geteuid() != 0:
        data = tmp_path / "data"
        shutil.copytree(original, data)
        for path in [data, *data.rglob("*")]:
            path.chmod(path.stat().st_mode & ~0o222)
    else:
        pytest.skip("root cannot be denied writes by permissions, and no read-only mount can be made here")
    result = index(more_products, data)
    assert result.exit_code == 1
    assert f"cannot write in {data}" in result.output and "the index was not touched" in result.output
    assert NO_TRACEBACK not in result.output
    if mounted:  # tantivy takes a lock file even to read an index: a read-only mount cannot be opened at all
        subprocess.run(["mount", "-o", "remount,rw", str(point)], check=True)
    assert_intact(data, embedder, _ids(FIXTURES / "products.jsonl"))
