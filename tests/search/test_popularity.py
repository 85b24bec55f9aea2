"""Popularity as a ranking signal: shoppers' events lift a product at the top of a ranking when it is on
(HAITAO_POPULARITY_WEIGHT), and change nothing when it is off (the default)."""

from __future__ import annotations

import time

from search.analytics.store import AnalyticsStore, EventRecord
from search.service import Mode, SearchRequest, SearchService


def test_clicked_products_rise_only_when_popularity_is_on(small_settings, small_service, embedder, tmp_path):
    request = SearchRequest(q="耳机", size=5, mode=Mode.KEYWORD)
    settings = small_settings.model_copy(update={"data_dir": tmp_path})  # the events in a directory of this test
    off = SearchService(settings, embedder=embedder, backend=small_service.backend)
    organic = [h.product.id for h in off.search(request).result.hits]
    last = organic[-1]
    store = AnalyticsStore(tmp_path)
    for _ in range(20):
        store.record_event(EventRecord("purchase", "0" * 40, "default", last, 5, time.time()))
    store.close()
    assert [h.product.id for h in off.search(request).result.hits] == organic  # off: events change nothing
    on = SearchService(settings.model_copy(update={"popularity_weight": 2.0}), embedder=embedder, backend=off.backend)
    ranked = [h.product.id for h in on.search(request).result.hits]
    assert ranked[0] == last and sorted(ranked) == sorted(organic)
