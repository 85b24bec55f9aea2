"""The lookup keys of a suggestion and of what the shopper typed: compact text, full pinyin, pinyin initials.

Both sides go through `text_key`: the query analysis's normalisation (NFKC, Traditional → Simplified, case
folding), accents folded, and everything but letters, digits and Chinese characters dropped — spaces too, so that
`lan ya` = `lanya`, `wh1000` = `WH-1000` and `levis` = `Levi's`.
"""

from __future__ import annotations

import re
from enum import IntEnum

from search.analysis.normalize import fold_accents, normalize_text
from search.analysis.pinyin import lazy_pinyin

_CJK_RUN_RE = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)")
_NOT_IN_KEY_RE = re.compile(r"[\W_]+")  # everything but letters, digits and Chinese characters
_ASCII_NOT_IN_KEY = str.maketrans("", "", "".join(chr(c) for c in range(128) if not chr(c).isalnum()))
MAX_INITIALS_CHARS = 8  # initials only for short Chinese texts (terms, brands): `lyej`, not a whole title's


class Match(IntEnum):
    """How a key was derived from its suggestion; the lower, the better the match ranks."""

    TEXT = 0  # the suggestion's own text (Chinese or English)
    PINYIN = 1  # its full pinyin: 蓝牙耳机 → lanyaerji
    INITIALS = 2  # its pinyin initials: 蓝牙耳机 → lyej


def text_key(text: str) -> str:
    """`藍牙 耳機` → `蓝牙耳机`, `Sony WH-1000XM5` → `sonywh1000xm5`, `Estée` → `estee`."""
    if text.isascii():  # the same, faster: most catalog text
        return text.lower().translate(_ASCII_NOT_IN_KEY)
    return _NOT_IN_KEY_RE.sub("", fold_accents(normalize_text(text)))


def is_cjk(ch: str) -> bool:
    return _CJK_RUN_RE.fullmatch(ch) is not None


def pinyin_keys(text: str) -> list[tuple[str, Match]]:
    """The full-pinyin key of a text with Chinese in it, and its initials key when the text is short.

    Latin runs stay as they are in both (`u盘` → `upan`, `up`; `索尼 wh` → `suoniwh`, `snwh`).
    """
    normalized = normalize_text(text)
    runs = _CJK_RUN_RE.split(normalized)  # odd positions are Chinese runs
    if len(runs) == 1:
        return []
    full, initials, chinese_chars = [], [], 0
    for position, run in enumerate(runs):
        if position % 2 == 0:
            full.append(run)
            initials.append(run)
            continue
        syllables = [s.replace("ü", "v") for s in lazy_pinyin(run)]
        full += syllables
        initials += [s[:1] for s in syllables]
        chinese_chars += len(run)
    keys = [(text_key("".join(full)), Match.PINYIN)]
    if chinese_chars <= MAX_INITIALS_CHARS:
        keys.append((text_key("".join(initials)), Match.INITIALS))
    return keys
