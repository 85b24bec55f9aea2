"""Where a running `haitao serve` can be reached: a small record in its data directory, `DATA_DIR/server.json`.

`haitao serve` writes it once it listens (the index open, the model loaded) and removes it when it stops; `haitao
search` reads it to ask that server instead of loading the model itself. The record names the server of one data
directory, so a search of another index is never answered by a server that happens to listen on the usual port.
A record left behind by a server that was killed is recognised by its process id and ignored.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path

RECORD_NAME = "server.json"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RunningServer:
    url: str  # e.g. http://127.0.0.1:8000 (a wildcard listen address is reached on the loopback)
    pid: int
    started_at: float
    version: str


def url_for(host: str, port: int) -> str:
    if host in ("", "0.0.0.0"):
        host = "127.0.0.1"
    elif host == "::":
        host = "::1"
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def announce(data_dir: Path, host: str, port: int, version: str) -> Path | None:
    """Record this process as the server of `data_dir` (atomically); None when the directory is not writable."""
    record = RunningServer(url_for(host, port), os.getpid(), time.time(), version)
    path = Path(data_dir) / RECORD_NAME
    staging = path.with_name(f".{RECORD_NAME}.{os.getpid()}")
    try:
        staging.write_text(json.dumps(asdict(record)), encoding="utf-8")
        os.replace(staging, path)
    except OSError as exc:
        log.warning("cannot record the server in %s (haitao search will not find it): %s", data_dir, exc)
        return None
    return path


def withdraw(data_dir: Path) -> None:
    """Remove the record, if it is this process's (another server of the same directory may have replaced it)."""
    found = _read(Path(data_dir) / RECORD_NAME)
    if found is not None and found.pid == os.getpid():
        with contextlib.suppress(OSError):
            (Path(data_dir) / RECORD_NAME).unlink()


def find(data_dir: Path) -> RunningServer | None:
    """The server recorded for `data_dir` if its process still runs, else None."""
    found = _read(Path(data_dir) / RECORD_NAME)
    if found is None or not _alive(found.pid):
        return None
    return found


def _read(path: Path) -> RunningServer | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return RunningServer(str(data["url"]), int(data["pid"]), float(data["started_at"]), str(data["version"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True
