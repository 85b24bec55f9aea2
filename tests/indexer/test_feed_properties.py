"""Feeds that are not what they claim: random bytes, truncated files, GB18030 and UTF-16 text, invalid gzip.

Reading never raises: every row is a record or a reason naming its line, and a file that cannot be read to its
end ends with one fatal row saying where. UTF-16 (with or without a byte-order mark) and UTF-32 are read; other
encodings are rejected row by row with a message naming the byte and, for GB18030, how to convert it.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from indexer.feeds import open_feed, read_feed
from indexer.pipeline import IndexPipeline, default_rejects_path, reasons_path
from search.backends.embedded.backend import EmbeddedBackend
from search.catalog import InvalidProduct, Product
from search.writer import CatalogWriter

pytestmark = pytest.mark.fuzz

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FEEDS = ["products.jsonl", "malformed.csv", "merchant.tsv", "merchant.xml", "shopify_products.csv"]
EXTENSIONS = [".jsonl", ".csv", ".tsv", ".xml", ".jsonl.gz", ".csv.gz", ".xml.gz"]
CATALOG_FIELDS = ["id", "title", "description", "brand", "category", "price", "price_max", "availability"]
CATALOG_FIELDS += ["image_link", "link", "attributes", "title_zh", "description_zh", "updated_at"]


def write(directory: Path, name: str, data: bytes) -> Path:
    path = directory / name
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    return path


def check_rows(path: Path) -> list:
    """Every row is a record or a reason; only the last may be fatal; records validate or are refused cleanly."""
    rows = list(read_feed(path))
    for i, row in enumerate(rows):
        assert (row.raw is None) == bool(row.error), row
        assert row.line >= 1
        assert not row.fatal or i == len(rows) - 1
        if row.raw is not None:
            try:
                Product.from_raw(row.raw)
            except InvalidProduct as exc:
                assert exc.errors and all(field and reason for field, reason in exc.errors)
    return rows


@given(data=st.binary(max_size=2_000), extension=st.sampled_from(EXTENSIONS))
@example(data=b'{"id": "1", "title": "\xc0\xff"}\n', extension=".jsonl")
@example(data=b'id,title\n1,"never closed\n' + b"x" * 200_000, extension=".csv")
@example(data=b"\xff\xfe\x00", extension=".csv")  # UTF-16 cut in the middle of a character
@example(data=b'<?xml version="1.0" encoding="x-nope"?><rss/>', extension=".xml")
def test_random_bytes_never_break_reading(tmp_path_factory, data, extension):
    check_rows(write(tmp_path_factory.mktemp("feed"), "feed" + extension, data))


@given(feed=st.sampled_from(FEEDS), cut=st.floats(0, 1), gz=st.booleans())
def test_a_truncated_feed_keeps_what_came_before_the_cut(tmp_path_factory, feed, cut, gz):
    data = (FIXTURES / feed).read_bytes()
    data = gzip.compress(data)[: int(len(gzip.compress(data)) * cut)] if gz else data[: int(len(data) * cut)]
    suffix = Path(feed).suffix
    path = tmp_path_factory.mktemp("feed") / (f"feed{suffix}.gz" if gz else f"feed{suffix}")
    path.write_bytes(data)  # already cut: no valid gzip trailer
    rows = check_rows(path)
    whole = [row.raw for row in read_feed(FIXTURES / feed) if row.raw is not None]
    read = [row.raw for row in rows if row.raw is not None]
    # Only the record at the cut may differ from the whole feed's (for Shopify, whose variant rows are grouped by
    # handle, also the one before it, when the cut falls in a handle).
    cut_records = 2 if feed.startswith("shopify") else 1
    assert all(raw in whole for raw in read[:-cut_records])


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=50),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
    max_leaves=8,
)


@given(st.dictionaries(st.sampled_from(CATALOG_FIELDS) | st.text(max_size=10), JSON_VALUES, max_size=12))
@example({"id": "x", "title": "t", "price": float("nan")})
@example({"id": "x", "title": "t", "price": 1e308 * 10})
@example({"id": "x", "title": "t", "price": "9" * 400})
@example({"id": "\x00", "title": "t", "price": 1})
def test_any_json_record_is_a_product_or_a_clear_refusal(raw):
    try:
        Product.from_raw(raw)
    except InvalidProduct as exc:
        assert exc.errors and all(field and reason for field, reason in exc.errors)


# --- encodings -------------------------------------------------------------------------------------------------

JSONL = (
    '{"id": "e-1", "title": "蓝牙耳机 Bluetooth Earbuds", "price": 19.99}\n'
    '{"id": "e-2", "title": "保温杯", "price": 9.5}\n'
)
CSV = "id,title,price\ne-1,蓝牙耳机 Bluetooth Earbuds,19.99\ne-2,保温杯,9.5\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
@pytest.mark.parametrize(("name", "text"), [("feed.jsonl", JSONL), ("feed.csv", CSV), ("feed.csv.gz", CSV)])
def test_utf16_and_utf32_feeds_are_detected_and_read(tmp_path, encoding, name, text):
    utf8 = [row.raw for row in read_feed(write(tmp_path, "utf8-" + name, text.encode()))]
    other = [row.raw for row in read_feed(write(tmp_path, name, text.encode(encoding)))]
    assert other == utf8 and len(utf8) == 2 and all(utf8)


@pytest.mark.parametrize(("name", "text"), [("feed.jsonl", JSONL), ("feed.csv", CSV), ("feed.tsv.gz", CSV)])
def test_gb18030_feeds_are_decoded_with_a_note(tmp_path, name, text):
    text = text.replace(",", "\t") if ".tsv" in name else text
    utf8 = [row.raw for row in read_feed(write(tmp_path, "utf8-" + name, text.encode()))]
    reader = open_feed(write(tmp_path, name, text.encode("gb18030")))
    assert [row.raw for row in reader.read()] == utf8 and all(utf8)
    assert reader.encoding == "gb18030"
    assert any("is not UTF-8: it was read as gb18030 (GBK) Chinese" in note for note in reader.notes)


def test_a_stray_gb18030_row_in_a_utf8_feed_is_rejected_with_how_to_convert(tmp_path):
    data = "id,title,price\ne-1,蓝牙耳机 Bluetooth Earbuds,19.99\n".encode() + "e-2,保温杯,9.5\n".encode("gb18030")
    rows = list(read_feed(write(tmp_path, "feed.csv", data)))  # mostly UTF-8: not a GB18030 file
    assert rows[0].raw["title"] == "蓝牙耳机 Bluetooth Earbuds"
    assert rows[1].raw is None
    assert "not UTF-8 text (byte 0xb1" in rows[1].error and "iconv -f GB18030 -t UTF-8" in rows[1].error


def test_latin1_rows_are_rejected_without_a_gb18030_hint(tmp_path):
    rows = list(read_feed(write(tmp_path, "feed.csv", "id,title,price\nl-1,Café crème,3\n".encode("latin-1"))))
    assert rows[0].raw is None and rows[0].error.startswith("not UTF-8 text (byte 0xe9 at character 8)")
    assert "GB18030" not in rows[0].error


def test_xml_in_an_encoding_expat_cannot_read_is_one_clear_fatal_row(tmp_path):
    xml = '<?xml version="1.0" encoding="Shift_JIS"?><rss><channel><item><id>1</id></item></channel></rss>'
    rows = list(read_feed(write(tmp_path, "feed.xml", xml.encode("shift_jis"))))
    assert len(rows) == 1 and rows[0].fatal
    assert "save the feed as UTF-8" in rows[0].error and "multi-byte encodings" in rows[0].error


def test_xml_declared_gb18030_is_decoded(tmp_path):
    xml = '<?xml version="1.0" encoding="GB18030"?><rss><channel><item><id>1</id><title>保温杯</title></item>'
    [row] = list(read_feed(write(tmp_path, "feed.xml", (xml + "</channel></rss>").encode("gb18030"))))
    assert row.raw == {"id": "1", "title": "保温杯"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not gzip at all", "not a valid gzip file"),
        (gzip.compress(JSONL.encode())[:-12], "the compressed file is truncated"),
    ],
)
def test_a_damaged_gzip_is_one_fatal_row_naming_where_reading_stopped(tmp_path, data, message):
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(data)
    rows = list(read_feed(path))
    assert rows[-1].fatal and message in rows[-1].error and "the rest was not read" in rows[-1].error


@pytest.fixture()
def pipeline(tmp_path, embedder, analysis):
    backend = EmbeddedBackend(tmp_path / "data", embedder.name, embedder.dim, create=True)
    yield IndexPipeline(CatalogWriter(backend, embedder, analysis.segmenter), batch_size=2)
    backend.close()


def test_rows_that_are_not_text_are_rejected_and_their_rejects_keep_the_original_bytes(pipeline, tmp_path):
    latin1 = "l-1,Café crème,3\n".encode("latin-1")
    original = b"id,title,price\n" + latin1 + "e-2,保温杯 Tumbler,9.5\ne-3,Plain ASCII Mug,4\n".encode()
    feed = write(tmp_path, "mixed.csv", original)
    rejects = default_rejects_path(tmp_path / "data", feed)
    report = pipeline.run(feed, rejects_path=rejects, delete_missing=True)
    assert (report.read, report.indexed, report.rejected) == (3, 2, 1)
    [described] = [r.describe() for r in report.rejects]
    assert described.startswith("mixed.csv:2: not UTF-8 text (byte 0xe9 at character 8)")
    assert rejects.read_bytes() == b"id,title,price\n" + latin1  # header and the row, byte for byte
    reasons = [json.loads(line) for line in reasons_path(rejects).read_text(encoding="utf-8").splitlines()]
    assert [r["line"] for r in reasons] == [2]
    assert pipeline.backend.get("e-3").title == "Plain ASCII Mug"


def test_a_gb18030_feed_is_indexed_and_its_rejects_stay_gb18030(pipeline, tmp_path):
    original = CSV.encode("gb18030") + "e-3,坏价格 Mug,abc\n".encode("gb18030")
    feed = write(tmp_path, "gbk.csv", original)
    rejects = default_rejects_path(tmp_path / "data", feed)
    report = pipeline.run(feed, rejects_path=rejects)
    assert (report.read, report.indexed, report.rejected) == (3, 2, 1)
    assert pipeline.backend.get("e-2").title == "保温杯"
    assert any("read as gb18030" in note for note in report.notes)
    assert rejects.read_bytes() == "id,title,price\ne-3,坏价格 Mug,abc\n".encode("gb18030")


def test_a_truncated_gzip_feed_keeps_its_good_rows_and_deletes_nothing(pipeline, tmp_path):
    pipeline.run(write(tmp_path, "first.jsonl", b'{"id": "keep-me", "title": "Old Mug", "price": 3}\n'))
    data = gzip.compress((FIXTURES / "products.jsonl").read_bytes())
    feed = tmp_path / "cut.jsonl.gz"
    feed.write_bytes(data[: len(data) // 2])
    report = pipeline.run(feed, delete_missing=True)
    assert not report.complete and report.indexed > 0 and report.deleted == 0
    assert report.rejects[-1].describe().startswith("cut.jsonl.gz:")
    assert "the compressed file is truncated" in report.rejects[-1].describe()
    assert pipeline.backend.get("keep-me") is not None
