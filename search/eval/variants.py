"""Query variants made by rule from clean queries, to measure robustness: what a shopper types instead of the clean
query, with the clean query's judgments still applying.

Every rule is deterministic (a `random.Random` seeded from the rule's seed and the query id), independent of the
search engine's own analysis (plain jieba and pypinyin, OpenCC's own dictionaries), and applied to every query it
can apply to — a query is left out only when the rule has nothing to act on (no English word of 5 letters or more
for a typo, no Chinese for pinyin). `bench/query_sets.py` writes the sets as data files; docs/relevance.md reports
them.

- `typo`: one edit — a deleted, inserted, substituted (a key next to it on a QWERTY keyboard) or transposed letter,
  never the first letter — in one English word of at least 5 letters (numbers and model numbers are never touched).
- `pinyin_joined` (`lanya erji`), `pinyin_spaced` (`lan ya er ji`), `pinyin_partial` (`lanya erj`: the last
  syllable cut to its initial), `pinyin_initials` (`lyej`), `pinyin_mixed` (`蓝ya耳机`: one character, not the
  first, typed as pinyin): toneless pinyin from pypinyin, words from jieba's default dictionary; Latin words stay.
- `homophone`: one Chinese character replaced by another common character with the same toneless pinyin, as a
  pinyin keyboard offers it (the candidates ordered by jieba's character frequency; one of the first five is picked).
- `taiwan`: OpenCC `s2twp` (Traditional characters and Taiwan phrases), then the Taiwan product words of
  search/analysis/data/regional.tsv written as Taiwan writes them (藍芽, 行動電源) — so this set tests OpenCC's
  phrase table and our regional table both.
- `off_catalog`: common Chinese nouns of jieba's dictionary whose every CC-CEDICT sense shares no word (by stem) with
  the catalog, their first English sense, and random letter strings: queries about nothing the catalog sells.
"""

from __future__ import annotations

import random
import re
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jieba
import opencc
from pypinyin import lazy_pinyin

from search.analysis.english import stem

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff"
_CJK_RE = re.compile(f"[{_CJK}]")
_WORD_RE = re.compile(r"[A-Za-z]+|[0-9][0-9A-Za-z.\-]*")
_QWERTY = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
TYPO_MIN_LETTERS = 5
SLIP_CANDIDATES = 5  # a slip picks one of the first few candidates a pinyin keyboard shows
SLIP_MIN_FREQUENCY = 1000  # jieba frequency of a character a keyboard offers early (common characters)


def _rng(seed: int, qid: str) -> random.Random:
    return random.Random(seed * 1_000_003 + zlib.crc32(qid.encode("utf-8")))


def has_chinese(text: str) -> bool:
    return _CJK_RE.search(text) is not None


# -- typos --------------------------------------------------------------------------------------------------


def _neighbours(letter: str) -> str:
    for row_number, row in enumerate(_QWERTY):
        column = row.find(letter)
        if column < 0:
            continue
        near = [row[c] for c in (column - 1, column + 1) if 0 <= c < len(row)]
        for other in (row_number - 1, row_number + 1):
            if 0 <= other < len(_QWERTY):
                near += [_QWERTY[other][c] for c in (column - 1, column, column + 1) if 0 <= c < len(_QWERTY[other])]
        return "".join(near)
    return "abcdefghijklmnopqrstuvwxyz"


def typo_word(word: str, rng: random.Random) -> str:
    """One edit of a word of at least 2 letters, never at its first letter."""
    lower = word.lower()
    while True:
        kind = rng.choice(("delete", "insert", "substitute", "transpose"))
        at = rng.randrange(1, len(lower))
        if kind == "delete":
            out = lower[:at] + lower[at + 1 :]
        elif kind == "insert":
            out = lower[:at] + rng.choice(_neighbours(lower[at - 1])) + lower[at:]
        elif kind == "substitute":
            out = lower[:at] + rng.choice(_neighbours(lower[at])) + lower[at + 1 :]
        else:
            if at == len(lower) - 1 or lower[at] == lower[at + 1]:
                continue
            out = lower[:at] + lower[at + 1] + lower[at] + lower[at + 2 :]
        if out != lower:
            return out


def typo(query: str, rng: random.Random) -> str | None:
    """The query with one typo in one of its English words of 5+ letters; None when it has none."""
    words = [m for m in _WORD_RE.finditer(query) if m.group().isalpha() and len(m.group()) >= TYPO_MIN_LETTERS]
    if not words:
        return None
    chosen = rng.choice(words)
    return query[: chosen.start()] + typo_word(chosen.group(), rng) + query[chosen.end() :]


# -- pinyin ---------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _jieba() -> jieba.Tokenizer:
    tokenizer = jieba.Tokenizer()  # the default dictionary only: not the engine's glossary-extended one
    tokenizer.initialize()
    return tokenizer


@lru_cache(maxsize=1)
def _to_simplified() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _pieces(query: str) -> list[tuple[str, list[str] | None]]:
    """The query as (text, syllables) pieces: Chinese words (jieba's default dictionary, on the Simplified form)
    with their toneless pinyin, and the text between Chinese runs as typed, with None."""
    out: list[tuple[str, list[str] | None]] = []
    for run in re.split(f"([{_CJK}]+)", query):
        if not has_chinese(run):
            if run.strip():
                out.append((run.strip(), None))
            continue
        simplified = _to_simplified().convert(run)
        words = _jieba().lcut(simplified if len(simplified) == len(run) else run, HMM=False)
        start = 0
        for word in words:
            piece = run[start : start + len(word)]
            start += len(word)
            out.append((piece, lazy_pinyin(piece)))
    return out


def _latin_join(parts: Iterable[str]) -> str:
    return re.sub(r"\s+", " ", " ".join(parts)).strip()


def pinyin_form(query: str, form: str, rng: random.Random | None = None) -> str | None:
    """The query typed in pinyin, in one of the forms of the module docstring; None when it has no Chinese."""
    if not has_chinese(query):
        return None
    pieces = _pieces(query)
    if form == "mixed":
        return _mixed(query, rng or random.Random(0))
    words: list[str] = []
    for text, syllables in pieces:
        if syllables is None:
            words.append(text)
        elif form == "joined":
            words.append("".join(syllables))
        elif form == "spaced":
            words.append(" ".join(syllables))
        elif form == "initials":
            words.append("".join(s[0] for s in syllables))
        elif form == "partial":
            words.append("".join(syllables))
        else:
            raise ValueError(f"unknown pinyin form {form!r}")
    if form == "initials":  # initials are typed as one string: `lyej`, Latin words apart
        out, run = [], ""
        for (_, syllables), word in zip(pieces, words, strict=True):
            if syllables is None:
                out += [run, word] if run else [word]
                run = ""
            else:
                run += word
        return _latin_join([*out, run])
    if form == "partial":
        last = max((i for i, (_, s) in enumerate(pieces) if s is not None), default=None)
        if last is None or last != len(pieces) - 1:
            return None  # the last thing typed is not Chinese: nothing to cut
        syllables = pieces[last][1] or []
        final = syllables[-1]
        initial = _initial(final)
        if len(syllables) == 1 and len(pieces) == 1:
            return None  # a single syllable cut short says nothing
        words[last] = "".join(syllables[:-1]) + initial
    return _latin_join(words)


_INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c", "s")


def _initial(syllable: str) -> str:
    """`ji` → `j`, `zhong` → `zh`, `er` → `e` (no initial: its first letter)."""
    for initial in _INITIALS:
        if syllable.startswith(initial) and len(syllable) > len(initial):
            return initial
    return syllable[0]


def _mixed(query: str, rng: random.Random) -> str | None:
    positions = [i for i, ch in enumerate(query) if _CJK_RE.fullmatch(ch)]
    if len(positions) < 2:
        return None
    at = rng.choice(positions[1:])
    return query[:at] + _per_character_readings(query)[at] + query[at + 1 :]


def _per_character_readings(query: str) -> dict[int, str]:
    """{position of each Chinese character: its toneless syllable}, read run by run (pypinyin's phrase readings)."""
    out: dict[int, str] = {}
    for run in re.finditer(f"[{_CJK}]+", query):
        for offset, syllable in enumerate(lazy_pinyin(run.group())):
            out[run.start() + offset] = syllable
    return out


# -- homophone slips ------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _characters_by_reading() -> dict[str, list[str]]:
    """Toneless reading → common characters with that reading, most frequent first (jieba's frequencies)."""
    frequency = _jieba().FREQ
    by_reading: dict[str, list[tuple[int, str]]] = {}
    for word, count in frequency.items():
        if len(word) == 1 and _CJK_RE.fullmatch(word) and count >= SLIP_MIN_FREQUENCY:
            by_reading.setdefault(lazy_pinyin(word)[0], []).append((count, word))
    return {reading: [ch for _, ch in sorted(chars, reverse=True)] for reading, chars in by_reading.items()}


def homophone_slip(query: str, rng: random.Random) -> str | None:
    """One Chinese character replaced by a common homophone (same toneless pinyin); None without one."""
    readings = _per_character_readings(query)
    options = []
    for position, reading in readings.items():
        candidates = [ch for ch in _characters_by_reading().get(reading, []) if ch != query[position]]
        if candidates:
            options.append((position, candidates[:SLIP_CANDIDATES]))
    if not options:
        return None
    position, candidates = rng.choice(options)
    return query[:position] + rng.choice(candidates) + query[position + 1 :]


# -- Taiwan vocabulary ----------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _to_taiwan() -> opencc.OpenCC:
    return opencc.OpenCC("s2twp")


def taiwan(query: str, regional: Mapping[str, str]) -> str | None:
    """The query as typed in Taiwan: OpenCC s2twp, then the regional table's Taiwan words (mainland → Taiwan, in
    Taiwan's characters); None when nothing changes."""
    converted = _to_taiwan().convert(query)
    for mainland, local in sorted(regional.items(), key=lambda item: -len(item[0])):
        converted = converted.replace(_to_taiwan().convert(mainland), local)
    return converted if converted != query else None


# -- off-catalog queries ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OffCatalog:
    chinese: list[str]
    english: list[str]
    nonsense: list[str]


def off_catalog(
    catalog_words: set[str],
    senses: Callable[[str], list[str]],
    known_latin: Callable[[str], bool],
    seed: int,
    count: int = 40,
    nonsense: int = 20,
    common: int = 20_000,
) -> OffCatalog:
    """Queries about nothing in the catalog.

    Chinese: nouns (jieba POS `n`) of 2-4 characters among jieba's `common` most frequent words, with at least one
    CC-CEDICT sense and no word of any sense in `catalog_words` (the catalog's English words, lower case; compared
    by Snowball stem, so `arms` is the catalog's `arm`); `count` of them drawn with `seed`. English: the first sense
    of each. Nonsense: one or two random letter strings of 5-8 letters that `known_latin` does not know (not a
    catalog word, not pinyin).
    """
    rng = random.Random(seed)
    nouns = _common_nouns(common)
    catalog_stems = {stem(w) for w in catalog_words}
    eligible = []
    for word in nouns:
        found = senses(word)
        words = {stem(w) for sense in found for w in re.findall(r"[a-z0-9]+", sense.lower())}
        if found and words and not words & catalog_stems:
            eligible.append((word, found[0]))
    chosen = rng.sample(eligible, min(count, len(eligible)))
    strings = []
    while len(strings) < nonsense:
        words = []
        for _ in range(rng.choice((1, 2))):
            word = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(5, 8)))
            words.append(word)
        if not any(known_latin(w) for w in words):
            strings.append(" ".join(words))
    return OffCatalog([w for w, _ in chosen], [s for _, s in chosen], strings)


def _common_nouns(common: int) -> list[str]:
    path = Path(jieba.__file__).parent / "dict.txt"
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split(" ")
        if (
            len(parts) == 3
            and parts[2] == "n"
            and 2 <= len(parts[0]) <= 4
            and all(_CJK_RE.fullmatch(c) for c in parts[0])
        ):
            entries.append((int(parts[1]), parts[0]))
    entries.sort(reverse=True)
    return sorted(word for _, word in entries[:common])


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    return frozenset(_characters_by_reading())


def reads_as_pinyin(word: str) -> bool:
    """Whether a string of letters splits into toneless pinyin syllables (`lanya`: yes, `xqzvt`: no)."""
    word = word.lower()
    can_end = [True] + [False] * len(word)
    for end in range(1, len(word) + 1):
        can_end[end] = any(can_end[start] and word[start:end] in _syllables() for start in range(max(0, end - 6), end))
    return can_end[-1]


# -- one entry point ---------------------------------------------------------------------------------------------

SEEDS = {"typo": 14, "pinyin_mixed": 15, "homophone": 16, "off_catalog": 17}
PINYIN_FORMS = ("joined", "spaced", "partial", "initials", "mixed")


def variant_set(kind: str, queries: Mapping[str, str], regional: Mapping[str, str] | None = None) -> dict[str, str]:
    """qid → variant of every query the rule applies to (and changes), in the queries' order."""
    out: dict[str, str] = {}
    for qid, query in queries.items():
        if kind == "typo":
            variant = typo(query, _rng(SEEDS["typo"], qid))
        elif kind.startswith("pinyin_"):
            variant = pinyin_form(query, kind.removeprefix("pinyin_"), _rng(SEEDS["pinyin_mixed"], qid))
        elif kind == "homophone":
            variant = homophone_slip(query, _rng(SEEDS["homophone"], qid))
        elif kind == "taiwan":
            variant = taiwan(query, regional or {})
        else:
            raise ValueError(f"unknown variant kind {kind!r}")
        if variant and variant != query:
            out[qid] = variant
    return out
