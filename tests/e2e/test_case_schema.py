"""The committed case schema is what scripts/build_case_schema.py writes (the script run as a process)."""

from __future__ import annotations

import subprocess
import sys

from support.paths import REPO

SCHEMA = REPO / "schemas" / "case.schema.json"


def test_the_committed_schema_is_what_the_generator_writes():
    generated = subprocess.run(
        [sys.executable, "-c", "import build_case_schema as b; print(b.render(), end='')"],
        cwd=REPO / "scripts",
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert generated == SCHEMA.read_text(encoding="utf-8"), "run `make schema` and commit the result"
