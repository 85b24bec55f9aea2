#!/usr/bin/env python3
"""Expand the demo catalog's product lines into products.jsonl, and check every file of the demo.

The catalog is data: `lines/<section>.toml` holds one `[[line]]` table per product line (brand, category, the facts
a shopper cares about, the title and description its listings share, how its attributes read) with the line's
variants (id, option values, price, availability, ...). Each variant becomes one Merchant Center style product of
`products.jsonl`. README.md describes the format.

    python data/demo/build_catalog.py            write products.jsonl, then check everything
    python data/demo/build_catalog.py --check    check only: products.jsonl must equal the expansion (CI runs this)

The expansion needs only the standard library; the check also validates every product with `search.catalog.Product`,
so run it with the project's environment (`.venv/bin/python`).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent

# The files of lines/, in catalog order. Product ids are numbered per section (`vit-0001`, ...).
SECTIONS = ("vit", "baby", "bty", "bag", "fsh", "elc", "kit", "out", "toy", "pet")

LINE_KEYS = {"brand", "category", "facts", "title", "description", "attributes", "variants"}
# Every other key of a variant is one of its option values (colour, size, count, ...), usable in the templates.
VARIANT_KEYS = {"id", "price", "availability", "note", "description", "title_zh", "description_zh"}
AVAILABILITY = ("in_stock", "out_of_stock", "preorder", "backorder")
FIELD_ORDER = (
    "id",
    "title",
    "title_zh",
    "description",
    "description_zh",
    "brand",
    "category",
    "price",
    "availability",
    "link",
    "image_link",
    "attributes",
)
LINK = "https://shop.example.com/products/{slug}"
IMAGE_LINK = "https://cdn.example.com/img/{id}.jpg"
SLUG_LENGTH = 80


class CatalogError(ValueError):
    """A line file that cannot be expanded; the message names the file, the line and the variant."""


def load_lines(directory: Path) -> list[tuple[str, dict[str, Any]]]:
    """Every product line, in catalog order, as `(where, line)`; `where` names the file and the line for messages."""
    folder = directory / "lines"
    unknown = sorted(p.name for p in folder.glob("*.toml") if p.stem not in SECTIONS)
    if unknown:
        raise CatalogError(f"lines/: {', '.join(unknown)} not in SECTIONS of build_catalog.py (the catalog order)")
    lines = []
    for section in SECTIONS:
        path = folder / f"{section}.toml"
        try:
            text = path.read_text(encoding="utf-8")
            data = tomllib.loads(text)
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise CatalogError(f"lines/{path.name}: {exc}") from None
        if set(data) != {"line"}:
            raise CatalogError(f"lines/{path.name}: expected only [[line]] tables, found {sorted(data)}")
        starts = [number for number, row in enumerate(text.splitlines(), 1) if row.strip() == "[[line]]"]
        for start, line in zip(starts, data["line"], strict=True):
            where = f"lines/{path.name}:{start} ({line.get('title', 'no title')})"
            _check_line(line, where)
            lines.append((where, line))
    return lines


def _check_line(line: dict[str, Any], where: str) -> None:
    problems = [f"unknown key {key!r}" for key in line if key not in LINE_KEYS]
    problems += [
        f"{key} is missing" for key in ("brand", "category", "facts", "title", "description") if key not in line
    ]
    if not isinstance(line.get("description", []), list) or not line.get("description"):
        problems.append("description must be a non-empty list of sentences")
    if "type" not in line.get("facts", {}):
        problems.append("facts must name the product type (type = ...)")
    if not line.get("variants"):
        problems.append("a line needs at least one variant")
    for variant in line.get("variants", []):
        if not isinstance(variant.get("id"), str):
            problems.append(f"a variant without an id: {variant}")
        if "note" in variant and "description" in variant:
            problems.append(f"variant {variant.get('id')}: give a note or a whole description, not both")
        for key, value in {**line.get("facts", {}), **variant}.items():
            if not isinstance(value, str | int | float):
                problems.append(f"{key} of {variant.get('id')} must be a text, a number or true/false, not {value!r}")
    if problems:
        raise CatalogError(f"{where}: {'; '.join(problems)}")


def _text(value: Any) -> str:
    """How an option value or fact reads in a title: 20.6 as `20.6`, 10 (or 10.0) as `10`."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _fill(template: str, values: dict[str, str], where: str) -> str:
    try:
        return template.format_map(values)
    except KeyError as exc:
        raise CatalogError(
            f"{where}: {template!r} names {{{exc.args[0]}}}, neither a fact of the line nor an option of the variant"
        ) from None


def slug(title: str) -> str:
    """The link's last part: the title in lower-case ASCII words joined by `-`, cut at a word within 80 characters."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(text) > SLUG_LENGTH:
        text = text[:SLUG_LENGTH].rsplit("-", 1)[0]
    return text


def expand(lines: list[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
    """One product per variant, in catalog order. A repeated link slug gets `-2`, `-3`, ... in that order."""
    products = []
    slugs: Counter[str] = Counter()
    for where, line in lines:
        for variant in line["variants"]:
            here = f"{where}, variant {variant['id']}"
            options = {key: value for key, value in variant.items() if key not in VARIANT_KEYS}
            values = {key: _text(value) for key, value in {**line["facts"], **options}.items()}
            title = _fill(line["title"], values, here)
            base = slug(title)
            slugs[base] += 1
            product: dict[str, Any] = {
                "id": variant["id"],
                "title": title,
                "title_zh": variant.get("title_zh"),
                "description": _description(line, variant),
                "description_zh": variant.get("description_zh"),
                "brand": line["brand"],
                "category": line["category"],
                "price": _price(variant.get("price"), here),
                "availability": variant.get("availability", "in_stock"),
                "link": LINK.format(slug=base if slugs[base] == 1 else f"{base}-{slugs[base]}"),
                "image_link": IMAGE_LINK.format(id=variant["id"]),
                "attributes": {name: _fill(t, values, here) for name, t in line.get("attributes", {}).items()},
            }
            products.append({key: product[key] for key in FIELD_ORDER if product[key] is not None})
    return products


def _description(line: dict[str, Any], variant: dict[str, Any]) -> str:
    """The variant's own description, or the line's sentences followed by the variant's note."""
    if "description" in variant:
        return variant["description"]
    return " ".join([*line["description"], *([variant["note"]] if "note" in variant else [])])


def _price(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise CatalogError(f"{where}: price must be a positive number of USD, not {value!r}")
    return float(value)


def render(products: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(product, ensure_ascii=False) + "\n" for product in products)


# ---------------------------------------------------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------------------------------------------------


def check(directory: Path = HERE) -> tuple[list[str], str]:
    """Every problem of the demo files in `directory`, and a summary line. No problems: the demo data is consistent."""
    try:
        lines = load_lines(directory)
        products = expand(lines)
    except CatalogError as exc:
        return [str(exc)], ""
    problems = _check_products(products)
    problems += _check_file_matches(directory / "products.jsonl", products)
    queries, problems_q = _read_queries(directory)
    problems += problems_q
    qrels, problems_j = _read_qrels(directory / "qrels.tsv", queries, {p["id"] for p in products})
    problems += problems_j
    grades = Counter(grade for judged in qrels.values() for grade in judged.values())
    summary = (
        f"{len(products):,} products from {len(lines)} product lines, the same as products.jsonl; "
        f"{len(queries)} queries, {sum(grades.values()):,} judgments "
        f"({', '.join(f'{grades[g]} of grade {g}' for g in (3, 2, 1, 0))})"
    )
    return problems, summary


def _check_products(products: list[dict[str, Any]]) -> list[str]:
    sys.path.insert(0, str(REPO))
    from search.catalog import InvalidProduct, Product

    problems = []
    for product_id, count in Counter(p["id"] for p in products).items():
        if count > 1:
            problems.append(f"id {product_id} is used by {count} products")
    for link, count in Counter(p["link"] for p in products).items():
        if count > 1:
            problems.append(f"link {link} is used by {count} products")
    for product in products:
        try:
            Product.from_raw(product)
        except InvalidProduct as exc:
            problems.append(f"product {product['id']} is not a valid Product: {exc}")
        if product["availability"] not in AVAILABILITY:
            problems.append(f"product {product['id']}: availability {product['availability']!r}")
        if "{" in product["title"] or "}" in product["title"]:
            problems.append(f"product {product['id']}: a brace left in the title {product['title']!r}")
    return problems


def _check_file_matches(path: Path, products: list[dict[str, Any]]) -> list[str]:
    try:
        written = path.read_text(encoding="utf-8")
    except OSError as exc:
        return [f"{path.name}: {exc.strerror or exc}"]
    if written == render(products):
        return []
    rewrite = "run `python data/demo/build_catalog.py` to rewrite it from lines/"
    rows = written.splitlines()
    if len(rows) != len(products):
        return [f"{path.name} has {len(rows)} products, the expansion of lines/ {len(products)}: {rewrite}"]
    for number, (row, product) in enumerate(zip(rows, products, strict=True), 1):
        if row != json.dumps(product, ensure_ascii=False):
            try:
                written_product = json.loads(row)
            except json.JSONDecodeError:
                written_product = {}
            fields = [k for k in FIELD_ORDER if written_product.get(k) != product.get(k)] or ["the field order"]
            return [
                f"{path.name} line {number} ({product['id']}) differs from lines/ in {', '.join(fields)}: {rewrite}"
            ]
    return [f"{path.name} differs from the expansion of lines/ (line endings?): {rewrite}"]


def _rows(path: Path, problems: list[str]) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        problems.append(f"{path.name}: {exc.strerror or exc}")
        return []


def _read_tsv_queries(path: Path) -> tuple[dict[str, str], list[str]]:
    queries: dict[str, str] = {}
    problems: list[str] = []
    for number, row in enumerate(_rows(path, problems), 1):
        qid, _, text = row.partition("\t")
        if not qid or not text.strip():
            problems.append(f"{path.name} line {number}: expected `qid<TAB>query`, got {row!r}")
        elif qid in queries:
            problems.append(f"{path.name} line {number}: query id {qid} appears twice")
        else:
            queries[qid] = text
    return queries, problems


def _read_queries(directory: Path) -> tuple[dict[str, str], list[str]]:
    chinese, problems = _read_tsv_queries(directory / "queries.tsv")
    english, problems_en = _read_tsv_queries(directory / "queries_en.tsv")
    problems += problems_en
    if only := sorted(set(chinese) - set(english)):
        problems.append(f"queries_en.tsv lacks {', '.join(only)} of queries.tsv")
    if only := sorted(set(english) - set(chinese)):
        problems.append(f"queries.tsv lacks {', '.join(only)} of queries_en.tsv")
    return chinese, problems


def _read_qrels(path: Path, queries: dict[str, str], ids: set[str]) -> tuple[dict[str, dict[str, int]], list[str]]:
    """qrels.tsv in TREC format, `qid 0 product_id grade`, grades 0-3."""
    qrels: dict[str, dict[str, int]] = {qid: {} for qid in queries}
    problems: list[str] = []
    for number, row in enumerate(_rows(path, problems), 1):
        fields = row.split(" ")
        where = f"{path.name} line {number}"
        if len(fields) != 4 or fields[1] != "0" or fields[3] not in ("0", "1", "2", "3"):
            problems.append(f"{where}: expected `qid 0 product_id grade` (grade 0-3), got {row!r}")
            continue
        qid, _, product_id, grade = fields
        if qid not in queries:
            problems.append(f"{where}: query {qid} is not in queries.tsv")
        elif product_id not in ids:
            problems.append(f"{where}: product {product_id} is not in the catalog")
        elif product_id in qrels[qid]:
            problems.append(f"{where}: {qid} judges {product_id} twice")
        else:
            qrels[qid][product_id] = int(grade)
    for qid, judged in qrels.items():
        if not any(grade >= 2 for grade in judged.values()):
            problems.append(f"query {qid} ({queries[qid]}) has no judgment of grade 2 or 3")
    return qrels, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="check only; do not write products.jsonl")
    parser.add_argument("--dir", type=Path, default=HERE, help="the demo folder (default: this script's)")
    args = parser.parse_args(argv)
    if not args.check:
        try:
            products = expand(load_lines(args.dir))
        except CatalogError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        (args.dir / "products.jsonl").write_text(render(products), encoding="utf-8")
    problems, summary = check(args.dir)
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in {args.dir}", file=sys.stderr)
        return 1
    print(f"ok: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
