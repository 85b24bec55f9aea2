"""Our curated e-commerce glossary (zh → en), which wins over CC-CEDICT.

The data lives in `data/glossary.tsv`: `zh<TAB>en<TAB>weight<TAB>kind`, one English rendering a line,
several lines a term, `#` comments. See docs/query-understanding.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from search.analysis.normalize import normalize_text

GLOSSARY_PATH = Path(__file__).parent / "data" / "glossary.tsv"
KINDS = frozenset("product brand attribute material color size audience category unit modifier".split())


@dataclass(frozen=True)
class GlossaryEntry:
    en: str
    weight: float
    kind: str


class Glossary:
    """Chinese term → weighted English renderings, best first."""

    def __init__(self, entries: dict[str, list[GlossaryEntry]]) -> None:
        self._entries = {term: sorted(senses, key=lambda e: -e.weight) for term, senses in entries.items()}

    @classmethod
    def load(cls, path: Path = GLOSSARY_PATH) -> Glossary:
        if not path.exists():
            return cls({})
        return cls.parse(path.read_text(encoding="utf-8").splitlines(), source=str(path))

    @classmethod
    def parse(cls, lines: Iterable[str], source: str = "<glossary>") -> Glossary:
        entries: dict[str, list[GlossaryEntry]] = {}
        for number, line in enumerate(lines, start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 2:
                raise ValueError(f"{source}:{number}: expected zh<TAB>en[<TAB>weight<TAB>kind], got {line!r}")
            zh, en = normalize_text(cols[0]), normalize_text(cols[1])
            try:
                weight = float(cols[2]) if len(cols) > 2 and cols[2].strip() else 1.0
            except ValueError:
                raise ValueError(f"{source}:{number}: weight {cols[2]!r} is not a number") from None
            kind = cols[3].strip() if len(cols) > 3 and cols[3].strip() else "product"
            if kind not in KINDS:
                raise ValueError(f"{source}:{number}: kind {kind!r} is not one of {sorted(KINDS)}")
            if not zh or not en or not 0 < weight <= 1:
                raise ValueError(f"{source}:{number}: empty term or weight outside (0, 1]")
            senses = entries.setdefault(zh, [])
            if all(s.en != en for s in senses):
                senses.append(GlossaryEntry(en, weight, kind))
        return cls(entries)

    def get(self, term: str) -> list[GlossaryEntry]:
        return self._entries.get(term, [])

    def __contains__(self, term: str) -> bool:
        return term in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def terms(self) -> list[str]:
        return list(self._entries)


@lru_cache(maxsize=1)
def default_glossary() -> Glossary:
    """The process's glossary (data/glossary.tsv), loaded once: analysis and the taxonomy share it."""
    return Glossary.load()
