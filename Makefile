# Two commands do all the set-up on a fresh Debian machine with Python 3.11:
#   make run    serve the app on http://127.0.0.1:8000 (SQLite under var/); installs the runtime only
#   make test   lint (ruff, mypy) and run the whole test suite; installs the development tools on top
#               (and PostgreSQL, Redis, Chromium and wrk for the tests if needed)
# Both install from the hash-checked locks (requirements.lock: runtime; requirements-dev.lock:
# runtime + tools, the same runtime versions); `make lock` regenerates them from pyproject.toml.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check
# A stamp per set of inputs: an edited pyproject.toml or lock installs again.
RUN_STAMP := $(VENV)/.run-$(shell cat pyproject.toml requirements.lock | cksum | cut -d' ' -f1)
DEV_STAMP := $(VENV)/.dev-$(shell cat pyproject.toml requirements-dev.lock | cksum | cut -d' ' -f1)

.PHONY: run test lint validate evaluate system-deps lock bench load soak clean messages translations

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Runtime: the locked dependencies (with the postgres and redis extras, as in the image), then
# this checkout as an editable install without dependencies (they are all in the lock).
$(RUN_STAMP): pyproject.toml requirements.lock | $(BIN)/python
	$(PIP) install --quiet --require-hashes -r requirements.lock
	$(PIP) install --quiet --no-deps -e .
	rm -f $(VENV)/.run-*
	touch $@

# Development: the runtime plus the test and lint tools, all from requirements-dev.lock.
$(DEV_STAMP): pyproject.toml requirements-dev.lock | $(BIN)/python
	$(PIP) install --quiet --require-hashes -r requirements-dev.lock
	$(PIP) install --quiet --no-deps -e .
	rm -f $(VENV)/.dev-*
	touch $@

run: $(RUN_STAMP) translations
	@$(BIN)/twitchcheck serve --dev

# The interface in other languages (English is the source; babel.cfg says where the sentences are).
#   make messages      extract the marked sentences into locales/messages.pot and merge them into
#                      each language's locales/<lang>/LC_MESSAGES/messages.po (then translate there)
#   make translations  compile the .po files into the .mo files the app loads (not committed:
#                      built here and in the image; `run`, `test` and `bench` build them first)
messages: $(RUN_STAMP)
	$(BIN)/pybabel extract --mapping-file babel.cfg --output-file locales/messages.pot \
	  --project Twitchcheck --copyright-holder "Twitchcheck contributors" --add-comments Translators: \
	  --add-location file --sort-by-file --width 120 .
	$(BIN)/pybabel update --input-file locales/messages.pot --output-dir locales --domain messages \
	  --no-fuzzy-matching --ignore-obsolete --width 120

translations: $(RUN_STAMP)
	$(BIN)/pybabel compile --directory locales --domain messages --statistics

system-deps:
	@scripts/system-deps.sh

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: translations lint system-deps
	$(BIN)/pytest

validate: $(RUN_STAMP)
	$(BIN)/twitchcheck validate

evaluate: $(RUN_STAMP)
	$(BIN)/twitchcheck evaluate tests/vignettes.yaml tests/real_presentations.yaml --write data/evaluation.json

# Performance budgets (ratios to a trivial FastAPI endpoint), on demand; writes benchmarks/results.json.
bench: $(DEV_STAMP) system-deps translations
	$(BIN)/python benchmarks/bench.py

# Re-resolve both locks from pyproject.toml with pip-tools, in a throwaway venv; versions already
# locked are kept unless pyproject.toml rules them out (delete a line to upgrade that package).
# The dev lock is constrained by the runtime one, so the tests run what the image ships.
LOCK_OPTS := --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
lock:
	rm -rf .lockvenv && $(PYTHON) -m venv .lockvenv && .lockvenv/bin/pip install --quiet pip-tools
	CUSTOM_COMPILE_COMMAND="make lock" .lockvenv/bin/pip-compile $(LOCK_OPTS) \
	  --extra postgres --extra redis -o requirements.lock pyproject.toml
	CUSTOM_COMPILE_COMMAND="make lock" .lockvenv/bin/pip-compile $(LOCK_OPTS) \
	  --extra dev --extra postgres --extra redis -c requirements.lock -o requirements-dev.lock pyproject.toml
	rm -rf .lockvenv

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .mypy_cache .hypothesis
