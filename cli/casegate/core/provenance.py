"""Which rules judged a run, and where they came from, as every output format shows it.

A verdict is worth what its rules are worth: the same "合格" means something else when a
folder named with --policies decided than when the released policy did. So the report carries
this record and every format prints it; a local, unreleased policy or schema is said plainly.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

#: Policy kinds: the installed release's, the policy repository's own, a signed bundle given
#: with --policies and --verification-key, a folder given with --policies, a central OPA.
POLICY_KINDS = ("release", "repository", "signed-bundle", "local-folder", "central")
#: Schema kinds: the installed release's, the policy repository's own, a file given with --schema.
SCHEMA_KINDS = ("release", "repository", "local-file")

_UNRELEASED = ("local-folder", "local-file")

_POLICY_JA = {
    "release": "インストールされた casegate リリースの方針",
    "repository": "casegate 方針リポジトリの policies/",
    "signed-bundle": "--policies で指定した署名付きバンドル",
    "local-folder": "--policies で指定したローカルの方針フォルダ",
    "central": "中央の OPA",
}
_POLICY_EN = {
    "release": "the policy of the installed casegate release",
    "repository": "the casegate policy repository's policies/",
    "signed-bundle": "a signed bundle given with --policies",
    "local-folder": "a local policy folder given with --policies",
    "central": "the central OPA",
}
_SCHEMA_JA = {
    "release": "リリースのスキーマ",
    "repository": "方針リポジトリのスキーマ",
    "local-file": "--schema で指定したローカルのスキーマ",
}
_SCHEMA_EN = {
    "release": "the release's schema",
    "repository": "the policy repository's schema",
    "local-file": "a local schema given with --schema",
}


@dataclass(frozen=True)
class PolicySource:
    """Where the policy and the schema of a run came from (policy fields empty for `validate`)."""

    kind: str | None  # one of POLICY_KINDS; None when no policy judged (validate)
    location: str  # the folder, bundle file or OPA URL (never a token)
    schema_kind: str  # one of SCHEMA_KINDS
    schema_location: str
    revision: str | None = None  # the deciding bundle's revision, once OPA has answered
    key_id: str | None = None  # the key a signed bundle was verified with

    @property
    def unreleased(self) -> bool:
        """A local policy folder or schema file decided: not the released rules."""
        return self.kind in _UNRELEASED or self.schema_kind in _UNRELEASED

    def with_revision(self, revision: str | None) -> PolicySource:
        return replace(self, revision=revision)

    def warning(self, lang: str) -> str | None:
        """The sentence every format puts first when local, unreleased rules judged; else None."""
        if not self.unreleased:
            return None
        if lang == "ja":
            return "注意：リリースされていないローカルの方針またはスキーマで判定しました。正式な判定ではありません。"
        return (
            "WARNING: a local, unreleased policy or schema decided this run. It is not an official verdict."
        )

    def line(self, lang: str) -> str:
        """Which policy (kind, place, revision, key) and which schema judged, on one line."""
        ja = lang == "ja"
        parts: list[str] = []
        if self.kind is not None:
            name = (_POLICY_JA if ja else _POLICY_EN)[self.kind]
            extra = [self.location]
            if self.revision:
                extra.append(f"版 {self.revision}" if ja else f"revision {self.revision}")
            if self.key_id and self.revision:  # a revision is set only once the run confirmed it
                extra.append(
                    f"署名を鍵 {self.key_id} で検証済み"
                    if ja
                    else f"signature verified with key {self.key_id}"
                )
            parts.append(
                f"方針：{name}（{'、'.join(extra)}）" if ja else f"policy: {name} ({', '.join(extra)})"
            )
        schema = (_SCHEMA_JA if ja else _SCHEMA_EN)[self.schema_kind]
        parts.append(
            f"スキーマ：{schema}（{self.schema_location}）"
            if ja
            else f"schema: {schema} ({self.schema_location})"
        )
        return ("判定の根拠 — " if ja else "rules used — ") + " / ".join(parts)

    def sentences(self, lang: str) -> list[str]:
        """The warning (if any), then the line."""
        warning = self.warning(lang)
        return [warning, self.line(lang)] if warning else [self.line(lang)]

    def document(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "location": self.location,
            "revision": self.revision,
            "key_id": self.key_id,
            "schema_kind": self.schema_kind,
            "schema_location": self.schema_location,
            "unreleased": self.unreleased,
        }
