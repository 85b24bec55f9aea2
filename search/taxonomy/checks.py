"""The soundness checks of the taxonomy data, run in CI (`tests/search/taxonomy/test_data.py`).

- ids are unique (the parser refuses duplicates), every parent exists, there are no cycles;
- every node has an English and a Simplified Chinese name; the Chinese is Simplified (OpenCC `t2s` leaves it
  as it is) and its Traditional form is exactly OpenCC `s2twp` of it (Taiwan standard with phrases), and that
  Traditional form reads back, through the query normaliser, as the name or one of the node's Chinese terms;
- no term (a name or a synonym; English compared by stems) names two nodes
  unless one is an ancestor of the other: a shopper's word must point at one place in the tree;
- a synonym is not the node's own name again, and Chinese synonyms are Chinese;
- Google product category ids are numbers and unique.
"""

from __future__ import annotations

from functools import lru_cache

import opencc

from search.analysis.normalize import has_chinese, normalize_text
from search.taxonomy.tree import Taxonomy, term_keys


@lru_cache(maxsize=1)
def _converters() -> tuple[opencc.OpenCC, opencc.OpenCC]:
    return opencc.OpenCC("s2twp"), opencc.OpenCC("t2s")


def traditional(simplified: str) -> str:
    """The Traditional (Taiwan) form of a Simplified name, as the data stores it."""
    return _converters()[0].convert(simplified)


def problems(taxonomy: Taxonomy) -> list[str]:
    out: list[str] = []
    out += _structure(taxonomy)
    out += _names(taxonomy)
    out += _ambiguous_terms(taxonomy)
    out += _google_ids(taxonomy)
    return out


def _structure(taxonomy: Taxonomy) -> list[str]:
    out = []
    for node in taxonomy:
        if node.parent is not None and node.parent not in taxonomy:
            out.append(f"{node.id}: parent {node.parent!r} does not exist")
    for node in taxonomy:
        seen: set[str] = set()
        current = node
        while current.parent is not None and current.parent in taxonomy:
            if current.id in seen:
                out.append(f"{node.id}: its ancestry has a cycle through {current.id!r}")
                break
            seen.add(current.id)
            current = taxonomy.nodes[current.parent]
    return out


def _names(taxonomy: Taxonomy) -> list[str]:
    s2twp, t2s = _converters()
    out = []
    for node in taxonomy:
        if not node.en.strip():
            out.append(f"{node.id}: no English name")
        if not node.zh.strip() or not has_chinese(node.zh):
            out.append(f"{node.id}: no Chinese name")
            continue
        if t2s.convert(node.zh) != node.zh:
            out.append(f"{node.id}: Chinese name {node.zh!r} is not all Simplified ({t2s.convert(node.zh)!r})")
        if node.zh_hant != s2twp.convert(node.zh):
            out.append(f"{node.id}: Traditional {node.zh_hant!r} is not OpenCC s2twp of {node.zh!r}")
        elif normalize_text(node.zh_hant) not in node.zh_terms():
            out.append(f"{node.id}: Traditional {node.zh_hant!r} does not read back as {node.zh!r} or a synonym")
        for synonym in node.zh_synonyms:
            if not has_chinese(synonym) and not synonym.isascii():
                out.append(f"{node.id}: Chinese synonym {synonym!r} is neither Chinese nor Latin")
            if normalize_text(synonym) == normalize_text(node.zh):
                out.append(f"{node.id}: Chinese synonym {synonym!r} repeats the name")
        for synonym in node.en_synonyms:
            if has_chinese(synonym):
                out.append(f"{node.id}: English synonym {synonym!r} is Chinese")
            if synonym.casefold() == node.en.casefold():
                out.append(f"{node.id}: English synonym {synonym!r} repeats the name")
    return out


def _ambiguous_terms(taxonomy: Taxonomy) -> list[str]:
    owners: dict[str, list[str]] = {}
    for node in taxonomy:
        for key in term_keys(node):
            owners.setdefault(key, []).append(node.id)
    out = []
    for key, ids in sorted(owners.items()):
        for i, first in enumerate(ids):
            for second in ids[i + 1 :]:
                if not (taxonomy.is_within(first, second) or taxonomy.is_within(second, first)):
                    out.append(
                        f"term {key!r} names both {first} ({taxonomy.path_en(first)}) and {second} "
                        f"({taxonomy.path_en(second)})"
                    )
    return out


def _google_ids(taxonomy: Taxonomy) -> list[str]:
    out, seen = [], {}
    for node in taxonomy:
        if node.google_id is None:
            continue
        if not node.google_id.isdigit():
            out.append(f"{node.id}: Google product category id {node.google_id!r} is not a number")
        elif node.google_id in seen:
            out.append(f"{node.id}: Google id {node.google_id} is also {seen[node.google_id]}'s")
        seen[node.google_id] = node.id
    return out
