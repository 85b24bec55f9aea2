"""`haitao serve` with several worker processes on one port (`HAITAO_WORKERS`, `--workers`): every worker answers,
a commit by the index's writer is seen by all of them, a worker that dies is replaced, the server's record in the
data directory names the supervisor while it runs and goes with it, and a server with the admin key (the index's
single writer) refuses to run more than one process."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from search.api import running
from search.api.server import port_socket, shared_secrets
from search.catalog import Product
from search.config import Settings
from search.cursor import SECRET_FILE
from search.writer import CatalogWriter

ROOT = Path(__file__).resolve().parents[3]
NEW = Product(
    id="kettle-zojirushi-cd",
    title="Zojirushi CD-NAC50 Micom Water Boiler and Warmer, 5 Liter",
    description="Keeps water hot all day; four temperature settings.",
    brand="Zojirushi",
    category="Home > Kitchen > Kettles",
    price=189.0,
)


def workers_of(server) -> list[int]:
    """The worker processes of the server (the supervisor's children)."""
    pids: list[int] = []
    for task in Path(f"/proc/{server.process.pid}/task").iterdir():
        pids += [int(pid) for pid in (task / "children").read_text().split()]
    return pids


def ids_over_new_connections(url: str, q: str, times: int) -> list[list[str]]:
    """The hit ids of `q`, asked `times` times, each on a connection of its own (the kernel hands each new
    connection to one of the workers)."""
    answers = []
    for _ in range(times):
        with httpx.Client(base_url=url, timeout=30) as client:
            response = client.get("/v1/search", params={"q": q, "size": 5})
            assert response.status_code == 200, response.text
            answers.append([hit["id"] for hit in response.json()["hits"]])
    return answers


def wait_for(condition, what: str, timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.2)


def test_workers_share_the_port_see_each_commit_and_are_replaced(tmp_path, small_settings, serve, embedder, analysis):
    data = tmp_path / "data"
    shutil.copytree(small_settings.data_dir, data)
    settings = small_settings.model_copy(update={"data_dir": data})
    with serve(data, tmp_path / "server.log", HAITAO_WORKERS="2", HAITAO_RATE_LIMIT_PER_MINUTE="0") as server:
        wait_for(lambda: len(workers_of(server)) == 2, "two worker processes")
        first = workers_of(server)
        wait_for(lambda: running.find(data) is not None, "the server's record")
        assert running.find(data).pid == server.process.pid  # the supervisor, which outlives any one worker

        before = ids_over_new_connections(server.url, "Zojirushi water boiler", 8)
        assert all(NEW.id not in ids for ids in before)
        with CatalogWriter.open(settings, embedder, analysis.segmenter) as writer:  # another process's commit
            writer.write([NEW])
        after = ids_over_new_connections(server.url, "Zojirushi water boiler", 8)
        assert all(NEW.id in ids for ids in after), after  # no worker answers from before the commit

        os.kill(first[0], signal.SIGKILL)  # a worker dies (the kernel's OOM killer, a crash)
        wait_for(lambda: len(workers_of(server)) == 2 and first[0] not in workers_of(server), "a new worker")
        wait_for(lambda: httpx.get(f"{server.url}/readyz", timeout=5).status_code == 200, "the server answers")
        assert all(NEW.id in ids for ids in ids_over_new_connections(server.url, "Zojirushi water boiler", 4))
        assert "starting another" in server.log_text()

        server.process.send_signal(signal.SIGTERM)
        assert server.process.wait(timeout=60) == 0
    assert running.find(data) is None
    assert not Path(f"/proc/{first[1]}").exists()  # stopped with the supervisor, and reaped by it


def test_a_server_with_the_admin_key_refuses_more_than_one_worker(small_settings):
    env = {**os.environ, "HAITAO_ADMIN_API_KEY": "k" * 32, "HAITAO_TORCH_THREADS": "1"}
    cmd = [sys.executable, "-c", "from indexer.cli import main; main()", "serve"]
    cmd += ["--data-dir", str(small_settings.data_dir), "--port", "1", "--workers", "2"]
    result = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "one worker" in result.stderr + result.stdout


def test_workers_share_one_cursor_secret_even_where_the_data_directory_cannot_keep_it(tmp_path):
    kept = shared_secrets(Settings(data_dir=tmp_path / "data"))
    assert kept.cursor_secret is None and (tmp_path / "data" / SECRET_FILE).is_file()  # each worker reads the file
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("")
    settings = shared_secrets(Settings(data_dir=blocked))  # nothing can be kept there
    assert settings.cursor_secret is not None and len(settings.cursor_secret.get_secret_value()) >= 32
    configured = Settings(data_dir=blocked, cursor_secret="s" * 20)
    assert shared_secrets(configured) is configured


@pytest.mark.parametrize("shared", [True, False])
def test_a_workers_connections_send_without_waiting_for_acknowledgements(shared):
    """A worker serves on the socket `port_socket` makes (asyncio's server on a given socket, as uvicorn runs it):
    each connection it accepts has Nagle's algorithm off, as on a socket uvicorn binds itself, so that a response
    written in parts does not wait for the client's delayed acknowledgement (40 ms a request)."""

    async def accepted_nodelay() -> int:
        seen: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        class Probe(asyncio.Protocol):
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                sock = transport.get_extra_info("socket")
                seen.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
                transport.close()

        listening = port_socket("127.0.0.1", 0, shared=shared)
        server = await asyncio.get_running_loop().create_server(Probe, sock=listening)
        async with server:
            port = listening.getsockname()[1]
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            try:
                return await asyncio.wait_for(seen, 10)
            finally:
                writer.close()

    assert asyncio.run(accepted_nodelay()) != 0
