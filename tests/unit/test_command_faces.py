"""The command layer's own rules: one handler says every escaped error in the command's language,
an option means the same in every command that takes it, and a message has one rule for its
language. (The console script's wrapper is tested in test_cli_error_handling.py.)"""

from __future__ import annotations

from pathlib import Path

import click
import pytest

import casegate.commands.bundle
import casegate.commands.check
from casegate.commands.main import main
from casegate.core.model import Finding, Location, Problem
from casegate.engine.doctor import Check, State
from casegate.engine.signed_bundle import BundleRejected
from casegate.errors import EngineError, InputError, in_language

PROBLEM = InputError("x", message_ja="日本語の説明。", message_en="The explanation.", path="a.json")


def _raising(error: BaseException):
    def fail(*_args, **_kwargs):
        raise error

    return fail


@pytest.mark.parametrize(
    ("args", "env", "said"),
    [
        (["validate", "cases/"], {}, "casegate: a.json: 日本語の説明。\n"),
        (["validate", "--lang", "en", "cases/"], {}, "casegate: a.json: The explanation.\n"),
        (["validate", "cases/", "--lang=en"], {}, "casegate: a.json: The explanation.\n"),
        (["validate", "cases/"], {"CASEGATE_LANG": "en"}, "casegate: a.json: The explanation.\n"),
        (
            ["validate", "--lang", "ja", "cases/"],
            {"CASEGATE_LANG": "en"},
            "casegate: a.json: 日本語の説明。\n",
        ),
    ],
)
def test_an_escaped_error_is_said_once_in_the_commands_language(run_cli, monkeypatch, args, env, said):
    monkeypatch.setattr(casegate.commands.check, "validate", _raising(PROBLEM))
    result = run_cli(*args, env=env)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", said)


def test_the_error_keeps_its_own_exit_code(run_cli, monkeypatch):
    engine = EngineError("y", message_ja="エンジン。", message_en="Engine.")
    monkeypatch.setattr(casegate.commands.check, "validate", _raising(engine))
    result = run_cli("validate", "--lang", "en", "cases/")
    assert (result.exit_code, result.stderr) == (3, "casegate: Engine.\n")


def test_ctrl_c_inside_a_command_is_130_under_the_test_runner_too(run_cli, monkeypatch):
    monkeypatch.setattr(casegate.commands.check, "validate", _raising(KeyboardInterrupt()))
    result = run_cli("validate", "cases/")
    assert result.exit_code == 130
    assert result.stderr == "casegate: 中断しました / interrupted\n"


def test_an_error_in_a_nested_group_uses_the_sub_commands_language(run_cli, monkeypatch, tmp_path):
    """bundle verify sits under the `bundle` group; its --lang still reaches the handler, and the
    error's own exit code (1: the bundle must not be served) survives."""
    rejected = BundleRejected(
        "bundle-not-verified", message_ja="検証できません。", message_en="Not verified."
    )
    monkeypatch.setattr(casegate.commands.bundle, "find_opa", lambda: Path("opa"))
    monkeypatch.setattr(casegate.commands.bundle, "verify_bundle", _raising(rejected))
    bundle = tmp_path / "b.tar.gz"
    bundle.write_bytes(b"not a bundle")
    key = tmp_path / "key.pem"
    key.write_text("not a key", encoding="utf-8")
    result = run_cli("bundle", "verify", str(bundle), "--verification-key", str(key), "--lang", "en")
    assert (result.exit_code, result.stderr) == (1, "casegate: Not verified.\n")


def _commands(group: click.Group, prefix: str = "") -> dict[str, click.Command]:
    """Every command, the lazily imported ones too (through the group, as Click finds them)."""
    context = click.Context(group)
    found: dict[str, click.Command] = {}
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        assert command is not None, name
        found[f"{prefix}{name}"] = command
        if isinstance(command, click.Group):
            found.update(_commands(command, f"{prefix}{name} "))
    return found


def _rule(param: click.Parameter) -> tuple[object, ...]:
    """What must not differ between two commands' copies of one option. The help sentence, the
    choices (each command's renderers) and whether a bundle file is accepted may."""
    kind = type(param.type)
    return (kind, param.envvar, param.multiple, param.nargs, getattr(param, "is_flag", False), param.is_eager)


def test_an_option_follows_one_rule_in_every_command():
    seen: dict[str, dict[tuple[object, ...], list[str]]] = {}
    for name, command in _commands(main).items():
        for param in command.params:
            if isinstance(param, click.Option):
                for flag in param.opts:
                    seen.setdefault(flag, {}).setdefault(_rule(param), []).append(name)
    differing = {flag: rules for flag, rules in seen.items() if len(rules) > 1}
    assert differing == {}


def test_the_shared_options_are_where_the_issue_said_they_were():
    """The test above compares copies; this one makes sure there are copies to compare."""
    commands = _commands(main)

    def takes(flag: str) -> set[str]:
        return {name for name, command in commands.items() if any(flag in p.opts for p in command.params)}

    assert {"check", "render", "serve", "impact", "doctor", "bundle build"} <= takes("--policies")
    assert {"validate", "check", "render", "impact", "doctor"} <= takes("--format")
    assert {"check", "render"} <= takes("--waivers")
    assert {"check", "render", "bundle verify"} <= takes("--verification-key")
    assert {"validate", "check", "render", "serve"} <= takes("--max-bytes")
    faces = {name for name, command in commands.items() if not isinstance(command, click.Group)}
    assert faces == takes("--lang")  # every face can speak English


@pytest.mark.parametrize(
    "message",
    [
        PROBLEM.message,
        Problem("x", "ja", "en").message,
        Finding("r", "t", (), "error", "ja", "en", Location("/case_id")).message,
        Check("opa", State.OK, "ja", "en").message,
    ],
)
def test_every_message_has_one_rule_for_its_language(message):
    assert message("ja") != message("en")
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        message("fr")
    assert in_language("en", "ja", "en") == "en"
