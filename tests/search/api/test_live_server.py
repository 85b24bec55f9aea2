"""`haitao serve` as a real process: the index survives a restart and answers a Chinese query over HTTP."""

import os
import socket
import subprocess
import sys
import time

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_served_api_answers_after_restart(small_settings):
    port = free_port()
    cmd = [sys.executable, "-c", "from indexer.cli import main; main()", "serve"]
    cmd += ["--data-dir", str(small_settings.data_dir), "--port", str(port)]
    env = {**os.environ, "HAITAO_HOST": "127.0.0.1"}
    for _restart in range(2):
        server = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 120
            while True:
                assert server.poll() is None, server.stdout.read().decode()
                try:
                    if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline, "server did not become ready"
                time.sleep(0.5)
            body = httpx.get(f"http://127.0.0.1:{port}/v1/search", params={"q": "移动电源"}, timeout=30).json()
            assert body["hits"][0]["id"] == "pb-anker-10k"
        finally:
            server.terminate()
            server.wait(timeout=30)
