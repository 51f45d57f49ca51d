"""What `render` needs beyond the core install, and the exact words to say when it is missing.

The core install (the pre-commit hook's environment) has none of this: the Python parts come with
`pip install 'casegate[render]'`, the system parts from Debian (scripts/ensure-render-deps.sh
installs them). HTML needs Jinja2 and Graphviz only; PDF also needs WeasyPrint with Pango and a
Japanese font, without which every character would print as an empty box.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

from casegate.errors import EngineError
from casegate.messages import Text
from casegate.messages import render as messages

PIP_HINT = "pip install 'casegate[render]'"
APT_PDF = "apt-get install --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk"
APT_DOT = "apt-get install --no-install-recommends graphviz"

# Where Debian's fonts-noto-cjk (and a user's own copy) put the Japanese faces.
_FONT_DIRS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local" / "share" / "fonts",
    Path.home() / ".fonts",
)
_FONT_PATTERNS = ("NotoSansCJK*", "NotoSerifCJK*", "NotoSansJP*", "NotoSerifJP*")


def _missing(what: Text, install: Text | str, here: Text | str = "make setup-render") -> EngineError:
    return EngineError.of(messages.DEPENDENCY_MISSING, what=what, install=install, here=here)


def import_python(name: str) -> ModuleType:
    """A module of the `render` extra (jinja2, graphviz), or the sentence saying how to get it."""
    try:
        return importlib.import_module(name)
    except ImportError as error:
        raise _missing(messages.PYTHON_PACKAGE.text(name=name), PIP_HINT, "make setup") from error


def dot_missing() -> EngineError:
    return _missing(messages.DOT.text(), APT_DOT)


def has_japanese_font() -> bool:
    for folder in _FONT_DIRS:
        for pattern in _FONT_PATTERNS:
            if folder.is_dir() and next(folder.rglob(pattern), None) is not None:
                return True
    return False


def import_weasyprint() -> ModuleType:
    """WeasyPrint, working: its import loads Pango through cffi and fails with OSError without it."""
    try:
        module = importlib.import_module("weasyprint")
    except ImportError as error:
        raise _missing(
            messages.WEASYPRINT.text(),
            messages.INSTALL_OR_HTML.text(install=messages.INSTALL_BOTH.text(first=PIP_HINT, second=APT_PDF)),
            messages.SETUP_BOTH.text(first="make setup", second="make setup-render"),
        ) from error
    except OSError as error:  # the Python package is there, Pango is not
        raise _missing(messages.PANGO.text(), messages.INSTALL_OR_HTML.text(install=APT_PDF)) from error
    if not has_japanese_font():
        raise _missing(messages.JAPANESE_FONT.text(), "apt-get install fonts-noto-cjk")
    return module
