"""The result cache: least recently used entries go first, entries expire after their time to live."""

from search.result_cache import ResultCache


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_least_recently_used_entry_is_evicted():
    cache: ResultCache[str] = ResultCache(size=2, ttl_s=60, clock=Clock())
    cache.put("a", "A")
    cache.put("b", "B")
    assert cache.get("a") == "A"  # a is now the most recently used
    cache.put("c", "C")
    assert cache.get("b") is None and cache.get("a") == "A" and cache.get("c") == "C" and len(cache) == 2


def test_entries_expire_and_size_zero_disables():
    clock = Clock()
    cache: ResultCache[str] = ResultCache(size=10, ttl_s=5, clock=clock)
    cache.put("q", "result")
    clock.now = 5.0
    assert cache.get("q") == "result"
    clock.now = 5.1
    assert cache.get("q") is None and len(cache) == 0
    off: ResultCache[str] = ResultCache(size=0, ttl_s=5, clock=clock)
    off.put("q", "result")
    assert off.get("q") is None
