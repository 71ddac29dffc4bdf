"""Endpoint settings for the `openai` backend: base URL, model, key and what the endpoint
can do, from (highest first) command-line options, the environment and the config file.

Environment: DRAFTER_BASE_URL, DRAFTER_MODEL, DRAFTER_API_KEY, DRAFTER_ENDPOINT
(falling back to OPENAI_BASE_URL / OPENAI_API_KEY), and DRAFTER_STRUCTURED_OUTPUT,
DRAFTER_MAX_RETRIES, DRAFTER_TIMEOUT, DRAFTER_TIME_LIMIT for what the endpoint can do and how
long to wait. Config file: DRAFTER_CONFIG_DIR or the
user config folder, `config.yaml`:

    default_endpoint: local
    endpoints:
      local:
        base_url: http://127.0.0.1:8000/v1
        model: qwen2.5-14b-instruct
        api_key_env: LOCAL_LLM_KEY      # or api_key: … (the file is then a secret)
        structured_output: json_mode     # json_schema | function_calling | json_mode | none
        timeout: 60                      # seconds per request
        max_retries: 2
        time_limit: 300                  # seconds for the whole narrative
        parallel: 1                      # requests at once (default 1 on this machine, else 3)
        temperature: 0.2

The key is a SecretStr: it never appears in a repr, a log line, the cache or any output.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from ..errors import ConfigError, Problem

StructuredOutput = Literal["json_schema", "function_calling", "json_mode", "none"]
STRUCTURED_OUTPUTS: tuple[str, ...] = ("json_schema", "function_calling", "json_mode", "none")
DEFAULT_BASE_URL = "https://api.openai.com/v1"
DEFAULT_TIMEOUT = 60.0
DEFAULT_MAX_RETRIES = 2
DEFAULT_TIME_LIMIT = 300.0
CONFIG_FILE = "config.yaml"
KEY_HINT = "环境变量 DRAFTER_API_KEY、命令行选项 --api-key，或配置文件 config.yaml 中端点的 api_key / api_key_env"


class EndpointFile(BaseModel):
    """One endpoint as written in config.yaml."""

    model_config = ConfigDict(extra="forbid")

    base_url: str | None = None
    model: str | None = None
    api_key: SecretStr | None = None
    api_key_env: str | None = None
    structured_output: StructuredOutput = "json_mode"
    timeout: float = Field(default=DEFAULT_TIMEOUT, gt=0, le=3600)
    max_retries: int = Field(default=DEFAULT_MAX_RETRIES, ge=0, le=10)
    time_limit: float = Field(default=DEFAULT_TIME_LIMIT, gt=0, le=86400)
    parallel: int | None = Field(default=None, ge=1, le=16)
    temperature: float | None = Field(default=0.2, ge=0, le=2)


class ConfigFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    default_endpoint: str | None = None
    endpoints: dict[str, EndpointFile] = Field(default_factory=dict)


class EndpointConfig(BaseModel):
    """A resolved endpoint: everything the LangChain client needs."""

    model_config = ConfigDict(frozen=True)

    name: str = "default"
    base_url: str = DEFAULT_BASE_URL
    model: str
    api_key: SecretStr | None = None
    structured_output: StructuredOutput = "json_mode"
    timeout: float = Field(default=DEFAULT_TIMEOUT, gt=0)
    max_retries: int = Field(default=DEFAULT_MAX_RETRIES, ge=0)
    time_limit: float = Field(default=DEFAULT_TIME_LIMIT, gt=0)
    parallel: int = Field(default=3, ge=1)
    temperature: float | None = 0.2

    @property
    def host(self) -> str:
        """host[:port] of the base URL, without any user:password part."""
        parts = urlsplit(self.base_url)
        host = parts.hostname or ""
        return f"{host}:{parts.port}" if parts.port else host

    @property
    def public_url(self) -> str:
        """The base URL without user info, query or fragment (safe to record and hash)."""
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{self.host}{parts.path}".rstrip("/")


class EndpointOptions(BaseModel):
    """What the command line said (None: not given)."""

    endpoint: str | None = None
    base_url: str | None = None
    model: str | None = None
    api_key: str | None = None
    timeout: float | None = None
    structured_output: StructuredOutput | None = None
    max_retries: int | None = None
    time_limit: float | None = None


def user_config_dir(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    if env.get("DRAFTER_CONFIG_DIR"):
        return Path(env["DRAFTER_CONFIG_DIR"])
    if sys.platform == "win32" and env.get("APPDATA"):
        return Path(env["APPDATA"]) / "drafter"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "drafter"
    base = env.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "drafter"


def load_config_file(directory: Path) -> ConfigFile:
    path = directory / CONFIG_FILE
    if not path.is_file():
        return ConfigFile()
    from ..errors import InputError
    from ..sourcemap import load_yaml
    from ..textio import decode_text, read_bytes

    try:  # bounded, regular files only, and the parser's complaints in Chinese
        text = decode_text(read_bytes(path, 1_000_000), str(path))
        written = any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines())
        raw = load_yaml(text, str(path))[0] if written else {}
    except InputError as exc:
        raise ConfigError(f"配置文件无法读取：{exc.message}", str(path), exc.problems) from None
    try:
        return ConfigFile.model_validate(raw)
    except ValidationError as exc:
        problems = [
            Problem(_pydantic_message(err), ".".join(str(p) for p in err["loc"]))
            for err in exc.errors(include_input=False, include_url=False)
        ]
        raise ConfigError(f"配置文件有 {len(problems)} 处问题：", str(path), problems) from None


def _pydantic_message(err: Mapping[str, object]) -> str:
    kind = err.get("type", "")
    if kind == "extra_forbidden":
        return "不认识的设置项。可用：base_url、model、api_key、api_key_env、structured_output、timeout、max_retries、time_limit、parallel、temperature。"
    if kind == "literal_error":
        return f"取值无效，可选：{'、'.join(STRUCTURED_OUTPUTS)}。"
    limits = err.get("ctx") if isinstance(err.get("ctx"), dict) else {}
    assert isinstance(limits, dict)
    said = {
        "string_type": "应为文字", "float_parsing": "应为数字", "float_type": "应为数字", "int_parsing": "应为整数",
        "int_type": "应为整数", "int_from_float": "应为整数", "bool_parsing": "应为 true 或 false",
        "bool_type": "应为 true 或 false", "dict_type": "应写成“设置项: 值”的形式", "model_type": "应写成“设置项: 值”的形式",
        "greater_than_equal": f"不能小于 {limits.get('ge')}", "less_than_equal": f"不能大于 {limits.get('le')}",
        "greater_than": f"应大于 {limits.get('gt')}", "less_than": f"应小于 {limits.get('lt')}",
    }.get(str(kind))
    return f"取值无效：{said}。请对照 README 中 config.yaml 的示例修改。" if said else "取值无效。请对照 README 中 config.yaml 的示例修改。"


def _env_setting(env: Mapping[str, str], name: str, kind: type, low: float, high: float) -> float | None:
    """A number from DRAFTER_<name>, or None; a bad value is an error naming the variable."""
    raw = env.get(name, "").strip()
    if not raw:
        return None
    try:
        value = kind(raw)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        unit = "整数" if kind is int else "数字"
        raise ConfigError(f"环境变量 {name} 的值“{raw[:20]}”无效，应为 {low:g} 到 {high:g} 之间的{unit}。请改正或删除这个环境变量。")
    return value


def _env_structured(env: Mapping[str, str]) -> StructuredOutput | None:
    raw = env.get("DRAFTER_STRUCTURED_OUTPUT", "").strip()
    if not raw:
        return None
    if raw not in STRUCTURED_OUTPUTS:
        raise ConfigError(
            f"环境变量 DRAFTER_STRUCTURED_OUTPUT 的值“{raw[:20]}”无效，可选：{'、'.join(STRUCTURED_OUTPUTS)}。"
        )
    return raw  # type: ignore[return-value]


def resolve_endpoint(
    options: EndpointOptions | None = None,
    env: Mapping[str, str] | None = None,
    config_dir: Path | None = None,
) -> EndpointConfig | None:
    """The endpoint to use, or None when nothing names a model (then: offline backend)."""
    options = options or EndpointOptions()
    env = dict(os.environ) if env is None else dict(env)
    directory = config_dir if config_dir is not None else user_config_dir(env)
    config = load_config_file(directory)
    name = options.endpoint or env.get("DRAFTER_ENDPOINT") or config.default_endpoint
    if name is None and len(config.endpoints) == 1:
        name = next(iter(config.endpoints))
    if name is not None and name not in config.endpoints:
        known = "、".join(config.endpoints) or "（配置文件中没有任何端点）"
        raise ConfigError(
            f"找不到名为“{name}”的端点。已配置的端点：{known}。请检查 --endpoint / DRAFTER_ENDPOINT 或配置文件。",
            str(directory / CONFIG_FILE),
        )
    ep = config.endpoints.get(name) if name else None
    ep = ep or EndpointFile()
    model = options.model or env.get("DRAFTER_MODEL") or ep.model
    explicit_url = options.base_url or env.get("DRAFTER_BASE_URL") or ep.base_url
    if not model:
        if explicit_url:
            raise ConfigError(
                "已指定端点地址但没有指定模型。请用 --model、环境变量 DRAFTER_MODEL 或配置文件中端点的 model 指定模型名称。"
            )
        return None
    base_url = explicit_url or env.get("OPENAI_BASE_URL") or DEFAULT_BASE_URL
    if not urlsplit(base_url).scheme.startswith("http") or not urlsplit(base_url).hostname:
        raise ConfigError(
            f"端点地址“{urlsplit(base_url).hostname or base_url[:40]}”无效，应形如 http://127.0.0.1:8000/v1。"
            "请检查 --base-url、DRAFTER_BASE_URL 或配置文件中的 base_url。"
        )
    key: str | None = options.api_key or env.get("DRAFTER_API_KEY")
    if not key and ep.api_key is not None:
        key = ep.api_key.get_secret_value()
    if not key and ep.api_key_env:
        key = env.get(ep.api_key_env)
    if not key and not explicit_url:
        # OPENAI_API_KEY goes only to OPENAI_BASE_URL or OpenAI itself, never to a host the
        # drafter settings named: a key is not sent where its owner did not mean it to go.
        key = env.get("OPENAI_API_KEY")
    return EndpointConfig(
        name=name or "default",
        base_url=base_url,
        model=model,
        api_key=SecretStr(key) if key else None,
        structured_output=options.structured_output or _env_structured(env) or ep.structured_output,
        timeout=options.timeout or _env_setting(env, "DRAFTER_TIMEOUT", float, 0.1, 3600) or ep.timeout,
        max_retries=_first(options.max_retries, _env_setting(env, "DRAFTER_MAX_RETRIES", int, 0, 10), ep.max_retries),
        time_limit=options.time_limit or _env_setting(env, "DRAFTER_TIME_LIMIT", float, 1, 86400) or ep.time_limit,
        parallel=ep.parallel or (1 if _local(base_url) else 3),
        temperature=ep.temperature,
    )


def _first(*values: float | None) -> int:
    """The first value given (0 counts: retries may be switched off)."""
    return int(next(v for v in values if v is not None))  # type: ignore[arg-type]


def _local(base_url: str) -> bool:
    """A server on this machine (llama.cpp, Ollama) usually answers one request at a time:
    sending three at once only makes two of them wait past their timeout."""
    host = urlsplit(base_url).hostname or ""
    return host in ("localhost", "::1") or host.startswith("127.")
