"""Property-based tests of query analysis: any Unicode string is analysed without an error, into clean parts.

Examples are bounded by the hypothesis profile (`ci` in `make test`, `fuzz` in `make fuzz`, see tests/conftest.py).
"""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from search.analysis.normalize import normalize_text

pytestmark = pytest.mark.fuzz

# Characters a shopper's input method, a copy-paste or an attacker may produce.
CONTROL = st.characters(categories=["Cc", "Cf", "Zl", "Zp", "Zs"])  # NUL, \x1b, bidi and zero-width marks, spaces
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
EMOJI = st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF)
RTL = st.characters(min_codepoint=0x0590, max_codepoint=0x06FF)  # Hebrew, Arabic
PINYINISH = st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789 -+.#'/")
SYNTAX = st.sampled_from([*"\"'\\*?:()[]{}^~!&|<>=/", "AND", "OR", "NOT", " ", "元", "以下", "$"])
PIECES = st.one_of(st.characters(), CONTROL, CJK, EMOJI, RTL, PINYINISH, SYNTAX)


def mixed(min_size: int = 0, max_size: int = 200) -> st.SearchStrategy[str]:
    """Strings of mixed scripts, control characters and query syntax, at most `max_size` pieces."""
    return st.lists(PIECES, min_size=min_size, max_size=max_size).map("".join)


QUERIES = st.one_of(
    st.text(max_size=200),  # any Unicode, surrogates excluded (they cannot be encoded in a request either)
    mixed(max_size=200),
    st.text(CJK, min_size=1, max_size=60),
    st.text(PINYINISH, min_size=1, max_size=60),
)
LONG = mixed(min_size=2_000, max_size=10_000)

BANNED_IN_OUTPUT = ("Cc", "Cf", "Cs", "Co", "Zl", "Zp")


def _clean(text: str) -> bool:
    return all(unicodedata.category(ch) not in BANNED_IN_OUTPUT for ch in text)


def _check(analysis, query: str) -> None:
    analyzed = analysis.query_analyzer.analyze(query, lambda word: None)
    assert analyzed.raw == query
    assert _clean(analyzed.normalized), ascii(analyzed.normalized)
    assert analyzed.normalized == analyzed.normalized.strip()
    assert all(token and _clean(token) and not any(ch.isspace() for ch in token) for token in analyzed.tokens)
    assert _clean(analyzed.english), ascii(analyzed.english)
    for concept in analyzed.concepts:
        assert all(alt.text and _clean(alt.text) for alt in concept.alternatives)
    json.dumps(analyzed.explain(), ensure_ascii=False)  # the explain trace is always serialisable
    if analyzed.price is not None:
        for amount in (analyzed.price.min_amount, analyzed.price.max_amount):
            assert amount is None or 0 <= amount < float("inf")


@given(QUERIES)
@example("\x00\x1b[31m蓝牙耳机\u202e\u200b")
@example("\u202eنيكي\u202c 跑鞋 👟👟")
@example("title:x OR 1")
@example("*")
@example('{"query_string": {"query": "*"}}')
@example("500元以下" * 40)
@example("0元以下")
@example("99999999999999999999999999元以上")
@example("9" * 320 + "元以下")
def test_any_query_is_analysed(analysis, query):
    _check(analysis, query)


@settings(max_examples=max(3, settings().max_examples // 20))  # a 10k-character query takes about a second
@given(LONG)
@example("蓝" * 10_000)
@example("a" * 10_000)
@example("lanya " * 1_600)
@example("😀" * 10_000)
def test_long_queries_are_analysed(analysis, query):
    _check(analysis, query)


@given(mixed(max_size=300))
def test_normalisation_is_idempotent(text):
    once = normalize_text(text)
    assert normalize_text(once) == once
