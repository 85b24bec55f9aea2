"""Word segmentation: jieba for Chinese (with our glossary as a user dictionary), Latin words kept whole."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable, Mapping

import jieba

from search.analysis.normalize import has_chinese, normalize_text

_KEEP_RE = re.compile(r"[\w\u3400-\u9fff]", re.UNICODE)
_LATIN_RE = re.compile(r"^[0-9a-z][0-9a-z.+#'\-]*$")
# With inner punctuation: sm-g998. Possessive, and only from a run's start: linear in a long run of letters.
_LATIN_RUN_RE = re.compile(r"((?<![0-9a-z])[0-9a-z]++(?:[-+.#'/][0-9a-z]++)+)")

jieba.setLogLevel(logging.WARNING)


def is_latin(token: str) -> bool:
    return _LATIN_RE.match(token) is not None


class Segmenter:
    """jieba with extra dictionary words. Precise mode for queries, search mode (finer, overlapping) for the index."""

    def __init__(
        self,
        extra_words: Iterable[str] = (),
        stopwords: Iterable[str] = (),
        stored: tuple[Mapping[str, int], int] | None = None,
    ) -> None:
        """`stored`: jieba's frequencies with the extra words already added, and their total, as kept in a file
        (`search.analysis.dictionaries`), instead of loading jieba's dictionary whole and adding them."""
        self.stopwords = frozenset(stopwords)
        extra_words = sorted(set(extra_words))
        # Changes when the dictionary changes, so that stored segmentations are redone (see documents.py).
        self.version = hashlib.sha256("\n".join(extra_words).encode("utf-8")).hexdigest()[:16]
        self._jieba = jieba.Tokenizer()
        if stored is not None:
            self._jieba.FREQ, self._jieba.total = stored
            self._jieba.initialized = True
            return
        self._jieba.initialize()
        for word in extra_words:
            if has_chinese(word):
                # A high frequency keeps shopping compounds such as 蓝牙耳机 or 1段 whole.
                self._jieba.add_word(word, freq=max(self._jieba.suggest_freq(word), 20000))

    def query_tokens(self, text: str) -> list[str]:
        """Normalised query text → words (precise mode), punctuation and spaces dropped.

        Runs of single Chinese characters that jieba could not group (`投影幕布` → 投影幕 布, `内胆包` → 内 胆 包)
        are glued back together, so that translation can split them over its own dictionaries instead.
        """
        words: list[str] = []
        for run in _LATIN_RUN_RE.split(normalize_text(text)):
            if _LATIN_RUN_RE.fullmatch(run):
                words.append(run)  # jieba would split model numbers at the punctuation: sm-g998, 3.0
                continue
            last_end, last_single = -1, False
            for word, start, end in self._jieba.tokenize(run, HMM=True):
                single = len(word) == 1 and has_chinese(word) and word not in self.stopwords
                if single and last_single and start == last_end:
                    words[-1] += word
                else:
                    words.append(word)
                last_end, last_single = end, single
        return self._clean(words)

    @property
    def frequencies(self) -> Mapping[str, int]:
        """jieba's dictionary as this segmenter reads it: word (and word prefix, at 0) → count."""
        return self._jieba.FREQ

    def frequency(self, word: str) -> int:
        """How common a word is in jieba's dictionary (0 when unknown)."""
        return self._jieba.FREQ.get(word, 0) or 0

    @property
    def total(self) -> int:
        """The count every frequency is a share of (jieba's total)."""
        return self._jieba.total

    def index_terms(self, text: str) -> list[str]:
        """Chinese listing text → terms for the index (search mode: compounds and their parts)."""
        return self._clean(self._jieba.cut_for_search(normalize_text(text), HMM=True))

    @staticmethod
    def _clean(tokens: Iterable[str]) -> list[str]:
        return [t.strip() for t in tokens if _KEEP_RE.search(t)]
