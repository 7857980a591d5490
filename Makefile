# Works on a fresh machine with python3, node and make: the venv and node packages are made on demand.
VENV ?= .venv
PYTHON := $(VENV)/bin/python
DYADGRAPH := $(VENV)/bin/dyadgraph
INSTALLED := $(VENV)/.installed
LINT_DIR := tools/cypher-lint
LINT_INSTALLED := $(LINT_DIR)/node_modules/.installed
# playwright-core, which drives Debian's Chromium through Neo4j Browser (tests/test_browser_e2e.py).
E2E_DIR := tools/browser-e2e
E2E_INSTALLED := $(E2E_DIR)/node_modules/.installed
# pytest-xdist workers; `make test WORKERS=0` runs everything in one process.
WORKERS ?= 2
PYTEST := $(PYTHON) -m pytest -n $(WORKERS) --dist loadgroup
# What `make test-fast` leaves out: tests marked slow (seconds each: benchmarks, SIGKILLed loads,
# the wheel), browser (headless Chromium) and neo4j (a live server). The Cypher lint runs, from
# its cache (.cache/cypher-lint) where a statement was linted before.
FAST := not slow and not browser and not neo4j
CHECKED := src tests benchmarks tools

.PHONY: demo test test-fast check lint-cypher benchmark clean fuzz regen vendor golden compose
.PHONY: neo4j neo4j-stop neo4j-status java-tools browser-screenshot

# The demo needs Python only: the HTML export's library is vendored in the package.
demo: $(INSTALLED)
	$(DYADGRAPH) demo

# Both run pytest under a Neo4j server of their own (tools/neo4j-server/with-neo4j: free ports,
# .neo4j-test, a random password), stopped afterwards, also on failure.
test: $(INSTALLED) $(LINT_INSTALLED) $(E2E_INSTALLED) fonts browser tex java-tools compose
	$(VENV)/bin/ruff check $(CHECKED)
	$(VENV)/bin/ruff format --check $(CHECKED)
	$(VENV)/bin/mypy
	$(NEO4J_SERVER_DIR)/with-neo4j $(PYTEST)

test-fast: $(INSTALLED) $(LINT_INSTALLED) java-tools
	$(VENV)/bin/ruff check $(CHECKED)
	$(VENV)/bin/ruff format --check $(CHECKED)
	$(VENV)/bin/mypy
	$(NEO4J_SERVER_DIR)/with-neo4j $(PYTEST) -m "$(FAST)"

$(VENV)/bin/python:
	python3 -m venv $(VENV)

$(INSTALLED): pyproject.toml $(VENV)/bin/python
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -e '.[dev]'
	touch $@

$(LINT_INSTALLED): $(LINT_DIR)/package.json $(LINT_DIR)/package-lock.json
	cd $(LINT_DIR) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(E2E_INSTALLED): $(E2E_DIR)/package.json $(E2E_DIR)/package-lock.json
	cd $(E2E_DIR) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The CLI contract (tests/test_cli_contract.py) on thousands of random argument lists instead of
# the few hundred `make test` runs; the hypothesis profile is chosen by DYADGRAPH_HYPOTHESIS.
fuzz: $(INSTALLED) $(LINT_INSTALLED)
	DYADGRAPH_HYPOTHESIS=fuzz $(PYTHON) -m pytest tests/test_cli_contract.py -k random_argument_lists \
	  -p no:cacheprovider -q --hypothesis-show-statistics

benchmark: $(INSTALLED)
	$(PYTHON) benchmarks/cold_start.py
	$(PYTHON) benchmarks/load_seeds.py
	$(PYTHON) benchmarks/import_events.py
	$(PYTHON) benchmarks/query_events.py

clean:
	rm -rf $(VENV) $(LINT_DIR)/node_modules $(E2E_DIR)/node_modules .pytest_cache .mypy_cache .ruff_cache \
	  .cache dist $(NEO4J_SERVER_DIR)/target .neo4j-test .neo4j-screenshot

# Neo4j Community 5.26, APOC core and Neo4j Browser from Maven Central (tools/neo4j-server): the
# same Neo4j as docker-compose.yml, without Docker. Data, logs and conf live in $(NEO4J_DIR).
#   DYADGRAPH_NEO4J_PASSWORD=... make neo4j      # returns once Bolt answers
#   make neo4j NEO4J_BOLT_PORT=7688 NEO4J_HTTP_PORT=7475 NEO4J_CONTENT_PORT=8002
#   make neo4j NEO4J_VERSION=2026.08.1 JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java   # not CI's 5.26
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

# The README's screenshot of Neo4j Browser (docs/neo4j-browser.png): a server of its own, as
# `make test` runs one (in .neo4j-screenshot, so a running `make test` is left alone), the seeds
# loaded, and the steps tests/test_browser_e2e.py checks. Not in `make regen`: it needs Java,
# Maven and Chromium, and the force layout draws a slightly different picture each time.
browser-screenshot: $(INSTALLED) $(E2E_INSTALLED) browser java-tools
	DYADGRAPH_TEST_NEO4J_DIR=$(CURDIR)/.neo4j-screenshot $(NEO4J_SERVER_DIR)/with-neo4j \
	  env PYTHONPATH=tools $(PYTHON) -m dyadgraph_dev.browser_e2e docs/neo4j-browser.png

# Java 17 and Maven for the tests' Neo4j server (Debian packages, installed as the others are).
java-tools:
	@command -v java >/dev/null 2>&1 && command -v mvn >/dev/null 2>&1 \
	  || { $(call debian_package,openjdk-17-jdk-headless maven,the Neo4j tests are skipped (and fail under CI=true)); }

# Every generated file, rebuilt from its source: the README's and the dataset README's cog
# sections (command reference, query samples, problem types, counts, column dictionary), the
# ontology's reference tables (from schema.py), the Neo4j Browser style and guide, the README's
# figure and the vendored cytoscape.js. The tests check each of them against its source.
# Golden files are left out: they are checked by hand (`make golden`, then review the diff).
regen: $(INSTALLED) vendor readme-figure docs-figures readme-paper
	$(PYTHON) -m cogapp -r -I tools README.md seeds/mongolia/README.md docs/ontology.md
	$(DYADGRAPH) browser . >/dev/null 2>&1

golden: $(INSTALLED)
	DYADGRAPH_UPDATE_GOLDEN=1 $(PYTHON) -m pytest -q -p no:xdist tests/test_queries.py tests/test_export.py
	git status --short tests/golden

# Exports (dyadgraph export): cytoscape.js for the HTML page, vendored from npm, and two Debian
# packages: a TrueType CJK font for figures with --lang zh (PDFs embed it as Type 42, which the
# CFF-based Noto Sans CJK cannot be) and Chromium for the HTML page's tests. The
# Debian packages are installed when missing where apt-get runs as root (CI); elsewhere make says
# what to install, figures fall back to English names and the page's tests are skipped.
HTML_DIR := tools/html-export
HTML_INSTALLED := $(HTML_DIR)/node_modules/.installed
VENDOR_DIR := src/dyadgraph/export/vendor
README_FIGURE := docs/mongolia-ties.svg
define debian_package
if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
  echo "make: installing $(1) (apt-get)"; \
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(1) >/dev/null 2>&1 \
  || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(1) >/dev/null 2>&1; } \
  || echo "make: apt-get could not install $(1): $(2)"; \
else echo "make: $(1) is missing (Debian: sudo apt-get install $(1)): $(2)"; fi
endef

.PHONY: html-export fonts browser tex readme-figure docs-figures readme-paper clean-exports

clean: clean-exports

html-export: $(HTML_INSTALLED)

$(HTML_INSTALLED): $(HTML_DIR)/package.json $(HTML_DIR)/package-lock.json
	cd $(HTML_DIR) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The vendored copy of the pinned npm package (tests/test_packaging.py checks the version).
vendor: $(HTML_INSTALLED)
	cp $(HTML_DIR)/node_modules/cytoscape/dist/cytoscape.min.js $(VENDOR_DIR)/cytoscape.min.js
	cp $(HTML_DIR)/node_modules/cytoscape/LICENSE $(VENDOR_DIR)/cytoscape.LICENSE
	node -p "require('./$(HTML_DIR)/node_modules/cytoscape/package.json').version" > $(VENDOR_DIR)/cytoscape.version

fonts:
	@fc-list 2>/dev/null | grep -q "Droid Sans Fallback" || { $(call debian_package,fonts-droid-fallback,figures with --lang zh fall back to English names); }

browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
	  || { $(call debian_package,chromium,the tests that open the HTML page are skipped); }

# TeX Live for the bundle's paper.tex (tests/test_paper.py builds it; `make readme-paper`):
# xelatex, bibtex and the LaTeX packages paper.tex loads (xeCJK needs ctex's ctexhook, hence
# texlive-lang-chinese; xltabular and xurl come with texlive-latex-extra, a dependency of
# texlive-xetex), and pdftoppm for the page image. The CJK font is `make fonts`'.
TEX_PACKAGES := texlive-xetex texlive-lang-chinese poppler-utils
tex: fonts
	@command -v xelatex >/dev/null 2>&1 && command -v bibtex >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 \
	  && kpsewhich xeCJK.sty ctexhook.sty xltabular.sty xurl.sty natbib.sty >/dev/null 2>&1 \
	  || { $(call debian_package,$(TEX_PACKAGES),the paper test is skipped (and fails under CI=true)); }

# `docker compose config` validates docker-compose.yml without a Docker engine; Debian's
# docker-compose (1.29) does the same where the Compose plugin is absent.
compose:
	@docker compose version >/dev/null 2>&1 || command -v docker-compose >/dev/null 2>&1 \
	  || { $(call debian_package,docker-compose,the docker-compose.yml check is skipped); }

# The README's example page: page 1 of the paper.tex of the bundle the README shows, compiled
# with TeX Live (tests/test_paper.py checks it is up to date).
README_PAPER := docs/paper-page1.png
readme-paper: $(INSTALLED) tex
	rm -rf $(VENV)/readme-paper.kuzu $(VENV)/readme-paper
	$(DYADGRAPH) --db $(VENV)/readme-paper.kuzu load >/dev/null
	$(DYADGRAPH) --db $(VENV)/readme-paper.kuzu export bundle -o $(VENV)/readme-paper/mng-chn --dyad MNG CHN --since 1990 >/dev/null
	PYTHONPATH=tools $(PYTHON) -m dyadgraph_dev.latexbuild $(VENV)/readme-paper/mng-chn $(README_PAPER)

# The README's figure, made by the command the README shows (tests/test_export_cli.py checks it).
readme-figure: $(INSTALLED)
	$(DYADGRAPH) --db $(VENV)/readme-figure.kuzu load >/dev/null
	$(DYADGRAPH) --db $(VENV)/readme-figure.kuzu export --to svg -o $(README_FIGURE) --around MNG --type TIE

# The figures as the shipped seeds make them, in English and Chinese (docs/figures/README.md shows
# them): the dyad, Mongolia's ties, the whole graph and the dyad's timeline. Chinese needs `make fonts`.
DOCS_FIGURES := docs/figures
FIGURE_DB := $(VENV)/docs-figures.kuzu
docs-figures: $(INSTALLED) fonts
	$(DYADGRAPH) --db $(FIGURE_DB) load >/dev/null
	for lang in en zh; do \
	  suffix=$$( [ $$lang = zh ] && echo -zh ); \
	  $(DYADGRAPH) --db $(FIGURE_DB) export --lang $$lang --to png -o $(DOCS_FIGURES)/dyad-mng-chn$$suffix.png --dyad MNG CHN \
	  && $(DYADGRAPH) --db $(FIGURE_DB) export --lang $$lang --to png -o $(DOCS_FIGURES)/mongolia-ties$$suffix.png \
	       --around MNG --type TIE \
	  && $(DYADGRAPH) --db $(FIGURE_DB) export --lang $$lang --to svg -o $(DOCS_FIGURES)/whole-graph$$suffix.svg \
	  && $(DYADGRAPH) --db $(FIGURE_DB) export --lang $$lang --to timeline -o $(DOCS_FIGURES)/timeline-mng-chn$$suffix.png \
	       --dyad MNG CHN \
	  || exit 1; \
	done 2>&1 | grep -v '^Wrote '

clean-exports:
	rm -rf $(HTML_DIR)/node_modules
