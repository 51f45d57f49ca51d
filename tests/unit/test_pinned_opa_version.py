"""One pinned OPA: the version casegate insists on (casegate.OPA_VERSION) is the one the setup script
builds, the one casegate install-opa downloads, and the one every workflow, hook and page names.

Every value is read from its file; none is written here, so raising the pin means changing the
files, not this test.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from casegate import OPA_VERSION
from casegate.engine import opa_install
from support.paths import DATA, REPO


def test_the_pinned_opa_is_the_same_in_python_and_in_the_setup_script():
    script = (REPO / "scripts" / "ensure-go-tools.sh").read_text(encoding="utf-8")
    [pinned] = re.findall(r'^OPA_VERSION="\$\{OPA_VERSION:-([^}]+)\}"$', script, re.M)
    assert pinned == OPA_VERSION


#: Where people read which OPA to install: the OPA named with its version ("OPA 1.2.3", "opa` 1.2.3",
#: "OPA ... pinned v1.2.3", "it must be v1.2.3"), or the version as a folder of OPA's ("opa/1.2.3/").
_NAMED = re.compile(
    r"(?i)\bopa`?\s+v?(\d+\.\d+\.\d+)\b|\bopa\b[^\n]{0,40}?\bv(\d+\.\d+\.\d+)\b|\bopa/v?(\d+\.\d+\.\d+)/"
)
#: Folders that are not this project's text: tools, caches, vendored data, generated inputs.
_NOT_OURS = {
    ".git",
    ".venv",
    ".tools",
    "node_modules",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    "__pycache__",
}
_TEXT = {".md", ".yml", ".yaml", ".sh", ".py", ".toml", ".txt", ".cfg", ".json", ""}


def _named_versions() -> dict[str, set[str]]:
    """Each file of the repository that names an OPA version, with the versions it names."""
    found: dict[str, set[str]] = {}
    for root, folders, files in os.walk(REPO):
        folders[:] = [name for name in folders if name not in _NOT_OURS and not name.endswith(".egg-info")]
        for name in files:
            path = Path(root, name)
            if path.suffix not in _TEXT or path == Path(__file__) or DATA in path.parents:
                continue
            try:
                text = path.read_text(encoding="utf-8")
            except (UnicodeDecodeError, OSError):
                continue
            versions = {next(group for group in match.groups() if group) for match in _NAMED.finditer(text)}
            if versions:
                found[path.relative_to(REPO).as_posix()] = versions
    return found


def test_every_file_that_names_an_opa_version_names_the_pinned_one():
    named = _named_versions()
    # The places a newcomer, a department or CI reads the pin from; if the pattern stopped finding
    # them, the comparison below would pass on nothing.
    for place in (
        "README.md",
        ".pre-commit-hooks.yaml",
        ".github/workflows/casegate.yml",
        "templates/department/.github/workflows/casegate.yml",
        "templates/department/.pre-commit-config.yaml",
        "docs/adoption.md",
        "docs/cli.md",
    ):
        assert place in named, f"{place} no longer names the OPA version"
    assert {path: versions for path, versions in named.items() if versions != {OPA_VERSION}} == {}


def test_install_opa_downloads_and_keeps_the_pinned_version(tmp_path, monkeypatch):
    assert opa_install.OFFICIAL_BASE.endswith(f"/v{OPA_VERSION}")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert opa_install.data_dir() == tmp_path / "casegate" / "opa" / OPA_VERSION


def test_the_makefile_pins_no_opa_of_its_own():
    """The Makefile builds the tools with the setup script, so the script's pin is the only one."""
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "scripts/ensure-go-tools.sh" in makefile
    assert not re.search(r"(?m)^\s*OPA_VERSION\s*[:?]?=", makefile)
