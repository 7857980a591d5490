# Works on a fresh machine with python3, node and make: the venv and node packages are made on demand.
VENV ?= .venv
PYTHON := $(VENV)/bin/python
DYADGRAPH := $(VENV)/bin/dyadgraph
INSTALLED := $(VENV)/.installed
LINT_DIR := tools/cypher-lint
LINT_INSTALLED := $(LINT_DIR)/node_modules/.installed

.PHONY: demo test check lint-cypher benchmark clean neo4j neo4j-stop neo4j-status java-tools

demo: $(INSTALLED)
	$(DYADGRAPH) demo

test: $(INSTALLED) $(LINT_INSTALLED) java-tools
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks
	$(VENV)/bin/mypy
	$(NEO4J_SERVER_DIR)/with-neo4j $(PYTHON) -m pytest

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
	$(PYTHON) benchmarks/import_events.py
	$(PYTHON) benchmarks/query_events.py

clean:
	rm -rf $(VENV) $(LINT_DIR)/node_modules .pytest_cache .mypy_cache .ruff_cache $(NEO4J_SERVER_DIR)/target .neo4j-test

# Neo4j Community 5.26, APOC core and Neo4j Browser from Maven Central (tools/neo4j-server): the
# same Neo4j as docker-compose.yml, without Docker. Data, logs and conf live in $(NEO4J_DIR).
#   DYADGRAPH_NEO4J_PASSWORD=... make neo4j      # returns once Bolt answers
#   make neo4j NEO4J_BOLT_PORT=7688 NEO4J_HTTP_PORT=7475 NEO4J_CONTENT_PORT=8002
# `make test` runs its own server (free ports, .neo4j-test), never this one.
NEO4J_SERVER_DIR := tools/neo4j-server
NEO4J_DIR ?= .neo4j
NEO4J_BOLT_PORT ?= 7687
NEO4J_HTTP_PORT ?= 7474
NEO4J_CONTENT_PORT ?= 8001
NEO4J_ENV = NEO4J_DIR=$(NEO4J_DIR) NEO4J_BOLT_PORT=$(NEO4J_BOLT_PORT) NEO4J_HTTP_PORT=$(NEO4J_HTTP_PORT) \
  NEO4J_CONTENT_PORT=$(NEO4J_CONTENT_PORT)

neo4j:
	@$(NEO4J_ENV) $(NEO4J_SERVER_DIR)/server start

neo4j-stop:
	@$(NEO4J_ENV) $(NEO4J_SERVER_DIR)/server stop

neo4j-status:
	@$(NEO4J_ENV) $(NEO4J_SERVER_DIR)/server status || true

# Exports (dyadgraph export): cytoscape.js for the HTML page from npm, and two Debian packages:
# a CJK font for figures with --lang zh and Chromium for the HTML page's tests. The Debian
# packages are installed when missing where apt-get runs as root (CI); elsewhere make says what
# to install, figures fall back to English names and the page's tests are skipped.
HTML_DIR := tools/html-export
HTML_INSTALLED := $(HTML_DIR)/node_modules/.installed
README_FIGURE := docs/mongolia-ties.svg
define debian_package
if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
  echo "make: installing $(1) (apt-get)"; \
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(1) >/dev/null 2>&1 \
  || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(1) >/dev/null 2>&1; } \
  || echo "make: apt-get could not install $(1): $(2)"; \
else echo "make: $(1) is missing (Debian: sudo apt-get install $(1)): $(2)"; fi
endef

.PHONY: html-export fonts browser readme-figure clean-exports

demo: $(HTML_INSTALLED)
test: $(HTML_INSTALLED) fonts browser
clean: clean-exports

html-export: $(HTML_INSTALLED)

$(HTML_INSTALLED): $(HTML_DIR)/package.json $(HTML_DIR)/package-lock.json
	cd $(HTML_DIR) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

fonts:
	@fc-list 2>/dev/null | grep -q "Noto Sans CJK" || { $(call debian_package,fonts-noto-cjk,figures with --lang zh fall back to English names); }

# Java 17 and Maven for the tests' Neo4j server (Debian packages, installed as the others are).
java-tools:
	@command -v java >/dev/null 2>&1 && command -v mvn >/dev/null 2>&1 \
	  || { $(call debian_package,openjdk-17-jdk-headless maven,the Neo4j tests are skipped (and fail under CI=true)); }

browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
	  || { $(call debian_package,chromium,the tests that open the HTML page are skipped); }

# The README's figure, made by the command the README shows (tests/test_export_cli.py checks it).
readme-figure: $(INSTALLED)
	$(DYADGRAPH) --db $(VENV)/readme-figure.kuzu load >/dev/null
	$(DYADGRAPH) --db $(VENV)/readme-figure.kuzu export --to svg -o $(README_FIGURE) --around MNG --type TIE

clean-exports:
	rm -rf $(HTML_DIR)/node_modules
