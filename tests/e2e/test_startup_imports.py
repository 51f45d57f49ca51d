"""What a run imports: the start-up of one `check` is most of its time (issue #12: 1 case <= 0.4 s).

Each check runs in a fresh interpreter, since this test session has imported everything already.
"""

from __future__ import annotations

import subprocess
import sys

from support.paths import REPO


def _imported_after(code: str) -> set[str]:
    script = f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO
    )
    return set(done.stdout.split())


def test_the_command_line_loads_without_the_other_commands_or_the_explaining_validator():
    modules = _imported_after("import casegate.commands.main")
    assert "casegate.commands.main" in modules
    for heavy in (
        "jsonschema",
        "junitparser",
        "casegate.commands.doctor",
        "casegate.commands.render",
        "aiohttp",
    ):
        assert heavy not in modules, heavy


def test_the_opa_client_comes_without_the_asyncio_client_and_the_package_stays_whole():
    code = (
        "from casegate.engine.client import _client_class\n"
        "cls = _client_class()\n"
        "assert 'aiohttp' not in sys.modules\n"
        "from opa_client import AsyncOpaClient, OpaClient, create_opa_client\n"
        "assert OpaClient is cls and AsyncOpaClient.__name__ == 'AsyncOpaClient'"
    )
    assert "aiohttp" in _imported_after(code)  # asked for, the rest of the package is there
