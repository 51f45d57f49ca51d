"""`check --changed-since REF`: only the cases a pull request touches, unless the rules changed.

A change to the policies, the schemas or the waivers the run uses can change the verdict of
any case, so then every case is checked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from casegate.core import git
from casegate.core.discover import iter_case_paths
from casegate.errors import InputError


@dataclass(frozen=True)
class Selection:
    paths: tuple[Path, ...]
    everything: bool  # True when a rule changed
    commit: str


def select_changed(paths: Sequence[Path], ref: str, start: Path, rules: Sequence[Path]) -> Selection:
    """The cases among `paths` changed since `ref`, or all of them when any of `rules` changed.

    `rules` are the policies, schemas and waivers this run actually uses (files or folders,
    wherever they are); a change to any of them, deletions and renames included, can change
    the verdict of any case. A case path outside the repository cannot be compared with
    `ref`, so it is refused rather than silently left out.
    """
    top = git.toplevel(start).resolve()
    commit = git.resolve(top, ref)
    changed = git.changed_files(top, commit)
    rule_paths = [rule.resolve() for rule in rules]
    everything = any(path == rule or rule in path.parents for path in changed for rule in rule_paths)
    candidates = iter_case_paths(list(paths))
    for candidate in candidates:
        if top not in candidate.resolve().parents:
            raise InputError(
                code="outside-repository",
                message_ja=f"{candidate} は git リポジトリ {top} の外にあるため、--changed-since で比べられません。--changed-since を外すか、リポジトリの中の案件を指定してください。",
                message_en=f"{candidate} is outside the git repository {top}, so --changed-since cannot compare it. Drop --changed-since or give cases inside the repository.",
                path=str(candidate),
            )
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
