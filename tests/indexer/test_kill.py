"""SIGKILL mid-run: the index opens, is consistent, and a rerun completes with no product lost or duplicated."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from search.backends.embedded.backend import EmbeddedBackend

ROOT = Path(__file__).resolve().parent.parent.parent
PRODUCTS = 1500


def test_a_killed_run_leaves_a_consistent_index_and_a_rerun_completes(tmp_path, embedder):
    feed = tmp_path / "feed.jsonl"
    with feed.open("w", encoding="utf-8") as f:
        for i in range(PRODUCTS):
            f.write(json.dumps({"id": f"k-{i}", "title": f"Trail running shoe model {i}", "price": i + 1}) + "\n")
    data = tmp_path / "data"
    env = {**os.environ, "HAITAO_INDEX_BATCH_SIZE": "50", "HAITAO_EMBED_BATCH_SIZE": "16", "HAITAO_TORCH_THREADS": "1"}
    cmd = [sys.executable, "-c", "from indexer.cli import main; main()", "index", str(feed), "--data-dir", str(data)]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    manifest = data / "manifest.json"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        if manifest.exists() and json.loads(manifest.read_text(encoding="utf-8")).get("updated_at"):
            break  # at least one batch is committed
        time.sleep(0.2)
    assert proc.poll() is None, "the run ended before it could be killed: make the feed larger"
    proc.send_signal(signal.SIGKILL)
    proc.wait()

    backend = EmbeddedBackend(data, embedder.name, embedder.dim)
    ids = list(backend.iter_keys())
    assert 0 < len(ids) < PRODUCTS
    assert len(ids) == len(set(ids)) == backend.stats().count
    assert all(backend.get(i) is not None for i in ids[:20])
    backend.close()

    rerun = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert f"unchanged {len(ids)}," in rerun.stdout  # what was committed is not redone
    backend = EmbeddedBackend(data, embedder.name, embedder.dim)
    ids = list(backend.iter_keys())
    assert len(ids) == len(set(ids)) == backend.stats().count == PRODUCTS
    backend.close()
