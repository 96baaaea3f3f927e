#!/usr/bin/env bash
# ASK CLI build hook: `ask deploy` ships the same bundle that `make package` builds and the
# tests import-check, not one built from the whole lambda/ folder for the host platform.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
python3 "$root/scripts/package_lambda.py" --out "$1" --dir "$root/build/ask-lambda"
