"""`drafter review` as a clerk starts it: the URL printed, the page behind it, --open, and
clear refusals for a folder without drafts or a port in use."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from review_support import make_draft
from typer.testing import CliRunner

from drafter.cli import app

CLI = [sys.executable, "-c", "from drafter.cli import main; main()"]


def start(args: list[str], env: dict[str, str] | None = None) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen([*CLI, "review", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})})
    assert proc.stdout is not None
    line = proc.stdout.readline()
    return proc, line


def stop(proc: subprocess.Popen[str]) -> None:
    proc.terminate()
    proc.wait(timeout=10)


def test_the_printed_url_opens_the_page(tmp_path: Path) -> None:
    folder = make_draft(tmp_path / "清水镇")
    proc, line = start([str(folder)])
    try:
        assert "审核页面已启动" in line and "http://127.0.0.1:" in line
        url = line[line.index("http://"):].strip()
        with httpx.Client(timeout=10, trust_env=False) as client:
            page = client.get(url, follow_redirects=True)
            assert page.status_code == 200 and "河阳县清水镇人民政府" in page.text
            assert client.get(url.split("?")[0]).status_code == 200  # the cookie set by the first visit
        assert httpx.get(url.split("?")[0], timeout=10, trust_env=False).status_code == 403  # no token, no page
    finally:
        stop(proc)


def test_open_starts_the_browser_on_the_url(tmp_path: Path) -> None:
    folder = make_draft(tmp_path / "draft")
    seen = tmp_path / "opened.txt"
    fake = tmp_path / "fake_browser.py"
    fake.write_text(f"import sys, pathlib\npathlib.Path({str(seen)!r}).write_text(sys.argv[1])\n", "utf-8")
    proc, line = start([str(folder), "--open"], env={"BROWSER": f"{sys.executable} {fake} %s"})
    try:
        for _ in range(100):
            if seen.exists() and seen.read_text():
                break
            time.sleep(0.1)
        assert seen.read_text() == line[line.index("http://"):].strip()
    finally:
        stop(proc)


def test_a_given_port_is_used_and_a_busy_one_refused(tmp_path: Path) -> None:
    folder = make_draft(tmp_path / "draft")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = CliRunner().invoke(app, ["review", str(folder), "--port", str(port)])
        assert result.exit_code == 2 and f"端口 {port} 已被占用" in result.output


@pytest.mark.parametrize("kind", ["missing", "empty", "file"])
def test_a_folder_without_drafts_is_a_clear_error(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "nothing"
    if kind == "empty":
        target.mkdir()
    elif kind == "file":
        target.write_text("x", "utf-8")
    result = CliRunner().invoke(app, ["review", str(target)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert str(target) in result.output
    assert {"missing": "不存在", "empty": "没有草稿", "file": "不是文件夹"}[kind] in result.output


def test_a_folder_drafter_draft_wrote_is_reviewed_end_to_end(tmp_path: Path) -> None:
    """draft -o folder/report.json → review → save → approve → report.docx on disk, without errors."""
    import json

    from starlette.testclient import TestClient

    from drafter.review.app import create_app
    from drafter.validate import check_file

    example = Path(__file__).resolve().parent.parent / "examples" / "township-2023"
    folder = tmp_path / "清水镇"
    drafted = CliRunner().invoke(app, ["draft", str(example / "data.yaml"), "-o", str(folder / "report.json")])
    assert drafted.exit_code == 0, drafted.output
    assert not (folder / "report.docx").exists()
    c = TestClient(create_app(folder, token="t", port=9000), base_url="http://127.0.0.1:9000")
    c.get("/?token=t")
    href = "/body/%E6%B8%85%E6%B0%B4%E9%95%87"
    docx = c.get(f"{href}/file/report.docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"  # rendered from the draft for download
    page = c.get(href).text
    digest = page.split('"digest": "')[1].split('"')[0]
    h = {"x-drafter-token": "t", "content-type": "application/json"}
    saved = c.post(f"/api/body/{href[6:]}/save", headers=h, content=json.dumps(
        {"version": 0, "digest": digest, "sections": {"s6_other": "本年度未收取信息处理费。无其他需要报告的事项。"}}))
    assert saved.status_code == 200, saved.text
    approved = c.post(f"/api/body/{href[6:]}/decide", headers=h, content=json.dumps(
        {"action": "approve", "version": 1, "digest": saved.json()["digest"], "reviewer": "王芳"}))
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    result = check_file(folder / "report.docx", data_path=example / "data.yaml")
    assert not result.has_errors and "无其他需要报告的事项" in result.texts["s6_other"]
