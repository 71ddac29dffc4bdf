"""The command line: a thin door onto the library. Only this module turns domain errors
into messages and exit codes (0 fine, 1 findings of severity error, 2 unreadable input).

Heavy libraries (openai, langchain, docx, openpyxl) are imported inside the commands
that need them, so that `drafter --help` starts fast.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .cli_zh import ZhGroup
from .errors import DrafterError, InputError

if TYPE_CHECKING:
    from .data import ReportData
    from .findings import Finding

app = typer.Typer(
    name="drafter",
    help="政府信息公开工作年度报告起草与核对工具。先用 init 生成数据模板，填好后用 check-data 核对，再用 draft 起草、check 核对。",
    cls=ZhGroup,
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def main() -> None:
    """Console entry point."""
    try:
        app()
    except DrafterError as exc:  # raised outside a command body (rare)
        _fail(exc)


def _show_version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"drafter {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_show_version, is_eager=True, help="显示版本号并退出")] = False,
) -> None:
    pass


def _fail(exc: DrafterError) -> None:
    typer.echo(f"错误：{exc.describe()}", err=True)
    raise typer.Exit(exc.exit_code)


def _guarded(fn: Any) -> Any:
    """Run a command body, mapping domain errors to a Chinese message and exit code."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except DrafterError as exc:
            _fail(exc)
        except KeyboardInterrupt:
            typer.echo("已中断。", err=True)
            raise typer.Exit(130) from None
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except Exception as exc:  # a bug of ours: say so plainly, never dump a traceback on a clerk
            import os
            import traceback

            if os.environ.get("DRAFTER_DEBUG"):
                traceback.print_exc()
            typer.echo(
                f"内部错误（{type(exc).__name__}）：drafter 未能完成这项操作，您的文件没有被修改。"
                "请把命令和输入文件反馈给维护人员；设置环境变量 DRAFTER_DEBUG=1 可显示详细信息。",
                err=True,
            )
            raise typer.Exit(4) from None

    return wrapper


# --------------------------------------------------------------------------- init


@app.command("init")
@_guarded
def init_cmd(
    organization: Annotated[str, typer.Argument(metavar="机关全称", help="机关全称，如“伊川县鸣皋镇人民政府”；与 --bodies 一起用时，是存放各机关文件夹的文件夹")],
    year: Annotated[int | None, typer.Option("--year", "-y", help="报告年度，如 2024（用 --bodies 时，名单中没有年度列才需要）")] = None,
    level: Annotated[str | None, typer.Option("--level", "-l", help="机关层级：township(乡镇/街道)、county、city、province、department(部门)；不写则按机关名称判断")] = None,
    short_name: Annotated[str | None, typer.Option("--short-name", help="正文中使用的简称，如“鸣皋镇”")] = None,
    parent: Annotated[str | None, typer.Option("--parent", help="上级汇总机关，如“伊川县人民政府”")] = None,
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="输出文件夹（默认当前文件夹）")] = Path("."),
    xlsx: Annotated[bool, typer.Option("--xlsx", help="生成 Excel 工作簿（按官方表格样式）而不是 YAML 数据文件")] = False,
    force: Annotated[bool, typer.Option("--force", help="覆盖已存在的文件")] = False,
    bodies: Annotated[Path | None, typer.Option("--bodies", help="机关名单（CSV：名称、简称、上级、年度，可加层级）：为每个机关生成一个文件夹，内有数据模板和素材模板")] = None,
) -> None:
    """生成数据文件模板和素材（notes）模板；加 --bodies 名单.csv 则为名单中每个机关各生成一个文件夹。"""
    if bodies is not None:
        from .batch.scaffold import run_init_bodies

        run_init_bodies(bodies, Path(organization), year=year, xlsx=xlsx, force=force, echo=typer.echo)
        return
    if year is None:
        raise InputError("请用 --year 指定报告年度，如 --year 2024。")
    from .data import name_problem
    from .formats import FIRST_YEAR
    from .skeleton import NOTES_HINT, data_skeleton, init_level, notes_skeleton
    from .textio import write_atomic

    for key, name in (("机关全称", organization), ("--short-name", short_name), ("--parent", parent)):
        problem = name_problem(name.strip(" "), key) if name is not None else None
        if problem:
            raise InputError(problem)
    organization = organization.strip()
    lvl, level_note = init_level(organization, level)
    if year < FIRST_YEAR:
        raise InputError(f"报告年度 {year} 早于 2019 年，适用旧格式，drafter 不支持。请检查 --year。")
    from datetime import date

    if year > date.today().year:
        raise InputError(f"报告年度 {year} 还没有到。请检查 --year。")
    data_path = out_dir / ("data.xlsx" if xlsx else "data.yaml")
    notes_path = out_dir / "notes.md"
    existing = [p for p in (data_path, notes_path) if p.exists()]
    if existing and not force:
        names = "、".join(str(p) for p in existing)
        raise InputError(f"{names} 已存在，为免覆盖您的数据，没有写入任何文件。换一个 --out 文件夹，或加 --force 覆盖。")
    if xlsx:
        from .workbook import write_workbook

        write_workbook(data_path, organization, lvl, year, short_name=short_name, parent=parent)
    else:
        write_atomic(data_path, data_skeleton(organization, lvl, year, short_name, parent))
    write_atomic(notes_path, notes_skeleton(organization, year))
    typer.echo(f"已生成 {data_path} 和 {notes_path}。{level_note}")
    typer.echo(NOTES_HINT)
    typer.echo(f"填好数据后运行：drafter check-data {data_path}")


# --------------------------------------------------------------------------- check-data


def _finding_line(f: Finding, data: ReportData | None = None) -> str:
    if f.span is not None and f.section:  # a finding in the text: its section and paragraph
        return _check_line(f)
    where = ""
    if data is not None and f.place:
        cell, line = data.cell_of(f.place), data.line_of(f.place)
        at = f" {cell}" if cell else (f" 第{line}行" if line else "")
        where = f"{Path(data.source).name if data.source else ''}{at} [{f.place}] "
    elif f.place:
        where = f"[{f.place}] "
    mark = {"error": "错误", "warning": "提醒", "info": "说明"}[f.severity]
    return f"{mark}：{where}{f.message}"


def _emit(findings: list[Finding], data: ReportData | None, as_json: bool, report: dict[str, Any]) -> None:
    from .findings import summarize

    if as_json:
        payload = {"report": report, "findings": [f.to_dict() for f in findings], "summary": summarize(findings)}
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    for f in findings:
        typer.echo(_finding_line(f, data))
    s = summarize(findings)
    typer.echo(f"共 {s['errors']} 个错误，{s['warnings']} 个提醒。" if findings else "未发现问题。")


@app.command("check-data")
@_guarded
def check_data_cmd(
    data_file: Annotated[Path, typer.Argument(metavar="数据文件", help="数据文件（.yaml / .json / .xlsx）")],
    previous: Annotated[Path | None, typer.Option("--previous", help="上年数据文件，用于跨年度核对")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出结果")] = False,
    encoding: Annotated[str | None, typer.Option("--encoding", help="数据文件（和上年数据文件）的编码（如 gbk）；默认 UTF-8")] = None,
) -> None:
    """核对数据文件：读取、校验格式，并检查全部表格勾稽关系。"""
    from .data import attach_previous, load_data
    from .findings import Finding, has_errors
    from .rules import check_tables

    data = load_data(data_file, encoding=encoding)
    if previous is not None:
        attach_previous(data, load_data(previous, encoding=encoding))
    findings = [
        Finding("data.blank", "warning", p.message, place=p.place or None) for p in data.warnings
    ] + check_tables(data)
    _emit(findings, data, as_json, {"organization": data.organization, "year": data.year, "format": data.format})
    raise typer.Exit(1 if has_errors(findings) else 0)


# --------------------------------------------------------------------------- check


def _check_line(f: Finding) -> str:
    from .finding_lines import check_line

    return check_line(f)


@app.command("check")
@_guarded
def check_cmd(
    report_files: Annotated[list[Path], typer.Argument(metavar="报告文件", help="报告文件（.docx / .doc / .wps / .pdf / .html / .md / .txt，或 drafter 的 .json 草稿）；可以是多个文件或文件夹")],
    data: Annotated[Path | None, typer.Option("--data", help="数据文件（.yaml / .json / .xlsx，旧版 .xls / .et 需安装 LibreOffice）：以它为准核对报告的表格和正文")] = None,
    previous: Annotated[Path | None, typer.Option("--previous", help="上年数据文件，用于跨年度核对")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出结果")] = False,
    encoding: Annotated[str | None, typer.Option("--encoding", help="文本文件（报告、数据、素材）的编码（如 gbk）；默认 UTF-8")] = None,
    notes: Annotated[Path | None, typer.Option("--notes", help="正文素材文件（.md、.txt 或 Word .docx）：正文中的数字也可以以它为依据；不写则使用数据文件旁的 notes 文件")] = None,
    explain: Annotated[bool, typer.Option("--explain", help="逐句列出每个数字和说法被理解成什么（指标、申请人范围、年份、数值、其他读法）以及通过或不通过的原因")] = False,
    annotate: Annotated[Path | None, typer.Option("--annotate", help="把每个问题作为 Word 批注写到报告（.docx）的一个副本上，批注标在有问题的文字上；原文件不变")] = None,
    force: Annotated[bool, typer.Option("--force", help="与 --annotate 一起用：覆盖已存在的批注文件")] = False,
    summary: Annotated[Path | None, typer.Option("--summary", help="核对多份报告时写出汇总表（如 summary.csv，旁边另有 summary.html）")] = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="同时核对的进程数（默认等于 CPU 核数）")] = None,
) -> None:
    """核对报告：章节结构、表格勾稽关系，以及正文中的数字、年份、机关名称是否与表格一致。可一次核对多个文件或整个文件夹。"""
    from .validate import check_file

    if len(report_files) > 1 or report_files[0].is_dir() or summary is not None:
        given = [name for name, v in (("--data", data), ("--previous", previous), ("--notes", notes), ("--explain", explain), ("--annotate", annotate)) if v]
        if given:
            raise InputError(f"{'、'.join(given)} 只能用于核对一份报告。核对多份报告时请去掉这些选项，或逐份核对。")
        from .batch.masscheck import run_mass_check

        code = run_mass_check(report_files, summary=summary, as_json=as_json, encoding=encoding, jobs=jobs,
                              echo=typer.echo, line=_check_line)
        raise typer.Exit(code)
    report_file = report_files[0]
    if annotate is not None:
        from .annotate import annotate_check

        result, written = annotate_check(report_file, annotate, data_path=data, previous_path=previous,
                                         encoding=encoding, notes_path=notes, force=force)
        typer.echo(f"已写入 {annotate}（{written} 条批注）。", err=as_json)
    else:
        result = check_file(report_file, data_path=data, previous_path=previous, encoding=encoding, notes_path=notes)
    if explain and not as_json:
        from .explain import explain as explain_lines

        if result.basis is None:
            typer.echo("报告中没有可读取的表格，也没有给出 --data 数据文件，无法逐句说明数字的核对依据。")
        else:
            for line in explain_lines(result.basis, result.texts, result.findings):
                typer.echo(line)
            typer.echo("")
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        from .finding_lines import check_lines

        for line in check_lines(result.findings):
            typer.echo(line)
        s = result.summary
        typer.echo(f"共 {s['errors']} 个错误，{s['warnings']} 个提醒。" if result.findings else "未发现问题。")
    raise typer.Exit(1 if result.has_errors else 0)


# --------------------------------------------------------------------------- draft


@app.command("draft")
@_guarded
def draft_cmd(
    data_file: Annotated[Path, typer.Argument(metavar="数据文件", help="数据文件（.yaml / .json / .xlsx）")],
    output: Annotated[Path, typer.Option("--output", "-o", help="输出的报告文件：.docx、.html、.md、.txt 或 .json")],
    notes_file: Annotated[Path | None, typer.Option("--notes", "-n", help="正文素材文件（.md、.txt 或 Word .docx）；不写则使用数据文件旁的 notes.md、notes.txt 或 notes.docx")] = None,
    encoding: Annotated[str | None, typer.Option("--encoding", help="数据文件和素材文件的编码（如 gbk）；默认 UTF-8")] = None,
    backend: Annotated[str | None, typer.Option("--backend", help="起草方式：offline（离线撰写，不联网）或 openai（兼容 OpenAI 接口的大模型）；默认配置了模型时用 openai，否则 offline")] = None,
    endpoint: Annotated[str | None, typer.Option("--endpoint", help="配置文件 config.yaml 中的端点名称")] = None,
    base_url: Annotated[str | None, typer.Option("--base-url", help="模型接口地址，如 http://127.0.0.1:8000/v1（也可用环境变量 DRAFTER_BASE_URL）")] = None,
    model: Annotated[str | None, typer.Option("--model", help="模型名称（也可用环境变量 DRAFTER_MODEL）")] = None,
    api_key: Annotated[str | None, typer.Option("--api-key", help="API 密钥；建议改用环境变量 DRAFTER_API_KEY，以免留在命令历史中")] = None,
    timeout: Annotated[float | None, typer.Option("--timeout", min=0.1, help="每次请求模型的超时秒数（默认 60；也可用环境变量 DRAFTER_TIMEOUT）")] = None,
    structured_output: Annotated[str | None, typer.Option("--structured-output", help="端点支持的结构化输出方式：json_schema、function_calling、json_mode（默认）或 none（也可用环境变量 DRAFTER_STRUCTURED_OUTPUT）")] = None,
    max_retries: Annotated[int | None, typer.Option("--max-retries", min=0, max=10, help="请求失败（超时、服务繁忙）时的重试次数（默认 2；也可用环境变量 DRAFTER_MAX_RETRIES）")] = None,
    time_limit: Annotated[float | None, typer.Option("--time-limit", min=1, help="等待模型起草全部正文的最长秒数（默认 300；也可用环境变量 DRAFTER_TIME_LIMIT），超时的部分改用依据素材生成的文字")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="不使用本地缓存，重新请求模型")] = False,
    max_repairs: Annotated[int, typer.Option("--max-repairs", min=0, max=5, help="模型稿未通过核对时让模型修改的最多次数（默认 2）")] = 2,
    force: Annotated[bool, typer.Option("--force", help="输出文件已存在且不是 drafter 写出的（或写出后被修改过）时，仍然覆盖它")] = False,
) -> None:
    """起草完整报告：表格来自数据，正文由模型或离线撰写，逐节核对数字后写入文件。"""
    from .drafting.command import endpoint_options, run_draft

    options = endpoint_options(structured_output, endpoint=endpoint, base_url=base_url, model=model, api_key=api_key,
                               timeout=timeout, max_retries=max_retries, time_limit=time_limit)
    code = run_draft(
        data_file=data_file,
        output=output,
        notes_file=notes_file,
        backend=backend,
        options=options,
        no_cache=no_cache,
        max_repairs=max_repairs,
        encoding=encoding,
        force=force,
        echo=typer.echo,
        finding_line=_finding_line,
    )
    raise typer.Exit(code)


@app.command("render")
@_guarded
def render_cmd(
    data_file: Annotated[Path, typer.Argument(metavar="数据文件", help="数据文件（.yaml / .json / .xlsx）")],
    output: Annotated[Path, typer.Option("--output", "-o", help="输出的报告文件：.docx、.html、.md、.txt 或 .json（按扩展名选择格式）")],
    notes_file: Annotated[Path | None, typer.Option("--notes", "-n", help="正文素材文件（.md、.txt 或 Word .docx）；不写则使用数据文件旁的 notes.md、notes.txt 或 notes.docx")] = None,
    encoding: Annotated[str | None, typer.Option("--encoding", help="数据文件和素材文件的编码（如 gbk）；默认 UTF-8")] = None,
    force: Annotated[bool, typer.Option("--force", help="输出文件已存在且不是 drafter 写出的（或写出后被修改过）时，仍然覆盖它")] = False,
) -> None:
    """排版完整报告：表格来自数据，正文由素材离线撰写（不联网、不调用模型），核对后写入文件。"""
    from .drafting.command import run_draft

    code = run_draft(
        data_file=data_file,
        output=output,
        notes_file=notes_file,
        backend="offline",
        encoding=encoding,
        force=force,
        echo=typer.echo,
        finding_line=_finding_line,
    )
    raise typer.Exit(code)


# --------------------------------------------------------------------------- review


@app.command("review")
@_guarded
def review_cmd(
    folder: Annotated[Path, typer.Argument(help="草稿文件夹（内有 report.json），或批量起草的输出文件夹")],
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="端口（默认自动选择空闲端口）；只在本机 127.0.0.1 上提供")] = 0,
    open_browser: Annotated[bool, typer.Option("--open", help="启动后用默认浏览器打开审核页面")] = False,
) -> None:
    """在本机浏览器中审核草稿：查看表格，修改正文并即时核对，批准或退回，保存时保留旧版本。"""
    from .review.command import run_review

    raise typer.Exit(run_review(folder, port=port, open_browser=open_browser, echo=typer.echo))


# --------------------------------------------------------------------------- batch


@app.command("batch")
@_guarded
def batch_cmd(
    in_dir: Annotated[Path, typer.Argument(help="放有各机关文件夹的文件夹（每个机关一个子文件夹，内有 data.yaml 和 notes.md）")],
    out_dir: Annotated[Path, typer.Option("--output", "-o", help="输出文件夹：每个机关一个草稿文件夹，另有 manifest.sqlite 和 summary.csv / summary.html")],
    concurrency: Annotated[int, typer.Option("--concurrency", "-c", min=1, max=512, help="同时向模型发出的请求数（默认 4，适合本地模型服务；云端接口可调大）")] = 4,
    year: Annotated[int | None, typer.Option("--year", "-y", help="这一批的报告年度（默认取多数机关的年度）；其他年度的数据不起草")] = None,
    backend: Annotated[str | None, typer.Option("--backend", help="起草方式：offline（离线撰写，不联网）或 openai（兼容 OpenAI 接口的大模型）；默认配置了模型时用 openai，否则 offline")] = None,
    endpoint: Annotated[str | None, typer.Option("--endpoint", help="配置文件 config.yaml 中的端点名称")] = None,
    base_url: Annotated[str | None, typer.Option("--base-url", help="模型接口地址（也可用环境变量 DRAFTER_BASE_URL）")] = None,
    model: Annotated[str | None, typer.Option("--model", help="模型名称（也可用环境变量 DRAFTER_MODEL）")] = None,
    api_key: Annotated[str | None, typer.Option("--api-key", help="API 密钥；建议改用环境变量 DRAFTER_API_KEY")] = None,
    timeout: Annotated[float | None, typer.Option("--timeout", min=0.1, help="每次请求模型的超时秒数（默认 60）")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="不使用本地缓存，重新请求模型")] = False,
    max_repairs: Annotated[int, typer.Option("--max-repairs", min=0, max=5, help="模型稿未通过核对时让模型修改的最多次数（默认 2）")] = 2,
) -> None:
    """批量起草：为文件夹中的每个机关起草报告，可中断、可续做；重新运行只做缺少、失败或输入有变化的机关。"""
    from .batch.run import BatchOptions, run_batch

    opts = BatchOptions(
        in_dir=in_dir, out_dir=out_dir, backend=backend, endpoint=endpoint, base_url=base_url, model=model,
        api_key=api_key, timeout=timeout, concurrency=concurrency, max_repairs=max_repairs, no_cache=no_cache, year=year,
    )
    raise typer.Exit(run_batch(opts, typer.echo))


@app.command("aggregate")
@_guarded
def aggregate_cmd(
    in_dir: Annotated[Path, typer.Argument(help="放有各下级机关文件夹的文件夹（每个机关一个子文件夹，内有 data.yaml）")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写出上级的合计数据文件（.yaml）")] = None,
    parent: Annotated[Path | None, typer.Option("--parent", help="上级已填的数据文件：逐格核对它是否等于各下级之和")] = None,
    year: Annotated[int | None, typer.Option("--year", "-y", help="报告年度（默认取多数机关的年度）")] = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖已存在的输出文件")] = False,
) -> None:
    """汇总：把各下级机关的表格逐格相加，写成上级的数据文件；加 --parent 核对上级数字是否等于下级之和。"""
    from .batch.aggregate import run_aggregate

    raise typer.Exit(run_aggregate(in_dir, output, parent, year, force, typer.echo))


if __name__ == "__main__":  # pragma: no cover
    main()
