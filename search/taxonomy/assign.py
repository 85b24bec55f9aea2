"""Every product gets a taxonomy node, with a confidence and the evidence it was chosen on.

The signals, most trusted first:

1. `google_product_category` (a Merchant Center attribute) as a numeric id → the node with that Google id.
2. The seller's category path (`category`: Shopify's "Product Category" or "Type", Merchant Center's
   `product_type` or textual `google_product_category`, any `A > B > C` or free text), then a textual
   `google_product_category` and Shopify's `type` attribute. Each level is matched by name and synonym, top
   down, each level within the node the levels above it matched (`Animals & Pet Supplies > Grooming > Shampoo`
   is pet shampoo, not hair shampoo); the deepest level that matched names the node. Then the title may refine
   it to a node below (`Electronics > Audio > Headphones` and a title ending `Over-Ear Headphones`).
3. The title: the term that names what the product is — the one ending last before the first `for`, `with`,
   comma or bracket (`Laptop Sleeve for MacBook` is a laptop sleeve, not a laptop); then the description. A
   node below it is preferred when the words of one of its terms ending with the same head word are all in that
   part of the title, apart or not (`ASUS TUF Gaming FA506 notebook` is a gaming laptop, not just a laptop), or
   a longer term of the same head word after the type part (`Fan 12L - Case Fan`). Where the product's vector is
   nearer another node and the title names a type of that node's lineage apart from the head's phrase, that type
   wins: `screen protector Clear screen protector Tablet` is a screen protector, the tablet what it fits.
4. The product's vector, nearest to the nodes' names embedded by the same model (when a model is given).

Confidence is in [0, 1]: 1.0 for a Google id or a path that names a node exactly at every level, less for a
partial or title match, the cosine-derived score for the vector.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from search.analysis.normalize import has_chinese, normalize_text
from search.catalog import Product
from search.taxonomy.match import TermIndex, TermMatch, head_match
from search.taxonomy.terms import english_tokens
from search.taxonomy.tree import Taxonomy

# Where a title stops naming what the product is and starts saying what it is for or comes with.
_TYPE_ZONE_END = re.compile(r"\s(?:for|with|compatible|fits|w/)\s|[,(\[|+&]|\s[-–—]\s|\bfor\s", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?;。！？；]")
GOOGLE_ID_CONFIDENCE = 1.0
EXACT_LEVEL = 1.0
CONTAINED_LEVEL = 0.85  # the level's words are within a node's term, under the node the path already matched
PARTIAL_LEVEL = 0.7  # a node's term is within the level's words; plus up to 0.2 for how much of it it covers
SKIPPED_LEVEL_FACTOR = 0.95  # each level of the path below the match that named nothing we know
SCOPE_WIDENING = 0.05  # a level found under an ancestor of the node the levels above named, per step up
_COORDINATION = re.compile(r"\s*(?:&|\band\b|,|/|\+)\s*", re.IGNORECASE)
TITLE_IN_ZONE = 0.8
TITLE_ANYWHERE = 0.6
DESCRIPTION = 0.5
REFINE_CAP = 0.9
VECTOR_FLOOR = 0.25  # cosine below which the nearest node is no evidence at all
VECTOR_SPAN = 0.5  # cosine = floor + span → confidence 0.6 (never more: a vector is a guess)
VECTOR_MAX = 0.6
DISAGREEMENT_SLOPE = 2.0  # confidence lost per unit of cosine the vector is nearer another node than the title's
DISAGREEMENT_FLOOR = 0.5

# Units of a computer's or a camera's specs as English tokens give them (`2 GB` → `gb`, `128GB` → `128gb`): a type
# word after one is a spec (`Workstation … 2 GB DDR3-SDRAM`, `128 GB SSD`). Not lengths: `6 ft Patch Cable`.
_SPEC_UNIT = re.compile(r"(?:\d[\d.]*)?(?:kb|mb|gb|tb|hz|mhz|ghz|mp|mbit|gbit)")
PATH_CACHE_SIZE = 50_000  # category paths remembered by an assigner (its reading of each)


@dataclass(frozen=True)
class Assignment:
    node: str | None
    confidence: float
    method: str  # google_id, category, google_product_category, type, title, description, vector, none
    evidence: str = ""  # what was matched: the level or term, or the cosine

    def explain(self, taxonomy: Taxonomy) -> dict[str, object]:
        return {
            "node": self.node,
            "path": taxonomy.path_en(self.node) if self.node else None,
            "path_zh": taxonomy.path_zh(self.node) if self.node else None,
            "confidence": round(self.confidence, 3),
            "method": self.method,
            "evidence": self.evidence,
        }


NO_NODE = Assignment(None, 0.0, "none")


class NodeVectors:
    """The nodes' names embedded once (English name, synonyms and the parent's name), for the vector fallback.

    Given an `embed` function instead of the vectors, the names are embedded at the first question asked of them: a
    catalog whose products all name a category path the taxonomy knows never runs the model on the ~900 names (a
    quarter of the model's work in a cold index of 3,000 products). `embed_with` replaces that function while the
    names are not embedded yet (a later writer's embedding cache: an earlier one may be closed by then)."""

    def __init__(
        self,
        taxonomy: Taxonomy,
        vectors: np.ndarray | None = None,
        embed: Callable[[list[str]], np.ndarray] | None = None,
    ) -> None:
        if (vectors is None) == (embed is None):
            raise ValueError("NodeVectors needs either the vectors or a function embedding the names")
        self.taxonomy = taxonomy
        self.ids = [node.id for node in taxonomy]
        self._row = {node_id: row for row, node_id in enumerate(self.ids)}
        self._embed = embed
        self._matrix = None if vectors is None else _unit_rows(vectors)
        self._lock = threading.Lock()

    def embed_with(self, embed: Callable[[list[str]], np.ndarray]) -> None:
        with self._lock:
            if self._matrix is None:
                self._embed = embed

    @property
    def matrix(self) -> np.ndarray:
        """One unit row per node, in `ids` order (embedded now if they were not yet)."""
        matrix = self._matrix
        if matrix is None:
            with self._lock:
                if self._matrix is None:
                    assert self._embed is not None
                    self._matrix = _unit_rows(self._embed(self.texts(self.taxonomy)))
                    self._embed = None
                matrix = self._matrix
        return matrix

    @staticmethod
    def texts(taxonomy: Taxonomy) -> list[str]:
        out = []
        for node in taxonomy:
            parent = taxonomy.get(node.parent) if node.parent else None
            words = [node.en, *node.en_synonyms[:4]]
            out.append(", ".join(words) + (f" ({parent.en})" if parent else ""))
        return out

    def similarity(self, vector: np.ndarray, node: str) -> float:
        v = np.asarray(vector, dtype=np.float32)
        return float(self.matrix[self._row[node]] @ (v / (np.linalg.norm(v) or 1.0)))

    def nearest(self, vector: np.ndarray) -> tuple[str, float]:
        v = np.asarray(vector, dtype=np.float32)
        v = v / (np.linalg.norm(v) or 1.0)
        scores = self.matrix @ v
        best = int(np.argmax(scores))
        return self.ids[best], float(scores[best])


def _unit_rows(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.where(norms == 0, 1, norms)).astype(np.float32)


class NodeAssigner:
    def __init__(self, taxonomy: Taxonomy, terms: TermIndex | None = None, vectors: NodeVectors | None = None):
        self.taxonomy = taxonomy
        self.terms = terms or TermIndex(taxonomy)
        self.vectors = vectors
        self._paths: dict[tuple[str, str], Assignment] = {}

    def assign(self, product: Product, vector: np.ndarray | None = None) -> Assignment:
        google = product.attributes.get("google_product_category", "").strip()
        if google.isdigit() and google in self.taxonomy.by_google_id:
            found = self.taxonomy.by_google_id[google]
            return self._refined(Assignment(found, GOOGLE_ID_CONFIDENCE, "google_id", google), product)
        for method, text in (
            ("category", product.category),
            ("google_product_category", "" if google.isdigit() else google),
            ("type", product.attributes.get("type", "")),
        ):
            if text.strip():
                found = self._path(text, method)
                if found.node is not None:
                    return self._refined(found, product)
        found, others = self._text(product)
        if found.node is not None:
            return self._checked(found, others, vector)
        if vector is not None and self.vectors is not None:
            node, cosine = self.vectors.nearest(vector)
            confidence = min(VECTOR_MAX, max(0.0, (cosine - VECTOR_FLOOR) / VECTOR_SPAN * VECTOR_MAX))
            if confidence > 0:
                return Assignment(node, confidence, "vector", f"cosine {cosine:.3f}")
        return NO_NODE

    def _checked(self, found: Assignment, others: list[TermMatch], vector: np.ndarray | None) -> Assignment:
        """A title's word is weaker evidence when the product's vector points elsewhere: the confidence falls
        with how much nearer the vector is to another node's names than to this node's (`Gaming Keyboard` read as
        a game). But when the title names, apart from that word's phrase, another type in the lineage of the node
        the vector is nearest to (`others`, see `_text`), that type is what the product is: a title naming two
        types (`screen protector Clear screen protector Tablet`, `ThinkPad X60 Tablet 8 cell battery`) names the
        product's and the device it fits, and the vector tells which is which."""
        if vector is None or self.vectors is None or found.node is None:
            return found
        best_node, best = self.vectors.nearest(vector)
        mine = self.vectors.similarity(vector, found.node)
        if best_node == found.node or self.taxonomy.is_within(best_node, found.node) or mine >= best:
            return found
        agreed = self._agreeing(others, found.node, best_node)
        if agreed is not None:
            return Assignment(agreed.node, found.confidence, found.method, f"{agreed.term}; vector agrees")
        factor = max(DISAGREEMENT_FLOOR, 1.0 - DISAGREEMENT_SLOPE * (best - mine))
        return Assignment(
            found.node, found.confidence * factor, found.method, f"{found.evidence}; vector nearer {best_node}"
        )

    def assign_many(self, products: Sequence[Product], vectors: np.ndarray | None = None) -> list[Assignment]:
        if vectors is None:
            return [self.assign(p) for p in products]
        return [self.assign(p, v) for p, v in zip(products, vectors, strict=True)]

    # -- the seller's category path -----------------------------------------------------------------------

    def levels(self, text: str) -> list[tuple[str, str | None]]:
        """Each level of a category path and the node it names (None when it names none we know)."""
        out: list[tuple[str, str | None]] = []
        scope: str | None = None
        for level in _levels(text):
            found = self._level(level, scope)
            if found is None:
                out.append((level, None))
                continue
            node, _, inside = found
            if inside or scope is None:  # a level named outside the path so far does not move it
                scope = node
            out.append((level, node))
        return out

    def _path(self, text: str, method: str) -> Assignment:
        """Remembered per (text, method): a catalog repeats its category paths, and reading one costs about 1 ms."""
        key = (text, method)
        found = self._paths.get(key)
        if found is None:
            if len(self._paths) >= PATH_CACHE_SIZE:
                self._paths.clear()
            found = self._paths[key] = self._read_path(text, method)
        return found

    def _read_path(self, text: str, method: str) -> Assignment:
        scope: str | None = None
        best: tuple[str, float, str] | None = None
        skipped = 0
        for level in _levels(text):
            found = self._level(level, scope)
            if found is None:
                skipped += 1
                continue
            node, score, inside = found
            if inside or scope is None:  # a level named outside the path so far does not move it
                scope = node
            best, skipped = (node, score, level), 0
        if best is None:
            return NO_NODE
        node, score, level = best
        return Assignment(node, score * SKIPPED_LEVEL_FACTOR**skipped, method, level)

    def _level(self, level: str, scope: str | None) -> tuple[str, float, bool] | None:
        """The node a level of a path names: by name first, then by its words, each looked for under the node
        the levels above named, then under its ancestors (a little less trusted each step up), then anywhere."""
        chain = self.taxonomy.path_ids(scope)[::-1] if scope else []
        for way in (self._named, self._worded):
            for step, within in enumerate(chain):
                found = way(level, within)
                if found is not None:
                    return found[0], found[1] - SCOPE_WIDENING * step, True
        for way in (self._named, self._worded):
            found = way(level, None)
            if found is not None:  # outside what the levels above named: trusted less
                return found[0], min(found[1], PARTIAL_LEVEL) if scope else found[1], False
        return None

    def _inside(self, node: str, scope: str | None) -> bool:
        return scope is None or (node != scope and self.taxonomy.is_within(node, scope))

    def _named(self, level: str, scope: str | None) -> tuple[str, float] | None:
        """The level is a node's name or synonym; or, for `Leashes & Harnesses`, names several: where they meet."""
        exact = self.terms.exact(level)
        if exact is not None and (exact == scope or self._inside(exact, scope)):
            return exact, EXACT_LEVEL
        parts = [p for p in _COORDINATION.split(level) if p.strip()]
        if len(parts) > 1:
            named = [n for n in (self.terms.exact(p) for p in parts) if n is not None and self._inside(n, scope)]
            common = self.taxonomy.common_ancestor(named) if len(named) > 1 else None
            if common is not None and (common == scope or self._inside(common, scope)):
                return common, CONTAINED_LEVEL
        return None

    def _worded(self, level: str, scope: str | None) -> tuple[str, float] | None:
        """A node's term within the level's words (`Baby Bottle Warmers`), or, under a known node, the level's
        words within a node's term (`Shampoo` under pet grooming)."""
        if scope is not None and not has_chinese(level):
            containing = self.terms.containing(level, scope)
            common = self.taxonomy.common_ancestor(containing) if containing else None
            if common is not None and self._inside(common, scope):
                return common, CONTAINED_LEVEL
        head = head_match([m for m in self.terms.find(level) if self._inside(m.node, scope)])
        if head is None:
            return None
        words = len(english_tokens(level)) if not has_chinese(level) else len(normalize_text(level))
        return head.node, PARTIAL_LEVEL + 0.2 * head.size / max(words, 1)

    def _refined(self, found: Assignment, product: Product) -> Assignment:
        """A node below the one the category named, when the title names one (`Headphones` and a title ending
        `Over-Ear Headphones`); failing that, for a partly matched level, one below its parent or grandparent
        (`Over-Ear & On-Ear`, `Leashes & Harnesses`)."""
        assert found.node is not None
        node = self.taxonomy.get(found.node)
        places = [found.node]
        named_exactly = self.terms.exact(found.evidence) == found.node
        if node is not None and not named_exactly and found.confidence < EXACT_LEVEL * SKIPPED_LEVEL_FACTOR:
            places += self.taxonomy.path_ids(found.node)[-3:-1][::-1]  # the parent, then the grandparent
        matches = self._title_matches(product)
        for within in places:
            head = head_match([m for m in matches if self.taxonomy.is_within(m.node, within)])
            if head is None or head.node == found.node or self.taxonomy.is_within(found.node, head.node):
                continue
            confidence = min(found.confidence, REFINE_CAP)
            return Assignment(head.node, confidence, found.method, f"{found.evidence}; title: {head.term}")
        return found

    # -- title and description ------------------------------------------------------------------------------

    def _agreeing(self, others: list[TermMatch], named: str, nearest: str) -> TermMatch | None:
        """Of the other types a title names, the last in the lineage of the node the product's vector is nearest to
        (that node, below it, or above it short of a department) and outside that of the node first read."""
        agreeing = [
            m
            for m in others
            if (self.taxonomy.is_within(m.node, nearest) or self._narrow_ancestor(m.node, nearest))
            and not (self.taxonomy.is_within(m.node, named) or self.taxonomy.is_within(named, m.node))
        ]
        return max(agreeing, key=lambda m: (m.end, m.size)) if agreeing else None

    def _narrow_ancestor(self, node: str, of: str) -> bool:
        """`node` is above `of` but names a type, not a vertical or a department (`Electronics`, `Computers`)."""
        return self.taxonomy.is_within(of, node) and self.taxonomy.depth(node) >= 2

    def _title_matches(self, product: Product) -> list[TermMatch]:
        title = _without_brand(product.title, product.brand)
        zone = _TYPE_ZONE_END.split(title, maxsplit=1)[0]
        return self.terms.find(zone) or self.terms.find(title)

    def _text(self, product: Product) -> tuple[Assignment, list[TermMatch]]:
        """The node the title (else the description) names, and the other types that text names apart from the
        head's phrase: after it (`ThinkPad X60 Tablet 8 cell battery`), or before it when a term of several words,
        a noun phrase of its own (`screen protector Clear screen protector Tablet`; a lone word before the head
        qualifies it: `Monitor VGA Cable`); never within a longer match (`projector` in `projector lamp`), right
        before another type word, which it qualifies (`camera lens` in `camera lens adapter`), nor right after a
        quantity of a spec, which makes it one (`Workstation … 2 GB DDR3-SDRAM`)."""
        title = _without_brand(product.title, product.brand)
        zone = _TYPE_ZONE_END.split(title, maxsplit=1)[0]
        for text, confidence, method in (
            (zone, TITLE_IN_ZONE, "title"),
            (title, TITLE_ANYWHERE, "title"),
            (product.title_zh, TITLE_IN_ZONE, "title_zh"),
            (_SENTENCE_END.split(product.description, maxsplit=1)[0], DESCRIPTION, "description"),
        ):
            matches = self.terms.find(text) if text.strip() else []
            head = head_match(matches)
            if head is not None:
                tokens = english_tokens(text)
                others = [
                    self.terms.qualified(m, tokens) or m
                    for m in matches
                    if has_chinese(m.term) == has_chinese(head.term)  # positions in the same words or characters
                    and (m.start >= head.end or (m.end <= head.start and _compound(m)))
                    and not any(o is not m and o.start <= m.start and m.end <= o.end for o in matches)
                    and not any(o.start == m.end for o in matches)
                    and not _after_quantity(tokens, m)
                ]
                head = self.terms.qualified(head, tokens) or self._restated(head, text, title) or head
                return Assignment(head.node, confidence, method, head.term), others
        return NO_NODE, []

    def _restated(self, head: TermMatch, zone: str, title: str) -> TermMatch | None:
        """The head word named again after the type part of the title, in a longer term of the same head
        (`Fan 12L - Case Fan`: a case fan, not a desk fan): the last such; None when there is none."""
        if zone == title or has_chinese(head.term):
            return None
        last = head.term.split()[-1]
        start = len(english_tokens(zone))
        restated = [
            m
            for m in self.terms.find(title)
            if m.start >= start and len(m.term.split()) > len(head.term.split()) and m.term.split()[-1] == last
        ]
        return max(restated, key=lambda m: (m.end, m.size)) if restated else None


def _after_quantity(tokens: list[str], match: TermMatch) -> bool:
    """The match follows a quantity of a spec (`2 GB`, `128GB`, `3 GHz`): the words name a spec of the product, not
    its type. English tokens only (a Chinese match's positions are characters)."""
    if has_chinese(match.term) or match.start == 0 or match.start > len(tokens):
        return False
    return _SPEC_UNIT.fullmatch(tokens[match.start - 1]) is not None


def _compound(match: TermMatch) -> bool:
    """A term of several words (English) or of four characters or more (Chinese): a noun phrase of its own."""
    return len(match.term.split()) > 1 if not has_chinese(match.term) else len(match.term) >= 4


def _levels(path: str) -> list[str]:
    return [level.strip() for level in re.split(r"\s*(?:>|›|»|/(?=\s))\s*", path) if level.strip()]


def _without_brand(title: str, brand: str) -> str:
    """The title less the brand's name, which may be a product word (`Thermos`, `Instant Pot`, `Coach`)."""
    if not brand.strip():
        return title
    return re.sub(re.escape(brand.strip()), " ", title, flags=re.IGNORECASE).strip() or title
