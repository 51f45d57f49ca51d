"""The diagnosis behind `casegate doctor`: is the engine that would judge the cases there, and
which policy does it hold?

Local mode finds the pinned OPA, starts it on the staged policies and asks it for a decision,
exactly as `check` would. Central mode asks the central OPA for a decision the same way, then
reads /health?bundles, /v1/status (when the status plugin is on) and /v1/config (which shows
whether bundle signatures are verified, and under which key, with the keys left out).
The Diagnosis owns the exit code: 0 when every check passed, 3 when one failed; "unknown" does
not fail a check. Its text and JSON forms are in casegate.report.doctor.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from casegate import OPA_VERSION
from casegate.core.provenance import PolicySource
from casegate.engine.client import make_client
from casegate.engine.endpoint import Endpoint, EngineSettings
from casegate.engine.evaluate import evaluate
from casegate.engine.local import local_opa
from casegate.engine.opa_locate import locate_opa
from casegate.errors import EXIT_ENGINE, EXIT_OK, CasegateError, in_language

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
        return in_language(lang, self.message_ja, self.message_en)


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
