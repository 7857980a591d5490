# Works on a fresh machine with python3, node and make: the venv and node packages are made on demand.
VENV ?= .venv
PYTHON := $(VENV)/bin/python
DYADGRAPH := $(VENV)/bin/dyadgraph
INSTALLED := $(VENV)/.installed
LINT_DIR := tools/cypher-lint
LINT_INSTALLED := $(LINT_DIR)/node_modules/.installed

.PHONY: demo test check lint-cypher benchmark clean

demo: $(INSTALLED)
	$(DYADGRAPH) demo

test: $(INSTALLED) $(LINT_INSTALLED)
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks
	$(VENV)/bin/mypy
	$(PYTHON) -m pytest

$(VENV)/bin/python:
	python3 -m venv $(VENV)

$(INSTALLED): pyproject.toml $(VENV)/bin/python
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -e '.[dev]'
	touch $@

$(LINT_INSTALLED): $(LINT_DIR)/package.json $(LINT_DIR)/package-lock.json
	cd $(LINT_DIR) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

benchmark: $(INSTALLED)
	$(PYTHON) benchmarks/cold_start.py
	$(PYTHON) benchmarks/load_seeds.py

clean:
	rm -rf $(VENV) $(LINT_DIR)/node_modules .pytest_cache .mypy_cache .ruff_cache
