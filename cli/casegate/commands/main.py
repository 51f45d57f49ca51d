"""The `casegate` group: the sub-commands, and the one handler for whatever escapes them.

A command raises; it never prints its own error. The group's handler prints an expected problem
(CasegateError) in the command's --lang and exits with the error's code, Ctrl-C and SIGTERM with
130, and anything unexpected with 3 and one sentence asking for a report. Click's own usage
errors (2) are shown as Click shows them. Exit codes: 0 every case passes, 1 a policy is
violated, 2 invalid input or usage, 3 the engine failed.
"""

from __future__ import annotations

import importlib
import os
import sys
import traceback
from collections.abc import Sequence
from typing import Any, ClassVar, NoReturn

import click

from casegate import __version__
from casegate.commands import signals
from casegate.commands.check import check_command, validate_command
from casegate.commands.options import current_lang, say
from casegate.errors import EXIT_ENGINE, EXIT_INTERRUPTED, EXIT_OK, CasegateError
from casegate.messages import commands as messages
from casegate.release import version_line


def handle(error: BaseException, lang: str) -> int:
    """The one place an error that escaped a command becomes a sentence and an exit code."""
    if isinstance(error, CasegateError):
        say(error, lang)
        return error.exit_code
    if isinstance(error, (KeyboardInterrupt, click.exceptions.Abort)):  # Click turns Ctrl-C into Abort
        click.echo(messages.INTERRUPTED.text().both(), err=True)
        return EXIT_INTERRUPTED
    _report_unexpected(error, lang)
    return EXIT_ENGINE


class _Casegate(click.Group):
    """The group whose invoke() runs every sub-command inside the one handler.

    The handler sits here rather than only in run() so that Click's test runner, which invokes
    the group, meets the same messages and exit codes as a shell does.

    The commands other than validate and check are imported only when called or listed:
    importing them all took about a tenth of a second of every `check` (the hook's command),
    most of it for code `check` never runs.
    """

    LAZY: ClassVar[dict[str, str]] = {
        "bundle": "casegate.commands.bundle:bundle",
        "doctor": "casegate.commands.doctor:doctor",
        "impact": "casegate.commands.impact:impact_command",
        "init": "casegate.commands.init:init_command",
        "install-opa": "casegate.commands.install_opa:install_opa_command",
        "migrate": "casegate.commands.migrate:migrate_command",
        "render": "casegate.commands.render:render_command",
        "serve": "casegate.commands.serve:serve_command",
        "sync-schema": "casegate.commands.init:sync_schema_command",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.LAZY})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.LAZY:
            return super().get_command(ctx, cmd_name)
        module, name = self.LAZY[cmd_name].split(":")
        command = getattr(importlib.import_module(module), name)
        assert isinstance(command, click.Command)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit):
            raise  # usage errors and explicit exits: Click shows and maps them itself
        except (Exception, KeyboardInterrupt) as error:  # noqa: BLE001 - the one top-level handler
            ctx.exit(handle(error, current_lang(ctx)))


@click.group(
    cls=_Casegate, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}
)
@click.version_option(__version__, prog_name="casegate", message=version_line())
def main() -> None:
    """casegate — 個人情報保護管理運営会議の付議事項（外部結合・業務委託）を確かめます。

    validate はスキーマだけ、check はスキーマと方針（OPA）を確かめます。終了コード：0 すべて合格、
    1 方針違反あり、2 入力・使い方の誤り、3 判定エンジンの失敗。
    """
    signals.install()  # before any sub-command starts an OPA


main.add_command(validate_command)
main.add_command(check_command)


def run(argv: Sequence[str] | None = None) -> NoReturn:
    """The `casegate` console script: the group `main`, and the same handler for what escapes it.

    A traceback exits 1, which a pipeline reads as "violation". Inside a sub-command the group
    handles errors; this wrapper covers what happens around it (parsing the group's own options,
    Ctrl-C between the two) with the same mapping. The traceback of an unexpected error is shown
    only with CASEGATE_DEBUG=1.
    """
    sys.exit(_run(list(sys.argv[1:] if argv is None else argv)))


def _run(args: list[str]) -> int:
    try:
        code = main.main(args=args, prog_name="casegate", standalone_mode=False)
    except click.ClickException as error:  # usage errors (2) and the like, shown as Click shows them
        error.show()
        return error.exit_code
    except (Exception, KeyboardInterrupt) as error:  # noqa: BLE001 - see handle()
        return handle(error, current_lang(None))
    return code if isinstance(code, int) else EXIT_OK


def _report_unexpected(error: BaseException, lang: str) -> None:
    # Only the type is named: an exception's text may hold a path, a URL or worse, and a ward
    # clerk can do nothing with it; CASEGATE_DEBUG=1 shows everything to whoever fixes it.
    name = type(error).__name__
    if os.environ.get("CASEGATE_DEBUG") == "1":
        traceback.print_exception(error, file=sys.stderr)
    click.echo(f"casegate: {messages.UNEXPECTED(lang, name=name)}", err=True)


if __name__ == "__main__":  # pragma: no cover
    run()
