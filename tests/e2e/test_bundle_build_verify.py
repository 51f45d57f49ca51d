"""`casegate bundle build|verify` with the real OPA and real git, keys made here.

A copy of policies/ is committed into a throwaway git repository, so the revision can be
predicted exactly (and made dirty on purpose) whatever state the working tree is in.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from casegate.engine.bundle import policy_files, stage_bundle
from casegate.engine.opa_binary import run_opa
from support.central import OPA, bundle_members, rewrite_bundle, write_key_pair
from support.paths import REPO

GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"]


def _git(repo: Path, *args: str) -> str:
    return subprocess.run([*GIT, *args], cwd=repo, capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    folder = tmp_path_factory.mktemp("keys")
    return {
        "rsa": write_key_pair(folder, "rsa"),
        "other": write_key_pair(folder, "other"),
        "ec": write_key_pair(folder, "ec", kind="ec"),
    }


@pytest.fixture(scope="module")
def committed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository holding a committed copy of this repository's policies/ (made once)."""
    root = tmp_path_factory.mktemp("committed") / "repo"
    shutil.copytree(REPO / "policies", root / "policies", ignore=shutil.ignore_patterns(".regal"))
    _git(root, "init", "-q")
    _git(root, "add", "policies")
    _git(root, "commit", "-q", "-m", "policies")
    return root


@pytest.fixture
def repo(committed: Path, tmp_path: Path) -> Path:
    """A private copy of `committed`, .git included, for tests that change files."""
    return Path(shutil.copytree(committed, tmp_path / "repo"))


def _build(run_cli, repo: Path, key: Path, *extra: str):
    output = repo.parent / "bundle.tar.gz"
    result = run_cli(
        *("bundle", "build", "--policies", str(repo / "policies"), "--signing-key", str(key)),
        *("-o", str(output), "--lang", "en", *extra),
        cwd=repo,
        env={"CASEGATE_OPA": str(OPA)},
    )
    return result, output


def _verify(run_cli, bundle: Path, key: Path, *extra: str):
    return run_cli(
        *("bundle", "verify", str(bundle), "--verification-key", str(key), "--lang", "en", *extra),
        env={"CASEGATE_OPA": str(OPA)},
    )


def _version(repo: Path) -> str:
    return json.loads((repo / "policies/casegate/settings/data.json").read_text(encoding="utf-8"))[
        "policy_version"
    ]


def test_build_names_the_policy_version_and_commit_and_verify_accepts_it(run_cli, repo, keys):
    result, bundle = _build(run_cli, repo, keys["rsa"][0])
    assert result.exit_code == 0, result.output
    commit = _git(repo, "rev-parse", "HEAD")
    revision = f"{_version(repo)}+g{commit[:7]}"
    assert f"revision {revision} " in result.stdout
    assert "uncommitted" not in result.stderr
    manifest = json.loads(run_opa(OPA, ["inspect", "--format", "json", str(bundle)]).stdout)["manifest"]
    assert manifest["revision"] == revision
    assert manifest["roots"] == ["casegate"]
    assert manifest["metadata"]["git_commit"] == commit
    assert manifest["metadata"]["git_dirty"] is False
    # The same content hash a local `check` on these policies reports as its revision.
    local = stage_bundle(repo / "policies", repo.parent / "staged").revision
    assert manifest["metadata"]["content_revision"] == local
    verified = _verify(run_cli, bundle, keys["rsa"][1])
    assert verified.exit_code == 0, verified.output
    assert f"verified {bundle}: revision {revision} (roots ['casegate'], commit {commit}" in verified.stdout


def test_the_bundle_holds_what_a_local_check_stages_and_nothing_else(run_cli, repo, keys):
    _, bundle = _build(run_cli, repo, keys["rsa"][0])
    members = bundle_members(bundle)
    rego = {name.lstrip("/") for name in members if name.endswith(".rego")}
    staged = {
        path.relative_to(repo / "policies").as_posix()
        for path in policy_files(repo / "policies")
        if path.suffix == ".rego"
    }
    assert rego == staged
    assert not any(name.endswith("_test.rego") for name in members)
    data = json.loads(members["/data.json"])
    assert data["casegate"]["settings"]["policy_version"] == _version(repo)
    assert set(data["casegate"]) >= {"catalogue", "settings"}


@pytest.mark.parametrize(
    "change",
    ["edit", "untracked"],
)
def test_uncommitted_policy_changes_make_the_revision_dirty(run_cli, repo, keys, change):
    if change == "edit":
        path = repo / "policies/casegate/main.rego"
        path.write_text(path.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    else:
        (repo / "policies/casegate/rules/new_test.rego").write_text("package x\n", encoding="utf-8")
    result, bundle = _build(run_cli, repo, keys["rsa"][0])
    assert result.exit_code == 0, result.output
    assert "-dirty " in result.stdout
    assert "uncommitted changes" in result.stderr
    manifest = json.loads(run_opa(OPA, ["inspect", "--format", "json", str(bundle)]).stdout)["manifest"]
    assert manifest["revision"].endswith("-dirty")
    assert manifest["metadata"]["git_dirty"] is True


def test_changes_outside_policies_leave_the_revision_clean(run_cli, repo, keys):
    (repo / "README.md").write_text("notes\n", encoding="utf-8")
    result, _ = _build(run_cli, repo, keys["rsa"][0])
    assert result.exit_code == 0
    assert "-dirty" not in result.stdout


def test_build_outside_git_is_an_input_error(run_cli, tmp_path, keys):
    shutil.copytree(REPO / "policies", tmp_path / "loose" / "policies")
    result, _ = _build(run_cli, tmp_path / "loose", keys["rsa"][0])
    assert result.exit_code == 2
    assert "The bundle revision comes from the commit: run inside a git repository" in result.stderr


def test_build_without_a_policy_version_is_an_input_error(run_cli, repo, keys):
    settings = repo / "policies/casegate/settings/data.json"
    data = json.loads(settings.read_text(encoding="utf-8"))
    del data["policy_version"]
    settings.write_text(json.dumps(data), encoding="utf-8")
    result, _ = _build(run_cli, repo, keys["rsa"][0])
    assert result.exit_code == 2
    assert "has no policy_version" in result.stderr


def test_build_with_a_key_of_the_wrong_kind_fails(run_cli, repo, keys):
    result, bundle = _build(run_cli, repo, keys["ec"][0])  # an EC key, RS256 asked for
    assert result.exit_code == 2
    assert "opa build failed" in result.stderr
    assert not bundle.exists()


def test_es256_signs_and_verifies(run_cli, repo, keys):
    result, bundle = _build(run_cli, repo, keys["ec"][0], "--signing-alg", "ES256")
    assert result.exit_code == 0, result.output
    assert _verify(run_cli, bundle, keys["ec"][1], "--signing-alg", "ES256").exit_code == 0
    assert _verify(run_cli, bundle, keys["rsa"][1]).exit_code == 1


@pytest.fixture(scope="module")
def signed(committed: Path, keys) -> Path:
    """One bundle signed with the "rsa" key, shared by the verify tests (which only read it)."""
    from click.testing import CliRunner

    from casegate.commands.main import main

    output = committed.parent / "signed.tar.gz"
    args = [
        "bundle",
        "build",
        "--policies",
        str(committed / "policies"),
        "--signing-key",
        str(keys["rsa"][0]),
    ]
    result = CliRunner().invoke(main, [*args, "-o", str(output)], env={"CASEGATE_OPA": str(OPA)})
    assert result.exit_code == 0, result.output
    return output


def _tampered(signed: Path, tmp_path: Path) -> Path:
    data = json.loads(bundle_members(signed)["/data.json"])
    data["casegate"]["settings"]["deletion_grace_days"] = 3650
    target = tmp_path / "tampered.tar.gz"
    rewrite_bundle(signed, target, {"/data.json": json.dumps(data).encode()})
    return target


def _added(signed: Path, tmp_path: Path) -> Path:
    target = tmp_path / "added.tar.gz"
    rewrite_bundle(signed, target, {}, {"/casegate/rules/allow_all.rego": b"package casegate.rules.x\n"})
    return target


def _unsigned(signed: Path, tmp_path: Path) -> Path:
    target = tmp_path / "unsigned.tar.gz"
    rewrite_bundle(signed, target, {"/.signatures.json": None})
    return target


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (_tampered, "data.json: digest mismatch"),
        (_added, "not included in bundle signature"),
        (_unsigned, "bundle missing .signatures.json file"),
    ],
    ids=["tampered", "file-added", "unsigned"],
)
def test_verify_refuses_a_bundle_changed_after_signing(run_cli, signed, keys, tmp_path, make, reason):
    result = _verify(run_cli, make(signed, tmp_path), keys["rsa"][1])
    assert result.exit_code == 1
    assert "The bundle's signature does not verify" in result.stderr
    assert reason in result.stderr
    assert "Do not serve this bundle" in result.stderr


def test_verify_refuses_a_bundle_signed_with_another_key(run_cli, signed, keys):
    result = _verify(run_cli, signed, keys["other"][1])
    assert result.exit_code == 1
    assert "failed to verify JWT signature" in result.stderr
    ja = run_cli("bundle", "verify", str(signed), "--verification-key", str(keys["other"][1]))
    assert "バンドルの署名を検証できません" in ja.stderr


def test_verify_refuses_a_signed_bundle_that_claims_more_than_casegate(run_cli, repo, keys, tmp_path):
    staged = stage_bundle(repo / "policies", tmp_path / "wide")
    manifest = json.loads((staged.directory / ".manifest").read_text(encoding="utf-8"))
    manifest["roots"] = ["casegate", "system"]
    (staged.directory / ".manifest").write_text(json.dumps(manifest), encoding="utf-8")
    bundle = tmp_path / "wide.tar.gz"
    done = run_opa(
        OPA,
        ["build", "-b", ".", "--signing-key", str(keys["rsa"][0]), "-o", str(bundle)],
        cwd=staged.directory,
    )
    assert done.returncode == 0, done.stdout
    result = _verify(run_cli, bundle, keys["rsa"][1])
    assert result.exit_code == 1
    assert """roots are ['casegate', 'system']; they must be ["casegate"] only""" in result.stderr


def test_the_signature_checks_out_independently_of_opa(signed, keys):
    """Cross-check with `cryptography`: an RS256 JWS by our key over the hashes of these files."""
    members = bundle_members(signed)
    token = json.loads(members["/.signatures.json"])["signatures"][0]
    header, payload, signature = token.split(".")

    def decode(part: str) -> bytes:
        return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))

    public_key = load_pem_public_key(keys["rsa"][1].read_bytes())
    public_key.verify(  # raises InvalidSignature if not ours
        decode(signature), f"{header}.{payload}".encode(), padding.PKCS1v15(), hashes.SHA256()
    )
    assert json.loads(decode(header)) == {"alg": "RS256", "kid": "casegate-policy", "typ": "JWT"}
    files = {entry["name"]: entry["hash"] for entry in json.loads(decode(payload))["files"]}
    assert set(files) == {name.lstrip("/") for name in members} - {".signatures.json"}
    for name, data in members.items():
        if name.endswith(".rego"):  # OPA hashes JSON files in a canonical form; Rego as written
            assert files[name.lstrip("/")] == hashlib.sha256(data).hexdigest()


# --- check --policies bundle.tar.gz: a built bundle is loaded only if its signature verifies ---


def _check_with_bundle(run_cli, bundle: Path, *extra: str):
    return run_cli(
        *("check", "--as-of", "2026-04-27", "--policies", str(bundle), "--format", "json", "--lang", "en"),
        *extra,
        "cases/",
        env={"CASEGATE_OPA": str(OPA)},
    )


def test_check_with_a_signed_bundle_and_its_key(run_cli, repo, keys):
    built, bundle = _build(run_cli, repo, keys["rsa"][0])
    assert built.exit_code == 0, built.output
    result = _check_with_bundle(run_cli, bundle, "--verification-key", str(keys["rsa"][1]))
    assert result.exit_code == 0, result.output
    [revision] = json.loads(result.stdout)["policy"]["revisions"]
    assert revision.startswith(_version(repo) + "+g")


def test_check_with_a_bundle_but_no_key_is_refused(run_cli, repo, keys):
    _, bundle = _build(run_cli, repo, keys["rsa"][0])
    result = _check_with_bundle(run_cli, bundle)
    assert result.exit_code == 2
    assert "--verification-key" in result.stderr


def test_check_with_the_wrong_key_or_a_tampered_bundle_fails_closed(run_cli, repo, keys):
    _, bundle = _build(run_cli, repo, keys["rsa"][0])
    wrong = _check_with_bundle(run_cli, bundle, "--verification-key", str(keys["other"][1]))
    assert wrong.exit_code == 3
    assert json.loads(wrong.stdout)["engine_error"]["code"] == "opa-start-failed"

    data = json.loads(bundle_members(bundle)["/data.json"])  # opa build merges every data.json
    data["casegate"]["settings"]["min_tls_version"] = "1.0"
    tampered = bundle.with_name("tampered.tar.gz")
    rewrite_bundle(bundle, tampered, {"/data.json": json.dumps(data).encode()})
    result = _check_with_bundle(run_cli, tampered, "--verification-key", str(keys["rsa"][1]))
    assert result.exit_code == 3
    assert json.loads(result.stdout)["summary"]["pass"] == 0


@pytest.fixture
def any_key(tmp_path: Path) -> Path:
    """Click wants the key file to exist; these runs stop before anything reads it."""
    key = tmp_path / "key.pem"
    key.write_text("-----BEGIN PUBLIC KEY-----\n", encoding="utf-8")
    return key


def test_a_verification_key_with_a_policy_folder_is_a_usage_error(run_cli, any_key):
    result = run_cli(
        "check", "--policies", "policies", "--verification-key", str(any_key), "--lang", "en", "cases/"
    )
    assert result.exit_code == 2, result.output
    assert "--verification-key verifies a bundle (.tar.gz); policies is a folder" in result.stderr


def test_a_verification_key_with_an_opa_url_is_a_usage_error(run_cli, any_key):
    result = run_cli("check", "--opa-url", "http://127.0.0.1:9", "--verification-key", str(any_key), "cases/")
    assert result.exit_code == 2, result.output
    assert "does nothing with --opa-url" in result.stderr
