"""`casegate render` on bad input and with parts missing: nothing rendered that was not judged.

HTML output only (fast); the PDF itself is covered in test_render_document.py. Real OPA throughout.
"""

from __future__ import annotations

import json
import os
import shutil
import sys

import pytest

from casegate.render import diagram, document
from support.paths import REPO

AS_OF = "2026-04-20"


def test_a_case_failing_the_schema_renders_nothing_and_prints_checks_errors(
    run_cli, case, write_case, tmp_path
):
    del case["title"]
    case["transfers"][0]["encryption"] = "ROT13"
    path = write_case(case)
    out = tmp_path / "out"
    checked = run_cli("check", str(path), "--as-of", AS_OF)
    rendered = run_cli("render", str(path), "-o", str(out), "--format", "html", "--as-of", AS_OF)
    assert checked.exit_code == rendered.exit_code == 2
    assert rendered.stderr == checked.stdout  # the same words, places and summary as check
    assert "title" in rendered.stderr and "/transfers/0/encryption" in rendered.stderr
    assert not out.exists() or not any(out.iterdir())


def test_valid_cases_still_render_beside_an_invalid_one(run_cli, case, write_case, tmp_path):
    good = write_case(case, "good.json")
    broken = write_case({"case_id": "x"}, "broken.json")
    result = run_cli(
        "render", str(good), str(broken), "-o", str(tmp_path / "out"), "--format", "html", "--as-of", AS_OF
    )
    assert result.exit_code == 2
    assert (tmp_path / "out" / "good.html").is_file()
    assert not (tmp_path / "out" / "broken.html").exists()
    assert "broken.json" in result.stderr


def test_html_needs_no_pdf_stack_and_pdf_says_what_to_install(
    run_cli, case, write_case, tmp_path, monkeypatch
):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint now raises ImportError
    path = write_case(case)
    pdf = run_cli("render", str(path), "-o", str(tmp_path / "pdf"), "--as-of", AS_OF)
    assert pdf.exit_code == 3
    assert "pip install 'casegate[render]'" in pdf.stderr
    assert "libpango-1.0-0" in pdf.stderr and "fonts-noto-cjk" in pdf.stderr and "--format html" in pdf.stderr
    assert not (tmp_path / "pdf").exists()
    html = run_cli("render", str(path), "-o", str(tmp_path / "html"), "--format", "html", "--as-of", AS_OF)
    assert html.exit_code == 0, html.output
    assert (tmp_path / "html" / "case.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_without_dot_render_says_to_install_graphviz(run_cli, case, write_case, tmp_path):
    path = write_case(case)
    empty = tmp_path / "bin"
    empty.mkdir()
    env = {"PATH": str(empty), "CASEGATE_OPA": os.fspath(REPO / ".tools/bin/opa")}
    result = run_cli(
        "render", str(path), "-o", str(tmp_path / "out"), "--format", "html", "--as-of", AS_OF, env=env
    )
    assert result.exit_code == 3
    assert "apt-get install --no-install-recommends graphviz" in result.stderr
    assert not (tmp_path / "out" / "case.html").exists()


def test_case_text_is_text_never_markup_or_a_fetch(run_cli, case, write_case, tmp_path):
    case["business"]["purpose"] = '<img src="file:///etc/passwd"><script>alert(1)</script>'
    case["data_locations"][0]["name"] = 'PC \\G \\N "quoted" <b>bold</b>'
    path = write_case(case)
    result = run_cli("render", str(path), "-o", str(tmp_path), "--format", "html", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    html = (tmp_path / "case.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "<img" not in html and "<b>bold" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "PC \\G \\N" in html  # in the diagram too, the backslashes stay as written
    assert "&lt;b&gt;bold&lt;/b&gt;" in html.split("<svg", 1)[1]


def test_things_abroad_foreign_law_and_unencrypted_stand_out_in_words(case):
    case["data_locations"][1]["country"] = "US"
    case["data_locations"][1]["governing_law"] = "US"
    case["transfers"][1]["encryption"] = "なし"
    case["transfers"][1].pop("tls_version")
    case["transfers"].append(
        {"from": "box", "to": "ai-us", "network": "インターネット", "encryption": "TLS", "tls_version": "1.0"}
    )
    drawn = diagram.build(case)
    notes = "\n".join(drawn.notes)
    assert "クラウドストレージサービス（Box）：国外（US）にある" in notes
    assert "クラウドストレージサービス（Box）：外国の法（US）が適用される" in notes
    assert "クラウドストレージサービス（Box） → 委託先PC：暗号化していない" in notes
    assert "古い TLS 1.0" in notes and "送り先「ai-us」が data_locations にない" in notes
    assert drawn.svg.startswith("<svg")
    assert drawn.svg.count(f'stroke="{diagram.ALERT}"') >= 4  # red outlines and arrows, besides the words
    assert "【注意】国外（US）にある" in drawn.svg


def test_a_clean_flow_has_no_alerts(case):
    for location in case["data_locations"]:
        location["encrypted_at_rest"] = True
        location.pop("parent_company_country", None)  # schema 2.0: a parent abroad is flagged too
    drawn = diagram.build(case)
    assert drawn.notes == ()
    assert diagram.ALERT not in drawn.svg


@pytest.mark.parametrize(
    ("title", "what", "expected"),
    [
        ("テープ反訳業務の外部結合等について", "外部結合", "テープ反訳業務の外部結合について"),
        ("テープ反訳業務の外部結合等について", "委託", "テープ反訳業務の委託について"),
        ("住民票システムの業務委託について", "委託", "住民票システムの委託について"),
    ],
)
def test_table_subjects_follow_the_paper(title, what, expected):
    assert document.subject(title, what) == expected


def test_target_count_joins_the_description_before_the_note(case):
    paragraphs = document.paragraphs(case["business"])
    texts = [paragraph.text for paragraph in paragraphs]
    assert texts[-3:] == [
        "3 対象者数",
        "200名程度（1か所につき20名程度を想定）",
        "※個人情報の流れは、資料1-1のとおり",
    ]
    assert [p.style for p in paragraphs if p.text.startswith(("1 ", "2 ", "3 "))] == ["heading"] * 3


def test_period_in_wareki():
    period = {"start": "2019-05-01", "end": "2020-03-31", "continues_next_year": False}
    assert document.period(period, "外部結合") == "令和元年5月1日から令和2年3月31日まで"


def test_no_verdict_no_document_when_the_engine_fails(run_cli, tmp_path):
    policies = tmp_path / "policies"
    shutil.copytree(REPO / "policies", policies)
    with (policies / "casegate" / "main.rego").open("a", encoding="utf-8") as rego:
        rego.write("\nthis is not rego {\n")
    out = tmp_path / "out"
    case = REPO / "cases" / "R8-kikaku-tape-hanyaku.json"
    result = run_cli("render", str(case), "--policies", str(policies), "-o", str(out), "--format", "html")
    assert result.exit_code == 3
    assert "判定できませんでした" in result.stderr
    assert not out.exists()


def test_a_signed_bundle_gives_both_the_verdict_and_the_wording(run_cli, tmp_path):
    import subprocess

    from support.central import OPA, write_key_pair

    private, public = write_key_pair(tmp_path, "rsa")
    repo = tmp_path / "repo"
    shutil.copytree(REPO / "policies", repo / "policies", ignore=shutil.ignore_patterns(".regal"))
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "policies"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "p"], cwd=repo, check=True)
    bundle = tmp_path / "bundle.tar.gz"
    env = {"CASEGATE_OPA": str(OPA)}
    built = run_cli(
        *("bundle", "build", "--policies", str(repo / "policies"), "--signing-key", str(private)),
        *("-o", str(bundle)),
        cwd=repo,
        env=env,
    )
    assert built.exit_code == 0, built.output
    case = REPO / "cases" / "R8-kikaku-tape-hanyaku.json"
    out = tmp_path / "out"
    args = (
        "render",
        str(case),
        "--policies",
        str(bundle),
        "-o",
        str(out),
        "--format",
        "html",
        "--as-of",
        AS_OF,
    )
    unsigned = run_cli(*args, env=env)
    assert unsigned.exit_code == 2 and "--verification-key" in unsigned.stderr
    result = run_cli(*args, "--verification-key", str(public), env=env)
    assert result.exit_code == 0, result.output
    html = (out / f"{case.stem}.html").read_text(encoding="utf-8")
    catalogue = json.loads((REPO / "policies/casegate/catalogue/data.json").read_text(encoding="utf-8"))[
        "items"
    ]
    assert all(item["text_ja"] in html for item in catalogue.values())


def test_changed_since_renders_only_the_cases_a_change_touches(run_cli, case_repo, case):
    case["case_id"] = "R8-new-case"
    (case_repo / "cases" / "new-case.json").write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
    out = case_repo / "documents"
    args = (
        "render",
        "--changed-since",
        "HEAD",
        "--format",
        "html",
        "-o",
        str(out),
        "--as-of",
        AS_OF,
        "cases/",
    )
    result = run_cli(*args, cwd=case_repo)
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in out.iterdir()) == ["new-case.html"]
    (case_repo / "cases" / "new-case.json").unlink()
    none = run_cli(*args, cwd=case_repo)
    assert none.exit_code == 0 and "no case changed" in none.stderr


@pytest.mark.parametrize(
    "svg",
    [
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><g onload="alert(1)"/></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>',
        "<svg><g>",
    ],
    ids=["script", "handler", "image", "broken"],
)
def test_a_dot_that_is_not_graphviz_cannot_put_markup_in_the_document(
    run_cli, case, write_case, tmp_path, svg
):
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "dot").write_text(f"#!/bin/sh\ncat >/dev/null\nprintf '%s' '{svg}'\n", encoding="utf-8")
    (fake / "dot").chmod(0o755)
    path = write_case(case)
    env = {"PATH": f"{fake}:/usr/bin:/bin", "CASEGATE_OPA": os.fspath(REPO / ".tools/bin/opa")}
    result = run_cli(
        "render", str(path), "-o", str(tmp_path / "out"), "--format", "html", "--as-of", AS_OF, env=env
    )
    assert result.exit_code == 3
    assert "dot の出力に図として想定しないもの" in result.stderr
    assert not (tmp_path / "out" / "case.html").exists()


def test_a_character_no_font_has_is_refused_not_printed_as_a_box(run_cli, case, write_case, tmp_path):
    case["business"]["purpose"] += "\U0010fffd"  # private use, plane 16: no font draws it
    path = write_case(case)
    result = run_cli("render", str(path), "-o", str(tmp_path / "out"), "--as-of", AS_OF)
    assert result.exit_code == 2
    assert "U+10FFFD" in result.stderr and str(path) in result.stderr
    assert not (tmp_path / "out" / "case.pdf").exists()


def test_the_diagram_stays_plain_svg_after_a_pdf_was_made(case):
    from casegate.render import pdf

    # WeasyPrint's parser registers an "svg" prefix process-wide; a diagram written after it
    # (the second case of one run) must still be <svg xmlns=…>, or the browser shows no drawing.
    pdf.render_pdf('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><g/></svg>', "x")
    assert diagram.build(case).svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')


def test_local_unreleased_rules_are_said_on_the_first_page(run_cli, tmp_path):
    case = REPO / "cases" / "R8-kikaku-tape-hanyaku.json"
    args = ("render", str(case), "--format", "html", "--as-of", AS_OF)
    released = run_cli(*args, "-o", str(tmp_path / "a"))
    local = run_cli(*args, "-o", str(tmp_path / "b"), "--policies", str(REPO / "policies"))
    assert released.exit_code == local.exit_code == 0, local.output
    first = {
        name: (tmp_path / name / f"{case.stem}.html").read_text(encoding="utf-8").split("</section>")[0]
        for name in ("a", "b")
    }
    warning = "リリースされていないローカルの方針またはスキーマで判定しました"
    assert warning not in first["a"] and "方針リポジトリ" in (tmp_path / "a" / f"{case.stem}.html").read_text(
        encoding="utf-8"
    )
    assert warning in first["b"]
