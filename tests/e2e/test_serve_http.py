"""`casegate serve` over plain HTTP: the token, the folder's walls, limits, saving, the verdict.

Against the real server (a subprocess with the pinned OPA). Each refusal is checked for what it
must not do: nothing read (the answer holds no case data) and nothing written (the files stay).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from casegate.core.case_layout import blank_case, serialize
from support.serve import AS_OF, CASEGATE, REPO, Served, make_repo, start

pytestmark = pytest.mark.slow

SEED_NAME = "R8-kikaku-tape-hanyaku.json"
SCHEMA = json.loads((REPO / "schemas" / "case.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    server = start(make_repo(tmp_path_factory.mktemp("serve")))
    yield server
    assert server.stop() == 0


@pytest.fixture
def api(served: Served) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=served.base, headers={"X-Casegate-Token": served.token}, timeout=30) as client:
        yield client


def seed() -> dict[str, object]:
    return json.loads((REPO / "cases" / SEED_NAME).read_text(encoding="utf-8"))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- the token ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/", "/api/meta", f"/api/case?name={SEED_NAME}", "/api/cases", "/static/app.js"]
)
def test_without_the_token_every_get_is_refused_and_shows_no_case(served: Served, path: str) -> None:
    answer = httpx.get(served.base + path)
    assert answer.status_code == 403
    assert "token" in answer.text
    assert "外部評価委員会" not in answer.text and "schema" not in answer.text


def test_a_wrong_token_is_refused_in_the_url_and_the_header(served: Served) -> None:
    wrong = served.token[:-1] + ("A" if served.token[-1] != "A" else "B")
    assert httpx.get(f"{served.base}/?token={wrong}").status_code == 403
    assert httpx.get(f"{served.base}/static/app.js?token={wrong}").status_code == 403
    assert httpx.get(f"{served.base}/api/meta", headers={"X-Casegate-Token": wrong}).status_code == 403


def test_the_printed_url_opens_the_page_and_sets_no_cookie(served: Served) -> None:
    """127.0.0.1's cookies go to every port of it: a token in a cookie would reach other servers."""
    page = httpx.get(served.url)
    assert page.status_code == 200 and f"app.js?token={served.token}" in page.text
    assert "set-cookie" not in page.headers
    assert page.headers["referrer-policy"] == "no-referrer"
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert httpx.get(f"{served.base}/static/app.js?token={served.token}").status_code == 200


def test_the_api_wants_the_header_not_the_token_in_the_url(served: Served) -> None:
    """A page of another origin can send a request to a URL, never with this header."""
    before = snapshot(served.cases)
    answer = httpx.post(
        f"{served.base}/api/save?token={served.token}",
        json={"name": "csrf.json", "case": seed(), "base_sha256": None},
    )
    assert answer.status_code == 403
    assert snapshot(served.cases) == before


def test_a_foreign_host_name_is_refused_even_with_the_token(served: Served) -> None:
    """DNS rebinding: a page at evil.example resolved to 127.0.0.1 sends Host: evil.example."""
    answer = httpx.get(
        f"{served.base}/api/meta", headers={"X-Casegate-Token": served.token, "Host": "evil.example"}
    )
    assert answer.status_code == 403


def test_post_without_token_writes_nothing(served: Served) -> None:
    before = snapshot(served.cases)
    answer = httpx.post(
        f"{served.base}/api/save", json={"name": "x.json", "case": seed(), "base_sha256": None}
    )
    assert answer.status_code == 403
    assert snapshot(served.cases) == before


# --- the folder's walls ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "../schemas/case.schema.json",
        "/etc/passwd",
        "..%2Fschemas%2Fcase.schema.json",
        "sub/../../x.json",
        ".hidden.json",
        "a\\b.json",
        "case.txt",
        "",
    ],
)
def test_a_name_outside_the_folder_or_odd_is_refused_unread(api: httpx.Client, name: str) -> None:
    answer = api.get("/api/case", params={"name": name})
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["code"] == "bad-name" and ".json" in error["ja"]
    assert "properties" not in answer.text and "root:" not in answer.text


def test_a_symlink_leading_out_of_the_folder_is_neither_read_nor_written(
    served: Served, api: httpx.Client, tmp_path: Path
) -> None:
    outside = tmp_path / "secret.json"
    outside.write_text('{"secret": "秘密"}', encoding="utf-8")
    link = served.cases / "link-out.json"
    link.symlink_to(outside)
    try:
        read = api.get("/api/case", params={"name": "link-out.json"})
        assert read.status_code == 400 and read.json()["error"]["code"] == "outside-folder"
        assert "秘密" not in read.text
        write = api.post("/api/save", json={"name": "link-out.json", "case": seed(), "base_sha256": None})
        assert write.status_code == 400
        assert outside.read_text(encoding="utf-8") == '{"secret": "秘密"}'
        assert "link-out.json" not in api.get("/api/cases").json()["cases"]
    finally:
        link.unlink()


def test_saving_outside_the_folder_writes_nothing(served: Served, api: httpx.Client) -> None:
    before = snapshot(served.repo)
    for name in ("../escape.json", "/tmp/escape.json", "../schemas/case.schema.json"):
        answer = api.post("/api/save", json={"name": name, "case": seed(), "base_sha256": None})
        assert answer.status_code == 400, name
    assert snapshot(served.repo) == before
    assert not Path("/tmp/escape.json").exists()


# --- limits and malformed requests ---------------------------------------------------------------


def test_a_request_over_the_size_limit_is_refused_unread(served: Served, api: httpx.Client) -> None:
    before = snapshot(served.cases)
    huge = {"name": "huge.json", "case": {"title": "x" * 2_100_000}, "base_sha256": None}
    for path in ("/api/check", "/api/save"):
        answer = api.post(path, content=json.dumps(huge), headers={"Content-Type": "application/json"})
        assert answer.status_code == 413
        assert answer.json()["error"]["code"] == "too-large"
    assert snapshot(served.cases) == before


def test_a_case_that_would_be_over_the_file_limit_is_not_saved(served: Served, api: httpx.Client) -> None:
    case = seed()
    case["title"] = "x" * 1_200_000  # under the request limit, over the 1,000,000-byte case limit
    answer = api.post("/api/save", json={"name": "big.json", "case": case, "base_sha256": None})
    assert answer.status_code == 413
    assert not (served.cases / "big.json").exists()


def test_a_file_over_the_size_limit_is_not_opened(served: Served, api: httpx.Client) -> None:
    big = served.cases / "oversized.json"
    big.write_bytes(b'{"title": "' + b"x" * 1_100_000 + b'"}')
    try:
        answer = api.get("/api/case", params={"name": "oversized.json"})
        assert answer.status_code in (400, 404)
        assert "1,000,000" in answer.json()["error"]["ja"] or "上限" in answer.json()["error"]["ja"]
        assert "xxxxxxxx" not in answer.text
    finally:
        big.unlink()


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[1, 2]",
        b'{"case": [1]}',
        b'{"case": {"a": NaN}}',
        b"\xff\xfe",
        b'{"nocase": {}}',
        b'{"case": {"a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}",
        b'{"case": {"a": ' + b"[" * 500 + b"]" * 500 + b"}}",
    ],
)
def test_a_malformed_request_is_a_clear_error(served: Served, api: httpx.Client, body: bytes) -> None:
    before = snapshot(served.cases)
    for path in ("/api/check", "/api/save"):
        answer = api.post(path, content=body, headers={"Content-Type": "application/json"})
        assert answer.status_code == 400
        assert "ページを読み込み直して" in answer.json()["error"]["ja"]
    assert snapshot(served.cases) == before


# --- opening, judging, saving ---------------------------------------------------------------------


def test_the_seed_is_listed_opened_and_judged_a_pass(api: httpx.Client) -> None:
    assert SEED_NAME in api.get("/api/cases").json()["cases"]
    opened = api.get("/api/case", params={"name": SEED_NAME}).json()
    raw = (REPO / "cases" / SEED_NAME).read_bytes()
    assert opened["sha256"] == hashlib.sha256(raw).hexdigest()
    judged = api.post("/api/check", json={"case": opened["case"]}).json()
    assert judged["verdict"] == "pass"
    assert judged["text"].encode("utf-8") == serialize(SCHEMA, json.loads(raw))  # judged = what is saved


def test_a_location_abroad_is_reported_at_that_location(api: httpx.Client) -> None:
    case = seed()
    case["data_locations"][1]["country"] = "US"  # type: ignore[index]
    judged = api.post("/api/check", json={"case": case}).json()
    assert judged["verdict"] == "fail"
    # At the country (schema 1.0's policy) or at the location itself (2.0's): the page places both.
    at_box = [
        f
        for f in judged["findings"]
        if f["pointer"] in ("/data_locations/1/country", "/data_locations/1") and f["kind"] == "violation"
    ]
    assert [f["rule_id"].startswith("domestic-") for f in at_box] == [True]
    assert "EC-W-SY-11" in at_box[0]["checklist_ids"] and "US" in at_box[0]["message_ja"]


def test_a_new_case_starts_unanswered_and_fails(api: httpx.Client) -> None:
    fresh = api.get("/api/new", params={"name": "R8-new.json"}).json()
    assert fresh["sha256"] is None
    assert fresh["case"] == blank_case(SCHEMA, "../schemas/case.schema.json")
    judged = api.post("/api/check", json={"case": fresh["case"]}).json()
    assert judged["verdict"] == "error"
    pointers = {f["pointer"] for f in judged["findings"]}
    assert "/case_id" in pointers and "/title" in pointers  # each missing field, at its place
    # The policy's findings come as a preview only: the verdict stays the schema's failure.
    preview = [f for f in judged["findings"] if f.get("provisional")]
    assert preview and all(f["kind"] in ("violation", "warning") for f in preview)
    assert judged["counts"]["violations"] == 0
    assert api.get("/api/new", params={"name": SEED_NAME}).status_code == 409


def test_saving_writes_the_judged_bytes_and_check_agrees(served: Served, api: httpx.Client) -> None:
    case = seed()
    case["data_locations"][1]["country"] = "US"  # type: ignore[index]
    saved = api.post("/api/save", json={"name": "saved/abroad.json", "case": case, "base_sha256": None})
    assert saved.status_code == 200
    path = served.cases / "saved" / "abroad.json"
    assert path.read_bytes() == serialize(SCHEMA, case) == saved.json()["text"].encode("utf-8")
    assert saved.json()["verdict"] == "fail"
    env = dict(os.environ, CASEGATE_OPA=str(REPO / ".tools" / "bin" / "opa"))
    done = subprocess.run(
        [str(CASEGATE), "check", "--as-of", AS_OF, "--format", "json", str(path)],
        cwd=served.repo,
        env=env,
        capture_output=True,
    )
    report = json.loads(done.stdout)
    assert done.returncode == 1
    assert report["cases"][0]["verdict"] == "fail"
    assert sorted(v["rule_id"] for v in report["cases"][0]["violations"]) == sorted(
        f["rule_id"] for f in saved.json()["findings"] if f["kind"] == "violation"
    )


def test_a_file_changed_on_disk_is_not_overwritten_without_asking(served: Served, api: httpx.Client) -> None:
    path = served.cases / "conflict.json"
    path.write_bytes(serialize(SCHEMA, seed()))
    opened = api.get("/api/case", params={"name": "conflict.json"}).json()
    other = seed()
    other["title"] = "別の人が書き換えた件名"
    path.write_bytes(serialize(SCHEMA, other))  # someone else saves meanwhile
    mine = opened["case"]
    mine["title"] = "この画面の件名"
    answer = api.post(
        "/api/save", json={"name": "conflict.json", "case": mine, "base_sha256": opened["sha256"]}
    )
    assert answer.status_code == 409
    body = answer.json()
    assert '-  "title": "別の人が書き換えた件名"' in body["diff"]
    assert '+  "title": "この画面の件名"' in body["diff"]
    assert "別の人" in path.read_text(encoding="utf-8")  # untouched
    again = api.post(
        "/api/save", json={"name": "conflict.json", "case": mine, "base_sha256": body["disk_sha256"]}
    )
    assert again.status_code == 200
    assert "この画面の件名" in path.read_text(encoding="utf-8")


def test_a_new_case_never_replaces_a_file_that_appeared(served: Served, api: httpx.Client) -> None:
    path = served.cases / "appeared.json"
    path.write_text("{}", encoding="utf-8")
    answer = api.post("/api/save", json={"name": "appeared.json", "case": seed(), "base_sha256": None})
    assert answer.status_code == 409
    assert path.read_text(encoding="utf-8") == "{}"


def test_the_page_and_check_agree_on_every_variant(served: Served, api: httpx.Client, tmp_path: Path) -> None:
    """The page's verdict on each variant equals `casegate check` on the bytes it would save."""
    folder = tmp_path / "variants"
    folder.mkdir()
    shown: dict[str, str] = {}
    for variant in sorted((REPO / "tests" / "variants").glob("*.json")):
        case = json.loads(variant.read_text(encoding="utf-8"))
        judged = api.post("/api/check", json={"case": case}).json()
        (folder / variant.name).write_bytes(judged["text"].encode("utf-8"))
        shown[variant.name] = judged["verdict"]
    env = dict(os.environ, CASEGATE_OPA=str(REPO / ".tools" / "bin" / "opa"))
    done = subprocess.run(
        [str(CASEGATE), "check", "--as-of", AS_OF, "--format", "json", str(folder)],
        cwd=served.repo,
        env=env,
        capture_output=True,
    )
    checked = {Path(c["path"]).name: c["verdict"] for c in json.loads(done.stdout)["cases"]}
    assert checked == shown
    assert "fail" in shown.values()


# --- the bytes ----------------------------------------------------------------------------------------


def test_saving_changes_nothing_but_the_layout_and_is_stable() -> None:
    """The seed keeps every value; a file already in the schema's layout is kept byte for byte."""
    raw = (REPO / "cases" / SEED_NAME).read_bytes()
    once = serialize(SCHEMA, json.loads(raw))
    assert json.loads(once) == json.loads(raw)
    assert serialize(SCHEMA, json.loads(once)) == once


def test_keys_come_out_in_the_schemas_order_and_unknown_keys_are_kept() -> None:
    case = seed()
    shuffled = dict(reversed(list(case.items())))
    shuffled["zz_unknown"] = "kept"
    text = serialize(SCHEMA, shuffled).decode("utf-8")
    assert text.startswith('{\n  "$schema": "../schemas/case.schema.json",\n  "schema_version"')
    assert text.rstrip().endswith('"zz_unknown": "kept"\n}')


# --- the server's life ----------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    done = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    return [int(line) for line in done.stdout.split()]


@pytest.mark.parametrize("stop_signal", ["SIGTERM", "SIGINT"])
def test_stopping_the_server_stops_its_opa(tmp_path: Path, stop_signal: str) -> None:
    import signal

    repo = make_repo(tmp_path)
    server = start(repo, "--lang", "en", str(repo / "cases"))
    try:
        meta = httpx.get(f"{server.base}/api/meta", headers={"X-Casegate-Token": server.token}).json()
        assert meta["lang"] == "en"  # the page speaks the language of --lang
        opa = [
            pid for pid in _children(server.process.pid) if "opa" in Path(f"/proc/{pid}/cmdline").read_text()
        ]
        assert len(opa) == 1
        server.process.send_signal(getattr(signal, stop_signal))
        assert server.process.wait(timeout=15) == 0
        with pytest.raises(ProcessLookupError):
            os.kill(opa[0], 0)
    finally:
        server.stop()


def test_a_busy_port_is_a_clear_error(tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = dict(os.environ, CASEGATE_OPA=str(REPO / ".tools" / "bin" / "opa"))
        done = subprocess.run(
            [str(CASEGATE), "serve", "--no-browser", "--port", str(port)],
            cwd=make_repo(tmp_path),
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2
    assert str(port) in done.stderr and "ポート" in done.stderr


def test_the_browsers_one_time_ticket_opens_the_page_once() -> None:
    """webbrowser.open puts its URL on a command line other users can read: it carries a ticket."""
    import asyncio

    from starlette.applications import Starlette
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    from casegate.serve.guard import TokenGuard

    async def hello(request: object) -> PlainTextResponse:
        return PlainTextResponse("inside")

    guard = TokenGuard(Starlette(routes=[Route("/", hello)]), "the-token", 8000, ticket="the-ticket")

    def client() -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=httpx.ASGITransport(app=guard), base_url="http://127.0.0.1:8000")

    async def scenario() -> None:
        async with client() as owner:
            first = await owner.get("/?ticket=the-ticket&case=a.json")
            assert first.status_code == 303
            assert first.headers["location"] == "/?token=the-token&case=a.json"
            assert (await owner.get(first.headers["location"])).text == "inside"
        async with client() as stranger:
            assert (await stranger.get("/?ticket=the-ticket")).status_code == 403  # used: worth nothing
            assert (await stranger.get("/")).status_code == 403
            assert (await stranger.get("/?token=")).status_code == 403

    asyncio.run(scenario())


def test_a_japanese_file_name_can_be_saved_listed_and_opened(served: Served, api: httpx.Client) -> None:
    name = "令和8年度/テープ反訳.json"
    saved = api.post("/api/save", json={"name": name, "case": seed(), "base_sha256": None})
    assert saved.status_code == 200
    assert (served.cases / "令和8年度" / "テープ反訳.json").read_bytes() == serialize(SCHEMA, seed())
    assert name in api.get("/api/cases").json()["cases"]
    assert api.get("/api/case", params={"name": name}).json()["sha256"] == saved.json()["sha256"]


def test_without_the_serve_extra_the_command_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    """The hook environment has the core only: casegate imports, serve explains, check still works."""
    import builtins

    from click.testing import CliRunner

    from casegate.commands.main import main

    real_import = builtins.__import__

    def core_only(name: str, *args: object, **kwargs: object) -> object:
        if name.split(".")[0] in ("starlette", "uvicorn", "jinja2"):
            raise ImportError(f"No module named {name!r}", name=name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", core_only)
    result = CliRunner().invoke(main, ["serve", "--no-browser"])
    assert result.exit_code == 2
    assert "pip install 'casegate[serve]'" in result.output
