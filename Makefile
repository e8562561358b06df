# Thin wrappers; the tools are configured in pyproject.toml.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install lock browser run test lint format bench eval screenshots clean

# Installs exactly the versions in requirements.lock (a new upstream release cannot break a build);
# `make lock` refreshes the lock file from pyproject.toml's ranges.
$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -m venv $(VENV) || { echo "python3 -m venv failed: on Debian run 'apt-get install python3-venv'"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

# The project's own modules compiled to bytecode, as pip does for every installed package: an editable
# install leaves them as source, and with PYTHONDONTWRITEBYTECODE set (as on the shared machines) every
# fresh `prachum ask` would compile ~50 modules again (a third of its start-up). compileall skips
# modules whose bytecode is current; a stale file is only ignored, never wrong.
install: $(STAMP)
	@$(BIN)/python -m compileall -q bot handlers news store bench >/dev/null

lock: install
	$(BIN)/pip-compile --quiet --upgrade --extra dev --strip-extras --no-emit-index-url --no-emit-find-links \
	  -o requirements.lock pyproject.toml

# The browser tests drive Debian's chromium through chromium-driver; installed here when missing.
browser:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then apt-get install -y -q chromium chromium-driver fonts-thai-tlwg >/dev/null \
	  || { apt-get update -q >/dev/null && apt-get install -y -q chromium chromium-driver fonts-thai-tlwg >/dev/null; }; \
	elif sudo -n true 2>/dev/null; then sudo apt-get install -y -q chromium chromium-driver fonts-thai-tlwg >/dev/null; \
	else echo "note: browser tests skip without chromium: sudo apt-get install chromium chromium-driver fonts-thai-tlwg"; fi

run: install
	$(BIN)/prachum migrate
	$(BIN)/prachum add samples/
	@echo "Open http://$(HOST):$(PORT)/ to chat with the bot (health: http://$(HOST):$(PORT)/healthz)"
	LOCAL_INBOX=true $(BIN)/prachum serve --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: lint browser
	$(BIN)/pytest -n auto

bench: install
	$(BIN)/python -m bench

# Where the bot stands on ../shared/: extraction (seeds, real set, 5-fold cross-validation, checked against
# docs/accuracy.md), then the chat questions end to end.
SHARED ?= ../shared
eval: install
	PYTHAINLP_OFFLINE=1 $(BIN)/python -m news.evaluate --shared $(SHARED) --check docs/accuracy.md --questions
	@echo "== questions: six dev questions over the seeds"
	@PYTHAINLP_OFFLINE=1 python3 $(SHARED)/eval/score_queries.py --cases $(SHARED)/eval/dev_queries.json \
	  --articles $(SHARED)/seeds --add "$(BIN)/prachum add" --ask "$(BIN)/prachum ask --json" | tail -n 1
	@echo "== questions: 50 real questions over the real set"
	@PYTHAINLP_OFFLINE=1 python3 $(SHARED)/eval/score_queries.py --cases $(SHARED)/eval/real/questions.json \
	  --articles $(SHARED)/eval/real/articles --add "$(BIN)/prachum add" --ask "$(BIN)/prachum ask --json" | tail -n 1

screenshots: install browser
	$(BIN)/python -m tests.e2e.shoot

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
