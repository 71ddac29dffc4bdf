"""The language-model backend: any LangChain chat model (ChatOpenAI against an
OpenAI-compatible endpoint in production, LangChain's fake chat models in tests).

Structured output is whatever the endpoint supports (a setting, not code): json_schema,
function_calling or json_mode through `with_structured_output(..., include_raw=True)`, or
none (plain text). In every case the raw message is kept, so a fenced or <think>-prefixed
answer is still read, and an unreadable one becomes a finding to repair, not a crash.

HTTP behaviour is the openai client's: a timeout on every request, `max_retries` retries
with exponential backoff on 408/409/429/5xx and connection errors, honouring Retry-After.
Errors that retries cannot fix become ConfigError (wrong key, model, URL) or LLMError.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import SecretStr

from ..errors import ConfigError, LLMError, LLMTimeout
from .answers import OUTPUT_SCHEMA, Answer, extract_json, message_text, usage_of, was_truncated
from .cache import ResponseCache, request_key
from .config import KEY_HINT, EndpointConfig

Messages = list[tuple[str, str]]  # (role, content): role is system / user / assistant


@dataclass
class OfflineBackend:
    """The deterministic composer; no model, no network."""

    name: str = "offline"

    def identity(self) -> dict[str, Any]:
        return {"backend": self.name}


@dataclass
class LLMBackend:
    """A LangChain chat model plus what the provenance and the cache key need to know."""

    chat_model: Any  # langchain_core BaseChatModel
    model: str
    endpoint: str = ""  # host[:port] for provenance (never a key or user info)
    endpoint_url: str = ""  # base URL without credentials, part of the cache key
    structured_output: str = "none"
    name: str = "openai"
    timeout: float | None = None
    max_retries: int | None = None
    time_limit: float | None = None  # seconds for the whole narrative
    parallel: int = 3  # requests at once (a local server with one slot queues the others)
    _slots: Any = field(default=None, repr=False)
    settings: dict[str, Any] = field(default_factory=dict)  # temperature …, part of the cache key
    _secret: str | None = field(default=None, repr=False)  # only to scrub it from error text
    _runnables: dict[int | None, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_endpoint(cls, config: EndpointConfig) -> LLMBackend:
        from langchain_openai import ChatOpenAI

        secret = config.api_key.get_secret_value() if config.api_key else None
        if secret is None and config.host == "api.openai.com":
            raise ConfigError(f"使用 OpenAI 官方端点需要 API 密钥。请设置{KEY_HINT}。")
        kwargs: dict[str, Any] = {}
        if config.temperature is not None:
            kwargs["temperature"] = config.temperature
        chat = ChatOpenAI(
            model=config.model,
            base_url=config.base_url,
            api_key=SecretStr(secret or "not-needed"),  # local servers (vLLM, Ollama) accept any key
            timeout=config.timeout,
            max_retries=config.max_retries,
            **kwargs,
        )
        return cls(
            chat_model=chat,
            model=config.model,
            endpoint=config.host,
            endpoint_url=config.public_url,
            structured_output=config.structured_output,
            name="openai",
            timeout=config.timeout,
            max_retries=config.max_retries,
            time_limit=config.time_limit,
            parallel=config.parallel,
            settings={"temperature": config.temperature},
            _secret=secret,
        )

    def identity(self) -> dict[str, Any]:
        return {
            "backend": self.name,
            "model": self.model,
            "endpoint": self.endpoint,
            "structured_output": self.structured_output,
        }

    def bounded(self, max_tokens: int | None) -> Any:
        """The chat model with an output bound. OpenAI itself takes max_completion_tokens
        (LangChain's field); the OpenAI-compatible servers (vLLM, llama.cpp, Ollama, DeepSeek …)
        all read max_tokens, so elsewhere that is what the request body carries."""
        if max_tokens is None or not hasattr(self.chat_model, "model_copy"):
            return self.chat_model
        if self.endpoint == "api.openai.com":
            return self.chat_model.model_copy(update={"max_tokens": max_tokens})
        extra = {**(getattr(self.chat_model, "extra_body", None) or {}), "max_tokens": max_tokens}
        return self.chat_model.model_copy(update={"extra_body": extra})

    def runnable(self, max_tokens: int | None = None) -> Any:
        if max_tokens not in self._runnables:
            chat = self.bounded(max_tokens)
            if self.structured_output == "none":
                self._runnables[max_tokens] = chat
            else:
                self._runnables[max_tokens] = chat.with_structured_output(
                    OUTPUT_SCHEMA, method=self.structured_output, include_raw=True
                )
        return self._runnables[max_tokens]

    async def ask(self, messages: Messages, max_tokens: int | None = None) -> Answer:
        from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

        kinds = {"system": SystemMessage, "user": HumanMessage, "assistant": AIMessage}
        lc_messages = [kinds[role](content=content) for role, content in messages]
        try:
            result = await self.runnable(max_tokens).ainvoke(lc_messages)
        except Exception as exc:  # mapped when it is the client's; re-raised otherwise
            cut = truncated_answer(exc)
            if cut is not None:
                return cut
            mapped = self.map_error(exc)
            if mapped is None:
                raise
            raise mapped from None
        # LangChain's own parse is not used: its JSON parser completes truncated JSON (it is
        # built for streaming), and a cut-off section must not pass as a whole one.
        raw = result["raw"] if isinstance(result, dict) and "raw" in result else result
        content = message_text(raw)
        tool_calls = getattr(raw, "tool_calls", None) or []
        if not content.strip() and tool_calls:
            content = json.dumps(tool_calls[0].get("args", {}), ensure_ascii=False)
        payload = extract_json(content)
        return Answer(content=content, payload=payload, usage=usage_of(raw), truncated=was_truncated(raw))

    async def ask_cached(
        self,
        messages: Messages,
        cache: ResponseCache | None,
        prompts: dict[str, int],
        max_tokens: int | None = None,
    ) -> Answer:
        key = request_key(
            {
                "backend": self.name,
                "endpoint": self.endpoint_url or self.endpoint,
                "model": self.model,
                "structured_output": self.structured_output,
                "settings": self.settings,
                "max_tokens": max_tokens,
                "prompts": prompts,
                "messages": messages,
            }
        )
        if cache is not None:
            entry = cache.get(key)
            if entry is not None:
                return Answer.from_cache(entry)
        import asyncio

        if self._slots is None:
            self._slots = asyncio.Semaphore(max(1, self.parallel))
        async with self._slots:
            answer = await self.ask(messages, max_tokens)
        if cache is not None:
            cache.put(key, answer.to_cache())
        return answer

    # -- errors
    def scrub(self, text: str) -> str:
        if self._secret:
            text = text.replace(self._secret, "***")
        return text[:300]

    def server_reason(self, exc: Exception) -> str:
        """The server's own words for a refused request (its JSON error message), scrubbed."""
        body = getattr(exc, "body", None)
        reason: Any = None
        if isinstance(body, dict):
            err = body.get("error", body)
            reason = err.get("message") if isinstance(err, dict) else err
            reason = reason or body.get("message") or body.get("detail")
        reason = reason or getattr(exc, "message", None) or str(exc)
        return self.scrub(" ".join(str(reason).split()))[:200].rstrip("。.")

    def map_error(self, exc: Exception) -> Exception | None:
        """A domain error (Chinese, naming the setting to fix) for an openai client error."""
        try:
            import openai
        except ImportError:  # pragma: no cover - openai is a dependency
            return None
        host = self.endpoint or "端点"
        if isinstance(exc, (json.JSONDecodeError, openai.APIResponseValidationError)):
            return LLMError(
                f"{host} 的回应不是兼容 OpenAI 接口的 JSON。请检查 --base-url / DRAFTER_BASE_URL 是否指向 "
                f"chat/completions 接口（通常以 /v1 结尾）。{OFFLINE_HINT}"
            )
        tries = f"，已重试 {self.max_retries} 次" if self.max_retries else ""
        if isinstance(exc, openai.AuthenticationError):
            return ConfigError(f"{host} 拒绝了 API 密钥（HTTP 401）。请检查{KEY_HINT}。")
        if isinstance(exc, openai.PermissionDeniedError):
            return ConfigError(
                f"{host} 拒绝访问（HTTP 403）：这个 API 密钥无权使用模型“{self.model}”。请检查{KEY_HINT}，或换用 --model。"
            )
        if isinstance(exc, openai.NotFoundError):
            return ConfigError(
                f"{host} 找不到模型“{self.model}”或接口地址不对（HTTP 404）。请检查 --model / DRAFTER_MODEL，"
                "以及 --base-url / DRAFTER_BASE_URL（通常以 /v1 结尾）。"
            )
        if isinstance(exc, openai.BadRequestError):
            return ConfigError(f"{host} 拒绝了请求（HTTP 400），服务器说明：{self.server_reason(exc)}。{self.bad_request_hint()}")
        if isinstance(exc, openai.APITimeoutError):
            return LLMTimeout(
                f"请求 {host} 超时（每次等待 {(self.timeout or 0):g} 秒{tries}）。请确认模型服务在运行、没有过载，"
                f"或用 --timeout（环境变量 DRAFTER_TIMEOUT、配置文件中的 timeout）调大等待时间。{OFFLINE_HINT}"
            )
        if isinstance(exc, openai.APIConnectionError):
            return LLMError(
                f"无法连接到模型服务 {host}{tries}。请确认服务已启动、地址正确（--base-url / DRAFTER_BASE_URL，"
                f"或配置文件中的 base_url），并检查网络。{OFFLINE_HINT}"
            )
        if isinstance(exc, openai.APIStatusError):
            reason = self.server_reason(exc)
            code = exc.status_code
            if code == 402 or _NO_BALANCE.search(reason):
                return LLMError(
                    f"{host} 拒绝了请求（HTTP {code}），服务器说明：{reason}。这通常是账户余额不足或额度用完，"
                    f"重试不会好转：请到模型服务商处充值或查看额度，或换用其他端点（--endpoint / --base-url）。{OFFLINE_HINT}"
                )
            if isinstance(exc, openai.RateLimitError):
                return LLMError(
                    f"{host} 请求过于频繁（HTTP 429）{tries}仍失败，服务器说明：{reason}。请稍后再试，"
                    f"或用 --max-retries（环境变量 DRAFTER_MAX_RETRIES、配置文件中的 max_retries）调大重试次数。{OFFLINE_HINT}"
                )
            if code >= 500:
                return LLMError(
                    f"模型服务 {host} 出错（HTTP {code}）{tries}仍失败，服务器说明：{reason}。"
                    f"请稍后再试，或查看模型服务的日志。{OFFLINE_HINT}"
                )
            return LLMError(
                f"{host} 拒绝了请求（HTTP {code}），服务器说明：{reason}。请检查端点设置（--base-url、--model）。{OFFLINE_HINT}"
            )
        if isinstance(exc, (IndexError, TypeError, AttributeError, KeyError)) and _raised_by_client(exc):
            # an answer without choices or message (choices: [] / null) breaks the client's parse
            return LLMError(
                f"{host} 的回应中没有模型的答案（choices 为空或缺少 message）。请确认端点和模型可用。{OFFLINE_HINT}"
            )
        return None

    def bad_request_hint(self) -> str:
        """What to try after a 400: never the structured-output mode already in use."""
        where = "（也可用环境变量 DRAFTER_STRUCTURED_OUTPUT 或配置文件中端点的 structured_output）"
        others = {"json_schema": "json_mode 或 none", "function_calling": "json_mode 或 none", "json_mode": "none"}
        if self.structured_output in others:
            return (
                f"如果是端点不支持当前的结构化输出方式“{self.structured_output}”，请加 --structured-output "
                f"{others[self.structured_output].replace(' 或 ', '（或 ')}{'）' if ' 或 ' in others[self.structured_output] else ''}"
                f"再试{where}。"
            )
        return "请检查 --model 是否为该端点提供的模型，以及端点对请求长度的限制。"


def truncated_answer(exc: Exception) -> Answer | None:
    """An answer the endpoint cut at the output bound, which the openai client raises as an
    error in some structured-output modes: a finding to repair, not a failure."""
    if type(exc).__name__ != "LengthFinishReasonError":
        return None
    completion = getattr(exc, "completion", None)
    try:
        content = completion.choices[0].message.content or ""  # type: ignore[union-attr]
    except (AttributeError, IndexError, TypeError):
        content = ""
    usage = getattr(completion, "usage", None)
    tokens = {}
    if usage is not None:
        tokens = {
            "input_tokens": int(getattr(usage, "prompt_tokens", 0) or 0),
            "output_tokens": int(getattr(usage, "completion_tokens", 0) or 0),
            "total_tokens": int(getattr(usage, "total_tokens", 0) or 0),
        }
    return Answer(content=content, payload=None, usage=tokens, truncated=True)


OFFLINE_HINT = "暂时不用模型，可加 --backend offline 离线起草。"
_NO_BALANCE = re.compile(r"insufficient|balance|quota|余额|欠费|额度", re.I)


def _raised_by_client(exc: BaseException) -> bool:
    """True when the innermost frame of `exc` is in the OpenAI or LangChain client code."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    module = str(tb.tb_frame.f_globals.get("__name__", "")) if tb is not None else ""
    return module.startswith(("openai", "langchain"))
