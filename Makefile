# Heard: `make run` sets everything up and starts the three services; `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.heard-installed
VENDOR := services/portal/static/vendor
PYTEST_ARGS ?=

# Development defaults for `make run`: readable logs, the embedded SQLite databases.
export HEARD_PORTAL_LOG_JSON ?= false
export HEARD_FEEDBACK_LOG_JSON ?= false
export HEARD_ACTIONS_LOG_JSON ?= false

.PHONY: run setup assets test test-sqlite lint format bench eval fuzz clean

run: setup
	$(BIN)/python -m services.manage setup
	@echo "Starting Heard (Ctrl-C stops everything)..."
	$(BIN)/honcho start -f Procfile

setup: $(STAMP) assets

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
		{ echo "Heard needs Python 3.11 or newer (found: $$($(PYTHON) --version))."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

assets: $(VENDOR)/.installed

node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || \
		{ echo "Heard needs Node.js and npm to install its front-end assets."; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error

$(VENDOR)/.installed: node_modules/.package-lock.json
	rm -rf $(VENDOR)
	mkdir -p $(VENDOR)
	cp -R node_modules/nhsuk-frontend/dist/nhsuk $(VENDOR)/nhsuk
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx.min.js
	@touch $@

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: setup lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The short subset CI also runs on SQLite when the main run used PostgreSQL.
test-sqlite: setup
	HEARD_TEST_DATABASE_URL= $(BIN)/python -m pytest -m "not browser" tests/common tests/migrations tests/journeys $(PYTEST_ARGS)

eval: $(STAMP)
	$(BIN)/python -m services.feedback_api.analysis evaluate

bench: $(STAMP)
	@for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

bench-%: $(STAMP)
	$(BIN)/python bench/$*.py

clean:
	rm -rf $(VENV) node_modules $(VENDOR) var .pytest_cache .ruff_cache
