"""The command line's own words in Chinese: usage lines, help headings, option notes
([required], [default: …]) and the errors of command-line parsing (missing option, no such
option, invalid value, extra argument). Option names stay as they are typed.

typer builds on click; click prints its chrome through a HelpFormatter (taken from the
context's `formatter_class`) and raises UsageError subclasses for bad arguments. `ZhGroup`
gives every command a context with `ZhFormatter` and, when run as the program, catches those
errors and prints them in Chinese (exit status 2, as click does). The click module is taken
from typer itself (typer may ship its own copy of click).
"""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import typer
from typer.core import TyperGroup

_click_exc = sys.modules[typer.BadParameter.__module__]
UsageError: type[Exception] = _click_exc.UsageError
_BaseFormatter: Any = typer.Context.formatter_class

HEADINGS = {"Usage": "用法", "Options": "选项", "Arguments": "参数", "Commands": "命令"}
_USAGE_WORDS = (("[OPTIONS]", "[选项]"), ("COMMAND [ARGS]...", "命令 [参数]..."), ("[ARGS]...", "[参数]..."))
_METAVARS = {
    "path": "路径", "file": "文件", "str": "文字", "text": "文字", "string": "文字", "int": "整数",
    "integer": "整数", "int range": "整数", "float": "数字", "float range": "数字", "bool": "是/否",
    "boolean": "是/否", "choice": "选项值",
}
_METAVAR = re.compile(r"<([a-z][a-z ]*)>")
_EXTRA = re.compile(r"\s*\[([^\[\]]*)\]\s*$")
_HELP_OPTION = "Show this message and exit."


def _extra_item(item: str) -> str:
    item = item.strip()
    if item == "required":
        return "必填"
    for pattern, repl in (
        (r"default: (.*)", r"默认：\1"), (r"env var: (.*)", r"环境变量：\1"),
        (r"(\S+)<=x<=(\S+)", r"\1～\2"), (r"(\S+)<x<(\S+)", r"大于\1且小于\2"),
        (r"x>=(\S+)", r"不小于\1"), (r"x>(\S+)", r"大于\1"), (r"x<=(\S+)", r"不大于\1"), (r"x<(\S+)", r"小于\1"),
    ):
        if re.fullmatch(pattern, item):
            return re.sub(pattern, repl, item)
    return item


def translate_help(text: str) -> str:
    """An option's or argument's help line with click's English notes in Chinese."""
    text = text.replace(_HELP_OPTION, "显示本说明并退出。")
    m = _EXTRA.search(text)
    if m:
        inner = "；".join(_extra_item(i) for i in m.group(1).split(";"))
        text = text[: m.start()] + f"  [{inner}]"
    return text


def translate_metavars(text: str) -> str:
    return _METAVAR.sub(lambda m: f"<{_METAVARS.get(m.group(1), m.group(1))}>", text)


def translate_usage(args: str) -> str:
    for english, chinese in _USAGE_WORDS:
        args = args.replace(english, chinese)
    return translate_metavars(re.sub(r"\{([^{}\s]+)\}", r"\1", args))


class ZhFormatter(_BaseFormatter):  # type: ignore[misc]
    """click's help formatter with its headings and notes in Chinese."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, translate_usage(args), prefix="用法：")

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{HEADINGS.get(heading, heading)}：\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(translate_metavars(a), translate_help(b)) for a, b in rows]
        super().write_dl(rows, col_max, col_spacing)


class ZhContext(typer.Context):
    formatter_class = ZhFormatter


# --------------------------------------------------------------------------- errors


def _param_name(param: Any) -> str:
    if param is None:
        return ""
    opts = [o for o in getattr(param, "opts", []) if o.startswith("-")]
    if opts:
        return "/".join(sorted(opts, key=len))
    return str(getattr(param, "metavar", None) or getattr(param, "name", "") or "")


def _options_of(ctx: Any) -> list[str]:
    if ctx is None:
        return []
    names: list[str] = []
    for p in ctx.command.get_params(ctx):
        names += [o for o in p.opts if o.startswith("--")]
    return names


def _reason(message: str) -> str:
    """Why a value was refused, from typer/click's English message."""
    patterns = (
        (r"valid integer|valid int\b", "应为整数"),
        (r"valid number|valid float", "应为数字"),
        (r"less than or equal to (\S+)", r"不能大于 \1"),
        (r"greater than or equal to (\S+)", r"不能小于 \1"),
        (r"less than (\S+)", r"应小于 \1"),
        (r"greater than (\S+)", r"应大于 \1"),
        (r"is not one of (.*)\.", r"可选值为 \1"),
        (r"does not exist", "文件不存在"),
        (r"is a directory", "这是一个文件夹，不是文件"),
    )
    for pattern, repl in patterns:
        m = re.search(pattern, message)
        if m:
            return m.expand(repl).rstrip("。.")
    return "格式不对"


def describe(exc: Exception) -> str:
    """A click usage error in Chinese: what is wrong and how to put it right."""
    ctx = getattr(exc, "ctx", None)
    param = getattr(exc, "param", None)
    name = type(exc).__name__
    message = str(getattr(exc, "message", "") or "")
    if name == "MissingParameter":
        help_text = (getattr(param, "help", None) or "").split("；")[0]
        what = f"（{help_text}）" if help_text else ""
        if getattr(param, "param_type_name", "") == "argument":
            name = _param_name(param)
            what = f"：{help_text}" if help_text and help_text.startswith(name) else what
            where = f"“{ctx.command_path}”后面" if ctx is not None else "命令名后面"
            return f"缺少{what.lstrip('：') if what.startswith('：') else name + what}。请写在{where}。"
        return f"缺少必填的选项 {_param_name(param)}{what}。"
    if name == "NoSuchOption":
        option = str(getattr(exc, "option_name", "") or "")
        known = [o for o in _options_of(ctx) if o != "--help"]
        close = difflib.get_close_matches(option, known, n=2, cutoff=0.7)
        hint = f"您要的是不是 {'、'.join(close)}？" if close else ""
        whose = "drafter 本身" if ctx is not None and hasattr(ctx.command, "list_commands") else "这个命令"
        listed = f"{whose}可用的选项：{'、'.join(known)}。" if known else ""
        return f"没有 {option} 这个选项。{hint}{listed}{_commands_hint(ctx)}"
    if name == "BadOptionUsage":
        option = str(getattr(exc, "option_name", "") or "")
        if "does not take a value" in message:
            return f"选项 {option} 后面不带值，直接写 {option} 即可。"
        if "requires" in message:
            return f"选项 {option} 后面要写一个值，与选项之间用空格隔开。"
        return f"选项 {option} 的用法不对。"
    if name == "BadParameter":
        return f"{_param_name(param) or '参数'} 的值无效：{_reason(message)}。"
    if name == "NoArgsIsHelpError":
        return ""
    m = re.match(r"Got unexpected extra arguments?(?:\(s\))? \((.*)\)", message)
    if m:
        return f"多余的参数：{m.group(1)}。文件名中有空格时请用英文引号括起来；选项要以 -- 开头。"
    m = re.match(r"No such command '(.*)'", message)
    if m:
        return f"没有“{m.group(1)}”这个命令。"
    if message.startswith("Missing command"):
        return "缺少命令。"
    return f"命令行用法不对（{message}）。"


def _usage_lines(ctx: Any) -> str:
    if ctx is None:
        return ""
    path = ctx.command_path
    return f"{ctx.get_usage()}\n运行“{path} -h”查看说明和全部选项。"


def _commands_hint(ctx: Any) -> str:
    """可用的命令：… when the error is at the level of the program, not of a command."""
    if ctx is None or not hasattr(ctx.command, "list_commands"):
        return ""
    return f"可用的命令：{'、'.join(ctx.command.list_commands(ctx))}（写在 drafter 后面，如 drafter check-data data.xlsx）。"


class ZhGroup(TyperGroup):
    """The drafter command group: Chinese help for every command, Chinese usage errors."""

    context_class = ZhContext

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        cmd = super().get_command(ctx, cmd_name)
        if cmd is not None:
            cmd.context_class = ZhContext
        return cmd

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            close = difflib.get_close_matches(name, self.list_commands(ctx), n=1, cutoff=0.5)
            hint = f"您要的是不是 {close[0]}？" if close else ""
            ctx.fail(f"没有“{name}”这个命令。{hint}{_commands_hint(ctx)}")
        return super().resolve_command(ctx, args)

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             windows_expand_args: bool = True, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        try:
            rv = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except _click_exc.ClickException as exc:
            _exit_with(exc)
        except _click_exc.Abort:
            typer.echo("已中断。", err=True)
            sys.exit(1)
        sys.exit(rv if isinstance(rv, int) else 0)


def _exit_with(exc: Any) -> NoReturn:
    if type(exc).__name__ == "NoArgsIsHelpError":
        typer.echo(exc.ctx.get_help())
        sys.exit(0)
    if isinstance(exc, UsageError):
        said = str(getattr(exc, "message", "") or "")
        message = said if re.search(r"[\u4e00-\u9fff]", said) else describe(exc)
        ctx = getattr(exc, "ctx", None)
        typer.echo(f"错误：{message}", err=True)
        usage = _usage_lines(ctx)
        if usage:
            typer.echo(usage, err=True)
    else:
        typer.echo(f"错误：{exc.format_message()}", err=True)
    sys.exit(exc.exit_code)
