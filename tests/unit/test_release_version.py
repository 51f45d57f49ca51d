"""One version for a release: the tag vX.Y.Z, the package, `casegate --version`; and one pinned OPA."""

from __future__ import annotations

import json
import re
import tomllib
from importlib import metadata

from casegate import OPA_VERSION, __version__
from casegate.release import release_tag
from conftest import REPO, git


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


def test_a_release_tag_on_this_commit_is_the_package_version():
    tags = git(REPO, "tag", "--points-at", "HEAD").split()
    for tag in tags:
        if re.fullmatch(r"v\d+\.\d+\.\d+.*", tag):
            assert tag == release_tag(), f"tag {tag} but casegate {__version__}: bump __version__ first"


def test_the_pinned_opa_is_the_same_in_python_and_in_the_setup_script():
    script = (REPO / "scripts" / "ensure-go-tools.sh").read_text(encoding="utf-8")
    [pinned] = re.findall(r'^OPA_VERSION="\$\{OPA_VERSION:-([^}]+)\}"$', script, re.M)
    assert pinned == OPA_VERSION
