"""The demo marketplace of data/demo is consistent, and `build_catalog.py --check` (what CI runs) catches each kind of
mistake.

The check: products.jsonl is exactly the expansion of lines/*.toml and qrels.tsv exactly the group grades of
qrels_variants.tsv; every seller is in sellers.jsonl and sells something; `(seller, id)` is unique, every group's
variants agree on its facts and differ in their options; every product is a valid `search.catalog.Product` with a
positive price, a list price above it where on sale, Merchant Center's values of gender and age_group; every judgment
names a known query and product; a product line sold by two sellers is judged the same at both; every query has a
judgment of grade 2 or 3, and queries.tsv and queries_en.tsv hold the same query ids.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

import pytest

DEMO = Path(__file__).resolve().parent.parent / "data" / "demo"
BUILD = DEMO / "build_catalog.py"
FILES = ("products.jsonl", "sellers.jsonl", "qrels.tsv", "qrels_variants.tsv", "queries.tsv", "queries_en.tsv")


def _builder():
    spec = importlib.util.spec_from_file_location("demo_build_catalog", BUILD)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


builder = _builder()


def _products() -> list[dict]:
    return [json.loads(row) for row in (DEMO / "products.jsonl").read_text(encoding="utf-8").splitlines()]


def test_the_demo_data_passes_the_check_ci_runs():
    result = subprocess.run([sys.executable, str(BUILD), "--check"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ")
    assert "the same as products.jsonl" in result.stdout
    assert "the same as qrels.tsv" in result.stdout


def test_every_section_has_lines_and_every_line_variants():
    lines = builder.load_lines(DEMO)
    products = builder.expand(lines)
    assert {where.split(":")[0] for where, _ in lines} == {f"lines/{section}.toml" for section in builder.SECTIONS}
    assert all(line["variants"] for _, line in lines)
    assert len(products) == sum(len(line["variants"]) for _, line in lines)


def test_the_demo_is_a_marketplace_of_small_businesses():
    sellers = [json.loads(row) for row in (DEMO / "sellers.jsonl").read_text(encoding="utf-8").splitlines()]
    products = _products()
    assert len(sellers) >= 8
    assert {seller["id"] for seller in sellers} == {product["seller"] for product in products}
    assert all(seller["name"] and seller["state"] and seller["specialties"] for seller in sellers)
    # identity is (seller, id): sellers' SKU schemes clash, for different products
    assert len({(p["seller"], p["id"]) for p in products}) == len(products)
    by_id = defaultdict(list)
    for product in products:
        by_id[product["id"]].append(product)
    clashes = [same for same in by_id.values() if len(same) > 1]
    assert len(clashes) >= 3
    assert any(len({p["title"] for p in same}) > 1 for same in clashes)


def test_product_lines_sold_by_two_sellers_have_their_own_ids_prices_and_stock():
    lines = builder.load_lines(DEMO)
    copies = [line for _, line in lines if "same_as" in line]
    assert len(copies) >= 10
    originals = {f"{line['seller']}/{line['item_group_id']}": line for _, line in lines}
    prices_differ = 0
    for copy in copies:
        original = originals[copy["same_as"]]
        assert copy["seller"] != original["seller"]
        assert copy["title"] == original["title"] and copy["brand"] == original["brand"]
        assert not {v["id"] for v in copy["variants"]} & {v["id"] for v in original["variants"]}
        prices_differ += {v["price"] for v in copy["variants"]} != {v["price"] for v in original["variants"]}
    assert prices_differ >= len(copies) // 2


def test_variant_attributes_are_fields_of_their_own_with_merchant_center_values():
    products = _products()
    for product in products:
        assert product["item_group_id"] and product["seller"]
        assert not set(builder.VARIANT_FIELDS) & set(product.get("attributes", {})), product["id"]
        assert product.get("gender", "male") in ("male", "female", "unisex")
        assert product.get("age_group", "adult") in ("newborn", "infant", "toddler", "kids", "adult")
    for field in builder.VARIANT_FIELDS:
        assert any(field in product for product in products), f"no product has {field}"
    on_sale = [p for p in products if "list_price" in p]
    assert all(p["list_price"] > p["price"] for p in on_sale)
    assert 0.05 < len(on_sale) / len(products) < 0.25  # a realistic minority


def _judgments(name: str) -> list[tuple[str, str, int]]:
    rows = (DEMO / name).read_text(encoding="utf-8").splitlines()
    return [(qid, docid, int(grade)) for qid, _, docid, grade in (row.split() for row in rows)]


def test_a_groups_grade_is_its_best_variants_grade():
    products = _products()
    group_of = {f"{p['seller']}/{p['id']}": f"{p['seller']}/{p['item_group_id']}" for p in products}
    variant_grades = defaultdict(set)
    for qid, docid, grade in _judgments("qrels_variants.tsv"):
        variant_grades[qid, group_of[docid]].add(grade)
    groups = {}
    for qid, docid, grade in _judgments("qrels.tsv"):
        assert (qid, docid) not in groups, "one judgment per group"
        groups[qid, docid] = grade
    assert groups == {key: max(grades) for key, grades in variant_grades.items()}
    # variants of one group graded differently (a size, a stage, a phone model decides) stay so at the variant level
    assert sum(len(grades) > 1 for grades in variant_grades.values()) >= 40


@pytest.fixture()
def demo_copy(tmp_path: Path) -> Path:
    shutil.copytree(DEMO / "lines", tmp_path / "lines")
    for name in FILES:
        shutil.copy(DEMO / name, tmp_path / name)
    return tmp_path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _drop_good_judgments(qid: str) -> Callable[[Path], None]:
    def edit(directory: Path) -> None:
        path = directory / "qrels_variants.tsv"
        rows = path.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [row for row in rows if not (row.startswith(f"{qid} ") and row.split()[3] in ("2", "3"))]
        assert len(kept) < len(rows)
        path.write_text("".join(kept), encoding="utf-8")

    return edit


def _drop_last_english_query(directory: Path) -> None:
    path = directory / "queries_en.tsv"
    rows = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(rows[:-1]), encoding="utf-8")


def _add_seller(directory: Path) -> None:
    with (directory / "sellers.jsonl").open("a", encoding="utf-8") as file:
        file.write('{"id": "quiet-corner", "name": "Quiet Corner", "state": "ME", "specialties": ["books"]}\n')


MISTAKES = {
    "products.jsonl edited by hand": (
        lambda d: _edit(d / "products.jsonl", '"price": 9.99,', '"price": 8.99,'),
        "products.jsonl line 1 (cedar-hollow-vitamins/CHV-101-01) differs from lines/ in price",
    ),
    "a product line edited but products.jsonl not rewritten": (
        lambda d: _edit(d / "lines" / "pet.toml", "Cat Treats, Tuna Variety", "Cat Treats, Chicken Variety"),
        "(wagtail-pet-supply/WPS-10102) differs from lines/ in title, link",
    ),
    "qrels.tsv edited by hand": (
        lambda d: _edit(d / "qrels.tsv", "z001 0 circuit-harbor/CHG-1001 3", "z001 0 circuit-harbor/CHG-1001 2"),
        "qrels.tsv line 1 is 'z001 0 circuit-harbor/CHG-1001 2', the build writes",
    ),
    "an id used twice by one seller": (
        lambda d: _edit(d / "lines" / "vit.toml", 'id = "CHV-101-02"', 'id = "CHV-101-01"'),
        "id CHV-101-01 of seller cedar-hollow-vitamins is used by 2 products",
    ),
    "an id with a space": (
        lambda d: _edit(d / "lines" / "vit.toml", 'id = "CHV-101-02"', 'id = "CHV 101 02"'),
        "product cedar-hollow-vitamins/CHV 101 02: id: letters, digits",
    ),
    "a seller not in sellers.jsonl": (
        lambda d: _edit(d / "lines" / "bty.toml", 'seller = "peony-and-pearl"', 'seller = "peony-and-pearls"'),
        "seller peony-and-pearls (of 3 products) is not in sellers.jsonl",
    ),
    "a seller id that is not one": (
        lambda d: _edit(d / "lines" / "bty.toml", 'seller = "peony-and-pearl"', 'seller = "Peony & Pearl"'),
        "seller 'Peony & Pearl' is not a seller id",
    ),
    "a seller that sells nothing": (_add_seller, "seller quiet-corner of sellers.jsonl sells nothing"),
    "a seller's state that is not a US state": (
        lambda d: _edit(d / "sellers.jsonl", '"state": "VT"', '"state": "Vermont"'),
        "sellers.jsonl line 1: state 'Vermont' is not a US state code",
    ),
    "a line without its group": (
        lambda d: _edit(d / "lines" / "vit.toml", 'item_group_id = "CHV-102"\n', ""),
        "item_group_id is missing",
    ),
    "two lines of one seller with one group id": (
        lambda d: _edit(d / "lines" / "vit.toml", 'item_group_id = "CHV-102"', 'item_group_id = "CHV-101"'),
        "group cedar-hollow-vitamins/CHV-101 is also the line at lines/vit.toml:1",
    ),
    "a copy naming no line": (
        lambda d: _edit(
            d / "lines" / "elc.toml", 'same_as = "circuit-harbor/CHG-1002"', 'same_as = "circuit-harbor/X"'
        ),
        "same_as circuit-harbor/X names no line of the catalog",
    ),
    "a copy with product keys of its own": (
        lambda d: _edit(
            d / "lines" / "elc.toml",
            'same_as = "circuit-harbor/CHG-1002"\n',
            'same_as = "circuit-harbor/CHG-1002"\nbrand = "X"\n',
        ),
        "brand comes from the line named by same_as: leave it out",
    ),
    "a product line listed twice by one seller": (
        lambda d: _edit(
            d / "lines" / "elc.toml",
            'item_group_id = "apple-airpods-3rd-generation-wireless-earbuds"\nsame_as = "circuit-harbor/CHG-1002"',
            'item_group_id = "apple-airpods-3rd-generation-wireless-earbuds"\nsame_as = "circuit-harbor/CHG-1001"',
        ),
        "maple-street-mercantile lists circuit-harbor/CHG-1001 again",
    ),
    "a price of zero": (
        lambda d: _edit(d / "lines" / "vit.toml", "price = 9.99", "price = 0"),
        "variant CHV-101-01: price must be a positive number",
    ),
    "a list price that is no sale": (
        lambda d: _edit(d / "lines" / "vit.toml", "price = 9.99,", "price = 9.99, list_price = 9.99,"),
        "variant CHV-101-01: list_price 9.99 must be above the price 9.99",
    ),
    "a gender Merchant Center does not know": (
        lambda d: _edit(d / "lines" / "fsh.toml", 'gender = "male"', 'gender = "men"'),
        "gender 'men' is not one of male, female, unisex",
    ),
    "an age group Merchant Center does not know": (
        lambda d: _edit(d / "lines" / "fsh.toml", 'age_group = "adult"', 'age_group = "adults"'),
        "age_group 'adults' is not one of newborn, infant, toddler, kids, adult",
    ),
    "a variant attribute left in attributes": (
        lambda d: _edit(d / "lines" / "vit.toml", "attributes = { strength", 'attributes = { color = "Gold", strength'),
        "attributes: color is a product field of its own",
    ),
    "two variants of a group a shopper cannot tell apart": (
        lambda d: _edit(d / "lines" / "fsh.toml", 'size = "10", price = 130', 'size = "9", price = 130'),
        "group stride-lane/SL-2001: two variants with the same option values",
    ),
    "an availability the catalog does not know": (
        lambda d: _edit(d / "lines" / "vit.toml", 'availability = "out_of_stock"', 'availability = "sold out"'),
        "is not a valid Product: availability",
    ),
    "a template naming an unknown value": (
        lambda d: _edit(d / "lines" / "vit.toml", "Softgels, Omega-3 for Heart Health, {count}", "{colour}"),
        "names {colour}, neither a fact of the line nor an option of the variant",
    ),
    "a misspelt key of a line": (
        lambda d: _edit(d / "lines" / "toy.toml", "category =", "catgory ="),
        "unknown key 'catgory'",
    ),
    "a judgment of a product not in the catalog": (
        lambda d: _edit(d / "qrels_variants.tsv", "z001 0 circuit-harbor/CH-", "z001 0 circuit-harbor/nope-"),
        "is not in the catalog",
    ),
    "a judgment naming another seller's product": (
        lambda d: _edit(d / "qrels_variants.tsv", "z001 0 circuit-harbor/CH-", "z001 0 stride-lane/CH-"),
        "product stride-lane/CH-20001 (SELLER/ID) is not in the catalog",
    ),
    "a grade outside 0-3": (
        lambda d: _edit(d / "qrels_variants.tsv", " 3\n", " 4\n"),
        "expected `qid 0 SELLER/ID grade` (grade 0-3)",
    ),
    "a product line judged differently at its two sellers": (
        lambda d: _edit(
            d / "qrels_variants.tsv", "z001 0 maple-street-mercantile/10038 3", "z001 0 maple-street-mercantile/10038 2"
        ),
        "z001 grades maple-street-mercantile/apple-airpods-3rd-generation-wireless-earbuds 2 but the same product line "
        "circuit-harbor/CHG-1002 3",
    ),
    "a query without a relevant judgment": (
        _drop_good_judgments("z001"),
        "query z001 (蓝牙耳机) has no judgment of grade 2 or 3",
    ),
    "a file missing": (
        lambda d: (d / "qrels_variants.tsv").unlink(),
        "qrels_variants.tsv: No such file or directory",
    ),
    "the sellers missing": (
        lambda d: (d / "sellers.jsonl").unlink(),
        "sellers.jsonl: No such file or directory",
    ),
    "query ids that differ between the two query files": (
        _drop_last_english_query,
        "queries_en.tsv lacks z127 of queries.tsv",
    ),
}


@pytest.mark.parametrize("mistake", MISTAKES)
def test_the_check_catches(demo_copy: Path, mistake: str):
    make, message = MISTAKES[mistake]
    assert builder.check(demo_copy)[0] == []
    make(demo_copy)
    problems, _ = builder.check(demo_copy)
    assert any(message in problem for problem in problems), problems


def test_building_rewrites_products_jsonl_from_the_lines(demo_copy: Path):
    _edit(demo_copy / "lines" / "pet.toml", "Cat Treats, Tuna Variety", "Cat Treats, Chicken Variety")
    result = subprocess.run(
        [sys.executable, str(BUILD), "--dir", str(demo_copy)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "INABA Churu Lickable Purée Cat Treats, Chicken Variety" in (demo_copy / "products.jsonl").read_text()
    assert builder.check(demo_copy)[0] == []


def test_building_rewrites_the_group_judgments_from_the_variant_judgments(demo_copy: Path):
    """Lowering the grade of the best variant lowers its group's grade, at both sellers of a product line."""
    for docid in ("circuit-harbor/CH-20003", "maple-street-mercantile/10038"):
        _edit(demo_copy / "qrels_variants.tsv", f"z001 0 {docid} 3", f"z001 0 {docid} 1")
    result = subprocess.run(
        [sys.executable, str(BUILD), "--dir", str(demo_copy)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    groups = (demo_copy / "qrels.tsv").read_text(encoding="utf-8").splitlines()
    assert "z001 0 circuit-harbor/CHG-1002 1" in groups
    assert "z001 0 maple-street-mercantile/apple-airpods-3rd-generation-wireless-earbuds 1" in groups
    assert "z001 0 circuit-harbor/CHG-1002 3" not in groups


def test_a_failed_check_exits_non_zero_and_names_the_problem(demo_copy: Path):
    _edit(demo_copy / "qrels_variants.tsv", "z001 0 circuit-harbor/CH-", "z001 0 circuit-harbor/nope-")
    result = subprocess.run(
        [sys.executable, str(BUILD), "--check", "--dir", str(demo_copy)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1
    assert "is not in the catalog" in result.stderr


def test_the_check_uses_the_product_model_for_the_fields_it_has():
    """Fields search.catalog.Product knows are validated by it; the marketplace fields it lacks are named."""
    product_model, _, unknown = builder._product_model()
    assert set(unknown) == set(builder.MARKETPLACE_FIELDS) - set(product_model.model_fields)
    problems, summary = builder.check(DEMO)
    assert problems == []
    assert ("checked here" in summary) == bool(unknown)


def test_group_counts_are_those_the_readme_states():
    products = _products()
    readme = (DEMO / "README.md").read_text(encoding="utf-8")
    groups = Counter((p["seller"], p["item_group_id"]) for p in products)
    assert f"{len(products):,} products" in readme
    assert f"{len(groups):,} product groups" in readme
