"""Staging the policies as an OPA bundle directory, with a revision that names their content.

OPA owns the roots of a bundle loaded at start-up and refuses uploads into them, so the CLI
never uploads policies: it copies them (without tests) into a temporary bundle whose
`.manifest` carries a content hash as the revision. The revision then travels with every
decision, and two runs with the same revision evaluated exactly the same Rego and data.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from casegate.errors import InputError
from casegate.messages import engine as messages

#: The bundle's only root: everything the gate decides lives under data.casegate.
BUNDLE_ROOT = "casegate"

#: How built bundles are signed, and the key's name in central/opa-config.yaml
#: (keys.<id>, bundles.casegate.signing.keyid): `bundle build` writes it, `check` verifies with it.
SIGNING_ALGORITHMS = ("RS256", "ES256")
DEFAULT_KEY_ID = "casegate-policy"


@dataclass(frozen=True)
class StagedBundle:
    directory: Path  # a bundle folder, or a bundle .tar.gz given as it is
    revision: str | None  # None: whatever the bundle's own manifest says (OPA reports it)


def policy_files(policies: Path) -> list[Path]:
    """Rego modules and data files of the bundle, tests and hidden files left out."""
    if not (policies / BUNDLE_ROOT).is_dir():
        raise InputError.of(messages.NO_POLICIES, path=policies, policies=policies, root=BUNDLE_ROOT)
    files = [
        path
        for path in sorted((policies / BUNDLE_ROOT).rglob("*"))
        if path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(policies).parts)
        and (path.suffix == ".json" or (path.suffix == ".rego" and not path.name.endswith("_test.rego")))
    ]
    return files


def _digest_entry(relative: Path, content: bytes) -> bytes:
    return relative.as_posix().encode() + b"\0" + content + b"\0"


def policy_revision(policies: Path) -> str:
    """The revision `stage_bundle` gives these policies: what `--require-revision` pins.

    `casegate init` writes it into a department's pipeline, so the policies that decide there
    are pinned by content, not only by a release tag (a git tag can be moved).
    """
    digest = hashlib.sha256()
    for path in policy_files(policies):
        digest.update(_digest_entry(path.relative_to(policies), path.read_bytes()))
    return f"sha256:{digest.hexdigest()[:16]}"


def stage_bundle(policies: Path, target: Path) -> StagedBundle:
    """Copy the bundle's files into `target` (a fresh directory) and write its manifest.

    Each file is read once, and the revision hashes exactly the bytes written, so the
    revision cannot describe anything but what OPA loads.
    """
    digest = hashlib.sha256()
    for path in policy_files(policies):
        relative = path.relative_to(policies)
        content = path.read_bytes()
        digest.update(_digest_entry(relative, content))
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(content)
    revision = f"sha256:{digest.hexdigest()[:16]}"
    manifest = {"revision": revision, "roots": [BUNDLE_ROOT], "rego_version": 1}
    (target / ".manifest").write_text(json.dumps(manifest), encoding="utf-8")
    return StagedBundle(directory=target, revision=revision)


def key_label(key: Path) -> str:
    """The key id and the public key's fingerprint: any key verifies the bundle it signed, so a
    reviewer compares this with the security team's key (central/keys/)."""
    try:
        digest = hashlib.sha256(key.read_bytes()).hexdigest()[:16]
    except OSError:
        digest = "?"
    return f"{DEFAULT_KEY_ID} sha256:{digest}"
