"""`check --changed-since REF` in a real git repository."""

from __future__ import annotations

import json
import shutil

from conftest import VARIANTS, git

AS_OF = "2026-11-27"


def _check(run_cli, repo, ref="HEAD"):
    result = run_cli(
        "check", "--as-of", AS_OF, "--changed-since", ref, "--format", "json", "cases/", cwd=repo
    )
    return result, json.loads(result.stdout) if result.stdout else None


def test_nothing_changed_checks_nothing_and_passes(run_cli, case_repo):
    result, report = _check(run_cli, case_repo)
    assert result.exit_code == 0, result.output
    assert report["cases"] == []
    assert "0件" in report["scope"]


def test_only_the_new_case_is_checked(run_cli, case_repo):
    shutil.copy(VARIANTS / "server-abroad.json", case_repo / "cases" / "new.json")
    result, report = _check(run_cli, case_repo)
    assert result.exit_code == 1
    assert [case["path"] for case in report["cases"]] == ["cases/new.json"]


def test_a_committed_change_since_the_ref_is_seen(run_cli, case_repo):
    base = git(case_repo, "rev-parse", "HEAD").strip()
    seed = case_repo / "cases" / "R8-kikaku-tape-hanyaku.json"
    seed.write_text(seed.read_text(encoding="utf-8").replace('"ISMS",', '"ISMAP",'), encoding="utf-8")
    git(case_repo, "commit", "-q", "-am", "change the seed")
    result, report = _check(run_cli, case_repo, ref=base)
    assert result.exit_code == 0, result.output
    assert [case["path"] for case in report["cases"]] == ["cases/R8-kikaku-tape-hanyaku.json"]


def test_a_policy_change_checks_every_case(run_cli, case_repo):
    shutil.copy(VARIANTS / "tls-1-0.json", case_repo / "cases" / "old-tls.json")
    git(case_repo, "add", ".")
    git(case_repo, "commit", "-q", "-m", "another case")
    settings = case_repo / "policies" / "casegate" / "settings" / "data.json"
    data = json.loads(settings.read_text(encoding="utf-8"))
    data["deletion_grace_days"] = 60
    settings.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result, report = _check(run_cli, case_repo)
    assert result.exit_code == 1
    assert len(report["cases"]) == 2
    assert "すべての案件" in report["scope"]


def test_an_unknown_ref_is_a_usage_error(run_cli, case_repo):
    result = run_cli("check", "--changed-since", "no-such-branch", "cases/", cwd=case_repo)
    assert result.exit_code == 2
    assert "REF" in result.stderr
