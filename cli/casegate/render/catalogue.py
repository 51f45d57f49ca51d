"""The checklist items' texts, read from the policies the verdict comes from.

The catalogue is data of the policy (policies/casegate/catalogue/data.json), so the wording on the
document changes with the policy, never with the case: a department cannot reword an item it
answers ○ to. A built bundle (.tar.gz) carries the same file.
"""

from __future__ import annotations

import json
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casegate.errors import EngineError
from casegate.messages import render as messages

_MEMBER = "casegate/catalogue/data.json"
_MAX_BYTES = 20_000_000  # the whole bundle's data, of which the catalogue is a part

# The order of the paper: 外部結合 before 業務委託, the ward's list before the partner's,
# 運用上 before システム上, then the item's position.
_SECTIONS = ("external_connection", "outsourcing")
_PARTIES = ("ward", "partner")
_KINDS = ("operational", "system")


@dataclass(frozen=True)
class Item:
    id: str
    section: str
    party: str
    kind: str
    position: int
    text_ja: str
    title_en: str


def _read(policies: Path) -> Any:
    """The catalogue object: from the folder's file, or from a built bundle's merged /data.json."""
    if policies.is_dir():
        return json.loads((policies / _MEMBER).read_bytes())
    with tarfile.open(policies, "r:gz") as bundle:
        for member in bundle:
            if member.isfile() and member.name.lstrip("/") == "data.json" and member.size <= _MAX_BYTES:
                extracted = bundle.extractfile(member)
                if extracted is not None:
                    return json.loads(extracted.read())["casegate"]["catalogue"]
    raise FileNotFoundError(_MEMBER)


def load_catalogue(policies: Path) -> tuple[Item, ...]:
    """Every checklist item in the paper's order."""
    try:
        raw: Any = _read(policies)
        items = [
            Item(
                id=key,
                section=value["section"],
                party=value["party"],
                kind=value["kind"],
                position=int(value["position"]),
                text_ja=value["text_ja"],
                title_en=value.get("title_en", ""),
            )
            for key, value in raw["items"].items()
        ]
    except (OSError, ValueError, KeyError, TypeError, tarfile.TarError) as error:
        raise EngineError.of(
            messages.CATALOGUE_UNREADABLE, path=policies, member=_MEMBER, why=type(error).__name__
        ) from error

    def order(item: Item) -> tuple[int, int, int, int, str]:
        def rank(value: str, known: tuple[str, ...]) -> int:
            return known.index(value) if value in known else len(known)

        return (
            rank(item.section, _SECTIONS),
            rank(item.party, _PARTIES),
            rank(item.kind, _KINDS),
            item.position,
            item.id,
        )

    return tuple(sorted(items, key=order))
