# Two commands do all set-up on a fresh machine:
#   make run    create .venv, install govkg, load the sample charters into the embedded store, print a chain
#   make test   create .venv, install govkg with its dev tools (ArcadeDB's wheel among them) and Chromium, run the tests
#   make test-neo4j   only the neo4j suite: against ArcadeDB (started and stopped here) over bolt:// and neo4j://,
#                     or against your own server: NEO4J_URI=bolt://… NEO4J_USER=… NEO4J_PASSWORD=… make test-neo4j
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
export GOVKG_HOME ?= $(CURDIR)/.govkg

.PHONY: run test test-neo4j venv dev browser fuzz load-test bench lint docs clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "govkg needs Python >= 3.12 (pyenv: see .python-version)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

venv: $(BIN)/python
	$(BIN)/pip install --quiet -e .

dev: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'

run: venv
	$(BIN)/govkg run

# Debian's Chromium: the browser tests drive it through Playwright (browser downloads are unreachable here).
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; }

# Everything but the neo4j suite, one module per process; then the neo4j suite against a Bolt server.
test: dev browser
	@$(BIN)/python scripts/run_tests.py -m "not neo4j"; status=$$?; \
	$(BIN)/python scripts/run_neo4j_tests.py || status=1; exit $$status

# The neo4j suite: against ArcadeDB (from its wheel, on loopback, stopped at the end) unless NEO4J_URI is set.
test-neo4j: dev
	$(BIN)/python scripts/run_neo4j_tests.py

lint: dev
	$(BIN)/ruff check .

fuzz: dev
	$(BIN)/python scripts/fuzz_loader.py --examples 100000

load-test: dev
	$(BIN)/python scripts/load_test.py --seconds 60

bench: dev
	$(BIN)/govkg bench corpus --out bench-corpus && $(BIN)/govkg bench run --corpus bench-corpus

docs: venv
	$(BIN)/govkg ontology-docs --out docs/ontology

clean:
	rm -rf $(VENV) .govkg .pytest_cache
