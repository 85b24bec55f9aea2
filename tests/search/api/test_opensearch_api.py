"""The API over the OpenSearch backend on a real osmem-server: 503 with a clear message while the cluster is down,
/readyz reporting it, and recovery without a restart when the cluster comes back."""

from fastapi.testclient import TestClient
from osmem_server import OsmemServer

from search.api.app import create_app
from search.backends.factory import open_backend
from search.catalog import Product
from search.config import Settings
from search.documents import build_documents
from search.service import SearchService


def test_search_answers_503_while_opensearch_is_down_and_recovers(embedder, analysis, free_port):
    port = free_port
    settings = Settings(
        backend="opensearch",
        opensearch_url=f"http://127.0.0.1:{port}",
        opensearch_timeout_s=2.0,
        opensearch_index="api",
    )
    backend = open_backend(settings, embedder.name, embedder.dim, create=True)
    service = SearchService(settings, embedder=embedder, backend=backend)
    with TestClient(create_app(settings, service=service)) as client:
        down = client.get("/v1/search", params={"q": "保温杯", "mode": "keyword"})
        assert down.status_code == 503
        message = down.json()["error"]["message"]
        assert "temporarily unavailable" in message and f"127.0.0.1:{port}" in message
        ready = client.get("/readyz")
        assert ready.status_code == 503 and "unreachable" in ready.json()["message"]

        server = OsmemServer.start(japanese=False, addr=f"127.0.0.1:{port}")
        try:
            product = Product(id="cup", title="Stanley Insulated Tumbler", price=45, title_zh="保温杯")
            backend.upsert(build_documents([product], embedder, analysis.segmenter))
            up = client.get("/v1/search", params={"q": "保温杯", "mode": "keyword"})
            assert up.status_code == 200 and [h["id"] for h in up.json()["hits"]] == ["cup"]
            assert client.get("/readyz").json() == {
                "ready": True,
                "products": 1,
                "model": embedder.name,
                "message": None,
                "degraded": False,
            }
        finally:
            server.close()
        # (the query above may still be answered from the result cache, for up to HAITAO_RESULT_CACHE_TTL_S)
        assert client.get("/v1/search", params={"q": "保温杯 不锈钢", "mode": "keyword"}).status_code == 503
