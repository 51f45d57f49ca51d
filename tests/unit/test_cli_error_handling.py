"""The one handler for what escapes a command: an unexpected error is exit 3 with one sentence (a
traceback only with CASEGATE_DEBUG=1), Ctrl-C is 130, an expected error keeps its exit code, and
Click keeps its own.
"""

from __future__ import annotations

import signal
import sys
import weakref
from importlib.metadata import entry_points

import pytest

import casegate.commands.check
import casegate.commands.main
import casegate.commands.signals
from casegate.errors import InputError
from support.paths import REPO


def _run(monkeypatch, capsys, *args: str) -> tuple[int, str]:
    """The console script's wrapper, in-process: its exit code and what it wrote on stderr."""
    monkeypatch.chdir(REPO)
    for name in ("CASEGATE_LANG", "CASEGATE_DEBUG", "CASEGATE_OPA_URL"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(SystemExit) as stopped:
        casegate.commands.main.run(list(args))
    return stopped.value.code, capsys.readouterr().err


def _raising(error: BaseException):
    def fail(*_args, **_kwargs):
        raise error

    return fail


def test_the_console_script_is_the_wrapper():
    (script,) = entry_points(group="console_scripts", name="casegate")
    assert script.value == "casegate.commands.main:run"


def test_an_unexpected_exception_exits_3_with_one_sentence(monkeypatch, capsys):
    monkeypatch.setattr(casegate.commands.check, "validate", _raising(RuntimeError("/secret/path")))
    code, err = _run(monkeypatch, capsys, "validate", "cases/")
    assert code == 3
    assert err.count("\n") == 1
    assert "RuntimeError" in err and "報告" in err and "CASEGATE_DEBUG=1" in err
    assert "Traceback" not in err and "/secret/path" not in err


def test_the_unexpected_error_speaks_english_with_lang_en(monkeypatch, capsys):
    monkeypatch.setattr(casegate.commands.check, "validate", _raising(RuntimeError("x")))
    code, err = _run(monkeypatch, capsys, "validate", "--lang", "en", "cases/")
    assert code == 3
    assert "unexpected error (RuntimeError)" in err and "report" in err


def test_casegate_debug_shows_the_traceback(monkeypatch, capsys):
    monkeypatch.setattr(casegate.commands.check, "validate", _raising(RuntimeError("the detail")))
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("CASEGATE_DEBUG", "1")
    with pytest.raises(SystemExit) as stopped:
        casegate.commands.main.run(["validate", "cases/"])
    err = capsys.readouterr().err
    assert stopped.value.code == 3
    assert "Traceback" in err and "RuntimeError: the detail" in err


def test_ctrl_c_in_any_command_exits_130(monkeypatch, capsys):
    monkeypatch.setattr(casegate.commands.check, "validate", _raising(KeyboardInterrupt()))
    code, err = _run(monkeypatch, capsys, "validate", "cases/")
    assert code == 130
    assert "中断しました / interrupted" in err
    assert "Aborted" not in err


def test_an_expected_error_that_escapes_keeps_its_exit_code(monkeypatch, capsys):
    problem = InputError("x", message_ja="日本語の説明。", message_en="The explanation.", path="a.json")
    monkeypatch.setattr(casegate.commands.check, "_finish", _raising(problem))
    code, err = _run(monkeypatch, capsys, "validate", "--lang=en", "cases/")
    assert (code, err) == (2, "casegate: a.json: The explanation.\n")


@pytest.mark.parametrize(
    ("args", "code"),
    [(("--version",), 0), (("validate", "cases/"), 0), (("check", "--bogus"), 2), (("nonsense",), 2)],
)
def test_click_keeps_its_own_exit_codes(monkeypatch, capsys, args, code):
    assert _run(monkeypatch, capsys, *args)[0] == code


def test_a_signal_whose_exception_python_dropped_still_ends_the_run_as_interrupted(monkeypatch, capsys):
    """A Ctrl-C that lands during an import is printed as "Exception ignored" and the run goes
    on; the gate must still end as interrupted (130), not with the verdict of the rest."""
    monkeypatch.setattr(casegate.commands.signals, "_arrived", [signal.SIGINT])
    code, err = _run(monkeypatch, capsys, "validate", str(REPO / "cases"))
    assert code == 130
    assert "interrupted" in err


def test_without_a_signal_the_verdict_is_the_exit_code(monkeypatch, capsys):
    monkeypatch.setattr(casegate.commands.signals, "_arrived", [])
    code, _err = _run(monkeypatch, capsys, "validate", str(REPO / "cases"))
    assert code == 0


def test_an_interrupt_python_drops_in_a_finalizer_is_not_printed(monkeypatch):
    """A SIGTERM landing in a finalizer would print "Exception ignored … Traceback" to the
    clerk; recorded, it is said once, as the interrupted run's own message."""
    passed_on: list[type[BaseException]] = []
    hook = casegate.commands.signals._QuietAboutRecordedInterrupts(
        lambda unraisable: passed_on.append(type(unraisable.exc_value))
    )
    monkeypatch.setattr(sys, "unraisablehook", hook)

    def drop(exception: BaseException) -> None:
        class Holder:
            pass

        def finalizer() -> None:
            raise exception

        holder = Holder()
        weakref.finalize(holder, finalizer)
        del holder  # the finalizer runs now; Python drops what it raises and calls the hook

    monkeypatch.setattr(casegate.commands.signals, "_arrived", [signal.SIGTERM])
    drop(KeyboardInterrupt())
    drop(ValueError("a real fault"))
    monkeypatch.setattr(casegate.commands.signals, "_arrived", [])
    drop(KeyboardInterrupt())  # not one of ours: said as Python says it
    assert passed_on == [ValueError, KeyboardInterrupt]
