"""`casegate impact` in a real git repository, judged twice by the real OPA."""

from __future__ import annotations

import json

from support.cases import settled
from support.git import git
from support.paths import VARIANTS

TODAY_CASES = ("cases/R8-kikaku-tape-hanyaku.json", "cases/tls-1-0.json", "cases/tls-1-3.json")


def _tls_13_case(repo):
    seed = json.loads((repo / "cases" / "R8-kikaku-tape-hanyaku.json").read_text(encoding="utf-8"))
    seed["case_id"] = "tls-1-3"
    for transfer in seed["transfers"]:
        transfer["tls_version"] = "1.3"
    (repo / "cases" / "tls-1-3.json").write_text(
        json.dumps(seed, ensure_ascii=False, indent=2), encoding="utf-8"
    )


def _copy_settled(source, target):
    """A variant with the seed's unknowns settled, so it fails today for its own reason only."""
    case = settled(json.loads(source.read_text(encoding="utf-8")))
    target.write_text(json.dumps(case, ensure_ascii=False, indent=2), encoding="utf-8")


def _raise_min_tls(repo, version):
    settings = repo / "policies" / "casegate" / "settings" / "data.json"
    data = json.loads(settings.read_text(encoding="utf-8"))
    data["min_tls_version"] = version
    settings.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def _impact(run_cli, repo, *args):
    # --policies: the repository's own folder is the AFTER side (a case repository's policies/
    # never judge by default).
    result = run_cli("impact", "--format", "json", "--lang", "en", "--policies", "policies", *args, cwd=repo)
    return result, json.loads(result.stdout)


def test_a_policy_change_lists_the_cases_it_flips_and_not_the_others(run_cli, case_repo):
    _copy_settled(VARIANTS / "tls-1-0.json", case_repo / "cases" / "tls-1-0.json")
    _tls_13_case(case_repo)
    git(case_repo, "add", ".")
    git(case_repo, "commit", "-q", "-m", "more cases")
    _raise_min_tls(case_repo, "1.3")  # uncommitted: the working tree is AFTER, HEAD is BEFORE

    result, report = _impact(run_cli, case_repo, "--base", "HEAD")
    assert result.exit_code == 0, result.output
    changes = {change["path"]: change for change in report["changes"]}
    assert set(changes) == {"cases/R8-kikaku-tape-hanyaku.json", "cases/tls-1-0.json"}
    assert report["unchanged"] == 1  # the TLS 1.3 case

    seed = changes["cases/R8-kikaku-tape-hanyaku.json"]
    assert (seed["before"], seed["after"]) == ("pass", "fail")
    assert {v["rule_id"] for v in seed["new_violations"]} >= {"encryption-tls-version-too-old"}
    assert seed["gone_violations"] == []

    old_tls = changes["cases/tls-1-0.json"]
    assert (old_tls["before"], old_tls["after"]) == ("fail", "fail")
    assert {
        v["pointer"] for v in old_tls["new_violations"] if v["rule_id"] == "encryption-tls-version-too-old"
    } == {
        "/transfers/0/tls_version"  # the 1.2 transfer is new; the 1.0 one failed before too
    }
    assert report["before"]["policy"]["revisions"] != report["after"]["policy"]["revisions"]


def test_relaxing_a_policy_shows_fail_to_pass(run_cli, case_repo):
    _copy_settled(VARIANTS / "tls-1-0.json", case_repo / "cases" / "tls-1-0.json")
    git(case_repo, "add", ".")
    git(case_repo, "commit", "-q", "-m", "old tls case")
    _raise_min_tls(case_repo, "1.0")
    result, report = _impact(run_cli, case_repo, "--base", "HEAD")
    assert result.exit_code == 0
    [change] = report["changes"]
    assert (change["path"], change["before"], change["after"]) == ("cases/tls-1-0.json", "fail", "pass")
    assert change["new_violations"] == []
    assert {v["rule_id"] for v in change["gone_violations"]} >= {"encryption-tls-version-too-old"}


def test_a_future_date_shows_who_will_be_hit(run_cli, case_repo):
    result, report = _impact(run_cli, case_repo, "--as-of", "2027-06-01")
    assert result.exit_code == 0
    [change] = report["changes"]
    assert change["after"] == "fail"
    assert {v["rule_id"] for v in change["new_violations"]} == {"deletion-report-overdue"}
    assert report["after"]["as_of"] == "2027-06-01"


def test_fail_on_change_and_the_text_and_markdown_formats(run_cli, case_repo):
    result = run_cli("impact", "--as-of", "2027-06-01", "--fail-on-change", cwd=case_repo)
    assert result.exit_code == 1
    assert "cases/R8-kikaku-tape-hanyaku.json (R8-kikaku-tape-hanyaku): 合格 → 不合格" in result.stdout
    assert "1件の案件の判定が変わります（変わらない案件 0件）" in result.stdout
    assert "（基準日 令和9年6月1日" in result.stdout
    result = run_cli("impact", "--as-of", "2027-06-01", "--format", "markdown", "--lang", "en", cwd=case_repo)
    assert result.stdout.startswith("## Impact of the policy change: 1 case(s) change (0 unchanged)\n")
    assert "- cases/R8-kikaku-tape-hanyaku.json (R8-kikaku-tape-hanyaku): pass → fail" in result.stdout
    # Each side in English with ASCII parentheses (they were the Japanese full-width ones).
    assert " (as of 2027-06-01" in result.stdout and "（" not in result.stdout


def test_nothing_to_compare_is_a_usage_error(run_cli, case_repo):
    result = run_cli("impact", cwd=case_repo)
    assert result.exit_code == 2
    assert "--base" in result.stderr


def test_an_unknown_base_is_a_usage_error(run_cli, case_repo):
    result = run_cli("impact", "--base", "nope", cwd=case_repo)
    assert result.exit_code == 2
    assert "REF" in result.stderr


def test_a_requirement_with_a_future_effective_date_hits_only_new_contracts(run_cli, case_repo):
    seed = json.loads((case_repo / "cases" / "R8-kikaku-tape-hanyaku.json").read_text(encoding="utf-8"))
    seed["case_id"] = "R9-new-contract"
    for section in ("external_connection", "outsourcing"):
        seed[section]["period"] = {"start": "2027-08-01", "end": "2028-03-31", "continues_next_year": False}
    (case_repo / "cases" / "R9-new-contract.json").write_text(
        json.dumps(seed, ensure_ascii=False), encoding="utf-8"
    )

    result, report = _impact(run_cli, case_repo, "--as-of", "2027-07-01")
    assert result.exit_code == 0, result.output
    changes = {change["path"]: change for change in report["changes"]}
    new_contract = changes["cases/R9-new-contract.json"]
    assert (new_contract["before"], new_contract["after"]) == ("pass", "fail")
    assert {v["rule_id"] for v in new_contract["new_violations"]} == {"cloud-registration-missing"}
    # The seed's contract started in 2026: grandfathered (it flips only on its overdue erasure report).
    seed_change = changes["cases/R8-kikaku-tape-hanyaku.json"]
    assert "cloud-registration-missing" not in {v["rule_id"] for v in seed_change["new_violations"]}
