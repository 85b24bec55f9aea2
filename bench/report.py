"""Write one named section of a Markdown report, leaving the other sections as they are.

Each benchmark owns the text between `<!-- begin NAME -->` and `<!-- end NAME -->` in docs/benchmarks.md.
"""

from __future__ import annotations

import re
from pathlib import Path


def machine() -> str:
    import torch
    from common import machine_line  # bench/ is on sys.path when a benchmark runs as a script

    return f"{machine_line()}, torch {torch.__version__} ({torch.get_num_threads()} threads)"


def write_section(path: Path, name: str, markdown: str, title: str = "# Benchmarks") -> None:
    begin, end = f"<!-- begin {name} -->", f"<!-- end {name} -->"
    block = f"{begin}\n{markdown.strip()}\n{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else f"{title}\n"
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.DOTALL)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text.rstrip("\n") + f"\n\n{block}\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def publish(path: Path, name: str, markdown: str, write: bool) -> None:
    """A benchmark's last step: write its section of `path` and say so, or (`--no-write`) print the section only."""
    if not write:
        print(markdown)
        return
    write_section(path, name, markdown)
    print(f"wrote the {name} section of {path}")
