"""Messages of casegate.report: Japanese and English side by side (see casegate.messages)."""

from __future__ import annotations

from casegate.messages import Message

# --- report/doctor.py: casegate doctor's diagnosis as text ---

DOCTOR_CHECK = {
    "opa": Message(ja="OPA", en="OPA"),
    "decision": Message(ja="判定", en="decision"),
    "bundles": Message(ja="バンドル", en="bundles"),
    "signature": Message(ja="署名の検証", en="signature"),
}
DOCTOR_MODE = {
    "local": Message(ja="ローカルの OPA", en="local OPA"),
    "central": Message(ja="中央の OPA", en="central OPA"),
}
DOCTOR_HEADING = Message(ja="casegate doctor — {mode} {target}", en="casegate doctor — {mode} {target}")
DOCTOR_HEALTHY = Message(ja="結果：正常", en="result: healthy")
DOCTOR_UNHEALTHY = Message(ja="結果：問題あり（終了コード 3）", en="result: unhealthy (exit 3)")
