#!/usr/bin/env bash
# Provide the pinned OPA, Regal and actionlint (and, for `make bench`, conftest) in .tools/bin
# (git-ignored), idempotently. These are the casegate repository's own development tools: casegate
# itself never looks in .tools/bin; make exports CASEGATE_OPA=.tools/bin/opa for its checks.
#
# OPA: an `opa` of exactly the pinned version on PATH is linked as it is; otherwise
# `go install github.com/open-policy-agent/opa@VERSION` builds it (checksums from sum.golang.org).
# Regal: built from the pinned module inside a throwaway module, because the Go proxy refuses
# regal's version list (so `go install regal@v…` fails on its deprecation check) and the
# checksum database does not know it; we therefore pin its h1: hash here and refuse any other.
set -euo pipefail

OPA_VERSION="${OPA_VERSION:-1.22.3}"
REGAL_VERSION="${REGAL_VERSION:-v0.37.0}"
REGAL_SUM="${REGAL_SUM:-h1:PQf5+bRSrjDQlc8oSczg/nVrNUjWEy38KRQhpYzGpVo=}"
# actionlint checks every GitHub workflow the project ships or `casegate init` writes (make test).
ACTIONLINT_VERSION="${ACTIONLINT_VERSION:-v1.7.12}"
# conftest is only for `make bench` (the same policies through another runner); not in `all`.
CONFTEST_VERSION="${CONFTEST_VERSION:-v0.71.1}"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$root/.tools/bin"
mkdir -p "$bin"

version_of() { "$1" version 2>/dev/null | awk -F': *' '/^Version:/ {print $2; exit}'; }

need_go() {
  if ! command -v go >/dev/null 2>&1; then
    echo "ensure-go-tools: 'go' is not on PATH; install Go (https://go.dev/dl) or put opa $OPA_VERSION on PATH." >&2
    exit 1
  fi
}

ensure_opa() {
  if [[ -x "$bin/opa" && "$(version_of "$bin/opa")" == "$OPA_VERSION" ]]; then return; fi
  local on_path
  on_path="$(command -v opa || true)"
  if [[ -n "$on_path" && "$on_path" != "$bin/opa" && "$(version_of "$on_path")" == "$OPA_VERSION" ]]; then
    ln -sf "$on_path" "$bin/opa"
    echo "ensure-go-tools: using opa $OPA_VERSION from $on_path"
    return
  fi
  need_go
  echo "ensure-go-tools: building opa $OPA_VERSION with go install (first time: a few minutes)…"
  rm -f "$bin/opa"
  GOBIN="$bin" GOFLAGS=-trimpath go install "github.com/open-policy-agent/opa@v$OPA_VERSION"
  [[ "$(version_of "$bin/opa")" == "$OPA_VERSION" ]] || { echo "ensure-go-tools: built opa is not $OPA_VERSION" >&2; exit 1; }
}

ensure_regal() {
  local stamp="$bin/.regal-$REGAL_VERSION"
  if [[ -x "$bin/regal" && -f "$stamp" ]]; then return; fi
  need_go
  echo "ensure-go-tools: building regal $REGAL_VERSION (first time: a few minutes)…"
  local work
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' RETURN
  printf 'module casegate.local/tools\n\ngo 1.24\n\nrequire github.com/open-policy-agent/regal %s\n' "$REGAL_VERSION" > "$work/go.mod"
  printf 'package tools\n\nimport _ "github.com/open-policy-agent/regal"\n' > "$work/tools.go"
  (
    cd "$work"
    export GONOSUMDB=github.com/open-policy-agent/regal GOFLAGS=-mod=mod
    sum="$(go mod download -json "github.com/open-policy-agent/regal@$REGAL_VERSION" | awk -F'"' '/"Sum":/ {print $4}')"
    if [[ "$sum" != "$REGAL_SUM" ]]; then
      echo "ensure-go-tools: regal $REGAL_VERSION has hash $sum, expected $REGAL_SUM; refusing it" >&2
      exit 1
    fi
    go build -trimpath -o "$bin/regal" github.com/open-policy-agent/regal
  )
  touch "$stamp"
}

# conftest reports its version as "dev" when built by `go install`; the module version that
# Go records in the binary (`go version -m`) says what was built.
module_version_of() { go version -m "$1" 2>/dev/null | awk -v m="$2" '$1 == "mod" && $2 == m {print $3; exit}'; }

ensure_conftest() {
  local module=github.com/open-policy-agent/conftest
  if [[ -x "$bin/conftest" && "$(module_version_of "$bin/conftest" "$module")" == "$CONFTEST_VERSION" ]]; then return; fi
  need_go
  echo "ensure-go-tools: building conftest $CONFTEST_VERSION with go install (first time: about 2 minutes)…"
  rm -f "$bin/conftest"
  GOBIN="$bin" GOFLAGS=-trimpath go install "$module@$CONFTEST_VERSION"
  [[ "$(module_version_of "$bin/conftest" "$module")" == "$CONFTEST_VERSION" ]] || { echo "ensure-go-tools: built conftest is not $CONFTEST_VERSION" >&2; exit 1; }
}

ensure_actionlint() {
  local module=github.com/rhysd/actionlint
  if [[ -x "$bin/actionlint" && "$(module_version_of "$bin/actionlint" "$module")" == "$ACTIONLINT_VERSION" ]]; then return; fi
  need_go
  echo "ensure-go-tools: building actionlint $ACTIONLINT_VERSION with go install…"
  rm -f "$bin/actionlint"
  GOBIN="$bin" GOFLAGS=-trimpath go install "$module/cmd/actionlint@$ACTIONLINT_VERSION"
  [[ "$(module_version_of "$bin/actionlint" "$module")" == "$ACTIONLINT_VERSION" ]] || { echo "ensure-go-tools: built actionlint is not $ACTIONLINT_VERSION" >&2; exit 1; }
}

case "${1:-all}" in
  opa) ensure_opa ;;
  regal) ensure_regal ;;
  conftest) ensure_conftest ;;
  actionlint) ensure_actionlint ;;
  all) ensure_opa; ensure_regal; ensure_actionlint ;;
  *) echo "usage: $0 [opa|regal|actionlint|conftest|all]" >&2; exit 2 ;;
esac
