"""The demo data of data/demo is consistent, and `build_catalog.py --check` (what CI runs) catches each kind of mistake.

The check: products.jsonl is exactly the expansion of lines/*.toml, ids are unique, every product is a valid
`search.catalog.Product` with a positive price, every judgment of qrels.tsv names a known query and product, every
query has a judgment of grade 2 or 3, and queries.tsv and queries_en.tsv hold the same query ids.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

DEMO = Path(__file__).resolve().parent.parent / "data" / "demo"
BUILD = DEMO / "build_catalog.py"


def _builder():
    spec = importlib.util.spec_from_file_location("demo_build_catalog", BUILD)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


builder = _builder()


def test_the_demo_data_passes_the_check_ci_runs():
    result = subprocess.run([sys.executable, str(BUILD), "--check"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ")
    assert "the same as products.jsonl" in result.stdout


def test_every_section_has_products_and_every_line_variants():
    lines = builder.load_lines(DEMO)
    products = builder.expand(lines)
    sections = {product["id"].split("-")[0] for product in products}
    assert sections == set(builder.SECTIONS)
    assert all(line["variants"] for _, line in lines)
    assert len(products) == sum(len(line["variants"]) for _, line in lines)


@pytest.fixture()
def demo_copy(tmp_path: Path) -> Path:
    shutil.copytree(DEMO / "lines", tmp_path / "lines")
    for name in ("products.jsonl", "qrels.tsv", "queries.tsv", "queries_en.tsv"):
        shutil.copy(DEMO / name, tmp_path / name)
    return tmp_path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _drop_good_judgments(qid: str) -> Callable[[Path], None]:
    def edit(directory: Path) -> None:
        path = directory / "qrels.tsv"
        rows = path.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [row for row in rows if not (row.startswith(f"{qid} ") and row.split()[3] in ("2", "3"))]
        assert len(kept) < len(rows)
        path.write_text("".join(kept), encoding="utf-8")

    return edit


def _drop_last_english_query(directory: Path) -> None:
    path = directory / "queries_en.tsv"
    rows = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(rows[:-1]), encoding="utf-8")


MISTAKES = {
    "products.jsonl edited by hand": (
        lambda d: _edit(d / "products.jsonl", '"price": 9.99,', '"price": 8.99,'),
        "products.jsonl line 1 (vit-0001) differs from lines/ in price",
    ),
    "a product line edited but products.jsonl not rewritten": (
        lambda d: _edit(d / "lines" / "pet.toml", "Cat Treats, Tuna Variety", "Cat Treats, Chicken Variety"),
        "(pet-0103) differs from lines/ in title, link",
    ),
    "an id used twice": (
        lambda d: _edit(d / "lines" / "vit.toml", 'id = "vit-0002"', 'id = "vit-0001"'),
        "id vit-0001 is used by 2 products",
    ),
    "a price of zero": (
        lambda d: _edit(d / "lines" / "vit.toml", "price = 9.99", "price = 0"),
        "variant vit-0001: price must be a positive number",
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
        lambda d: _edit(d / "qrels.tsv", "z001 0 elc-", "z001 0 nope-"),
        "is not in the catalog",
    ),
    "a grade outside 0-3": (
        lambda d: _edit(d / "qrels.tsv", " 3\n", " 4\n"),
        "expected `qid 0 product_id grade` (grade 0-3)",
    ),
    "a query without a relevant judgment": (
        _drop_good_judgments("z001"),
        "query z001 (蓝牙耳机) has no judgment of grade 2 or 3",
    ),
    "a file missing": (
        lambda d: (d / "qrels.tsv").unlink(),
        "qrels.tsv: No such file or directory",
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


def test_a_failed_check_exits_non_zero_and_names_the_problem(demo_copy: Path):
    _edit(demo_copy / "qrels.tsv", "z001 0 elc-", "z001 0 nope-")
    result = subprocess.run(
        [sys.executable, str(BUILD), "--check", "--dir", str(demo_copy)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1
    assert "is not in the catalog" in result.stderr
