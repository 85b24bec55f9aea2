"""Signed paging cursors: what the codec accepts (only what a server with the same secret signed, in range) and
where the secret lives. The attacks over HTTP against a live server: tests/search/api/test_cursor_attacks.py."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import stat

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from search.catalog import MAX_PRICE
from search.config import Settings
from search.cursor import MAX_SEQ, SECRET_FILE, Cursor, CursorCodec, InvalidCursor, cursor_secret

SECRET = b"0123456789abcdef0123456789abcdef"
FP = "61fe942f0b35f646"
codec = CursorCodec(SECRET)


def decode(text: str, price_sort: bool = False, max_offset: int = 300) -> Cursor:
    return codec.decode(text, FP, max_offset, price_sort)


def signed(payload: str | bytes, secret: bytes = SECRET) -> str:
    """A cursor signed like the server signs, for any payload text: a forger who knows the secret."""
    raw = payload.encode() if isinstance(payload, str) else payload
    body = base64.urlsafe_b64encode(raw).rstrip(b"=")
    other = CursorCodec(secret)
    return f"{body.decode()}.{base64.urlsafe_b64encode(other._mac(body)).rstrip(b'=').decode()}"


def test_cursors_round_trip():
    for cursor, price_sort in [
        (Cursor(FP, offset=20), False),
        (Cursor(FP, after=(1_767_000_000_000_000,)), False),
        (Cursor(FP, after=(79.99, 1_767_000_000_000_000)), True),
    ]:
        assert decode(codec.encode(cursor), price_sort) == cursor


def test_any_changed_character_is_refused():
    text = codec.encode(Cursor(FP, offset=20))
    for i, char in enumerate(text):
        for other in {"A", "_", "0"} - {char}:
            if text[i] == ".":
                continue
            with pytest.raises(InvalidCursor):
                decode(text[:i] + other + text[i + 1 :])


def test_unsigned_and_foreign_cursors_are_refused():
    payload = json.dumps({"v": 2, "f": FP, "o": 10})
    unsigned = base64.urlsafe_b64encode(payload.encode()).rstrip(b"=").decode()
    with pytest.raises(InvalidCursor, match="not a cursor returned by this API"):
        decode(unsigned)  # the format of version 1
    with pytest.raises(InvalidCursor, match="not a cursor returned by this API"):
        decode(signed(payload, secret=b"another-server-secret-0123456789"))
    assert decode(signed(payload)) == Cursor(FP, offset=10)


def test_a_cursor_of_another_search_is_refused():
    with pytest.raises(InvalidCursor, match="belongs to another search"):
        decode(signed(json.dumps({"v": 2, "f": "0000000000000000", "o": 10})))


EXTREMES = [
    "1000000000",
    "1000000000000000000",
    str(2**63),
    str(10**30),
    "-1",
    "NaN",
    "Infinity",
    "-Infinity",
    "1e400",
    "10.5",
    "1e3",
    "true",
    "null",
    '"10"',
    "[]",
    "{}",
]


IN_RANGE = {"seq": {"1000000000"}, "price": {"10.5", "1e3"}}  # a position before every product, two prices


@pytest.mark.parametrize("value", EXTREMES)
def test_signed_positions_out_of_range_or_of_the_wrong_type_are_refused(value):
    """Even with the secret (leaked, or a bug): offsets, prices and write sequences are checked."""
    where = {
        "offset": ('{"v":2,"f":"%s","o":%s}', False),
        "seq": ('{"v":2,"f":"%s","a":[%s]}', False),
        "price": ('{"v":2,"f":"%s","a":[%s,1767000000000000]}', True),
        "seq after a price": ('{"v":2,"f":"%s","a":[19.99,%s]}', True),
    }
    for name, (template, price_sort) in where.items():
        text = signed(template % (FP, value))
        if value in IN_RANGE.get(name.split()[0], ()):
            decode(text, price_sort)
            continue
        with pytest.raises(InvalidCursor):
            decode(text, price_sort)


def test_offsets_are_bounded_by_how_deep_the_search_pages():
    assert decode(signed(json.dumps({"v": 2, "f": FP, "o": 300})), max_offset=300).offset == 300
    with pytest.raises(InvalidCursor, match="300 results deep"):
        decode(signed(json.dumps({"v": 2, "f": FP, "o": 301})), max_offset=300)


def test_a_sort_key_must_have_the_shape_of_its_sort():
    newest = signed(json.dumps({"v": 2, "f": FP, "a": [1_767_000_000_000_000]}))
    by_price = signed(json.dumps({"v": 2, "f": FP, "a": [19.99, 1_767_000_000_000_000]}))
    assert decode(newest).after == (1_767_000_000_000_000,)
    assert decode(by_price, price_sort=True).after == (19.99, 1_767_000_000_000_000)
    for text, price_sort in [(newest, True), (by_price, False)]:
        with pytest.raises(InvalidCursor, match="malformed position"):
            decode(text, price_sort)
    for key in ([MAX_PRICE * 2, 1], [-0.5, 1], [1.0, MAX_SEQ], [1.0, 2.5]):
        with pytest.raises(InvalidCursor):
            decode(signed(json.dumps({"v": 2, "f": FP, "a": key})), price_sort=True)


def test_fields_other_than_the_known_ones_are_refused():
    for payload in ({"v": 1, "f": FP, "o": 1}, {"v": 2, "f": FP}, {"v": 2, "f": FP, "o": 1, "a": [1]},
                    {"v": 2, "f": FP, "o": 1, "x": 1}, {"v": True, "f": FP, "o": 1}, [2, FP, 1]):  # fmt: skip
        with pytest.raises(InvalidCursor):
            decode(signed(json.dumps(payload)))


@pytest.mark.fuzz
@given(st.text(max_size=300))
def test_any_text_is_a_cursor_or_refused(text):
    with contextlib.suppress(InvalidCursor):
        decode(text)


@pytest.mark.fuzz
@given(st.binary(max_size=300), st.booleans())
def test_any_signed_bytes_are_a_cursor_in_range_or_refused(payload, price_sort):
    _check_in_range_or_refused(signed(payload), price_sort)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=12,
)
extreme_numbers = st.sampled_from([10**9, 10**18, 2**63, 2**64, 10**30, -1, 0, 1e400, -0.0, 1.5]) | st.floats()
numbers = extreme_numbers | st.integers() | st.floats(allow_nan=True, allow_infinity=True)


@pytest.mark.fuzz
@given(
    st.one_of(
        json_values,
        st.fixed_dictionaries({"v": st.just(2), "f": st.just(FP), "o": numbers | json_values}),
        st.fixed_dictionaries({"v": st.just(2), "f": st.just(FP), "a": st.lists(numbers, max_size=3)}),
    ),
    st.booleans(),
)
def test_any_signed_json_is_a_cursor_in_range_or_refused(payload, price_sort):
    _check_in_range_or_refused(signed(json.dumps(payload)), price_sort)


def _check_in_range_or_refused(text: str, price_sort: bool) -> None:
    try:
        cursor = decode(text, price_sort)
    except InvalidCursor:
        return
    if cursor.after is None:
        assert type(cursor.offset) is int and 0 <= cursor.offset <= 300
    else:
        *price, seq = cursor.after
        assert type(seq) is int and 0 <= seq < MAX_SEQ
        assert all(isinstance(p, float) and 0 <= p <= MAX_PRICE for p in price)
        assert len(price) == (1 if price_sort else 0)


# -- the secret ------------------------------------------------------------------------------------------------


def test_the_configured_secret_is_used(tmp_path):
    assert cursor_secret("a-configured-secret-of-some-length", tmp_path) == b"a-configured-secret-of-some-length"
    assert not (tmp_path / SECRET_FILE).exists()


def test_without_a_configured_secret_one_is_generated_once_and_kept_private(tmp_path):
    data = tmp_path / "data"
    first = cursor_secret(None, data)
    path = data / SECRET_FILE
    assert len(first) == 32 and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert cursor_secret(None, data) == first  # a restart keeps the cursors working
    path.chmod(0o644)
    assert cursor_secret(None, data) == first
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # tightened
    assert [p.name for p in data.iterdir()] == [SECRET_FILE]  # no temporary file left


def test_a_damaged_secret_file_is_replaced(tmp_path):
    (tmp_path / SECRET_FILE).write_text("not hex")
    secret = cursor_secret(None, tmp_path)
    assert len(secret) == 32 and cursor_secret(None, tmp_path) == secret


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through permissions")
def test_an_unwritable_data_dir_gives_a_key_for_this_process(tmp_path, caplog):
    tmp_path.chmod(0o500)
    try:
        secret = cursor_secret(None, tmp_path / "data")
    finally:
        tmp_path.chmod(0o700)
    assert len(secret) == 32 and "HAITAO_CURSOR_SECRET" in caplog.text


def test_a_file_where_the_data_dir_should_be_gives_a_key_for_this_process(tmp_path, caplog):
    (tmp_path / "data").write_text("a file, not a directory")
    assert len(cursor_secret(None, tmp_path / "data")) == 32
    assert "HAITAO_CURSOR_SECRET" in caplog.text


def test_a_short_configured_secret_is_refused():
    with pytest.raises(ValidationError, match="cursor_secret"):
        Settings(cursor_secret="short")
    assert Settings(cursor_secret="").cursor_secret is None  # blank = unset
