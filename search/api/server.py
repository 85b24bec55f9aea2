"""Serving the app with uvicorn, tolerant of raw UTF-8 in the request line.

Shoppers' tools do not always percent-encode: `curl 'http://host/v1/search?q=蓝牙耳机'` sends the Chinese bytes
as they are, which h11 (and httptools) reject with 400. `Utf8RequestLineProtocol` percent-encodes the bytes
≥ 0x80 of each request line before h11 parses it — only the request line: headers and bodies pass unchanged.
"""

from __future__ import annotations

import contextlib
import socket
from pathlib import Path

import h11
import uvicorn
from fastapi import FastAPI
from uvicorn.protocols.http.h11_impl import H11Protocol

from search import __version__
from search.api import running

MAX_REQUEST_LINE = 65536


def percent_encode_non_ascii(line: bytes) -> bytes:
    if line.isascii():
        return line
    return b"".join(b"%%%02X" % byte if byte >= 0x80 else bytes((byte,)) for byte in line)


class Utf8RequestLineProtocol(H11Protocol):
    """uvicorn's h11 protocol, with non-ASCII request-line bytes percent-encoded (RFC 3986 form)."""

    _pending = b""

    def data_received(self, data: bytes) -> None:
        at_request_start = self.conn.their_state in (h11.IDLE, h11.DONE) and not self.conn.trailing_data[0]
        if not (self._pending or at_request_start):
            super().data_received(data)
            return
        data = self._pending + data
        end = data.find(b"\n")
        if end < 0 and len(data) < MAX_REQUEST_LINE:
            self._pending = data  # wait for the whole request line
            return
        self._pending = b""
        if end >= 0:
            data = percent_encode_non_ascii(data[:end]) + data[end:]
        super().data_received(data)


def server_config(app: FastAPI, host: str, port: int, log_level: str = "info") -> uvicorn.Config:
    """How `haitao serve` runs the app (also used by tests that need a live server)."""
    # X-Forwarded-For is read by the app itself, from HAITAO_TRUSTED_PROXIES only (search/api/app.py).
    return uvicorn.Config(
        app, host=host, port=port, http=Utf8RequestLineProtocol, log_level=log_level, proxy_headers=False
    )


class AnnouncedServer(uvicorn.Server):
    """uvicorn's server, recorded in the data directory while it listens (`running`), for `haitao search`."""

    def __init__(self, config: uvicorn.Config, data_dir: Path) -> None:
        super().__init__(config)
        self.data_dir = data_dir

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started and self.servers and self.servers[0].sockets:
            port = self.servers[0].sockets[0].getsockname()[1]
            running.announce(self.data_dir, self.config.host, port, __version__)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        running.withdraw(self.data_dir)
        await super().shutdown(sockets)


def serve(app: FastAPI, host: str, port: int) -> None:
    server = AnnouncedServer(server_config(app, host, port), app.state.settings.data_dir)
    try:
        with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C: uvicorn has shut down and re-raises the signal
            server.run()
    finally:
        running.withdraw(server.data_dir)
    if not server.started:  # the port was taken, or the app failed to start: exit non-zero, as uvicorn.run does
        raise SystemExit(3)
