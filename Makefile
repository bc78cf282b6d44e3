# The two commands of the README. Each creates .venv and installs on first use.
VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed-stamp
SAMPLES := src/supplyline/data/samples
DB      ?= supplyline.db

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --upgrade pip
	$(PY) -m pip install -q --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)  ## ingest + extract + store the bundled sample corpus, print a summary
	$(VENV)/bin/supplyline --db $(DB) ingest $(SAMPLES)

test: $(STAMP)  ## ruff, then the whole test suite (beside a throwaway PostgreSQL when installed)
	$(VENV)/bin/ruff check src tests benchmarks
	scripts/with-postgres.sh $(VENV)/bin/pytest -q

bench: $(STAMP)
	$(PY) benchmarks/throughput.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache .ruff_cache
