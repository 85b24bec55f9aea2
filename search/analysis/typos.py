"""Typo tolerance for Latin words, against the catalog's own vocabulary (the rule Meilisearch and Typesense use).

How many edits a typed word may carry: none below 5 letters, one for 5-8 letters, two from 9 letters on; never any
for a word with a digit in it (model numbers, sizes, numbers). An edit is an inserted, deleted or substituted
letter, or two neighbouring letters swapped (optimal string alignment distance).

Candidates are found with deletions (the symmetric delete method of SymSpell): each vocabulary word is stored under
itself and each one-letter deletion of it; a typed word looks up itself and its deletions up to its budget, and
every candidate found is checked with the real distance. Two substitutions in a long word need two deletions on
both sides and are not found — a tradeoff for memory: the table holds about (letters + 1) keys a word.

Which typed words are corrected: words the catalog does not use at all, and words it uses so rarely against a
word one edit away that the rare one is most likely a misspelling in some listing (`bluetoth` in one description,
`bluetooth` in 2,000 products): then the exact word stays, weighted above the correction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

MIN_LETTERS_ONE = 5
MIN_LETTERS_TWO = 9
MIN_TARGET_LETTERS = 3  # vocabulary words shorter than this are never a correction
RARE_FACTOR = 100  # a used word is still corrected when a candidate is this many times more common
MAX_CORRECTIONS = 3
LIKELY_SHARE = 10  # a correction is kept when it is used at least 1/10 as often as the best one
# The weight of a corrected alternative against the exact word's 1.0, by edits: an exact match ranks above a
# corrected one, and one edit above two.
EDIT_WEIGHTS = {1: 0.9, 2: 0.75}


def edit_budget(word: str) -> int:
    """How many typos a typed word may carry: 0 (< 5 letters, or any digit), 1 (5-8 letters), 2 (9+ letters)."""
    if not word.isalpha() or not word.isascii():
        return 0
    if len(word) >= MIN_LETTERS_TWO:
        return 2
    return 1 if len(word) >= MIN_LETTERS_ONE else 0


def osa_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (insert, delete, substitute, swap neighbours), or limit + 1 when above."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _deletions(word: str, depth: int) -> set[str]:
    found, frontier = set(), {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))} - found
        found |= frontier
    return found


@dataclass(frozen=True)
class Correction:
    word: str  # the vocabulary word
    edits: int
    frequency: int  # products using it

    @property
    def weight(self) -> float:
        return EDIT_WEIGHTS[self.edits]


class TypoCorrector:
    """Corrections of typed Latin words against a vocabulary (word → how many products use it)."""

    def __init__(self, frequencies: Mapping[str, int], protected: Iterable[str] = ()) -> None:
        self._frequency = {w: n for w, n in frequencies.items() if n > 0 and w.isalpha() and w.isascii()}
        self._protected = frozenset(protected)  # real words never corrected, even when the catalog lacks them
        self._table: dict[str, list[str]] = {}
        for word in self._frequency:
            if len(word) < MIN_TARGET_LETTERS:
                continue
            for key in (word, *_deletions(word, 1)):
                self._table.setdefault(key, []).append(word)

    def __len__(self) -> int:
        return len(self._frequency)

    def frequency(self, word: str) -> int:
        return self._frequency.get(word, 0)

    def corrections(self, word: str) -> list[Correction]:
        """The likely intended words for a typed word, best first (fewest edits, then most used); [] when the word
        is fine as typed or nothing is close enough."""
        word = word.lower()
        budget = edit_budget(word)
        if not budget or word in self._protected:
            return []
        own = self._frequency.get(word, 0)
        found: dict[str, int] = {}
        for key in (word, *_deletions(word, budget)):
            for candidate in self._table.get(key, ()):
                if candidate == word or candidate in found:
                    continue
                distance = osa_distance(word, candidate, budget)
                if distance <= budget:
                    found[candidate] = distance
        ranked = sorted(
            (Correction(w, d, self._frequency[w]) for w, d in found.items()), key=lambda c: (c.edits, -c.frequency)
        )
        if own:  # the catalog uses the word: correct it only when it is rare against a close, common word
            ranked = [c for c in ranked if c.frequency >= RARE_FACTOR * own]
        if not ranked:
            return []
        # The closest words only, and of those the ones used at least a tenth as often as the most used.
        best = ranked[0]
        close = [c for c in ranked if c.edits == best.edits and c.frequency * LIKELY_SHARE >= best.frequency]
        return close[:MAX_CORRECTIONS]
