"""Versioned cache files (`search.file_cache`): a value is read back only for its key, and a new version's write
removes the older versions' files nobody has used for a while — but not one still in use."""

from __future__ import annotations

import os
import time

from search import file_cache


def age(path, days: float) -> None:
    then = time.time() - days * 24 * 3600
    os.utime(path, (then, then))


def test_a_value_is_read_back_for_its_key_only(tmp_path):
    path = tmp_path / "thing-v1.pickle"
    assert file_cache.cached(path, "k1", lambda: [1, 2]) == [1, 2]
    assert file_cache.load(path, "k1") == [1, 2]
    assert file_cache.load(path, "k2") is None


def test_a_new_version_removes_old_unused_versions_and_keeps_recent_ones(tmp_path):
    old = tmp_path / "cedict-aaaa.pickle"
    recent = tmp_path / "cedict-bbbb.pickle"
    other_kind = tmp_path / "english-cccc.pickle"
    unversioned = tmp_path / "catalog.pickle"
    for path in (old, recent, other_kind, unversioned):
        file_cache.store(path, "key", "value")
    for path in (old, other_kind, unversioned):
        age(path, 30)
    age(recent, 30)
    assert file_cache.load(recent, "key") == "value"  # read now: in use by another install
    file_cache.store(tmp_path / "cedict-dddd.pickle", "key", "new")
    assert not old.exists()
    assert recent.exists() and other_kind.exists() and unversioned.exists()
    assert (tmp_path / "cedict-dddd.pickle").exists()
