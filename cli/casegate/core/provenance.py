"""Which rules judged a run, and where they came from, as every output format shows it.

A verdict is worth what its rules are worth: the same "合格" means something else when a
folder named with --policies decided than when the released policy did. So the report carries
this record and every format prints it; a local, unreleased policy or schema is said plainly.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from casegate.messages import core as messages

#: Policy kinds: the installed release's, the policy repository's own, a signed bundle given
#: with --policies and --verification-key, a folder given with --policies, a central OPA.
POLICY_KINDS = ("release", "repository", "signed-bundle", "local-folder", "central")
#: Schema kinds: the installed release's, the policy repository's own, a file given with --schema.
SCHEMA_KINDS = ("release", "repository", "local-file")

_UNRELEASED = ("local-folder", "local-file")


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
        return messages.UNRELEASED_WARNING(lang)

    def line(self, lang: str) -> str:
        """Which policy (kind, place, revision, key) and which schema judged, on one line."""
        parts: list[str] = []
        if self.kind is not None:
            extra = [self.location]
            if self.revision:
                extra.append(messages.SOURCE_REVISION(lang, revision=self.revision))
            if self.key_id and self.revision:  # a revision is set only once the run confirmed it
                extra.append(messages.SOURCE_KEY(lang, key_id=self.key_id))
            name = messages.POLICY_KIND[self.kind].text()
            parts.append(
                messages.SOURCE_POLICY(lang, name=name, extra=messages.SOURCE_SEPARATOR(lang).join(extra))
            )
        schema = messages.SCHEMA_KIND_SOURCE[self.schema_kind].text()
        parts.append(messages.SOURCE_SCHEMA(lang, name=schema, location=self.schema_location))
        return messages.SOURCE_LINE(lang, parts=" / ".join(parts))

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
