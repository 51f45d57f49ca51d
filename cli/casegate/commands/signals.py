"""How a casegate process ends on Ctrl-C or SIGTERM: exit 130, never a verdict.

Both signals raise KeyboardInterrupt, so `finally` blocks stop a local OPA and remove its
staging folder, and the top-level handler exits 130. Python drops an exception raised while
it runs certain callbacks (a signal that lands during an import is printed as "Exception
ignored in …" and the run goes on), so the arrival is also recorded: the gate checks it
before it gives a verdict, and an interrupted run is never reported as judged. Such a dropped
interrupt is not printed either (Python would print its traceback to the clerk): it is
recorded, and the run ends as interrupted all the same.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable
from typing import Any

_arrived: list[int] = []


def install() -> None:
    """Handle SIGINT and SIGTERM as above. Only the main thread may set a signal handler (a test
    runner may invoke from another); it belongs to the process, not the engine."""

    def _interrupt(signum: int, frame: object) -> None:
        _arrived.append(signum)
        raise KeyboardInterrupt

    if threading.current_thread() is not threading.main_thread():
        return
    if not isinstance(sys.unraisablehook, _QuietAboutRecordedInterrupts):
        sys.unraisablehook = _QuietAboutRecordedInterrupts(sys.unraisablehook)
    signal.signal(signal.SIGINT, _interrupt)
    if os.name == "posix":
        signal.signal(signal.SIGTERM, _interrupt)


def raise_if_interrupted() -> None:
    """KeyboardInterrupt if a signal arrived, even one whose exception Python dropped."""
    if _arrived:
        raise KeyboardInterrupt


class _QuietAboutRecordedInterrupts:
    """sys.unraisablehook that says nothing of an interrupt this module recorded.

    Python calls the hook for an exception it must drop: one raised in a finalizer, a
    `__del__` or an import lock's callback, which is where our KeyboardInterrupt lands when the
    signal arrives there. Anything else goes to the hook that was there before.
    """

    def __init__(self, previous: Callable[[Any], object]) -> None:
        self.previous = previous

    def __call__(self, unraisable: Any) -> None:
        if _arrived and isinstance(unraisable.exc_value, KeyboardInterrupt):
            return
        self.previous(unraisable)
