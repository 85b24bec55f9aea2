"""Does the popularity signal (HAITAO_POPULARITY_WEIGHT) lower nDCG? Measured with simulated shoppers' clicks, held
out: two-fold cross-validation over the judged queries of each suite.

    .venv/bin/python bench/popularity.py [--chorus] [--sessions 20] [--weights 0,0.1,0.25,0.5,1,2] [--seed 15]
    .venv/bin/python bench/popularity.py --data-dir INDEX --queries Q.tsv --qrels QRELS.tsv [--judged id|group]

The fixture catalogs have no popularity column and no events, so without shoppers the signal is zero and the
figure proves nothing. Here, for each suite (the demo's Chinese and English queries; with --chorus the Chorus
English ones too):

1. the judged queries are split in two halves by a seeded shuffle;
2. shoppers search the queries of one half through the real HTTP API (`GET /v1/search`, popularity off) and send
   their clicks through `POST /v1/events` into a copy of the index's data directory (the real events path and
   analytics store). Each of `--sessions` shoppers a query scans the first page top down (a shopper goes on past
   position p with probability 1/p: position bias) and clicks a product with a probability that grows with its
   judged grade (2^g − 1)/(2^max − 1), plus 2% noise on any product; a click on a top-grade product becomes a
   purchase one time in five. Seeded: the same run gives the same events;
3. the queries of the OTHER half are searched with popularity weight 0 and each weight given (page size 10, so the
   signal reorders the first page and 20 results beyond it, as for a shopper) and scored: nDCG@10 and condensed
   nDCG'@10 (judged documents only);
4. the halves swap, so every query is scored once, held out, and the figures are over all queries.

Beside the held-out figure, the same weights are scored on the queries the shoppers searched ("seen"): there the
clicks were drawn from the very judgments they are scored against, so it is no verdict — only the ceiling of what
the clicks could give a query they were made on (the case of a query-scoped click signal).

Never tuned per query: the weights are a grid, the figures means over the held-out queries. Prints a Markdown
table (paste it into docs/relevance.md); `--json FILE` keeps the figures.
"""

from __future__ import annotations

import json
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from common import CHORUS, EVAL_DIR, ROOT, arguments, ensure_index

from search.config import Settings
from search.encoders import encoder_for
from search.eval import CONDENSED, evaluate, read_qrels, read_queries
from search.eval.judged import Judged, doc_id
from search.eval.runner import run_queries
from search.service import Mode, SearchService

PAGE = 10
NOISE = 0.02  # the chance a shopper who looks at a product clicks it whatever its grade
PURCHASE = 0.2  # the chance a click on a top-grade product ends in a purchase


@dataclass(frozen=True)
class Suite:
    key: str
    feed: Path | None  # indexed into var/eval/ (`ensure_index`); None: `index` is an existing data directory
    queries: Path
    qrels: Path
    judged: Judged
    index: Path | None = None


def suites(chorus: bool) -> list[Suite]:
    demo = ROOT / "data" / "demo"
    out = [
        Suite("demo-zh", demo / "products.jsonl", demo / "queries.tsv", demo / "qrels.tsv", Judged.GROUP),
        Suite("demo-en", demo / "products.jsonl", demo / "queries_en.tsv", demo / "qrels.tsv", Judged.GROUP),
    ]
    if chorus:
        feed, qrels = CHORUS / "products.jsonl", CHORUS / "qrels_supahands.tsv"
        out.append(Suite("chorus-en", feed, CHORUS / "queries_supahands.tsv", qrels, Judged.ID))
    return out


def halves(qids: list[str], seed: int) -> tuple[list[str], list[str]]:
    shuffled = sorted(qids)
    random.Random(seed).shuffle(shuffled)
    middle = len(shuffled) // 2
    return sorted(shuffled[:middle]), sorted(shuffled[middle:])


def simulate_shoppers(
    data_dir: Path,
    queries: dict[str, str],
    qrels: dict[str, dict[str, float]],
    judged: Judged,
    sessions: int,
    rng: random.Random,
    embedder,
) -> dict[str, int]:
    """Shoppers search `queries` and click through the HTTP API into `data_dir`'s analytics store; the counts of
    events sent, by type."""
    from fastapi.testclient import TestClient

    from search.api.app import create_app

    settings = Settings(data_dir=data_dir, events_per_minute=0, rate_limit_per_minute=0, popularity_weight=0)
    service = SearchService(settings, embedder=embedder, suggestions=False)
    sent = {"searches": 0, "click": 0, "purchase": 0}
    top = max((g for judged_docs in qrels.values() for g in judged_docs.values()), default=1.0) or 1.0
    with TestClient(create_app(settings, service=service)) as client:
        for qid, text in queries.items():
            grades = qrels.get(qid, {})
            for _ in range(sessions):
                answer = client.get("/v1/search", params={"q": text, "size": PAGE})
                answer.raise_for_status()
                body = answer.json()
                sent["searches"] += 1
                for position, hit in enumerate(body["hits"], start=1):
                    if rng.random() > 1.0 / position:  # position bias: the shopper stopped looking above
                        break
                    product = service.get_product(hit["seller"], hit["id"])
                    grade = grades.get(doc_id(product, judged), 0.0) if product is not None else 0.0
                    wanted = (2**grade - 1) / (2**top - 1)
                    if rng.random() >= max(wanted, NOISE):
                        continue
                    kind = "purchase" if grade >= top and rng.random() < PURCHASE else "click"
                    event = {
                        "type": kind,
                        "query_id": body["query_id"],
                        "seller": hit["seller"],
                        "id": hit["id"],
                        "position": position,
                    }
                    client.post("/v1/events", json=event).raise_for_status()
                    sent[kind] += 1
    service.close()
    return sent


def measure(
    suite: Suite, weights: list[float], sessions: int, seed: int, embedder, work_dir: Path
) -> dict[str, object]:
    index = suite.index if suite.feed is None else ensure_index(suite.feed)
    assert index is not None
    queries, qrels = read_queries(suite.queries), read_qrels(suite.qrels)
    judged_qids = [qid for qid in queries if qrels.get(qid)]
    first, second = halves(judged_qids, seed)
    rankings: dict[float, dict[str, list[str]]] = {w: {} for w in weights}
    seen: dict[float, dict[str, list[str]]] = {w: {} for w in weights}
    events: dict[str, int] = {}
    for fold, (train, test) in enumerate(((first, second), (second, first))):
        work = work_dir / f"{suite.key}-{fold}"
        if work.exists():
            shutil.rmtree(work)
        shutil.copytree(index, work, ignore=shutil.ignore_patterns("analytics.sqlite*"))
        rng = random.Random(seed * 1000 + fold)
        sent = simulate_shoppers(work, {q: queries[q] for q in train}, qrels, suite.judged, sessions, rng, embedder)
        for name, count in sent.items():
            events[name] = events.get(name, 0) + count
        for weight in weights:
            settings = Settings(data_dir=work, popularity_weight=weight)
            service = SearchService(settings, embedder=embedder, suggestions=False)
            run = run_queries(service, {q: queries[q] for q in test}, PAGE, Mode.HYBRID, suite.judged)
            rankings[weight].update(run.rankings)
            run = run_queries(service, {q: queries[q] for q in train}, PAGE, Mode.HYBRID, suite.judged)
            seen[weight].update(run.rankings)
            service.close()
        print(f"{suite.key} fold {fold + 1}: {sent}", file=sys.stderr, flush=True)
    scored, ceiling = {}, {}
    judged_queries = {q: queries[q] for q in judged_qids}
    for weight in weights:
        report = evaluate(judged_queries, rankings[weight], qrels)
        scored[weight] = {"nDCG@10": report.overall["nDCG@10"], CONDENSED: report.overall[CONDENSED]}
        ceiling[weight] = evaluate(judged_queries, seen[weight], qrels).overall["nDCG@10"]
        print(f"{suite.key} weight {weight:g}: {scored[weight]}, seen {ceiling[weight]:.4f}", file=sys.stderr)
    return {"queries": len(judged_qids), "events": events, "scores": scored, "seen": ceiling}


def table(results: dict[str, dict], weights: list[float]) -> str:
    lines = [
        "| suite | queries | simulated searches / clicks / purchases | weight | held out: nDCG@10 | Δ | nDCG'@10 | Δ "
        "| seen (leaky): nDCG@10 | Δ |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for key, result in results.items():
        base = result["scores"][0.0]
        ev = result["events"]
        for weight in weights:
            got = result["scores"][weight]
            lines.append(
                f"| {key} | {result['queries']} | {ev['searches']} / {ev['click']} / {ev['purchase']} | {weight:g} | "
                f"{got['nDCG@10']:.4f} | {got['nDCG@10'] - base['nDCG@10']:+.4f} | {got[CONDENSED]:.4f} | "
                f"{got[CONDENSED] - base[CONDENSED]:+.4f} | {result['seen'][weight]:.4f} | "
                f"{result['seen'][weight] - result['seen'][0.0]:+.4f} |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = arguments(__doc__)
    parser.add_argument("--chorus", action="store_true", help="the Chorus English queries too (slower)")
    parser.add_argument("--sessions", type=int, default=20, help="simulated shoppers per training query")
    parser.add_argument("--weights", default="0,0.1,0.25,0.5,1,2", help="popularity weights (0 is the baseline)")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--only", help="one suite key (demo-zh, demo-en, chorus-en)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--data-dir", type=Path, help="measure this existing index instead (with --queries, --qrels)")
    parser.add_argument("--queries", type=Path, help="with --data-dir: the queries (TSV: qid, text)")
    parser.add_argument("--qrels", type=Path, help="with --data-dir: their judgments (TREC qrels)")
    parser.add_argument("--judged", choices=[j.value for j in Judged], default=Judged.ID.value, help="what they name")
    parser.add_argument("--work-dir", type=Path, default=EVAL_DIR / "popularity", help="where the copies go")
    args = parser.parse_args()
    weights = sorted({0.0, *(float(w) for w in args.weights.split(","))})
    if any(not 0 <= w <= 2 for w in weights):
        parser.error("--weights: each from 0 to 2 (HAITAO_POPULARITY_WEIGHT's range)")
    if args.data_dir is not None:
        if args.queries is None or args.qrels is None:
            parser.error("--data-dir needs --queries and --qrels")
        chosen = [Suite(args.data_dir.name, None, args.queries, args.qrels, Judged(args.judged), args.data_dir)]
    else:
        chosen = [s for s in suites(args.chorus) if args.only in (None, s.key)]
    embedder = encoder_for(Settings())
    results = {s.key: measure(s, weights, args.sessions, args.seed, embedder, args.work_dir) for s in chosen}
    print(table(results, weights))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str))


if __name__ == "__main__":
    main()
