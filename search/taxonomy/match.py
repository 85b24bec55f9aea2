"""Finding taxonomy terms in text: a seller's category level, a title, a query.

`TermIndex` maps every node term (name or synonym; English as stemmed words, Chinese normalised) to its node.
A term shared by a node and its ancestor (allowed by the checks) points at the deepest of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from search.analysis.normalize import has_chinese, normalize_text
from search.taxonomy.terms import english_tokens
from search.taxonomy.tree import Node, Taxonomy, term_keys

MAX_ZH_TERM = 12
RUN_GAP = 1  # words allowed between two matches of one phrase (`K-Cup Pod Coffee Maker`)
# Where a node's name coordinates several types (`Laptop Bags & Sleeves`, `充电器/电源适配器`), each part is one.
_COORDINATED_EN = re.compile(r"\s*(?:&|,|/|\band\b)\s*")
_COORDINATED_ZH = re.compile(r"[/、和]")


@dataclass(frozen=True)
class TermMatch:
    node: str
    term: str  # the term as the index keys it (stemmed English words, or normalised Chinese)
    start: int  # position in the text: word index (English) or character index (Chinese)
    end: int  # exclusive

    @property
    def size(self) -> int:
        return self.end - self.start


class TermIndex:
    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self._en: dict[tuple[str, ...], str] = {}
        self._zh: dict[str, str] = {}
        self._zh_names: dict[str, list[str]] = {}  # each node's Chinese names, normalised
        for node in taxonomy:
            for key in term_keys(node):
                if has_chinese(key):
                    self._zh[key] = self._deepest(self._zh.get(key), node.id)
                    self._zh_names.setdefault(node.id, []).append(key)
                else:
                    words = tuple(key.split())
                    self._en[words] = self._deepest(self._en.get(words), node.id)
        self._longest_en = max((len(k) for k in self._en), default=1)
        self._accessories: dict[tuple[str, str], tuple[str, ...]] = {}  # by (node, term), see `accessories`
        self._families: dict[tuple[str, str], tuple[str, ...]] = {}  # by (node, term), see `family`
        self._by_last: dict[str, list[tuple[tuple[str, ...], str]]] = {}  # multi-word English terms by head word
        for words, node_id in self._en.items():
            if len(words) > 1:
                self._by_last.setdefault(words[-1], []).append((words, node_id))

    def _deepest(self, current: str | None, candidate: str) -> str:
        if current is None:
            return candidate
        return candidate if self.taxonomy.is_within(candidate, current) else current

    def exact(self, text: str) -> str | None:
        """The node a text names exactly (`Over-Ear Headphones`, `耳机`), or None."""
        if has_chinese(text):
            return self._zh.get(normalize_text(text).replace(" ", ""))
        return self._en.get(tuple(english_tokens(text)))

    def find(self, text: str) -> list[TermMatch]:
        """Every term occurring in the text (English: as consecutive stemmed words; Chinese: as a substring)."""
        out = self._find_english(english_tokens(text))
        if has_chinese(text):
            out += self._find_chinese(normalize_text(text).replace(" ", ""))
        return out

    def find_tokens(self, tokens: list[str]) -> list[TermMatch]:
        return self._find_english(tokens)

    def _find_english(self, tokens: list[str]) -> list[TermMatch]:
        out = []
        for start in range(len(tokens)):
            for end in range(start + 1, min(len(tokens), start + self._longest_en) + 1):
                node = self._en.get(tuple(tokens[start:end]))
                if node is not None:
                    out.append(TermMatch(node, " ".join(tokens[start:end]), start, end))
        return out

    def _find_chinese(self, text: str) -> list[TermMatch]:
        out = []
        for start in range(len(text)):
            for end in range(start + 2, min(len(text), start + MAX_ZH_TERM) + 1):
                node = self._zh.get(text[start:end])
                if node is not None:
                    out.append(TermMatch(node, text[start:end], start, end))
        return out

    def qualified(self, head: TermMatch, tokens: list[str]) -> TermMatch | None:
        """A node below the head's whose English term ends with the head's last word and whose other words are
        all among the tokens, not necessarily next to it: `ASUS TUF Gaming FA506 notebook` names a gaming
        notebook, `security camera Sensor camera` a security camera. The longest such term, then the deepest
        node; None when there is none."""
        if has_chinese(head.term):
            return None
        present = set(tokens)
        best: tuple[int, int, str, tuple[str, ...]] | None = None
        for words, node in self._by_last.get(head.term.split()[-1], ()):
            if node == head.node or not set(words) <= present or not self.taxonomy.is_within(node, head.node):
                continue
            rank = (len(words), self.taxonomy.depth(node), node, words)
            best = rank if best is None or rank[:2] > best[:2] else best
        if best is None:
            return None
        return TermMatch(best[2], " ".join(best[3]), head.start, head.end)

    def accessories(self, node: str, term: str) -> tuple[str, ...]:
        """The types named *for* this one: nodes outside `node`'s lineage one of whose names holds `term` (a key of
        this index, as `TermMatch.term` gives it) before its head, while no name of theirs or of their ancestors
        below the root (a vertical, `Cameras & Optics`, says no type) ends with it — `laptop` → `Laptop Bags &
        Sleeves`, `Laptop Batteries`; `耳机` → `耳机配件`, `耳机便携包`; never `Gaming Laptops` (a laptop), `游戏耳麦`
        (below `耳麦`, also called `游戏耳机`) nor a node `node` is within. Their products merely mention the type: a
        sleeve for a laptop. Derived from the taxonomy alone."""
        key = (node, term)
        found = self._accessories.get(key)
        if found is None:
            found = self._accessories[key] = tuple(sorted(self._named_for(node, term)))
        return found

    def _named_for(self, node: str, term: str) -> Iterator[str]:
        chinese = has_chinese(term)
        if chinese and len(term) < 2:  # as `find` never gives one
            return
        # A cheap look first: a Chinese term is in the normalised names; an English one's first stem begins a word
        # of the names as written (stemming changes only a word's end).
        first = term.split()[0]
        probe = first[: max(1, min(4, len(first) - 1))]
        for other in self.taxonomy:
            if not self._mentions(other, term if chinese else probe, chinese):
                continue
            if not self._places(other, term, chinese)[0]:
                continue
            if self.taxonomy.is_within(other.id, node) or self.taxonomy.is_within(node, other.id):
                continue
            lineage = self.taxonomy.lineage(other.id)[1:]  # the root, a vertical, says no type
            if not any(self._places(up, term, chinese)[1] for up in lineage):
                yield other.id

    def family(self, node: str, term: str) -> tuple[str, ...]:
        """What a type word names: `node` (the one the index keys the term to) and every other node of its vertical
        one of whose names *ends* with the term (`_ends_with`), so that the term is its head — `适配器` names
        Adapters, and also `充电器/电源适配器` (Power Adapters & Chargers) and `旅行转换器/适配器` (Travel Adapters);
        `backpack` names Backpacks and Laptop Bags & Sleeves (`laptop backpack`). Another vertical's sense is left
        out (`sunscreen` is not pet sunscreen). Of nested ones the highest stands for its branch; a root or an
        ancestor of `node` is never one: the index's term points at the deepest node that holds it. `node` first,
        then the others in id order. Derived from the taxonomy alone."""
        key = (node, term)
        found = self._families.get(key)
        if found is None:
            found = self._families[key] = self._family(node, term)
        return found

    def _family(self, node: str, term: str) -> tuple[str, ...]:
        chinese = has_chinese(term)
        first = term.split()[0]
        probe = term if chinese else first[: max(1, min(4, len(first) - 1))]
        vertical = self.taxonomy.path_ids(node)[0]
        named = [node]
        for other in self.taxonomy:
            if other.id == node or other.parent is None or self.taxonomy.is_within(node, other.id):
                continue
            if not self.taxonomy.is_within(other.id, vertical):  # another vertical's sense (pet sunscreen)
                continue
            if self._mentions(other, probe, chinese) and self._ends_with(other, term, chinese):
                named.append(other.id)
        highest = self.taxonomy.highest(named)
        return (node, *sorted(n for n in highest if n != node)) if node in highest else tuple(sorted(highest))

    def _ends_with(self, node: Node, term: str, chinese: bool) -> bool:
        """Whether one of the node's names ends with the term. Of a coordinated name only the last part counts:
        an earlier one may share its head (`Headphone & Headset Accessories`, `打印机、复印机和传真机配件` are
        accessories)."""
        if chinese:
            return any(_COORDINATED_ZH.split(name)[-1].endswith(term) for name in self._zh_names.get(node.id, ()))
        wanted = term.split()
        for name in node.en_terms():
            words = english_tokens(_COORDINATED_EN.split(name)[-1])
            if words[-len(wanted) :] == wanted:
                return True
        return False

    def _mentions(self, node: Node, probe: str, chinese: bool) -> bool:
        names = self._zh_names.get(node.id, ()) if chinese else (node.en, *node.en_synonyms)
        return any(probe in name.casefold() for name in names)

    def _places(self, node: Node, term: str, chinese: bool) -> tuple[bool, bool]:
        """Whether one of the node's names (each coordinated part apart) holds the term before its end, and
        whether one ends with it."""
        before = ends = False
        if chinese:
            for name in self._zh_names.get(node.id, ()):
                for part in filter(None, _COORDINATED_ZH.split(name.replace(" ", ""))):
                    at = part.find(term)
                    ends |= at >= 0 and part.endswith(term)
                    before |= 0 <= at < len(part) - len(term)
            return before, ends
        wanted = tuple(term.split())
        for name in node.en_terms():
            for part in filter(None, _COORDINATED_EN.split(name)):
                words = tuple(english_tokens(part))
                at = [i for i in range(len(words) - len(wanted) + 1) if words[i : i + len(wanted)] == wanted]
                ends |= bool(at) and at[-1] + len(wanted) == len(words)
                before |= any(i + len(wanted) < len(words) for i in at)
        return before, ends

    def containing(self, text: str, scope: str) -> list[str]:
        """Nodes within `scope` one of whose English terms contains all the words of the text (a seller's
        `Shampoo` under `Pet Supplies` is `Pet Shampoo & Conditioner`)."""
        words = set(english_tokens(text))
        if not words:
            return []
        within = set(self.taxonomy.descendants(scope))
        return sorted({node for key, node in self._en.items() if node in within and words <= set(key)})


def head_match(matches: list[TermMatch]) -> TermMatch | None:
    """The match naming what a product *is*. Titles name the type early, then list features and specs
    (`Notebook Silver 39.6 cm ... 256 GB SSD`), so the first phrase of matched words counts: the run of
    overlapping or nearly adjacent matches (at most `RUN_GAP` words apart) that starts first. Within it, English
    noun phrases end with their head (`Baby Bottle Warmer` is a warmer): the match ending last, the longest of
    those (`Laptop Sleeve`)."""
    if not matches:
        return None
    ordered = sorted(matches, key=lambda m: (m.start, -m.end))
    run_end = ordered[0].end
    run = [ordered[0]]
    for match in ordered[1:]:
        if match.start > run_end + RUN_GAP:
            break
        run.append(match)
        run_end = max(run_end, match.end)
    return max(run, key=lambda m: (m.end, m.size))
