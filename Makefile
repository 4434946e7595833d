# Two commands do all the set-up on a fresh Debian machine with Python 3.11:
#   make run    serve the app on http://127.0.0.1:8000 (SQLite under var/)
#   make test   run the whole test suite (installs PostgreSQL for the storage tests if needed)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: run test lint validate evaluate system-deps lock bench load soak clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	# compat: the checkout goes on sys.path through a plain .pth line; the default editable mode
	# imports a path finder at every interpreter start (about 25 ms on each app start and test run)
	$(BIN)/python -m pip install --quiet -e '.[dev]' --config-settings editable_mode=compat
	rm -f $(VENV)/.installed-*
	touch $@

run: $(STAMP)
	@$(BIN)/twitchcheck serve --dev

system-deps:
	@scripts/system-deps.sh

test: $(STAMP) system-deps
	$(BIN)/ruff check .
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

validate: $(STAMP)
	$(BIN)/twitchcheck validate

evaluate: $(STAMP)
	$(BIN)/twitchcheck evaluate tests/vignettes.yaml tests/real_presentations.yaml --write data/evaluation.json

# Performance budgets (ratios to a trivial FastAPI endpoint), on demand; writes benchmarks/results.json.
bench: $(STAMP) system-deps
	$(BIN)/python benchmarks/bench.py

# Re-resolve requirements.lock (runtime dependencies, with the postgres and redis extras) in a clean venv.
lock:
	rm -rf .lockvenv && $(PYTHON) -m venv .lockvenv && .lockvenv/bin/pip install --quiet '.[postgres,redis]'
	{ echo "# Runtime dependencies resolved from pyproject.toml (with the postgres and redis extras), for pip-audit and"; \
	  echo "# reproducible installs: pip install -r requirements.lock. Regenerate: make lock."; \
	  .lockvenv/bin/pip freeze --exclude-editable | grep -v '^twitchcheck'; } > requirements.lock
	rm -rf .lockvenv

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .hypothesis
