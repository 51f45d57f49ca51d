"""Red team: another program on the machine writes into the private OPA and forges the revision.

casegate's own OPA listens on 127.0.0.1 with OPA's whole REST API open, to every user of the
machine (the port is on OPA's command line). The bundle owns data.casegate, so the rules cannot be
changed there, but data.system.bundles (the manifests a decision names its revision from) can:

- a PUT of /v1/data/system/bundles/casegate adds a bundle named "casegate", which the deciding-
  bundle rule prefers: any revision it names passes --require-revision, while another policy (here
  a permissive folder) decides;
- a PUT of /v1/data/system/bundles/<the bundle's own name> replaces a signed bundle's revision:
  an older signed bundle passes a pin on a newer one.

casegate now knows the revision of what it loaded (a signed bundle's from its own copy's
manifest) and takes the decisions only if the OPA names exactly that one bundle.
"""

from __future__ import annotations

import json
import shutil
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from casegate.engine import local
from support.paths import REPO, VARIANTS

PERMISSIVE_MAIN = """package casegate.main

batch := {
	"results": {key: {"violations": [], "warnings": []} | some key, _ in input.cases},
	"policy": {"version": "2026.11.0", "bundles": {name: b.manifest.revision | some name, b in data.system.bundles}},
}
"""


def _intruder(
    monkeypatch: pytest.MonkeyPatch, name: str | None, revision: str, route: str = "data"
) -> list[int]:
    """Another user's program: once the private OPA listens, it writes a manifest into its store.

    `name` None writes under the name of the bundle OPA loaded (read from OPA's command line).
    `route` "policy" uploads a module of package system.bundles instead of writing data.
    """
    holds = local._holds_port
    written: list[int] = []

    def watching(pid: int, port: int) -> bool:
        held = holds(pid, port)
        if held and not written:
            import psutil

            arguments = psutil.Process(pid).cmdline()
            bundle = name or arguments[arguments.index("--bundle") + 1]
            url = f"http://127.0.0.1:{port}/v1/data/system/bundles/{urllib.parse.quote(bundle, safe='')}"
            body = json.dumps({"manifest": {"revision": revision}}).encode()
            if route == "policy":
                url = f"http://127.0.0.1:{port}/v1/policies/intruder"
                rule = f"{bundle} := {{{json.dumps('manifest')}: {{{json.dumps('revision')}: {json.dumps(revision)}}}}}"
                body = f"package system.bundles\n\n{rule}\n".encode()
            request = urllib.request.Request(url, data=body, method="PUT")
            try:
                with urllib.request.urlopen(request, timeout=5) as answer:
                    written.append(answer.status)
            except urllib.error.HTTPError as refused:
                written.append(refused.code)
        return held

    monkeypatch.setattr(local, "_holds_port", watching)
    return written


@pytest.fixture
def department(tmp_path: Path) -> Path:
    repo = tmp_path / "department"
    (repo / "cases").mkdir(parents=True)
    shutil.copy(VARIANTS / "server-abroad.json", repo / "cases" / "abroad.json")  # fails the real policy
    return repo


@pytest.mark.parametrize("route", ["data", "policy"])
def test_a_forged_casegate_bundle_does_not_pass_the_pinned_revision(
    run_cli: Callable[..., Any], department: Path, monkeypatch: pytest.MonkeyPatch, route: str
) -> None:
    approved = json.loads(run_cli("check", "--format", "json", "cases/", cwd=department).stdout)["source"][
        "revision"
    ]
    permissive = department / "policies"
    shutil.copytree(REPO / "policies", permissive, ignore=shutil.ignore_patterns("*_test.rego", ".*"))
    (permissive / "casegate" / "main.rego").write_text(PERMISSIVE_MAIN, encoding="utf-8")
    written = _intruder(monkeypatch, "casegate", approved, route)
    result = run_cli(
        *("check", "--policies", "policies", "--require-revision", approved, "--format", "json", "cases/"),
        cwd=department,
    )
    assert written == [200 if route == "policy" else 204]  # the write itself is accepted by OPA
    assert result.exit_code == 3, result.output  # not 0: the permissive policy does not count
    report = json.loads(result.stdout)
    assert report["engine_error"]["code"] == "opa-tampered"
    assert {case["verdict"] for case in report["cases"]} == {"error"}


def test_a_signed_bundle_s_revision_cannot_be_replaced(
    run_cli: Callable[..., Any], department: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from support.central import git_revision, write_key_pair

    private, public = write_key_pair(tmp_path / "keys", "casegate-policy")
    bundle = tmp_path / "bundle.tar.gz"
    built = run_cli("bundle", "build", "--signing-key", str(private), "-o", str(bundle))
    assert built.exit_code == 0, built.output
    newer = "2099.1.0+gfeedbee"  # the pin the pipeline asks for; the bundle is git_revision()
    assert newer != git_revision()
    written = _intruder(monkeypatch, None, newer)
    result = run_cli(
        *("check", "--policies", str(bundle), "--verification-key", str(public)),
        *("--require-revision", newer, "--format", "json", "cases/"),
        cwd=department,
    )
    assert written == [204]  # the write itself is accepted by OPA
    assert result.exit_code == 3, result.output  # not 1 under a pin the bundle does not carry
    report = json.loads(result.stdout)
    assert report["engine_error"]["code"] == "revision-mismatch"  # the copy's manifest says otherwise
    assert {case["verdict"] for case in report["cases"]} == {"error"}
