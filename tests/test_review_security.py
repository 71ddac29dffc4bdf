"""The review page's guards: served address only, per-run token, ids and file names that
cannot leave DIR, everything shown escaped, bounded request bodies."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from review_support import draft_report, make_batch, make_draft, write_draft
from starlette.testclient import TestClient

from drafter.review.app import create_app
from drafter.review.command import HOST, ReviewServer
from drafter.review.security import MAX_BODY

PORT = 8123
TOKEN = "run-token-for-tests"
BASE = f"http://127.0.0.1:{PORT}"
HOSTILE = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def batch_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = make_batch(tmp_path_factory.mktemp("batch") / "out")
    report = draft_report("township-2023")
    report.narrative.sections["s6_other"].paragraphs[0].text = f"素材里有{HOSTILE}和<b>粗体</b>。"
    write_draft(out / "hostile", report)
    # an organization name the data loader would refuse, typed into report.json by hand
    raw = json.loads((out / "hostile" / "report.json").read_text("utf-8"))
    raw["data"]["organization"] = f"河阳县{HOSTILE}镇人民政府"
    (out / "hostile-org").mkdir()
    (out / "hostile-org" / "report.json").write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
    return out


@pytest.fixture
def batch(batch_template: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(batch_template, tmp_path / "out", symlinks=True))


def client(root: Path, base: str = BASE, login: bool = True) -> TestClient:
    c = TestClient(create_app(root, token=TOKEN, port=PORT), base_url=base)
    if login:
        assert c.get(f"/?token={TOKEN}").status_code == 200
    return c


def post(c: TestClient, path: str, payload: dict, **headers: str) -> object:
    return c.post(path, content=json.dumps(payload), headers={"content-type": "application/json", **headers})


def test_the_server_binds_to_127_0_0_1_only(batch: Path) -> None:
    server = ReviewServer(batch)
    try:
        assert HOST == "127.0.0.1"
        assert server.socket.getsockname()[0] == "127.0.0.1"
        assert server.url.startswith(f"http://127.0.0.1:{server.port}/?token=") and server.token in server.url
    finally:
        server.socket.close()


def test_another_host_name_is_refused(batch: Path) -> None:
    c = client(batch)
    for host in ("evil.example", f"evil.example:{PORT}", "127.0.0.1:9999", f"127.0.0.1.nip.io:{PORT}"):
        r = c.get("/", headers={"host": host})
        assert r.status_code == 403 and "127.0.0.1" in r.text
    assert c.get("/", headers={"host": f"localhost:{PORT}"}).status_code == 200


def test_a_cross_site_post_is_refused(batch: Path) -> None:
    c = client(batch)
    payload = {"sections": {"s6_other": "x"}}
    for headers in ({"origin": "http://evil.example"}, {"origin": "null"}, {"origin": f"http://127.0.0.1:{PORT + 1}"},
                    {"sec-fetch-site": "cross-site"}, {"sec-fetch-site": "same-site"}):
        r = post(c, "/api/body/qingshui/check", payload, **{"x-drafter-token": TOKEN, **headers})
        assert r.status_code == 403, headers
    ok = post(c, "/api/body/qingshui/check", payload, **{"x-drafter-token": TOKEN, "origin": BASE})
    assert ok.status_code == 200


def test_state_changes_need_the_token(batch: Path) -> None:
    c = client(batch)  # logged in: the cookie alone is not enough for a POST
    before = (batch / "qingshui" / "report.json").read_bytes()
    payload = {"version": 0, "digest": "x", "sections": {"s6_other": "改写"}}
    assert post(c, "/api/body/qingshui/save", payload).status_code == 403
    assert post(c, "/api/body/qingshui/save", payload, **{"x-drafter-token": "wrong"}).status_code == 403
    assert post(c, "/api/body/qingshui/decide", {"action": "approve"}, **{"x-drafter-token": ""}).status_code == 403
    assert (batch / "qingshui" / "report.json").read_bytes() == before


def test_pages_need_the_token_from_the_url(batch: Path) -> None:
    c = client(batch, login=False)
    assert c.get("/").status_code == 403
    assert c.get("/body/qingshui").status_code == 403
    assert c.get("/?token=guess").status_code == 403
    r = c.get(f"/body/qingshui?token={TOKEN}", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/body/qingshui"
    assert "httponly" in r.headers["set-cookie"].lower() and "samesite=strict" in r.headers["set-cookie"].lower()
    assert c.get("/body/qingshui").status_code == 200


@pytest.fixture(scope="module")
def served(batch_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReviewServer]:
    """A real server (raw request paths reach it as sent, without a client's normalising)."""
    root = Path(shutil.copytree(batch_template, tmp_path_factory.mktemp("served") / "out"))
    outside = make_draft(tmp_path_factory.mktemp("elsewhere") / "secret")
    (root / "linked").symlink_to(outside, target_is_directory=True)
    server = ReviewServer(root).start()
    yield server
    server.stop()


def raw_get(server: ReviewServer, path: str) -> tuple[int, str]:
    import http.client

    con = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        con.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
        con.putheader("Host", f"127.0.0.1:{server.port}")
        con.putheader("Cookie", f"drafter_review_{server.port}={server.token}")
        con.endheaders()
        r = con.getresponse()
        return r.status, r.read().decode("utf-8", "replace")
    finally:
        con.close()


def test_the_real_server_answers_a_listed_body(served: ReviewServer) -> None:
    status, text = raw_get(served, "/body/qingshui")
    assert status == 200 and "河阳县清水镇人民政府" in text


@pytest.mark.parametrize("path", [
    "/body/..", "/body/%2e%2e", "/body/%2E%2E/", "/body/..%2fqingshui", "/body/%2fetc%2fpasswd", "/body/%00",
    "/body/../qingshui", "/body/qingshui/../../etc/passwd", "/body//etc/passwd",
    "/body/qingshui/file/..%2f..%2fqingshui%2freport.json", "/body/qingshui/file/%2fetc%2fpasswd",
    "/body/qingshui/file/notes.md", "/body/qingshui/file/review.json", "/body/qingshui/file/..",
    "/body/qingshui/file/../../../pyproject.toml", "/body/%252e%252e/file/report.json",
    "/body/linked", "/body/linked/file/report.json", "/body/qingshui/file/report.docx%00",
    "/static/../../pyproject.toml", "/static/..%2f..%2fpyproject.toml", "/static/%2e%2e/%2e%2e/review/body.html.j2",
    "/static//etc/passwd",
])
def test_ids_and_file_names_cannot_reach_outside_dir(served: ReviewServer, path: str) -> None:
    status, text = raw_get(served, path)
    assert status in (400, 404), (path, status)
    assert "drafter-report" not in text and "[project]" not in text and "root:" not in text


def test_a_symlinked_rendered_file_is_not_served(batch: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.html"
    secret.write_text("机密内容", "utf-8")
    (batch / "qingshui" / "report.html").unlink()
    (batch / "qingshui" / "report.html").symlink_to(secret)
    r = client(batch).get("/body/qingshui/file/report.html")
    assert r.status_code == 404 and "机密" not in r.text
    ok = client(batch).get("/body/qingshui/file/report.docx")
    assert ok.status_code == 200 and ok.content[:2] == b"PK" and "attachment" in ok.headers["content-disposition"]


def test_everything_shown_is_escaped(batch: Path) -> None:
    c = client(batch)
    for path in ("/", "/body/hostile", "/body/hostile-org"):
        r = c.get(path)
        assert r.status_code in (200, 422)
        assert HOSTILE not in r.text or r.headers["content-type"].startswith("text/plain")
        assert "<b>粗体</b>" not in r.text
        assert "script-src 'self'" in r.headers["content-security-policy"]
    assert "河阳县&lt;script&gt;alert(1)&lt;/script&gt;镇人民政府" in c.get("/").text
    assert "\\u003cscript\\u003ealert(1)" in c.get("/body/hostile").text
    page = c.get("/body/hostile").text
    assert page.count("<script") == 2  # the JSON data block and the package's own review.js


def test_the_served_html_report_is_sandboxed(batch: Path) -> None:
    r = client(batch).get("/body/hostile/file/report.html")
    assert r.status_code == 200 and "sandbox" in r.headers["content-security-policy"]
    assert HOSTILE not in r.text


def test_request_bodies_have_a_size_limit(batch: Path) -> None:
    c = client(batch)
    big = {"sections": {"s6_other": "字" * (MAX_BODY // 2)}}
    r = post(c, "/api/body/qingshui/check", big, **{"x-drafter-token": TOKEN})
    assert r.status_code == 413 and "过大" in r.text

    def chunks():  # no Content-Length: the limit is counted as the body arrives
        for _ in range(MAX_BODY // 50_000 + 2):
            yield b"a" * 50_000

    r = c.post("/api/body/qingshui/save", content=chunks(), headers={"x-drafter-token": TOKEN})
    assert r.status_code == 413


def test_bad_json_and_bad_fields_are_clear_errors(batch: Path) -> None:
    c = client(batch)
    h = {"x-drafter-token": TOKEN, "content-type": "application/json"}
    assert c.post("/api/body/qingshui/save", content=b"{not json", headers=h).status_code == 400
    assert post(c, "/api/body/qingshui/save", {"version": "0", "digest": 1}, **h).status_code == 400
    r = post(c, "/api/body/qingshui/save", {"version": 0, "digest": "x", "sections": {"s6_other": "改"}}, **h)
    assert r.status_code == 409 and "刷新页面" in r.json()["message"]


def test_a_folder_with_a_chinese_name_opens_and_saves(batch: Path) -> None:
    (batch / "qingshui").rename(batch / "清水镇")
    c = client(batch)
    href = "/body/%E6%B8%85%E6%B0%B4%E9%95%87"
    assert href in c.get("/").text
    page = c.get(href)
    assert page.status_code == 200
    digest = page.text.split('"digest": "')[1].split('"')[0]
    r = post(c, f"/api/body/{href.rsplit('/', 1)[1]}/save",
             {"version": 0, "digest": digest, "sections": {"s6_other": "本年度未收取信息处理费。无其他事项。"}}, **{"x-drafter-token": TOKEN})
    assert r.status_code == 200 and r.json()["version"] == 1


def test_the_login_redirect_cannot_carry_injected_headers(served: ReviewServer) -> None:
    import http.client

    con = http.client.HTTPConnection("127.0.0.1", served.port, timeout=10)
    try:
        con.putrequest("GET", f"/body/x%0d%0aSet-Cookie:%20planted=1?token={served.token}", skip_host=True)
        con.putheader("Host", f"127.0.0.1:{served.port}")
        con.endheaders()
        r = con.getresponse()
        r.read()
        assert r.status == 303
        assert "\r" not in r.getheader("location", "") and "%0D%0A" in r.getheader("location", "").upper()
        assert all("planted" not in v for v in r.headers.get_all("set-cookie") or [])
    finally:
        con.close()
