import gzip

import pytest

from indexer.feeds import UnknownFormat, detect_format, read_feed

FIXTURES = __import__("pathlib").Path(__file__).resolve().parent.parent / "fixtures"


def test_jsonl_rows_carry_their_line_and_unreadable_rows_a_reason():
    rows = list(read_feed(FIXTURES / "malformed.jsonl"))
    by_line = {row.line: row for row in rows}
    assert by_line[1].raw["id"] == "ok-1"
    assert by_line[2].raw is None and "bad JSON" in by_line[2].error
    assert by_line[8].raw is None and "expected a JSON object" in by_line[8].error
    assert 10 not in by_line  # the blank line
    assert by_line[11].raw["id"] == "ok-3"


def test_csv_with_bom_crlf_quoted_newlines_and_extra_columns():
    rows = list(read_feed(FIXTURES / "malformed.csv"))
    assert [row.line for row in rows] == [2, 3, 5, 6, 7, 8]
    first = rows[0].raw
    assert next(iter(first)) == "id"  # the BOM is not part of the first column name
    assert first["title"] == "Osprey Talon 22 Hiking Backpack, Men's"
    assert rows[1].raw["title"] == "Black Diamond Trail Trekking Poles\r\nPair"
    assert rows[4].raw is None and "7 columns, the header has 6" in rows[4].error


def test_gzip_is_read_transparently(tmp_path):
    path = tmp_path / "feed.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write('{"id": "g", "title": "Gz", "price": 1}\n')
    assert detect_format(path) == "jsonl"
    [row] = list(read_feed(path))
    assert row.raw == {"id": "g", "title": "Gz", "price": 1}


def test_unknown_extension_is_refused(tmp_path):
    with pytest.raises(UnknownFormat, match="--format"):
        detect_format(tmp_path / "feed.xlsx")
