"""Issue 9, attack 1: a department's case repository could replace the rules. Each attack, performed.

casegate took policies/, schemas/ and .tools/bin/opa from the folder it ran in. A pull request
to a department repository adding a permissive policies/casegate/main.rego turned a failing case
into a pass; a script committed as .tools/bin/opa was executed. Now the working directory never
supplies rules or tools; --policies and --schema still work, and every output then says plainly
that a local, unreleased policy decided; --require-revision pins the revision that may decide.
"""

from __future__ import annotations

import json
import shutil
import stat
from pathlib import Path
from typing import Any

import pytest

from casegate import resources
from casegate.report import FORMATS
from support.paths import REPO, VARIANTS

ABROAD = "cases/abroad.json"  # fails the released policy: the server is abroad (exit 1)

PERMISSIVE_MAIN = """package casegate.main

batch := {
	"results": {key: {"violations": [], "warnings": []} | some key, _ in input.cases},
	"policy": {"version": "2026.11.0", "bundles": {name: b.manifest.revision | some name, b in data.system.bundles}},
}
"""


@pytest.fixture
def hostile_repo(tmp_path: Path) -> Path:
    """A department repository after a hostile pull request: a failing case, and beside it a
    permissive policy, an accept-anything schema, the policy-repository marker and a fake OPA
    that would leave a trace if it ever ran."""
    repo = tmp_path / "department"
    (repo / "cases").mkdir(parents=True)
    shutil.copy(VARIANTS / "server-abroad.json", repo / ABROAD)
    main = repo / "policies" / "casegate" / "main.rego"
    main.parent.mkdir(parents=True)
    main.write_text(PERMISSIVE_MAIN, encoding="utf-8")
    (repo / "schemas").mkdir()
    (repo / "schemas" / "case.schema.json").write_text('{"type": "object"}', encoding="utf-8")
    (repo / "pyproject.toml").write_text("[tool.casegate]\npolicy-repository = true\n", encoding="utf-8")
    fake = repo / ".tools" / "bin" / "opa"
    fake.parent.mkdir(parents=True)
    fake.write_text(f"#!/bin/sh\ntouch '{repo / 'FAKE-OPA-RAN'}'\necho 'Version: 1.22.3'\n", encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    return repo


@pytest.mark.parametrize("install", ["policy-repository", "release"])
def test_a_department_policies_folder_does_not_judge(run_cli, hostile_repo, request, install):
    if install == "release":
        request.getfixturevalue("released")
        # A department's OPA: `casegate install-opa`, or CASEGATE_OPA (here the pinned one).
        request.getfixturevalue("monkeypatch").setenv("CASEGATE_OPA", str(REPO / ".tools" / "bin" / "opa"))
    result = run_cli("check", "--format", "json", "--lang", "en", "cases/", cwd=hostile_repo)
    assert result.exit_code == 1, result.output  # the released rule still finds the server abroad
    report = json.loads(result.stdout)
    assert report["cases"][0]["violations"]
    source = report["source"]
    expected = "repository" if install == "policy-repository" else "release"
    assert (source["kind"], source["schema_kind"]) == (expected, expected)
    assert source["location"] == str(REPO / "policies")
    assert source["unreleased"] is False
    assert str(hostile_repo) not in json.dumps(source)
    assert not (hostile_repo / "FAKE-OPA-RAN").exists()  # the committed "opa" never ran


def test_the_department_schema_does_not_validate(run_cli, hostile_repo):
    (hostile_repo / "cases" / "junk.json").write_text('{"anything": true}', encoding="utf-8")
    result = run_cli("validate", "--format", "json", "cases/junk.json", cwd=hostile_repo)
    assert result.exit_code == 2, result.output  # the released schema refuses it
    assert json.loads(result.stdout)["source"]["schema_kind"] == "repository"


def test_doctor_and_bundle_build_ignore_the_department_folders(run_cli, hostile_repo, tmp_path):
    doctor = run_cli("doctor", "--format", "json", cwd=hostile_repo)
    assert doctor.exit_code == 0, doctor.output
    assert json.loads(doctor.stdout)["source"]["location"] == str(REPO / "policies")
    assert not (hostile_repo / "FAKE-OPA-RAN").exists()


def test_bundle_build_outside_the_policy_repository_needs_policies(run_cli, hostile_repo, released, tmp_path):
    key = tmp_path / "key.pem"
    key.write_text("not used", encoding="utf-8")
    result = run_cli("bundle", "build", "--signing-key", str(key), cwd=hostile_repo)
    assert result.exit_code == 2
    assert "--policies" in result.output
    assert not (hostile_repo / "bundle.tar.gz").exists()


def test_the_marker_counts_only_beside_casegate_s_own_code(tmp_path, monkeypatch):
    """A department that keeps its virtualenv in its repository does not become the policy
    repository by adding the marker; a checkout with cli/casegate/ and the marker does."""
    department = tmp_path / "department"
    for folder in ("policies", "schemas"):
        shutil.copytree(REPO / folder, department / folder)
    (department / "pyproject.toml").write_text(
        "[tool.casegate]\npolicy-repository = true\n", encoding="utf-8"
    )
    installed = department / ".venv" / "lib" / "python3.11" / "site-packages" / "casegate"
    checkout = department / "cli" / "casegate"
    for package, expected in ((installed, None), (checkout, department)):
        package.mkdir(parents=True)
        monkeypatch.setattr(resources, "files", lambda name, package=package: package)
        resources.policy_repository.cache_clear()
        try:
            assert resources.policy_repository() == expected
        finally:
            resources.policy_repository.cache_clear()


@pytest.mark.parametrize("value", ['policy-repository = "true"', "policy-repository = 1", "other = true"])
def test_only_the_exact_marker_counts(tmp_path, value):
    for folder in ("policies", "schemas"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    (tmp_path / "pyproject.toml").write_text(f"[tool.casegate]\n{value}\n", encoding="utf-8")
    assert resources.is_policy_repository(tmp_path) is False
    assert resources.is_policy_repository(REPO) is True


# --- --policies and --schema: allowed, and said plainly ---------------------------------------------


def _unreleased_said(output_format: str, text: str, lang: str) -> bool:
    if output_format in ("json",):
        return json.loads(text)["source"]["unreleased"] is True
    if output_format == "sarif":
        return json.loads(text)["runs"][0]["properties"]["policySource"]["unreleased"] is True
    if output_format == "junit":
        return '<property name="policy_source_unreleased" value="true"' in text
    words = (
        "リリースされていないローカルの方針"
        if lang == "ja"
        else "a local, unreleased policy or schema decided"
    )
    return words in text


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("output_format", sorted(FORMATS))
def test_a_local_policy_folder_is_said_plainly_in_every_format(run_cli, hostile_repo, output_format, lang):
    # The permissive folder does decide when named explicitly, and every output says so.
    result = run_cli(
        "check",
        "--policies",
        "policies",
        "--format",
        output_format,
        "--lang",
        lang,
        "cases/",
        cwd=hostile_repo,
    )
    assert result.exit_code == 0, result.output
    assert _unreleased_said(output_format, result.stdout, lang), result.stdout
    released = run_cli("check", "--format", output_format, "--lang", lang, "cases/", cwd=hostile_repo)
    assert not _unreleased_said(output_format, released.stdout, lang)


def test_a_local_schema_is_said_plainly(run_cli, hostile_repo):
    result = run_cli(
        "validate", "--schema", "schemas/case.schema.json", "--format", "json", "cases/", cwd=hostile_repo
    )
    assert result.exit_code == 0
    source = json.loads(result.stdout)["source"]
    assert (source["schema_kind"], source["unreleased"]) == ("local-file", True)


# --- --require-revision --------------------------------------------------------------------------------


def _revision(run_cli: Any, cwd: Path, *args: str) -> str:
    result = run_cli("check", "--format", "json", *args, "cases/", cwd=cwd)
    return json.loads(result.stdout)["source"]["revision"]


@pytest.mark.parametrize("how", ["option", "env"])
def test_require_revision_refuses_a_local_policy_that_is_not_the_approved_one(run_cli, hostile_repo, how):
    approved = _revision(run_cli, hostile_repo)
    assert approved.startswith("sha256:")
    args: tuple[str, ...] = ("--require-revision", approved) if how == "option" else ()
    env = {"CASEGATE_REQUIRE_REVISION": approved} if how == "env" else None
    # The pipeline pins the approved revision; the permissive folder cannot carry it.
    forged = run_cli(
        "check", "--policies", "policies", "--format", "json", *args, "cases/", cwd=hostile_repo, env=env
    )
    assert forged.exit_code == 3, forged.output
    assert json.loads(forged.stdout)["engine_error"]["code"] == "revision-not-required"
    honest = run_cli("check", "--format", "json", *args, "cases/", cwd=hostile_repo, env=env)
    assert honest.exit_code == 1, honest.output  # judged by the approved policy: a violation


def test_an_empty_required_revision_is_a_usage_error(run_cli, hostile_repo):
    result = run_cli("check", "--require-revision", " ", "cases/", cwd=hostile_repo)
    assert result.exit_code == 2


# --- hooks, templates and pipelines never pass --policies ------------------------------------------------


def _pipeline_files() -> list[Path]:
    found = [REPO / ".pre-commit-hooks.yaml", REPO / ".pre-commit-config.yaml", REPO / ".gitlab-ci.yml"]
    for folder in (REPO / "templates", REPO / ".github"):
        found += [path for path in folder.rglob("*") if path.suffix in (".yml", ".yaml")]
    return [path for path in found if path.is_file()]


def test_no_hook_template_or_pipeline_passes_policies_or_schema():
    files = _pipeline_files()
    assert REPO / ".pre-commit-hooks.yaml" in files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert "--policies" not in text, path
        assert "--schema" not in text, path


def test_codeowners_protects_the_marker():
    owners = (REPO / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
    assert any(line.split()[:1] == ["/pyproject.toml"] and "@" in line for line in owners)
    assert "[tool.casegate]" in (REPO / "pyproject.toml").read_text(encoding="utf-8")


# --- a signed bundle ----------------------------------------------------------------------------------


def test_a_signed_bundle_names_its_revision_and_the_key_that_verified_it(run_cli, hostile_repo, tmp_path):
    import hashlib

    from support.central import git_revision, write_key_pair

    fingerprints = {}
    for name in ("security-team", "someone-else"):
        private, public = write_key_pair(tmp_path / name, "casegate-policy")
        bundle = tmp_path / name / "bundle.tar.gz"
        built = run_cli("bundle", "build", "--signing-key", str(private), "-o", str(bundle))
        assert built.exit_code == 0, built.output
        result = run_cli(
            *("check", "--policies", str(bundle), "--verification-key", str(public)),
            *("--require-revision", git_revision(), "--format", "json", "cases/"),
            cwd=hostile_repo,
        )
        assert result.exit_code == 1, result.output  # judged by the bundle's (real) policy
        source = json.loads(result.stdout)["source"]
        assert (source["kind"], source["revision"]) == ("signed-bundle", git_revision())
        fingerprints[name] = source["key_id"]
        assert (
            source["key_id"]
            == f"casegate-policy sha256:{hashlib.sha256(public.read_bytes()).hexdigest()[:16]}"
        )
    # Anyone's key verifies the bundle it signed, with any revision: the report names the key,
    # so a reviewer sees which one (docs/security.md). Pipelines never pass --policies.
    assert fingerprints["security-team"] != fingerprints["someone-else"]
