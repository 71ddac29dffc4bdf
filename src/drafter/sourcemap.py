"""Load YAML or JSON into plain Python objects while remembering where each value
stood in the file, so that every problem can name its line and column.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from .errors import InputError, Problem

Path_ = tuple[str | int, ...]
Positions = dict[str, tuple[int, int]]  # dotted path -> (line, column), both 1-based


def dotted(path: Path_) -> str:
    return ".".join(str(p) for p in path)


def load_yaml(text: str, filename: str) -> tuple[Any, Positions]:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
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
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        raise InputError(f"YAML 无法读取：{exc}", filename) from None
    if node is None:
        raise InputError("文件里没有内容。请先填写数据（可用 drafter init 生成模板）。", filename)
    positions: Positions = {}
    duplicates: list[Problem] = []
    _walk(node, (), positions, duplicates)
    if duplicates:
        raise InputError("同一层级出现了重复的键，后面的值会覆盖前面的值。", filename, duplicates)
    constructor = yaml.SafeLoader("")
    try:
        value = constructor.construct_document(node)
    except yaml.YAMLError as exc:
        raise InputError(f"YAML 内容无法解析：{exc}", filename) from None
    return value, positions


def _walk(node: yaml.Node, path: Path_, out: Positions, dups: list[Problem]) -> None:
    out[dotted(path)] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                line = key_node.start_mark.line + 1
                dups.append(Problem(f"键“{key}”重复出现。请删除或合并其中一处。", dotted(path + (key,)), line))
            seen.add(key)
            _walk(value_node, path + (key,), out, dups)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, path + (i,), out, dups)


_YAML_PROBLEMS = {
    "mapping values are not allowed here": "这里不能出现“键: 值”（常见原因：冒号后缺空格，或缩进不对）",
    "could not find expected ':'": "缺少冒号“:”",
    "found character '\\t' that cannot start any token": "用了制表符（Tab）缩进，YAML 只允许空格缩进",
    "expected <block end>, but found": "缩进不一致",
    "found unexpected end of stream": "引号或括号没有闭合",
    "did not find expected key": "缩进不一致或缺少键",
    "found undefined alias": "使用了未定义的别名",
    "expected ','": "方括号“[ ]”或花括号“{ }”没有闭合，或其中的逗号不对（逗号要用英文逗号）",
}


def yaml_problem_zh(problem: str) -> str:
    """A YAML parser's complaint in Chinese."""
    for en, zh in _YAML_PROBLEMS.items():
        if problem.startswith(en.split("'")[0]) and en.split(",")[0] in problem:
            return zh
    return f"语法错误（{problem}）"


def load_json(text: str, filename: str) -> tuple[Any, Positions]:
    try:
        return json.loads(text), {}
    except json.JSONDecodeError as exc:
        raise InputError(
            "JSON 语法错误，文件无法读取。",
            filename,
            [Problem(f"{exc.msg}。请检查这一处的逗号、引号和括号。", "", exc.lineno, exc.colno)],
        ) from None
