"""The Starlette application: the page, its script, and a small JSON API over the served folder.

Routes only translate HTTP into calls of CaseFolder (files), Judge (verdict) and document
(bytes). Every API answer is JSON; an expected problem is {"error": {"ja", "en", "code"}} with a
4xx status, so the page can say what to fix. The guard (guard.py) has already refused anyone
without the token before a route runs.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from casegate.core.case_layout import blank_case, serialize
from casegate.errors import CasegateError, InputError
from casegate.serve.folder import CaseFolder, Conflict, sha256_of
from casegate.serve.guard import TokenGuard

HERE = Path(__file__).parent

#: A request body larger than this is refused unread (a case file is at most max_bytes).
BODY_SLACK = 2


@dataclass(frozen=True)
class Site:
    """What the application serves; built by the command, handed to make_app."""

    folder: CaseFolder
    schema: Mapping[str, Any]
    schema_ref: str | None  # what a new case's "$schema" says, relative to the folder
    catalogue: Mapping[str, Any]
    judge: Callable[[bytes], dict[str, Any]]
    lang: str
    token: str
    port: int
    initial: str | None  # the case named on the command line, opened first
    ticket: str | None = None  # one-time stand-in for the token, for the browser's command line


def make_app(site: Site) -> TokenGuard:
    templates = Jinja2Templates(directory=str(HERE / "templates"))

    async def page(request: Request) -> Response:
        return templates.TemplateResponse(
            request, "index.html", {"token": site.token, "lang": site.lang, "initial": site.initial or ""}
        )

    async def meta(request: Request) -> Response:
        return JSONResponse(
            {
                "schema": site.schema,
                "not_applicable": _not_applicable(site.catalogue),
                "lang": site.lang,
                "cases": await run_in_threadpool(site.folder.names),
                "max_bytes": site.folder.max_bytes,
            }
        )

    async def cases(request: Request) -> Response:
        return JSONResponse({"cases": await run_in_threadpool(site.folder.names)})

    async def open_case(request: Request) -> Response:
        try:
            name = request.query_params.get("name")
            loaded = await run_in_threadpool(site.folder.read, name)
        except CasegateError as error:
            return _error(error, 404 if error.code == "unreadable" else 400)
        return JSONResponse({"name": name, "case": loaded.data, "sha256": loaded.sha256})

    async def new_case(request: Request) -> Response:
        try:
            name = request.query_params.get("name")
            path = site.folder.path(name)
        except CasegateError as error:
            return _error(error, 400)
        if path.exists():
            return _error(
                InputError(
                    code="exists",
                    message_ja=f"{name} はすでにあります。別の名前にするか、一覧から開いてください。",
                    message_en=f"{name} already exists. Choose another name, or open it from the list.",
                ),
                409,
            )
        return JSONResponse({"name": name, "case": blank_case(site.schema, site.schema_ref), "sha256": None})

    async def judge(request: Request) -> Response:
        try:
            body = await _read_json(request, site.folder.max_bytes * BODY_SLACK)
            data = serialize(site.schema, _case_of(body))
        except CasegateError as error:
            return _error(error, 413 if error.code == "too-large" else 400)
        result = await run_in_threadpool(site.judge, data)
        return JSONResponse({**result, "text": data.decode("utf-8"), "sha256": sha256_of(data)})

    async def save(request: Request) -> Response:
        try:
            body = await _read_json(request, site.folder.max_bytes * BODY_SLACK)
            name = body.get("name")
            base = body.get("base_sha256")
            if base is not None and not isinstance(base, str):
                raise _malformed("base_sha256")
            data = serialize(site.schema, _case_of(body))
            outcome = await run_in_threadpool(site.folder.write, name, data, base)
        except CasegateError as error:
            return _error(error, 413 if error.code == "too-large" else 400)
        if isinstance(outcome, Conflict):
            return JSONResponse(
                {
                    "conflict": True,
                    "disk_sha256": outcome.disk_sha256,
                    "diff": outcome.diff,
                    "error": {
                        "code": "changed-on-disk",
                        "ja": f"{name} は開いた後にディスク上で変更されています（または新しく作られています）。違いを確かめてから上書きしてください。",
                        "en": f"{name} changed on disk after it was opened (or was created meanwhile). Review the difference before overwriting.",
                    },
                },
                status_code=409,
            )
        result = await run_in_threadpool(site.judge, data)
        return JSONResponse({**result, "name": name, "sha256": outcome, "text": data.decode("utf-8")})

    routes = [
        Route("/", page),
        Route("/api/meta", meta),
        Route("/api/cases", cases),
        Route("/api/case", open_case),
        Route("/api/new", new_case),
        Route("/api/check", judge, methods=["POST"]),
        Route("/api/save", save, methods=["POST"]),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    app = Starlette(routes=routes)
    return TokenGuard(app, site.token, site.port, site.ticket)


def _not_applicable(catalogue: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    """Item id → when 「－」 is allowed (ja/en); items absent here must be answered 「○」."""
    items = catalogue.get("items", {})
    allowed: dict[str, dict[str, str]] = {}
    for item_id, item in items.items():
        exception = item.get("not_applicable") if isinstance(item, Mapping) else None
        if isinstance(exception, Mapping):
            allowed[item_id] = {
                "ja": str(exception.get("when_ja", "")),
                "en": str(exception.get("when_en", "")),
            }
    return allowed


async def _read_json(request: Request, limit: int) -> dict[str, Any]:
    """The request body as a JSON object, read no further than `limit` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        raise _too_large(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        chunks.append(chunk)
    try:
        body = json.loads(b"".join(chunks).decode("utf-8"), parse_constant=_no_constant)
    except (
        UnicodeDecodeError,
        ValueError,
        RecursionError,
    ):  # RecursionError: "[[[[…" nested past Python's limit
        raise _malformed("body") from None
    if not isinstance(body, dict):
        raise _malformed("body")
    return body


def _no_constant(token: str) -> Any:
    raise ValueError(token)


def _case_of(body: Mapping[str, Any]) -> dict[str, Any]:
    case = body.get("case")
    if not isinstance(case, dict) or _depth(case) > _MAX_DEPTH:
        raise _malformed("case")
    return case


#: The loader refuses a case nested deeper than 64; far past that is not a case being typed,
#: and would only exhaust the recursion of the serializer.
_MAX_DEPTH = 200


def _depth(value: Any) -> int:
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > _MAX_DEPTH:
            break
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        stack.extend((child, depth + 1) for child in children)
    return deepest


def _malformed(field: str) -> InputError:
    return InputError(
        code="bad-request",
        message_ja=f"要求の形が違います（{field}）。ページを読み込み直してください。",
        message_en=f"Malformed request ({field}). Reload the page.",
    )


def _too_large(limit: int) -> InputError:
    return InputError(
        code="too-large",
        message_ja=f"送られた内容が上限 {limit:,} バイトを超えています。読み込まず、保存もしません。",
        message_en=f"The request is over the limit of {limit:,} bytes; it was not read and nothing was saved.",
    )


def _error(error: CasegateError, status: int) -> JSONResponse:
    return JSONResponse(
        {"error": {"code": error.code, "ja": error.message_ja, "en": error.message_en}}, status_code=status
    )
