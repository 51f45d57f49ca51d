"""`casegate ARGS` in-process, as the run_cli fixture offers it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from casegate.commands.main import main
from support.paths import REPO

#: Settings a developer's shell may carry that would change what a test sees.
AMBIENT = ("CASEGATE_OPA_URL", "CASEGATE_LANG", "CASEGATE_OPA_TOKEN")


def run_in_process(
    monkeypatch: pytest.MonkeyPatch, *args: str, cwd: Path = REPO, env: dict[str, str] | None = None
) -> Result:
    """Run `casegate ARGS` in-process, from the repository root unless told otherwise."""
    monkeypatch.chdir(cwd)
    for name in AMBIENT:
        monkeypatch.delenv(name, raising=False)
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)
