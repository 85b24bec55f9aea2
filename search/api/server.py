"""Serving the app with uvicorn: tolerant of raw UTF-8 in the request line, strict with slow clients.

Shoppers' tools do not always percent-encode: `curl 'http://host/v1/search?q=蓝牙耳机'` sends the Chinese bytes
as they are, which httptools (and h11) reject with 400. `HttpProtocol` percent-encodes the bytes ≥ 0x80 of each
request line before the parser reads it — only the request line: headers and bodies pass unchanged.

The event loop is uvloop and the HTTP parser httptools (llhttp): a request costs the server's event loop about
0.5 ms of CPU less than asyncio's own loop with h11 (measured per thread under load, docs/benchmarks.md).

Slow clients: uvicorn closes a connection only when it has been idle for the keep-alive timeout after a response;
a connection that never finishes its request line or headers (slowloris), or its body, was held forever.
`HttpProtocol` gives a request's line and headers `HAITAO_HEADER_TIMEOUT_S` and its body `HAITAO_BODY_TIMEOUT_S`,
then closes the connection; idle connections close after `HAITAO_KEEP_ALIVE_TIMEOUT_S`, and past
`HAITAO_MAX_CONNECTIONS` open connections (or requests in progress) requests get 503 until some close.

uvicorn's access log names each request target: the values of key-like query parameters are redacted from it.

Memory: glibc gives each thread that allocates its own malloc arena (up to 8 per core), and a server's threads
(the request pool, the query-embedding pool, tantivy's, the analytics writer) each keep freed memory in theirs, so
resident memory crept up for the whole 10-minute soak (+10 % after the warm-up, still rising) although nothing
leaked; with two arenas it starts 260 MB lower and stays flat (docs/reliability.md). `limit_malloc_arenas` sets that
for the server process unless `MALLOC_ARENA_MAX` is set in the environment.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import logging
import os
import re
import select
import signal
import socket
import sys
from collections.abc import Callable
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import unquote_plus

import uvicorn
from fastapi import FastAPI
from pydantic import SecretStr
from uvicorn.logging import AccessFormatter
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from search import __version__
from search.api import running
from search.config import Settings

MAX_REQUEST_LINE = 65536
MAX_HEAD_BYTES = 65536  # a request's line and headers together


def percent_encode_non_ascii(line: bytes) -> bytes:
    if line.isascii():
        return line
    return b"".join(b"%%%02X" % byte if byte >= 0x80 else bytes((byte,)) for byte in line)


class HttpProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol (llhttp, in C: about 0.3 ms of the event loop's CPU a request less than h11's pure
    Python), with non-ASCII request-line bytes percent-encoded (RFC 3986 form), a cap on a request's line and
    headers (`MAX_HEAD_BYTES`: h11 capped them, llhttp does not), and deadlines: a request's line and headers must
    arrive within `header_timeout_s` of the connection (or of the previous response), its body within
    `body_timeout_s` of its headers; past either, the connection is closed. The time the app takes to answer is
    never counted against the client."""

    _pending = b""
    _deadline: asyncio.TimerHandle | None = None
    _waiting_for: str | None = None  # "headers" or "body": what the running deadline is for
    _in_message = False  # the parser is inside a request: from its first byte to the end of its body
    _headers_done = False  # ... and past its headers
    _head_bytes = 0  # bytes of the request line and headers so far (while they are incomplete)

    def __init__(self, config: uvicorn.Config, *args: Any, **kwargs: Any) -> None:
        super().__init__(config, *args, **kwargs)
        self.header_timeout_s: float = getattr(
            config, "header_timeout_s", Settings.model_fields["header_timeout_s"].default
        )
        self.body_timeout_s: float = getattr(config, "body_timeout_s", Settings.model_fields["body_timeout_s"].default)

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._expect("headers")

    def connection_lost(self, exc: Exception | None) -> None:
        self._expect(None)
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if not self._in_message:  # a request begins: its request line is encoded once it is whole
            data = self._pending + data
            end = data.find(b"\n")
            if end < 0 and len(data) < MAX_REQUEST_LINE:
                self._pending = data  # wait for the whole request line
                self._unset_keepalive_if_required()  # a request has begun: its header deadline applies
                self._follow_state()
                return
            self._pending = b""
            if end >= 0:
                data = percent_encode_non_ascii(data[:end]) + data[end:]
        heading = not self._headers_done
        super().data_received(data)
        if self.parser is None or self.transport.is_closing():
            return
        if heading and (self._in_message and not self._headers_done):
            self._head_bytes += len(data)
            if self._head_bytes > MAX_HEAD_BYTES:
                message = "Invalid HTTP request received."  # as uvicorn answers a head h11 finds too large
                self.logger.warning("%s (request line and headers over %d bytes)", message, MAX_HEAD_BYTES)
                self.send_400_response(message)
                return
        self._follow_state()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._in_message, self._headers_done, self._head_bytes = True, False, 0

    def on_headers_complete(self) -> None:
        self._headers_done = True
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self._in_message = self._headers_done = False
        super().on_message_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()  # arms the keep-alive timeout; may start a pipelined request
        if self.parser is not None:
            self._follow_state()

    def _follow_state(self) -> None:
        """Run the deadline for what the client owes now: a body; headers (a request begun, or none yet on a new
        connection); or nothing (the request is in, the app's turn; or idle after a response, the keep-alive
        timeout's turn)."""
        if self._in_message:
            self._expect("body" if self._headers_done else "headers")
            return
        idle = self.cycle is None or (self.cycle.response_complete and self.timeout_keep_alive_task is None)
        self._expect("headers" if self._pending or idle else None)

    def _expect(self, what: str | None) -> None:
        if what == self._waiting_for and (what is None or self._deadline is not None):
            return  # the deadline running is already the one for this
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None
        self._waiting_for = what
        if what is not None and not self.transport.is_closing():
            seconds = self.header_timeout_s if what == "headers" else self.body_timeout_s
            self._deadline = self.loop.call_later(seconds, self._too_slow)

    def _too_slow(self) -> None:
        self._deadline = None
        if not self.transport.is_closing():
            self.logger.info("closed a connection: the client did not send the request's %s in time", self._waiting_for)
            self.transport.close()


Utf8RequestLineProtocol = HttpProtocol  # its former name


SECRET_PARAMETER = re.compile(r"key|token|secret|passw|auth|signature|credential", re.IGNORECASE)
REDACTED = "REDACTED"


def redact_target(target: str) -> str:
    """A request target with the values of its secret-looking query parameters (`key`, `api_key`, `token`, …)
    replaced: the storefront may be opened as `/?key=<search key>`, and access logs are read by many."""
    path, question, query = target.partition("?")
    if not question or not SECRET_PARAMETER.search(unquote_plus(query)):
        return target  # no name can match where the whole query does not (a name is a part of it, cut at ASCII)
    pairs = []
    for pair in query.split("&"):
        name, equals, _ = pair.partition("=")
        pairs.append(f"{name}={REDACTED}" if equals and SECRET_PARAMETER.search(unquote_plus(name)) else pair)
    return f"{path}?{'&'.join(pairs)}"


class RedactedAccessLog(logging.Filter):
    """On uvicorn's access logger: the request target of each line (`'%s - "%s %s HTTP/%s" %d'`) redacted."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str) and "?" in args[2]:
            record.args = (*args[:2], redact_target(args[2]), *args[3:])
        return True


class PlainAccessFormatter(AccessFormatter):
    """uvicorn's access line, the same text, made in one step where it has no colours (a log file, a pipe, a
    journal): uvicorn's own formatter copies each record twice and formats the line through three layers, about a
    tenth of the event loop's CPU a request. With colours (a terminal) or another format, uvicorn's formatter."""

    def format(self, record: logging.LogRecord) -> str:
        args = record.args
        if self.use_colors or self._fmt != ACCESS_FORMAT or record.exc_info or record.stack_info:
            return super().format(record)
        if not isinstance(args, tuple) or len(args) != 5:
            return super().format(record)
        client_addr, method, full_path, http_version, status_code = args
        status = _STATUS_LINES.get(status_code) or self.get_status_code(int(status_code))  # type: ignore[arg-type]
        level = record.levelname
        return f'{level}:{" " * (8 - len(level))} {client_addr} - "{method} {full_path} HTTP/{http_version}" {status}'


ACCESS_FORMAT = '%(levelprefix)s %(client_addr)s - "%(request_line)s" %(status_code)s'  # uvicorn's
_STATUS_LINES = {status.value: f"{status.value} {status.phrase}" for status in HTTPStatus}


def plain_access_lines(logger: logging.Logger) -> None:
    """Give the handlers of uvicorn's access `logger` that format with uvicorn's `AccessFormatter` the
    `PlainAccessFormatter` (same lines)."""
    for handler in logger.handlers:
        formatter = handler.formatter
        if type(formatter) is AccessFormatter:
            handler.setFormatter(
                PlainAccessFormatter(formatter._fmt, formatter.datefmt, use_colors=formatter.use_colors)
            )


class ServerConfig(uvicorn.Config):
    """uvicorn's configuration, with the deadlines `HttpProtocol` reads."""

    def __init__(self, *args: Any, header_timeout_s: float, body_timeout_s: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.header_timeout_s = header_timeout_s
        self.body_timeout_s = body_timeout_s


def server_config(app: FastAPI, host: str, port: int, log_level: str = "info") -> uvicorn.Config:
    """How `haitao serve` runs the app (also used by tests that need a live server); the slow-client limits come
    from the app's settings."""
    settings: Settings = app.state.settings
    # X-Forwarded-For is read by the app itself, from HAITAO_TRUSTED_PROXIES only (search/api/clients.py).
    config = ServerConfig(
        app,
        host=host,
        port=port,
        http=HttpProtocol,
        log_level=log_level,
        proxy_headers=False,
        header_timeout_s=settings.header_timeout_s,
        body_timeout_s=settings.body_timeout_s,
        timeout_keep_alive=settings.keep_alive_timeout_s,
        limit_concurrency=settings.max_connections,
    )
    access = logging.getLogger("uvicorn.access")  # configured by uvicorn.Config above
    if not any(isinstance(f, RedactedAccessLog) for f in access.filters):
        access.addFilter(RedactedAccessLog())
    plain_access_lines(access)
    return config


class AnnouncedServer(uvicorn.Server):
    """uvicorn's server, recorded in the data directory while it listens (`running`), for `haitao search`; a
    worker process instead tells its supervisor that it started (a byte on `started_fd`): the supervisor records
    the server once every worker has, and withdraws the record when it stops."""

    def __init__(self, config: uvicorn.Config, data_dir: Path, started_fd: int | None = None) -> None:
        super().__init__(config)
        self.data_dir = data_dir
        self.started_fd = started_fd

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started and self.servers and self.servers[0].sockets:
            if self.started_fd is not None:
                with contextlib.suppress(OSError):  # the supervisor is stopping (it closed the pipe)
                    os.write(self.started_fd, b"+")
                return
            port = self.servers[0].sockets[0].getsockname()[1]
            running.announce(self.data_dir, self.config.host, port, __version__)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        running.withdraw(self.data_dir)
        await super().shutdown(sockets)


MALLOC_ARENAS = 2
_M_ARENA_MAX = -8  # glibc's mallopt parameter (malloc.h)


def limit_malloc_arenas(arenas: int = MALLOC_ARENAS) -> bool:
    """Cap glibc's malloc arenas for this process (call before the server starts its threads); whether it was set.
    Left alone where `MALLOC_ARENA_MAX` is set (glibc read it at start) and off Linux/glibc."""
    if not sys.platform.startswith("linux") or "MALLOC_ARENA_MAX" in os.environ:
        return False
    with contextlib.suppress(OSError, AttributeError):
        return bool(ctypes.CDLL(None).mallopt(_M_ARENA_MAX, arenas))  # the process's own symbols: glibc's
    return False


def serve(app: FastAPI, host: str, port: int) -> None:
    server = AnnouncedServer(server_config(app, host, port), app.state.settings.data_dir)
    try:
        with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C: uvicorn has shut down and re-raises the signal
            server.run()
    finally:
        running.withdraw(server.data_dir)
    if not server.started:  # the port was taken, or the app failed to start: exit non-zero, as uvicorn.run does
        raise SystemExit(3)


def worker_count(settings: Settings) -> int:
    """The server processes `haitao serve` runs: `HAITAO_WORKERS`, or by default one per core (at most
    `MAX_DEFAULT_WORKERS`) for a read-only server and one for a server that writes (admin key set: one writer)."""
    if settings.workers:
        return settings.workers
    if settings.admin_api_key is not None:
        return 1
    return max(1, min(os.cpu_count() or 1, MAX_DEFAULT_WORKERS))


MAX_DEFAULT_WORKERS = 4


def port_socket(host: str, port: int, shared: bool) -> socket.socket:
    """A TCP socket bound to `host`:`port`; `shared`: with SO_REUSEPORT, so that each worker listens on a socket of
    its own and the kernel spreads new connections evenly over them (one shared listening socket let the worker
    that woke first accept a whole burst: 15 of 16 connections measured on one worker). Made with the TCP protocol
    named, as a socket uvicorn binds itself is: asyncio turns Nagle's algorithm off (TCP_NODELAY) only on the
    connections of a socket whose protocol is TCP, and with it on, a response written in two parts waited for the
    client's delayed acknowledgement — about 40 ms added to every request of a worker (measured: suggest 2.4 → 44 ms
    p50 at one client)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if shared:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock


STARTUP_FAILED = 3  # a worker's exit status when its server did not start (the app failed, the port was taken)


def shared_secrets(settings: Settings) -> Settings:
    """The settings for the workers, with one cursor secret for all of them: made (or read) here, before the fork,
    in DATA_DIR/cursor.secret; where that file cannot be kept, a random secret for this server's lifetime is passed
    to every worker, so that a cursor or query id one worker signed is accepted by the others."""
    from search.cursor import SECRET_FILE, cursor_secret

    if settings.cursor_secret is not None:
        return settings
    secret = cursor_secret(None, settings.data_dir)
    if (Path(settings.data_dir) / SECRET_FILE).is_file():
        return settings  # each worker reads the same file
    return settings.model_copy(update={"cursor_secret": SecretStr(secret.hex())})


def serve_workers(settings: Settings, make_app: Callable[[Settings], FastAPI], workers: int) -> None:
    """`workers` server processes on one port, each with its own app (its own index reader, model and
    caches: the index is read-only to them, and each sees a commit at its next request, as any reader does). Each
    worker listens on a socket of its own bound to the port (SO_REUSEPORT): the kernel spreads new connections
    evenly over them, so a search's Python work, bound to one core per process by the interpreter lock, runs on
    every core. The port is reserved here (bound, not listening), then the workers are forked before anything
    heavy is loaded (no threads to lose in the fork). A worker that dies after it started is replaced; one that
    fails to start stops the server (exit status 3). The server is recorded in the data directory (`running`)
    once every worker serves. SIGTERM or SIGINT stops the workers gracefully (each finishes its requests in
    progress)."""
    log = logging.getLogger("uvicorn.error")
    try:
        with port_socket(settings.host, settings.port, shared=False):  # free? (a port shared only among our workers)
            pass
        reserved = port_socket(settings.host, settings.port, shared=True)  # bound, never listening: holds the port
    except OSError as exc:
        log.error("cannot listen on %s port %d: %s", settings.host, settings.port, exc.strerror or exc)
        raise SystemExit(STARTUP_FAILED) from None
    port = reserved.getsockname()[1]  # the port chosen when 0 was asked
    settings = shared_secrets(settings)
    log.info(
        "listening on %s port %d with %d worker processes (Press CTRL+C to quit)",
        settings.host,
        port,
        workers,
    )
    stopping = False

    def start_worker() -> int:
        pid = os.fork()
        if pid == 0:  # the worker
            status, server = STARTUP_FAILED, None
            try:
                os.close(started_r)
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                # Not listening yet: asyncio listens once the app has started, so that no connection waits in the
                # queue of a worker that is still loading.
                listening = port_socket(settings.host, port, shared=True)
                reserved.close()
                config = server_config(make_app(settings), settings.host, port)
                server = AnnouncedServer(config, settings.data_dir, started_fd=started_w)
                with contextlib.suppress(KeyboardInterrupt):  # uvicorn re-raises the signal it stopped for
                    server.run(sockets=[listening])
                status = 0 if server.started else STARTUP_FAILED
            except SystemExit:  # uvicorn's own exit when it cannot start
                pass
            except BaseException:  # report it, then leave without running the supervisor's code
                log.exception("worker %d failed", os.getpid())
                status = 1 if server is not None and server.started else STARTUP_FAILED
            finally:
                os._exit(status)
        log.info("started worker process %d", pid)
        return pid

    def stop(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)

    started_r, started_w = os.pipe()  # each worker writes a byte once it serves
    children = {start_worker() for _ in range(workers)}
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    failed, started = False, 0
    try:
        while children:
            if select.select([started_r], [], [], 0.5)[0]:
                started += len(os.read(started_r, 64))
                if started == workers and not stopping:  # every worker serves: `haitao search` may ask it
                    running.announce(settings.data_dir, settings.host, port, __version__)
            while children:
                try:
                    pid, status = os.waitpid(-1, os.WNOHANG)
                except ChildProcessError:
                    children.clear()
                    break
                if pid == 0:
                    break
                if pid not in children:
                    continue
                children.discard(pid)
                code = os.waitstatus_to_exitcode(status)
                if stopping:
                    continue
                if code == STARTUP_FAILED:
                    log.error("worker %d could not start: stopping the server", pid)
                    failed = True
                    stop(signal.SIGTERM, None)
                    continue
                log.warning("worker %d exited (%s): starting another", pid, code)
                children.add(start_worker())
    finally:
        os.close(started_r)
        os.close(started_w)
        reserved.close()
        running.withdraw(settings.data_dir)
    if failed:
        raise SystemExit(STARTUP_FAILED)
