"""Starting `casegate serve`: the folder, the one OPA, the site, and uvicorn on 127.0.0.1 only.

Imported only when the command runs (uvicorn and Starlette are the `serve` extra). The face
(commands/serve.py) says where the form is; this module never prints.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import uvicorn

from casegate.engine.endpoint import EngineSettings
from casegate.errors import InputError
from casegate.messages import serve as messages
from casegate.serve.app import Site, make_app
from casegate.serve.folder import CaseFolder
from casegate.serve.guard import TokenGuard
from casegate.serve.judge import JudgeSettings, running_judge

#: Told, once the server listens: the folder served, the URL with the token, and the URL with a
#: one-time ticket for the browser to open (None with --no-browser).
Announce = Callable[[Path, str, str | None], None]


@dataclass(frozen=True)
class ServeSettings:
    target: Path | None  # a case file or a folder; None: the working directory's cases/
    schema: Path
    policies: Path
    repo_root: Path | None
    port: int  # 0: a free one
    open_browser: bool
    lang: str
    as_of: dt.date | None
    max_bytes: int


def serve(settings: ServeSettings, announce: Announce) -> None:
    """Serve until Ctrl-C (KeyboardInterrupt, which the caller takes as the normal end)."""
    try:
        folder_path, initial = _folder_and_case(settings.target)
        folder = CaseFolder(folder_path, settings.max_bytes)
        schema_doc = json.loads(settings.schema.read_text(encoding="utf-8"))
        catalogue_path = settings.policies / "casegate" / "catalogue" / "data.json"
        catalogue = json.loads(catalogue_path.read_text(encoding="utf-8")) if catalogue_path.is_file() else {}
        schema_ref = _schema_ref(folder.root, settings.schema, settings.repo_root)
        port = settings.port or _free_port()
        token = secrets.token_urlsafe(32)
        judge_settings = JudgeSettings(
            settings.schema,
            settings.policies,
            settings.repo_root,
            settings.max_bytes,
            EngineSettings(),
            settings.as_of,
        )
        with running_judge(judge_settings) as judge:
            ticket = secrets.token_urlsafe(32) if settings.open_browser else None
            site = Site(
                folder,
                schema_doc,
                schema_ref,
                catalogue,
                judge.judge,
                settings.lang,
                token,
                port,
                initial,
                ticket,
            )
            _run(site, make_app(site), announce)
    except (OSError, ValueError) as error:
        raise _cannot_start(error) from error


def _run(site: Site, app: TokenGuard, announce: Announce) -> None:
    case = f"&case={quote(site.initial)}" if site.initial else ""
    url = f"http://127.0.0.1:{site.port}/?token={site.token}{case}"
    # The browser gets a one-time ticket, not the token: its command line is visible to other users.
    browser_url = f"http://127.0.0.1:{site.port}/?ticket={site.ticket}{case}"
    config = uvicorn.Config(
        app,
        host="127.0.0.1",  # never another interface: the form holds personal-data descriptions
        port=site.port,
        access_log=False,  # an access log would keep the token from the first URL
        log_level="warning",
        lifespan="off",
    )
    server = uvicorn.Server(config)

    def when_listening() -> None:
        while not server.started and not server.should_exit:
            threading.Event().wait(0.05)
        if server.started:
            announce(site.folder.root, url, browser_url if site.ticket is not None else None)

    threading.Thread(target=when_listening, daemon=True).start()
    try:
        server.run()
    except SystemExit:  # uvicorn exits when it cannot bind (the port is taken)
        raise InputError.of(messages.PORT_BUSY, port=site.port) from None


def _folder_and_case(target: Path | None) -> tuple[Path, str | None]:
    """The folder served and the case opened first. Default: the case repository one works in
    (its cases/ folder, else the working directory itself), not the policy repository."""
    if target is None:
        here = Path.cwd()
        return (here / "cases" if (here / "cases").is_dir() else here), None
    if target.is_dir():
        return target, None
    return target.parent, target.name


def _schema_ref(folder: Path, schema: Path, root: Path | None) -> str | None:
    """What a new case's "$schema" says: the case repository's own copy of the schema beside the
    folder (../schemas/), else the schema used when the folder is inside the policy repository."""
    if (folder.parent / "schemas" / "case.schema.json").is_file():
        return "../schemas/case.schema.json"
    if root is not None and folder.resolve().is_relative_to(root.resolve()):
        return Path(os.path.relpath(schema, folder)).as_posix()
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _cannot_start(error: Exception) -> InputError:
    return InputError.of(messages.CANNOT_START, kind=type(error).__name__, error=error)
