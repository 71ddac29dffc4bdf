"""Load YAML or JSON into plain Python objects while remembering where each value
stood in the file, so that every problem can name its line and column.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from .errors import InputError, Problem
from .limits import MAX_ALIASES, MAX_DEPTH, MAX_DIGITS, MAX_NODES, check_structure, number_text_problem

Path_ = tuple[str | int, ...]
Positions = dict[str, tuple[int, int]]  # dotted path -> (line, column), both 1-based


def dotted(path: Path_) -> str:
    return ".".join(str(p) for p in path)


class _BoundedLoader(yaml.SafeLoader):
    """A safe loader that refuses more than MAX_ALIASES aliases and nesting deeper than
    MAX_DEPTH while composing (the composer recurses once per level)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.aliases = 0
        self.depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                raise _Refused(f"使用了超过 {MAX_ALIASES} 次别名（*名称），数据文件不需要别名。请把别名改写成具体的值。")
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _Refused(f"嵌套超过 {MAX_DEPTH} 层，不是有效的数据文件。请对照 drafter init 生成的模板。")
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _Refused(Exception):
    """A data file over one of the limits, with the Chinese reason."""


def load_yaml(text: str, filename: str) -> tuple[Any, Positions]:
    try:
        loader = _BoundedLoader(text)
    except yaml.reader.ReaderError as exc:  # checked on construction: a character YAML never allows
        raise InputError(
            f"文件中第 {exc.position + 1} 个字符是不可见的控制字符（编号 {exc.character:#06x}），YAML 文件不能含有它。"
            "可能文件的编码不是 UTF-8，或混入了其他文件的内容。请用记事本/WPS 另存为 UTF-8 后重试。",
            filename,
        ) from None
    try:
        node = loader.get_single_node()
    except _Refused as exc:
        where = loader.get_mark()
        raise InputError("数据文件无法读取。", filename, [Problem(str(exc), "", where.line + 1, None)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        what = yaml_problem_zh(exc.problem or "")
        raise InputError(
            "YAML 语法错误，文件无法读取。",
            filename,
            [Problem(f"{what}。请检查这一行及上一行的缩进、冒号和引号（冒号后要有空格，同级内容缩进要对齐）。", "", line, col)],
        ) from None
    except (yaml.YAMLError, RecursionError):
        raise InputError("YAML 格式不正确，文件无法读取。请对照 drafter init 生成的模板检查。", filename) from None
    finally:
        loader.dispose()
    if node is None:
        raise InputError("文件里没有内容。请先填写数据（可用 drafter init 生成模板）。", filename)
    positions: Positions = {}
    problems: list[Problem] = []
    _walk(node, positions, problems, filename)
    if problems:
        if any(p.message.startswith("键") for p in problems):
            raise InputError("同一层级出现了重复的键，后面的值会覆盖前面的值。", filename, problems)
        raise InputError("数据文件中有不真实的数字：", filename, problems)
    constructor = yaml.SafeLoader("")
    try:
        value = constructor.construct_document(node)
    except yaml.YAMLError as exc:
        tag = getattr(exc, "problem", "") or ""
        what = "使用了 drafter 不支持的标签（以 ! 开头）" if "constructor" in tag else "某个值无法识别"
        at = getattr(exc, "problem_mark", None)
        line = at.line + 1 if at else None
        raise InputError("YAML 内容无法解析。", filename, [Problem(f"{what}。请删除它，只写文字和数字。", "", line)]) from None
    except (ValueError, RecursionError):
        raise InputError("YAML 内容无法解析：某个值无法识别。请只写文字和数字。", filename) from None
    return value, positions


def _walk(root: yaml.Node, out: Positions, problems: list[Problem], filename: str) -> None:
    """Record where every value stands; collect duplicate keys and absurd numbers.

    Iterative and bounded: aliases are followed (their values are used where they stand),
    so a few aliases can name a billion values; more than MAX_NODES is refused."""
    stack: list[tuple[yaml.Node, Path_]] = [(root, ())]
    visited = 0
    while stack:
        node, path = stack.pop()
        visited += 1
        if visited > MAX_NODES or len(path) > MAX_DEPTH:
            raise InputError(
                f"数据文件展开后超过 {MAX_NODES} 个值或 {MAX_DEPTH} 层（可能是别名反复引用或引用了自身），"
                "不是有效的数据文件。请对照 drafter init 生成的模板。",
                filename,
            )
        out.setdefault(dotted(path), (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                key = str(key_node.value)
                if key in seen:
                    line = key_node.start_mark.line + 1
                    problems.append(Problem(f"键“{key}”重复出现。请删除或合并其中一处。", dotted(path + (key,)), line))
                seen.add(key)
                stack.append((value_node, path + (key,)))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, path + (i,)) for i, item in enumerate(node.value))
        elif isinstance(node, yaml.ScalarNode) and len(problems) < 10:
            reason = number_text_problem(str(node.value)) if len(str(node.value)) > MAX_DIGITS else None
            if reason:
                problems.append(Problem(f"{reason}。请填写真实的数值。", dotted(path), node.start_mark.line + 1))


_YAML_PROBLEMS = (
    ("mapping values are not allowed here", "这里不能出现“键: 值”（常见原因：冒号后缺空格，或缩进不对）"),
    ("could not find expected ':'", "缺少冒号“:”"),
    ("found character '\\t' that cannot start any token", "用了制表符（Tab）缩进，YAML 只允许空格缩进"),
    ("that cannot start any token", "这里有一个不能出现在开头的字符（如 @、`、% 或制表符），如是文字请加引号"),
    ("expected <block end>, but found", "缩进不一致"),
    ("found unexpected end of stream", "引号或括号没有闭合"),
    ("did not find expected key", "缩进不一致或缺少键"),
    ("found undefined alias", "使用了未定义的别名（*名称）"),
    ("found unknown escape character", "引号内有无法识别的反斜杠转义（如 \\d），请把反斜杠写成两个或改用单引号"),
    ("expected ',' or ']'", "方括号 [ ] 内缺少逗号或右括号"),
    ("expected ',' or '}'", "花括号 { } 内缺少逗号或右括号"),
    ("found duplicate anchor", "同一个锚点（&名称）定义了两次"),
    ("expected alphabetic or numeric character", "& 或 * 后面应是名称"),
    ("found unexpected ':'", "冒号位置不对"),
    ("expected a single document", "文件中有多个文档（出现了 ---），数据文件只能有一个"),
    ("control characters are not allowed", "文件中有不可见的控制字符，请删除"),
    ("unacceptable character", "文件中有不可见的控制字符，请删除"),
    ("could not find expected", "缺少闭合的引号或括号"),
)


def yaml_problem_zh(problem: str) -> str:
    """A YAML parser's complaint in Chinese."""
    for en, zh in _YAML_PROBLEMS:
        if en in problem:
            return zh
    return "格式不正确"


_JSON_PROBLEMS = (
    ("Expecting value", "这里应有一个值（数字、文字、[ ] 或 { }），常见原因是多余的逗号"),
    ("Expecting ',' delimiter", "缺少逗号"),
    ("Expecting ':' delimiter", "缺少冒号"),
    ("Expecting property name enclosed in double quotes", "键名应加英文双引号，或这里有多余的逗号"),
    ("Unterminated string", "引号没有闭合"),
    ("Invalid control character", "引号内有换行或控制字符"),
    ("Extra data", "JSON 结束后还有多余的内容"),
    ("Invalid \\escape", "无法识别的反斜杠转义"),
    ("Invalid \\uXXXX escape", "无法识别的 \\u 转义"),
)


def load_json(text: str, filename: str) -> tuple[Any, Positions]:
    try:
        value = json.loads(text, parse_int=_json_int, parse_float=_json_float, parse_constant=_json_constant)
    except json.JSONDecodeError as exc:
        what = next((zh for en, zh in _JSON_PROBLEMS if exc.msg.startswith(en)), "格式不正确")
        raise InputError(
            "JSON 语法错误，文件无法读取。",
            filename,
            [Problem(f"{what}。请检查这一处的逗号、引号和括号。", "", exc.lineno, exc.colno)],
        ) from None
    except _Refused as exc:
        raise InputError("数据文件无法读取。", filename, [Problem(str(exc))]) from None
    except RecursionError:
        raise InputError(f"JSON 嵌套过深（超过 {MAX_DEPTH} 层），不是有效的数据文件。请对照 drafter init 生成的模板。", filename) from None
    check_structure(value, filename)
    return value, {}


def _json_int(text: str) -> int:
    reason = number_text_problem(text)
    if reason:
        raise _Refused(f"{reason}。请填写真实的数值。")
    return int(text)


def _json_float(text: str) -> float:
    reason = number_text_problem(text)
    if reason:
        raise _Refused(f"{reason}。请填写真实的数值。")
    return float(text)


def _json_constant(text: str) -> float:
    raise _Refused(f"JSON 中的 {text} 不是数字。请填写真实的数值。")
