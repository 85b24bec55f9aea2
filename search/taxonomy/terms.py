"""How taxonomy terms and the text they are matched against are normalised.

English: prepared like the index's English fields (accents and case folded), split into words, stopwords (but not
inside a hyphenated compound: `in-ear`), bare numbers (`iPhone 15 Case` is an iPhone
case) and the possessive `s` dropped, each word stemmed as tantivy's `en_stem`
does (`Headphones` = `headphone`), so that a seller's `Over-Ear Headphones`, a synonym `over ear headphone` and a
title's `over-ear headphones` meet. Chinese: `normalize_text` (Traditional → Simplified, full width → half width,
case folded).
"""

from __future__ import annotations

import re
from functools import lru_cache

import tantivy

from search.analysis.english import STOPWORDS, english_analyzer, prepare_english

# A word, or a hyphenated compound (`in-ear`, `t-shirt`): inside a compound, stopwords are kept (`in-ear` and
# `on-ear` must not both become `ear`).
_WORD_RE = re.compile(r"[0-9a-z]+(?:-[0-9a-z]+)*")


@lru_cache(maxsize=1)
def _analyzer() -> tantivy.TextAnalyzer:
    return english_analyzer()


# Words whose stem would make them another product word: `gaming` (a kind of laptop, mouse, chair) is no `game`.
_UNSTEMMED = frozenset({"gaming"})


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    if word in _UNSTEMMED:
        return word
    tokens = _analyzer().analyze(word)
    return tokens[0] if tokens else word


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
