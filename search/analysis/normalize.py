"""Character-level normalisation: NFKC (full width → half width), case folding, Traditional → Simplified."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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
    return _SPACE_RE.sub(" ", text).strip()


def fold_accents(text: str) -> str:
    """`estée` → `estee`: English listings and shoppers disagree on diacritics, so both sides drop them."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))
