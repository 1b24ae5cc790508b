# The two commands the README opens with:
#   make run   - set everything up, then show the pipeline and next steps of the demo database
#   make test  - set everything up, then run ruff, mypy and the whole test suite
# Everything lives in .venv (on Debian without python3-venv, apt installs that first).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench setup clean

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

$(STAMP): pyproject.toml
	@# Debian ships venv separately: install it with apt when it is missing.
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-venv && \
	  $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/followup demo

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy

# One worker per core, each taking whole test files (their module-scoped servers and
# records are built once per file). `.venv/bin/python -m pytest` runs in one process.
test: lint
	$(BIN)/python -m pytest -q -p no:cacheprovider -n auto --dist loadfile

bench: $(STAMP)
	$(BIN)/python bench/cli_startup.py
	$(BIN)/python bench/eval_checker.py

clean:
	rm -rf $(VENV) build *.egg-info
