"""`check --changed-since REF` in a real git repository."""

from __future__ import annotations

import json
import os
import shutil

from support.cases import FINGERPRINT
from support.git import git
from support.paths import VARIANTS

AS_OF = "2026-04-27"  # before the seed's start: its unknowns are warnings


def _check(run_cli, repo, ref="HEAD", *rules):
    """`rules`: --policies / --waivers of the repository's own folders. Without them the released
    rules judge (here: this checkout's), and a case repository's policies/ count for nothing."""
    result = run_cli(
        "check", "--as-of", AS_OF, "--changed-since", ref, *rules, "--format", "json", "cases/", cwd=repo
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
    result, report = _check(run_cli, case_repo, "HEAD", "--policies", "policies")
    assert result.exit_code == 1
    assert len(report["cases"]) == 2
    assert "すべての案件" in report["scope"]


def test_an_unknown_ref_is_a_usage_error(run_cli, case_repo):
    result = run_cli("check", "--changed-since", "no-such-branch", "cases/", cwd=case_repo)
    assert result.exit_code == 2
    assert "REF" in result.stderr


def test_deleting_a_waiver_file_rechecks_every_case(run_cli, case_repo):
    shutil.copy(VARIANTS / "partner-uncertified.json", case_repo / "cases" / "uncertified.json")
    waiver = {
        "rule_id": "partner-certification-missing",
        "fingerprint": FINGERPRINT,
        "case_id": "variant-partner-uncertified",
        "file": "cases/uncertified.json",
        "reason": "会議で承認",
        "approver": "情報セキュリティ担当",
        "approved_on": "2026-04-20",
        "expires": "2027-03-31",
    }
    (case_repo / "waivers" / "2026.json").write_text(
        json.dumps({"waivers": [waiver]}, ensure_ascii=False), encoding="utf-8"
    )
    git(case_repo, "add", ".")
    git(case_repo, "commit", "-q", "-m", "a waived case")
    assert _check(run_cli, case_repo, "HEAD", "--waivers", "waivers")[0].exit_code == 0

    git(case_repo, "rm", "-q", "waivers/2026.json")  # revoking the waiver
    result, report = _check(run_cli, case_repo, "HEAD", "--waivers", "waivers")
    assert result.exit_code == 1, result.output
    assert "すべての案件" in report["scope"]


def test_deleting_a_policy_file_rechecks_every_case(run_cli, case_repo):
    git(case_repo, "rm", "-q", "policies/casegate/rules/partner.rego")
    shutil.copy(VARIANTS / "server-abroad.json", case_repo / "cases" / "abroad.json")
    git(case_repo, "add", ".")
    git(case_repo, "commit", "-q", "-m", "drop a policy, add a case")
    result, report = _check(run_cli, case_repo, "HEAD~1", "--policies", "policies")
    assert result.exit_code == 1  # the new case is abroad
    assert len(report["cases"]) == 2
    assert "すべての案件" in report["scope"]


def test_rules_are_found_where_they_are_not_only_at_the_top(run_cli, case_repo, tmp_path):
    """A casegate folder inside a larger repository: its policies are watched where they are."""
    mono = tmp_path / "mono"
    shutil.copytree(case_repo, mono / "sub", ignore=shutil.ignore_patterns(".git"))
    git(mono, "init", "-q", "-b", "main")
    git(mono, "config", "user.email", "t@example.invalid")
    git(mono, "config", "user.name", "t")
    git(mono, "add", ".")
    git(mono, "commit", "-q", "-m", "monorepo")
    settings = mono / "sub" / "policies" / "casegate" / "settings" / "data.json"
    data = json.loads(settings.read_text(encoding="utf-8"))
    data["min_tls_version"] = "1.3"
    settings.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result, report = _check(run_cli, mono / "sub", "HEAD", "--policies", "policies")
    assert result.exit_code == 1, result.output
    assert len(report["cases"]) == 1


def test_a_case_outside_the_repository_is_refused(run_cli, case_repo, tmp_path):
    outside = tmp_path / "outside.json"
    shutil.copy(VARIANTS / "server-abroad.json", outside)
    result = run_cli("check", "--changed-since", "HEAD", str(outside), cwd=case_repo)
    assert result.exit_code == 2
    assert "outside.json" in result.stderr


def test_a_file_name_that_is_not_utf8_does_not_break_it(run_cli, case_repo):
    (case_repo / os.fsdecode(b"notes-\xe9.txt")).write_text("memo", encoding="utf-8")
    result, report = _check(run_cli, case_repo)
    assert result.exit_code == 0, result.output
    assert report["cases"] == []


def test_outside_any_git_repository_is_a_usage_error(run_cli, case_repo, tmp_path):
    plain = tmp_path / "plain"
    shutil.copytree(case_repo, plain, ignore=shutil.ignore_patterns(".git"))
    result = run_cli("check", "--changed-since", "HEAD", "cases/", cwd=plain)
    assert result.exit_code == 2
    assert "git のリポジトリの中で実行しているか" in result.stderr
