"""docs/coverage.md is what scripts/build_coverage.py writes (the script run as a process)."""

from __future__ import annotations

import subprocess
import sys

from support.paths import REPO


def test_the_coverage_table_is_what_the_generator_writes():
    generated = subprocess.run(
        [sys.executable, "-c", "import build_coverage as b; print(b.render(), end='')"],
        cwd=REPO / "scripts",
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    committed = (REPO / "docs" / "coverage.md").read_text(encoding="utf-8")
    assert generated == committed, (
        "run `.venv/bin/python scripts/build_coverage.py` and commit docs/coverage.md"
    )
