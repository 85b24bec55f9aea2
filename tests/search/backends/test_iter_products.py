"""`iter_products` on every backend (embedded, OpenSearch on osmem-server, a real cluster when configured), and the
autocomplete vocabulary built from it, which needs nothing else from a backend."""

import pytest

from search.backends.opensearch import backend as opensearch_backend
from search.suggest.suggester import Suggester


def test_iter_products_streams_every_product_as_stored(small_backend, monkeypatch):
    monkeypatch.setattr(opensearch_backend, "PRODUCT_PAGE", 10)  # several pages on OpenSearch
    products = list(small_backend.iter_products())
    assert sorted(p.key for p in products) == sorted(small_backend.iter_keys())
    assert len(products) == 26
    by_id = {p.id: p for p in products}
    assert by_id["skin-el-anr"] == small_backend.get("default/skin-el-anr")
    assert by_id["ear-anker-p3"].title_zh == "安克 Soundcore P3 蓝牙耳机 主动降噪 无线耳机"


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("索尼", "索尼"),
        ("lany", "蓝牙耳机"),
        ("安克", "安克"),
        ("ankes", "安克 Soundcore P3 蓝牙耳机 主动降噪 无线耳机"),
    ],
)
def test_suggestions_build_from_the_backend(small_backend, analysis, typed, first):
    suggester = Suggester(small_backend, analysis.glossary)
    assert suggester.refresh() is True
    assert suggester.suggest(typed, 5)[0].text == first
