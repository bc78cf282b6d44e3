# The two commands of the README. Each creates .venv and installs on first use.
VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed-stamp
SAMPLES := src/supplyline/data/samples
DB      ?= supplyline.db
REPORT  ?= report.html

.PHONY: run test lint bench clean browser model

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --upgrade pip
	$(PY) -m pip install -q --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)  ## ingest + extract + store the bundled sample corpus, print a summary and the report's path
	$(VENV)/bin/supplyline --db $(DB) ingest $(SAMPLES)
	$(VENV)/bin/supplyline --db $(DB) report -o $(REPORT)

test: $(STAMP) browser  ## ruff, mypy, then the whole test suite (beside a throwaway PostgreSQL)
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/mypy src
	scripts/with-postgres.sh $(VENV)/bin/pytest -q

# Debian's Chromium drives tests/web/test_browser.py; without it those tests skip and say why.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian's chromium for the browser tests"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium \
	      >/dev/null) || echo "note: apt-get could not install chromium: browser tests will skip"; \
	  else echo "note: no /usr/bin/chromium and no apt-get as root: browser tests will skip"; fi; \
	fi

model: $(STAMP)  ## retrain the extractor's learned pass (rerun after any rule change; needs ../shared)
	$(PY) scripts/train_model.py

bench: $(STAMP)
	$(PY) benchmarks/throughput.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm $(REPORT) .pytest_cache .ruff_cache
