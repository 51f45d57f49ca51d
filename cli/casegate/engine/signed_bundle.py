"""The signed policy bundle that the central OPA serves: built and verified by OPA itself.

The bundle holds exactly what a local `check` stages (policies/ without tests, plus the data
files; root `casegate`), so a case judged locally and centrally meets the same Rego and data.
OPA itself builds, signs and verifies it (`opa build`); nothing here touches the crypto. Its
revision says which policy it is: the declared policy version and the git commit, e.g.
"2026.11.0+g1a2b3c4", with "-dirty" when policies/ has uncommitted changes.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from casegate.core.git import run_git
from casegate.engine.bundle import BUNDLE_ROOT, stage_bundle
from casegate.engine.opa_binary import OpaRun, run_opa
from casegate.errors import EXIT_VIOLATION, CasegateError, InputError
from casegate.messages import Text
from casegate.messages import engine as messages

#: Where the policy version is declared (relative to the policies folder).
SETTINGS = Path(BUNDLE_ROOT) / "settings" / "data.json"


class BundleRejected(CasegateError):
    """The bundle's signature or contents did not verify: it must not be served."""

    exit_code: ClassVar[int] = EXIT_VIOLATION


@dataclass(frozen=True)
class GitState:
    commit: str  # the full commit id of HEAD
    short: str  # 7 characters, as in the revision
    dirty: bool  # policies/ differs from HEAD (changed, staged or untracked files)


@dataclass(frozen=True)
class BuiltBundle:
    path: Path
    revision: str
    sha256: str  # of the bundle file, to name it in a rollout record
    files: int


@dataclass(frozen=True)
class VerifiedBundle:
    path: Path
    revision: str
    roots: tuple[str, ...]
    metadata: dict[str, Any]
    sha256: str


def _git(args: list[str], cwd: Path) -> str:
    """git in `cwd` (through git.run_git); failing, say why a bundle needs a commit."""
    try:
        return run_git(cwd, args).decode("utf-8").strip()
    except InputError as error:
        raise InputError.of(
            messages.NOT_A_GIT_REPOSITORY, path=cwd, folder=cwd, why=Text(error.message_ja, error.message_en)
        ) from error


def git_state(policies: Path) -> GitState:
    commit = _git(["rev-parse", "HEAD"], policies)
    # "." is policies/ itself: changes elsewhere in the repository do not make the bundle dirty.
    changes = _git(["status", "--porcelain", "--untracked-files=all", "--", "."], policies)
    return GitState(commit=commit, short=commit[:7], dirty=bool(changes))


def policy_version(policies: Path) -> str:
    path = policies / SETTINGS
    try:
        version = json.loads(path.read_text(encoding="utf-8")).get("policy_version")
    except (OSError, ValueError, AttributeError) as error:
        raise InputError.of(
            messages.POLICY_SETTINGS_UNREADABLE, path=path, file=path, why=type(error).__name__
        ) from error
    if not isinstance(version, str) or not version.strip():
        raise InputError.of(messages.NO_POLICY_VERSION, path=path, pointer="/policy_version", file=path)
    return version.strip()


def bundle_revision(version: str, state: GitState) -> str:
    """e.g. 2026.11.0+g1a2b3c4, or 2026.11.0+g1a2b3c4-dirty (semver build metadata)."""
    return f"{version}+g{state.short}{'-dirty' if state.dirty else ''}"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def _opa_failure(done: OpaRun) -> str:
    """OPA's last lines of complaint, on one line (`opa build` writes them to stdout)."""
    text = f"{done.stderr}\n{done.stdout}".strip()
    return " / ".join(line.strip() for line in text.splitlines()[-3:]) or "-"


def build_bundle(
    binary: Path, policies: Path, output: Path, signing_key: Path, algorithm: str, key_id: str
) -> BuiltBundle:
    """Stage policies/ as for a local check, record where it came from, and have OPA sign it."""
    state = git_state(policies)
    version = policy_version(policies)
    revision = bundle_revision(version, state)
    with tempfile.TemporaryDirectory(prefix="casegate-bundle-") as scratch:
        root = Path(scratch) / "bundle"
        staged = stage_bundle(policies, root)
        manifest = json.loads((root / ".manifest").read_text(encoding="utf-8"))
        manifest["revision"] = revision
        # Travels in the signed .manifest: the full commit and the content hash a local check
        # shows as its revision, so the two can be compared.
        manifest["metadata"] = {
            "policy_version": version,
            "git_commit": state.commit,
            "git_dirty": state.dirty,
            "content_revision": staged.revision,
        }
        (root / ".manifest").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
        built = Path(scratch) / "bundle.tar.gz"
        done = run_opa(
            binary.resolve(),
            [
                "build",
                "--bundle",
                ".",
                "--revision",
                revision,
                "--signing-key",
                str(signing_key.resolve()),
                "--signing-alg",
                algorithm,
                # opa build writes this id into the signature (JWT "kid" and "keyid").
                "--verification-key-id",
                key_id,
                "--output",
                str(built),
            ],
            cwd=root,
        )
        if done.returncode != 0:
            detail = _opa_failure(done)
            raise InputError.of(
                messages.BUNDLE_BUILD_FAILED,
                path=signing_key,
                detail=detail,
                key=signing_key,
                algorithm=algorithm,
            )
        files = sum(1 for path in root.rglob("*") if path.is_file())
        output.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(built), str(output))
    return BuiltBundle(path=output, revision=revision, sha256=_sha256(output), files=files)


def verify_bundle(
    binary: Path, bundle_path: Path, verification_key: Path, algorithm: str, key_id: str
) -> VerifiedBundle:
    """OPA verifies the signature and every file's hash (`opa build` with a verification key)."""
    with tempfile.TemporaryDirectory(prefix="casegate-verify-") as scratch:
        done = run_opa(
            binary.resolve(),
            [
                "build",
                "--bundle",
                str(bundle_path.resolve()),
                "--verification-key",
                str(verification_key.resolve()),
                "--verification-key-id",
                key_id,
                "--signing-alg",
                algorithm,
                "--output",
                str(Path(scratch) / "verified.tar.gz"),
            ],
        )
    if done.returncode != 0:
        detail = _opa_failure(done)
        raise BundleRejected.of(
            messages.BUNDLE_NOT_VERIFIED, path=bundle_path, detail=detail, algorithm=algorithm
        )
    inspected = run_opa(binary.resolve(), ["inspect", "--format", "json", str(bundle_path.resolve())])
    try:
        manifest = json.loads(inspected.stdout)["manifest"]
        revision, roots = manifest["revision"], tuple(manifest["roots"])
    except (ValueError, KeyError, TypeError) as error:
        raise BundleRejected.of(messages.BUNDLE_MANIFEST_UNREADABLE, path=bundle_path) from error
    if roots != (BUNDLE_ROOT,):
        # A bundle owning more than data.casegate could shadow the central server's own
        # system.authz and system.log policies.
        raise BundleRejected.of(
            messages.BUNDLE_WRONG_ROOTS, path=bundle_path, roots=list(roots), root=BUNDLE_ROOT
        )
    metadata = manifest.get("metadata")
    return VerifiedBundle(
        path=bundle_path,
        revision=str(revision),
        roots=roots,
        metadata=metadata if isinstance(metadata, dict) else {},
        sha256=_sha256(bundle_path),
    )
