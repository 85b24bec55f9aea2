"""Runtime synonyms, in Typesense's shape: `{"root": "蓝芽", "synonyms": ["bluetooth"]}` (one-way: the root also
searches as its synonyms; a Chinese root works as a glossary entry) or `{"synonyms": ["sneakers", "trainers"]}`
(multi-way: each searches as every other).

They act in query analysis (`search.analysis.query`), above the backends, so both backends apply them the same way;
the built-in glossary stays the base layer (a synonym adds renderings to a word, it never removes the glossary's).
Terms are compared after normalisation (Traditional → Simplified, full-width → half-width, lowercase), so a root
written `藍芽` matches `蓝芽` and the other way round. Kept in DATA_DIR/synonyms.json (`DocumentStore`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from search.analysis.normalize import has_chinese, normalize_text
from search.merchandising.documents import DocumentStore

FILE_NAME = "synonyms.json"
ID_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")
MAX_TERM_LENGTH = 64
MAX_SYNONYMS = 32
MAX_WORDS = 4  # words of a Latin synonym term ("running shoes")


@dataclass(frozen=True)
class Synonym:
    id: str
    synonyms: tuple[str, ...]
    root: str | None = None

    @classmethod
    def parse(cls, synonym_id: str, raw: Any) -> Synonym:
        """A synonym from its JSON form; ValueError naming the field for a bad one."""
        if not ID_RE.fullmatch(synonym_id):
            raise ValueError("id: 1–64 letters, digits, `_` or `-`")
        if not isinstance(raw, dict):
            raise ValueError("body: a JSON object with `synonyms` (and `root` for a one-way synonym)")
        unknown = sorted(set(raw) - {"id", "root", "synonyms"})
        if unknown:
            raise ValueError(f"{unknown[0]}: not a field of a synonym (root, synonyms)")
        if "id" in raw and raw["id"] != synonym_id:
            raise ValueError("id: differs from the id in the path")
        terms = raw.get("synonyms")
        if not isinstance(terms, list) or not terms or len(terms) > MAX_SYNONYMS:
            raise ValueError(f"synonyms: a list of 1–{MAX_SYNONYMS} terms")
        synonyms = tuple(dict.fromkeys(_term(t, f"synonyms[{i}]") for i, t in enumerate(terms)))
        root = raw.get("root")
        if root is not None and not (isinstance(root, str) and root.strip()):
            raise ValueError("root: a non-empty term, or leave it out for a multi-way synonym")
        root = _term(root, "root") if root is not None else None
        if root is None and len(synonyms) < 2:
            raise ValueError("synonyms: a multi-way synonym needs at least two terms (or give a `root`)")
        if root is not None and synonyms == (root,):
            raise ValueError("synonyms: the root's only synonym is the root itself")
        return cls(synonym_id, synonyms, root)

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"id": self.id, "synonyms": list(self.synonyms)}
        if self.root is not None:
            body["root"] = self.root
        return body

    def expansions(self) -> dict[str, tuple[str, ...]]:
        """Term → the terms it also searches as (for a one-way synonym, only its root has any)."""
        if self.root is not None:
            return {self.root: tuple(s for s in self.synonyms if s != self.root)}
        return {term: tuple(s for s in self.synonyms if s != term) for term in self.synonyms}


def _term(value: Any, field: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{field}: a string")
    term = " ".join(normalize_text(value).split())
    if not term or len(term) > MAX_TERM_LENGTH:
        raise ValueError(f"{field}: 1–{MAX_TERM_LENGTH} characters of text")
    if not has_chinese(term) and len(term.split()) > MAX_WORDS:
        raise ValueError(f"{field}: at most {MAX_WORDS} words")
    return term


@dataclass(frozen=True)
class Expansion:
    synonym_id: str
    terms: tuple[str, ...]  # what the term also searches as
    one_way: bool  # the term is a root: its synonyms say what it means, first


@dataclass(frozen=True)
class SynonymIndex:
    """What query analysis consults: term → its expansions, one per synonym entry naming it."""

    expansions: dict[str, tuple[Expansion, ...]]

    @classmethod
    def of(cls, synonyms: dict[str, Synonym]) -> SynonymIndex:
        found: dict[str, list[Expansion]] = {}
        for synonym_id in sorted(synonyms):
            synonym = synonyms[synonym_id]
            for term, others in synonym.expansions().items():
                if others:
                    found.setdefault(term, []).append(Expansion(synonym_id, others, synonym.root is not None))
        return cls({term: tuple(entries) for term, entries in found.items()})

    def __bool__(self) -> bool:
        return bool(self.expansions)

    def get(self, term: str) -> tuple[Expansion, ...]:
        return self.expansions.get(term, ())

    @cached_property
    def chinese_terms(self) -> re.Pattern[str] | None:
        """Terms holding Chinese characters, longest first: kept whole when the query is segmented."""
        terms = sorted((t for t in self.expansions if has_chinese(t)), key=lambda t: (-len(t), t))
        return re.compile("|".join(re.escape(t) for t in terms)) if terms else None

    @cached_property
    def latin_phrases(self) -> frozenset[str]:
        """Latin terms of several words: joined from the query's words when they follow each other."""
        return frozenset(t for t in self.expansions if not has_chinese(t) and " " in t)


EMPTY = SynonymIndex({})


class SynonymStore:
    """The synonyms of a data directory; `index()` is what the next search uses (reloaded when the file changed)."""

    def __init__(self, data_dir: Path) -> None:
        self.documents: DocumentStore[Synonym] = DocumentStore(
            Path(data_dir) / FILE_NAME, Synonym.parse, Synonym.to_json
        )
        self._index: tuple[int, SynonymIndex] = (-1, EMPTY)

    def index(self) -> SynonymIndex:
        items = self.documents.items()
        version = self.documents.version
        if self._index[0] != version:
            self._index = (version, SynonymIndex.of(items))
        return self._index[1]

    @property
    def version(self) -> int:
        self.documents.items()
        return self.documents.version


def read_tsv(lines: list[str], source: str = "<tsv>") -> dict[str, Synonym]:
    """`id<TAB>root<TAB>synonym<TAB>synonym...` a line (root empty for a multi-way synonym), `#` comments;
    ValueError naming the line for a bad one."""
    found: dict[str, Synonym] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in line.rstrip("\r\n").split("\t")]
        if len(cols) < 3:
            raise ValueError(f"{source}:{number}: expected id<TAB>root<TAB>synonym[<TAB>synonym...], got {line!r}")
        synonym_id, root, terms = cols[0], cols[1], [c for c in cols[2:] if c]
        raw: dict[str, Any] = {"synonyms": terms}
        if root:
            raw["root"] = root
        try:
            synonym = Synonym.parse(synonym_id, raw)
        except ValueError as exc:
            raise ValueError(f"{source}:{number}: {exc}") from None
        if synonym_id in found:
            raise ValueError(f"{source}:{number}: id {synonym_id!r} repeated")
        found[synonym_id] = synonym
    return found


def write_tsv(synonyms: dict[str, Synonym]) -> str:
    lines = ["# id\troot (empty: multi-way)\tsynonyms, one a column"]
    for synonym_id in sorted(synonyms):
        synonym = synonyms[synonym_id]
        lines.append("\t".join([synonym_id, synonym.root or "", *synonym.synonyms]))
    return "\n".join(lines) + "\n"
