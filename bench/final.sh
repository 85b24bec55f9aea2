#!/usr/bin/env bash
# Every figure issue 18's acceptance asks for, in one run, each step rewriting its section of docs/benchmarks.md:
#
#     bench/final.sh            # on a quiet machine: about 30 minutes (less when the indexes are current)
#     bench/final.sh --quick    # tiny sizes and durations: checks that every step runs (figures meaningless)
#
# First what does not depend on a quiet machine: the evaluation indexes and the 100,000- and 300,000-product
# indexes (rebuilt from the embedding caches only when the schema changed), and the encoders' nDCG (exact).
# Then the timings, most important first: HTTP at 100,000 products (1, 4, 16 clients, every mode; `haitao serve`
# as it runs by default, then hybrid with one worker process for comparison), in process and
# at 300,000 (bench/scale.py), the demo catalog over HTTP (hybrid against keyword), keyword mode stage by stage
# against bm25s, cold indexing against raw torch, the peers side by side, and the collapse benchmark where there
# is one. The load average is logged before each step (var/bench/final.log).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
QUICK=0
[[ "${1:-}" == "--quick" ]] && QUICK=1
LOG=var/bench/final.log
mkdir -p var/bench
export HF_HUB_OFFLINE=1

step() { echo "== $(date -u '+%F %T') UTC, load average $(cut -d' ' -f1-3 /proc/loadavg): $*" | tee -a "$LOG"; }

if ((QUICK)); then
    SIZES=(3000 6000); UNIQUE=3000; DURATION=1; WARMUP=0.5; INDEX_SIZE=200; ROUNDS=1
    ENCODERS=(--texts 64 --kinds onnx onnx-int8 --skip-chorus --no-server); PEERS=(haitao bm25s lucene-bm25)
else
    SIZES=(100000 300000); UNIQUE=100000; DURATION=6; WARMUP=2; INDEX_SIZE=5000; ROUNDS=2
    ENCODERS=(--texts 1000)
    PEERS=(haitao txtai txtai-numpy lancedb bm25s lucene-bm25 lucene-hnsw lucene-hybrid)
fi
HTTP_INDEX=var/bench/scale-${SIZES[0]}

step "start at commit $(git rev-parse --short HEAD); top processes:"
{ ps -eo pcpu,etime,args --sort=-pcpu | head -8 | cut -c1-150 | tee -a "$LOG"; } || true

step "the evaluation indexes (demo, Chorus): incremental, rebuilt only for a new schema"
$PY -c "
import sys; sys.path.insert(0, 'bench')
from pathlib import Path
from common import CHORUS, ensure_index
ensure_index(Path('data/demo/products.jsonl'))
ensure_index(CHORUS / 'products.jsonl')
"
step "the ${SIZES[*]}-product indexes (kept when current; else rebuilt from the embedding cache)"
$PY bench/scale.py --sizes "${SIZES[@]}" --unique "$UNIQUE" --build-only --reuse-build | tee -a "$LOG"

step "encoders: torch, ONNX fp32, ONNX int8 (nDCG exact; timings need the quiet machine)"
$PY bench/encoders.py "${ENCODERS[@]}" | tail -20 | tee -a "$LOG"

step "quiet from here: the timings"
uptime | tee -a "$LOG"

step "HTTP load at ${SIZES[0]} products: every mode at 1, 4, 16 clients"
$PY bench/http_load.py --data-dir "$HTTP_INDEX" --queries data/demo/queries.tsv --every-mode \
    --duration "$DURATION" --warmup "$WARMUP" --section http-load-100k \
    --title "HTTP load, ${SIZES[0]} products" | tail -25 | tee -a "$LOG"

step "HTTP hybrid at ${SIZES[0]} products with one worker process: the default (one per core) against it"
$PY bench/http_load.py --data-dir "$HTTP_INDEX" --queries data/demo/queries.tsv --scenarios hybrid --workers 1 \
    --duration "$DURATION" --warmup "$WARMUP" --section http-load-100k-one-worker \
    --title "HTTP load, ${SIZES[0]} products, one worker process (for comparison)" | tail -8 | tee -a "$LOG"

step "one machine at ${SIZES[*]} products: in process, over HTTP, memory, disk"
$PY bench/scale.py --sizes "${SIZES[@]}" --unique "$UNIQUE" --reuse-build --duration "$DURATION" | tee -a "$LOG"

step "the demo catalog over HTTP, caches off: hybrid against keyword"
$PY bench/http_load.py --data-dir var/eval/demo --queries data/demo/queries.tsv data/demo/queries_en.tsv \
    --clients 1 --duration "$DURATION" --warmup "$WARMUP" --section http-load-demo \
    --title "HTTP load, demo catalog (hybrid against keyword)" | tail -15 | tee -a "$LOG"

step "keyword mode stage by stage, against bm25s"
$PY bench/keyword_breakdown.py --rounds "$((ROUNDS + 2))" | tee -a "$LOG"

step "cold indexing against raw torch encode ($INDEX_SIZE products)"
$PY bench/indexing.py --sizes "$INDEX_SIZE" --section indexing-quick \
    --title "Indexing, $INDEX_SIZE products, against raw torch encode" | tail -12 | tee -a "$LOG"

step "peers side by side: ${PEERS[*]}"
$PY bench/peers.py --rounds "$ROUNDS" --engines "${PEERS[@]}" | tee -a "$LOG"

if [[ -f bench/collapse.py ]]; then
    step "collapse at ${SIZES[0]} products"
    $PY bench/collapse.py --products "${SIZES[0]}" --rounds "$ROUNDS" | tail -20 | tee -a "$LOG"
fi

step "done"
