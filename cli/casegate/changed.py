"""`check --changed-since REF`: only the cases a pull request touches, unless the rules changed.

A change under policies/, schemas/ or waivers/ can change the verdict of any case, so then
every case is checked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from casegate import git
from casegate.loader import iter_case_paths

#: Folders whose change re-judges every case.
RULE_FOLDERS = ("policies", "schemas", "waivers")


@dataclass(frozen=True)
class Selection:
    paths: tuple[Path, ...]
    everything: bool  # True when a rule folder changed
    commit: str


def select_changed(paths: Sequence[Path], ref: str, start: Path) -> Selection:
    top = git.toplevel(start)
    commit = git.resolve(top, ref)
    changed = git.changed_files(top, commit)
    rule_roots = [(top / folder).resolve() for folder in RULE_FOLDERS]
    everything = any(root in path.parents for path in changed for root in rule_roots)
    candidates = iter_case_paths(list(paths))
    chosen = candidates if everything else [path for path in candidates if path.resolve() in changed]
    return Selection(tuple(chosen), everything, commit)


def describe_selection(selection: Selection, ref: str) -> tuple[str, str]:
    """What was checked and why, for the report (Japanese, English)."""
    commit = selection.commit[:12]
    if selection.everything:
        return (
            f"{ref}（{commit}）以降に方針・スキーマ・免除が変わったため、すべての案件（{len(selection.paths)}件）を確かめました。",
            f"Policies, schemas or waivers changed since {ref} ({commit}): all {len(selection.paths)} case(s) checked.",
        )
    return (
        f"{ref}（{commit}）以降に追加・変更された案件 {len(selection.paths)}件を確かめました。",
        f"{len(selection.paths)} case(s) added or changed since {ref} ({commit}) checked.",
    )
