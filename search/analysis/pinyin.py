"""Pinyin input → Chinese terms of our vocabulary: full pinyin (`lanya erji`, `lanyaerji`) and initials (`lyej`).

Shoppers on a phone or a foreign keyboard type pinyin without tones. The vocabulary is the glossary's Chinese
terms; each is indexed by its toneless pinyin and by its initials (pypinyin), and a Latin query is parsed into
the fewest vocabulary terms (dynamic programming), preferring frequent words on ties.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pypinyin import lazy_pinyin

_LETTERS_RE = re.compile(r"^[a-z]+$")
MIN_INITIALS = 2  # a single letter is never read as initials
MAX_INPUT = 40


@dataclass(frozen=True)
class PinyinMatch:
    chinese: list[str]  # the vocabulary terms, in order
    style: str  # "full" or "initials"


class PinyinIndex:
    def __init__(self, terms: Iterable[str], frequency: Callable[[str], int] = lambda term: 0) -> None:
        self._full: dict[str, str] = {}
        self._initials: dict[str, str] = {}
        best_full: dict[str, int] = {}
        best_initials: dict[str, int] = {}
        for term in terms:
            if not term or not all("\u4e00" <= ch <= "\u9fff" for ch in term):
                continue
            syllables = [s.replace("ü", "v") for s in lazy_pinyin(term)]
            freq = frequency(term)
            full = "".join(syllables)
            if freq >= best_full.get(full, -1):
                self._full[full], best_full[full] = term, freq
            if len(term) >= 2:
                initials = "".join(s[0] for s in syllables)
                if freq >= best_initials.get(initials, -1):
                    self._initials[initials], best_initials[initials] = term, freq
        self._max_full = max(map(len, self._full), default=0)
        self._max_initials = max(map(len, self._initials), default=0)

    def convert(self, text: str) -> PinyinMatch | None:
        """`lanya erji` → [蓝牙, 耳机]; None unless every space-separated chunk parses."""
        chunks = text.split()
        if not chunks or any(not _LETTERS_RE.match(c) for c in chunks) or len(text) > MAX_INPUT:
            return None
        full = self._parse_all(chunks, self._full, self._max_full, min_piece=1)
        if full is not None:
            return PinyinMatch(full, "full")
        initials = self._parse_all(chunks, self._initials, self._max_initials, min_piece=MIN_INITIALS)
        if initials is not None:
            return PinyinMatch(initials, "initials")
        return None

    @staticmethod
    def _parse_all(chunks: list[str], table: dict[str, str], longest: int, min_piece: int) -> list[str] | None:
        out: list[str] = []
        for chunk in chunks:
            parsed = PinyinIndex._parse(chunk, table, longest, min_piece)
            if parsed is None:
                return None
            out += parsed
        return out

    @staticmethod
    def _parse(text: str, table: dict[str, str], longest: int, min_piece: int) -> list[str] | None:
        """Split `text` into the fewest keys of `table` (each at least `min_piece` letters long)."""
        best: list[list[str] | None] = [None] * (len(text) + 1)
        best[0] = []
        for end in range(1, len(text) + 1):
            for start in range(max(0, end - longest), end - min_piece + 1):
                prefix = best[start]
                term = table.get(text[start:end])
                if prefix is None or term is None:
                    continue
                if best[end] is None or len(prefix) + 1 < len(best[end]):  # type: ignore[arg-type]
                    best[end] = [*prefix, term]
        return best[len(text)]
