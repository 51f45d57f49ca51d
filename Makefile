# casegate — the two commands of the README:
#   make check   set up, then check every case in cases/
#   make test    set up, then run every check and test (what CI runs via .ci/run)
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := check

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
TOOLS := .tools/bin
OPA := $(TOOLS)/opa
REGAL := $(TOOLS)/regal
ACTIONLINT := $(TOOLS)/actionlint
# casegate never picks up .tools/bin by itself (a case repository could commit one); the checks
# here name this repository's pinned OPA explicitly.
export CASEGATE_OPA := $(abspath $(OPA))

.PHONY: setup setup-python setup-tools setup-browser check test lint-rego test-rego lint-python lint-ci test-python bench schema clean fuzz

setup: setup-python setup-tools

# The virtualenv is rebuilt only when the pins or the package metadata change.
setup-python: $(VENV)/.installed
# __init__.py holds the version that the installed metadata must repeat (tests/unit/test_release_version.py).
$(VENV)/.installed: requirements.lock pyproject.toml cli/casegate/__init__.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-virtualenv -r requirements.lock
	$(BIN)/python -m pip install --quiet --require-virtualenv --no-deps --no-build-isolation -e .
	touch $@

setup-tools:
	scripts/ensure-go-tools.sh all

# casegate render's Debian packages (graphviz, fonts-noto-cjk, Pango, poppler-utils); its Python
# extra comes with requirements.lock. Not root: the script prints what to install and fails.
.PHONY: setup-render
setup-render:
	scripts/ensure-render-deps.sh

# Debian's chromium for the browser tests of `casegate serve` (apt-get as root, else it says what to install).
setup-browser:
	scripts/ensure-browser.sh

# The example case is judged on the day it was submitted (令和8年4月20日), as the committee judged
# it, where it passes with warnings. On today's date it fails: its contractor and several facts are
# still 不明 after the 2026-05-01 start, which is what the daily run tells the department.
# `make check AS_OF=today` shows that verdict.
AS_OF ?= 2026-04-20
check: setup setup-render
	$(BIN)/casegate check $(if $(filter today,$(AS_OF)),,--as-of $(AS_OF)) cases/

lint-rego: setup-tools
	@out="$$($(OPA) fmt --list policies)"; if [[ -n "$$out" ]]; then echo "opa fmt would change: $$out (run: $(OPA) fmt -w policies)"; exit 1; fi
	$(OPA) check --strict policies
	$(REGAL) lint policies

test-rego: setup-tools
	$(OPA) test policies
	@$(OPA) test policies --coverage --format json | $(BIN)/python scripts/coverage_summary.py

lint-python: setup-python
	$(BIN)/ruff check cli tests scripts
	$(BIN)/ruff format --check cli tests scripts
	$(BIN)/mypy

# Every workflow this repository ships or `casegate init` writes: actionlint for GitHub, GitLab's
# own CI schema (check-jsonschema's vendor.gitlab-ci) for GitLab. init's output is written to a
# scratch folder first, so what departments get is what is checked.
lint-ci: setup
	@scratch="$$(mktemp -d)"; trap 'rm -rf "$$scratch"' EXIT; \
	$(BIN)/casegate init "$$scratch/department" >/dev/null; \
	$(ACTIONLINT) .github/workflows/*.yml templates/department/.github/workflows/*.yml "$$scratch"/department/.github/workflows/*.yml; \
	$(BIN)/check-jsonschema --builtin-schema vendor.gitlab-ci .gitlab-ci.yml templates/department/.gitlab-ci.yml \
	  templates/department/.gitlab/casegate-ci.yml "$$scratch"/department/.gitlab-ci.yml "$$scratch"/department/.gitlab/casegate-ci.yml

# Unit tests first (in-process, no OPA: about a minute) so a broken change fails fast; then everything
# else (tests/e2e, tests/attacks): the real OPA, git, pre-commit, the browser.
test-python: setup setup-browser
	$(BIN)/python -m pytest tests/unit
	$(BIN)/python -m pytest --ignore=tests/unit

# A short, bounded fuzz run of the case loader (atheris). New inputs go to a scratch folder, the
# committed seeds in fuzz/corpus/ are only read; a crash fails the build and is saved as fuzz/crash-*.
fuzz: setup-python
	@scratch="$$(mktemp -d)"; trap 'rm -rf "$$scratch"' EXIT; mkdir "$$scratch/new"; \
	if TMPDIR="$$scratch" $(BIN)/python fuzz/fuzz_loader.py "$$scratch/new" fuzz/corpus -runs=2000 -artifact_prefix=fuzz/ >"$$scratch/log" 2>&1; \
	then echo "fuzz: no crash in 2000 runs ($$(ls "$$scratch/new" | wc -l) new inputs, not kept)"; else cat "$$scratch/log"; exit 1; fi

test: setup setup-render lint-rego test-rego lint-python lint-ci test-python fuzz

# conftest is built only here (about 2 minutes the first time): the benchmark compares against it.
bench: setup
	scripts/ensure-go-tools.sh conftest
	$(BIN)/python scripts/bench.py

schema: setup-python
	$(BIN)/python scripts/build_case_schema.py

clean:
	rm -rf $(VENV) .tools .pytest_cache .ruff_cache .mypy_cache
