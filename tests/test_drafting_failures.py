"""When the model fails, as a clerk meets it: an endpoint that is down, one that wants
payment (402), one that refuses the request (400), one that is slow, one that drops required
content. Every message is Chinese and says what to do; every mark says what to check."""

from __future__ import annotations

import json
import re
import time
import zipfile
from collections import deque
from collections.abc import Iterator
from pathlib import Path

import pytest
from drafting_support import EXAMPLES, good_answers
from fake_openai_server import FakeOpenAI, Reply, serve
from typer.testing import CliRunner

from drafter.cli import app

TOWNSHIP = EXAMPLES / "township-2023"
# Words a clerk must never see in a message or mark: the model's instructions, the JSON
# format, English error text or a traceback.
FOR_THE_MODEL = ("【F:", "JSON", "paragraphs", "heading", "Traceback", "Error", "error code")


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    with serve() as server:
        yield server


def draft(server: FakeOpenAI, out: Path, *extra: str):  # type: ignore[no-untyped-def]
    args = ["draft", str(TOWNSHIP / "data.yaml"), "-o", str(out), "--backend", "openai"]
    args += ["--base-url", server.base_url, "--model", "fake-model", "--api-key", "sk-test", *extra]
    return CliRunner().invoke(app, args)


def assert_for_the_clerk(text: str) -> None:
    for word in FOR_THE_MODEL:
        assert word not in text, (word, text)
    assert re.search(r"[\u4e00-\u9fff]", text)


def test_endpoint_that_is_down(tmp_path: Path) -> None:
    server = FakeOpenAI().start()
    server.stop()  # nothing listens on the port any more
    out = tmp_path / "x.docx"
    result = draft(server, out, "--max-retries", "0")
    assert result.exit_code == 3 and not out.exists()
    assert "无法连接到模型服务" in result.output and "--base-url" in result.output
    assert "--backend offline" in result.output  # what to do without a model
    assert_for_the_clerk(result.output)


def test_payment_required_says_so_and_is_not_retried(tmp_path: Path, fake_openai: FakeOpenAI) -> None:
    fake_openai.payment_required("Insufficient Balance")
    result = draft(fake_openai, tmp_path / "x.docx", "--max-retries", "2")
    assert result.exit_code == 3
    assert "HTTP 402" in result.output and "Insufficient Balance" in result.output  # the server's own reason
    assert "余额不足" in result.output and "充值" in result.output and "--backend offline" in result.output
    assert "稍后再试" not in result.output  # waiting does not refill an account
    assert len(fake_openai.requests) <= 3  # one per section at most: a 402 is not retried


def test_server_error_gives_the_servers_reason(tmp_path: Path, fake_openai: FakeOpenAI) -> None:
    fake_openai.default = Reply(503, {"error": {"message": "model is loading"}})
    result = draft(fake_openai, tmp_path / "x.docx", "--max-retries", "0")
    assert result.exit_code == 3
    assert "HTTP 503" in result.output and "model is loading" in result.output and "--backend offline" in result.output


@pytest.mark.parametrize(
    ("mode", "suggested", "not_suggested"),
    [
        ("json_mode", "--structured-output none", "--structured-output json_mode"),
        ("json_schema", "--structured-output json_mode", "--structured-output json_schema"),
        ("none", None, "--structured-output"),
    ],
)
def test_the_400_hint_never_suggests_the_mode_in_use(
    tmp_path: Path, fake_openai: FakeOpenAI, mode: str, suggested: str | None, not_suggested: str
) -> None:
    fake_openai.default = Reply(400, {"error": {"message": "response_format is not supported"}})
    result = draft(fake_openai, tmp_path / "x.docx", "--structured-output", mode)
    assert result.exit_code == 2 and "HTTP 400" in result.output
    assert "response_format is not supported" in result.output
    assert not_suggested not in result.output
    if suggested:
        assert suggested in result.output


def test_model_that_drops_content_falls_back_with_actionable_marks(tmp_path: Path, fake_openai: FakeOpenAI) -> None:
    fake_openai.drop_content()
    outputs = {kind: tmp_path / f"r.{kind}" for kind in ("json", "docx", "html", "md")}
    for out in outputs.values():
        result = draft(fake_openai, out)
        assert result.exit_code == 5, result.output  # written and checked, but needs review
        assert "模型起草，已通过核对" not in result.output  # nothing the model wrote was complete
        assert result.output.count("模型稿未通过核对，已改用依据素材和表格生成的文字（需人工核对）") == 3
        assert_for_the_clerk(result.output)
    report = json.loads(outputs["json"].read_text("utf-8"))
    sections = report["narrative"]["sections"]
    s1 = sections["s1_overview"]
    rules = {f["rule"] for a in s1["provenance"]["attempts"] for f in a["findings"]}
    assert rules == {"draft.incomplete"}  # what the model wrote was true, only incomplete
    note = s1["provenance"]["review_note"]
    assert "缺少分项“主动公开”“依申请公开”“政府信息管理”" in note and "这段文字已通过核对" in note and "请对照素材通读本节" in note
    assert "没有写出素材中的任何一条存在的问题" in sections["s5_problems"]["provenance"]["review_note"]
    assert "信息处理费" in sections["s6_other"]["provenance"]["review_note"]
    for section in sections.values():
        assert section["origin"] == "fallback" and section["needs_review"]
        assert_for_the_clerk(section["provenance"]["review_note"])
    # every kind of file carries the same actionable note; none says the shown text failed
    with zipfile.ZipFile(outputs["docx"]) as docx:
        comments = docx.read("word/comments.xml").decode("utf-8")
    html = outputs["html"].read_text("utf-8")
    md = outputs["md"].read_text("utf-8")
    for text in (comments, html):
        assert text.count("这段文字已通过核对") >= 3 and "请对照素材通读本节" in text
        assert "未通过数字核对" not in text
    md_marks = [line for line in md.splitlines() if "需人工核对" in line]
    assert len(md_marks) == 3
    for line in md_marks:
        assert "已通过核对" in line and "请对照素材通读" in line and not re.search(r"\d", line)
    # the draft's text is clean: the check finds no error but the review marks still in the document
    checked = CliRunner().invoke(app, ["check", str(outputs["docx"]), "--data", str(TOWNSHIP / "data.yaml"), "--json"])
    found = {f["rule"] for f in json.loads(checked.stdout)["findings"] if f["severity"] == "error"}
    assert found <= {"style.draft_comment", "style.highlight"}, checked.output


def test_slow_model_is_bounded_by_the_time_limit(tmp_path: Path, fake_openai: FakeOpenAI) -> None:
    fake_openai.slow(30)
    out = tmp_path / "x.json"
    started = time.monotonic()
    result = draft(fake_openai, out, "--time-limit", "1", "--timeout", "60")
    assert time.monotonic() - started < 20  # bounded by the limit, not by the 60 s timeout
    assert result.exit_code == 5, result.output
    assert "最长等待 1 秒" in result.output
    report = json.loads(out.read_text("utf-8"))
    for section in report["narrative"]["sections"].values():
        assert section["origin"] == "fallback"
        assert "模型没有在总时限 1 秒内写完本节" in section["provenance"]["review_note"]


def test_every_request_bounds_its_output(tmp_path: Path, fake_openai: FakeOpenAI) -> None:
    from drafting_support import example

    data, notes = example("township-2023")
    for sid, answer in good_answers(data, notes).items():
        fake_openai.script(sid, answer)
    result = draft(fake_openai, tmp_path / "x.json")
    assert result.exit_code == 0, result.output
    assert "各部分均已通过核对" in result.output
    bounds = {}
    for sent in fake_openai.requests:
        sid = re.search(r"章节编号：(\w+)", json.dumps(sent.body, ensure_ascii=False)).group(1)  # type: ignore[union-attr]
        bounds[sid] = sent.body["max_tokens"]
        assert "max_completion_tokens" not in sent.body  # the name every compatible server reads
    assert set(bounds) == {"s1_overview", "s5_problems", "s6_other"}
    assert all(600 <= b <= 4096 for b in bounds.values())
    assert bounds["s1_overview"] > bounds["s6_other"]  # from the section's expected length


def test_an_answer_cut_at_the_bound_is_repaired(tmp_path: Path, fake_openai: FakeOpenAI) -> None:
    from drafting_support import example

    data, notes = example("township-2023")
    good = good_answers(data, notes)
    fake_openai.truncated(good["s6_other"][:15])
    for sid, answer in good.items():
        fake_openai.script(sid, answer)
    result = draft(fake_openai, tmp_path / "x.json")
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "x.json").read_text("utf-8"))
    attempts = [s["provenance"]["attempts"] for s in report["narrative"]["sections"].values()]
    first = [a[0]["findings"] for a in attempts if len(a) == 2]
    assert len(first) == 1 and first[0][0]["rule"] == "draft.truncated"


def test_structured_output_and_retries_from_the_environment(
    tmp_path: Path, fake_openai: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DRAFTER_STRUCTURED_OUTPUT", "none")
    monkeypatch.setenv("DRAFTER_MAX_RETRIES", "1")
    fake_openai.default = Reply(500, {"error": {"message": "boom"}}, headers={"retry-after-ms": "10"})
    result = draft(fake_openai, tmp_path / "x.json")
    assert result.exit_code == 3 and "已重试 1 次" in result.output
    assert all("response_format" not in r.body for r in fake_openai.requests)
    per_section: dict[str, int] = {}
    for r in fake_openai.requests:
        sid = re.search(r"章节编号：(\w+)", json.dumps(r.body, ensure_ascii=False)).group(1)  # type: ignore[union-attr]
        per_section[sid] = per_section.get(sid, 0) + 1
    assert max(per_section.values()) == 2  # the first try and one retry


def test_a_bad_environment_value_names_the_variable(tmp_path: Path, fake_openai: FakeOpenAI, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DRAFTER_MAX_RETRIES", "many")
    result = draft(fake_openai, tmp_path / "x.json")
    assert result.exit_code == 2 and "DRAFTER_MAX_RETRIES" in result.output and "many" in result.output
    assert fake_openai.requests == []


def test_a_hanging_model_costs_only_its_sections(tmp_path: Path, fake_openai: FakeOpenAI) -> None:
    from drafting_support import example

    data, notes = example("township-2023")
    good = good_answers(data, notes)
    fake_openai.script("s5_problems", good["s5_problems"])
    fake_openai.script("s6_other", good["s6_other"])
    fake_openai.by_section["s1_overview"] = deque([Reply(hang=True)])
    out = tmp_path / "x.json"
    result = draft(fake_openai, out, "--timeout", "0.5", "--max-retries", "0")
    assert result.exit_code == 5, result.output
    assert "一、总体情况：模型没有按时写完，已改用依据素材和表格生成的文字（需人工核对）" in result.output
    assert "五、存在的主要问题及改进情况：模型起草，已通过核对" in result.output
    s1 = json.loads(out.read_text("utf-8"))["narrative"]["sections"]["s1_overview"]
    assert "模型在每次 0.5 秒的等待时间内没有写完本节" in s1["provenance"]["review_note"]
    assert_for_the_clerk(s1["provenance"]["review_note"])


def test_a_local_server_gets_one_request_at_a_time(fake_openai: FakeOpenAI) -> None:
    from drafter.drafting import resolve_endpoint
    from drafter.drafting.config import EndpointOptions

    local = resolve_endpoint(EndpointOptions(base_url=fake_openai.base_url, model="m"))
    remote = resolve_endpoint(EndpointOptions(base_url="https://api.example.invalid/v1", model="m"))
    assert local is not None and remote is not None
    assert local.parallel == 1 and remote.parallel == 3
