"""Node assignment: from the seller's category path (by name and alias, level by level), a Google id, the
title, and the vector nearest to the nodes' names."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest

from search.catalog import Product
from search.taxonomy.assign import NodeAssigner, NodeVectors
from search.taxonomy.tree import default_taxonomy
from tests.conftest import DEMO


@pytest.fixture(scope="module")
def assigner() -> NodeAssigner:
    return NodeAssigner(default_taxonomy())


def _product(**fields) -> Product:
    return Product.from_raw({"id": "p", "title": "Thing", "price": 1, **fields})


CATEGORY_PATHS = list(
    csv.DictReader(
        (Path(__file__).parent / "category_paths.tsv").read_text("utf-8").splitlines(),
        delimiter="\t",
        quoting=csv.QUOTE_NONE,
    )
)
"""Sellers' category paths (Shopify's, their own, Chinese ones) and the node each names, with why: one tab-separated
row each, `category`, `title` (what refines a partly named level), `node`, `why`."""


@pytest.mark.parametrize("case", CATEGORY_PATHS, ids=[case["category"] for case in CATEGORY_PATHS])
def test_a_category_path_names_the_node(assigner, case):
    found = assigner.assign(_product(category=case["category"], title=case["title"]))
    assert found.node == case["node"], (case["why"], found)
    assert found.method == "category"
    assert 0.5 <= found.confidence <= 1.0


def test_an_exact_path_is_fully_trusted_and_a_partial_one_less(assigner):
    exact = assigner.assign(_product(category="Baby & Toddler > Diapering > Diapers"))
    partial = assigner.assign(_product(category="Baby Stuff > Bottle Warmers For Travel"))
    assert exact.node == "bt-9-12" and exact.confidence == 1.0
    assert partial.node == "bt-10-6" and partial.confidence < exact.confidence


def test_a_numeric_google_product_category_maps_through_google_ids(assigner):
    found = assigner.assign(_product(attributes={"google_product_category": "505771"}, title="Studio Headset"))
    assert (found.node, found.method) == ("el-2-2-7-2", "google_id")  # refined below Headphones & Headsets


def test_shopify_type_is_used_when_there_is_no_category(assigner):
    found = assigner.assign(_product(attributes={"type": "Dog Toys"}, title="Classic Chew"))
    assert (found.node, found.method) == ("ap-2-3-7", "type")


TITLES = list(
    csv.DictReader(
        (Path(__file__).parent / "titles.tsv").read_text("utf-8").splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE
    )
)
"""Titles without a category and the node each names, with why (demo-like and Chorus titles: what the product is,
not what it is for; a qualifier of a node below the head word's, even apart from it): `title`, `node`, `why`."""


@pytest.mark.parametrize("case", TITLES, ids=[case["title"][:40] for case in TITLES])
def test_without_a_category_the_title_names_what_the_product_is(assigner, case):
    found = assigner.assign(_product(title=case["title"]))
    assert found.node == case["node"], (case["why"], found)
    assert found.method == "title"


def test_a_qualifier_outside_the_type_part_of_the_title_does_not_refine(assigner):
    # `gaming` after `for`: a sleeve for a gaming laptop is a sleeve, and a mouse is not made a gaming notebook
    found = assigner.assign(_product(title="Urban Factory Laptop Sleeve for Gaming Notebook 17 inch"))
    assert found.node == "hs-laptop-bags", found


def test_the_brand_is_not_read_as_a_product_word(assigner):
    found = assigner.assign(_product(title="Thermos Stainless King Beverage Bottle", brand="Thermos"))
    assert found.node != "hg-11-3-10"


def test_the_vector_decides_when_no_word_is_known(assigner):
    taxonomy = default_taxonomy()
    vectors = np.eye(len(taxonomy), dtype=np.float32)  # one axis per node
    nodes = NodeVectors(taxonomy, vectors)
    with_vectors = NodeAssigner(taxonomy, assigner.terms, nodes)
    target = nodes.ids.index("el-17-1")  # computer monitors
    vector = np.zeros(len(taxonomy), dtype=np.float32)
    vector[target] = 1.0
    found = with_vectors.assign(_product(title='DELL SE2417HGX 61 cm (24") Full HD Black'), vector)
    assert (found.node, found.method) == ("el-17-1", "vector")
    assert 0 < found.confidence <= 0.6  # a vector is a guess
    assert with_vectors.assign(_product(title="Zzz 123")).node is None  # no words, no vector: no node


def test_every_demo_product_gets_a_node():
    assigner = NodeAssigner(default_taxonomy())
    products = [Product.model_validate(json.loads(line)) for line in (DEMO / "products.jsonl").open()]
    found = [assigner.assign(p) for p in products]
    assert sum(1 for a in found if a.node) / len(products) >= 0.95
    assert sum(a.confidence for a in found) / len(found) >= 0.8


def test_explain_names_the_path_in_both_languages(assigner):
    found = assigner.assign(_product(category="Electronics > Audio > Headphones > Earbuds"))
    explained = found.explain(default_taxonomy())
    assert explained["path"].endswith("In-Ear Headphones > True Wireless Earbuds")
    assert explained["path_zh"].endswith("入耳式耳机 > 真无线蓝牙耳机")
    assert explained["method"] == "category" and explained["evidence"] == "Earbuds"


def test_a_title_word_the_vector_disagrees_with_is_trusted_less(assigner):
    taxonomy = default_taxonomy()
    nodes = NodeVectors(taxonomy, np.eye(len(taxonomy), dtype=np.float32))
    with_vectors = NodeAssigner(taxonomy, assigner.terms, nodes)
    product = _product(title="Logitech G413 Gaming Keyboard")
    agreeing = np.zeros(len(taxonomy), dtype=np.float32)
    agreeing[nodes.ids.index("el-7-9-12-8")] = 1.0  # keyboards
    elsewhere = np.zeros(len(taxonomy), dtype=np.float32)
    elsewhere[nodes.ids.index("tg-2")] = 1.0  # games
    trusted = with_vectors.assign(product, agreeing)
    doubted = with_vectors.assign(product, elsewhere)
    assert trusted.node == doubted.node == "el-7-9-12-8"
    assert doubted.confidence < trusted.confidence


def _one_hot(nodes: NodeVectors, node: str) -> np.ndarray:
    vector = np.zeros(len(nodes.ids), dtype=np.float32)
    vector[nodes.ids.index(node)] = 1.0
    return vector


@pytest.mark.parametrize(
    ("title", "read", "nearest", "becomes"),
    [
        # the type phrase, then the device it fits (Icecat's titles): a screen protector, not a tablet
        (
            "Targus AWV102TGL screen protector Clear screen protector Tablet Apple 1 pc(s)",
            "el-6-8",
            "el-7-11-5",
            "el-7-11-5",
        ),
        # a battery named after the tablet it powers; the vector is nearest laptop batteries, below batteries
        ("Lenovo ThinkPad X60 Tablet 8 cell Li-Ion battery", "el-6-8", "el-7-15-1-5", "el-7-15-1"),
        # a lone word before the head qualifies it: a monitor cable is a cable, whatever the vector says
        ("StarTech.com 6 ft Monitor VGA Cable", "el-7-7", "el-17-1", "el-7-7"),
        # right before the head: what the adapter is for
        ("Canon EF 12 II camera lens adapter", "el-7-1", "co-1-2-1", "el-7-1"),
        # a type word after a quantity is a spec: a workstation with DDR3 memory, not memory
        ("HP Z200 Workstation Intel Core i3 i3-530 2 GB DDR3-SDRAM Minitower", "el-6-3", "el-7-12-3", "el-6-3"),
    ],
)
def test_the_vector_chooses_between_two_types_a_title_names(assigner, title, read, nearest, becomes):
    taxonomy = default_taxonomy()
    nodes = NodeVectors(taxonomy, np.eye(len(taxonomy), dtype=np.float32))
    with_vectors = NodeAssigner(taxonomy, assigner.terms, nodes)
    assert assigner.assign(_product(title=title)).node == read  # the title alone: its last type word
    assert with_vectors.assign(_product(title=title), _one_hot(nodes, read)).node == read
    found = with_vectors.assign(_product(title=title), _one_hot(nodes, nearest))
    assert found.node == becomes, found
    if becomes != read:
        assert found.confidence == assigner.assign(_product(title=title)).confidence  # both agree: trusted as read
        assert "vector agrees" in found.evidence


def test_the_names_are_embedded_only_when_a_product_needs_them(assigner):
    taxonomy = default_taxonomy()
    asked: list[int] = []

    def embed(texts: list[str]) -> np.ndarray:
        asked.append(len(texts))
        return np.eye(len(texts), dtype=np.float32)

    nodes = NodeVectors(taxonomy, embed=lambda texts: pytest.fail("the first embedding function was replaced"))
    nodes.embed_with(embed)  # a later writer's (its cache): used, since nothing was embedded yet
    with_vectors = NodeAssigner(taxonomy, assigner.terms, nodes)
    vector = np.zeros(len(taxonomy), dtype=np.float32)
    vector[nodes.ids.index("el-17-1")] = 1.0  # computer monitors
    by_path = with_vectors.assign(_product(category="Electronics > Audio > Headphones"), vector)
    assert by_path.method == "category" and asked == []  # a known path: the model never ran on the names
    found = with_vectors.assign(_product(title='DELL SE2417HGX 61 cm (24") Full HD Black'), vector)
    assert (found.node, found.method) == ("el-17-1", "vector")
    with_vectors.assign(_product(title="Zzz 123"), vector)
    nodes.embed_with(lambda texts: pytest.fail("the names are embedded already"))
    assert with_vectors.assign(_product(title="Qqq 9"), vector).node == "el-17-1"
    assert asked == [len(taxonomy)]  # once, every name in one call
