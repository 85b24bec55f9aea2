"""Character-level normalisation: NFKC (full width → half width), case folding, Traditional → Simplified, and
Taiwan / Hong Kong product words → their mainland forms (OpenCC's phrase tables, then data/regional.tsv)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import opencc

_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SPACE_RE = re.compile(r"\s+")
# What `_drop_invisible` does to ASCII: control characters become spaces, the two ASCII symbols `^` and `\`` go.
_ASCII_INVISIBLE = str.maketrans({**{chr(c): " " for c in (*range(32), 127)}, "^": None, "`": None})


@lru_cache(maxsize=1)
def _converters() -> tuple[opencc.OpenCC, opencc.OpenCC]:
    # tw2sp converts Taiwan vocabulary as well as characters (隨身碟 → U盘, 滑鼠 → 鼠标); hk2s then catches the
    # Hong Kong variant characters tw2sp leaves (衞生紙 → 卫生纸). Simplified text passes both unchanged.
    return opencc.OpenCC("tw2sp"), opencc.OpenCC("hk2s")


REGIONAL_PATH = Path(__file__).parent / "data" / "regional.tsv"


@dataclass(frozen=True)
class RegionalWord:
    local: str  # as written in the region, in its characters: 藍芽
    mainland: str  # 蓝牙
    region: str  # "tw" or "hk"


@lru_cache(maxsize=1)
def regional_words() -> tuple[RegionalWord, ...]:
    """The rows of data/regional.tsv."""
    rows = []
    for number, line in enumerate(REGIONAL_PATH.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 3 or cols[2] not in ("tw", "hk") or not cols[0] or not cols[1]:
            raise ValueError(f"{REGIONAL_PATH}:{number}: expected local<TAB>mainland<TAB>tw|hk, got {line!r}")
        rows.append(RegionalWord(*cols))
    return tuple(rows)


def regional_table(region: str = "tw") -> dict[str, str]:
    """Mainland word → the region's word (the first line for it), e.g. 蓝牙 → 藍芽."""
    table: dict[str, str] = {}
    for row in regional_words():
        if row.region == region:
            table.setdefault(row.mainland, row.local)
    return table


@lru_cache(maxsize=1)
def _regional() -> tuple[re.Pattern[str], dict[str, str]]:
    """Each regional word as normalised text reaches it (after OpenCC, or typed in Simplified) → its mainland form."""
    taiwan, hong_kong = _converters()
    simplified = opencc.OpenCC("t2s")
    mapping: dict[str, str] = {}
    for row in regional_words():
        mainland = row.mainland.casefold()
        for key in (hong_kong.convert(taiwan.convert(row.local)), simplified.convert(row.local)):
            key = key.casefold()
            if key != mainland:
                mapping.setdefault(key, mainland)
    keys = sorted(mapping, key=lambda k: (-len(k), k))  # longest first: 藍芽耳機 before 藍芽
    return re.compile("|".join(map(re.escape, keys))), mapping


def to_mainland(text: str) -> str:
    """Regional product words of Simplified, case-folded text → their mainland forms (蓝芽耳机 → 蓝牙耳机)."""
    pattern, mapping = _regional()
    return pattern.sub(lambda match: mapping[match.group()], text)


def has_chinese(text: str) -> bool:
    return _CJK_RE.search(text) is not None


def _drop_invisible(text: str) -> str:
    # Control and format characters (zero-width, bidi marks) and symbols such as emoji carry no search meaning.
    return "".join(
        " " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch
        for ch in text
        if unicodedata.category(ch) not in ("Cf", "Co", "Cs", "So", "Sk")
    )


def normalize_text(text: str) -> str:
    """NFKC, symbols and invisible characters removed, case folded, Traditional → Simplified, spaces collapsed."""
    if text.isascii():  # the same result, without the per-character work (English titles at indexing)
        return _SPACE_RE.sub(" ", text.translate(_ASCII_INVISIBLE).lower()).strip()
    text = unicodedata.normalize("NFKC", text)
    text = _drop_invisible(text)
    if has_chinese(text):
        taiwan, hong_kong = _converters()
        text = hong_kong.convert(taiwan.convert(text))
    text = text.casefold()
    if not unicodedata.is_normalized("NFKC", text):  # a dropped mark between combining marks, or case folding
        text = unicodedata.normalize("NFKC", text)  # undid NFKC's order: restored, so normalising again changes nothing
    if has_chinese(text):
        text = to_mainland(text)
    return _SPACE_RE.sub(" ", text).strip()


def fold_accents(text: str) -> str:
    """`estée` → `estee`: English listings and shoppers disagree on diacritics, so both sides drop them."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))
