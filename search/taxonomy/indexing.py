"""What a product's node adds to its index entry: the Chinese terms that say what the product *is*.

Product names are head-final noun phrases: `笔记本电脑包` is a 包 (bag), `蓝牙耳机` an 耳机 (headphone), and the
modifier only says what it is for. So a product of a node is indexed (`type_zh`) with each Chinese name and synonym
of the node and its ancestors whole (`真无线蓝牙耳机`) and its head-final parts — a word ending it whose rest is a
word too, and so on (`蓝牙耳机`, then `耳机`) — never a word that begins it (`笔记本电脑包` gives `包`, not
`笔记本电脑`). Names coordinated with `/`, `、` or `和` are read part by part; where the single-word parts are
coordinated with a last part that is a compound, they share its head (`打印机、复印机和传真机配件` → `配件`). So a
Chinese category word matches the products of that type by BM25 without translation, and a query word that is a
head there names the product's own type, while the same word in a title may only mention another type. Derived
from the taxonomy alone, the same way for every node; the vertical (`数码电子`) says no type and is left out.
"""

from __future__ import annotations

import re

from search.analysis.normalize import normalize_text
from search.analysis.segment import Segmenter
from search.taxonomy.tree import Taxonomy

_ZH_COORDINATION = re.compile(r"[/、和]")


def chinese_heads(term: str, segmenter: Segmenter) -> list[str]:
    """A Chinese name and its head-final parts: `真无线蓝牙耳机` → it, `蓝牙耳机`, `耳机`; `电脑包` → it, `包`."""
    out = [term]
    words = set(segmenter.index_terms(term))
    for word in sorted(words, key=len, reverse=True):
        rest = term[: -len(word)]
        if word != term and term.endswith(word) and rest in words and len(rest) > 1:
            out += chinese_heads(word, segmenter)
            break  # the longest head; its own heads follow from it
    return out


def _chinese_parts(name: str, segmenter: Segmenter) -> list[str]:
    """A name's coordinated parts; when the last part is a compound with a head and the others are not, they
    share that head (`打印机、复印机和传真机配件` → `配件`)."""
    parts = [p for p in _ZH_COORDINATION.split(name) if p]
    if len(parts) > 1:
        last = chinese_heads(parts[-1], segmenter)
        if len(last) > 1 and all(len(chinese_heads(p, segmenter)) == 1 for p in parts[:-1]):
            return last[1:]
    return [h for p in parts for h in chinese_heads(p, segmenter)]


def chinese_type_terms(taxonomy: Taxonomy, node_id: str | None, segmenter: Segmenter) -> list[str]:
    """The Chinese type terms of a product of this node (see the module's docstring)."""
    if not node_id or node_id not in taxonomy:
        return []
    out: list[str] = []
    for node in taxonomy.lineage(node_id)[1:]:
        for term in node.zh_terms():
            whole = normalize_text(term).replace(" ", "")
            if whole:
                out += _chinese_parts(whole, segmenter)
    return list(dict.fromkeys(out))
