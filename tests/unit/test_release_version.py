"""One version for a release: the tag vX.Y.Z, the package, `casegate --version`; and one pinned OPA."""

from __future__ import annotations

import json
import re
import tomllib
from importlib import metadata

from casegate import OPA_VERSION, __version__
from casegate.release import release_tag
from support.paths import REPO


def test_the_package_version_is_casegate_version():
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in pyproject["project"] and "version" in pyproject["project"]["dynamic"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "casegate.__version__"}
    assert metadata.version("casegate") == __version__  # what pip installed (make setup reinstalls)
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)
    assert release_tag() == f"v{__version__}"


def test_version_prints_the_release_and_the_policy_version(run_cli):
    result = run_cli("--version")
    policy = json.loads(
        (REPO / "policies" / "casegate" / "settings" / "data.json").read_text(encoding="utf-8")
    )
    assert result.output == f"casegate {__version__} (policy {policy['policy_version']}, OPA {OPA_VERSION})\n"
