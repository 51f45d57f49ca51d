"""Write docs/coverage.md: which facts and rules back each of the 80 checklist items.

Generated, never edited by hand, from the catalogue (policies/casegate/catalogue/data.json) and
the rules' METADATA as the pinned OPA reads it (`opa inspect --annotations`): a rule backs an
item when its custom.checklist_ids names it, except the answer-checking rules of
rules/checklist.rego (they check that an answer is given, not that a fact supports it) and the
rules that declare `all` (the unknown rules: they say a fact is missing, whatever the item).
`tests/e2e/test_coverage_doc.py` fails when the committed file differs from what this writes;
run `.venv/bin/python scripts/build_coverage.py` after changing a rule's METADATA or the catalogue.
"""

from __future__ import annotations

import json
import os
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "cli"))

from casegate.engine.opa_binary import run_opa  # noqa: E402

CATALOGUE = ROOT / "policies" / "casegate" / "catalogue" / "data.json"
OUTPUT = ROOT / "docs" / "coverage.md"
TARGET = 72

#: Items that stay a declaration however many facts the case carries, and why.
DECLARATIONS: dict[str, str] = {}

#: What the clause or measure behind an item cannot show, written once per item kind.
LIMITS = {
    "OP-02": "条項は立入り調査等の権利を示す。実際に調査したかは事後の記録で確かめる。",
    "OP-05": "業務フローの作成・共有そのものは事実として書かれない（条項のみ）。",
    "OP-06": "確認する体制の条項。確認の実績は事後の記録で確かめる。",
}


def annotations() -> list[dict[str, Any]]:
    # The project's pinned OPA (CASEGATE_OPA, else the one `make setup` builds into .tools/bin).
    binary = Path(os.environ.get("CASEGATE_OPA", ROOT / ".tools" / "bin" / "opa"))
    done = run_opa(binary, ["inspect", "--annotations", "--format", "json", str(ROOT / "policies")])
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return list(json.loads(done.stdout)["annotations"])


def _package(entry: dict[str, Any]) -> str:
    parts = [segment["value"] for segment in entry["path"][1:]]
    return ".".join(parts[:3])


def backing(
    entries: list[dict[str, Any]],
) -> tuple[dict[str, set[str]], dict[str, list[str]], dict[str, str]]:
    """item id -> rule ids, package -> facts, rule id -> its Rego test file."""
    rules_of: dict[str, set[str]] = defaultdict(set)
    facts_of: dict[str, list[str]] = {}
    test_of: dict[str, str] = {}
    for entry in entries:
        note = entry["annotations"]
        custom = note.get("custom", {})
        package = _package(entry)
        if note.get("scope") == "package" and "facts" in custom:
            facts_of[package] = list(custom["facts"])
        ids = custom.get("checklist_ids")
        rule_id = custom.get("rule_id")
        if not rule_id or not isinstance(ids, list) or package == "casegate.rules.checklist":
            continue
        source = Path(entry["location"]["file"])
        test_of[rule_id] = str(source.with_name(f"{source.stem}_test.rego").relative_to(ROOT))
        for item_id in ids:
            rules_of[item_id].add(f"{package}|{rule_id}")
    return rules_of, facts_of, test_of


def render() -> str:
    items = json.loads(CATALOGUE.read_text(encoding="utf-8"))["items"]
    rules_of, facts_of, test_of = backing(annotations())
    backed = [item_id for item_id in items if rules_of.get(item_id)]
    lines = [
        "# チェックリスト 80 項目の裏付け（生成ファイル）",
        "",
        "<!-- scripts/build_coverage.py が書きます。手で直さないでください。 -->",
        "",
        "各項目の「○」を事実で否定できるルール（rules/checklist.rego の回答の形式を確かめるルールと、"
        "「不明」を扱う rules/unknown.rego を除く）と、そのルールが読む事実、ルールのテストです。"
        "ルールの METADATA（custom.checklist_ids、パッケージの custom.facts）とカタログから生成します。",
        "",
        f"**事実で裏付けられた項目：{len(backed)} / {len(items)}**（目標 {TARGET} 以上）",
        "",
        "| 項目 | 内容 | ルール | 事実 | テスト | 事実で示せないこと |",
        "|---|---|---|---|---|---|",
    ]
    for item_id, item in items.items():
        found = sorted(rules_of.get(item_id, set()))
        rule_ids = sorted({entry.split("|")[1] for entry in found})
        packages = sorted({entry.split("|")[0] for entry in found})
        facts = sorted({fact for package in packages for fact in facts_of.get(package, [])})
        tests = sorted({test_of[rule_id] for rule_id in rule_ids})
        limit = next((text for suffix, text in LIMITS.items() if item_id.endswith(suffix)), "")
        if not found:
            limit = DECLARATIONS.get(item_id, "裏付けるルールがない（宣言のまま）")
        text = item["text_ja"].replace("|", "｜")
        lines.append(
            f"| {item_id} | {text} | {'<br>'.join(f'`{r}`' for r in rule_ids) or '—'} | "
            f"{'<br>'.join(f'`{f}`' for f in facts) or '—'} | {'<br>'.join(tests) or '—'} | {limit} |"
        )
    missing = [item_id for item_id in items if item_id not in backed]
    lines += ["", "## 宣言のまま残る項目", ""]
    if missing:
        lines += [f"- {item_id}：{DECLARATIONS.get(item_id, '理由未記入')}" for item_id in missing]
    else:
        lines.append(
            "なし。ただし上の表の「事実で示せないこと」の項目は、契約の条項（特記事項）という事実で裏付けるだけで、"
            "実際に行われたか（立入り調査、管理状況の確認など）は案件ファイルでは示せません。"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
