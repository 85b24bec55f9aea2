"""The server caps glibc's malloc arenas (search/api/server.py): with one arena per thread its memory crept up
under the soak although nothing leaked. The soak (bench/soak.py, docs/reliability.md) measures the effect."""

from __future__ import annotations

import sys

import pytest

from search.api.server import limit_malloc_arenas


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_the_arenas_are_capped_unless_the_environment_chose(monkeypatch):
    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
    assert limit_malloc_arenas() is True
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")  # glibc read it at start: left as the operator chose
    assert limit_malloc_arenas() is False
