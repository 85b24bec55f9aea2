"""Slow clients against a live `haitao serve`, over real sockets (issue 12, finding 5).

Connections that never finished their request line or headers were never closed (600 of 600 stalled connections
still open after 40 s). Now a request's line and headers have HAITAO_HEADER_TIMEOUT_S, its body
HAITAO_BODY_TIMEOUT_S, an idle keep-alive connection HAITAO_KEEP_ALIVE_TIMEOUT_S, and past HAITAO_MAX_CONNECTIONS
requests get 503 until connections close. The deadlines are set short here; the waits are generous.
"""

from __future__ import annotations

import socket
import threading
import time

import httpx
import pytest

MAX_CONNECTIONS = 30
STALLS = {  # what each stalled client sends, then nothing more
    "nothing": b"",
    "half a request line": b"GET /v1/sea",
    "a request line": b"GET /healthz HTTP/1.1\r\n",
    "half the headers": b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\n",
    "headers, half a body": b"POST /v1/search HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
    b'Content-Length: 100\r\n\r\n{"q": "',
}


@pytest.fixture(scope="module")
def server(serve, small_settings, tmp_path_factory):
    env = {
        "HAITAO_HEADER_TIMEOUT_S": "1",
        "HAITAO_BODY_TIMEOUT_S": "2",
        "HAITAO_KEEP_ALIVE_TIMEOUT_S": "1",
        "HAITAO_MAX_CONNECTIONS": str(MAX_CONNECTIONS),
        "HAITAO_RATE_LIMIT_PER_MINUTE": "0",
    }
    with serve(small_settings.data_dir, tmp_path_factory.mktemp("slow") / "server.log", **env) as live:
        yield live


def stalled(port: int, data: bytes) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    if data:
        sock.sendall(data)
    return sock


def closed_within(sock: socket.socket, seconds: float) -> bool:
    """Whether the server closes the connection within `seconds` (it may answer first: that is read and dropped)."""
    deadline = time.monotonic() + seconds
    try:
        while (left := deadline - time.monotonic()) > 0:
            sock.settimeout(left)
            if sock.recv(65536) == b"":
                return True
    except TimeoutError:
        return False
    except OSError:  # reset: closed too
        return True
    return False


def test_stalled_connections_are_closed(server):
    sockets = {f"{name} #{i}": stalled(server.port, data) for name, data in STALLS.items() for i in range(4)}
    kept_alive = []
    for _ in range(4):  # a whole request and its answer, then idle on the keep-alive connection
        sock = stalled(server.port, b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        assert sock.recv(65536).startswith(b"HTTP/1.1 200")
        kept_alive.append(sock)
    sockets |= {f"idle after a response #{i}": sock for i, sock in enumerate(kept_alive)}
    try:
        still_open = [name for name, sock in sockets.items() if not closed_within(sock, 15)]
        assert still_open == []
        assert httpx.get(f"{server.url}/healthz", timeout=30).status_code == 200
        assert server.alive()
    finally:
        for sock in sockets.values():
            sock.close()


def test_a_client_dripping_its_headers_is_closed_at_the_header_deadline(server):
    """A byte every 0.2 s keeps no connection open: the deadline covers the whole request line and headers."""
    sock = stalled(server.port, b"G")
    stop = threading.Event()

    def drip() -> None:
        for byte in b"ET /healthz HTTP/1.1\r\nX-Slow: " + b"a" * 1000:
            if stop.wait(0.2):
                return
            try:
                sock.sendall(bytes([byte]))
            except OSError:
                return

    dripping = threading.Thread(target=drip)
    dripping.start()
    started = time.monotonic()
    try:
        assert closed_within(sock, 15)
        assert time.monotonic() - started < 10  # the deadline (1 s), not the 200 s the drip would take
    finally:
        stop.set()
        dripping.join()
        sock.close()


@pytest.fixture(scope="module")
def crowded_server(serve, small_settings, tmp_path_factory):
    """A server whose stalled connections stay open long enough (5 s) to fill it even on a loaded machine."""
    env = {
        "HAITAO_HEADER_TIMEOUT_S": "5",
        "HAITAO_MAX_CONNECTIONS": str(MAX_CONNECTIONS),
        "HAITAO_RATE_LIMIT_PER_MINUTE": "0",
    }
    with serve(small_settings.data_dir, tmp_path_factory.mktemp("crowded") / "server.log", **env) as live:
        yield live


def test_past_the_connection_limit_requests_wait_for_a_503_until_stalled_ones_are_closed(crowded_server):
    server = crowded_server
    sockets = [stalled(server.port, b"GET /heal") for _ in range(MAX_CONNECTIONS)]
    try:
        # The server counts a connection once its event loop has taken it: ask until it is full (or the stalled
        # ones are past their deadline, and the assertion below fails).
        deadline = time.monotonic() + 4
        while (crowded := httpx.get(f"{server.url}/healthz", timeout=30)).status_code != 503:
            if time.monotonic() > deadline:
                break
            time.sleep(0.1)
        assert crowded.status_code == 503
        assert all(closed_within(sock, 20) for sock in sockets)
        assert httpx.get(f"{server.url}/healthz", timeout=30).status_code == 200
    finally:
        for sock in sockets:
            sock.close()


def test_a_slow_but_steady_client_is_served(server):
    """Within the deadlines, a request sent in pieces is answered."""
    sock = stalled(server.port, b"GET /v1/search?q=%E7%A7%BB%E5%8A%A8")
    try:
        time.sleep(0.3)
        sock.sendall(b"%E7%94%B5%E6%BA%90 HTTP/1.1\r\nHost: x\r\n")
        time.sleep(0.3)
        sock.sendall(b"\r\n")
        sock.settimeout(30)
        assert sock.recv(65536).startswith(b"HTTP/1.1 200")
    finally:
        sock.close()


def test_a_request_line_and_headers_past_the_cap_get_400_and_the_connection_closes(server):
    """llhttp sets no bound on a request's head: the server caps its line and headers (h11 capped them before)."""
    from search.api.server import MAX_HEAD_BYTES

    sock = stalled(server.port, b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
    try:
        filler = b"X-Filler: " + b"a" * 1000 + b"\r\n"
        for _ in range(MAX_HEAD_BYTES // len(filler) + 2):
            sock.sendall(filler)
        sock.settimeout(30)
        assert sock.recv(65536).startswith(b"HTTP/1.1 400")
        assert closed_within(sock, 10)
        assert httpx.get(f"{server.url}/healthz", timeout=30).status_code == 200
    finally:
        sock.close()


def test_headers_under_the_cap_are_read_whole(server):
    sock = stalled(server.port, b"GET /healthz HTTP/1.1\r\nHost: x\r\n" + b"X-Filler: " + b"a" * 30_000 + b"\r\n\r\n")
    try:
        sock.settimeout(30)
        assert sock.recv(65536).startswith(b"HTTP/1.1 200")
    finally:
        sock.close()
