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


def _missing(what_ja: str, what_en: str, install: str, here: str = "make setup-render") -> EngineError:
    return EngineError(
        "render-dependency-missing",
        message_ja=f"{what_ja}がありません。インストールしてください：{install}（このリポジトリでは {here}）。",
        message_en=f"{what_en} is missing. Install it: {install} (in this repository: {here}).",
    )


def import_python(name: str) -> ModuleType:
    """A module of the `render` extra (jinja2, graphviz), or the sentence saying how to get it."""
    try:
        return importlib.import_module(name)
    except ImportError as error:
        raise _missing(
            f"Python のパッケージ {name}", f"The Python package {name}", PIP_HINT, "make setup"
        ) from error


def dot_missing() -> EngineError:
    return _missing(
        "Graphviz の dot コマンド（資料1-1 の図を描きます）", "Graphviz's dot (draws 資料1-1)", APT_DOT
    )


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
            "PDF を作る WeasyPrint",
            "WeasyPrint (makes the PDF)",
            f"{PIP_HINT}、{APT_PDF}。PDF なしで --format html なら作れます",
            "make setup と make setup-render",
        ) from error
    except OSError as error:  # the Python package is there, Pango is not
        raise _missing(
            "WeasyPrint が使う Pango ライブラリ",
            "The Pango library WeasyPrint uses",
            f"{APT_PDF}。PDF なしで --format html なら作れます",
        ) from error
    if not has_japanese_font():
        raise _missing(
            "日本語のフォント（Noto CJK）", "A Japanese font (Noto CJK)", "apt-get install fonts-noto-cjk"
        )
    return module
