"""Build hook: ship policies/, schemas/ and the department templates inside the casegate package.

A department's own case repository installs casegate (e.g. through the pre-commit hook) without
this repository's folders, so the wheel carries them as casegate/_resources/. Everything else
about the build is in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithPolicies(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "casegate" / "_resources"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(ROOT / "policies", target / "policies", ignore=shutil.ignore_patterns(".*"))
        shutil.copytree(ROOT / "schemas", target / "schemas")
        # `casegate init` writes a department's repository from these.
        shutil.copytree(ROOT / "templates" / "department", target / "templates" / "department")


setup(cmdclass={"build_py": BuildWithPolicies})
