"""A real `casegate serve` for the serve tests: a subprocess on a copy of the repository.

The copy holds this project's policies/ and schemas/ and a cases/ folder the test may change;
CASEGATE_OPA points at the project's pinned OPA (the copy has no .tools/). Nothing is faked.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from support.paths import REPO

CASEGATE = Path(sys.executable).parent / "casegate"
#: The day the tests judge on (the seed's submission date), for the page and for `check` alike:
#: rules about deadlines would otherwise change the verdicts as the calendar moves on.
AS_OF = "2026-04-20"


@dataclass
class Served:
    process: subprocess.Popen[str]
    url: str  # as printed, with the token
    repo: Path

    @property
    def base(self) -> str:
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def token(self) -> str:
        return parse_qs(urlsplit(self.url).query)["token"][0]

    @property
    def cases(self) -> Path:
        return self.repo / "cases"

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise


def make_repo(root: Path) -> Path:
    repo = root / "repo"
    for folder in ("policies", "schemas", "cases"):
        shutil.copytree(REPO / folder, repo / folder)
    return repo


def start(repo: Path, *args: str) -> Served:
    env = dict(os.environ, CASEGATE_OPA=str(REPO / ".tools" / "bin" / "opa"), BROWSER="false")
    env.pop("CASEGATE_LANG", None)
    process = subprocess.Popen(
        [str(CASEGATE), "serve", "--no-browser", "--as-of", AS_OF, *(args or (str(repo / "cases"),))],
        cwd=repo,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()  # the URL, printed once the server listens
    if not line.startswith("http://127.0.0.1:"):
        process.kill()
        raise AssertionError(
            f"serve did not start: {line!r} {process.stderr.read() if process.stderr else ''}"
        )
    return Served(process, line.strip(), repo)
