"""`casegate install-opa`: provide the pinned OPA where this repository's `make setup` is not at hand.

A department's case repository gets casegate from pip (e.g. through the pre-commit hook) but no
.tools/; this builds OPA with `go install` into the user's cache, where `check` looks for it.
"""

from __future__ import annotations

import sys

import click

from casegate import OPA_VERSION
from casegate.errors import CasegateError
from casegate.opa_binary import find_opa, install_opa, user_tools_dir
from casegate.options import lang_option, say


@click.command("install-opa")
@lang_option
def install_opa_command(lang: str) -> None:
    """OPA（固定の版）を go install でユーザのキャッシュに用意します（すでにあれば何もしません）。"""
    try:
        try:
            binary = find_opa(None)
        except CasegateError:
            click.echo(
                f"go install github.com/open-policy-agent/opa@v{OPA_VERSION} → {user_tools_dir()} …", err=True
            )
            binary = install_opa()
    except CasegateError as error:
        say(error, lang)
        sys.exit(error.exit_code)
    click.echo(f"OPA {OPA_VERSION}: {binary}")
