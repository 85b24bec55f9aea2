"""`haitao index` end to end: real feeds, real model, real tantivy index on disk."""

import json
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from indexer.cli import app
from indexer.pipeline import IndexPipeline, reasons_path
from search.backends.base import Filters
from search.backends.embedded.backend import EmbeddedBackend
from search.catalog import Product
from search.documents import embedding_text
from search.embedding_cache import EmbeddingCache
from search.writer import CatalogWriter

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture()
def pipeline_for(embedder, analysis):
    opened = []

    def make(data_dir: Path) -> IndexPipeline:
        backend = EmbeddedBackend(data_dir, embedder.name, embedder.dim, create=True)
        opened.append(backend)
        return IndexPipeline(CatalogWriter(backend, embedder, analysis.segmenter), batch_size=2)

    yield make
    for backend in opened:
        backend.close()


def test_every_good_row_is_indexed_and_every_bad_one_reported(tmp_path, pipeline_for):
    pipeline = pipeline_for(tmp_path)
    rejects = tmp_path / "rejects.jsonl"
    report = pipeline.run(FIXTURES / "malformed.jsonl", rejects_path=rejects)
    assert (report.read, report.indexed, report.rejected) == (10, 3, 7)
    assert {pipeline.backend.get(f"default/{i}").id for i in ("ok-1", "ok-2", "ok-3")} == {"ok-1", "ok-2", "ok-3"}
    # the duplicate did not overwrite the first row
    assert pipeline.backend.get("default/ok-1").title == "Hydro Flask 21 oz Standard Mouth Water Bottle"

    reasons = {r.line: r.describe() for r in report.rejects}
    assert "bad JSON" in reasons[2]
    assert "title: is required" in reasons[3]
    assert "price: cannot read 'abc'" in reasons[4]
    assert "duplicate id, first seen on line 1" in reasons[6]
    assert "is in EUR" in reasons[7]
    assert "expected a JSON object" in reasons[8]
    assert "availability" in reasons[9]
    assert all(r.startswith("malformed.jsonl:") for r in reasons.values())

    # the rejects file holds the rejected lines as they were; their reasons are beside it
    feed_lines = (FIXTURES / "malformed.jsonl").read_text(encoding="utf-8").splitlines()
    assert rejects.read_text(encoding="utf-8").splitlines() == [feed_lines[n - 1] for n in (2, 3, 4, 6, 7, 8, 9)]
    written = [json.loads(line) for line in reasons_path(rejects).read_text(encoding="utf-8").splitlines()]
    assert [w["line"] for w in written] == [2, 3, 4, 6, 7, 8, 9]
    assert written[2]["id"] == "bad-price" and written[2]["errors"][0]["field"] == "price"
    assert written[0]["row"].startswith('{"id": "bad-json"')


def test_csv_feed_keeps_good_rows_next_to_bad_ones(tmp_path, pipeline_for):
    pipeline = pipeline_for(tmp_path)
    report = pipeline.run(FIXTURES / "malformed.csv")
    assert (report.indexed, report.rejected) == (3, 3)
    assert pipeline.backend.get("default/c-2").price == 119.95
    assert pipeline.backend.get("default/c-1").color == "Blue"  # the `color` column: the variant attribute
    assert {r.line for r in report.rejects} == {5, 6, 7}


def test_reindexing_the_same_feed_changes_nothing(tmp_path, pipeline_for):
    pipeline = pipeline_for(tmp_path)
    first = pipeline.run(FIXTURES / "products.jsonl")
    meta = (tmp_path / "index" / "meta.json").read_text()
    second = pipeline.run(FIXTURES / "products.jsonl")
    assert (first.indexed, first.unchanged) == (26, 0)
    assert (second.indexed, second.unchanged) == (0, 26)
    assert (tmp_path / "index" / "meta.json").read_text() == meta  # no commit at all


def test_a_changed_row_is_reindexed_alone(tmp_path, pipeline_for):
    pipeline = pipeline_for(tmp_path)
    feed = tmp_path / "feed.jsonl"
    rows = [json.loads(line) for line in (FIXTURES / "products.jsonl").read_text(encoding="utf-8").splitlines()]
    feed.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    pipeline.run(feed)
    rows[3]["price"] = 17.0
    feed.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    report = pipeline.run(feed)
    assert (report.indexed, report.unchanged) == (1, 25)
    assert pipeline.backend.get(f"default/{rows[3]['id']}").price == 17.0


def test_cli_reports_rejects_and_exits_zero_when_something_was_indexed(tmp_path):
    result = CliRunner().invoke(app, ["index", str(FIXTURES / "malformed.jsonl"), "--data-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "read 10, indexed 3, unchanged 0, rejected 7, skipped 0, deleted 0 in " in result.stdout
    assert "malformed.jsonl:4 (id 'bad-price'): price: cannot read 'abc'" in result.stderr
    assert (tmp_path / "rejects" / "malformed.rejects.jsonl").exists()
    assert (tmp_path / "rejects" / "malformed.rejects.reasons.jsonl").exists()


def test_cli_exits_non_zero_when_nothing_was_indexed(tmp_path):
    feed = tmp_path / "bad.jsonl"
    feed.write_text('{"id": "x"}\nnot json\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["index", str(feed), "--data-dir", str(tmp_path / "d")])
    assert result.exit_code == 1
    assert "nothing was indexed" in result.stderr


def test_cli_refuses_a_missing_file(tmp_path):
    result = CliRunner().invoke(app, ["index", str(tmp_path / "nope.jsonl"), "--data-dir", str(tmp_path)])
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_cli_search_prints_ranked_hits(small_settings):
    args = ["search", "移动电源", "--data-dir", str(small_settings.data_dir), "--size", "3", "--explain"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert '"english": "portable charger' in result.stdout
    assert "  1. pb-anker-10k" in result.stdout


def test_cli_search_without_an_index_says_how_to_build_one(tmp_path):
    result = CliRunner().invoke(app, ["search", "耳机", "--data-dir", str(tmp_path)])
    assert result.exit_code == 1 and "haitao index" in result.stderr


def test_each_batch_is_embedded_once_in_a_worker_while_the_one_before_is_written(tmp_path, embedder, analysis):
    calls: list[tuple[bool, list[str]]] = []  # (on the main thread, texts) of each call of the model

    class Recording:  # the real model, each call recorded
        name, dim = embedder.name, embedder.dim

        def encode(self, texts, batch_size=64, on_batch=None):
            calls.append((threading.current_thread() is threading.main_thread(), list(texts)))
            return embedder.encode(texts, batch_size=batch_size, on_batch=on_batch)

    feed = FIXTURES / "products.jsonl"
    products = [Product.from_raw(json.loads(line)) for line in feed.read_text("utf-8").splitlines()]
    texts = [embedding_text(product) for product in products]
    backend = EmbeddedBackend(tmp_path, embedder.name, embedder.dim, create=True)
    try:
        cache = EmbeddingCache(tmp_path, embedder.name, embedder.dim)
        with CatalogWriter(backend, Recording(), analysis.segmenter, cache=cache) as writer:  # type: ignore[arg-type]
            report = IndexPipeline(writer, batch_size=5).run(feed)
        assert report.indexed == len(texts) == 26
        embedded = [text for _, batch in calls for text in batch if text in set(texts)]
        assert sorted(embedded) == sorted(texts)  # each product embedded once: never again by its write
        assert not any(on_main for on_main, batch in calls if set(batch) & set(texts))  # all in the worker
        assert backend.stats().count == 26
        for product, text in zip(products, texts, strict=True):  # each vector is the model's of its own text
            [(key, score)] = backend.vector_leg(embedder.encode([text])[0], Filters(), 1)
            assert key == product.key and score > 0.9999
    finally:
        backend.close()
