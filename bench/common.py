"""What the benchmark scripts share: where things are, building an evaluation index, the machine and versions."""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import platform
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The Chorus catalog and judgments: ../shared/data/chorus beside the repository, or where CHORUS_DIR says.
CHORUS = Path(os.environ.get("CHORUS_DIR") or ROOT.parent / "shared" / "data" / "chorus")
CHORUS_QUERIES_ZH = ROOT / "bench" / "chorus" / "queries_zh.tsv"
EVAL_DIR = ROOT / "var" / "eval"
# The last line of `haitao index`: read, indexed, unchanged, rejected, deleted, seconds (the run's own timer).
INDEX_SUMMARY = re.compile(
    r"read (\d+), indexed (\d+), unchanged (\d+), rejected (\d+), "
    r"skipped \d+(?: \([^)]*\))?, deleted (\d+) in ([\d.]+) s"
)
DOC = ROOT / "docs" / "benchmarks.md"


def ensure_index(feed: Path, encoder: str | None = None) -> Path:
    """`haitao index FEED` into var/eval/<feed's folder>: incremental, so a second run costs seconds; rebuilt
    (from the embedding cache) when it was made by another schema version or model.

    `encoder` (HAITAO_ENCODER) other than the fp32 ones (`onnx`, `torch`: the same vectors) gets an index of its
    own, var/eval/<folder>-<encoder>."""
    from search.config import DEFAULT_MODEL
    from search.encoders.onnx_encoder import int8_name

    fp32 = encoder in (None, "onnx", "torch")
    data_dir = EVAL_DIR / (feed.parent.name if fp32 else f"{feed.parent.name}-{encoder}")
    code = "from indexer.cli import main; main()"
    command = [sys.executable, "-c", code, "index", str(feed), "--data-dir", str(data_dir)]
    if _outdated(data_dir, DEFAULT_MODEL if fp32 else int8_name(DEFAULT_MODEL)):
        command.append("--rebuild")
    env = {**os.environ, "HAITAO_ENCODER": encoder} if encoder else None
    subprocess.run(command, check=True, cwd=ROOT, env=env)
    return data_dir


def _outdated(data_dir: Path, model: str) -> bool:
    from search.backends.base import IndexMismatch, IndexNotFound
    from search.backends.embedded.backend import EmbeddedBackend

    try:
        EmbeddedBackend(data_dir, model, 384).close()
    except IndexNotFound:
        return False
    except IndexMismatch:
        return True
    return False


def display_path(path: Path) -> str:
    """A path as the docs show it: relative to the repository, or under ../shared/data/chorus."""
    path = Path(path).resolve()
    if path.is_relative_to(ROOT):
        return str(path.relative_to(ROOT))
    if path.is_relative_to(CHORUS.resolve()):
        return f"../shared/data/chorus/{path.relative_to(CHORUS.resolve())}"
    return str(path)


def git_commit() -> str:
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return head.stdout.strip() or "unknown"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def versions(*packages: str) -> str:
    """`name version` of each installed package, comma-separated (`name absent` when it is not installed)."""
    found = []
    for name in packages:
        try:
            found.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            found.append(f"{name} absent")
    return ", ".join(found)


def machine_line() -> str:
    return f"{cpu_model()} ({platform.machine()}), {os.cpu_count()} cores, Python {platform.python_version()}"


def peak_rss_mb() -> tuple[float, float]:
    """This process's resident memory now and at its peak (VmRSS, VmHWM), in MB."""
    status = Path("/proc/self/status").read_text()
    values = {}
    for line in status.splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


def ndcg10(rankings: dict[str, list[str]], queries: Path, qrels: Path, judged_only: bool = False) -> float:
    """Mean nDCG@10 of `rankings` over the queries with a relevant judgment; `judged_only`: each ranking condensed to
    its judged products first (unjudged products, not known to be wrong, cost nothing: Sakai's condensed lists, the
    `nDCG'@10` of search/eval/metrics.py)."""
    from search.eval import CONDENSED, evaluate, read_qrels, read_queries

    overall = evaluate(read_queries(queries), rankings, read_qrels(qrels)).overall
    return overall[CONDENSED if judged_only else "nDCG@10"]


def arguments(doc: str) -> argparse.ArgumentParser:
    """A benchmark's command line, its module docstring as the help (kept as written)."""
    return argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)


def latency_summary(latencies: list[float]) -> dict[str, float]:
    """p50, p95, p99 of latencies in ms, and the queries a second one client makes at that pace."""
    from search.eval.report import percentile

    ordered = sorted(latencies)
    return {
        "p50": percentile(ordered, 50),
        "p95": percentile(ordered, 95),
        "p99": percentile(ordered, 99),
        "qps": len(ordered) / (sum(ordered) / 1000),
    }
