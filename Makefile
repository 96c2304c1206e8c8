# Two commands do all set-up on a fresh machine:
#   make run    create .venv, install govkg, load the sample charters into the embedded store, print a chain
#   make test   create .venv, install govkg with its dev tools, Chromium and the Bolt smoke server, run the tests
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
export GOVKG_HOME ?= $(CURDIR)/.govkg

.PHONY: run test venv dev browser bolt fuzz load-test bench lint docs clean

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

# FalkorDB's Bolt endpoint: a smoke test of the neo4j driver plumbing only (see tests/test_neo4j_store.py).
bolt: dev
	@eval "$$(scripts/start-bolt-smoke.sh)"; echo "bolt smoke server: $$GOVKG_BOLT_SMOKE_URI"

test: dev browser
	@uri=$$(scripts/start-bolt-smoke.sh --uri-only 2>/dev/null || true); \
	GOVKG_BOLT_SMOKE_URI="$$uri" $(BIN)/python scripts/run_tests.py; status=$$?; \
	scripts/start-bolt-smoke.sh --stop >/dev/null 2>&1 || true; exit $$status

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
