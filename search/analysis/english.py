"""English text as every index and every query sees it: prepared (accents folded, glued model names split), then
analysed into terms — split on anything not a letter or digit, lowercased, words of 40 bytes or more dropped, and
stemmed with Snowball's English stemmer (Porter2). Beside them, the forms a word-delimiter filter makes of model
numbers and hyphenated words (`model_terms`: `sm-g998` → sm g 998 smg smg998), so that `SMG998` matches `SM-G998`.

This is the analysis both backends configure for their English fields (tantivy's built-in `en_stem` tokenizer; the
`haitao_english` analyzer of the OpenSearch mapping), so terms computed here match what either index stores: query
terms, catalog frequencies and highlighting all use `english_terms`. The contract suite checks each backend against it.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

import Stemmer

from search.analysis.normalize import fold_accents, normalize_text

# `iphone15` → `iphone 15`, `rtx2060` → `rtx 2060`; `galaxys24` stays (letters after the digits), so do units
# such as `500ml`.
_GLUED_MODEL_RE = re.compile(r"\b([a-z]{2,})(\d{1,4})\b")
_WORD_RE = re.compile(r"[0-9a-z]+(?:['’][a-z]+)?")
_TOKEN_RE = re.compile(r"[^\W_]+")  # a run of letters and digits: tantivy's `simple` tokenizer
MAX_TERM_BYTES = 40  # longer tokens are dropped, as tantivy's `remove_long(40)` does

STOPWORDS = frozenset(
    "a an and are as at be by for from in into is it of on or the their this to with without your".split()
)

_local = threading.local()  # a Stemmer object is not safe to share between threads


def prepare_english(text: str) -> str:
    """Normalise English text the same way for the index and for queries."""
    return _GLUED_MODEL_RE.sub(r"\1 \2", fold_accents(normalize_text(text)))


# A word of letters and digits, possibly hyphenated: rtx2060, sm-g998b, wh-1000xm5, wi-fi, usb-c, 500ml.
_DELIMITED_RE = re.compile(r"(?<![0-9a-z])[0-9a-z]+(?:-[0-9a-z]+)*(?![0-9a-z])")
_PART_RE = re.compile(r"[a-z]+|[0-9]+")


def delimited_forms(word: str) -> list[str]:
    """What a word-delimiter filter makes of one word (as Lucene's with catenation): its parts, split at hyphens
    and between letters and digits, then the parts' catenations — runs of letter parts, runs of digit parts, and
    all of them — so that the word matches however a listing or a shopper spaces or glues it:
    `sm-g998b` → sm g 998 b smg smg998b; `rtx2060` → rtx 2060 rtx2060; `wi-fi` → wi fi wifi. A plain word stays."""
    parts = _PART_RE.findall(word)
    if len(parts) < 2:
        return [word]
    forms = list(parts)
    run: list[str] = []
    for part in [*parts, ""]:
        if run and (not part or part[0].isdigit() != run[-1][0].isdigit()):
            if len(run) > 1:
                forms.append("".join(run))
            run = []
        if part:
            run.append(part)
    forms.append("".join(parts))
    return list(dict.fromkeys(forms))


def english_words(text: str) -> list[str]:
    """The words of prepared English text, without stopwords (used for glosses and the vector rendering)."""
    return [w for w in _WORD_RE.findall(prepare_english(text)) if w not in STOPWORDS]


def brand_key(name: str) -> str:
    """How brands are compared: `The North Face` = `north face`, `Estée Lauder` = `estee lauder`."""
    return " ".join(english_words(name))


def _stemmer() -> Stemmer.Stemmer:
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("english")
    return stemmer


@lru_cache(maxsize=100_000)
def stem(token: str) -> str:
    """One lowercased token → its index term."""
    return _stemmer().stemWord(token)


def tokens(text: str) -> list[str]:
    """Already prepared text → its tokens before stemming (lowercased, long ones dropped)."""
    return [t for t in _TOKEN_RE.findall(text.lower()) if len(t.encode("utf-8")) < MAX_TERM_BYTES]


def english_terms(text: str) -> list[str]:
    """English text → the terms an English index field holds for it, in order (repeats kept)."""
    return [stem(token) for token in tokens(prepare_english(text))]


def model_terms(text: str) -> list[str]:
    """The word-delimiter forms (`delimited_forms`) of the model numbers and hyphenated words of a text, as terms:
    `Samsung SM-G998B` → sm g 998 b smg smg998b. Listings index them beside their title (the `models` field) and
    queries search them beside their terms, so that a model number matches however it is spaced or glued."""
    out: list[str] = []
    for match in _DELIMITED_RE.finditer(prepare_english(text)):
        word = match.group()
        if "-" in word or not (word.isalpha() or word.isdigit()):
            out += [stem(form) for form in delimited_forms(word) if len(form.encode("utf-8")) < MAX_TERM_BYTES]
    return list(dict.fromkeys(out))
