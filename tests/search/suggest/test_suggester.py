"""The suggester over a real embedded index written with the real model: built from the index, rebuilt when the
index changes, and a clear error while it cannot be built."""

import pytest

from search.backends.base import BackendUnavailable
from search.backends.embedded.backend import EmbeddedBackend
from search.backends.opensearch.backend import OpenSearchBackend, OpenSearchConfig
from search.catalog import Product
from search.suggest.suggester import Suggester
from search.writer import CatalogWriter


@pytest.fixture()
def backend(tmp_path, embedder):
    backend = EmbeddedBackend(tmp_path, embedder.name, embedder.dim, create=True)
    yield backend
    backend.close()


def write(backend, embedder, analysis, *records):
    CatalogWriter(backend, embedder, analysis.segmenter).write([Product.from_raw(r) for r in records])


def texts(suggester, typed):
    return [s.text for s in suggester.suggest(typed, 8)]


def test_rebuilt_when_products_are_added_or_removed(backend, embedder, analysis):
    suggester = Suggester(backend, analysis.glossary)
    assert texts(suggester, "sony") == []  # an empty index: nothing to suggest, no error
    write(
        backend, embedder, analysis, {"id": "s1", "title": "Sony WH-1000XM5 Headphones", "brand": "Sony", "price": 399}
    )
    assert suggester.refresh() is True
    assert texts(suggester, "索尼") == ["索尼", "Sony WH-1000XM5"]
    assert suggester.refresh() is False  # unchanged since

    write(
        backend,
        embedder,
        analysis,
        {"id": "k1", "title": "Kirkland Fish Oil", "price": 19, "title_zh": "柯克兰 深海鱼油"},
    )
    assert suggester.refresh() is True
    assert texts(suggester, "kekelan") == ["柯克兰 深海鱼油"]
    backend.delete(["default/s1"])
    assert suggester.refresh() is True
    assert texts(suggester, "索尼") == []
    assert suggester.last_build.products_version == backend.generation()
    assert suggester.last_build.candidates == len(suggester._index)


def test_a_backend_it_cannot_read_gives_a_clear_error(embedder, analysis, free_port):
    down = OpenSearchBackend(OpenSearchConfig(url=f"http://127.0.0.1:{free_port}", timeout_s=2), embedder.name, 384)
    suggester = Suggester(down, analysis.glossary)
    with pytest.raises(BackendUnavailable, match=f"suggestions are not available yet: OpenSearch at .*:{free_port}"):
        suggester.suggest("lanya", 8)


def test_without_eager_suggestions_a_build_makes_the_lexicon_and_the_vocabulary_comes_when_asked(
    backend, embedder, analysis
):
    """`suggestions=False` (haitao search): the catalog lexicon is built, the vocabulary only at the first
    `suggest`, from the same catalog pass, and it completes exactly as an eagerly built one does."""
    write(
        backend,
        embedder,
        analysis,
        {"id": "s1", "title": "Sony WH-1000XM5 Headphones", "brand": "Sony", "price": 399},
        {"id": "k1", "title": "Kirkland Fish Oil", "price": 19, "title_zh": "柯克兰 深海鱼油"},
    )

    def build(_version, scan):
        catalog = scan()
        return analysis.lexicons.build(
            catalog.word_counts, (t.text for t in catalog.titles_zh.values()), catalog.products
        )

    lazy = Suggester(backend, analysis.glossary, lexicon_builder=build, suggestions=False)
    eager = Suggester(backend, analysis.glossary, lexicon_builder=build)
    assert lazy.refresh() is True and eager.refresh() is True
    assert lazy.lexicon is not None and lazy.lexicon.known and lazy.lexicon.document_frequency("sony") == 1
    assert lazy._index is None and lazy.last_build.candidates == 0  # no vocabulary yet
    for typed in ("索尼", "kekelan", "sonny", "fish"):
        assert texts(lazy, typed) == texts(eager, typed), typed
    assert lazy._index is not None
