# Haitao Search — `make demo` and `make test` are the two commands of the quick start; `make help` lists the rest.
# A target's `## text` after its name is its line in `make help`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Your catalog's index (what `haitao index` and `make serve` use); the demo has its own, apart from it.
DATA_DIR ?= $(or $(HAITAO_DATA_DIR),var/data)
DEMO_DATA_DIR ?= var/demo
PORT ?= $(or $(HAITAO_PORT),8000)
DEMO_CATALOG := data/demo/products.jsonl
DEMO_SELLERS := data/demo/sellers.jsonl
GLOSSARY := search/analysis/data/glossary.tsv
TAXONOMY := search/taxonomy/data/taxonomy.tsv
INSTALLED := $(VENV)/.installed
DEV_INSTALLED := $(VENV)/.installed-dev
BENCH_INSTALLED := $(VENV)/.installed-bench
CHORUS_DIR ?= ../shared/data/chorus
export CHORUS_DIR
DEMO_INDEX := $(DEMO_DATA_DIR)/.demo-indexed
JS := clients/js
JS_INSTALLED := $(JS)/node_modules/.package-lock.json
STOREFRONT_JS := search/api/static/haitao-client.js

.PHONY: help demo serve index install test test-fast screenshots docs lint format browser js relevance bench bench-100k bench-scale bench-index bench-final fuzz audit lock clean

help: ## this list
	@echo "Usage: make TARGET [PORT=8000] [DATA_DIR=var/data]"
	@grep -E '^[a-z][a-z0-9-]*:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z0-9-]+):.*## (.*)/  \1\t\2/' | expand -t 16

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is required"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Installs come from the lock files (`make lock` writes them from pyproject.toml): every version pinned, torch
# as its CPU build (2.13.0+cpu, the local wheel), so that nothing can pull the CUDA build. Then the project itself.
LOCK := requirements.lock
DEV_LOCK := requirements-dev.lock
BENCH_LOCK := requirements-bench.lock

install: $(INSTALLED) ## set up .venv with Haitao Search (then: source .venv/bin/activate, or use .venv/bin/haitao)

$(INSTALLED): $(LOCK) pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $@

$(DEV_INSTALLED): $(INSTALLED) $(DEV_LOCK)
	$(BIN)/pip install --quiet -r $(DEV_LOCK)
	@touch $@

# pyserini 0.25.0: the newest release whose Anserini jar runs on Java 17 (Debian's OpenJDK; later ones need Java 21).
# Without its declared dependencies (see the bench extra in pyproject.toml for what it needs instead).
PYSERINI := pyserini==0.25.0
$(BENCH_INSTALLED): $(INSTALLED) $(BENCH_LOCK)
	$(BIN)/pip install --quiet -r $(BENCH_LOCK)
	$(BIN)/pip install --quiet --no-deps $(PYSERINI)
	@touch $@

PIP_COMPILE := $(BIN)/pip-compile --quiet --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links
lock: $(DEV_INSTALLED) ## re-resolve requirements*.lock from pyproject.toml (after changing a dependency)
	$(PIP_COMPILE) --output-file $(LOCK) pyproject.toml
	$(PIP_COMPILE) --extra dev --output-file $(DEV_LOCK) pyproject.toml
	$(PIP_COMPILE) --extra bench --output-file $(BENCH_LOCK) pyproject.toml

# Rebuilt (atomically, from the embedding cache) when the catalog, the glossary or the index schema changes.
SCHEMA := search/fields.py search/backends/embedded/schema.py

$(DEMO_INDEX): $(DEMO_CATALOG) $(DEMO_SELLERS) $(GLOSSARY) $(TAXONOMY) $(SCHEMA) $(INSTALLED)
	$(BIN)/haitao index $(DEMO_CATALOG) --data-dir $(DEMO_DATA_DIR) --rebuild
	$(BIN)/haitao sellers load $(DEMO_SELLERS) --data-dir $(DEMO_DATA_DIR)
	@touch $@

index: $(DEMO_INDEX) ## set up and index the demo catalog into var/demo (yours: .venv/bin/haitao index FILE)

demo: $(DEMO_INDEX) $(STOREFRONT_JS) ## set up, index the demo catalog into var/demo, serve the API and storefront on PORT
	@echo "Serving on http://127.0.0.1:$(PORT)  (try: curl 'http://127.0.0.1:$(PORT)/v1/search?q=蓝牙耳机')"
	$(BIN)/haitao serve --data-dir $(DEMO_DATA_DIR) --port $(PORT)

serve: $(INSTALLED) $(STOREFRONT_JS) ## serve your catalog's index (DATA_DIR, default var/data) on PORT
	@if [ "$${HAITAO_BACKEND:-embedded}" = embedded ] && [ ! -e "$(DATA_DIR)/manifest.json" ]; then \
		echo "note: no index in $(DATA_DIR) yet: index your catalog with .venv/bin/haitao index FILE" \
			"--data-dir $(DATA_DIR), or try the demo with make demo"; \
	fi
	$(BIN)/haitao serve --data-dir $(DATA_DIR) --port $(PORT)

lint: $(DEV_INSTALLED) ## ruff check and ruff format --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(DEV_INSTALLED) ## fix what ruff can and format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Headless Chromium and a Chinese font, from Debian, for the storefront's browser test. Installed only where missing
# and only as root; elsewhere the test is skipped (it fails instead where HAITAO_REQUIRE_BROWSER or CI is set).
BROWSER_PACKAGES := chromium fonts-wqy-microhei
browser: ## install Debian's Chromium and a Chinese font for the browser tests (as root; else a note)
	@if command -v chromium >/dev/null && fc-list :lang=zh family 2>/dev/null | grep -q .; then \
		exit 0; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing $(BROWSER_PACKAGES) for the browser test"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(BROWSER_PACKAGES); \
	else \
		echo "note: no chromium or Chinese font, and not root: the browser test will be skipped" \
			"(install: apt-get install $(BROWSER_PACKAGES))"; \
	fi

# The JavaScript client and InstantSearch adapter (clients/js): npm ci, its tests (a live server over the test
# catalog, and the check that its types match the API's OpenAPI document), then the build, whose InstantSearch
# example the browser tests open. Node and npm from Debian, packages from the npm registry.

$(JS_INSTALLED): $(JS)/package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for clients/js (Debian: apt-get install nodejs npm)"; exit 1; }
	cd $(JS) && npm ci --no-audit --no-fund
	@touch $@

# The storefront's copy of the client, one ES module bundled from its sources (a build output, not committed).
$(STOREFRONT_JS): $(JS_INSTALLED) $(JS)/openapi.json $(filter-out $(JS)/src/generated/%,$(shell find $(JS)/src -name '*.ts'))
	cd $(JS) && npm run storefront

js: $(JS_INSTALLED) $(INSTALLED) ## the JS client: npm ci, npm test (types check, live server), npm run build
	cd $(JS) && HAITAO_PYTHON=$(abspath $(BIN)/python) npm test
	cd $(JS) && npm run build

test: lint browser js ## lint, the JS client, and the whole test suite (browser tests included)
	$(BIN)/python -m pytest

# docs/configuration.md's settings table, from search/config.py (tests/search/test_config_docs.py fails when stale).
docs: $(INSTALLED) ## regenerate the generated parts of the docs (the settings table of docs/configuration.md)
	$(BIN)/python -m search.config_docs

# The browser tests write their screenshots to var/screenshots/; this refreshes the committed ones the docs show.
screenshots: $(DEV_INSTALLED) browser js ## rerun the browser tests, writing their screenshots into docs/screenshots/
	HAITAO_SCREENSHOTS_DIR=docs/screenshots $(BIN)/python -m pytest -m browser

test-fast: lint $(STOREFRONT_JS) ## lint and the suite without the slow tests (demo index, servers, browsers, every CLI command)
	$(BIN)/python -m pytest -m "not slow"

# Indexes are built under var/eval/ (reused and updated incrementally on later runs).
relevance: $(BENCH_INSTALLED) ## measure relevance (demo and Chorus suites): rewrites docs/relevance.md and .png
	$(BIN)/python bench/relevance.py

# Each step rewrites its own section of docs/benchmarks.md. About 10 minutes on 2 cores from a fresh clone
# (the Chorus catalog is embedded once, about 2 minutes; var/eval/chorus is reused afterwards).
# Without the Chorus catalog (CHORUS_DIR, default ../shared/data/chorus), the HTTP load runs on the demo catalog
# and the peers are skipped.
bench: $(BENCH_INSTALLED) ## indexing, encoders, query latency, HTTP load, peers (Lucene too): rewrites docs/benchmarks.md
	$(BIN)/python bench/indexing.py --sizes 5000 --section indexing-quick --title "Indexing, 5,000 products (make bench)"
	$(BIN)/python bench/query_analysis.py
	$(BIN)/python bench/cli_search.py
	$(BIN)/haitao index $(DEMO_CATALOG) --data-dir var/eval/demo
	$(BIN)/python bench/http_load.py --data-dir var/eval/demo --queries data/demo/queries.tsv data/demo/queries_en.tsv \
		--clients 1 --section http-load-demo --title "HTTP load, demo catalog (hybrid against keyword)"
ifneq ($(wildcard $(CHORUS_DIR)/products.jsonl),)
	$(BIN)/python bench/encoders.py
	$(BIN)/python bench/peers.py
	$(BIN)/python bench/http_load.py --data-dir var/eval/chorus --queries $(CHORUS_DIR)/queries_supahands.tsv bench/chorus/queries_zh.tsv
else
	@echo "note: $(CHORUS_DIR) not found: no side-by-side run, encoders measured on the demo suites only"
	$(BIN)/python bench/encoders.py --skip-chorus
endif

# The issue 18 figures at scale (each about 10-20 minutes; the 100,000-product index and the embedding cache are
# made once, by the first run, then reused from var/bench/): HTTP load and in-process latency at 100,000 products,
# one machine at 100,000 and 300,000, and cold indexing against torch's raw encode.
bench-100k: $(BENCH_INSTALLED) var/bench/http-100000/manifest.json ## HTTP load at 100,000 products, every mode at 1, 4, 16 clients
	$(BIN)/python bench/http_load.py --data-dir var/bench/http-100000 --queries data/demo/queries.tsv --every-mode \
		--section http-load-100k --title "HTTP load, 100,000 products" --duration 10

var/bench/http-100000/manifest.json: | $(INSTALLED)
	mkdir -p var/bench
	$(BIN)/python bench/feedgen.py var/bench/feed-100000.jsonl 100000
	$(BIN)/haitao index var/bench/feed-100000.jsonl --data-dir var/bench/http-100000

bench-scale: $(BENCH_INSTALLED) var/bench/http-100000/manifest.json ## one machine at 100,000 and 300,000 products
	$(BIN)/python bench/scale.py --sizes 100000 300000 --unique 100000

bench-index: $(BENCH_INSTALLED) ## cold indexing, 20,000 products, against raw torch encode
	$(BIN)/python bench/indexing.py --sizes 20000

bench-final: $(BENCH_INSTALLED) ## every issue 18 acceptance figure in one run (about 30 minutes; a quiet machine)
	bench/final.sh

# The tests marked `fuzz` (hypothesis, schemathesis) with the `fuzz` profile of tests/conftest.py: thousands of
# examples instead of `make test`'s bounded, derandomised few hundred.
fuzz: $(DEV_INSTALLED) ## the property-based and schema-driven tests with many more examples (minutes)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -m fuzz

# Known vulnerabilities of the installed packages (needs the network: PyPI's advisory data; not part of `make test`).
audit: $(DEV_INSTALLED) ## known vulnerabilities of the installed packages (needs the network)
	$(BIN)/pip-audit --progress-spinner off

clean: ## remove var/ (every index: yours, the demo's, the evaluation ones), the tools' caches and JS builds
	rm -rf var .pytest_cache .ruff_cache $(JS)/dist $(JS)/build $(JS)/examples/instantsearch/dist
