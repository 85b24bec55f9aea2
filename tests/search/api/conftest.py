"""What the API tests share: a live server in a thread and headless Chromium from Debian (the browser tests), and
`haitao serve` as a real process (the tests that attack the server as a client would, where a crash of the process,
not only a 500, must show, and uvicorn's own HTTP handling and logging are under test).

Screenshots the browser tests take go to var/screenshots/ (ignored by git), or to HAITAO_SCREENSHOTS_DIR when it is set:
`make screenshots` sets it to docs/screenshots/ to refresh the pictures the docs show.

A test module marked `pytest.mark.browser` is skipped before any of its fixtures is built when Chromium or a Chinese
font is missing (`make browser` installs them, as root), except where HAITAO_REQUIRE_BROWSER or CI is set (as in
CI): there the `browser` fixture fails instead.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient

from search.api.app import create_app
from search.api.server import server_config

# Chromium flags for a machine with no network but the loopback: no background fetches, no sandbox (root).
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[3]
# A name that is not the loopback's, resolved to it: pages that treat localhost specially are seen as deployed.
PUBLIC_HOST = "shop.haitao.test"


def browser_required() -> bool:
    return any(os.environ.get(name, "").lower() not in ("", "0", "false") for name in ("HAITAO_REQUIRE_BROWSER", "CI"))


def chromium_path() -> str | None:
    return os.environ.get("HAITAO_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def has_chinese_font() -> bool:
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False).stdout
    except FileNotFoundError:
        return False
    return bool(out.strip())


def missing_browser() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if chromium_path() is None:
        reason = "no Chromium found"
    elif not has_chinese_font():
        reason = "no Chinese font for Chromium (the screenshots would show boxes)"
    else:
        return None
    return f"{reason}; `make browser` installs it (as root: apt-get install chromium fonts-wqy-microhei)"


MISSING = missing_browser()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if MISSING is None or browser_required():
        return
    skip = pytest.mark.skip(reason=MISSING)
    for item in items:
        if item.get_closest_marker("browser") is not None:
            item.add_marker(skip)


class LiveServer:
    """The app served by uvicorn as `haitao serve` serves it, in a thread, on a port the OS picks."""

    def __init__(self, app, *, lifespan: str = "auto") -> None:
        config = server_config(app, "127.0.0.1", 0, log_level="warning")
        config.lifespan = lifespan
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            assert self.thread.is_alive() and time.monotonic() < deadline, "the server did not start"
            time.sleep(0.05)
        port = self.server.servers[0].sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}/"

    def __exit__(self, *_) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


@pytest.fixture(scope="session")
def live_server() -> type[LiveServer]:
    """`LiveServer`, for test modules (which cannot import a conftest)."""
    return LiveServer


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """Where the browser tests write their screenshots: HAITAO_SCREENSHOTS_DIR, else var/screenshots/ (never the
    committed docs/screenshots/ unless asked, so that a test run leaves the tree clean)."""
    directory = Path(os.environ.get("HAITAO_SCREENSHOTS_DIR") or ROOT / "var" / "screenshots")
    directory = directory if directory.is_absolute() else ROOT / directory
    directory.mkdir(parents=True, exist_ok=True)
    return directory


@pytest.fixture(scope="module")
def browser():
    if MISSING is not None:
        pytest.fail(f"the browser test is required here (HAITAO_REQUIRE_BROWSER or CI): {MISSING}")
    from playwright.sync_api import sync_playwright

    args = [*CHROMIUM_ARGS, f"--host-resolver-rules=MAP {PUBLIC_HOST} 127.0.0.1"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=args)
        yield browser
        browser.close()


@dataclass
class ServerProcess:
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


def _copy(stream, path: Path) -> None:
    with path.open("ab") as out:
        for line in iter(stream.readline, b""):
            out.write(line)
            out.flush()


@contextlib.contextmanager
def server_process(
    data_dir: Path, log: Path, preexec_fn: Callable[[], None] | None = None, **env: str
) -> Iterator[ServerProcess]:
    """`haitao serve --data-dir DATA_DIR` on a free port (one worker process unless `env` sets `HAITAO_WORKERS`),
    with `HAITAO_*` settings from `env`; started (after its lifespan startup) when it yields, stopped afterwards.
    Its output goes through a pipe to `log` (so that a file-size limit set by `preexec_fn` applies to the server's
    own files only)."""
    port = _free_port()
    cmd = [sys.executable, "-c", "from indexer.cli import main; main()", "serve", "--data-dir", str(data_dir)]
    cmd += ["--port", str(port)]
    environ = {**os.environ, "HAITAO_HOST": "127.0.0.1", "HAITAO_TORCH_THREADS": "1", "HAITAO_WORKERS": "1", **env}
    process = subprocess.Popen(
        cmd, env=environ, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, preexec_fn=preexec_fn
    )
    copier = threading.Thread(target=_copy, args=(process.stdout, log), daemon=True)
    copier.start()
    server = ServerProcess(process, port, log)
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
        copier.join(timeout=10)


@pytest.fixture(scope="session")
def serve():
    """`server_process`, for test modules."""
    return server_process


@pytest.fixture(scope="module")
def demo_search(demo_settings, demo_service) -> Iterator[Callable[..., dict]]:
    """GET /v1/search through real HTTP over the demo index and the real model (no rate limit: some modules send a
    search per facet value): `demo_search(q, **params)` is the body of the 200 answer, 10 hits a page by default."""
    settings = demo_settings.model_copy(update={"rate_limit_per_minute": 0})
    with TestClient(create_app(settings, service=demo_service)) as client:

        def search(q: str, **params) -> dict:
            response = client.get("/v1/search", params={"q": q, "size": 10, **params})
            assert response.status_code == 200, response.text
            return response.json()

        yield search
