"""This repository's own .pre-commit-config.yaml is one pre-commit can load.

A plain YAML scalar cannot hold ": " (the opa-fmt hook's command does), and a broken config
means no hook runs at all: pre-commit's own validator is the judge.
"""

from __future__ import annotations

import subprocess
import sys

from support.paths import REPO


def test_own_pre_commit_config_is_valid() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", str(REPO / ".pre-commit-config.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_own_pre_commit_config_names_every_hook_once() -> None:
    import yaml

    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    ids = [hook["id"] for repo in config["repos"] for hook in repo["hooks"]]
    assert len(ids) == len(set(ids)) and "opa-fmt" in ids
