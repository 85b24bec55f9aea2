"""Queries that arrive while the model is busy are embedded together (`QueryBatcher`), with the real model: fewer
passes than queries, each query's vector its lone vector to float rounding, a failed pass failing only its own
queries, `query_batch=1` keeping one pass a query."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from search.config import Settings
from search.encoders import encoder_for, load_encoder

QUERIES = ["bluetooth headphones", "保温杯", "power bank 20000mAh", "iphone 15 case", "baby formula", "dog food"]


def _counting_passes(encoder, fail_batches_over: int | None = None) -> list[int]:
    """Record the size of every pass through the model (and fail those larger than `fail_batches_over`)."""
    sizes: list[int] = []
    forward = encoder._forward

    def counted(items):
        sizes.append(len(items))
        if fail_batches_over is not None and len(items) > fail_batches_over:
            raise RuntimeError("the model failed")
        return forward(items)

    encoder._forward = counted
    return sizes


def _while_the_model_is_busy(encoder, queries: list[str]) -> list[object]:
    """Ask for every query's vector from threads of its own while another pass holds the model (as an indexer's
    batch does), then free the model: the answers (vectors or exceptions), in the order of `queries`."""

    def ask(text: str) -> object:
        try:
            return encoder.encode_query(text)
        except Exception as exc:
            return exc

    encoder._passes.acquire()
    try:
        with ThreadPoolExecutor(len(queries)) as pool:
            futures = [pool.submit(ask, q) for q in queries]
            deadline = time.monotonic() + 60
            # The first query takes the model's next pass and waits for it; the others queue behind it.
            while len(encoder._queries._waiting) < len(queries) - 1 and time.monotonic() < deadline:
                time.sleep(0.01)
            assert len(encoder._queries._waiting) == len(queries) - 1
            encoder._passes.release()
            return [f.result(timeout=120) for f in futures]
    except BaseException:
        encoder._passes.release()
        raise


def test_queries_waiting_for_the_model_go_through_in_one_pass_with_their_lone_vectors():
    encoder = load_encoder(threads=2, cache_size=0)
    alone = encoder.encode(QUERIES, batch_size=1)
    sizes = _counting_passes(encoder)
    vectors = _while_the_model_is_busy(encoder, QUERIES)
    assert sorted(sizes) == [1, len(QUERIES) - 1]  # the first query alone, then all the others together
    for vector, lone in zip(vectors, alone, strict=True):
        assert isinstance(vector, np.ndarray) and vector.shape == (384,) and vector.dtype == np.float32
        assert np.allclose(vector, lone, atol=1e-6) and float(vector @ lone) >= 0.99999


def test_a_batch_never_holds_more_than_query_batch_queries():
    encoder = load_encoder(threads=2, cache_size=0, query_batch=2)
    sizes = _counting_passes(encoder)
    vectors = _while_the_model_is_busy(encoder, QUERIES)
    assert max(sizes) == 2 and sum(sizes) == len(QUERIES)
    assert all(isinstance(v, np.ndarray) for v in vectors)


def test_query_batch_1_embeds_every_query_alone():
    encoder = encoder_for(Settings(query_batch=1), cache_size=0)
    sizes = _counting_passes(encoder)
    _while_the_model_is_busy(encoder, QUERIES)
    assert sizes == [1] * len(QUERIES)


def test_a_failed_pass_fails_its_own_queries_only_and_the_model_serves_on():
    encoder = load_encoder(threads=2, cache_size=0)
    _counting_passes(encoder, fail_batches_over=1)
    answers = _while_the_model_is_busy(encoder, QUERIES)
    assert sum(isinstance(a, np.ndarray) for a in answers) == 1  # the query that ran alone
    failed = [a for a in answers if isinstance(a, RuntimeError)]
    assert len(failed) == len(QUERIES) - 1 and all(str(a) == "the model failed" for a in failed)
    assert encoder.encode_query("running shoes").shape == (384,)  # a lone query after the failure
    assert encoder._queries._running == 0 and encoder._queries._waiting == []


def test_query_batch_is_bounded():
    for bad in (0, 65):
        with pytest.raises(ValueError, match="query_batch"):
            Settings(query_batch=bad)


def test_one_client_waits_for_nobody():
    encoder = load_encoder(threads=2, cache_size=0)
    sizes = _counting_passes(encoder)
    for query in QUERIES:
        encoder.encode_query(query)
    assert sizes == [1] * len(QUERIES)
