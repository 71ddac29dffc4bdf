"""Faults during a batch: the endpoint down for the first part of the batch, the process
killed (SIGKILL) or interrupted (Ctrl-C) while writing, a read-only output folder, a full
disk. In every case: the batch ends with a clear Chinese message, no body is marked done
without its files, and a re-run completes the rest without redoing finished bodies."""

from __future__ import annotations

import errno
import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from batch_support import drafter, make_county, rows
from fake_openai_server import FakeOpenAI, Reply, paragraphs_json, serve

import drafter.batch.outputs as outputs

S1 = paragraphs_json(
    "本年度坚持以公开为常态、不公开为例外，扎实推进政府信息公开工作。",
    "全年新收政府信息公开申请【F:requests.new_received.total】件，办结【F:requests.total_processed.total】件。",
)
S5 = paragraphs_json("一是政策解读形式比较单一。", "下一步将丰富政策解读形式，增加图解解读。")
S6 = paragraphs_json("本年度未收取信息处理费。")


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    with serve() as server:
        server.script("s1_overview", S1)
        server.script("s5_problems", S5)
        server.script("s6_other", S6)
        yield server


def endpoint(server: FakeOpenAI) -> None:
    config = Path(os.environ["DRAFTER_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    (config / "config.yaml").write_text(
        f"default_endpoint: fake\nendpoints:\n  fake:\n    base_url: {server.base_url}\n    model: fake-model\n"
        "    api_key: sk-test\n    timeout: 5\n    max_retries: 0\n",
        "utf-8",
    )


def sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def consistent(out: Path) -> dict[str, dict]:
    """No body is marked done without its three files, and report.json is what was recorded."""
    manifest = rows(out)
    for key, row in manifest.items():
        if row["status"] in ("done", "review"):
            for name in ("report.json", "report.docx", "report.html"):
                assert (out / key / name).is_file(), (key, name)
            assert sha(out / key / "report.json") == row["report_hash"]
    return manifest


def test_openai_backend_drafts_every_body_within_the_request_limit(tmp_path: Path, fake_openai: FakeOpenAI) -> None:
    endpoint(fake_openai)
    county = make_county(tmp_path, 5)
    out = tmp_path / "out"
    result = drafter("batch", county, "-o", out, "--concurrency", "2")
    calls = len(fake_openai.requests)  # three sections a body, and the repairs the completeness gate asks for
    assert result.exit_code in (0, 1), result.output
    assert calls >= 15 and f"模型请求 {calls} 次" in result.output
    manifest = consistent(out)
    assert {r["status"] for r in manifest.values()} <= {"done", "review"}
    assert sum(r["model_calls"] for r in manifest.values()) == calls and all(r["model_calls"] >= 3 for r in manifest.values())
    assert '"model": "fake-model"' in manifest[sorted(manifest)[0]]["model"]
    again = drafter("batch", county, "-o", out)
    assert "无变化跳过 5" in again.output and len(fake_openai.requests) == calls
    # another model is another draft
    third = drafter("batch", county, "-o", out, "--model", "other-model")
    assert "本次起草 5 个" in third.output


def test_endpoint_down_for_the_first_part_then_back(tmp_path: Path, fake_openai: FakeOpenAI) -> None:
    endpoint(fake_openai)
    county = make_county(tmp_path, 8)
    fake_openai.push(*[Reply(503, {"error": {"message": "overloaded"}}) for _ in range(3)])
    out = tmp_path / "out"
    first = drafter("batch", county, "-o", out, "--concurrency", "1")
    assert first.exit_code == 3, first.output
    assert "重新运行同一命令时只重试失败" in first.output
    manifest = consistent(out)
    failed = {k for k, r in manifest.items() if r["status"] == "failed"}
    done = {k: r["report_hash"] for k, r in manifest.items() if r["status"] in ("done", "review")}
    assert failed and done and len(failed) + len(done) == 8
    assert all("503" in manifest[k]["message"] for k in failed)
    assert all(not (out / k / "report.json").exists() for k in failed)

    second = drafter("batch", county, "-o", out)
    assert second.exit_code in (0, 1), second.output
    after = consistent(out)
    assert {r["status"] for r in after.values()} <= {"done", "review"}
    assert {k: after[k]["report_hash"] for k in done} == done  # finished bodies were not redone
    assert f"无变化跳过 {len(done)}" in second.output


def _start(county: Path, out: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    return subprocess.Popen(
        [sys.executable, "-m", "drafter.cli", "batch", str(county), "-o", str(out), "--backend", "offline"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )


def _wait_done(out: Path, n: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            con = sqlite3.connect(out / "manifest.sqlite", timeout=1)
            count = con.execute("SELECT count(*) FROM bodies WHERE status = 'done'").fetchone()[0]
            con.close()
            if count >= n:
                return
        except sqlite3.Error:
            pass
        time.sleep(0.05)


@pytest.mark.parametrize("how", ["kill", "interrupt"])
def test_killed_or_interrupted_then_resumed(tmp_path: Path, how: str) -> None:
    county = make_county(tmp_path, 14)
    out = tmp_path / "out"
    proc = _start(county, out)
    _wait_done(out, 3, proc)
    assert proc.poll() is None, "the batch finished before it could be stopped"
    proc.send_signal(signal.SIGKILL if how == "kill" else signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    if how == "kill":
        assert proc.returncode == -signal.SIGKILL
    else:
        assert proc.returncode == 130 and "已中断" in err.decode("utf-8")
        summary = (out / "summary.csv").read_text("utf-8-sig").splitlines()
        assert len(summary) == 15  # every body has its row, those not started too
    before = consistent(out)
    done = {k: r["report_hash"] for k, r in before.items() if r["status"] == "done"}
    assert 3 <= len(done) < 14

    result = drafter("batch", county, "-o", out)
    assert result.exit_code == 0, result.output
    after = consistent(out)
    assert len(after) == 14 and {r["status"] for r in after.values()} == {"done"}
    assert {k: after[k]["report_hash"] for k in done} == done
    assert not list(out.glob("*/.report.*.tmp"))


FAIL = {"code": 0, "after": 0}
REAL_WRITE = outputs.write_folder


def failing_write(folder: str, payload: bytes) -> dict[str, str]:
    """write_folder that fails like a full disk or a read-only folder after FAIL["after"] bodies,
    leaving a half-written temporary file behind as a real failure would (module level: the
    render processes look it up by name)."""
    marker = Path(folder).parent / ".writes"
    with open(marker, "a") as fh:
        fh.write("x")
    if len(marker.read_text()) > FAIL["after"]:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / ".report.docx.half.tmp").write_bytes(b"PK\x03\x04 half")
        raise OSError(FAIL["code"], os.strerror(FAIL["code"]))
    return REAL_WRITE(folder, payload)


@pytest.mark.parametrize(("code", "words"), [(errno.ENOSPC, "磁盘空间不足"), (errno.EROFS, "没有写入权限")])
def test_disk_full_or_read_only_stops_with_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, words: str
) -> None:
    county = make_county(tmp_path, 6)
    out = tmp_path / "out"
    monkeypatch.setitem(FAIL, "code", code)
    monkeypatch.setitem(FAIL, "after", 2)
    monkeypatch.setattr(outputs, "write_folder", failing_write)
    result = drafter("batch", county, "-o", out, "--concurrency", "1")
    assert result.exit_code == 2, result.output
    assert words in result.output and "Traceback" not in result.output
    manifest = consistent(out)
    assert sum(r["status"] == "done" for r in manifest.values()) <= 2
    assert any(r["status"] == "failed" and words in r["message"] for r in manifest.values())

    monkeypatch.undo()
    again = drafter("batch", county, "-o", out)
    assert again.exit_code == 0, again.output
    assert {r["status"] for r in consistent(out).values()} == {"done"}
    assert not list(out.glob("*/.report.*.tmp"))
    (out / ".writes").unlink()


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_output_folder_is_refused(tmp_path: Path) -> None:
    county = make_county(tmp_path, 1)
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        result = drafter("batch", county, "-o", out)
    finally:
        out.chmod(0o755)
    assert result.exit_code == 2 and "写入" in result.output
