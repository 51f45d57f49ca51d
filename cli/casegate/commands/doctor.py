"""`casegate doctor`: is the engine that would judge the cases there, and which policy does it hold?

Local mode finds the pinned OPA, starts it on the staged policies and asks it for a decision,
exactly as `check` would. Central mode (--opa-url) asks the central OPA for a decision the same
way, then reads /health?bundles, /v1/status (when the status plugin is on) and /v1/config (which
shows whether bundle signatures are verified, and under which key, with the keys left out).
Exit 0 when every check passed, 3 when one failed; "unknown" does not fail a check.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import click

from casegate import OPA_VERSION
from casegate.commands.options import (
    lang_option,
    opa_connection_options,
    opa_proxy_option,
    read_token,
    resolve_locations,
    say,
    timeout_option,
)
from casegate.core.provenance import PolicySource
from casegate.engine.client import make_client
from casegate.engine.endpoint import Endpoint, EngineSettings, parse_opa_url
from casegate.engine.evaluate import evaluate
from casegate.engine.local import local_opa
from casegate.engine.opa_binary import locate_opa
from casegate.errors import EXIT_ENGINE, EXIT_OK, CasegateError

#: The one question doctor asks: an empty case, judged through the same entry point as check.
PROBE: tuple[str, bytes] = ("doctor", b"{}")  # an empty case: which policy answers


class State(StrEnum):
    OK = "ok"
    FAIL = "fail"
    UNKNOWN = "unknown"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class Check:
    name: str  # "opa", "decision" (failed: "decision:<error code>"), "bundles", "signature"
    state: State
    message_ja: str
    message_en: str

    def message(self, lang: str) -> str:
        return self.message_ja if lang == "ja" else self.message_en


@dataclass(frozen=True)
class Diagnosis:
    mode: str  # "local" or "central"
    target: str  # the OPA binary, or the central OPA's URL (never a token)
    checks: tuple[Check, ...]
    opa_version: str | None = None
    policy_version: str | None = None
    revisions: tuple[str, ...] = ()
    signature: str = State.UNKNOWN.value  # "verified", "failed", "not-configured", "unknown", "not-used"
    keyids: tuple[str, ...] = field(default=())
    source: PolicySource | None = None  # local mode: where the policy came from

    def exit_code(self) -> int:
        return EXIT_ENGINE if any(check.state is State.FAIL for check in self.checks) else EXIT_OK


def _decision_check(
    endpoint: Endpoint, settings: EngineSettings
) -> tuple[Check, str | None, tuple[str, ...]]:
    """Ask for a decision as check does; its errors already say what is wrong and what to do.

    A failed check is named by the engine's error code (e.g. "decision:opa-unauthorized").
    """
    try:
        evaluation = evaluate(endpoint, [PROBE], dt.date.today(), settings).finish()
    except CasegateError as error:
        return Check(f"decision:{error.code}", State.FAIL, error.message_ja, error.message_en), None, ()
    revisions = ", ".join(evaluation.revisions) or "-"
    return (
        Check(
            "decision",
            State.OK,
            f"{endpoint.url} が判定を返しました（方針 {evaluation.policy_version}、版 {revisions}）",
            f"{endpoint.url} answered a decision (policy {evaluation.policy_version}, revision {revisions})",
        ),
        evaluation.policy_version,
        evaluation.revisions,
    )


def diagnose_local(
    policies: Path | None,
    settings: EngineSettings,
    source: PolicySource | None = None,
) -> Diagnosis:
    try:
        choice = locate_opa()
    except CasegateError as error:
        return Diagnosis("local", "-", (Check("opa", State.FAIL, error.message_ja, error.message_en),))
    binary, version = choice.path, OPA_VERSION  # locate_opa accepts nothing else
    checks = [Check("opa", State.OK, choice.describe("ja"), choice.describe("en"))]
    if policies is None:
        message = (
            "方針フォルダが見つかりません。リポジトリの中で実行するか --policies を指定してください",
            "No policy folder found. Run inside the repository or give --policies",
        )
        return Diagnosis("local", str(binary), (*checks, Check("decision", State.FAIL, *message)), version)
    policy_version: str | None = None
    revisions: tuple[str, ...] = ()
    try:
        with local_opa(binary, policies, settings) as (endpoint, _revision):
            decision, policy_version, revisions = _decision_check(endpoint, settings)
    except CasegateError as error:  # OPA would not start on these policies
        decision = Check(f"decision:{error.code}", State.FAIL, error.message_ja, error.message_en)
    checks.append(decision)
    checks.append(
        Check(
            "signature",
            State.SKIPPED,
            f"ローカルでは {policies} をそのまま使うので、署名は使いません（版は内容のハッシュ）",
            f"Local mode uses {policies} as it is: no signature (the revision is a content hash)",
        )
    )
    if source is not None:
        source = source.with_revision(", ".join(revisions) or None)
    return Diagnosis(
        "local",
        str(binary),
        tuple(checks),
        version,
        policy_version,
        revisions,
        signature="not-used",
        source=source,
    )


def _get(call: Any) -> tuple[Mapping[str, Any] | None, str]:
    """Run one opa-python-client GET; (result, "") or (None, why not)."""
    import requests

    try:
        body = call()
    except requests.exceptions.HTTPError as error:
        status = error.response.status_code if error.response is not None else 0
        return None, f"HTTP {status}"
    except (requests.exceptions.RequestException, ValueError) as error:
        return None, type(error).__name__
    result = body.get("result") if isinstance(body, Mapping) else None
    return (result, "") if isinstance(result, Mapping) else (None, "no result")


def _signature(
    config: Mapping[str, Any] | None, config_why: str, status: Mapping[str, Any] | None, status_why: str
) -> tuple[Check, str, tuple[str, ...]]:
    bundles_config = config.get("bundles") if config is not None else None
    if not isinstance(bundles_config, Mapping):
        return (
            Check(
                "signature",
                State.UNKNOWN,
                f"署名の検証が設定されているか分かりません（/v1/config：{config_why or 'バンドルの設定なし'}）",
                f"Unknown whether signature verification is configured (/v1/config: {config_why or 'no bundles'})",
            ),
            "unknown",
            (),
        )
    unsigned = sorted(name for name, item in bundles_config.items() if not _signing(item))
    keyids = tuple(
        sorted({str(_signing(item).get("keyid", "?")) for item in bundles_config.values() if _signing(item)})
    )
    if unsigned:
        return (
            Check(
                "signature",
                State.FAIL,
                f"バンドル {', '.join(unsigned)} の署名を検証する設定（signing.keyid）がありません。"
                "OPA は署名のないバンドルも受け入れてしまいます。central/opa-config.yaml で起動してください",
                f"Bundle(s) {', '.join(unsigned)} have no signature verification (signing.keyid): OPA would "
                "accept an unsigned bundle. Start OPA with central/opa-config.yaml",
            ),
            "not-configured",
            keyids,
        )
    bundle_status = status.get("bundles") if status is not None else None
    if not isinstance(bundle_status, Mapping):
        return (
            Check(
                "signature",
                State.UNKNOWN,
                f"署名の検証は設定済み（鍵 {', '.join(keyids)}）。成功したかは不明です（/v1/status：{status_why or '状態なし'}。status プラグインが無効の可能性）",
                f"Signature verification is configured (key {', '.join(keyids)}); whether it succeeded is "
                f"unknown (/v1/status: {status_why or 'no status'}; is the status plugin off?)",
            ),
            "unknown",
            keyids,
        )
    refused = {
        name: str(item.get("message") or item.get("code"))
        for name, item in bundle_status.items()
        if isinstance(item, Mapping) and item.get("code")
    }
    if refused:
        detail = "; ".join(f"{name}: {message}" for name, message in sorted(refused.items()))
        return (
            Check(
                "signature",
                State.FAIL,
                f"最新のバンドルを有効にできませんでした（{detail}）。改ざん・署名なし・別の鍵での署名なら配布元を確かめてください"
                "（OPA は前の正しいバンドルがあればそれを使い続けます）",
                f"The latest bundle was not activated ({detail}). If it is tampered, unsigned or signed with "
                "another key, check the bundle server (OPA keeps the last good bundle, if any)",
            ),
            "failed",
            keyids,
        )
    return (
        Check(
            "signature",
            State.OK,
            f"署名の検証は設定済み（鍵 {', '.join(keyids)}）で、検証できたバンドルが有効です",
            f"Signature verification is configured (key {', '.join(keyids)}) and the active bundle verified",
        ),
        "verified",
        keyids,
    )


def _signing(item: Any) -> Mapping[str, Any]:
    signing = item.get("signing") if isinstance(item, Mapping) else None
    return signing if isinstance(signing, Mapping) else {}


#: Decision failures after which the other questions would only repeat them.
_UNANSWERED = (
    "decision:opa-unreachable",
    "decision:opa-timeout",
    "decision:opa-unauthorized",
    "decision:opa-redirect",  # asking again would only meet the same redirect
)


def diagnose_central(endpoint: Endpoint, settings: EngineSettings) -> Diagnosis:
    decision, policy_version, revisions = _decision_check(endpoint, settings)
    if decision.name in _UNANSWERED:
        return Diagnosis("central", endpoint.url, (decision,))
    client = make_client(endpoint, settings)
    try:
        active = client.check_health(query={"bundles": "true"})
        status, status_why = _get(client.get_status)
        config, config_why = _get(client.get_config)
    finally:
        client.close_connection()
    labels = status.get("labels") if status is not None else None
    version = str(labels.get("version")) if isinstance(labels, Mapping) and labels.get("version") else None
    if version is None:
        opa = Check(
            "opa",
            State.UNKNOWN,
            f"OPA の版は不明です（/v1/status：{status_why or '版なし'}）",
            f"OPA version unknown (/v1/status: {status_why or 'no version'})",
        )
    elif version != OPA_VERSION:
        opa = Check(
            "opa",
            State.FAIL,
            f"中央の OPA は {version} です。{OPA_VERSION} にしてください（古い版には署名検証の不具合があります）",
            f"The central OPA is {version}; run {OPA_VERSION} (older versions have bundle-signature flaws)",
        )
    else:
        opa = Check("opa", State.OK, f"OPA {version}（{endpoint.url}）", f"OPA {version} ({endpoint.url})")
    bundles = Check(
        "bundles",
        State.OK if active else State.FAIL,
        "/health?bundles：すべてのバンドルが有効です"
        if active
        else "/health?bundles が失敗しました：中央の方針バンドルが有効になっていません（未取得、または署名を検証できず拒否）",
        "/health?bundles: every bundle is active"
        if active
        else "/health?bundles failed: the central policy bundle is not active (not downloaded, or refused "
        "because its signature did not verify)",
    )
    signature, signature_state, keyids = _signature(config, config_why, status, status_why)
    return Diagnosis(
        "central",
        endpoint.url,
        (opa, decision, bundles, signature),
        version,
        policy_version,
        revisions,
        signature_state,
        keyids,
    )


_NAMES = {
    "ja": {"opa": "OPA", "decision": "判定", "bundles": "バンドル", "signature": "署名の検証"},
    "en": {"opa": "OPA", "decision": "decision", "bundles": "bundles", "signature": "signature"},
}
_MARKS = {State.OK: "✓", State.FAIL: "✗", State.UNKNOWN: "?", State.SKIPPED: "-"}


def render_text(diagnosis: Diagnosis, lang: str) -> str:
    where = {"local": ("ローカルの OPA", "local OPA"), "central": ("中央の OPA", "central OPA")}[
        diagnosis.mode
    ]
    lines = [f"casegate doctor — {where[0] if lang == 'ja' else where[1]} {diagnosis.target}"]
    for check in diagnosis.checks:
        name = _NAMES[lang][check.name.split(":")[0]]
        lines.append(f"{_MARKS[check.state]} {name}: {check.message(lang)}")
    if diagnosis.source is not None:
        lines += diagnosis.source.sentences(lang)
    healthy = diagnosis.exit_code() == EXIT_OK
    if lang == "ja":
        lines.append("結果：正常" if healthy else "結果：問題あり（終了コード 3）")
    else:
        lines.append("result: healthy" if healthy else "result: unhealthy (exit 3)")
    return "\n".join(lines) + "\n"


def render_json(diagnosis: Diagnosis, lang: str) -> str:
    document = {
        "mode": diagnosis.mode,
        "target": diagnosis.target,
        "exit_code": diagnosis.exit_code(),
        "opa_version": diagnosis.opa_version,
        "policy": {"version": diagnosis.policy_version, "revisions": list(diagnosis.revisions)},
        "signature": {"state": diagnosis.signature, "keyids": list(diagnosis.keyids)},
        "source": diagnosis.source.document() if diagnosis.source is not None else None,
        "checks": [
            {
                "name": check.name.split(":")[0],
                "code": check.name.partition(":")[2] or None,
                "state": check.state.value,
                "message": check.message(lang),
                "message_ja": check.message_ja,
                "message_en": check.message_en,
            }
            for check in diagnosis.checks
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


RENDERERS = {"text": render_text, "json": render_json}


@click.command("doctor")
@opa_connection_options("中央の OPA（env CASEGATE_OPA_URL）。省略時はローカルの OPA を確かめます。")
@opa_proxy_option
@click.option(
    "--policies",
    type=click.Path(path_type=Path, exists=True),
    help="ローカルで使う方針フォルダ（既定：インストールされた casegate リリースの方針）",
)
@click.option(
    "--format", "output_format", type=click.Choice(tuple(RENDERERS)), default="text", show_default=True
)
@lang_option
@timeout_option
def doctor(
    opa_url: str | None,
    opa_ca: Path | None,
    opa_token_file: Path | None,
    opa_proxy: str | None,
    policies: Path | None,
    output_format: str,
    lang: str,
    timeout: float,
) -> None:
    """判定エンジンを点検します：OPA の版、接続、読み込まれた方針の版、署名の検証。終了コード：0 正常、3 問題あり。"""
    settings = EngineSettings(timeout=timeout, retries=0)
    try:
        if opa_url:
            diagnosis = diagnose_central(
                parse_opa_url(opa_url, read_token(opa_token_file), opa_ca, opa_proxy), settings
            )
        else:
            where = resolve_locations(None, policies, need_policies=True)
            diagnosis = diagnose_local(where.policies, settings, where.source)
    except CasegateError as error:
        say(error, lang)
        raise SystemExit(error.exit_code) from None
    click.echo(RENDERERS[output_format](diagnosis, lang), nl=False)
    raise SystemExit(diagnosis.exit_code())
