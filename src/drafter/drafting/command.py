"""The steps of `drafter draft`, kept out of cli.py so the CLI stays a thin door:
load → refuse broken tables → choose the backend → draft through the gate → validate the
whole narrative → write atomically → tell the clerk what passed and what needs review.

Fail closed: a draft with error findings is written only with its review marks, the
findings are listed, and the exit status is 1. A draft whose text is all checked but where a
model's section was replaced by the composer's (or the time limit ran out) is written with
its marks and exits with NEEDS_REVIEW (5), so that a script can tell it from a clean draft (0).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ConfigError, InputError
from ..findings import Finding, has_errors
from ..report import SECTION_HEADINGS as SECTION_ZH
from ..report import TEXT_SECTIONS, Narrative, SectionDraft

if TYPE_CHECKING:
    from .config import EndpointOptions
    from .llm import LLMBackend, OfflineBackend

EXIT_OK, EXIT_ERRORS, EXIT_NEEDS_REVIEW = 0, 1, 5
PLACEHOLDER = "style.placeholder"


def section_status(section: SectionDraft) -> str:
    """One line per section: who wrote it and whether a person must look at it."""
    if section.origin == "llm":
        return "模型起草，已通过核对" if not section.needs_review else "模型起草，但全文核对发现问题（需人工核对）"
    if section.origin == "fallback":
        if "timed_out" in section.provenance:
            return "模型没有按时写完，已改用依据素材和表格生成的文字（需人工核对）"
        return "模型稿未通过核对，已改用依据素材和表格生成的文字（需人工核对）"
    if section.origin == "human":
        return "人工撰写"
    text = "离线撰写"
    if section.provenance.get("skipped_model"):
        text += "（素材缺少必需的内容，未请模型起草）"
    if section.provenance.get("missing"):
        return text + "，文中留有【待补充】提示（需人工补写）"
    return text + ("（需人工核对）" if section.needs_review else "")


def run_draft(
    *,
    data_file: Path,
    output: Path,
    notes_file: Path | None,
    echo: Callable[..., None],
    finding_line: Callable[..., str],
    backend: str | None = None,
    options: EndpointOptions | None = None,
    no_cache: bool = False,
    max_repairs: int = 2,
    encoding: str | None = None,
    force: bool = False,
) -> int:
    """Run the draft command; returns the exit status (0 passed, 1 error findings or
    reminders left to fill, 5 drafted and checked but sections need review)."""
    from ..data import load_data
    from ..notes import Notes, find_notes, load_notes
    from ..outputs import guard_output, record_output
    from ..render import kind_for, write_report
    from ..report import Report
    from ..rules import check_tables
    from .cache import ResponseCache
    from .llm import LLMBackend, OfflineBackend
    from .pipeline import draft_narrative_sync, final_findings, report_provenance
    from .progress import Spinner

    kind_for(output)  # an unsupported extension is refused before any work is done
    _check_backend(backend)
    data = load_data(data_file, encoding=encoding)
    if notes_file is None:
        notes_file = find_notes(data_file)
        if notes_file is not None:
            echo(f"使用数据文件旁的素材文件 {notes_file}。", err=True)
    previous = Path(data.previous.source) if data.previous is not None and data.previous.source else None
    guard_output(output, (data_file, notes_file, previous), force)  # before any work, and again before writing
    if notes_file is not None:
        notes = load_notes(notes_file, encoding=encoding)
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

    chosen = choose_backend(backend, options)
    cache = None if no_cache or isinstance(chosen, OfflineBackend) else ResponseCache.default()
    kwargs = {"cache": cache, "max_repairs": max_repairs}
    if isinstance(chosen, LLMBackend):
        limit = chosen.time_limit or 300.0
        echo(
            f"正在用模型 {chosen.model}（{chosen.endpoint}）起草正文，最长等待 {limit:g} 秒"
            "（可用 --time-limit 调整；超时的部分改用依据素材生成的文字）……",
            err=True,
        )
        import sys

        with Spinner(sys.stderr, limit):
            narrative = draft_narrative_sync(data, notes, chosen, time_limit=limit, **kwargs)
    else:
        narrative = draft_narrative_sync(data, notes, chosen, **kwargs)
    findings: list[Finding] = [f for f in table_findings if f.severity != "error"]
    findings += final_findings(data, narrative, notes)
    if any(f.rule == "table.empty" for f in table_findings):
        _mark_empty(narrative)
    report = Report.build(data, narrative, findings, provenance=report_provenance(chosen, narrative, max_repairs))
    guard_output(output, (data_file, notes_file, previous), force)  # someone may have saved it meanwhile
    write_report(report, output)
    record_output(output)
    return report_outcome(narrative.sections, findings, output, data_file, data, echo, finding_line)


def report_outcome(
    sections: dict[str, SectionDraft],
    findings: list[Finding],
    output: Path,
    data_file: Path,
    data: object,
    echo: Callable[..., None],
    finding_line: Callable[..., str],
) -> int:
    """Tell the clerk, section by section, what was written and what is left to do."""
    for sid, section in sections.items():
        echo(f"{SECTION_ZH.get(sid, sid)}：{section_status(section)}")
        if section.origin == "fallback" and section.provenance.get("review_note"):
            note = str(section.provenance["review_note"]).replace("删除本批注", "删除文件中的标注")
            echo(f"  说明：{note}。")
        for gap in section.provenance.get("gaps") or []:
            echo(f"  提醒：{gap}")
    reminders: dict[str, int] = {}
    for f in findings:
        if f.rule == PLACEHOLDER and f.section in TEXT_SECTIONS:
            reminders[f.section] = reminders.get(f.section, 0) + 1  # type: ignore[index]
            continue
        echo(finding_line(f, data))
    for sid, count in reminders.items():
        echo(f"错误：{SECTION_ZH.get(sid, sid)} 中还有 {count} 处【待补充】提示，请写入实际情况并删除提示。")
    errors = sum(1 for f in findings if f.severity == "error" and f.rule != PLACEHOLDER)
    todo = sum(reminders.values())
    if errors or todo:
        parts = ([f"{todo} 处【待补充】内容需要填写"] if todo else []) + ([f"{errors} 处错误需要改正"] if errors else [])
        echo(
            f"已写入 {output}，但还不能发布：{'，'.join(parts)}（已在文件中标注）。"
            f"改好后请运行 drafter check {output} --data {data_file}。",
            err=True,
        )
        return EXIT_ERRORS
    review = [SECTION_ZH.get(s.id, s.id) for s in sections.values() if s.needs_review]
    if review:
        echo(
            f"已写入 {output}。其中“{'”“'.join(review)}”需人工核对（已在文件中标注，核对后删除标注）；"
            f"其余部分已通过核对。"
        )
        return EXIT_NEEDS_REVIEW
    echo(f"已写入 {output}，各部分均已通过核对。")
    return EXIT_OK


def _mark_empty(narrative: Narrative) -> None:
    """Data with every table at zero: the overview is marked for review in the output, so an
    all-zero report is never passed on as if it were checked."""
    overview = narrative.sections.get("s1_overview")
    if overview is not None:
        overview.needs_review = True
        overview.provenance["findings_summary"] = "数据文件中表二、表三、表四的数字全部为 0，请确认数据已经填写"


def endpoint_options(structured_output: str | None = None, **given: object) -> EndpointOptions:
    """What the command line said about the endpoint, the structured-output mode checked."""
    from .config import STRUCTURED_OUTPUTS, EndpointOptions

    if structured_output not in (None, *STRUCTURED_OUTPUTS):
        raise InputError(f"--structured-output“{structured_output}”无效。可选：{'、'.join(STRUCTURED_OUTPUTS)}。")
    return EndpointOptions(structured_output=structured_output, **given)  # type: ignore[arg-type]


def _check_backend(backend: str | None) -> None:
    if backend not in (None, "offline", "openai"):
        raise InputError(f"--backend“{backend}”无效。可选：offline（离线撰写）、openai（兼容 OpenAI 接口的大模型）。")


def choose_backend(backend: str | None, options: EndpointOptions | None = None) -> LLMBackend | OfflineBackend:
    """The backend the options, environment and config name: offline unless a model is configured."""
    from .config import EndpointOptions, resolve_endpoint
    from .llm import LLMBackend, OfflineBackend

    _check_backend(backend)
    if backend == "offline":
        return OfflineBackend()
    config = resolve_endpoint(options or EndpointOptions())
    if config is None and backend == "openai":
        raise ConfigError(
            "使用 openai 起草需要指定模型。请用 --model（及 --base-url），或设置环境变量 DRAFTER_MODEL / DRAFTER_BASE_URL，"
            "或在配置文件 config.yaml 中配置端点；不需要大模型时请用 --backend offline。"
        )
    return LLMBackend.from_endpoint(config) if config is not None else OfflineBackend()
