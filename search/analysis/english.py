"""English text as both sides see it before the stemming analyzer: accents folded, glued model names split."""

from __future__ import annotations

import re

import tantivy

from search.analysis.normalize import fold_accents, normalize_text

# `iphone15` → `iphone 15`, `rtx2060` → `rtx 2060`; `galaxys24` stays (letters after the digits), so do units
# such as `500ml`.
_GLUED_MODEL_RE = re.compile(r"\b([a-z]{2,})(\d{1,4})\b")
_WORD_RE = re.compile(r"[0-9a-z]+(?:['’][a-z]+)?")

STOPWORDS = frozenset(
    "a an and are as at be by for from in into is it of on or the their this to with without your".split()
)


def prepare_english(text: str) -> str:
    """Normalise English text the same way for the index and for queries."""
    return _GLUED_MODEL_RE.sub(r"\1 \2", fold_accents(normalize_text(text)))


def english_words(text: str) -> list[str]:
    """The words of prepared English text, without stopwords (used for glosses and the vector rendering)."""
    return [w for w in _WORD_RE.findall(prepare_english(text)) if w not in STOPWORDS]


def brand_key(name: str) -> str:
    """How brands are compared: `The North Face` = `north face`, `Estée Lauder` = `estee lauder`."""
    return " ".join(english_words(name))


def english_analyzer() -> tantivy.TextAnalyzer:
    """The token pipeline of tantivy's built-in `en_stem` tokenizer (the embedded index's English fields), to turn
    words into index terms: for query terms, catalog frequencies and highlighting."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )
