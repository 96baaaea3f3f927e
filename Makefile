# Back Stretch Coach: the two set-up commands are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8080

.PHONY: run test lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Run the skill locally at http://$(HOST):$(PORT)/alexa (verification off: local use only).
run: $(STAMP)
	$(BIN)/backstretch serve --host $(HOST) --port $(PORT) --no-verify

## Lint, type-check and run every test.
test: $(STAMP)
	$(BIN)/ruff format --check lambda tests
	$(BIN)/ruff check lambda tests
	$(BIN)/mypy
	$(BIN)/pytest

clean:
	rm -rf $(VENV) build *.egg-info lambda/*.egg-info
