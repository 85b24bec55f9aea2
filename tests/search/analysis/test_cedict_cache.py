"""The cleaned CC-CEDICT is parsed once and read back from the user's cache by later processes."""

from __future__ import annotations

import gzip

from search.analysis import cedict as cedict_module
from search.analysis.cedict import CcCedict, cached_cedict

LINES = [
    "# CC-CEDICT test excerpt",
    "藍牙 蓝牙 [lan2 ya2] /Bluetooth (wireless technology)/",
    "耳機 耳机 [er3 ji1] /earphones/headphones/",
    "支架 支架 [zhi1 jia4] /trestle/support/stand/",
]


def write_dictionary(path, lines=LINES):
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return path


def test_the_second_load_comes_from_the_cache(tmp_path, monkeypatch):
    dictionary = write_dictionary(tmp_path / "cedict.txt.gz")
    first = cached_cedict(tmp_path / "cache", dictionary)
    assert first.senses("耳机") == ["earphones", "headphones"]
    assert len(list((tmp_path / "cache").glob("cedict-*.pickle"))) == 1

    def not_again(*_args, **_kwargs):
        raise AssertionError("parsed again")

    monkeypatch.setattr(CcCedict, "load", classmethod(not_again))
    second = cached_cedict(tmp_path / "cache", dictionary)
    assert second.senses("耳机") == first.senses("耳机") and len(second) == len(first) == 3


def test_a_damaged_cache_is_passed_by_and_replaced(tmp_path):
    dictionary = write_dictionary(tmp_path / "cedict.txt.gz")
    cached_cedict(tmp_path / "cache", dictionary)
    [cache] = (tmp_path / "cache").glob("cedict-*.pickle")
    cache.write_bytes(b"not a pickle")
    assert cached_cedict(tmp_path / "cache", dictionary).senses("蓝牙") == ["bluetooth"]
    assert cache.read_bytes() != b"not a pickle"


def test_a_new_dictionary_gets_a_new_cache(tmp_path):
    dictionary = write_dictionary(tmp_path / "cedict.txt.gz")
    cached_cedict(tmp_path / "cache", dictionary)
    write_dictionary(dictionary, [*LINES, "保溫杯 保温杯 [bao3 wen1 bei1] /vacuum flask/"])
    assert cached_cedict(tmp_path / "cache", dictionary).senses("保温杯") == ["vacuum flask"]
    assert len(list((tmp_path / "cache").glob("cedict-*.pickle"))) == 2


def test_an_unwritable_cache_directory_is_no_error(tmp_path):
    dictionary = write_dictionary(tmp_path / "cedict.txt.gz")
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache directory would be")
    assert cached_cedict(blocked / "cache", dictionary).senses("支架") == ["trestle", "support", "stand"]


def test_the_cache_lives_in_the_users_cache_directory(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cedict_module.default_cache_dir() == tmp_path / "haitao-search" / "analysis"
