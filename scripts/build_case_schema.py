"""Write schemas/case.schema.json from this file, the checklist catalogue and the clause list.

The schema is authored here, not by hand in JSON, because its checklist part must list
exactly the catalogue's 80 items (id, Japanese text, whether 「－」 is allowed) and its
contract clauses exactly the policy's clause kinds, and these must never drift:
`tests/e2e/test_case_schema.py` fails when the committed file differs from what this script writes.
Run `make schema` after editing any of them.

Version 2 (docs/facts.md) carries facts rather than declarations: data locations with a role,
system measures per side, the contract clauses (特記事項) as a list, paper and media storage,
assumptions, and the value "不明" (unknown) where the author does not know a fact yet.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "policies" / "casegate" / "catalogue" / "data.json"
CLAUSES = ROOT / "policies" / "casegate" / "clauses" / "data.json"
OUTPUT = ROOT / "schemas" / "case.schema.json"
SCHEMA_ID = "https://casegate.example/schemas/case.schema.json"
SCHEMA_VERSION = "2.0"
#: The value that says "not known yet": never read as false by the policy (docs/facts.md).
UNKNOWN = "不明"


def obj(title: str, description: str, properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {
        "type": "object",
        "title": title,
        "description": description,
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def text(title: str, description: str, max_length: int = 4000) -> dict[str, Any]:
    return {
        "type": "string",
        "title": title,
        "description": description,
        "minLength": 1,
        "maxLength": max_length,
        "pattern": r"\S",
    }


def boolean(title: str, description: str) -> dict[str, Any]:
    return {"type": "boolean", "title": title, "description": description}


def date(title: str, description: str) -> dict[str, Any]:
    return {
        "type": "string",
        "format": "date",
        "title": title,
        "description": description + "（西暦の YYYY-MM-DD で書きます。例：令和8年5月1日 → 2026-05-01）",
        # 1900-01-01..2199-12-31, casegate's one date range (casegate.core.dates.ISO_PATTERN, kept equal
        # by a test): OPA's nanosecond dates overflow after 2262-04-11, and the policies add days.
        "pattern": r"^(19[0-9]{2}|2[01][0-9]{2})-[0-9]{2}-[0-9]{2}$",
    }


def country(title: str, description: str) -> dict[str, Any]:
    return {
        "type": "string",
        "title": title,
        "description": description + "（ISO 3166-1 の2文字の国コードを半角大文字で。日本は JP）",
        "pattern": "^[A-Z]{2}$",
    }


def text_list(title: str, description: str) -> dict[str, Any]:
    return {
        "type": "array",
        "title": title,
        "description": description,
        "items": text(title, description, 400),
        "minItems": 1,
        "maxItems": 100,
    }


def tri(title: str, description: str) -> dict[str, Any]:
    """A yes/no fact that may not be known yet: true, false or "不明"."""
    return {
        "enum": [True, False, UNKNOWN],
        "title": title,
        "description": description
        + f'（分からない・まだ決まっていない場合は "{UNKNOWN}"。"{UNKNOWN}" は開始日までに確かめます）',
    }


def days_or_unknown(title: str, description: str, maximum: int = 3650) -> dict[str, Any]:
    return {
        "anyOf": [{"type": "integer", "minimum": 0, "maximum": maximum}, {"const": UNKNOWN}],
        "title": title,
        "description": description + f'（整数。分からない場合は "{UNKNOWN}"）',
    }


def text_or_unknown(title: str, description: str, max_length: int = 400) -> dict[str, Any]:
    return {
        "anyOf": [text(title, description, max_length), {"const": UNKNOWN}],
        "title": title,
        "description": description + f'（分からない場合は "{UNKNOWN}"）',
    }


def location_ids(title: str, description: str) -> dict[str, Any]:
    return {
        "type": "array",
        "title": title,
        "description": description + "（data_locations の id）",
        "items": {"type": "string", "pattern": "^[a-z0-9][a-z0-9_-]{0,63}$"},
        "maxItems": 50,
        "uniqueItems": True,
    }


ROLES = {
    "ward": "区（区の端末・区のシステム）",
    "partner": "結合の相手方・クラウドサービス",
    "contractor": "委託先",
    "subcontractor": "再委託先",
    "backup": "バックアップ・複製（レプリカ）",
    "other_processor": "その他の処理者（外部 API など）",
}

SIDES = {
    "ward": "区",
    "partner": "結合の相手方（クラウドサービス等）",
    "contractor": "委託先",
}


def side_measures(side_ja: str) -> dict[str, Any]:
    """The system measures (SY items) one side takes, as facts the policy can check."""
    return obj(
        f"{side_ja}のシステム上の対策",
        f"{side_ja}が講じるシステム上の対策の事実（チェックリストのシステム上の対策 SY-01〜SY-10 の裏付け）。",
        {
            "network": obj(
                "通信相手の限定（SY-01・SY-02）",
                "特定の相手以外と通信できないようにする対策。",
                {
                    "named_endpoints_only": tri(
                        "特定の相手とだけ通信",
                        "通信先を特定の相手（接続先のサービス・端末）に限っている場合は true",
                    ),
                    "ip_restriction": tri(
                        "IP アドレス等の制限", "接続元の IP アドレスや端末を制限している場合は true"
                    ),
                    "public_share_links_disabled": tri(
                        "公開共有リンクの禁止",
                        "だれでも開ける共有リンク（公開リンク）を使えないようにしている場合は true",
                    ),
                },
                ["named_endpoints_only", "ip_restriction", "public_share_links_disabled"],
            ),
            "perimeter": obj(
                "不正侵入の防御（SY-04）",
                "ファイアウォール、侵入検知、セキュリティパッチの適用。",
                {
                    "firewall": tri("ファイアウォール", "ファイアウォールを置いている場合は true"),
                    "intrusion_detection": tri("侵入検知", "侵入検知・防止（IDS/IPS）をしている場合は true"),
                    "patch_within_days": days_or_unknown(
                        "パッチ適用の期限（日）", "セキュリティパッチを公開から何日以内に適用するか"
                    ),
                },
                ["firewall", "intrusion_detection", "patch_within_days"],
            ),
            "malware": obj(
                "ウイルス対策（SY-05）",
                "ウイルス対策ソフトウェアと最新のパターンファイル。",
                {
                    "protection": tri(
                        "ウイルス対策ソフト", "ウイルス対策ソフトウェアを入れている場合は true"
                    ),
                    "definitions_updated": tri(
                        "パターンファイルの更新", "パターンファイルを自動で最新にしている場合は true"
                    ),
                },
                ["protection", "definitions_updated"],
            ),
            "accounts": obj(
                "ID・パスワード（SY-06）",
                "利用者の識別と認証。",
                {
                    "individual_ids": tri("個人ごとの ID", "利用者ごとに別の ID を発行している場合は true"),
                    "shared_accounts": tri(
                        "共有アカウント", "複数人で使う共有の ID がある場合は true（あってはいけません）"
                    ),
                    "mfa_outside_lgwan": tri(
                        "LGWAN 外からの多要素認証",
                        "LGWAN の外（インターネット）から使う場合に多要素認証を必須にしている場合は true",
                    ),
                    "password_rules": text_or_unknown(
                        "パスワードの規則",
                        "パスワードの長さ・複雑さ・使い回しの禁止など（例：12文字以上、英数記号混在）",
                    ),
                },
                ["individual_ids", "shared_accounts", "mfa_outside_lgwan", "password_rules"],
            ),
            "logs": obj(
                "監視とアクセスログ（SY-08）",
                "アクセスログの取得、保存期間、分析の頻度。",
                {
                    "access_logs_kept": tri("アクセスログの取得", "アクセスログを取得している場合は true"),
                    "retention_days": days_or_unknown("ログの保存期間（日）", "アクセスログを何日保存するか"),
                    "review": {
                        "enum": [
                            "毎日",
                            "毎週",
                            "毎月",
                            "四半期",
                            "半年",
                            "年1回",
                            "不定期",
                            "しない",
                            UNKNOWN,
                        ],
                        "title": "ログの分析の頻度",
                        "description": f'取得したログを分析する頻度。分からない場合は "{UNKNOWN}"',
                    },
                },
                ["access_logs_kept", "retention_days", "review"],
            ),
            "backup": obj(
                "バックアップ（SY-09）",
                "サーバの冗長化・バックアップと、その保存先。",
                {
                    "taken": tri("バックアップを取る", "バックアップ・冗長化をしている場合は true"),
                    "location_ids": location_ids(
                        "バックアップの保存先", "バックアップ・複製を置く場所（role が backup の場所）"
                    ),
                },
                ["taken"],
            ),
            "physical": obj(
                "入退室管理（SY-10）",
                "サーバ室・執務室への入退室の管理。",
                {"entry_control": tri("入退室管理", "入退室を管理している場合は true")},
                ["entry_control"],
            ),
        },
        ["network", "perimeter", "malware", "accounts", "logs", "backup", "physical"],
    )


def contract_clauses(clause_kinds: dict[str, Any], what: str) -> dict[str, Any]:
    listed = "、".join(f"{kind}（{info['title_ja']}）" for kind, info in clause_kinds.items())
    return {
        "type": "array",
        "title": "契約の特記事項",
        "description": f"{what}の契約に付す特記事項（条項）を1つずつ書きます。種類（kind）：{listed}",
        "maxItems": 100,
        "items": {
            **obj(
                "特記事項の条項",
                "契約に付す特記事項の条項1つ。",
                {
                    "kind": {
                        "enum": list(clause_kinds),
                        "title": "条項の種類",
                        "description": "条項の種類（一覧はこの項目の上の説明のとおり）",
                    },
                    "reference": text("条項の場所", "契約書・特記事項の中の場所（例：特記事項第5条）", 200),
                    "status": {
                        "enum": ["定めている", UNKNOWN],
                        "title": "定めているか",
                        "description": f'契約に定めている（"定めている"、書かなければこれ）か、まだ分からない（"{UNKNOWN}"）か',
                    },
                    "within_days": {
                        "type": "integer",
                        "minimum": 0,
                        "maximum": 365,
                        "title": "期限（日）",
                        "description": "erasure_report の条項で、終了後何日以内に消去報告書を出させるか",
                    },
                },
                ["kind"],
            ),
        },
    }


def period(what: str) -> dict[str, Any]:
    return obj(
        f"{what}の開始時期と期間",
        f"{what}を始める日と終わる日。",
        {
            "start": date("開始日", f"{what}を始める日"),
            "end": date("終了日", f"{what}を終える日（期限）"),
            "continues_next_year": boolean("次年度以降も継続", f"次年度以降も同様の{what}を行う場合は true"),
        },
        ["start", "end", "continues_next_year"],
    )


def deletion(what: str) -> dict[str, Any]:
    return obj(
        "データの消去",
        f"{what}の終了時の消去の方法と、消去報告書の受領。消去と報告書の義務そのものは特記事項（contract_clauses）に書きます。",
        {
            "method": text(
                "消去の方法",
                "消去の方法（例：専用ソフトによる上書き消去、クラウド上のファイル削除とごみ箱の完全削除）",
                400,
            ),
            "erasure_report_received_on": date(
                "消去報告書の受領日", "消去報告書を受け取った日。受け取ったら記入します"
            ),
        },
        [],
    )


def checklist(prefix: str, section_ja: str, items: dict[str, Any]) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for item_id, item in items.items():
        if not item_id.startswith(prefix):
            continue
        na = item.get("not_applicable")
        na_text = (
            f"「－」（対策の必要がない）を選べるのは、{na['when_ja']}だけです。理由も書きます。"
            if na
            else "この項目は「－」にできません。必ず「○」で対策します。"
        )
        properties[item_id] = {
            "$ref": "#/$defs/answer",
            "title": f"{item_id} {item['group_ja']} {item['position']}",
            "description": f"{item['text_ja']}\n\n{na_text}",
        }
    return {
        "type": "object",
        "title": f"{section_ja}にかかる個人情報保護対策チェックリスト",
        "description": (
            f"{section_ja}のチェックリストの全項目に答えます。対策が可能であれば「○」、"
            "対策の必要がない場合は「－」と理由を書きます。"
        ),
        "properties": properties,
        # Not `required`: whether every item is answered is the policy's call (the catalogue is
        # policy data that security staff may extend centrally), and a missing answer is then
        # reported as a violation naming the checklist item rather than as a schema error.
        "additionalProperties": False,
    }


def build(catalogue: dict[str, Any], clauses: dict[str, Any]) -> dict[str, Any]:
    items = catalogue["items"]
    kinds = clauses["kinds"]
    operations = text_list("登録業務の名称", "個人情報ファイルとして登録している業務の名称")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "個人情報保護管理運営会議 付議事項（casegate 案件ファイル）",
        "description": (
            "外部結合・業務委託の付議事項を1件書くファイルです。"
            "casegate はこの形式を確かめ（スキーマ）、チェックリストと事実が方針（ポリシー）に合うかを OPA で判定します。"
        ),
        "type": "object",
        "properties": {
            "$schema": {
                "type": "string",
                "title": "スキーマの場所",
                "description": "エディタが項目の説明と入力補完を出すために、このスキーマの場所を書きます（例：../schemas/case.schema.json）。",
            },
            "schema_version": {
                "const": SCHEMA_VERSION,
                "title": "案件ファイル形式の版",
                "description": f'この案件ファイルが従う形式の版。現在は "{SCHEMA_VERSION}" です。',
            },
            "case_id": {
                "type": "string",
                "title": "案件ID",
                "description": "案件を区別する半角の ID（英数字・ハイフン・下線、3〜64文字）。例：R8-kikaku-tape-hanyaku",
                "pattern": "^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$",
            },
            "title": text("件名", "付議事項の件名", 400),
            "submitted_on": date("付議日", "個人情報保護管理運営会議に付議する日（提出日）"),
            "legal_basis": text(
                "要綱の根拠", "付議の根拠となる要綱の条項（例：第3条第1項第3号（外部結合、業務委託））", 400
            ),
            "department": obj(
                "担当部課",
                "付議する部と課。",
                {
                    "division": text("担当部", "担当する部（例：総合政策部）", 100),
                    "section": text("担当課", "担当する課（例：企画政策課）", 100),
                },
                ["division", "section"],
            ),
            "business": obj(
                "事業の概要",
                "付議事項の「事業の概要」欄。",
                {
                    "name": text("事業名", "事業の名称", 400),
                    "section": text("担当課", "事業を担当する課", 100),
                    "purpose": text("目的", "事業の目的"),
                    "target_persons": text(
                        "対象者", "個人情報を扱われる人（例：地域説明会で発言する区民等）", 400
                    ),
                    "description": text("事業内容", "事業の内容（概要、付議内容、個人情報の流れ）", 20000),
                    "target_count": obj(
                        "対象者数",
                        "個人情報を扱う人数の見込み。",
                        {
                            "approximate": {
                                "type": "integer",
                                "minimum": 0,
                                "maximum": 100000000,
                                "title": "おおよその人数",
                                "description": "対象者数の見込み（整数。例：200）",
                            },
                            "note": text(
                                "人数の補足", "人数の見込みの根拠など（例：1か所につき20名程度を想定）", 400
                            ),
                        },
                        ["approximate"],
                    ),
                },
                ["name", "section", "purpose", "target_persons", "description", "target_count"],
            ),
            "personal_data": obj(
                "扱う個人情報",
                "この案件で扱う個人情報の項目と種類。",
                {
                    "items": text_list(
                        "個人情報の項目", "だれの、どのような情報か（例：地域説明会参加者の発言情報）"
                    ),
                    "special_care_required": boolean(
                        "要配慮個人情報を含む",
                        "人種、信条、病歴、犯罪の経歴など要配慮個人情報を含む場合は true",
                    ),
                    "my_number": boolean("マイナンバーを含む", "個人番号（マイナンバー）を含む場合は true"),
                },
                ["items", "special_care_required", "my_number"],
            ),
            "data_locations": {
                "type": "array",
                "title": "個人情報を保存・処理する場所",
                "description": "個人情報を保存または処理するすべての場所（区の端末、クラウド、委託先のPCなど）。国と適用される法を書きます。",
                "minItems": 1,
                "maxItems": 200,
                "items": {"$ref": "#/$defs/data_location"},
            },
            "transfers": {
                "type": "array",
                "title": "個人情報の通信・受渡し",
                "description": "個人情報がネットワークを通る経路ごとに、通信の暗号化を書きます。ない場合は空の配列 [] です。",
                "maxItems": 200,
                "items": {"$ref": "#/$defs/transfer"},
            },
            "system_measures": obj(
                "システム上の対策（側ごと）",
                "区・結合の相手方・委託先がそれぞれ講じるシステム上の対策の事実。区は必ず、相手方は外部結合、委託先は業務委託があるときに書きます。",
                {side: side_measures(side_ja) for side, side_ja in SIDES.items()},
                ["ward"],
            ),
            "assumptions": {
                "type": "array",
                "title": "仮定（原本に書かれていない値）",
                "description": "付議資料の原本に書かれていない値を案件ファイルに書いたとき、その場所（JSON ポインタ）と根拠を書きます。報告に表示されます。",
                "maxItems": 200,
                "items": obj(
                    "仮定",
                    "原本に書かれていない値1つ。",
                    {
                        "pointer": {
                            "type": "string",
                            "title": "値の場所",
                            "description": "JSON ポインタ（例：/outsourcing/subcontracting/allowed）",
                            "pattern": "^(/[^/]+)+$",
                            "maxLength": 300,
                        },
                        "note": text("根拠", "なぜその値にしたか、何を確かめる必要があるか", 400),
                    },
                    ["pointer", "note"],
                ),
            },
            "external_connection": obj(
                "外部結合",
                "外部結合を付議する場合に書きます（区のシステムと外部のサービスを結合する）。",
                {
                    "holding_section": text("保有課（担当課）", "個人情報を保有する課", 100),
                    "registered_operations": operations,
                    "information_items": text("結合される情報項目", "だれの、どのような項目か"),
                    "partner": obj(
                        "結合の相手方",
                        "外部結合の相手方と、その情報セキュリティの認証。",
                        {
                            "name": text("相手方の名称", "結合の相手方（例：株式会社 Box Japan）", 200),
                            "certifications": {
                                "type": "array",
                                "title": "認証",
                                "description": "相手方が取得している情報セキュリティの認証（例：ISMS、ISO/IEC 27001、ISMAP、ISMAP-LIU）。ない場合は []。",
                                "items": text("認証の名称", "認証の名称", 100),
                                "maxItems": 20,
                            },
                        },
                        ["name", "certifications"],
                    ),
                    "reason": text("結合する理由", "外部結合をする理由"),
                    "form": text("結合の形態", "どの端末から、どの回線を通って、どのサービスにつながるか"),
                    "period": period("外部結合"),
                    "contract_clauses": contract_clauses(
                        {k: v for k, v in kinds.items() if "external_connection" in v["sections"]},
                        "外部結合（相手方との利用契約・約款）",
                    ),
                    "deletion": deletion("外部結合"),
                    "checklist": {
                        "$ref": "#/$defs/checklist_external_connection",
                        "title": "外部結合のチェックリスト",
                        "description": "外部結合にかかる個人情報保護対策チェックリスト（区・結合先、運用上・システム上の32項目）",
                    },
                },
                [
                    "holding_section",
                    "registered_operations",
                    "information_items",
                    "partner",
                    "reason",
                    "form",
                    "period",
                    "contract_clauses",
                    "deletion",
                    "checklist",
                ],
            ),
            "outsourcing": obj(
                "業務委託",
                "個人情報を扱う業務の委託を付議する場合に書きます。",
                {
                    "holding_section": text("保有課（担当課）", "個人情報を保有する課", 100),
                    "registered_operations": operations,
                    "contractor": {
                        "type": "object",
                        "title": "委託先",
                        "description": '委託先が決まっていれば status を "決定" にして name を書きます。未定なら status を "未定" にします。',
                        "properties": {
                            "status": {
                                "enum": ["未定", "決定"],
                                "title": "委託先の決定状況",
                                "description": '"未定" または "決定"',
                            },
                            "name": text("委託先の名称", "委託先の事業者名", 200),
                        },
                        "required": ["status"],
                        "additionalProperties": False,
                        "if": {"properties": {"status": {"const": "決定"}}},
                        "then": {"required": ["name"]},
                        "else": {"not": {"required": ["name"]}},
                    },
                    "information_items": text(
                        "処理させる情報項目",
                        "委託に伴い事業者に処理させる情報項目（だれの、どのような項目か）",
                    ),
                    "media": obj(
                        "記録媒体",
                        "処理させる情報項目の記録媒体。",
                        {
                            "types": {
                                "type": "array",
                                "title": "媒体の種類",
                                "description": '"電磁的媒体"（電子データ）と "紙媒体" のうち、使うもの',
                                "items": {"enum": ["電磁的媒体", "紙媒体"]},
                                "minItems": 1,
                                "uniqueItems": True,
                            },
                            "description": text(
                                "媒体の説明", "記録媒体の説明（例：電磁的媒体(委託先PC等)）", 400
                            ),
                        },
                        ["types"],
                    ),
                    "reason": text("委託理由", "委託する理由"),
                    "work": text("委託の内容", "委託する業務の内容"),
                    "period": period("業務委託"),
                    "contract_clauses": contract_clauses(
                        {k: v for k, v in kinds.items() if "outsourcing" in v["sections"]},
                        "業務委託",
                    ),
                    "subcontracting": {
                        "type": "object",
                        "title": "再委託",
                        "description": (
                            f'再委託を認めるかどうか（true、false、まだ分からなければ "{UNKNOWN}"）と再委託先。'
                            "事前の書面承認、同等の義務、区の立入り調査等は特記事項（contract_clauses）に書きます。"
                        ),
                        "properties": {
                            "allowed": tri(
                                "再委託を認める", "再委託を認める場合は true、認めない場合は false"
                            ),
                            "subcontractors": {
                                "type": "array",
                                "title": "再委託先",
                                "description": "再委託先ごとに名称と、個人情報を扱う場所（data_locations の id）",
                                "maxItems": 50,
                                "items": obj(
                                    "再委託先",
                                    "再委託先1つ。",
                                    {
                                        "name": text("再委託先の名称", "再委託先の事業者名", 200),
                                        "location_ids": location_ids(
                                            "再委託先の場所",
                                            "再委託先が個人情報を扱う場所（role が subcontractor の場所）",
                                        ),
                                    },
                                    ["name", "location_ids"],
                                ),
                            },
                        },
                        "required": ["allowed"],
                        "additionalProperties": False,
                    },
                    "media_handling": obj(
                        "媒体とパスワードの受渡し",
                        "個人情報を含むデータの暗号化と、電磁的媒体・パスワード通知書の受渡し方法。",
                        {
                            "removable_media_used": boolean(
                                "電磁的媒体の受渡しがある",
                                "DVD-R、USBメモリなどの電磁的媒体やパスワード通知書を受け渡す場合は true",
                            ),
                            "data_encrypted_with_password": boolean(
                                "データをパスワードで暗号化",
                                "個人情報を含むデータにパスワードを付して暗号化する場合は true",
                            ),
                            "password_delivered_separately": boolean(
                                "パスワードは別の機会に渡す",
                                "媒体とパスワード通知書をそれぞれ別の機会に受け渡す場合は true",
                            ),
                            "locked_bag_for_hand_delivery": boolean(
                                "鍵付きカバンで手渡し",
                                "電磁的媒体や紙を手渡しするときに鍵付きカバン等を使う場合は true",
                            ),
                            "locked_storage": tri(
                                "施錠できる保管庫",
                                "紙や電磁的媒体の個人情報を施錠できる金庫・キャビネット等に保管する場合は true",
                            ),
                        },
                        [
                            "removable_media_used",
                            "data_encrypted_with_password",
                            "password_delivered_separately",
                            "locked_bag_for_hand_delivery",
                            "locked_storage",
                        ],
                    ),
                    "ledger": obj(
                        "管理簿",
                        "個人情報の受渡しを記録する管理簿。",
                        {
                            "kept": boolean("管理簿に記載する", "受渡しを管理簿に記載する場合は true"),
                            "records": {
                                "type": "array",
                                "title": "記録する事項",
                                "description": '管理簿（確認記録票）に記録する事項。"日時"、"取扱者"、"情報の内容"、"数量" が必要です。',
                                "items": {
                                    "enum": ["日時", "取扱者", "情報の内容", "数量", "受渡しの方法", "返却日"]
                                },
                                "uniqueItems": True,
                            },
                        },
                        ["kept", "records"],
                    ),
                    "deletion": deletion("業務委託"),
                    "checklist": {
                        "$ref": "#/$defs/checklist_outsourcing",
                        "title": "業務委託のチェックリスト",
                        "description": "業務委託にかかる個人情報保護対策チェックリスト（区・委託事業者、運用上・システム上の48項目）",
                    },
                },
                [
                    "holding_section",
                    "registered_operations",
                    "contractor",
                    "information_items",
                    "media",
                    "reason",
                    "work",
                    "period",
                    "contract_clauses",
                    "subcontracting",
                    "media_handling",
                    "ledger",
                    "deletion",
                    "checklist",
                ],
            ),
        },
        "required": [
            "schema_version",
            "case_id",
            "title",
            "submitted_on",
            "legal_basis",
            "department",
            "business",
            "personal_data",
            "data_locations",
            "transfers",
            "system_measures",
        ],
        "anyOf": [
            {"required": ["external_connection"]},
            {"required": ["outsourcing"]},
        ],
        "additionalProperties": False,
        "$defs": {
            "answer": {
                "type": "object",
                "properties": {
                    "answer": {
                        "enum": ["○", "－"],
                        "title": "回答",
                        "description": '対策が可能であれば "○"（U+25CB）、対策の必要がない場合は "－"（全角ハイフンマイナス U+FF0D）',
                    },
                    "reason": text("理由", "「－」にした理由（例：電子データのみの取扱いのため）", 400),
                },
                "required": ["answer"],
                "additionalProperties": False,
                "if": {"properties": {"answer": {"const": "－"}}},
                "then": {"required": ["reason"]},
            },
            "data_location": obj(
                "保存・処理の場所",
                "個人情報を保存・処理・経由する場所1つ（通信の送り元・送り先はすべて個人情報の場所です）。",
                {
                    "id": {
                        "type": "string",
                        "title": "場所のID",
                        "description": "この場所を transfers から指すための半角の ID（例：box）",
                        "pattern": "^[a-z0-9][a-z0-9_-]{0,63}$",
                    },
                    "name": text("名称", "場所の名称（例：クラウドストレージサービス（Box））", 200),
                    "role": {
                        "enum": list(ROLES),
                        "title": "場所の役割",
                        "description": "この場所がだれのものか："
                        + "、".join(f'"{role}" {label}' for role, label in ROLES.items()),
                    },
                    "description": text(
                        "説明", "この場所で個人情報をどう扱うか（保存・閲覧・変換など）", 400
                    ),
                    "operator": text("運用者", "その場所を運用する組織", 200),
                    "country": country("所在国", "サーバや端末がある国"),
                    "governing_law": country("適用される法", "その場所のデータに適用される法の国"),
                    "parent_company_country": {
                        "anyOf": [country("親会社の国", "運用者の親会社の国"), {"const": UNKNOWN}],
                        "title": "親会社の国",
                        "description": f'運用者の親会社（最終的な親会社）の国。親会社がなければ運用者自身の国。分からない場合は "{UNKNOWN}"',
                    },
                    "data_residency_commitment": tri(
                        "国内保存の契約上の約束",
                        "データを日本国内だけに置くことが契約・約款で約束されている場合は true",
                    ),
                    "replica_of": {
                        "type": "string",
                        "title": "複製元",
                        "description": "role が backup のとき、複製元の場所の id",
                        "pattern": "^[a-z0-9][a-z0-9_-]{0,63}$",
                    },
                    "stores_personal_data": boolean("個人情報を保存する", "個人情報を保存する場合は true"),
                    "processes_personal_data": boolean(
                        "個人情報を処理する", "個人情報を処理（閲覧・編集・変換など）する場合は true"
                    ),
                    "encrypted_at_rest": tri("保存時の暗号化", "保存する個人情報を暗号化している場合は true"),
                    "key_management": {
                        "enum": ["区が管理", "運用者が管理", "サービス標準", UNKNOWN],
                        "title": "暗号鍵の管理",
                        "description": f'保存時の暗号化の鍵をだれが管理するか。分からない場合は "{UNKNOWN}"',
                    },
                    "password_protected": boolean(
                        "パスワード保護", "保存するファイルにパスワードを付している場合は true"
                    ),
                    "access_control": tri(
                        "アクセス権の設定", "保存先フォルダにアクセス権を設定している場合は true"
                    ),
                },
                [
                    "id",
                    "name",
                    "role",
                    "description",
                    "operator",
                    "country",
                    "governing_law",
                    "stores_personal_data",
                    "processes_personal_data",
                    "encrypted_at_rest",
                    "password_protected",
                    "access_control",
                ],
            ),
            "transfer": {
                **obj(
                    "通信・受渡しの経路",
                    "個人情報がネットワークを通る経路1つ。",
                    {
                        "from": {"type": "string", "title": "送り元", "description": "data_locations の id"},
                        "to": {"type": "string", "title": "送り先", "description": "data_locations の id"},
                        "network": text("回線", "通る回線（例：LGWAN、インターネット、閉域網）", 100),
                        "encryption": {
                            "enum": ["TLS", "SSH", "IPsec", "なし"],
                            "title": "通信の暗号化",
                            "description": '"TLS"（https など）、"SSH"（sftp など）、"IPsec"（VPN）、暗号化しない場合は "なし"',
                        },
                        "tls_version": {
                            "enum": ["1.0", "1.1", "1.2", "1.3"],
                            "title": "TLS の版",
                            "description": 'encryption が "TLS" のとき、使う TLS の最も低い版',
                        },
                        "description": text("説明", "何を、どのように送るか", 400),
                    },
                    ["from", "to", "network", "encryption"],
                ),
                "if": {"properties": {"encryption": {"const": "TLS"}}},
                "then": {"required": ["tls_version"]},
            },
            "checklist_external_connection": checklist("EC-", "外部結合", items),
            "checklist_outsourcing": checklist("OS-", "業務委託", items),
        },
    }


def render() -> str:
    catalogue = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    clauses = json.loads(CLAUSES.read_text(encoding="utf-8"))
    return json.dumps(build(catalogue, clauses), ensure_ascii=False, indent=2) + "\n"


def main() -> int:
    OUTPUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
