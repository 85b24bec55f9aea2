"""The per-client rate limit: the token buckets themselves, and 429 + Retry-After through real HTTP (TestClient)
with a clock the test moves."""

import ipaddress
import random
import threading
import tracemalloc

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from search.api.app import create_app
from search.api.clients import TrustedProxies, client_bucket
from search.api.ratelimit import ENTRY_BYTES, TokenBucketLimiter

PRODUCT = "/v1/products/skin-kiehls-cream"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture()
def clock():
    return Clock()


@pytest.fixture()
def limited(small_settings, small_service, clock):
    """6 requests a minute (one token every 10 s), bursts of 2."""
    limiter = TokenBucketLimiter(per_minute=6, burst=2, clock=clock)
    settings = small_settings.model_copy(update={"trusted_proxies": ["testclient"]})
    with TestClient(create_app(settings, service=small_service, rate_limiter=limiter)) as client:
        yield client


def test_past_the_burst_a_client_gets_429_with_retry_after_until_the_bucket_refills(limited, clock):
    assert [limited.get(PRODUCT).status_code for _ in range(2)] == [200, 200]
    refused = limited.get(PRODUCT)
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "10"
    assert refused.json()["error"] == {
        "status": 429,
        "message": "too many requests: at most 6 a minute (bursts of 2); retry after 10 s",
    }
    clock.now += 9.5
    still = limited.get(PRODUCT)
    assert still.status_code == 429 and still.headers["Retry-After"] == "1"
    clock.now += 0.5
    assert limited.get(PRODUCT).status_code == 200
    assert limited.get(PRODUCT).status_code == 429


def test_every_request_counts_even_refused_ones(limited):
    """Bad keys and bad parameters spend tokens too: no free guessing."""
    assert limited.get("/v1/products/" + "x" * 300).status_code == 422
    assert limited.get("/v1/search", params={"size": 0}).status_code == 422
    assert limited.get(PRODUCT).status_code == 429


def test_probes_and_metrics_are_never_limited(limited):
    for _ in range(3):
        limited.get(PRODUCT)
    for _ in range(5):
        assert limited.get("/healthz").status_code == 200
        assert limited.get("/readyz").status_code == 200
        assert limited.get("/metrics").status_code == 200


def test_clients_have_their_own_buckets_by_the_address_trusted_proxies_name(limited):
    shopper_a, shopper_b = {"X-Forwarded-For": "203.0.113.7"}, {"X-Forwarded-For": "198.51.100.23, 203.0.113.9"}
    assert [limited.get(PRODUCT, headers=shopper_a).status_code for _ in range(3)] == [200, 200, 429]
    assert [limited.get(PRODUCT, headers=shopper_b).status_code for _ in range(3)] == [200, 200, 429]
    assert limited.get(PRODUCT).status_code == 200  # the proxy's own address is a third client


def test_x_forwarded_for_from_an_untrusted_peer_is_ignored(small_settings, small_service, clock):
    limiter = TokenBucketLimiter(per_minute=6, burst=2, clock=clock)
    settings = small_settings.model_copy(update={"trusted_proxies": []})
    with TestClient(create_app(settings, service=small_service, rate_limiter=limiter)) as client:
        spoofed = [client.get(PRODUCT, headers={"X-Forwarded-For": f"10.0.0.{i}"}).status_code for i in range(3)]
    assert spoofed == [200, 200, 429]


def test_the_key_a_request_sends_does_not_make_it_another_client(small_settings, small_service, clock):
    limiter = TokenBucketLimiter(per_minute=6, burst=2, clock=clock)
    settings = small_settings.model_copy(update={"search_api_key": SecretStr("pk-0123456789")})
    with TestClient(create_app(settings, service=small_service, rate_limiter=limiter)) as client:
        guesses = [client.get(PRODUCT, headers={"X-API-Key": f"guess-{i}"}).status_code for i in range(3)]
        assert guesses == [401, 401, 429]
        assert client.get(PRODUCT, headers={"X-API-Key": "pk-0123456789"}).status_code == 429


def test_the_limit_comes_from_the_settings(small_settings, small_service):
    settings = small_settings.model_copy(update={"rate_limit_per_minute": 1, "rate_limit_burst": 1})
    with TestClient(create_app(settings, service=small_service)) as client:
        assert client.get(PRODUCT).status_code == 200
        refused = client.get(PRODUCT)
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert "at most 1 a minute (bursts of 1)" in refused.json()["error"]["message"]


def test_a_zero_limit_turns_it_off(small_settings, small_service):
    settings = small_settings.model_copy(update={"rate_limit_per_minute": 0, "rate_limit_burst": 1})
    with TestClient(create_app(settings, service=small_service)) as client:
        assert {client.get(PRODUCT).status_code for _ in range(5)} == {200}
        assert "haitao_rate_limited" not in client.get("/metrics").text


def test_buckets_refill_at_the_rate_up_to_the_burst(clock):
    limiter = TokenBucketLimiter(per_minute=60, burst=3, clock=clock)
    assert [limiter.acquire("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limiter.acquire("a") == pytest.approx(1.0)
    clock.now += 2.5
    assert [limiter.acquire("a") for _ in range(2)] == [0.0, 0.0]
    assert limiter.acquire("a") == pytest.approx(0.5)
    clock.now += 3600  # a long idle time refills to the burst, no further
    assert [limiter.acquire("a") for _ in range(4)][-1] == pytest.approx(1.0)
    assert limiter.rejected == 3


def test_memory_is_bounded_idle_clients_are_forgotten_and_the_oldest_dropped(clock):
    room = 20 * (ENTRY_BYTES + len("192.0.2.100"))
    limiter = TokenBucketLimiter(per_minute=60, burst=2, clock=clock, max_bytes=room)
    for i in range(100):
        limiter.acquire(f"192.0.2.{i + 100}")
    assert len(limiter) == 20 and limiter.bytes <= room
    assert limiter.acquire("192.0.2.199") == 0.0 and limiter.acquire("192.0.2.100") == 0.0  # the oldest was dropped
    clock.now += 2.0  # every bucket is full again: nothing is lost by forgetting them
    limiter.acquire("192.0.2.1")
    assert len(limiter) == 1


def test_the_limiter_memory_is_bounded_in_bytes_whatever_the_addresses(clock):
    """IPv6 clients each with a new /64, and peers that are not addresses at all (the longest keys): the memory
    the limiter really holds (tracemalloc) stays within its byte budget."""
    max_bytes = 1024 * 1024
    limiter = TokenBucketLimiter(per_minute=60, burst=2, clock=clock, max_bytes=max_bytes)
    rng = random.Random(12)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for i in range(60_000):
            if i % 3:
                limiter.acquire(str(ipaddress.IPv6Address(rng.getrandbits(128))))
            else:
                limiter.acquire("unix-socket-peer-" + "x" * 500 + str(i))
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert limiter.bytes <= max_bytes and len(limiter) >= max_bytes // (ENTRY_BYTES + 70)
    assert held <= max_bytes * 1.25, held


@pytest.mark.parametrize(
    "spellings",
    [
        [
            "2001:db8::1",
            "2001:DB8::1",
            "2001:0db8:0000:0000:0000:0000:0000:0001",
            "2001:db8::1%eth0",
            "[2001:db8::1]:443",
        ],
        ["2001:db8:0:0:1::1", "2001:db8::ffff:1:2:3", "2001:db8::2"],  # one /64: one client
        ["192.0.2.1", "::ffff:192.0.2.1", "::ffff:c000:201", "192.0.2.1:8080", "[::ffff:192.0.2.1]:80"],
    ],
)
def test_every_spelling_of_one_client_shares_one_bucket(limited, spellings):
    statuses = [limited.get(PRODUCT, headers={"X-Forwarded-For": s}).status_code for s in spellings]
    assert statuses == [200, 200, *[429] * (len(spellings) - 2)]


def test_buckets_are_ipv4_addresses_and_ipv6_slash_64s():
    assert client_bucket("2001:DB8:0:0:1::1%eth0") == "2001:db8::/64"
    assert client_bucket("2001:db8:0:1::1") == "2001:db8:0:1::/64"
    assert client_bucket("::ffff:10.1.2.3") == "10.1.2.3" == client_bucket("10.1.2.3")
    assert client_bucket("testclient") == "other:testclient"
    assert len(client_bucket("x" * 10_000)) == len("other:") + 64


def test_only_a_well_formed_forwarded_address_is_believed(limited):
    """Anything else in X-Forwarded-For counts as the trusted proxy itself: no fresh budget, no memory."""
    forged = ["x" * 15_000, "1.2.3.4.5", "2001:db8::g", "<script>", "300.1.1.1", "1.2.3.4:99999x", "", " , ,"]
    statuses = [limited.get(PRODUCT, headers={"X-Forwarded-For": value}).status_code for value in forged]
    assert statuses == [200, 200, *[429] * (len(forged) - 2)]
    assert len(limited.app.state.rate_limiter) == 1  # the proxy's own bucket


def test_the_client_is_the_first_untrusted_address_from_the_right():
    proxies = TrustedProxies(["10.0.0.0/8", "2001:db8:ffff::/48", "testclient"])
    assert proxies.client("10.0.0.1", "203.0.113.7, 198.51.100.1, 10.2.3.4") == "198.51.100.1"
    assert proxies.client("10.0.0.1", "203.0.113.7, [2001:db8:ffff::9]:80") == "203.0.113.7"
    assert proxies.client("10.0.0.1", "203.0.113.7, garbage, 10.2.3.4") == "10.2.3.4"  # stops at the garbage
    assert proxies.client("192.0.2.1", "203.0.113.7") == "192.0.2.1"  # not a proxy: its header is ignored
    assert proxies.client("::ffff:10.0.0.1", "203.0.113.7") == "203.0.113.7"  # a mapped proxy address


def test_forgetting_an_idle_client_never_gives_it_more_than_a_full_bucket(clock):
    limiter = TokenBucketLimiter(per_minute=60, burst=2, clock=clock)
    assert [limiter.acquire("a"), limiter.acquire("a")] == [0.0, 0.0]
    clock.now += 1.0  # half refilled: must be remembered
    limiter.acquire("b")
    assert limiter.acquire("a") == 0.0 and limiter.acquire("a") > 0


def test_concurrent_requests_never_take_more_than_the_burst(clock):
    limiter = TokenBucketLimiter(per_minute=60, burst=100, clock=clock)
    granted = []

    def hammer():
        granted.extend(1 for _ in range(50) if limiter.acquire("same") == 0.0)

    threads = [threading.Thread(target=hammer) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(granted) == 100 and limiter.rejected == 300
