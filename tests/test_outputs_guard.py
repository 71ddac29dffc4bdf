"""Never lose a user's work: -o over an input, over a file someone else wrote or edited,
permissions of new files, atomic writes that leave no temporary file behind, and model
answers without choices (exit 3, not an internal error)."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from fake_openai_server import Reply, serve

from drafter.errors import LLMError, OutputError
from drafter.outputs import guard_output, record_path, written_state
from drafter.textio import write_atomic

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "minggao-2020"


def run(*args: str, cwd: Path | None = None, umask: int = 0o022) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "drafter.cli", *args],
        capture_output=True, text=True, cwd=cwd, timeout=120, preexec_fn=lambda: os.umask(umask) and None,
    )


@pytest.fixture
def work(tmp_path: Path) -> Path:
    for name in ("data.yaml", "notes.md"):
        shutil.copy(EXAMPLE / name, tmp_path / name)
    return tmp_path


def test_output_naming_an_input_is_refused_even_with_force(work: Path) -> None:
    data = work / "data.json"
    r = run("check-data", str(work / "data.yaml"), "--json")
    data.write_text(json.dumps(json.loads(r.stdout)["report"] | {"year": 2020, "level": "township"}), encoding="utf-8")
    before = data.read_bytes()
    for command in ("draft", "render"):
        for force in ((), ("--force",)):
            r = run(command, str(data), "-o", str(data), *force)
            assert r.returncode == 2 and "输入文件" in r.stderr and "内部错误" not in r.stderr, r.stderr
            assert data.read_bytes() == before
    notes = work / "notes.md"
    before = notes.read_bytes()
    r = run("render", str(work / "data.yaml"), "-o", "./notes.md", "--force", cwd=work)  # the notes found beside the data
    assert r.returncode == 2 and "输入文件" in r.stderr
    assert notes.read_bytes() == before


def test_a_file_drafter_wrote_is_replaced_an_edited_one_is_kept(work: Path) -> None:
    out = work / "report.docx"
    assert run("render", str(work / "data.yaml"), "-o", str(out)).returncode == 0
    assert written_state(out) == "ours" and record_path(out).is_file()
    assert run("render", str(work / "data.yaml"), "-o", str(out)).returncode == 0  # untouched: replaced
    edited = out.read_bytes() + b"reviewer"
    out.write_bytes(edited)
    r = run("draft", str(work / "data.yaml"), "-o", str(out))
    assert r.returncode == 2 and "--force" in r.stderr and "修改过" in r.stderr, r.stderr
    assert out.read_bytes() == edited
    r = run("render", str(work / "data.yaml"), "-o", str(out), "--force")
    assert r.returncode == 0 and out.read_bytes() != edited and written_state(out) == "ours"


def test_a_file_drafter_did_not_write_is_kept(work: Path) -> None:
    out = work / "报告.html"
    out.write_text("<p>审核人写的稿子</p>", encoding="utf-8")
    r = run("render", str(work / "data.yaml"), "-o", str(out))
    assert r.returncode == 2 and "不是 drafter 写出的" in r.stderr and "--force" in r.stderr
    assert out.read_text(encoding="utf-8") == "<p>审核人写的稿子</p>"
    record_path(out).write_text("{not json", encoding="utf-8")  # a broken record proves nothing
    assert run("render", str(work / "data.yaml"), "-o", str(out)).returncode == 2


def test_a_folder_or_a_fifo_at_the_output_path(work: Path) -> None:
    (work / "out.md").mkdir()
    with pytest.raises(OutputError, match="文件夹"):
        guard_output(work / "out.md", [], force=True)
    os.mkfifo(work / "pipe.md")
    with pytest.raises(OutputError, match="不是普通文件"):
        guard_output(work / "pipe.md", [], force=False)


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_outputs_follow_the_users_umask(work: Path, umask: int, mode: int) -> None:
    out = work / "report.md"
    assert run("render", str(work / "data.yaml"), "-o", str(out), umask=umask).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == mode
    assert run("init", "某镇人民政府", "--year", "2023", "-o", str(work / "new"), umask=umask).returncode == 0
    assert stat.S_IMODE((work / "new" / "data.yaml").stat().st_mode) == mode


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new" and stat.S_IMODE(target.stat().st_mode) == 0o640


def test_temporary_files_of_a_killed_run_are_removed(tmp_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".report.md.{dead.pid}.x1y2.tmp"
    stale.write_text("half", encoding="utf-8")
    legacy = tmp_path / ".report.md.ab12cd34.tmp"
    legacy.write_text("half", encoding="utf-8")
    live = tmp_path / f".report.md.{os.getppid()}.zz.tmp"  # a writer still running
    live.write_text("busy", encoding="utf-8")
    other = tmp_path / f".other.md.{dead.pid}.q.tmp"
    other.write_text("not ours", encoding="utf-8")
    write_atomic(tmp_path / "report.md", "全文")
    assert not stale.exists() and not legacy.exists()
    assert live.exists() and other.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".report.md")) == [live.name]


def test_a_write_that_fails_is_an_output_error_and_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OutputError, match="磁盘空间不足"):
        write_atomic(tmp_path / "r.md", "x")
    assert list(tmp_path.iterdir()) == []


def test_a_killed_writer_leaves_the_old_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "r.md"
    target.write_text("旧稿", encoding="utf-8")
    code = (
        "import os, sys\n"
        "from drafter import textio\n"
        "real = os.replace\n"
        "def die(a, b):\n    os._exit(9)\n"
        "os.replace = die\n"
        f"textio.write_atomic({str(target)!r}, '新稿' * 1000)\n"
    )
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 9
    assert target.read_text(encoding="utf-8") == "旧稿"
    assert len(list(tmp_path.iterdir())) == 2  # the temporary file of the killed run
    write_atomic(target, "新稿")
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]


NO_CHOICES = (
    {"id": "x", "object": "chat.completion", "created": 1, "model": "m", "choices": []},
    {"id": "x", "object": "chat.completion", "created": 1, "model": "m", "choices": None},
    {"id": "x", "object": "chat.completion", "created": 1, "model": "m", "choices": [{"index": 0, "finish_reason": "stop"}]},
)


@pytest.mark.parametrize("body", NO_CHOICES)
@pytest.mark.parametrize("method", ["json_mode", "function_calling", "none"])
def test_an_answer_without_choices_is_a_model_error(body: dict[str, object], method: str) -> None:
    from drafter.drafting import EndpointConfig, LLMBackend

    with serve() as server:
        server.push(Reply(200, body))
        config = EndpointConfig(
            base_url=server.base_url, model="m", api_key="k", structured_output=method, timeout=3, max_retries=0
        )
        with pytest.raises(LLMError, match="没有模型的答案"):
            asyncio.run(LLMBackend.from_endpoint(config).ask([("system", "规则"), ("user", "章节编号：s6_other")]))


def test_draft_against_an_endpoint_without_choices_never_ends_in_an_internal_error(work: Path) -> None:
    with serve() as server:
        server.default = Reply(200, NO_CHOICES[0])
        r = run("draft", str(work / "data.yaml"), "-o", str(work / "r.md"), "--backend", "openai",
                "--base-url", server.base_url, "--model", "m", "--timeout", "3")
    assert r.returncode in (0, 1, 3) and "内部错误" not in r.stderr and "Traceback" not in r.stderr, r.stderr
