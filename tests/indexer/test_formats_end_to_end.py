"""Each feed format indexed end to end: good rows searchable, bad rows reported and written back in the format."""

import csv
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from indexer.feeds import read_feed
from indexer.pipeline import IndexPipeline, default_rejects_path, reasons_path
from search.backends.embedded.backend import EmbeddedBackend
from search.writer import CatalogWriter

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture()
def pipeline(tmp_path, embedder, analysis):
    backend = EmbeddedBackend(tmp_path / "data", embedder.name, embedder.dim, create=True)
    yield IndexPipeline(CatalogWriter(backend, embedder, analysis.segmenter), batch_size=2)
    backend.close()


def run(pipeline, tmp_path, name):
    feed = FIXTURES / name
    rejects = default_rejects_path(tmp_path / "data", feed)
    report = pipeline.run(feed, rejects_path=rejects)
    reasons = [json.loads(line) for line in reasons_path(rejects).read_text(encoding="utf-8").splitlines()]
    return report, rejects, reasons


def test_merchant_tsv(pipeline, tmp_path):
    report, rejects, reasons = run(pipeline, tmp_path, "merchant.tsv")
    assert (report.read, report.indexed, report.rejected) == (6, 3, 3)
    cooler = pipeline.backend.get("m-1")
    assert (cooler.price, cooler.list_price, cooler.brand) == (19.99, 24.99, "Ben & Jerry's")
    assert pipeline.backend.get("m-2").price == 1299.0  # "$1,299.00"
    described = {r.product_id: r.describe() for r in report.rejects}
    assert described["m-3"] == "merchant.tsv:4 (id 'm-3'): g:price: '12,99 EUR' is in EUR; prices must be in USD"
    assert "title: is required" in described["m-4"]
    assert "g:sale_price: cannot read 'abc'" in described["m-5"]
    assert rejects.name == "merchant.rejects.tsv"
    assert rejects.read_bytes().startswith(b"\xef\xbb\xbfg:id")  # the feed's BOM kept
    written = list(csv.reader(rejects.open(encoding="utf-8-sig", newline=""), delimiter="\t"))
    assert written[0][0] == "g:id" and [row[0] for row in written[1:]] == ["m-3", "m-4", "m-5"]
    assert [r["line"] for r in reasons] == [4, 5, 6]


def test_merchant_xml_rejects_are_an_rss_feed_of_the_bad_items(pipeline, tmp_path):
    report, rejects, reasons = run(pipeline, tmp_path, "merchant.xml")
    assert (report.read, report.indexed, report.rejected) == (5, 2, 3)
    assert pipeline.backend.get("x-1").category == "Sports & Outdoors > Camping > Backpacks"
    described = [r.describe() for r in report.rejects]
    assert described[0] == "merchant.xml item 3 (id 'x-3'): price: '12,99 EUR' is in EUR; prices must be in USD"
    assert described[1] == "merchant.xml item 4 (id 'x-4'): price: is required"
    assert "availability: 'sold out' is not one of" in described[2]
    assert rejects.name == "merchant.rejects.xml"
    ET.parse(rejects)  # well-formed
    assert [row.raw["id"] for row in read_feed(rejects)] == ["x-3", "x-4", "x-5"]  # and a feed once more
    assert [r["item"] for r in reasons] == [3, 4, 5]


def test_broken_xml_indexes_what_came_before_and_never_deletes(pipeline, tmp_path):
    pipeline.run(FIXTURES / "merchant.xml")
    report = pipeline.run(FIXTURES / "merchant_broken.xml", delete_missing=True)
    assert not report.complete and report.deleted == 0
    assert "could not be read to its end" in report.notes[0]
    assert "not well-formed" in report.rejects[-1].describe()
    assert pipeline.backend.get("x-2") is not None


def test_shopify_export(pipeline, tmp_path):
    report, rejects, reasons = run(pipeline, tmp_path, "shopify_products.csv")
    assert (report.read, report.indexed, report.rejected, report.skipped) == (7, 4, 2, {"draft": 1})
    limited = pipeline.backend.get("HF-21-LTD")
    assert (limited.price, limited.item_group_id, limited.color) == (1299.0, "hydro-flask-21oz", "Limited Edition")
    assert (pipeline.backend.get("HF-21-PAC").price, pipeline.backend.get("HF-21-PAC").list_price) == (29.95, 34.95)
    assert "<p>" not in limited.description and "&amp;" not in limited.description
    assert pipeline.backend.get("D-1") is None
    described = {r.product_id: r.describe() for r in report.rejects}
    assert "Variant Price: '12,99 EUR' is in EUR" in described["EM-1"]
    assert described["NT-1"] == "shopify_products.csv:10 (id 'NT-1'): Title: must not be empty"
    assert rejects.name == "shopify_products.rejects.csv"
    written = list(csv.DictReader(rejects.open(encoding="utf-8-sig", newline="")))  # with the feed's BOM
    assert [row["Handle"] for row in written] == ["euro-mug", "no-title"]
    assert [r["line"] for r in reasons] == [9, 10]


def test_csv_rejects_keep_the_header_and_quoted_newlines(pipeline, tmp_path):
    report, rejects, _ = run(pipeline, tmp_path, "malformed.csv")
    assert report.rejected == 3
    written = list(csv.reader(rejects.open(encoding="utf-8-sig", newline="")))  # the feed has a BOM: so do they
    assert written[0] == ["id", "title", "brand", "price", "availability", "color"]
    assert [row[0] for row in written[1:]] == ["c-3", "c-4", "c-5"]
