"""`casegate doctor`'s diagnosis as text (for a person) or JSON (for a pipeline)."""

from __future__ import annotations

import json
from collections.abc import Callable

from casegate.engine.doctor import Diagnosis, State
from casegate.errors import EXIT_OK
from casegate.messages import report as messages
from casegate.report.escape import valid_unicode

_MARKS = {State.OK: "✓", State.FAIL: "✗", State.UNKNOWN: "?", State.SKIPPED: "-"}


def render_text(diagnosis: Diagnosis, lang: str) -> str:
    mode = messages.DOCTOR_MODE[diagnosis.mode].text()
    lines = [messages.DOCTOR_HEADING(lang, mode=mode, target=diagnosis.target)]
    for check in diagnosis.checks:
        name = messages.DOCTOR_CHECK[check.name.split(":")[0]](lang)
        lines.append(f"{_MARKS[check.state]} {name}: {check.message(lang)}")
    if diagnosis.source is not None:
        lines += diagnosis.source.sentences(lang)
    healthy = diagnosis.exit_code() == EXIT_OK
    lines.append((messages.DOCTOR_HEALTHY if healthy else messages.DOCTOR_UNHEALTHY)(lang))
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
    return valid_unicode(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


DOCTOR_RENDERERS: dict[str, Callable[[Diagnosis, str], str]] = {"text": render_text, "json": render_json}
