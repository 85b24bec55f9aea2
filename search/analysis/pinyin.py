"""The pinyin lexicon: Chinese words a shopper may mean, keyed by how they are typed on a pinyin keyboard.

Each word is stored under its toneless pinyin with the syllables joined (`蓝牙` → `lanya`, syllable boundaries
kept: a space typed inside a word must fall on one), under its initials (`ly`), and — for a partial last syllable —
under every prefix that ends inside its last syllable (`lanyaerj` → 蓝牙耳机). Homophones share a key; each word
carries a probability, so that a key's words are weighted alternatives rather than one guess.

The probabilities are a unigram language model: jieba's dictionary frequencies (our glossary terms count as jieba
counts them once added, see segment.py), over jieba's total. Which words are in the lexicon is decided by the
catalog (see `lexicon.py`): the glossary, the seller-written Chinese titles, and the CC-CEDICT words whose English
renderings the catalog uses.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KEY_RE = re.compile(r"^[0-9a-z]+$")
ALTERNATIVES = 3  # homophones kept as alternatives of one reading
ALTERNATIVE_SHARE = 0.15  # ... when at least this likely against the most likely one
MAX_HOMOPHONES = 40  # words kept per key, the most likely (a one-syllable key has hundreds)


def lazy_pinyin(text: str) -> list[str]:
    """pypinyin's `lazy_pinyin` (toneless, one item per character, other runs whole), imported on first use: its
    phrase tables take a good part of a second to load, and most searches read no pinyin."""
    from pypinyin import lazy_pinyin as read

    return read(text)


def syllables_of(word: str) -> tuple[str, ...]:
    """Toneless pinyin of a word, one item per Chinese character, Latin runs kept as one item (`u盘` → u, pan)."""
    out = []
    for item in lazy_pinyin(word):
        for piece in item.split():
            piece = piece.lower().replace("ü", "v")
            if piece:
                out.append(piece)
    return tuple(out)


@dataclass(frozen=True)
class Entry:
    word: str
    syllables: tuple[str, ...]
    log_p: float  # log probability of the word (unigram)
    starts: tuple[int, ...] = ()  # offset of each syllable in the key

    @property
    def key(self) -> str:
        return "".join(self.syllables)

    @property
    def boundaries(self) -> frozenset[int]:
        """Offsets inside the key where a syllable starts (not 0)."""
        return frozenset(self.starts[1:])


def _starts(syllables: tuple[str, ...]) -> tuple[int, ...]:
    out, at = [], 0
    for syllable in syllables:
        out.append(at)
        at += len(syllable)
    return tuple(out)


class PinyinLexicon:
    """Words by toneless pinyin (joined), by initials and by partial pinyin, each key's words most likely first.

    The words are held as plain lists (word, reading, log probability) and the tables as positions in them; an
    `Entry` is made when a lookup returns it. So a lexicon kept in a file (the catalog cache, see service.py) is read
    back in milliseconds: twenty thousand entry objects and the tables of them took a `haitao search` a fifth of
    a second to unpickle."""

    def __init__(
        self,
        words: Iterable[tuple[str, tuple[str, ...], float]],
        total: float,
        initials: Callable[[str], bool] = lambda word: True,
    ) -> None:
        """`words`: (word, syllables, frequency); `total`: the frequency all words are counted against;
        `initials`: which words may be typed as their initials (shopping words: a bare `xy` means little)."""
        self.log_total = math.log(max(total, 1.0))
        self._log_share = math.log(ALTERNATIVE_SHARE)
        by_key: dict[str, list[tuple[str, tuple[str, ...], float]]] = {}
        seen: set[str] = set()
        for word, syllables, frequency in words:
            if word in seen or not syllables or not _CJK_RE.search(word):
                continue
            key = "".join(syllables)
            if not _KEY_RE.match(key):
                continue
            seen.add(word)
            log_p = math.log(max(frequency, 0.5)) - self.log_total
            by_key.setdefault(key, []).append((word, tuple(syllables), log_p))
        # Each key's words are consecutive, most likely first: a key is its first position and its end.
        self._words: list[str] = []
        self._readings: list[str] = []  # the syllables, joined by spaces (a syllable holds none)
        self._log_p: list[float] = []
        self._by_key: dict[str, tuple[int, int]] = {}
        for key, found in by_key.items():
            found.sort(key=lambda w: (-w[2], w[0]))
            first = len(self._words)
            for word, syllables, log_p in found[:MAX_HOMOPHONES]:
                self._words.append(word)
                self._readings.append(" ".join(syllables))
                self._log_p.append(log_p)
            self._by_key[key] = (first, len(self._words))
        self._index = {word: i for i, word in enumerate(self._words)}
        self._prefixes = frozenset(key[:end] for key in self._by_key for end in range(1, len(key) + 1))
        self.longest = max(map(len, self._by_key), default=0)
        self.syllables = frozenset(s for reading in self._readings for s in reading.split(" "))
        initial: dict[str, list[int]] = {}
        partial: dict[str, list[int]] = {}
        for i, (word, reading) in enumerate(zip(self._words, self._readings, strict=True)):
            syllables = reading.split(" ")
            if len(syllables) >= 2 and initials(word):
                initial.setdefault("".join(s[0] for s in syllables), []).append(i)
            head = "".join(syllables[:-1])
            last = syllables[-1]
            for cut in range(1, len(last)):  # `lanyaerj`, not `lanyaer` (that is `lanya` + `er`)
                partial.setdefault(head + last[:cut], []).append(i)

        def rank(i: int) -> tuple[float, str]:
            return -self._log_p[i], self._words[i]

        self._initials = {key: tuple(sorted(found, key=rank)[:ALTERNATIVES]) for key, found in initial.items()}
        self._partial = {key: tuple(sorted(found, key=rank)[:ALTERNATIVES]) for key, found in partial.items()}
        self._made: dict[int, Entry] = {}

    def __getstate__(self) -> dict[str, object]:
        return {name: value for name, value in vars(self).items() if name != "_made"}

    def __setstate__(self, state: dict[str, object]) -> None:
        vars(self).update(state)
        self._made = {}

    def _entry(self, i: int) -> Entry:
        entry = self._made.get(i)
        if entry is None:
            syllables = tuple(self._readings[i].split(" "))
            entry = self._made[i] = Entry(self._words[i], syllables, self._log_p[i], _starts(syllables))
        return entry

    def __len__(self) -> int:
        return len(self._words)

    def __contains__(self, word: str) -> bool:
        return word in self._index

    def entries(self) -> Iterable[Entry]:
        return map(self._entry, range(len(self._words)))

    def entry(self, word: str) -> Entry | None:
        i = self._index.get(word)
        return None if i is None else self._entry(i)

    def starts_a_key(self, letters: str) -> bool:
        """Whether some word's pinyin starts with these letters (a reading need not look further when not)."""
        return letters in self._prefixes

    def by_key(self, key: str) -> list[Entry]:
        """The words typed as this joined pinyin, most likely first."""
        first, end = self._by_key.get(key, (0, 0))
        return [self._entry(i) for i in range(first, end)]

    def by_initials(self, initials: str) -> list[Entry]:
        return [self._entry(i) for i in self._initials.get(initials, ())]

    def by_partial(self, typed: str) -> list[Entry]:
        """Words whose pinyin starts with `typed` and ends one syllable, partly typed, later."""
        return [self._entry(i) for i in self._partial.get(typed, ())]

    def alternatives(self, entry: Entry) -> list[Entry]:
        """The likely homophones of a chosen word (itself first), as weighted alternatives."""
        out = [entry]
        for other in self.by_key(entry.key):
            if len(out) == ALTERNATIVES or other.log_p - entry.log_p < self._log_share:
                break
            if other.word != entry.word and other.syllables == entry.syllables:
                out.append(other)
        return out
