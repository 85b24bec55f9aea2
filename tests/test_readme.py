"""The README's quick start, followed on a fresh copy of the tree, works as written.

The commands are read from the README itself (the `bash` blocks of "Quick start" and "Your own catalog in three
commands"), so the test and the page cannot drift apart. They run in order, in one shell state (`source
.venv/bin/activate` carries over), in a copy of the tracked and unignored files (what a clone of this commit holds:
no .venv, no var/, no node_modules). The only change made to them: the server's port is a free one instead of 8000
(`HAITAO_PORT`, which `make demo` and `haitao serve` read; the URLs are rewritten to match). Commands that serve
(`make demo`, `haitao serve`) run in the background until the server answers /readyz, and are stopped before the next
server starts and at the end. `make test` itself is not rerun (it is what runs this test: `.ci/run` calls it).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
SECTIONS = ("Quick start", "Your own catalog in three commands")
SERVING = re.compile(r"^(make demo|make serve|(\.venv/bin/)?haitao serve)\b")
README_PORT = "8000"


def readme_blocks(text: str, section: str) -> list[list[str]]:
    """The commands of each ```bash block of a `## section`: one command a line (backslash continuations joined),
    blank lines and comment lines left out."""
    match = re.search(rf"^## {re.escape(section)}\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert match, f"the README has no section '## {section}'"
    blocks = []
    for body in re.findall(r"^```bash\n(.*?)^```", match.group(1), re.S | re.M):
        lines = body.replace("\\\n", " ").splitlines()
        blocks.append([line.strip() for line in lines if line.strip() and not line.strip().startswith("#")])
    assert blocks, f"the README's '## {section}' has no ```bash block"
    return blocks


def readme_commands(text: str) -> list[str]:
    return [command for section in SECTIONS for block in readme_blocks(text, section) for command in block]


def test_the_quick_start_is_the_two_commands_and_ci_runs_the_test_one():
    first = readme_blocks(README.read_text(encoding="utf-8"), "Quick start")[0]
    assert [re.sub(r"\s*#.*", "", command) for command in first] == ["make demo", "make test"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test$", ci, re.M), ".ci/run must run the README's test command"


def test_your_own_catalog_activates_the_venv_and_has_its_own_data_directory():
    commands = [re.sub(r"\s*#.*", "", c) for c in readme_blocks(README.read_text(encoding="utf-8"), SECTIONS[1])[0]]
    assert commands[0] == "source .venv/bin/activate"
    index, serve = commands[1:3]
    assert index.startswith("haitao index ") and serve.startswith("haitao serve ")
    data_dir = re.search(r"--data-dir (\S+)", index).group(1)
    assert data_dir not in ("var/demo", "var/data") and f"--data-dir {data_dir}" in serve
    assert (ROOT / index.split()[2]).is_file(), "the README's example feed must exist"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fresh_copy(target: Path) -> Path:
    """The tracked and unignored files of the tree (a clone of this commit, with the changes not yet committed)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file() and not source.is_symlink():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


@dataclass
class Shell:
    """Runs commands one after another in `cwd`, carrying the environment over (as `source` does in a terminal)."""

    cwd: Path
    env: dict[str, str]
    logs: Path
    servers: list[subprocess.Popen] = field(default_factory=list)
    count: int = 0

    def run(self, command: str, timeout: float) -> tuple[str, str]:
        """Runs `command`; its standard output and error."""
        self.count += 1
        env_file = self.logs / f"env-{self.count}"
        script = f"set -eo pipefail\n{command}\nenv -0 > {env_file}\n"
        done = subprocess.run(
            ["bash", "-c", script], cwd=self.cwd, env=self.env, capture_output=True, text=True, timeout=timeout
        )
        output = done.stdout + done.stderr
        assert done.returncode == 0, f"`{command}` failed ({done.returncode}):\n{output[-4000:]}"
        self.env = dict(item.split("=", 1) for item in env_file.read_text().split("\0") if "=" in item)
        return done.stdout, done.stderr

    def serve(self, command: str, port: int, timeout: float) -> None:
        self.stop()
        log = self.logs / f"server-{self.count}.log"
        self.count += 1
        with log.open("wb") as out:
            process = subprocess.Popen(
                ["bash", "-c", command], cwd=self.cwd, env=self.env, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        self.servers.append(process)
        deadline = time.monotonic() + timeout
        while True:
            text = log.read_text(errors="replace")
            assert process.poll() is None, f"`{command}` exited ({process.returncode}):\n{text[-4000:]}"
            try:
                if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, f"`{command}` was not ready in {timeout} s:\n{text[-4000:]}"
            time.sleep(1)

    def stop(self) -> None:
        """Stops every server started, with all its processes (make and the `haitao serve` under it)."""
        for process in self.servers:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
        self.servers.clear()


def _check_output(command: str, stdout: str, stderr: str) -> None:
    """What each kind of command must show, beyond exiting 0."""
    output = stdout + stderr
    if command.startswith("curl "):
        answer = json.loads(stdout)
        assert answer["hits"], f"`{command}` found nothing: {stdout[:2000]}"
    elif re.search(r"\bhaitao index\b", command):
        assert re.search(r"indexed [1-9]", output), output[-2000:]
    elif re.search(r"\bhaitao search\b", command):
        assert re.search(r"ctg-0\d\d|Mug|Bottle", output), output[-2000:]


@pytest.mark.slow
def test_the_readme_quick_start_works_on_a_fresh_copy(tmp_path):
    assert shutil.which("make") and shutil.which("curl"), "the quick start needs make and curl"
    commands = readme_commands(README.read_text(encoding="utf-8"))
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HAITAO_", "VIRTUAL_ENV", "PYTHON"))}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if "/.venv/" not in p)
    env["HAITAO_PORT"] = str(port)
    logs = tmp_path / "logs"
    logs.mkdir()
    shell = Shell(_fresh_copy(tmp_path / "clone"), env, logs)
    ran = []
    try:
        for written in commands:
            command = written.replace(f"127.0.0.1:{README_PORT}", f"127.0.0.1:{port}")
            if re.sub(r"\s*#.*", "", command) == "make test":
                continue  # this test is part of it
            if SERVING.match(command):
                shell.serve(command, port, timeout=1800)
            else:
                _check_output(command, *shell.run(command, timeout=1800))
            ran.append(written)
    finally:
        shell.stop()
    assert any(c.startswith("make demo") for c in ran) and any("haitao serve" in c for c in ran), ran
