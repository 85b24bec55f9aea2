"""Reading what the shopper meant by its sound: pinyin in every form, and homophone slips of a pinyin keyboard.

One reading covers every case. The text of a query span — Chinese characters, Latin letters, digits and spaces —
becomes one string of toneless pinyin letters: a Chinese character stands for its syllable (and must be that
character, or a slip for it), a Latin chunk for the letters typed. The reading is the most probable sequence of
pieces covering that string (a unigram language model, `pinyin.PinyinLexicon`), each piece one of:

- a lexicon word whose pinyin covers the letters — across spaces only where they fall between its syllables
  (`lan ya er ji`, `lanya erji`, `lanyaerji` → 蓝牙耳机), with typed characters matching (`蓝ya耳机` → 蓝牙耳机),
  or slipped to a homophone at a cost (`蓝呀耳机` → 蓝牙耳机: P(蓝牙耳机) × ε beats P(蓝) × P(呀) × P(耳机));
- at the very end, a lexicon word whose last syllable is only begun (`lanya erj` → 蓝牙 耳机);
- the typed Chinese characters themselves, as jieba's dictionary knows them (single characters always);
- a Latin chunk taken literally, as likely as the catalog's listings use the word (or a word one typo away from
  it), unlikely when nobody does — so that `mini usb` and `fan` stay English while `lan ya er ji`, `feng shan`
  and `yu you` read as pinyin.

A span is read only when something in it calls for it: a Latin chunk the catalog does not use, or Chinese that
jieba had to leave in single characters or unknown words. Clean queries are left exactly as segmented.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from search.analysis.pinyin import Entry, PinyinLexicon, lazy_pinyin

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{_CJK}]")
# What a span is made of: Chinese characters, Latin letters and digits, and the spaces between them.
# A space between two Chinese characters ends a span: a typed word does not run across it (`儿痛 科学实验`), while
# pinyin runs across spaces (`lan ya`, `蓝牙 erji`).
_SPAN_RE = re.compile(f"[{_CJK}0-9a-z]+(?:(?<![{_CJK}]) +[{_CJK}0-9a-z]+| +(?![{_CJK}])[0-9a-z]+)*")
_CHUNK_RE = re.compile(f"[{_CJK}]|[0-9a-z]+")
LOG_SLIP = math.log(0.01)  # a character typed as a homophone of the intended one
LOG_PARTIAL = math.log(0.1)  # the last syllable typed only in part
LOG_PARTIAL_SYLLABLE = math.log(0.001)  # ... where what was typed is a whole syllable already (`hua shu` ≠ 华硕)
LOG_SINGLE = math.log(1e-4)  # a single syllable read as a one-character word: rarely what pinyin typists mean
LOG_UNKNOWN_LATIN = math.log(1e-12)  # a Latin chunk nobody knows, taken as typed
LOG_READ_BELOW = math.log(1e-4)  # a Latin chunk less likely than this as typed may be pinyin: read the span
MAX_LETTERS = 60  # longer spans are not read (a query is short; this bounds the work)
MAX_INITIALS = 8  # letters of a chunk of initials
MAX_INITIALS_WORDS = 1  # words a chunk of initials stands for: initials of two words (`mzdnb`) are a guess


@dataclass
class Piece:
    text: str  # what the reading puts here: a Chinese word, or the Latin chunk as typed
    typed: str  # what the shopper typed for it
    kind: str  # "pinyin" (read from letters), "slip" (a homophone corrected), "chinese" (as typed), "latin"
    alternatives: list[Entry] = field(default_factory=list)  # pinyin and slips: the likely homophones
    partial: bool = False  # the last syllable was typed only in part
    mixed: bool = False  # typed partly in Chinese characters, partly in pinyin


@dataclass
class Reading:
    pieces: list[Piece]

    @property
    def changed(self) -> bool:
        return any(p.kind in ("pinyin", "slip") for p in self.pieces)

    @property
    def slips(self) -> list[Piece]:
        return [p for p in self.pieces if p.kind == "slip"]


@dataclass
class _Unit:
    """One chunk of the span: a Chinese character (its syllable) or a Latin chunk, at [start, end) of the letters."""

    start: int
    end: int
    char: str | None  # the Chinese character, or None for a Latin chunk
    text: str  # the character, or the Latin chunk
    letters: str  # the character's syllable, or the Latin chunk


class PhoneticReader:
    def __init__(
        self,
        lexicon: PinyinLexicon,
        frequency: Callable[[str], int],
        total: float,
        latin: Callable[[str], float | None],
    ) -> None:
        self.lexicon = lexicon
        self._frequency = frequency  # jieba's count of a Chinese word (0: unknown)
        self._log_total = math.log(max(total, 1.0))
        self._latin = latin  # log-probability of a Latin word taken as typed; None: nobody uses it
        self._syllables = lexicon.syllables

    def _word(self, chunk: str) -> bool:
        """Whether a Latin chunk taken as typed is a word a listing would use (or a number)."""
        if chunk.isdigit():
            return True
        log_p = self._latin(chunk)
        return log_p is not None and log_p >= LOG_READ_BELOW

    def spans(self, text: str) -> list[re.Match[str]]:
        return list(_SPAN_RE.finditer(text))

    def needs_reading(self, span: str, tokens: list[str]) -> bool:
        """Whether a span calls for a reading: an unknown Latin chunk, or Chinese jieba could not make words of
        (`tokens`: the segmenter's words for the span)."""
        for token in tokens:
            if _CJK_RE.search(token):
                if len(token) == 1 or (self._frequency(token) <= 0 and token not in self.lexicon):
                    return True
            elif token.isalpha() and token.isascii() and not self._word(token):
                return True
        return False

    def read(self, span: str, final: bool) -> Reading | None:
        """The most probable reading of a span; None when it cannot be covered. `final`: the span ends the query
        (its last syllable may be partly typed)."""
        units = self._units(span)
        if not units:
            return None
        letters = "".join(u.letters for u in units)
        if len(letters) > MAX_LETTERS:
            return None
        starts = {u.start: u for u in units}
        self._by_start = starts
        ends = {u.end for u in units}
        inside_char = {p for u in units if u.char for p in range(u.start + 1, u.end)}
        hard = set(starts) | ends
        n = len(letters)
        best: list[tuple[float, int, Piece | None] | None] = [None] * (n + 1)
        best[0] = (0.0, -1, None)
        for i in range(n):
            if best[i] is None or i in inside_char:
                continue
            score = best[i][0]
            for j, log_p, piece in self._pieces(units, starts, hard, inside_char, letters, i, final):
                if best[j] is None or score + log_p > best[j][0]:  # type: ignore[index]
                    best[j] = (score + log_p, i, piece)
        if best[n] is None:
            return None
        pieces: list[Piece] = []
        at = n
        while at > 0:
            _, previous, piece = best[at]  # type: ignore[misc]
            pieces.append(piece)  # type: ignore[arg-type]
            at = previous
        pieces.reverse()
        if any(p.kind == "latin" and not self._word(p.text) for p in pieces):
            return None  # letters neither a catalog word nor pinyin remain: the rest of the reading is a guess
        for piece in pieces:  # a word read from letters: its likely homophones too
            if piece.kind == "pinyin" and not piece.partial:
                piece.alternatives = self.lexicon.alternatives(piece.alternatives[0])
        return Reading(pieces)

    def read_initials(self, text: str) -> Reading | None:
        """Letters typed as pinyin initials (`lyej` → 蓝牙耳机): the most probable words whose initials cover every
        chunk, each word of two syllables or more; None when they cannot."""
        pieces: list[Piece] = []
        for chunk in text.split():
            if not chunk.isalpha() or len(chunk) > MAX_INITIALS:
                return None
            n = len(chunk)
            best: list[tuple[float, int, Entry] | None] = [None] * (n + 1)
            best[0] = (0.0, -1, None)  # type: ignore[assignment]
            for i in range(n):
                if best[i] is None:
                    continue
                for j in range(i + 2, n + 1):
                    for entry in self.lexicon.by_initials(chunk[i:j])[:1]:
                        score = best[i][0] + entry.log_p  # type: ignore[index]
                        if best[j] is None or score > best[j][0]:  # type: ignore[index]
                            best[j] = (score, i, entry)
            if best[n] is None:
                return None
            found: list[Piece] = []
            words, at = 0, n
            while at > 0:
                words, at = words + 1, best[at][1]  # type: ignore[index]
            if words > MAX_INITIALS_WORDS:
                return None
            at = n
            while at > 0:
                _, previous, entry = best[at]  # type: ignore[misc]
                found.append(Piece(entry.word, chunk[previous:at], "pinyin", [entry]))
                at = previous
            pieces += reversed(found)
        return Reading(pieces) if pieces else None

    # -- the pieces that may start at letter i ---------------------------------------------------------------

    def _pieces(self, units, starts, hard, inside_char, letters, i, final):
        n = len(letters)
        unit = starts.get(i)
        if unit is not None and unit.char is None:  # a Latin chunk, whole, as typed
            log_p = self._latin(unit.text)
            yield unit.end, LOG_UNKNOWN_LATIN if log_p is None else log_p, Piece(unit.text, unit.text, "latin")
        if unit is not None and unit.char is not None:  # typed Chinese characters, as jieba knows them
            text = ""
            for u in _following(units, unit):
                if u.char is None:
                    break
                text += u.char
                count = self._frequency(text)
                if count > 0 or len(text) == 1:
                    yield u.end, math.log(max(count, 0.5)) - self._log_total, Piece(text, text, "chinese")
        for j in range(i + 1, min(n, i + self.lexicon.longest) + 1):
            key = letters[i:j]
            if not self.lexicon.starts_a_key(key):
                break  # no word's pinyin goes on like this
            if j in inside_char:
                continue
            if unit is not None and unit.char is not None and j == unit.end:
                continue  # one typed character: as typed (above); a one-character word is never a slip
            typed_chars = any(u.char is not None and i <= u.start < j for u in units)
            for entry in self.lexicon.by_key(key):
                scored = self._fit(entry, units, hard, i, j)
                if scored is not None:
                    yield j, entry.log_p + scored[0], scored[1]
                    if not typed_chars:
                        break  # letters only: every word of the key fits alike, the first is the most likely
            if final and j == n and not _ends_in_chinese(units, n):
                for entry in self.lexicon.by_partial(key):
                    scored = self._fit(entry, units, hard, i, j, partial=True)
                    if scored is not None:
                        begun = key[entry.starts[-1] :]  # what was typed of the last syllable
                        cost = LOG_PARTIAL_SYLLABLE if begun in self._syllables else LOG_PARTIAL
                        yield j, entry.log_p + cost + scored[0], scored[1]
                        break

    def _fit(self, entry: Entry, units, hard, i, j, partial: bool = False) -> tuple[float, Piece] | None:
        """How a lexicon word fits letters [i, j): its syllables must fall on every typed boundary, its characters
        match the typed ones (or be slips). Returns (log-probability adjustment, piece), or None."""
        starts = {i + offset for offset in entry.starts}
        if any(h not in starts for h in hard if i < h < j):
            return None
        matched = slipped = 0
        latin = False
        by_start = self._by_start
        for position, offset in enumerate(entry.starts):
            start = i + offset
            if start >= j:
                break
            unit = by_start.get(start)
            if unit is not None and unit.char is not None:
                if unit.end - unit.start != len(entry.syllables[position]):
                    return None
                if entry.word[position : position + 1] == unit.char:
                    matched += 1
                else:
                    slipped += 1
            else:
                latin = True
        if slipped and (matched == 0 or slipped > max(1, len(entry.syllables) // 3)):
            return None
        kind = "slip" if slipped else "pinyin" if latin or partial else "chinese"
        text = _typed_text(units, i, j)  # what was typed for the piece
        piece = Piece(entry.word, text, kind, [entry], partial, latin and bool(matched + slipped))
        adjust = slipped * LOG_SLIP + (LOG_SINGLE if latin and len(entry.syllables) == 1 else 0.0)
        return adjust, piece

    # -- units ---------------------------------------------------------------------------------------------

    def _units(self, span: str) -> list[_Unit]:
        chunks = [(m.group(), m.start()) for m in _CHUNK_RE.finditer(span)]
        readings = _readings(span)
        units: list[_Unit] = []
        at = 0
        for text, position in chunks:
            if _CJK_RE.fullmatch(text):
                syllable = readings.get(position, "")
                if not syllable:
                    return []
                units.append(_Unit(at, at + len(syllable), text, text, syllable))
                at += len(syllable)
            else:
                units.append(_Unit(at, at + len(text), None, text, text))
                at += len(text)
        return units


def _readings(span: str) -> dict[int, str]:
    """Toneless syllable of each Chinese character of the span, by position (pypinyin, read run by run)."""
    out: dict[int, str] = {}
    for run in re.finditer(f"[{_CJK}]+", span):
        for offset, syllable in enumerate(lazy_pinyin(run.group())):
            out[run.start() + offset] = syllable.replace("ü", "v")
    return out


def _following(units: list[_Unit], unit: _Unit) -> list[_Unit]:
    index = units.index(unit)
    return units[index:]


def _ends_in_chinese(units: list[_Unit], n: int) -> bool:
    return bool(units) and units[-1].char is not None


def _typed_text(units: list[_Unit], i: int, j: int) -> str:
    parts = []
    for unit in units:
        if unit.end <= i or unit.start >= j:
            continue
        parts.append(unit.char or unit.letters[max(i, unit.start) - unit.start : min(j, unit.end) - unit.start])
    return "".join(parts)
