"""`drafter draft`: offline by default, refuses broken tables, fails closed, never leaks the
key, and the Minggao example drafts offline into a report that `drafter check` passes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from drafting_support import EXAMPLES, as_json, example, good_answers
from fake_openai_server import FakeOpenAI, Reply, serve
from typer.testing import CliRunner

from drafter.cli import app

KEY = "sk-test-DO-NOT-LEAK-9393"


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    with serve() as server:
        yield server


MINGGAO = EXAMPLES / "minggao-2020"


def draft(*args: str | Path):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["draft", *map(str, args)])


def endpoint_args(server: FakeOpenAI) -> list[str]:
    return ["--backend", "openai", "--base-url", server.base_url, "--model", "fake-model", "--api-key", KEY]


def quiet_endpoint_config(**settings: object) -> None:
    """A config file with retries off, so failing endpoints fail fast in tests."""
    directory = Path(os.environ["DRAFTER_CONFIG_DIR"])
    directory.mkdir(parents=True, exist_ok=True)
    body = "".join(f"    {k}: {v}\n" for k, v in {"max_retries": 0, "timeout": 5, **settings}.items())
    (directory / "config.yaml").write_text(f"endpoints:\n  test:\n{body}", "utf-8")


def test_minggao_drafts_offline_and_passes_check(tmp_path: Path) -> None:
    out = tmp_path / "x.docx"
    result = draft(MINGGAO / "data.yaml", "--notes", MINGGAO / "notes.md", "-o", out)
    assert result.exit_code == 0, result.output
    assert "一、总体情况：离线撰写" in result.output and "已写入" in result.output
    checked = CliRunner().invoke(app, ["check", str(out), "--data", str(MINGGAO / "data.yaml")])
    assert checked.exit_code == 0, checked.output


@pytest.mark.parametrize("suffix", [".json", ".html", ".md", ".txt"])
def test_every_output_kind_offline(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"report{suffix}"
    result = draft(EXAMPLES / "township-2023" / "data.yaml", "-o", out)  # notes.md found beside the data
    assert result.exit_code == 0, result.output
    text = out.read_text("utf-8")
    assert "共新收政府信息公开申请6件" in text
    if suffix == ".json":
        report = json.loads(text)
        assert report["provenance"]["backend"] == "offline"
        assert {s["origin"] for s in report["narrative"]["sections"].values()} == {"offline"}
        assert report["findings"] == []


def test_broken_tables_are_refused_before_drafting(tmp_path: Path) -> None:
    data = tmp_path / "data.yaml"
    text = (
        (MINGGAO / "data.yaml")
        .read_text("utf-8")
        .replace("new_received: [0, 0, 0, 0, 0, 0, 0]", "new_received: [2, 0, 0, 0, 0, 0, 2]")
    )
    data.write_text(text, "utf-8")
    out = tmp_path / "x.docx"
    result = draft(data, "--notes", MINGGAO / "notes.md", "-o", out)
    assert result.exit_code == 1
    assert "数据文件有 2 个表格错误，没有起草" in result.output
    assert "[tables.requests.carried_forward.total] 表三“总计”列不平衡" in result.output and "相差 2" in result.output
    assert not out.exists()


def test_notes_that_contradict_the_table_fail_closed(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# 总体情况\n## 依申请公开\n- 上年结转的3件申请已办结\n# 存在的主要问题\n- 更新慢\n", "utf-8")
    out = tmp_path / "x.json"
    result = draft(EXAMPLES / "township-2023" / "data.yaml", "--notes", notes, "-o", out)
    assert result.exit_code == 1
    assert "还不能发布" in result.output and "错误需要改正" in result.output and "上年结转的3件" in result.output
    report = json.loads(out.read_text("utf-8"))  # written, but only with its review marks
    s1 = report["narrative"]["sections"]["s1_overview"]
    assert s1["needs_review"] is True and "本节文字与表格或素材不符" in s1["provenance"]["review_note"]
    assert any(f["rule"] == "text.contradiction" and f["severity"] == "error" for f in report["findings"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "x.pdf"], "扩展名"),
        (["-o", "x.docx", "--backend", "gpt"], "--backend"),
        (["-o", "x.docx", "--backend", "openai"], "DRAFTER_MODEL"),
    ],
)
def test_bad_options_exit_2_without_output(tmp_path: Path, args: list[str], message: str) -> None:
    os.chdir(tmp_path)
    result = draft(MINGGAO / "data.yaml", *args)
    assert result.exit_code == 2 and message in result.output
    assert not any(tmp_path.iterdir())


def test_llm_draft_with_fallback_is_marked_and_never_leaks_the_key(tmp_path: Path, fake_openai: FakeOpenAI) -> None:
    quiet_endpoint_config()
    data, notes = example("minggao-2020")
    good = good_answers(data, notes)
    fake_openai.script("s1_overview", as_json(["2020年，鸣皋镇共收到政府信息公开申请5件。"]))  # never stops
    fake_openai.script("s5_problems", good["s5_problems"])
    fake_openai.script("s6_other", good["s6_other"])
    outputs = [tmp_path / f"r{s}" for s in (".json", ".html", ".docx")]
    for out in outputs:
        result = draft(MINGGAO / "data.yaml", "--notes", MINGGAO / "notes.md", "-o", out, *endpoint_args(fake_openai))
        assert result.exit_code == 5, result.output  # checked, but a section fell back: needs review
        assert "一、总体情况：模型稿未通过核对，已改用依据素材和表格生成的文字（需人工核对）" in result.output
        assert "五、存在的主要问题及改进情况：模型起草，已通过核对" in result.output
        assert KEY not in result.output
    report = json.loads(outputs[0].read_text("utf-8"))
    s1, s5 = report["narrative"]["sections"]["s1_overview"], report["narrative"]["sections"]["s5_problems"]
    assert s1["origin"] == "fallback" and s1["needs_review"] and len(s1["provenance"]["attempts"]) == 3
    assert s5["origin"] == "llm" and s5["suggested"] and not s5["needs_review"]
    assert report["provenance"]["model"] == "fake-model" and report["provenance"]["backend"] == "openai"
    assert "draft-needs-review" in outputs[1].read_text("utf-8")
    with zipfile.ZipFile(outputs[2]) as docx:
        assert "需人工核对" in docx.read("word/comments.xml").decode("utf-8")
        assert 'w:highlight w:val="yellow"' in docx.read("word/document.xml").decode("utf-8")
    # the key reached the endpoint, and nowhere else
    assert fake_openai.requests[0].headers["authorization"] == f"Bearer {KEY}"
    cache_files = list(Path(os.environ["DRAFTER_CACHE_DIR"]).rglob("*.json"))
    assert cache_files
    for path in [*outputs, *cache_files]:
        assert KEY.encode() not in path.read_bytes(), path
    with zipfile.ZipFile(outputs[2]) as docx:
        assert all(KEY.encode() not in docx.read(n) for n in docx.namelist())


def test_second_run_is_answered_from_the_cache(tmp_path: Path, fake_openai: FakeOpenAI) -> None:
    quiet_endpoint_config()
    data, notes = example("minggao-2020")
    for sid, answer in good_answers(data, notes).items():
        fake_openai.script(sid, answer)
    args = [MINGGAO / "data.yaml", "--notes", MINGGAO / "notes.md", *endpoint_args(fake_openai)]
    assert draft(*args, "-o", tmp_path / "a.json").exit_code == 0
    assert len(fake_openai.requests) == 3
    fake_openai.by_section.clear()
    fake_openai.default = Reply(500, {"error": {"message": "must not be called"}})
    assert draft(*args, "-o", tmp_path / "b.json").exit_code == 0
    assert len(fake_openai.requests) == 3  # nothing new reached the endpoint
    b = json.loads((tmp_path / "b.json").read_text("utf-8"))
    assert all(s["provenance"]["cache_hit"] for s in b["narrative"]["sections"].values())
    result = draft(*args, "-o", tmp_path / "c.json", "--no-cache")
    assert result.exit_code == 3 and "HTTP 500" in result.output and not (tmp_path / "c.json").exists()


def test_wrong_key_exits_2_naming_the_setting(tmp_path: Path, fake_openai: FakeOpenAI) -> None:
    quiet_endpoint_config()
    fake_openai.default = Reply(401, {"error": {"message": f"Incorrect API key provided: {KEY}"}})
    out = tmp_path / "x.docx"
    result = draft(MINGGAO / "data.yaml", "--notes", MINGGAO / "notes.md", "-o", out, *endpoint_args(fake_openai))
    assert result.exit_code == 2
    assert "DRAFTER_API_KEY" in result.output and "401" in result.output and KEY not in result.output
    assert not out.exists()


def test_endpoint_from_environment_makes_openai_the_default(
    tmp_path: Path, fake_openai: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    quiet_endpoint_config()
    monkeypatch.setenv("DRAFTER_BASE_URL", fake_openai.base_url)
    monkeypatch.setenv("DRAFTER_MODEL", "env-model")
    data, notes = example("minggao-2020")
    for sid, answer in good_answers(data, notes).items():
        fake_openai.script(sid, answer)
    out = tmp_path / "x.json"
    assert draft(MINGGAO / "data.yaml", "-o", out).exit_code == 0
    assert json.loads(out.read_text("utf-8"))["provenance"]["model"] == "env-model"
    assert fake_openai.requests[0].body["model"] == "env-model"


@pytest.mark.parametrize("argv", [["--help"], ["draft", "--help"]])
def test_help_does_not_import_model_libraries(argv: list[str]) -> None:
    code = (
        "import sys\nfrom drafter.cli import app\n"
        f"try:\n    app({argv!r})\nexcept SystemExit:\n    pass\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('openai', 'langchain_core', 'langchain_openai', 'langchain'))\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True).stdout
    assert "HEAVY []" in out
    assert ("--max-repairs" if argv == ["draft", "--help"] else "draft") in out


def test_drafting_package_imports_light_and_exports_its_api() -> None:
    code = (
        "import sys, drafter.drafting as d\n"
        "missing = [n for n in d.__all__ if not hasattr(d, n)]\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('openai', 'langchain_core', 'langchain_openai'))\n"
        "print('MISSING', missing, 'HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True).stdout
    assert "MISSING [] HEAVY []" in out
