"""Every repository path the code names in a message or a comment exists."""

from __future__ import annotations

import re

from support.paths import REPO

_REPOSITORY_PATH = re.compile(
    r"`((?:bin|scripts|policies|schemas|central|templates|cases|tests)/[^`<>*\s]+)`"
)


def test_every_repository_path_the_code_names_exists():
    named = {
        (str(source.relative_to(REPO)), path)
        for source in sorted((REPO / "cli" / "casegate").rglob("*.py"))
        for path in _REPOSITORY_PATH.findall(source.read_text(encoding="utf-8"))
    }
    assert ("cli/casegate/__init__.py", "scripts/ensure-go-tools.sh") in named
    assert [item for item in sorted(named) if not (REPO / item[1]).exists()] == []
