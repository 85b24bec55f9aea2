"""Continuous updates: --delete-missing, the embedding cache, a safe --rebuild, `haitao delete` and `stats`."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from indexer.cli import app
from indexer.pipeline import IndexPipeline
from search.backends.base import IndexLocked
from search.backends.embedded.backend import EmbeddedBackend
from search.embedding_cache import EmbeddingCache
from search.writer import CatalogWriter

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ROWS = [json.loads(line) for line in (FIXTURES / "products.jsonl").read_text(encoding="utf-8").splitlines()]


def write_feed(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


class CountingEmbedder:
    """The real embedder, counting the texts it is asked to embed."""

    def __init__(self, embedder):
        self._embedder, self.name, self.dim, self.texts = embedder, embedder.name, embedder.dim, 0

    def encode(self, texts, batch_size=64, on_batch=None):
        self.texts += len(texts)
        return self._embedder.encode(texts, batch_size, on_batch)


def test_delete_missing_removes_what_a_full_feed_no_longer_lists(tmp_path, embedder, analysis):
    backend = EmbeddedBackend(tmp_path / "d", embedder.name, embedder.dim, create=True)
    pipeline = IndexPipeline(CatalogWriter(backend, embedder, analysis.segmenter), batch_size=10)
    pipeline.run(write_feed(tmp_path / "full.jsonl", ROWS[:6]))
    smaller = [*ROWS[:3], {**ROWS[3], "price": "12,99 EUR"}]  # row 4 is bad now: kept, not deleted
    report = pipeline.run(write_feed(tmp_path / "full.jsonl", smaller), delete_missing=True)
    assert (report.unchanged, report.rejected, report.deleted) == (3, 1, 2)
    assert sorted(backend.iter_ids()) == sorted(r["id"] for r in ROWS[:4])
    assert "deleted 2 in" in report.summary()
    backend.close()


def test_only_changed_texts_are_embedded_and_a_rebuild_reuses_the_cache(tmp_path, embedder, analysis):
    counting = CountingEmbedder(embedder)
    cache = EmbeddingCache(tmp_path / "d", embedder.name, embedder.dim)
    backend = EmbeddedBackend(tmp_path / "d", embedder.name, embedder.dim, create=True)
    pipeline = IndexPipeline(CatalogWriter(backend, counting, analysis.segmenter, cache=cache), batch_size=8)
    feed = write_feed(tmp_path / "f.jsonl", ROWS)
    pipeline.run(feed)
    assert counting.texts == len(ROWS)

    rows = [dict(r) for r in ROWS]
    rows[0]["price"], rows[1]["title"] = 1.0, rows[1]["title"] + " (2024 model)"
    report = pipeline.run(write_feed(feed, rows))
    assert (report.indexed, report.unchanged) == (2, len(ROWS) - 2)
    assert counting.texts == len(ROWS) + 1  # the new price needed no embedding, the new title did
    backend.close()

    rebuilt = EmbeddedBackend.rebuild(tmp_path / "d", embedder.name, embedder.dim)
    report = IndexPipeline(CatalogWriter(rebuilt, counting, analysis.segmenter, cache=cache), batch_size=8).run(feed)
    rebuilt.commit_rebuild()
    assert report.indexed == len(ROWS) and counting.texts == len(ROWS) + 1  # every vector came from the cache
    reopened = EmbeddedBackend(tmp_path / "d", embedder.name, embedder.dim)
    assert reopened.stats().count == len(ROWS) and reopened.get(rows[0]["id"]).price == 1.0
    assert [p.name for p in (tmp_path / "d").glob("index*")] == [reopened.index_dir.name]  # the old one is gone
    reopened.close()
    cache.close()


def test_an_abandoned_rebuild_leaves_the_live_index_searchable(tmp_path, embedder, analysis):
    backend = EmbeddedBackend(tmp_path, embedder.name, embedder.dim, create=True)
    IndexPipeline(CatalogWriter(backend, embedder, analysis.segmenter)).run(write_feed(tmp_path / "f.jsonl", ROWS[:3]))
    backend.close()
    rebuilt = EmbeddedBackend.rebuild(tmp_path, embedder.name, embedder.dim)
    IndexPipeline(CatalogWriter(rebuilt, embedder, analysis.segmenter)).run(write_feed(tmp_path / "g.jsonl", ROWS[3:5]))
    with pytest.raises(IndexLocked, match="one writer at a time"):
        EmbeddedBackend(tmp_path, embedder.name, embedder.dim).reserve_writer()  # the live index is held
    rebuilt.abandon_rebuild()
    live = EmbeddedBackend(tmp_path, embedder.name, embedder.dim)
    assert sorted(live.iter_ids()) == sorted(r["id"] for r in ROWS[:3])
    live.close()


def test_rebuild_with_another_model_dimension_replaces_a_mismatched_index(tmp_path, embedder, analysis):
    stale = EmbeddedBackend(tmp_path, "some/other-model", 8, create=True)
    stale.close()
    result = CliRunner().invoke(app, ["index", str(FIXTURES / "malformed.csv"), "--data-dir", str(tmp_path)])
    assert result.exit_code == 1 and "--rebuild" in result.stderr
    args = ["index", str(FIXTURES / "malformed.csv"), "--data-dir", str(tmp_path), "--rebuild"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    stats = CliRunner().invoke(app, ["stats", "--data-dir", str(tmp_path), "--json"])
    info = json.loads(stats.stdout)
    assert (info["products"], info["model"], info["dims"]) == (3, embedder.name, embedder.dim)
    assert info["updated_at"]


def test_cli_delete_and_stats(tmp_path):
    data = str(tmp_path)
    assert CliRunner().invoke(app, ["index", str(FIXTURES / "malformed.csv"), "--data-dir", data]).exit_code == 0
    result = CliRunner().invoke(app, ["delete", "c-1", "nope", "--data-dir", data])
    assert result.exit_code == 0 and "deleted 1 of 2" in result.stdout and "1 of the ids" in result.stderr
    stats = CliRunner().invoke(app, ["stats", "--data-dir", data])
    assert stats.exit_code == 0 and "products    2" in stats.stdout and "dims        384" in stats.stdout


def test_stats_without_an_index_says_how_to_build_one(tmp_path):
    result = CliRunner().invoke(app, ["stats", "--data-dir", str(tmp_path)])
    assert result.exit_code == 1 and "haitao index" in result.stderr


def test_index_is_refused_while_another_writer_holds_the_index(tmp_path, embedder):
    holder = EmbeddedBackend(tmp_path, embedder.name, embedder.dim, create=True)
    holder.reserve_writer()  # what `haitao serve` with an admin key does
    result = CliRunner().invoke(app, ["index", str(FIXTURES / "malformed.csv"), "--data-dir", str(tmp_path)])
    holder.close()
    assert result.exit_code == 1
    assert "one writer at a time" in result.stderr and "POST /v1/admin/products" in result.stderr
