"""The bilingual product taxonomy: nodes with English and Chinese names, Traditional forms and shopper synonyms.

The data is `data/taxonomy.tsv` (see `data/README.md` for its sources, licences and columns): one node a line,
`id<TAB>parent<TAB>en<TAB>zh<TAB>zh_hant<TAB>en_synonyms<TAB>zh_synonyms<TAB>google_id<TAB>source`, synonyms
separated by `|`, `#` comments. `Taxonomy.load()` reads it once; `check()` lists what is wrong with it (the CI
test runs it).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from search.analysis.normalize import has_chinese, normalize_text
from search.taxonomy.terms import english_key

TAXONOMY_PATH = Path(__file__).parent / "data" / "taxonomy.tsv"
COLUMNS = ("id", "parent", "en", "zh", "zh_hant", "en_synonyms", "zh_synonyms", "google_id", "source")
PATH_SEPARATOR = " > "


class TaxonomyError(ValueError):
    """The taxonomy file cannot be read (a malformed line, a duplicate id)."""


@dataclass(frozen=True)
class Node:
    id: str
    parent: str | None
    en: str
    zh: str
    zh_hant: str
    en_synonyms: tuple[str, ...] = ()
    zh_synonyms: tuple[str, ...] = ()
    google_id: str | None = None
    source: str = ""

    def zh_terms(self) -> list[str]:
        """The Chinese words that name this node: its name and its synonyms, normalised."""
        return list(dict.fromkeys(normalize_text(t) for t in (self.zh, *self.zh_synonyms) if t.strip()))

    def en_terms(self) -> list[str]:
        return list(dict.fromkeys(t for t in (self.en, *self.en_synonyms) if t.strip()))


@dataclass
class Taxonomy:
    nodes: dict[str, Node]
    children: dict[str | None, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.children:
            for node in self.nodes.values():
                self.children.setdefault(node.parent, []).append(node.id)

    @classmethod
    def load(cls, path: Path = TAXONOMY_PATH) -> Taxonomy:
        return cls.parse(path.read_text(encoding="utf-8").splitlines(), source=str(path))

    @classmethod
    def parse(cls, lines: Iterable[str], source: str = "<taxonomy>") -> Taxonomy:
        nodes: dict[str, Node] = {}
        for number, line in enumerate(lines, start=1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) != len(COLUMNS):
                raise TaxonomyError(
                    f"{source}:{number}: expected {len(COLUMNS)} tab-separated columns, got {len(cols)}"
                )
            node_id, parent, en, zh, zh_hant, en_syn, zh_syn, google_id, origin = (c.strip() for c in cols)
            if not node_id:
                raise TaxonomyError(f"{source}:{number}: empty id")
            if node_id in nodes:
                raise TaxonomyError(f"{source}:{number}: duplicate id {node_id!r}")
            nodes[node_id] = Node(
                node_id,
                parent or None,
                en,
                zh,
                zh_hant,
                _synonyms(en_syn),
                _synonyms(zh_syn),
                google_id or None,
                origin,
            )
        return cls(nodes)

    def __len__(self) -> int:
        return len(self.nodes)

    def __contains__(self, node_id: object) -> bool:
        return node_id in self.nodes

    def __iter__(self) -> Iterator[Node]:
        return iter(self.nodes.values())

    def get(self, node_id: str) -> Node | None:
        return self.nodes.get(node_id)

    def roots(self) -> list[Node]:
        return [self.nodes[i] for i in self.children.get(None, [])]

    def lineage(self, node_id: str) -> list[Node]:
        """The node and its ancestors, root first."""
        out: list[Node] = []
        seen: set[str] = set()
        current = self.nodes.get(node_id)
        while current is not None and current.id not in seen:
            out.append(current)
            seen.add(current.id)
            current = self.nodes.get(current.parent) if current.parent else None
        return out[::-1]

    def path_ids(self, node_id: str) -> list[str]:
        return [n.id for n in self.lineage(node_id)]

    def path_en(self, node_id: str) -> str:
        return PATH_SEPARATOR.join(n.en for n in self.lineage(node_id))

    def path_zh(self, node_id: str) -> str:
        return PATH_SEPARATOR.join(n.zh for n in self.lineage(node_id))

    def is_within(self, node_id: str, ancestor_id: str) -> bool:
        """`node_id` is `ancestor_id` or below it."""
        return ancestor_id in self.path_ids(node_id)

    def highest(self, nodes: Sequence[str]) -> tuple[str, ...]:
        """Those of `nodes` (duplicates dropped) that no other one of them is above, in their order."""
        unique = tuple(dict.fromkeys(nodes))
        return tuple(n for n in unique if not any(o != n and self.is_within(n, o) for o in unique))

    def depth(self, node_id: str) -> int:
        return len(self.lineage(node_id)) - 1

    def common_ancestor(self, node_ids: list[str]) -> str | None:
        """The deepest node that is every one of these nodes or an ancestor of it (None: no common root)."""
        paths = [self.path_ids(node_id) for node_id in node_ids]
        common = None
        for level in zip(*paths, strict=False):
            if len(set(level)) != 1:
                break
            common = level[0]
        return common

    def descendants(self, node_id: str) -> list[str]:
        out, stack = [], list(self.children.get(node_id, []))
        while stack:
            current = stack.pop()
            out.append(current)
            stack.extend(self.children.get(current, []))
        return out

    @cached_property
    def by_google_id(self) -> dict[str, str]:
        return {n.google_id: n.id for n in self if n.google_id}

    def check(self) -> list[str]:
        """Everything wrong with the data, one message each (empty when it is sound)."""
        from search.taxonomy.checks import problems  # the checks need OpenCC; loading the tree does not

        return problems(self)


def _synonyms(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s.strip() for s in text.split("|") if s.strip())) if text else ()


def term_keys(node: Node) -> list[str]:
    """Every normalised term naming a node, Chinese and English (the keys of the term index and of the
    ambiguity check)."""
    keys = list(node.zh_terms())
    keys += [english_key(t) for t in node.en_terms() if english_key(t) and not has_chinese(t)]
    return list(dict.fromkeys(k for k in keys if k))


@lru_cache(maxsize=1)
def default_taxonomy() -> Taxonomy:
    return Taxonomy.load()
