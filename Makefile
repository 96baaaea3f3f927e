# Back Stretch Coach: the two set-up commands are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# `make run` needs the skill and its local tools (the `local` extra); `make test` adds the
# test tools (`dev`).
STAMP := $(VENV)/.installed-local
DEV_STAMP := $(VENV)/.installed-dev
# Infrastructure linters live in their own venv: their pins clash with the app's.
IAC := .venv-iac
IAC_STAMP := $(IAC)/.installed
# The unit tier's own venv: only what ships (no `local` or `dev` extra) plus pytest, so a unit
# test that needs moto, cryptography, Flask or the local tools fails there.
UNIT := .venv-unit
UNIT_STAMP := $(UNIT)/.installed
# virtual-alexa, ssml-check-core and playwright-core for the end-to-end and browser tests.
NODE_STAMP := node_modules/.package-lock.json
# dynalite, a DynamoDB-API server, for the benchmarks.
BENCH_NODE_STAMP := bench/node_modules/.package-lock.json
HOST ?= 127.0.0.1
PORT ?= 8080

.PHONY: run test test-fast package bench sync-data clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[local]'
	touch $(STAMP)

$(DEV_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(DEV_STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund

$(BENCH_NODE_STAMP): bench/package.json bench/package-lock.json
	npm ci --prefix bench --no-audit --no-fund

# Debian's Chromium for the browser test: only if missing, no recommends, nothing upgraded.
.PHONY: chromium
chromium:
	@scripts/install_chromium.sh

$(IAC_STAMP):
	$(PYTHON) -m venv $(IAC)
	$(IAC)/bin/pip install --quiet cfn-lint==1.58.0 checkov==3.3.30 aws-sam-translator==1.115.0
	touch $(IAC_STAMP)

$(UNIT_STAMP): pyproject.toml
	test -x $(UNIT)/bin/python || $(PYTHON) -m venv $(UNIT)
	$(UNIT)/bin/pip install --quiet --upgrade pip
	$(UNIT)/bin/pip install --quiet -e . pytest==9.0.3
	touch $(UNIT_STAMP)

## Run the skill locally: the simulator page at http://$(HOST):$(PORT)/ and the endpoint at
## /alexa (verification off: local use only), on an embedded DynamoDB.
run: $(STAMP)
	$(BIN)/backstretch serve --host $(HOST) --port $(PORT) --no-verify

## Lint, type-check, check the layers, then every test tier, fastest first: tests/unit (and
## the doctests), tests/integration, tests/e2e (the template's linters, the bundle, node).
test: $(DEV_STAMP) $(IAC_STAMP) $(NODE_STAMP) $(BENCH_NODE_STAMP) chromium
	$(BIN)/ruff format --check lambda local tests scripts bench
	$(BIN)/ruff check lambda local tests scripts bench
	$(BIN)/mypy
	PYTHONPATH=lambda $(BIN)/lint-imports
	$(BIN)/pytest

## Everyday work: the unit tier and the package's doctests, in seconds, in a venv without the
## `local` extra (tests/unit may use only what ships).
test-fast: $(UNIT_STAMP)
	$(UNIT)/bin/pytest tests/unit lambda/backstretch

## Build the Lambda bundle (build/lambda.zip) for the template's runtime: python3.11, x86_64.
package: $(STAMP)
	$(BIN)/python scripts/package_lambda.py

## Copy skill-package/'s interaction models and infra/template.yaml into the local package
## (after changing either; tests/e2e/test_packaging.py says when a copy is stale).
sync-data:
	$(PYTHON) scripts/sync_local_data.py

## Benchmarks, side by side with a skill built Amazon's way (figures in bench/results.json).
bench: $(DEV_STAMP) $(BENCH_NODE_STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) $(IAC) $(UNIT) node_modules bench/node_modules bench/.build build dist *.egg-info \
		lambda/*.egg-info local/*.egg-info
