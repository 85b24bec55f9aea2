"""`haitao serve` with the ONNX export in place: a real server process answers hybrid searches (the vector leg
runs, on ONNX Runtime) without ever importing torch — neither a Python module of it nor its shared library."""

import os
import subprocess
import sys
from pathlib import Path

import httpx

from search.config import Settings
from search.encoders.export import default_cache_dir


def test_the_server_searches_with_vectors_and_never_imports_torch(
    small_settings, embedder, free_port, tmp_path, wait_ready
):
    # The session's encoder made (or found) the export where the server looks for it.
    assert embedder.kind == "onnx" and embedder.export.parent == (Settings().encoder_cache_dir or default_cache_dir())
    imports = tmp_path / "imports.log"
    url = f"http://127.0.0.1:{free_port}"
    cmd = [sys.executable, "-X", "importtime", "-c", "from indexer.cli import main; main()", "serve"]
    cmd += ["--data-dir", str(small_settings.data_dir), "--host", "127.0.0.1", "--port", str(free_port)]
    env = {k: v for k, v in os.environ.items() if k != "HAITAO_ADMIN_API_KEY"} | {"HAITAO_ENCODER": "onnx"}
    env["HAITAO_WORKERS"] = "1"  # the process that searches is the one started: its memory maps are read below
    with imports.open("w") as log:
        server = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=log)
    try:
        wait_ready(server, url)
        response = httpx.get(f"{url}/v1/search", params={"q": "降噪耳机", "explain": "true"}, timeout=30)
        assert response.status_code == 200
        hits = response.json()["hits"]
        assert hits and any(hit["explain"]["vector_rank"] for hit in hits)  # the query was embedded
        maps = Path(f"/proc/{server.pid}/maps").read_text()
        assert "onnxruntime" in maps and "libtorch" not in maps
    finally:
        server.terminate()
        server.wait(30)
    modules = {line.split("|")[-1].strip() for line in imports.read_text().splitlines() if line.startswith("import")}
    assert "onnxruntime" in modules and "fastapi" in modules
    assert not {m for m in modules if m.split(".")[0] in ("torch", "transformers", "sentence_transformers")}
