"""`haitao serve` as a real process: it survives a restart with its index, and takes queries as shoppers send
them — including raw UTF-8 in the request line, as `curl 'http://host/v1/search?q=蓝牙耳机'` sends it."""

import json
import os
import socket
import subprocess
import sys

import httpx
import pytest

from search.api.server import percent_encode_non_ascii


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def raw_get(port: int, targets: list[str]) -> list[tuple[int, dict]]:
    """GET each target on one keep-alive connection, the request line written as raw UTF-8 bytes."""
    answers = []
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        reader = sock.makefile("rb")
        for target in targets:
            sock.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
            status = int(reader.readline().split()[1])
            headers = {}
            while (line := reader.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode().partition(":")
                headers[name.strip().lower()] = value.strip()
            answers.append((status, json.loads(reader.read(int(headers["content-length"])))))
    return answers


def test_served_api_answers_raw_utf8_queries_and_survives_a_restart(small_settings, wait_ready):
    port = free_port()
    cmd = [sys.executable, "-c", "from indexer.cli import main; main()", "serve"]
    cmd += ["--data-dir", str(small_settings.data_dir), "--port", str(port)]
    env = {**os.environ, "HAITAO_HOST": "127.0.0.1"}
    for _restart in range(2):
        server = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            wait_ready(server, f"http://127.0.0.1:{port}")
            targets = ["/v1/search?q=移动电源", "/v1/search?q=藍牙耳機&size=2", "/v1/products/vit-fishoil"]
            answers = raw_get(port, targets)
            assert [status for status, _ in answers] == [200, 200, 200]
            assert answers[0][1]["hits"][0]["id"] == "pb-anker-10k"
            assert answers[0][1]["query"] == "移动电源"
            assert len(answers[1][1]["hits"]) == 2
            assert answers[2][1]["product"]["title_zh"].startswith("天维美")
            encoded = httpx.get(f"http://127.0.0.1:{port}/v1/search", params={"q": "移动电源"}, timeout=30).json()
            assert encoded["hits"][0]["id"] == "pb-anker-10k"
        finally:
            server.terminate()
            server.wait(timeout=30)


@pytest.mark.parametrize(
    ("line", "encoded"),
    [
        (b"GET /v1/search?q=abc HTTP/1.1\r", b"GET /v1/search?q=abc HTTP/1.1\r"),
        ("GET /v1/search?q=耳机 HTTP/1.1".encode(), b"GET /v1/search?q=%E8%80%B3%E6%9C%BA HTTP/1.1"),
    ],
)
def test_request_line_encoding(line, encoded):
    assert percent_encode_non_ascii(line) == encoded
