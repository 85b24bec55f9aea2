"""How taxonomy terms and the text they are matched against are normalised.

English: prepared like the index's English fields (accents and case folded), split into words, stopwords (but not
inside a hyphenated compound: `in-ear`), bare numbers (`iPhone 15 Case` is an iPhone case) and the possessive `s`
dropped, each word stemmed as the index's English terms are (`search.analysis.english`: Snowball English,
`Headphones` = `headphon`), so that a seller's `Over-Ear Headphones`, a synonym `over ear headphone` and a title's
`over-ear headphones` meet. Chinese: `normalize_text` (Traditional → Simplified, full width → half width,
case folded).
"""

from __future__ import annotations

import re
from functools import lru_cache

from search.analysis.english import MAX_TERM_BYTES, STOPWORDS, prepare_english
from search.analysis.english import stem as english_stem

# A word, or a hyphenated compound (`in-ear`, `t-shirt`): inside a compound, stopwords are kept (`in-ear` and
# `on-ear` must not both become `ear`).
_WORD_RE = re.compile(r"[0-9a-z]+(?:-[0-9a-z]+)*")


# Words whose stem would make them another product word: `gaming` (a kind of laptop, mouse, chair) is no `game`.
_UNSTEMMED = frozenset({"gaming"})


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    if word in _UNSTEMMED or len(word.encode("utf-8")) >= MAX_TERM_BYTES:
        return word
    return english_stem(word)


def english_tokens(text: str) -> list[str]:
    """`Over-Ear & On-Ear Headphones` → `['over', 'ear', 'on', 'ear', 'headphon']`."""
    out: list[str] = []
    for word in _WORD_RE.findall(prepare_english(text)):
        if "-" in word:
            out += [stem(part) for part in word.split("-") if part != "s" and not part.isdigit()]
        elif word != "s" and word not in STOPWORDS and not word.isdigit():
            out.append(stem(word))
    return out


def english_key(text: str) -> str:
    return " ".join(english_tokens(text))
