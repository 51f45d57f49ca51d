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
from casegate.engine.central import confirm_local
from casegate.engine.client import make_client, within
from casegate.engine.endpoint import Endpoint, EngineSettings
from casegate.engine.evaluate import evaluate
from casegate.engine.local import local_opa
from casegate.engine.opa_locate import locate_opa
from casegate.errors import EXIT_ENGINE, EXIT_OK, CasegateError, EngineError
from casegate.messages import Bilingual, Message, Text
from casegate.messages import engine as messages

#: The one question doctor asks: an empty case, judged through the same entry point as check.
PROBE: tuple[str, bytes] = ("doctor", b"{}")  # an empty case: which policy answers


class State(StrEnum):
    OK = "ok"
    FAIL = "fail"
    UNKNOWN = "unknown"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class Check(Bilingual):
    name: str  # "opa", "decision" (failed: "decision:<error code>"), "bundles", "signature"
    state: State
    message_ja: str
    message_en: str

    @classmethod
    def of(cls, name: str, state: State, said: Text) -> Check:
        return cls(name, state, said.ja, said.en)


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
    endpoint: Endpoint, settings: EngineSettings, local_revision: str | None = None
) -> tuple[Check, str | None, tuple[str, ...]]:
    """Ask for a decision as check does; its errors already say what is wrong and what to do.

    A failed check is named by the engine's error code (e.g. "decision:opa-unauthorized").
    `local_revision`: the private OPA's bundle, which must be the one it names, and the only one
    (doctor is how a revision to pin is read: another program must not be able to write it).
    """
    try:
        evaluation = evaluate(endpoint, [PROBE], dt.date.today(), settings, local_revision).finish()
        if local_revision is not None:
            confirm_local(evaluation, None)
    except CasegateError as error:
        return Check(f"decision:{error.code}", State.FAIL, error.message_ja, error.message_en), None, ()
    revisions = ", ".join(evaluation.revisions) or "-"
    return (
        Check.of(
            "decision",
            State.OK,
            messages.DOCTOR_DECISION.text(
                url=endpoint.url, version=evaluation.policy_version, revisions=revisions
            ),
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
        missing = Check.of("decision", State.FAIL, messages.DOCTOR_NO_POLICIES.text())
        return Diagnosis("local", str(binary), (*checks, missing), version)
    policy_version: str | None = None
    revisions: tuple[str, ...] = ()
    try:
        with local_opa(binary, policies, settings) as (endpoint, revision):
            decision, policy_version, revisions = _decision_check(endpoint, settings, revision)
    except CasegateError as error:  # OPA would not start on these policies
        decision = Check(f"decision:{error.code}", State.FAIL, error.message_ja, error.message_en)
    checks.append(decision)
    checks.append(
        Check.of("signature", State.SKIPPED, messages.DOCTOR_LOCAL_UNSIGNED.text(policies=policies))
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
    except EngineError as error:  # no answer in time (client.within)
        return None, error.code
    result = body.get("result") if isinstance(body, Mapping) else None
    return (result, "") if isinstance(result, Mapping) else (None, "no result")


def _signature(
    config: Mapping[str, Any] | None, config_why: str, status: Mapping[str, Any] | None, status_why: str
) -> tuple[Check, str, tuple[str, ...]]:
    bundles_config = config.get("bundles") if config is not None else None
    if not isinstance(bundles_config, Mapping):
        return (
            Check.of(
                "signature",
                State.UNKNOWN,
                messages.DOCTOR_SIGNING_UNKNOWN.text(why=_why(config_why, messages.DOCTOR_NO_BUNDLES)),
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
            Check.of("signature", State.FAIL, messages.DOCTOR_UNSIGNED.text(names=", ".join(unsigned))),
            "not-configured",
            keyids,
        )
    bundle_status = status.get("bundles") if status is not None else None
    if not isinstance(bundle_status, Mapping):
        return (
            Check.of(
                "signature",
                State.UNKNOWN,
                messages.DOCTOR_SIGNING_UNCONFIRMED.text(
                    keyids=", ".join(keyids), why=_why(status_why, messages.DOCTOR_NO_STATUS)
                ),
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
            Check.of("signature", State.FAIL, messages.DOCTOR_BUNDLE_REFUSED.text(detail=detail)),
            "failed",
            keyids,
        )
    return (
        Check.of("signature", State.OK, messages.DOCTOR_VERIFIED.text(keyids=", ".join(keyids))),
        "verified",
        keyids,
    )


def _why(said: str, otherwise: Message) -> Text:
    """What an endpoint said, or the message for its silence."""
    return Text(said, said) if said else otherwise.text()


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
    try:  # each answer within a bounded time: one that never ends would hold doctor for ever
        try:
            active = within(endpoint, settings, lambda: client.check_health(query={"bundles": "true"}))
        except EngineError:
            active = False
        status, status_why = _get(lambda: within(endpoint, settings, client.get_status))
        config, config_why = _get(lambda: within(endpoint, settings, client.get_config))
    finally:
        client.close_connection()
    labels = status.get("labels") if status is not None else None
    version = str(labels.get("version")) if isinstance(labels, Mapping) and labels.get("version") else None
    if version is None:
        opa = Check.of(
            "opa",
            State.UNKNOWN,
            messages.DOCTOR_VERSION_UNKNOWN.text(why=_why(status_why, messages.DOCTOR_NO_VERSION)),
        )
    elif version != OPA_VERSION:
        opa = Check.of(
            "opa", State.FAIL, messages.DOCTOR_WRONG_VERSION.text(found=version, version=OPA_VERSION)
        )
    else:
        opa = Check.of("opa", State.OK, messages.DOCTOR_CENTRAL_OPA.text(found=version, url=endpoint.url))
    bundles = Check.of(
        "bundles",
        State.OK if active else State.FAIL,
        (messages.DOCTOR_BUNDLES_ACTIVE if active else messages.DOCTOR_BUNDLES_INACTIVE).text(),
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
