"""The body of an admin batch, parsed one record at a time.

`json.loads` of a 16 MB body holds the interpreter lock for the whole parse (about half a second), in whatever
thread it runs: the event loop stalls with it. `read_batch` decodes the array's records one by one with
`JSONDecoder.raw_decode`, in a worker thread, so the lock is handed back between records (every few milliseconds at
most), and stops as soon as the batch has more records than it may: the rest is never parsed.
"""

from __future__ import annotations

import json
import re
from typing import Any

SHAPE = 'expected a JSON array of catalog records, or {"products": [...]}'
_SPACE = re.compile(r"[ \t\n\r]*")


class TooManyRecords(ValueError):
    """The batch holds more records than allowed."""


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


_DECODER = json.JSONDecoder(parse_constant=_no_constant)


def read_batch(body: bytes, max_records: int) -> list[Any]:
    """The records of `[...]` or `{"products": [...]}`; `ValueError` saying what is wrong and where, or
    `TooManyRecords` once there are more than `max_records`."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 (byte {exc.start})") from None
    try:
        records, end = _batch(text, _skip(text, 0), max_records)
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON at character {exc.pos}: {exc.msg}") from None
    except RecursionError:
        raise ValueError("invalid JSON: nested too deeply") from None
    if _skip(text, end) != len(text):
        raise ValueError(f"invalid JSON at character {end}: extra data after the batch")
    return records


def _batch(text: str, pos: int, max_records: int) -> tuple[list[Any], int]:
    if text.startswith("[", pos):
        return _array(text, pos, max_records)
    if not text.startswith("{", pos):
        raise ValueError(SHAPE)
    records, pos = None, _skip(text, pos + 1)
    while not text.startswith("}", pos):
        key, pos = _DECODER.raw_decode(text, pos)
        pos = _skip(text, pos)
        if not isinstance(key, str) or not text.startswith(":", pos):
            raise ValueError(SHAPE)
        pos = _skip(text, pos + 1)
        if key == "products":
            if not text.startswith("[", pos):
                raise ValueError(SHAPE)
            records, pos = _array(text, pos, max_records)
        else:
            _, pos = _DECODER.raw_decode(text, pos)  # other fields are ignored, as before
        pos = _skip(text, pos)
        if text.startswith(",", pos):
            pos = _skip(text, pos + 1)
        elif not text.startswith("}", pos):
            raise ValueError(f"invalid JSON at character {pos}: expected ',' or '}}'")
    if records is None:
        raise ValueError(SHAPE)
    return records, pos + 1


def _array(text: str, pos: int, max_records: int) -> tuple[list[Any], int]:
    records: list[Any] = []
    pos = _skip(text, pos + 1)
    if text.startswith("]", pos):
        return records, pos + 1
    while True:
        record, pos = _DECODER.raw_decode(text, pos)
        records.append(record)
        if len(records) > max_records:
            raise TooManyRecords(f"at most {max_records} products a request, got more")
        pos = _skip(text, pos)
        if text.startswith("]", pos):
            return records, pos + 1
        if not text.startswith(",", pos):
            raise ValueError(f"invalid JSON at character {pos}: expected ',' or ']'")
        pos = _skip(text, pos + 1)


def _skip(text: str, pos: int) -> int:
    match = _SPACE.match(text, pos)
    return match.end() if match else pos
