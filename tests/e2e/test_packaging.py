"""The sdist builds a wheel that carries the rules: policies/ and schemas/ inside the package."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import zipfile

import pytest

from support.paths import REPO


@pytest.mark.slow  # ~1.5 s: builds an sdist, then a wheel from it, as pip does from PyPI
def test_a_wheel_built_from_the_sdist_carries_the_policies_and_schemas(tmp_path):
    # A fresh checkout (tracked and new files, nothing ignored), so the build writes nothing here.
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.decode()
    checkout = tmp_path / "checkout"
    for name in filter(None, listed.split("\0")):
        if (REPO / name).is_file():
            (checkout / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, checkout / name)
    build_sdist = "import sys; from setuptools import build_meta; print(build_meta.build_sdist(sys.argv[1]))"
    done = subprocess.run(
        [sys.executable, "-c", build_sdist, str(tmp_path / "sdist")],
        cwd=checkout,
        capture_output=True,
        text=True,
        check=True,
    )
    with tarfile.open(tmp_path / "sdist" / done.stdout.strip().splitlines()[-1]) as sdist:
        sdist.extractall(tmp_path / "unpacked", filter="data")
    [unpacked] = (tmp_path / "unpacked").iterdir()
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation"]
    wheel = subprocess.run(
        [*pip_wheel, "-w", str(tmp_path / "wheel"), str(unpacked)],
        capture_output=True,
        text=True,
    )
    assert wheel.returncode == 0, wheel.stderr
    [built] = (tmp_path / "wheel").glob("casegate-*.whl")
    names = set(zipfile.ZipFile(built).namelist())
    assert {
        "casegate/_resources/policies/casegate/main.rego",
        "casegate/_resources/policies/casegate/settings/data.json",
        "casegate/_resources/schemas/case.schema.json",
        "casegate/_resources/schemas/waivers.schema.json",
    } <= names
    assert not any("/.regal/" in name for name in names)
