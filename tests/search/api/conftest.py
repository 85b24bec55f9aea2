"""A real `haitao serve` process for the tests that attack the server as a client would: over real sockets,
with uvicorn's own HTTP handling and logging, where a crash of the process (not only a 500) would show."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[3]


@dataclass
class LiveServer:
    process: subprocess.Popen
    port: int
    log: Path  # the server's stdout and stderr: uvicorn's access log, our log lines

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def alive(self) -> bool:
        return self.process.poll() is None

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def live_server(data_dir: Path, log: Path, **env: str) -> Iterator[LiveServer]:
    """`haitao serve --data-dir DATA_DIR` on a free port, with `HAITAO_*` settings from `env`; ready when it
    yields, stopped afterwards."""
    port = _free_port()
    cmd = [sys.executable, "-c", "from indexer.cli import main; main()", "serve", "--data-dir", str(data_dir)]
    cmd += ["--port", str(port)]
    environ = {**os.environ, "HAITAO_HOST": "127.0.0.1", "HAITAO_TORCH_THREADS": "1", **env}
    with log.open("wb") as out:
        process = subprocess.Popen(cmd, env=environ, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    server = LiveServer(process, port, log)
    try:
        deadline = time.monotonic() + 180
        while True:
            assert server.alive(), f"the server exited: {server.log_text()[-3000:]}"
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"{server.url}/healthz", timeout=2).status_code == 200:  # after the app's startup
                    break
            assert time.monotonic() < deadline, f"the server did not start: {server.log_text()[-3000:]}"
            time.sleep(0.3)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def serve():
    """`live_server` as a fixture value (test modules cannot import this conftest)."""
    return live_server
