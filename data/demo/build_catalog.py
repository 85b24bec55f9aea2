#!/usr/bin/env python3
"""Expand the demo marketplace's product lines into products.jsonl and qrels.tsv, and check every file of the demo.

The catalog is data: `lines/<section>.toml` holds one `[[line]]` table per product group, a product line as one seller
lists it (seller, item_group_id, brand, category, the facts a shopper cares about, the title and description its
listings share, its variant attributes and other attributes as templates) with its variants (id, option values, price,
list price, availability, ...). Each variant becomes one Merchant Center style product of `products.jsonl`. A line
that another seller also sells names the first seller's group (`same_as`) and brings only its own ids, prices and
stock. `sellers.jsonl` describes the sellers. README.md describes the format.

The judgments are data too: `qrels_variants.tsv` grades products (`SELLER/ID`); `qrels.tsv`, the judgments of the
groups (`SELLER/ITEM_GROUP_ID`) that search results show by default, is derived from it: a group's grade is the best
grade of its variants (JUDGING.md says why).

    python data/demo/build_catalog.py            write products.jsonl and qrels.tsv, then check everything
    python data/demo/build_catalog.py --check    check only: both must equal what the build writes (CI runs this)

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
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent

# The files of lines/, in catalog order (the order of products.jsonl).
SECTIONS = ("vit", "baby", "bty", "bag", "fsh", "elc", "kit", "out", "toy", "pet")

# Variant attributes with fields of their own (Merchant Center's names). On a line each is a template like the title's.
VARIANT_FIELDS = ("color", "size", "material", "pattern", "gender", "age_group")
GENDERS = ("male", "female", "unisex")
AGE_GROUPS = ("newborn", "infant", "toddler", "kids", "adult")
# What a line listed by a second seller takes from the line it names (`same_as`): everything but its own listing.
PRODUCT_KEYS = {"brand", "category", "facts", "title", "description", "attributes", *VARIANT_FIELDS}
LISTING_KEYS = {"seller", "item_group_id", "variants"}
LINE_KEYS = PRODUCT_KEYS | LISTING_KEYS | {"same_as"}
# Every other key of a variant is one of its option values (colour, size, count, ...), usable in the templates.
VARIANT_KEYS = {"id", "price", "list_price", "availability", "note", "description", "title_zh", "description_zh"}
AVAILABILITY = ("in_stock", "out_of_stock", "preorder", "backorder")
FIELD_ORDER = (
    "id",
    "seller",
    "item_group_id",
    "title",
    "title_zh",
    "description",
    "description_zh",
    "brand",
    "category",
    "price",
    "list_price",
    "availability",
    *VARIANT_FIELDS,
    "link",
    "image_link",
    "attributes",
)
# The fields of the marketplace model (issue 17); `--check` checks them itself where search.catalog.Product lacks them.
MARKETPLACE_FIELDS = ("seller", "item_group_id", "list_price", *VARIANT_FIELDS)
LINK = "https://shop.example.com/{seller}/products/{slug}"
IMAGE_LINK = "https://cdn.example.com/img/{seller}/{id}.jpg"
SLUG_LENGTH = 80
SELLER_ID = re.compile(r"[a-z0-9_-]{1,64}")
# Product and group ids as sellers' SKU schemes write them: no spaces or slashes, so that `SELLER/ID` names one in the
# judgments and in a URL; at most 50 characters, as Merchant Center allows.
CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,49}")
US_STATES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK "
    "OR PA RI SC SD TN TX UT VT VA WA WV WI WY".split()
)
SELLER_KEYS = ("id", "name", "state", "specialties")


class CatalogError(ValueError):
    """A line file that cannot be expanded; the message names the file, the line and the variant."""


# ---------------------------------------------------------------------------------------------------------------------
# Lines
# ---------------------------------------------------------------------------------------------------------------------


def load_lines(directory: Path) -> list[tuple[str, dict[str, Any]]]:
    """Every product group, in catalog order, as `(where, line)`; `where` names the file and the line for messages.
    A line that names another (`same_as`) comes back with that line's product keys filled in."""
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
            name = line.get("title") or f"{line.get('seller')}/{line.get('item_group_id')}"
            where = f"lines/{path.name}:{start} ({name})"
            _check_line(line, where)
            lines.append((where, line))
    return _resolve(lines)


def _check_line(line: dict[str, Any], where: str) -> None:
    problems = [f"unknown key {key!r}" for key in line if key not in LINE_KEYS]
    for key in ("seller", "item_group_id"):
        if not isinstance(line.get(key), str):
            problems.append(f"{key} is missing (a line is one seller's product group)")
    if isinstance(line.get("seller"), str) and not SELLER_ID.fullmatch(line["seller"]):
        problems.append(f"seller {line['seller']!r} is not a seller id (a-z, 0-9, '-', '_', at most 64)")
    if isinstance(line.get("item_group_id"), str) and not CODE.fullmatch(line["item_group_id"]):
        problems.append(f"item_group_id {line['item_group_id']!r}: letters, digits, '.', '-', '_', at most 50")
    if "same_as" in line:
        if not isinstance(line["same_as"], str) or line["same_as"].count("/") != 1:
            problems.append("same_as names the line another seller lists, as SELLER/ITEM_GROUP_ID")
        problems += [f"{key} comes from the line named by same_as: leave it out" for key in line if key in PRODUCT_KEYS]
    else:
        problems += [
            f"{key} is missing" for key in ("brand", "category", "facts", "title", "description") if key not in line
        ]
        if not isinstance(line.get("description", []), list) or not line.get("description"):
            problems.append("description must be a non-empty list of sentences")
        if "type" not in line.get("facts", {}):
            problems.append("facts must name the product type (type = ...)")
    for name in VARIANT_FIELDS:
        if name in line and not isinstance(line[name], str):
            problems.append(f"{name} must be a text (a template like the title's)")
        if name in line.get("attributes", {}):
            problems.append(f"attributes: {name} is a product field of its own: write `{name} = ...` on the line")
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


def _resolve(lines: list[tuple[str, dict[str, Any]]]) -> list[tuple[str, dict[str, Any]]]:
    """Each group once per seller; a `same_as` line gets the product keys of the line it names."""
    groups: dict[str, tuple[str, dict[str, Any]]] = {}
    for where, line in lines:
        key = f"{line['seller']}/{line['item_group_id']}"
        if key in groups:
            raise CatalogError(f"{where}: group {key} is also the line at {groups[key][0]}: one line per group")
        groups[key] = (where, line)
    resolved = []
    listed: dict[tuple[str, str], str] = {}
    for where, line in lines:
        if "same_as" in line:
            if (line["seller"], line["same_as"]) in listed:
                raise CatalogError(
                    f"{where}: {line['seller']} lists {line['same_as']} again (also at "
                    f"{listed[line['seller'], line['same_as']]}): a seller lists a product line once"
                )
            listed[line["seller"], line["same_as"]] = where
            named = groups.get(line["same_as"])
            if named is None:
                raise CatalogError(f"{where}: same_as {line['same_as']} names no line of the catalog")
            if "same_as" in named[1]:
                raise CatalogError(f"{where}: same_as {line['same_as']} is itself a copy: name the original line")
            if named[1]["seller"] == line["seller"]:
                raise CatalogError(f"{where}: same_as {line['same_as']}: a seller lists a product line once")
            line = {**{key: value for key, value in named[1].items() if key in PRODUCT_KEYS}, **line}
        resolved.append((where, line))
    return resolved


# ---------------------------------------------------------------------------------------------------------------------
# Expansion
# ---------------------------------------------------------------------------------------------------------------------


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
    """One product per variant, in catalog order. A seller's repeated link slug gets `-2`, `-3`, ... in that order."""
    products = []
    slugs: Counter[tuple[str, str]] = Counter()
    for where, line in lines:
        seller = line["seller"]
        for variant in line["variants"]:
            here = f"{where}, variant {variant['id']}"
            options = {key: value for key, value in variant.items() if key not in VARIANT_KEYS}
            values = {key: _text(value) for key, value in {**line["facts"], **options}.items()}
            title = _fill(line["title"], values, here)
            base = slug(title)
            slugs[seller, base] += 1
            count = slugs[seller, base]
            price = _price(variant.get("price"), "price", here)
            product: dict[str, Any] = {
                "id": variant["id"],
                "seller": seller,
                "item_group_id": line["item_group_id"],
                "title": title,
                "title_zh": variant.get("title_zh"),
                "description": _description(line, variant),
                "description_zh": variant.get("description_zh"),
                "brand": line["brand"],
                "category": line["category"],
                "price": price,
                "list_price": _list_price(variant.get("list_price"), price, here),
                "availability": variant.get("availability", "in_stock"),
                **_variant_fields(line, values, here),
                "link": LINK.format(seller=seller, slug=base if count == 1 else f"{base}-{count}"),
                "image_link": IMAGE_LINK.format(seller=seller, id=variant["id"]),
                "attributes": {name: _fill(t, values, here) for name, t in line.get("attributes", {}).items()} or None,
            }
            products.append({key: product[key] for key in FIELD_ORDER if product.get(key) is not None})
    return products


def _variant_fields(line: dict[str, Any], values: dict[str, str], where: str) -> dict[str, str]:
    fields = {name: _fill(line[name], values, where) for name in VARIANT_FIELDS if name in line}
    for name, allowed in (("gender", GENDERS), ("age_group", AGE_GROUPS)):
        if name in fields and fields[name] not in allowed:
            raise CatalogError(f"{where}: {name} {fields[name]!r} is not one of {', '.join(allowed)}")
    if empty := [name for name, value in fields.items() if not value.strip()]:
        raise CatalogError(f"{where}: {', '.join(empty)} empty (leave the field out of the line instead)")
    return fields


def _description(line: dict[str, Any], variant: dict[str, Any]) -> str:
    """The variant's own description, or the line's sentences followed by the variant's note."""
    if "description" in variant:
        return variant["description"]
    return " ".join([*line["description"], *([variant["note"]] if "note" in variant else [])])


def _price(value: Any, name: str, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise CatalogError(f"{where}: {name} must be a positive number of USD, not {value!r}")
    return float(value)


def _list_price(value: Any, price: float, where: str) -> float | None:
    """The regular price of a variant on sale: above its price (a list price equal to the price is no sale)."""
    if value is None:
        return None
    list_price = _price(value, "list_price", where)
    if not list_price > price:
        raise CatalogError(f"{where}: list_price {value} must be above the price {price} (on sale), or left out")
    return list_price


def render(products: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(product, ensure_ascii=False) + "\n" for product in products)


# ---------------------------------------------------------------------------------------------------------------------
# Judgments
# ---------------------------------------------------------------------------------------------------------------------

Judgments = dict[str, dict[str, int]]  # qid → docid → grade


def group_judgments(variants: Judgments, products: list[dict[str, Any]]) -> Judgments:
    """The grade of each judged group: the best grade of its judged variants."""
    group_of = {_docid(p): f"{p['seller']}/{p['item_group_id']}" for p in products}
    groups: Judgments = {}
    for qid, judged in variants.items():
        best: dict[str, int] = {}
        for docid, grade in judged.items():
            if docid in group_of:
                best[group_of[docid]] = max(grade, best.get(group_of[docid], grade))
        groups[qid] = best
    return groups


def render_judgments(judgments: Judgments) -> str:
    """TREC qrels sorted by query, then grade from high to low, then document."""
    rows = sorted((qid, -grade, docid) for qid, judged in judgments.items() for docid, grade in judged.items())
    return "".join(f"{qid} 0 {docid} {-negative}\n" for qid, negative, docid in rows)


def _docid(product: dict[str, Any]) -> str:
    return f"{product['seller']}/{product['id']}"


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
    sellers, problems = load_sellers(directory)
    problems += _check_sellers_sell(sellers, products)
    product_problems, unchecked = _check_products(products)
    problems += product_problems
    problems += _check_groups(products)
    problems += _check_file(directory / "products.jsonl", render(products), products)
    queries, problems_q = _read_queries(directory)
    problems += problems_q
    variants, problems_j = _read_judgments(directory / "qrels_variants.tsv", queries, {_docid(p) for p in products})
    problems += problems_j
    groups = group_judgments(variants, products)
    problems += _check_file(directory / "qrels.tsv", render_judgments(groups))
    problems += _check_same_lines(lines, groups)
    grades = Counter(grade for judged in groups.values() for grade in judged.values())
    group_count = len({(p["seller"], p["item_group_id"]) for p in products})
    summary = (
        f"{len(products):,} products in {group_count:,} groups of {len(sellers)} sellers "
        f"({sum('same_as' in line for _, line in lines)} product lines sold by a second seller), "
        f"the same as products.jsonl; {len(queries)} queries, {sum(grades.values()):,} judgments of groups "
        f"({', '.join(f'{grades[g]} of grade {g}' for g in (3, 2, 1, 0))}) from "
        f"{sum(len(judged) for judged in variants.values()):,} of products, the same as qrels.tsv"
    )
    if unchecked:
        summary += f"; search.catalog.Product has no {', '.join(unchecked)} yet: checked here"
    return problems, summary


def load_sellers(directory: Path) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """sellers.jsonl: one `{"id", "name", "state", "specialties"}` object a line."""
    sellers: dict[str, dict[str, Any]] = {}
    problems: list[str] = []
    for number, row in enumerate(_rows(directory / "sellers.jsonl", problems), 1):
        where = f"sellers.jsonl line {number}"
        try:
            seller = json.loads(row)
        except json.JSONDecodeError as exc:
            problems.append(f"{where}: not JSON: {exc.msg}")
            continue
        if not isinstance(seller, dict) or tuple(seller) != SELLER_KEYS:
            keys = list(seller) if isinstance(seller, dict) else seller
            problems.append(f"{where}: expected the keys {', '.join(SELLER_KEYS)} in this order, got {keys}")
            continue
        seller_id, name, state, specialties = (seller[key] for key in SELLER_KEYS)
        if not isinstance(seller_id, str) or not SELLER_ID.fullmatch(seller_id):
            problems.append(f"{where}: id {seller_id!r} is not a seller id (a-z, 0-9, '-', '_', at most 64)")
        elif seller_id in sellers:
            problems.append(f"{where}: seller {seller_id} appears twice")
        if not isinstance(name, str) or not name.strip():
            problems.append(f"{where}: name must be the seller's display name")
        if state not in US_STATES:
            problems.append(f"{where}: state {state!r} is not a US state code (ship-from state, e.g. CA)")
        if (
            not specialties
            or not isinstance(specialties, list)
            or not all(isinstance(s, str) and s for s in specialties)
        ):
            problems.append(f"{where}: specialties must be a non-empty list of what the seller sells")
        if isinstance(seller_id, str):
            sellers[seller_id] = seller
    return sellers, problems


def _check_sellers_sell(sellers: dict[str, dict[str, Any]], products: list[dict[str, Any]]) -> list[str]:
    selling = Counter(p["seller"] for p in products)
    problems = [f"seller {s} (of {selling[s]} products) is not in sellers.jsonl" for s in selling if s not in sellers]
    problems += [f"seller {s} of sellers.jsonl sells nothing in lines/" for s in sellers if s not in selling]
    return problems


def _product_model() -> tuple[Any, type[Exception], list[str]]:
    """search.catalog.Product, its error, and the marketplace fields it does not know (yet)."""
    sys.path.insert(0, str(REPO))
    from search.catalog import InvalidProduct, Product

    return Product, InvalidProduct, [name for name in MARKETPLACE_FIELDS if name not in Product.model_fields]


def _check_products(products: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """Problems of single products, and the fields that search.catalog.Product could not check."""
    product_model, invalid, unknown = _product_model()
    problems = []
    for (seller, product_id), count in Counter((p["seller"], p["id"]) for p in products).items():
        if count > 1:
            problems.append(f"id {product_id} of seller {seller} is used by {count} products")
    for link, count in Counter(p["link"] for p in products).items():
        if count > 1:
            problems.append(f"link {link} is used by {count} products")
    for product in products:
        name = f"product {_docid(product)}"
        if not CODE.fullmatch(product["id"]):
            problems.append(f"{name}: id: letters, digits, '.', '-', '_', at most 50 (a seller's SKU)")
        try:
            product_model.from_raw({key: value for key, value in product.items() if key not in unknown})
        except invalid as exc:
            problems.append(f"{name} is not a valid Product: {exc}")
        if product["availability"] not in AVAILABILITY:
            problems.append(f"{name}: availability {product['availability']!r}")
        if "{" in product["title"] or "}" in product["title"]:
            problems.append(f"{name}: a brace left in the title {product['title']!r}")
    return problems, unknown


def _check_groups(products: list[dict[str, Any]]) -> list[str]:
    """The variants of a group agree on its facts and differ in their option values."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for product in products:
        groups[product["seller"], product["item_group_id"]].append(product)
    problems = []
    for (seller, group), variants in groups.items():
        for fact in ("brand", "category"):
            if len({variant[fact] for variant in variants}) > 1:
                problems.append(f"group {seller}/{group}: its variants differ in {fact}")
        options = Counter(
            json.dumps([[v.get(name) for name in VARIANT_FIELDS], v.get("attributes", {})], sort_keys=True)
            for v in variants
        )
        if any(count > 1 for count in options.values()):
            problems.append(
                f"group {seller}/{group}: two variants with the same option values (a shopper cannot choose)"
            )
    return problems


def _check_same_lines(lines: list[tuple[str, dict[str, Any]]], groups: Judgments) -> list[str]:
    """A product line sold by two sellers is judged the same at both."""
    problems = []
    for where, line in lines:
        if "same_as" not in line:
            continue
        copy = f"{line['seller']}/{line['item_group_id']}"
        for qid, judged in groups.items():
            if judged.get(copy) != judged.get(line["same_as"]):
                problems.append(
                    f"{where}: {qid} grades {copy} {judged.get(copy, 'unjudged')} but the same product line "
                    f"{line['same_as']} {judged.get(line['same_as'], 'unjudged')}"
                )
    return problems


def _check_file(path: Path, expected: str, products: list[dict[str, Any]] | None = None) -> list[str]:
    """A file the build writes must hold exactly what it writes; the message names the first difference."""
    try:
        written = path.read_text(encoding="utf-8")
    except OSError as exc:
        return [f"{path.name}: {exc.strerror or exc}"]
    if written == expected:
        return []
    rewrite = "run `python data/demo/build_catalog.py` to rewrite it"
    rows, wanted = written.splitlines(), expected.splitlines()
    for number, (row, want) in enumerate(zip(rows, wanted, strict=False), 1):
        if row != want:
            if products is None:
                return [f"{path.name} line {number} is {row!r}, the build writes {want!r}: {rewrite}"]
            product = products[number - 1]
            try:
                written_product = json.loads(row)
            except json.JSONDecodeError:
                written_product = {}
            fields = [k for k in FIELD_ORDER if written_product.get(k) != product.get(k)] or ["the field order"]
            where = f"{path.name} line {number} ({_docid(product)})"
            return [f"{where} differs from lines/ in {', '.join(fields)}: {rewrite}"]
    if len(rows) != len(wanted):
        return [f"{path.name} has {len(rows)} lines, the build writes {len(wanted)}: {rewrite}"]
    return [f"{path.name} differs from what the build writes (line endings?): {rewrite}"]


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


def _read_judgments(path: Path, queries: dict[str, str], docids: set[str]) -> tuple[Judgments, list[str]]:
    """qrels_variants.tsv in TREC format, `qid 0 SELLER/ID grade`, grades 0-3."""
    judgments: Judgments = {qid: {} for qid in queries}
    problems: list[str] = []
    rows = _rows(path, problems)
    if problems:
        return judgments, problems
    for number, row in enumerate(rows, 1):
        fields = row.split(" ")
        where = f"{path.name} line {number}"
        if len(fields) != 4 or fields[1] != "0" or fields[3] not in ("0", "1", "2", "3"):
            problems.append(f"{where}: expected `qid 0 SELLER/ID grade` (grade 0-3), got {row!r}")
            continue
        qid, _, docid, grade = fields
        if qid not in queries:
            problems.append(f"{where}: query {qid} is not in queries.tsv")
        elif docid not in docids:
            problems.append(f"{where}: product {docid} (SELLER/ID) is not in the catalog")
        elif docid in judgments[qid]:
            problems.append(f"{where}: {qid} judges {docid} twice")
        else:
            judgments[qid][docid] = int(grade)
    for qid, judged in judgments.items():
        if not any(grade >= 2 for grade in judged.values()):
            problems.append(f"query {qid} ({queries[qid]}) has no judgment of grade 2 or 3")
    return judgments, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="check only; do not write products.jsonl or qrels.tsv")
    parser.add_argument("--dir", type=Path, default=HERE, help="the demo folder (default: this script's)")
    args = parser.parse_args(argv)
    if not args.check:
        try:
            products = expand(load_lines(args.dir))
        except CatalogError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        (args.dir / "products.jsonl").write_text(render(products), encoding="utf-8")
        queries, problems = _read_queries(args.dir)
        docids = {_docid(p) for p in products}
        variants, problems_j = _read_judgments(args.dir / "qrels_variants.tsv", queries, docids)
        if not problems + problems_j:  # otherwise the check below names what to fix first
            (args.dir / "qrels.tsv").write_text(render_judgments(group_judgments(variants, products)), "utf-8")
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
