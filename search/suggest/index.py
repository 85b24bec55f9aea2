"""The prefix index: every key of every candidate in one sorted list; a lookup is two bisects and a partial sort.

Each key carries a precomputed rank: how it matched (the text itself, then full pinyin, then initials), then the
candidate's weight (more products first), then its length (shorter first). The keys starting with the typed
prefix are one contiguous slice of the sorted list; numpy picks the best few of that slice.

When nothing starts with the whole input, its last word is completed and the words before it kept
(`iphone 15 手` → `iphone 15 手机壳`, `蓝牙 erj` → `蓝牙 耳机`). When still nothing does, mistyped Latin words are
corrected against the catalog's words with the keyword leg's rule (`search.analysis.typos`: one edit for 5-8
letters, two from 9) and the corrected input is completed (`blutooth spea` → `bluetooth speaker`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Container
from dataclasses import dataclass

import numpy as np

from search.analysis.lexicon import CatalogLexicon
from search.analysis.normalize import normalize_text
from search.suggest.keys import is_cjk, text_key
from search.suggest.vocabulary import Candidate, Kind

_AFTER_ALL = "\U0010ffff"  # sorts after every character: key + this bounds the keys starting with key
_MAX_WEIGHT = (1 << 30) - 1
_WEIGHT_SCALE = 10  # weights are kept to a tenth
_MAX_LENGTH = (1 << 12) - 1
_OVERFETCH = 4  # entries looked at per wanted suggestion before a full sort (a candidate has a few keys)
_WORD_KINDS = frozenset({Kind.TERM, Kind.BRAND})  # what may complete the last word of a longer input


@dataclass(frozen=True)
class Suggestion:
    text: str
    kind: Kind
    english: str | None = None
    product_id: str | None = None


class SuggestIndex:
    def __init__(self, candidates: list[Candidate]) -> None:
        keys: list[str] = []
        owners: list[int] = []
        ranks: list[int] = []
        for number, candidate in enumerate(candidates):
            weight = min(round(candidate.weight * _WEIGHT_SCALE), _MAX_WEIGHT)
            base = ((_MAX_WEIGHT - weight) << 12) | min(len(candidate.text), _MAX_LENGTH)
            for key, match in candidate.keys:
                if key:
                    keys.append(key)
                    owners.append(number)
                    ranks.append((int(match) << 42) | base)
        order = sorted(range(len(keys)), key=keys.__getitem__)
        self._keys = [keys[i] for i in order]
        self._owner = np.asarray(owners, dtype=np.int32)[order] if order else np.zeros(0, np.int32)
        self._rank = np.asarray(ranks, dtype=np.int64)[order] if order else np.zeros(0, np.int64)
        self._suggestions = [Suggestion(c.text, c.kind, c.english, c.product_id) for c in candidates]

    def __len__(self) -> int:
        return len(self._suggestions)

    @property
    def key_count(self) -> int:
        return len(self._keys)

    def complete(self, text: str, size: int, lexicon: CatalogLexicon | None = None) -> list[Suggestion]:
        """The best `size` completions of what the shopper typed, best first, each shown text once; with a catalog
        lexicon, mistyped words are corrected when nothing completes what was typed."""
        found = self._completions(text, size)
        if found or lexicon is None:
            return found
        corrected = _corrected(normalize_text(text), lexicon)
        return self._completions(corrected, size) if corrected is not None else []

    def _completions(self, text: str, size: int) -> list[Suggestion]:
        found = self._starting_with(text_key(text), size)
        if found:
            return [self._suggestions[n] for n in found]
        return self._last_word_completed(normalize_text(text), size)

    def _starting_with(self, key: str, size: int, kinds: Container[Kind] | None = None) -> list[int]:
        """Candidates with a key starting with `key`, best first."""
        if not key or size <= 0:
            return []
        lo = bisect_left(self._keys, key)
        hi = bisect_left(self._keys, key + _AFTER_ALL, lo)
        if lo == hi:
            return []
        ranks = self._rank[lo:hi]
        wanted = size * _OVERFETCH
        if len(ranks) > wanted:
            best = np.argpartition(ranks, wanted)[:wanted]
            found = self._distinct(lo + best[np.argsort(ranks[best], kind="stable")], size, kinds)
            if len(found) == size:
                return found
        return self._distinct(lo + np.argsort(ranks, kind="stable"), size, kinds)

    def _distinct(self, entries: np.ndarray, size: int, kinds: Container[Kind] | None) -> list[int]:
        found: list[int] = []
        for owner in self._owner[entries].tolist():
            if owner in found or (kinds is not None and self._suggestions[owner].kind not in kinds):
                continue
            found.append(owner)
            if len(found) == size:
                break
        return found

    def _last_word_completed(self, normalized: str, size: int) -> list[Suggestion]:
        """`iphone 15 手` → `iphone 15 手机壳`: the longest tail that starts a word and completes, the rest kept."""
        for start in _word_starts(normalized):
            head, tail = normalized[:start], normalized[start:]
            found = self._starting_with(text_key(tail), size, _WORD_KINDS)
            if found:
                return [Suggestion(head + self._suggestions[n].text, Kind.TERM) for n in found]
        return []


def _corrected(text: str, lexicon: CatalogLexicon) -> str | None:
    """The input with each mistyped word replaced by the catalog's closest, most used word; None if none is."""
    words = text.split(" ")
    changed = False
    for i, word in enumerate(words):
        corrections = lexicon.typos.corrections(word)
        if corrections and not lexicon.document_frequency(word):
            words[i], changed = corrections[0].word, True
    return " ".join(words) if changed else None


def _word_starts(text: str) -> list[int]:
    """Where a word may start, after the first character: after a space, at each Chinese character, and where
    Latin follows Chinese (`蓝牙erji`)."""
    starts = []
    for i in range(1, len(text)):
        ch, before = text[i], text[i - 1]
        if ch != " " and (before == " " or is_cjk(ch) or is_cjk(before)):
            starts.append(i)
    return starts
