"""GET /metrics through real HTTP (TestClient), over the real fixture index."""

import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from search.api.app import create_app
from search.api.ratelimit import TokenBucketLimiter

PRODUCT_ROUTE = "/v1/products/{product_id}"


def scrape(client) -> dict[str, list]:
    """Samples by sample name (`haitao_http_requests_total`, ..._bucket, ...)."""
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    samples: dict[str, list] = {}
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            samples.setdefault(sample.name, []).append(sample)
    return samples


def value(samples, name, **labels) -> float:
    matching = [s.value for s in samples.get(name, []) if all(s.labels.get(k) == v for k, v in labels.items())]
    return sum(matching)


@pytest.fixture()
def client(small_settings, small_service):
    limiter = TokenBucketLimiter(per_minute=60, burst=1000, clock=lambda: 0.0)
    with TestClient(create_app(small_settings, service=small_service, rate_limiter=limiter)) as client:
        yield client


def test_requests_are_counted_by_route_template_method_and_status(client):
    before = scrape(client)
    assert value(before, "haitao_http_requests_total", route=PRODUCT_ROUTE) == 0
    for product_id in ("skin-kiehls-cream", "ear-sony-xm5"):
        assert client.get(f"/v1/products/{product_id}").status_code == 200
    assert client.get("/v1/products/nope").status_code == 404
    assert client.get("/v1/search", params={"q": "蓝牙耳机"}).status_code == 200
    after = scrape(client)
    count = "haitao_http_requests_total"
    assert value(after, count, method="GET", route=PRODUCT_ROUTE, status="200") == 2
    assert value(after, count, method="GET", route=PRODUCT_ROUTE, status="404") == 1
    assert value(after, count, method="GET", route="/v1/search", status="200") == 1
    assert value(after, count, route="/metrics", status="200") == 1  # the first scrape
    routes = {s.labels["route"] for s in after[count]}
    assert not any("kiehls" in r or "sony" in r or "nope" in r for r in routes), routes


def test_latency_histograms_per_route(client):
    for _ in range(3):
        client.get("/v1/search", params={"q": "保温杯"})
    samples = scrape(client)
    assert value(samples, "haitao_http_request_duration_seconds_count", route="/v1/search") == 3
    assert value(samples, "haitao_http_request_duration_seconds_sum", route="/v1/search") > 0
    buckets = {
        s.labels["le"]: s.value
        for s in samples["haitao_http_request_duration_seconds_bucket"]
        if s.labels["route"] == "/v1/search"
    }
    assert {"0.005", "0.01", "0.05", "0.1", "+Inf"} <= set(buckets)
    assert buckets["+Inf"] == 3


def test_index_size_readiness_and_model_are_gauges_read_at_scrape_time(client, small_service):
    samples = scrape(client)
    assert value(samples, "haitao_index_products") == small_service.backend.stats().count == 26
    assert value(samples, "haitao_ready") == 1
    assert value(samples, "haitao_model_loaded") == 1
    info = samples["haitao_info"][0].labels
    assert info["backend"] == "embedded" and info["model"].endswith("all-MiniLM-L6-v2")


def test_a_server_without_an_index_reports_not_ready(tmp_path):
    from search.config import Settings

    with TestClient(create_app(Settings(data_dir=tmp_path))) as client:
        samples = scrape(client)
    assert value(samples, "haitao_ready") == 0 and value(samples, "haitao_model_loaded") == 0
    assert "haitao_index_products" not in samples


def test_rate_limited_requests_are_counted(small_settings, small_service):
    limiter = TokenBucketLimiter(per_minute=6, burst=1, clock=lambda: 0.0)
    with TestClient(create_app(small_settings, service=small_service, rate_limiter=limiter)) as client:
        statuses = [client.get("/v1/products/skin-kiehls-cream").status_code for _ in range(3)]
        samples = scrape(client)
    assert statuses == [200, 429, 429]
    assert value(samples, "haitao_rate_limited_total") == 2
    assert value(samples, "haitao_http_requests_total", route=PRODUCT_ROUTE, status="429") == 2
    assert value(samples, "haitao_rate_limit_clients") == 1


def test_unknown_paths_and_methods_keep_labels_bounded(client):
    for i in range(5):
        client.get(f"/wp-admin/{i}.php")
    client.request("BREW", "/v1/search")
    samples = scrape(client)
    assert value(samples, "haitao_http_requests_total", route="<unmatched>", status="404") == 5
    assert value(samples, "haitao_http_requests_total", method="OTHER") == 1
    assert not any("wp-admin" in s.labels["route"] for s in samples["haitao_http_requests_total"])


def test_each_app_has_its_own_registry(small_settings, small_service):
    with (
        TestClient(create_app(small_settings, service=small_service)) as first,
        TestClient(create_app(small_settings, service=small_service)) as second,
    ):
        first.get("/v1/products/skin-kiehls-cream")
        assert value(scrape(second), "haitao_http_requests_total", route=PRODUCT_ROUTE) == 0
        assert value(scrape(first), "haitao_http_requests_total", route=PRODUCT_ROUTE) == 1


def test_openmetrics_when_the_scraper_asks_for_it(client):
    response = client.get("/metrics", headers={"Accept": "application/openmetrics-text; version=1.0.0"})
    assert response.headers["content-type"].startswith("application/openmetrics-text")
    assert response.text.rstrip().endswith("# EOF")
