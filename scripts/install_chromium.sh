#!/usr/bin/env bash
# Debian's Chromium for the browser test (a browser download by npm cannot work here), kind to
# the machine: only if it is missing, without recommends, and never upgrading an installed
# package (if it would, nothing is installed and the browser test is skipped; CI fails it).
set -euo pipefail
command -v chromium >/dev/null && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "chromium is missing and this is not root: the browser test will be skipped" \
    "(install it with: apt-get install --no-install-recommends chromium)" >&2
  exit 0
fi
apt-get update -q
plan=$(apt-get install --simulate -q --no-install-recommends chromium)
upgrades=$(grep '^Inst [^ ]* \[' <<<"$plan" || true)  # "Inst name [installed] (new)"
if [ -n "$upgrades" ]; then
  echo "installing chromium would upgrade installed packages, so it was not installed:" >&2
  echo "$upgrades" >&2
  exit 0
fi
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends --no-upgrade chromium
