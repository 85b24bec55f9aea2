# Haitao Search — `make demo` and `make test` are the two commands of the quick start.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DATA_DIR ?= $(or $(HAITAO_DATA_DIR),var/data)
PORT ?= $(or $(HAITAO_PORT),8000)
DEMO_CATALOG := data/demo/products.jsonl
GLOSSARY := search/analysis/data/glossary.tsv
INSTALLED := $(VENV)/.installed
DEV_INSTALLED := $(VENV)/.installed-dev
BENCH_INSTALLED := $(VENV)/.installed-bench
CHORUS_DIR ?= ../shared/data/chorus
export CHORUS_DIR
DEMO_INDEX := $(DATA_DIR)/.demo-indexed

.PHONY: demo serve index test fuzz audit lint format browser clean help relevance bench

help:
	@echo "make demo       set up, index the demo catalog, serve the API on http://127.0.0.1:$(PORT)"
	@echo "make test       lint and run the test suite"
	@echo "make relevance  measure relevance (demo and Chorus suites); rewrites docs/relevance.md and .png"
	@echo "make bench      indexing, query latency, HTTP load and the peer engines; rewrites docs/benchmarks.md"
	@echo "make fuzz       the property-based and schema-driven tests, with many more examples (minutes)"

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is required"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# torch first, from the CPU build: otherwise sentence-transformers pulls the CUDA build.
$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e .
	@touch $@

$(DEV_INSTALLED): $(INSTALLED)
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

# pyserini 0.25.0: the newest release whose Anserini jar runs on Java 17 (Debian's OpenJDK; later ones need Java 21).
# Without its declared dependencies (see the bench extra in pyproject.toml for what it needs instead).
PYSERINI := pyserini==0.25.0
$(BENCH_INSTALLED): $(INSTALLED)
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/pip install --quiet --no-deps $(PYSERINI)
	@touch $@

# Rebuilt (atomically, from the embedding cache) when the catalog, the glossary or the index schema changes.
SCHEMA := search/backends/embedded/schema.py

$(DEMO_INDEX): $(DEMO_CATALOG) $(GLOSSARY) $(SCHEMA) $(INSTALLED)
	$(BIN)/haitao index $(DEMO_CATALOG) --data-dir $(DATA_DIR) --rebuild
	@touch $@

index: $(DEMO_INDEX)

demo: $(DEMO_INDEX)
	@echo "Serving on http://127.0.0.1:$(PORT)  (try: curl 'http://127.0.0.1:$(PORT)/v1/search?q=蓝牙耳机')"
	$(BIN)/haitao serve --data-dir $(DATA_DIR) --port $(PORT)

lint: $(DEV_INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(DEV_INSTALLED)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Headless Chromium and a Chinese font, from Debian, for the storefront's browser test. Installed only where missing
# and only as root; elsewhere the test is skipped (it fails instead where HAITAO_REQUIRE_BROWSER or CI is set).
BROWSER_PACKAGES := chromium fonts-wqy-microhei
browser:
	@if command -v chromium >/dev/null && fc-list :lang=zh family 2>/dev/null | grep -q .; then \
		exit 0; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing $(BROWSER_PACKAGES) for the browser test"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(BROWSER_PACKAGES); \
	else \
		echo "note: no chromium or Chinese font, and not root: the browser test will be skipped" \
			"(install: apt-get install $(BROWSER_PACKAGES))"; \
	fi

test: lint browser
	$(BIN)/python -m pytest

# Indexes are built under var/eval/ (reused and updated incrementally on later runs).
relevance: $(BENCH_INSTALLED)
	$(BIN)/python bench/relevance.py

# Each step rewrites its own section of docs/benchmarks.md. About 10 minutes on 2 cores from a fresh clone
# (the Chorus catalog is embedded once, about 2 minutes; var/eval/chorus is reused afterwards).
# Without the Chorus catalog (CHORUS_DIR, default ../shared/data/chorus), the HTTP load runs on the demo catalog
# and the peers are skipped.
bench: $(BENCH_INSTALLED)
	$(BIN)/python bench/indexing.py --sizes 5000 --section indexing-quick --title "Indexing, 5,000 products (make bench)"
	$(BIN)/python bench/query_analysis.py
ifneq ($(wildcard $(CHORUS_DIR)/products.jsonl),)
	$(BIN)/python bench/peers.py
	$(BIN)/python bench/http_load.py --data-dir var/eval/chorus --queries $(CHORUS_DIR)/queries_supahands.tsv bench/chorus/queries_zh.tsv
else
	@echo "note: $(CHORUS_DIR) not found: no side-by-side run; HTTP load on the demo catalog"
	$(BIN)/haitao index $(DEMO_CATALOG) --data-dir var/eval/demo
	$(BIN)/python bench/http_load.py --data-dir var/eval/demo --queries data/demo/queries.tsv data/demo/queries_en.tsv
endif

# The tests marked `fuzz` (hypothesis, schemathesis) with the `fuzz` profile of tests/conftest.py: thousands of
# examples instead of `make test`'s bounded, derandomised few hundred.
fuzz: $(DEV_INSTALLED)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -m fuzz

# Known vulnerabilities of the installed packages (needs the network: PyPI's advisory data; not part of `make test`).
audit: $(DEV_INSTALLED)
	$(BIN)/pip-audit --progress-spinner off

clean:
	rm -rf var .pytest_cache .ruff_cache
