"""The variant attributes (`color`, `size`, `material`, `pattern`, `gender`, `age_group`), `item_group_id` and
`list_price` are catalog fields on every backend: filtered (any of the values, case ignored), counted as disjunctive
facets, stored and read back; `attr=color:black` finds a colour given as the field too."""

import pytest

from search.backends.base import BackendQuery, Filters
from search.catalog import Product
from search.documents import build_documents
from search.retrieval import search

FLASK = dict(title="Hydro Flask 32 oz Wide Mouth Bottle", brand="Hydro Flask", item_group_id="hf-32", material="Steel")
VARIANTS = [
    Product(id="hf-32-black", color="Black", size="32 oz", price=44.95, list_price=49.95, **FLASK),
    Product(id="hf-32-pacific", color="Pacific", size="32 oz", price=44.95, list_price=49.95, **FLASK),
    Product(id="hf-40-black", color="black", size="40 oz", price=49.95, **FLASK),
    Product(
        id="tee-s", title="Kids Graphic Tee", item_group_id="tee", color="Navy", size="S", pattern="Striped",
        gender="unisex", age_group="kids", material="Cotton", price=12.0,
    ),
    Product(id="mug", title="Camp Mug", price=9.5),  # no group, no variant attributes
]  # fmt: skip


@pytest.fixture
def variant_backend(opener, embedder, analysis):
    backend = opener.open(create=True)
    backend.upsert(build_documents(VARIANTS, embedder, analysis.segmenter))
    yield backend
    backend.close()


def ids(result):
    return sorted(hit.product.id for hit in result.hits)


def test_variant_attributes_filter_any_value_case_ignored(variant_backend):
    black = search(variant_backend, BackendQuery(filters=Filters.where(color=("BLACK",))))
    assert ids(black) == ["hf-32-black", "hf-40-black"] and black.total == 2
    sized = search(variant_backend, BackendQuery(filters=Filters.where(color=("black", "navy"), size=("32 oz", "S"))))
    assert ids(sized) == ["hf-32-black", "tee-s"]
    kids = search(variant_backend, BackendQuery(filters=Filters.where(age_group=("kids",), gender=("Unisex",))))
    assert ids(kids) == ["tee-s"]
    striped = search(variant_backend, BackendQuery(filters=Filters.where(pattern=("striped",), material=("cotton",))))
    assert ids(striped) == ["tee-s"]
    group = search(variant_backend, BackendQuery(filters=Filters.where(item_group_id=("hf-32",))))
    assert ids(group) == ["hf-32-black", "hf-32-pacific", "hf-40-black"]
    assert search(variant_backend, BackendQuery(filters=Filters.where(item_group_id=("HF-32",)))).total == 0  # ids
    legacy = search(variant_backend, BackendQuery(filters=Filters(attributes=(("color", ("black",)),))))
    assert ids(legacy) == ["hf-32-black", "hf-40-black"]  # `attr=color:black` still finds them


def test_variant_attributes_are_disjunctive_facets(variant_backend):
    facets = ("color", "size", "material", "pattern", "gender", "age_group")
    everything = search(variant_backend, BackendQuery(facets=facets))
    assert everything.facets["color"] == {"Black": 1, "Pacific": 1, "black": 1, "Navy": 1}
    assert everything.facets["size"] == {"32 oz": 2, "40 oz": 1, "S": 1}
    assert everything.facets["material"] == {"Steel": 3, "Cotton": 1}
    assert everything.facets["age_group"] == {"kids": 1} and everything.facets["pattern"] == {"Striped": 1}
    ticked = search(variant_backend, BackendQuery(filters=Filters.where(size=("32 oz",)), facets=("size", "color")))
    assert ticked.total == 2
    assert ticked.facets["size"] == everything.facets["size"]  # its own filter aside
    assert ticked.facets["color"] == {"Black": 1, "Pacific": 1}  # under the size filter


def test_variant_fields_are_stored_and_read_back(variant_backend):
    stored = variant_backend.get("hf-32-pacific")
    assert (stored.item_group_id, stored.color, stored.size, stored.material) == ("hf-32", "Pacific", "32 oz", "Steel")
    assert (stored.price, stored.list_price) == (44.95, 49.95)
    plain = variant_backend.get("mug")
    assert plain.item_group_id is None and plain.color is None and plain.list_price is None
    assert variant_backend.facet_values("color", 10) == {"Black": 1, "Pacific": 1, "black": 1, "Navy": 1}
