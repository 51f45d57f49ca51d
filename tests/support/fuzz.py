"""The fuzz target (fuzz/fuzz_loader.py) as a module, for the tests that share its checks.

fuzz/ is not a package: atheris runs the file as a script, so it is loaded by path.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from types import ModuleType

from support.paths import REPO

FUZZ = REPO / "fuzz"


@cache
def fuzz_target() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz_loader", FUZZ / "fuzz_loader.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("fuzz_loader", module)
    spec.loader.exec_module(module)
    return module
