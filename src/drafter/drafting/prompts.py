"""Prompt templates as data: `prompts/NAME.j2` files with a YAML front matter (version,
role, variables), loaded through a strict model and rendered in a sandboxed Jinja2
environment with StrictUndefined.

- A variable the template uses but does not declare, or declares but does not use, is an
  error when the template is loaded.
- Rendering without a declared variable, or with an undeclared one, is an error.
- Values are data: a clerk's note containing ``{{ 7*7 }}`` is printed as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import ConfigError

_FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class PromptError(ConfigError):
    """A prompt template is missing, malformed, or rendered with the wrong variables."""


class PromptMeta(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int = Field(ge=1)
    role: Literal["system", "user"]
    description: str
    variables: tuple[str, ...]


@dataclass(frozen=True)
class Prompt:
    name: str
    meta: PromptMeta
    source: str  # the template body (front matter removed)
    path: Path

    @property
    def version(self) -> int:
        return self.meta.version

    @property
    def ref(self) -> str:
        """name@version, as recorded in provenance."""
        return f"{self.name}@{self.meta.version}"

    def render(self, **variables: Any) -> str:
        declared = set(self.meta.variables)
        missing = declared - variables.keys()
        extra = variables.keys() - declared
        if missing or extra:
            detail = "；".join(
                part
                for part in (
                    f"缺少变量 {', '.join(sorted(missing))}" if missing else "",
                    f"多出未声明的变量 {', '.join(sorted(extra))}" if extra else "",
                )
                if part
            )
            raise PromptError(
                f"提示词模板 {self.name} 渲染失败：{detail}。请检查模板的 variables 声明。", str(self.path)
            )
        from jinja2 import TemplateError

        try:
            return _compiled(self.source).render(**variables).strip() + "\n"
        except TemplateError as exc:
            raise PromptError(f"提示词模板 {self.name} 渲染失败：{exc}", str(self.path)) from None


@lru_cache(maxsize=64)
def _compiled(source: str):  # type: ignore[no-untyped-def]
    """A template compiled once per source text (compiling costs far more than rendering)."""
    return _environment().from_string(source)


def _environment():  # type: ignore[no-untyped-def]
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)


def parse_prompt(name: str, text: str, path: Path) -> Prompt:
    if not _NAME.match(name):
        raise PromptError(f"提示词模板文件名“{name}”无效，只能用小写字母、数字和下划线。", str(path))
    m = _FRONT.match(text)
    if not m:
        raise PromptError("提示词模板缺少开头的 --- front matter（version、role、description、variables）。", str(path))
    try:
        raw = yaml.safe_load(m.group(1))
        meta = PromptMeta.model_validate(raw)
    except (yaml.YAMLError, ValidationError) as exc:
        raise PromptError(f"提示词模板的 front matter 无效：{exc}", str(path)) from None
    source = text[m.end() :]
    from jinja2 import TemplateSyntaxError
    from jinja2 import meta as jmeta

    env = _environment()
    try:
        used = jmeta.find_undeclared_variables(env.parse(source))
    except TemplateSyntaxError as exc:
        raise PromptError(f"提示词模板第 {exc.lineno} 行语法错误：{exc.message}", str(path)) from None
    declared = set(meta.variables)
    if used - declared:
        raise PromptError(f"提示词模板使用了未声明的变量：{', '.join(sorted(used - declared))}。", str(path))
    if declared - used:
        raise PromptError(f"提示词模板声明了却没有使用的变量：{', '.join(sorted(declared - used))}。", str(path))
    return Prompt(name, meta, source, path)


class PromptLibrary:
    """The prompt templates of one folder (default: the shipped prompts/)."""

    def __init__(self, directory: Path | None = None):
        if directory is None:
            from ..assets import asset_dir

            directory = asset_dir("prompts")
        self.directory = Path(directory)
        self._cache: dict[str, Prompt] = {}

    def get(self, name: str) -> Prompt:
        if name not in self._cache:
            path = self.directory / f"{name}.j2"
            if not path.is_file():
                raise PromptError(f"找不到提示词模板 {name}.j2。请重新安装 drafter。", str(self.directory))
            self._cache[name] = parse_prompt(name, path.read_text("utf-8"), path)
        return self._cache[name]

    def render(self, name: str, **variables: Any) -> str:
        return self.get(name).render(**variables)
