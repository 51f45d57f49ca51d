"""The case, the catalogue and the verdict turned into what the template shows, in the paper's order.

Pure data: no I/O, no HTML. Everything a case says is passed on as text (the template escapes it);
what the case does not say is shown as 未記載, never guessed. The wording around the values is the
seed proposal's (/work/shared/seeds/000_…: 付議事項, 事業の概要, the two tables, checklists 4 and 5).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from casegate.core.dates import format_date, format_wareki
from casegate.core.model import CaseReport, Finding, PolicyInfo, Verdict
from casegate.core.provenance import PolicySource
from casegate.render.catalogue import Item
from casegate.render.diagram import Diagram

MISSING = "未記載"
NOT_NEEDED = "－"

_SECTIONS = {
    "external_connection": ("4 外部結合にかかる個人情報保護対策チェックリスト", None, "情報保護対策"),
    "outsourcing": (
        "5 業務委託にかかる個人情報保護対策チェックリスト",
        "（電磁的媒体・紙媒体の取扱い）",
        "個人情報保護対策",
    ),
}
_GROUPS = {
    ("external_connection", "ward"): "区が行う情報保護対策",
    ("external_connection", "partner"): "結合先に行わせる情報保護対策",
    ("outsourcing", "ward"): "委託にあたり区が行う個人情報保護対策",
    ("outsourcing", "partner"): "委託事業者に行わせる個人情報保護対策",
}
_KINDS = {"operational": "【運用上の対策】", "system": "【システム上の対策】"}


@dataclass(frozen=True)
class Row:
    id: str
    answer: str  # "○", "－", or 未回答
    reason: str | None
    text: str
    answered: bool
    flags: tuple[str, ...] = ()  # "違反 rule-id" / "警告 rule-id" naming this item


@dataclass(frozen=True)
class Group:
    label: str
    kind: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Checklist:
    heading: str
    note: str | None
    measures_header: str
    groups: tuple[Group, ...]


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: str  # "heading", "subheading", "note" or "body"


@dataclass(frozen=True)
class VerdictBox:
    verdict: Verdict
    label: str  # 合格 / 不合格
    as_of: str
    policy_version: str
    revisions: tuple[str, ...]
    case_path: str
    sha256: str | None
    violations: tuple[Finding, ...]
    warnings: tuple[Finding, ...]
    waived: tuple[Finding, ...]
    assumptions: tuple[tuple[str, str], ...]  # (pointer, note)
    source: str | None = None  # which policy and schema judged (check's own sentence)
    unreleased: str | None = None  # check's warning when local, unreleased rules judged


@dataclass(frozen=True)
class Document:
    case_id: str
    title: str
    legal_basis: str
    department: str
    business: dict[str, str]
    paragraphs: tuple[Paragraph, ...]
    external_connection: tuple[tuple[str, Any], ...] | None  # (label, text or list of texts)
    external_subject: str
    outsourcing: tuple[tuple[str, Any], ...] | None
    outsourcing_subject: str
    checklists: tuple[Checklist, ...]
    diagram: Diagram
    locations: tuple[dict[str, str], ...]
    transfers: tuple[dict[str, str], ...]
    verdict: VerdictBox
    generated: str = field(default="")


def _str(value: Any) -> str:
    if value is None or value == "":
        return MISSING
    return str(value)


def _obj(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _wareki(text: Any) -> str:
    try:
        return format_wareki(dt.date.fromisoformat(str(text)))
    except ValueError:
        return _str(text)


def period(value: Any, what: str) -> str:
    """令和8年5月1日から令和9年3月31日まで（次年度以降も、同様の外部結合を行う。）"""
    data = _obj(value)
    text = f"{_wareki(data.get('start'))}から{_wareki(data.get('end'))}まで"
    if data.get("continues_next_year") is True:
        text += f"（次年度以降も、同様の{what}を行う。）"
    return text


def subject(title: str, what: str) -> str:
    """The table's 件名: 「…業務の外部結合等について」 becomes 「…業務の外部結合について」 / 「…業務の委託について」."""
    base = title.removesuffix("について").removesuffix("等")
    for suffix in ("の外部結合及び業務委託", "の外部結合・業務委託", "の外部結合", "の業務委託", "の委託"):
        if base.endswith(suffix):
            base = base.removesuffix(suffix)
            break
    return f"{base}の{what}について"


_HEADING = re.compile(r"^[0-9０-９]+[ 　]")
_SUBHEADING = re.compile(r"^[（(][0-9０-９]+[）)]")


def paragraphs(business: Mapping[str, Any]) -> tuple[Paragraph, ...]:
    """事業内容 line by line, with 「N 対象者数」 added before the ※ notes as the paper has it."""
    lines = [line for line in _str(business.get("description")).splitlines() if line.strip()]
    body = [line for line in lines if not line.startswith("※")]
    notes = [line for line in lines if line.startswith("※")]
    count = _obj(business.get("target_count"))
    if count and not any("対象者数" in line for line in body):
        numbers = [
            int(m.group(0)) for line in body if (m := re.match(r"^[0-9]+", line)) and _HEADING.match(line)
        ]
        approximate = count.get("approximate")
        body += [
            f"{max(numbers, default=0) + 1} 対象者数",
            str(count.get("note") or (f"{approximate}名程度" if approximate is not None else MISSING)),
        ]

    def style(line: str) -> str:
        if line.startswith("※"):
            return "note"
        if _HEADING.match(line):
            return "heading"
        return "subheading" if _SUBHEADING.match(line) else "body"

    return tuple(Paragraph(line, style(line)) for line in [*body, *notes])


def _list(value: Any) -> list[str]:
    return [_str(item) for item in value] if isinstance(value, list) and value else [MISSING]


def external_table(section: Mapping[str, Any]) -> tuple[tuple[str, Any], ...]:
    partner = _obj(section.get("partner"))
    certifications = [str(item) for item in partner.get("certifications") or []]
    partner_text = _str(partner.get("name"))
    if certifications:
        partner_text += f"（{'・'.join(certifications)} 認証取得）"
    return (
        ("保有課（担当課）", _str(section.get("holding_section"))),
        ("登録業務の名称", _list(section.get("registered_operations"))),
        ("結合される情報項目（だれの、どのような項目か）", _str(section.get("information_items"))),
        ("結合の相手方", partner_text),
        ("結合する理由", _str(section.get("reason"))),
        ("結合の形態", _str(section.get("form"))),
        ("結合の開始時期と期間", period(section.get("period"), "外部結合")),
        ("情報保護対策", "別紙チェックリストのとおり"),
    )


def outsourcing_table(section: Mapping[str, Any]) -> tuple[tuple[str, Any], ...]:
    contractor = _obj(section.get("contractor"))
    media = _obj(section.get("media"))
    media_text = (
        media.get("description") or "・".join(str(item) for item in media.get("types") or []) or MISSING
    )
    return (
        ("保有課（担当課）", _str(section.get("holding_section"))),
        ("登録業務の名称", _list(section.get("registered_operations"))),
        ("委託先", _str(contractor.get("name") or contractor.get("status"))),
        (
            "委託に伴い事業者処理させる情報項目（だれの、どのような項目か）",
            _str(section.get("information_items")),
        ),
        ("処理させる情報項目の記録媒体", str(media_text)),
        ("委託理由", _str(section.get("reason"))),
        ("委託の内容", _str(section.get("work"))),
        ("委託の開始時期及び期限", period(section.get("period"), "業務委託")),
        ("委託にあたり区が行う情報保護対策", "別紙チェックリストのとおり"),
        ("受託事業者に行わせる情報保護対策", "別紙チェックリストのとおり"),
    )


def checklists(
    data: Mapping[str, Any], catalogue: Sequence[Item], report: CaseReport
) -> tuple[Checklist, ...]:
    flags: dict[str, list[str]] = {}
    for label, findings in (("違反", report.violations), ("警告", report.warnings), ("免除", report.waived)):
        for finding in findings:
            for item_id in finding.checklist_ids:
                flags.setdefault(item_id, []).append(f"{label} {finding.rule_id}")
    tables = []
    for section, (heading, note, header) in _SECTIONS.items():
        if not isinstance(data.get(section), Mapping):
            continue  # the case does not ask for this kind of approval
        answers = _obj(data[section].get("checklist"))
        groups = []
        for party in ("ward", "partner"):
            for kind, kind_label in _KINDS.items():
                rows = []
                for item in catalogue:
                    if (item.section, item.party, item.kind) != (section, party, kind):
                        continue
                    answer = _obj(answers.get(item.id))
                    value = answer.get("answer")
                    answered = value in ("○", NOT_NEEDED)
                    reason = answer.get("reason")
                    rows.append(
                        Row(
                            id=item.id,
                            answer=str(value) if answered else "未回答",
                            reason=str(reason) if value == NOT_NEEDED and reason else None,
                            text=item.text_ja,
                            answered=answered,
                            flags=tuple(flags.get(item.id, ())),
                        )
                    )
                if rows:
                    label = _GROUPS.get((section, party), party)
                    groups.append(Group(label=label, kind=kind_label, rows=tuple(rows)))
        tables.append(Checklist(heading=heading, note=note, measures_header=header, groups=tuple(groups)))
    return tuple(tables)


def verdict_box(
    data: Mapping[str, Any],
    report: CaseReport,
    policy: PolicyInfo | None,
    as_of: dt.date,
    source: PolicySource | None = None,
) -> VerdictBox:
    assumptions = tuple(
        (_str(item.get("pointer")), _str(item.get("note")))
        for item in data.get("assumptions") or []
        if isinstance(item, Mapping)
    )
    return VerdictBox(
        verdict=report.verdict,
        label="合格" if report.verdict is Verdict.PASS else "不合格",
        as_of=format_date(as_of, "ja"),
        policy_version=policy.version if policy else MISSING,
        revisions=policy.revisions if policy else (),
        case_path=report.path,
        sha256=report.sha256,
        violations=report.violations,
        warnings=report.warnings,
        waived=report.waived,
        assumptions=assumptions,
        source=source.line("ja") if source else None,
        unreleased=source.warning("ja") if source else None,
    )


def _location_rows(data: Mapping[str, Any]) -> tuple[dict[str, str], ...]:
    from casegate.render.diagram import ROLES

    rows = []
    for location in data.get("data_locations") or []:
        if not isinstance(location, Mapping):
            continue
        role = location.get("role")
        rows.append(
            {
                "name": _str(location.get("name")),
                "operator": _str(location.get("operator")),
                "role": ROLES.get(str(role), str(role)) if role is not None else MISSING,
                "place": f"{_str(location.get('country'))}／{_str(location.get('governing_law'))}",
                "description": str(location.get("description") or ""),
            }
        )
    return tuple(rows)


def _transfer_rows(data: Mapping[str, Any]) -> tuple[dict[str, str], ...]:
    from casegate.render.diagram import encryption_text, location_name

    locations = [item for item in data.get("data_locations") or [] if isinstance(item, Mapping)]
    return tuple(
        {
            "route": f"{location_name(locations, item.get('from'))} → {location_name(locations, item.get('to'))}",
            "network": _str(item.get("network")),
            "encryption": encryption_text(item),
            "description": str(item.get("description") or ""),
        }
        for item in data.get("transfers") or []
        if isinstance(item, Mapping)
    )


def build(
    data: Mapping[str, Any],
    catalogue: Sequence[Item],
    report: CaseReport,
    policy: PolicyInfo | None,
    as_of: dt.date,
    diagram: Diagram,
    source: PolicySource | None = None,
) -> Document:
    business = _obj(data.get("business"))
    department = _obj(data.get("department"))
    title = _str(data.get("title"))
    external = data.get("external_connection")
    outsourcing = data.get("outsourcing")
    return Document(
        case_id=_str(data.get("case_id")),
        title=title,
        legal_basis=_str(data.get("legal_basis")),
        department=f"{department.get('division') or ''}{department.get('section') or ''}" or MISSING,
        business={
            "name": _str(business.get("name")),
            "section": _str(business.get("section")),
            "purpose": _str(business.get("purpose")),
            "target_persons": _str(business.get("target_persons")),
        },
        paragraphs=paragraphs(business),
        external_connection=external_table(external) if isinstance(external, Mapping) else None,
        external_subject=subject(title, "外部結合"),
        outsourcing=outsourcing_table(outsourcing) if isinstance(outsourcing, Mapping) else None,
        outsourcing_subject=subject(title, "委託"),
        checklists=checklists(data, catalogue, report),
        diagram=diagram,
        locations=_location_rows(data),
        transfers=_transfer_rows(data),
        verdict=verdict_box(data, report, policy, as_of, source),
    )
