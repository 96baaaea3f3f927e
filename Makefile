# Back Stretch Coach: the two set-up commands are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Infrastructure linters live in their own venv: their pins clash with the app's.
IAC := .venv-iac
IAC_STAMP := $(IAC)/.installed
HOST ?= 127.0.0.1
PORT ?= 8080

.PHONY: run test package clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(IAC_STAMP):
	$(PYTHON) -m venv $(IAC)
	$(IAC)/bin/pip install --quiet cfn-lint==1.58.0 checkov==3.3.30 aws-sam-translator==1.115.0
	touch $(IAC_STAMP)

## Run the skill locally at http://$(HOST):$(PORT)/alexa (verification off: local use only).
run: $(STAMP)
	$(BIN)/backstretch serve --host $(HOST) --port $(PORT) --no-verify

## Lint, type-check, lint and scan the template, build the bundle, and run every test.
test: $(STAMP) $(IAC_STAMP)
	$(BIN)/ruff format --check lambda tests scripts
	$(BIN)/ruff check lambda tests scripts
	$(BIN)/mypy
	$(BIN)/pytest

## Build the Lambda bundle (build/lambda.zip) for the template's runtime: python3.11, x86_64.
package: $(STAMP)
	$(BIN)/python scripts/package_lambda.py

clean:
	rm -rf $(VENV) $(IAC) build *.egg-info lambda/*.egg-info
