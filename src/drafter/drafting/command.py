"""The steps of `drafter draft`, kept out of cli.py so the CLI stays a thin door:
load → refuse broken tables → choose the backend → draft through the gate → validate the
whole narrative → write atomically → tell the clerk what passed and what needs review.

Fail closed: a draft with error findings is written only with its review marks, the
findings are listed, and the exit status is 1.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ConfigError, InputError
from ..findings import Finding, has_errors
from ..report import SECTION_HEADINGS as SECTION_ZH

if TYPE_CHECKING:
    from .llm import LLMBackend, OfflineBackend

ORIGIN_ZH = {
    "offline": "离线撰写",
    "llm": "模型起草，已通过核对",
    "fallback": "模型稿未通过核对，已改用离线稿",
    "human": "人工撰写",
}


def run_draft(
    *,
    data_file: Path,
    output: Path,
    notes_file: Path | None,
    echo: Callable[..., None],
    finding_line: Callable[..., str],
    backend: str | None = None,
    endpoint: str | None = None,
    base_url: str | None = None,
    model: str | None = None,
    api_key: str | None = None,
    timeout: float | None = None,
    no_cache: bool = False,
    max_repairs: int = 2,
) -> int:
    """Run the draft command; returns the exit status (0 passed, 1 error findings)."""
    from ..data import load_data
    from ..notes import Notes, load_notes
    from ..render import kind_for, write_report
    from ..report import Report
    from ..rules import check_tables
    from .cache import ResponseCache
    from .llm import LLMBackend, OfflineBackend
    from .pipeline import draft_narrative_sync, final_findings, report_provenance

    kind_for(output)  # an unsupported extension is refused before any work is done
    if backend not in (None, "offline", "openai"):
        raise InputError(f"--backend“{backend}”无效。可选：offline（离线撰写）、openai（兼容 OpenAI 接口的大模型）。")
    data = load_data(data_file)
    if notes_file is None and (data_file.parent / "notes.md").is_file():
        notes_file = data_file.parent / "notes.md"
    if notes_file is not None:
        notes = load_notes(notes_file)
    else:
        notes = Notes()
        echo("提醒：没有素材文件（--notes），正文只能写入表格数据能支持的内容。", err=True)

    table_findings = check_tables(data)
    if has_errors(table_findings):
        for f in table_findings:
            if f.severity == "error":
                echo(finding_line(f, data), err=True)
        errors = sum(1 for f in table_findings if f.severity == "error")
        echo(
            f"数据文件有 {errors} 个表格错误，没有起草。请先修改数据（可用 drafter check-data 查看全部问题）。",
            err=True,
        )
        return 1

    chosen = choose_backend(backend, endpoint=endpoint, base_url=base_url, model=model, api_key=api_key, timeout=timeout)
    cache = None if no_cache or isinstance(chosen, OfflineBackend) else ResponseCache.default()
    if isinstance(chosen, LLMBackend):
        echo(f"正在用模型 {chosen.model}（{chosen.endpoint}）起草正文……", err=True)

    narrative = draft_narrative_sync(data, notes, chosen, cache=cache, max_repairs=max_repairs)
    findings: list[Finding] = [f for f in table_findings if f.severity != "error"]
    findings += final_findings(data, narrative, notes)
    report = Report.build(data, narrative, findings, provenance=report_provenance(chosen, narrative, max_repairs))
    write_report(report, output)

    for sid, section in narrative.sections.items():
        mark = "（需人工核对）" if section.needs_review else ""
        echo(f"{SECTION_ZH.get(sid, sid)}：{ORIGIN_ZH[section.origin]}{mark}")
        for gap in section.provenance.get("gaps") or []:
            echo(f"  提醒：{gap}")
    for f in findings:
        echo(finding_line(f, data))
    if has_errors(findings):
        errors = sum(1 for f in findings if f.severity == "error")
        echo(
            f"未通过核对：草稿中仍有 {errors} 处错误。已写入 {output}，需人工核对的段落已标注；"
            f"修改后请运行 drafter check {output} --data {data_file}。",
            err=True,
        )
        return 1
    review = [SECTION_ZH.get(s.id, s.id) for s in narrative.sections.values() if s.needs_review]
    echo(f"已写入 {output}。" + (f"其中 {'、'.join(review)} 需人工核对（已在文件中标注）。" if review else ""))
    return 0


def choose_backend(
    backend: str | None,
    *,
    endpoint: str | None = None,
    base_url: str | None = None,
    model: str | None = None,
    api_key: str | None = None,
    timeout: float | None = None,
) -> LLMBackend | OfflineBackend:
    """The backend the options, environment and config name: offline unless a model is configured."""
    from .config import EndpointOptions, resolve_endpoint
    from .llm import LLMBackend, OfflineBackend

    if backend not in (None, "offline", "openai"):
        raise InputError(f"--backend“{backend}”无效。可选：offline（离线撰写）、openai（兼容 OpenAI 接口的大模型）。")
    if backend == "offline":
        return OfflineBackend()
    options = EndpointOptions(endpoint=endpoint, base_url=base_url, model=model, api_key=api_key, timeout=timeout)
    config = resolve_endpoint(options)
    if config is None and backend == "openai":
        raise ConfigError(
            "使用 openai 起草需要指定模型。请用 --model（及 --base-url），或设置环境变量 DRAFTER_MODEL / DRAFTER_BASE_URL，"
            "或在配置文件 config.yaml 中配置端点；不需要大模型时请用 --backend offline。"
        )
    return LLMBackend.from_endpoint(config) if config is not None else OfflineBackend()
