#!/usr/bin/env bash
# Provide Debian's chromium for the browser tests of `casegate serve` (tests/e2e/test_serve_browser.py),
# idempotently. Playwright's own browser download is not reachable from LGWAN/CI machines, so the
# tests drive the system chromium through Playwright's executable_path.
#
# As root: apt-get update && apt-get install -y chromium. Otherwise: say exactly what to install
# and exit 0, so `make test` still runs everything else (the browser tests then skip, saying why).
set -euo pipefail
# Other setup scripts (fonts, pango) may run apt-get at the same time: wait for the lock, not fail.

find_chromium() { command -v chromium || command -v chromium-browser || true; }

if [[ -n "$(find_chromium)" ]]; then
  exit 0
fi
if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-browser: installing Debian's chromium for the browser tests (apt-get)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
  [[ -n "$(find_chromium)" ]] || { echo "ensure-browser: chromium is still not on PATH" >&2; exit 1; }
  exit 0
fi
echo "ensure-browser: chromium is not installed; the browser tests of casegate serve will be skipped." >&2
echo "ensure-browser: install it as root with:  apt-get update && apt-get install -y chromium fonts-noto-cjk" >&2
