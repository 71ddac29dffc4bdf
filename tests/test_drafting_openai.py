"""The client path: ChatOpenAI (LangChain) against an OpenAI-compatible server on
127.0.0.1 started by the test. Structured-output methods, reasoning blocks, retries with
Retry-After, timeouts, bad keys, and the whole gate over HTTP."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator

import pytest
from drafting_support import as_json, example, good_answers, good_with, simple_validator
from fake_openai_server import FakeOpenAI, Reply, completion, serve

from drafter.drafting import EndpointConfig, LLMBackend, draft_narrative_sync
from drafter.errors import ConfigError, LLMError

KEY = "sk-test-DO-NOT-LEAK-4242"


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    with serve() as server:
        yield server


GOOD = as_json(["无。"])


def backend(server: FakeOpenAI, **kw) -> LLMBackend:  # type: ignore[no-untyped-def]
    settings = {
        "base_url": server.base_url,
        "model": "fake-model",
        "api_key": KEY,
        "structured_output": "json_mode",
        "timeout": 3,
        "max_retries": 0,
    }
    settings.update(kw)
    return LLMBackend.from_endpoint(EndpointConfig(**settings))


def ask(server: FakeOpenAI, **kw):  # type: ignore[no-untyped-def]
    return asyncio.run(backend(server, **kw).ask([("system", "规则"), ("user", "章节编号：s6_other")]))


@pytest.mark.parametrize("method", ["json_schema", "function_calling", "json_mode", "none"])
def test_each_structured_output_method(fake_openai: FakeOpenAI, method: str) -> None:
    if method == "function_calling":
        fake_openai.push(Reply(200, completion(None, tool_args={"paragraphs": [{"heading": False, "text": "无。"}]})))
    else:
        fake_openai.answer(GOOD)
    answer = ask(fake_openai, structured_output=method)
    assert answer.payload == {"paragraphs": [{"heading": False, "text": "无。"}]}
    assert answer.usage == {"input_tokens": 120, "output_tokens": 80, "total_tokens": 200}
    sent = fake_openai.requests[0]
    assert sent.path == "/v1/chat/completions" and sent.body["model"] == "fake-model"
    assert sent.headers["authorization"] == f"Bearer {KEY}"
    fmt = sent.body.get("response_format")
    if method == "json_schema":
        assert fmt["type"] == "json_schema" and fmt["json_schema"]["schema"]["required"] == ["paragraphs"]
    elif method == "json_mode":
        assert fmt == {"type": "json_object"}
    elif method == "function_calling":
        assert fmt is None and sent.body["tools"][0]["function"]["name"] == "section_draft"
        assert sent.body["tool_choice"]["function"]["name"] == "section_draft"
    else:
        assert fmt is None and "tools" not in sent.body


@pytest.mark.parametrize("method", ["json_schema", "json_mode", "none"])
def test_fenced_json_after_a_think_block(fake_openai: FakeOpenAI, method: str) -> None:
    fake_openai.answer("<think>\n核对：无其他事项。\n</think>\n```json\n" + GOOD + "\n```")
    assert ask(fake_openai, structured_output=method).payload == {"paragraphs": [{"heading": False, "text": "无。"}]}


def test_answer_that_is_not_json_gives_no_payload(fake_openai: FakeOpenAI) -> None:
    fake_openai.answer("好的，我来写：无。")
    answer = ask(fake_openai, structured_output="json_mode")
    assert answer.payload is None and answer.content == "好的，我来写：无。"


def test_server_error_then_success(fake_openai: FakeOpenAI) -> None:
    fake_openai.push(Reply(500, {"error": {"message": "boom"}}))
    fake_openai.answer(GOOD)
    assert ask(fake_openai, max_retries=2).payload is not None
    assert len(fake_openai.requests) == 2


def test_retry_after_is_honoured(fake_openai: FakeOpenAI) -> None:
    fake_openai.push(Reply(429, {"error": {"message": "slow down"}}, headers={"Retry-After": "1"}))
    fake_openai.answer(GOOD)
    assert ask(fake_openai, max_retries=2).payload is not None
    first, second = fake_openai.requests
    assert 0.95 <= second.at - first.at < 3


@pytest.mark.parametrize(("status", "headers"), [(429, {"retry-after-ms": "20"}), (503, {"retry-after-ms": "20"})])
def test_retries_are_bounded(fake_openai: FakeOpenAI, status: int, headers: dict[str, str]) -> None:
    fake_openai.default = Reply(status, {"error": {"message": "busy"}}, headers=headers)
    with pytest.raises(LLMError) as err:
        ask(fake_openai, max_retries=2)
    assert len(fake_openai.requests) == 3  # the first try and two retries, no more
    assert "已重试 2 次" in err.value.message


def test_a_hanging_server_times_out_fast(fake_openai: FakeOpenAI) -> None:
    fake_openai.default = Reply(hang=True)
    started = time.monotonic()
    with pytest.raises(LLMError) as err:
        ask(fake_openai, timeout=0.5, max_retries=1)
    elapsed = time.monotonic() - started
    assert elapsed < 4 and len(fake_openai.requests) == 2
    assert "超时" in err.value.message and "--timeout" in err.value.message


def test_invalid_http_body_is_an_llm_error(fake_openai: FakeOpenAI) -> None:
    fake_openai.push(Reply(200, "{not json"))
    with pytest.raises(LLMError, match="DRAFTER_BASE_URL"):
        ask(fake_openai)


def test_wrong_api_key_names_the_setting_and_hides_the_key(fake_openai: FakeOpenAI) -> None:
    fake_openai.default = Reply(401, {"error": {"message": f"Incorrect API key provided: {KEY}"}})
    with pytest.raises(ConfigError) as err:
        ask(fake_openai, max_retries=2)
    text = err.value.describe()
    assert "DRAFTER_API_KEY" in text and "--api-key" in text and "config.yaml" in text
    assert KEY not in text and len(fake_openai.requests) == 1  # a 401 is not retried


@pytest.mark.parametrize(
    ("status", "hint"),
    [(404, "DRAFTER_MODEL"), (400, "structured_output"), (403, "DRAFTER_API_KEY")],
)
def test_other_client_errors_name_the_setting(fake_openai: FakeOpenAI, status: int, hint: str) -> None:
    fake_openai.default = Reply(status, {"error": {"message": f"rejected {KEY}"}})
    with pytest.raises(ConfigError) as err:
        ask(fake_openai)
    assert hint in err.value.describe() and KEY not in err.value.describe()


def test_connection_refused_names_the_base_url() -> None:
    server = FakeOpenAI().start()
    server.stop()  # the port is now closed
    with pytest.raises(LLMError, match="DRAFTER_BASE_URL"):
        ask(server)


def test_contradiction_over_http_is_repaired(fake_openai: FakeOpenAI) -> None:
    data, notes = example("minggao-2020")
    good = good_answers(data, notes)
    bad = good_with(data, notes, "s1_overview", "全年未收到政府信息公开申请。", "2020年，鸣皋镇共收到政府信息公开申请5件。")
    fake_openai.script("s1_overview", bad, good["s1_overview"])
    fake_openai.script("s5_problems", good["s5_problems"])
    fake_openai.script("s6_other", good["s6_other"])
    narrative = draft_narrative_sync(data, notes, backend(fake_openai), validator=simple_validator)
    s1 = narrative.sections["s1_overview"]
    assert s1.origin == "llm" and "全年未收到政府信息公开申请" in s1.text and len(s1.provenance["attempts"]) == 2
    assert s1.provenance["endpoint"] == fake_openai.base_url.split("//")[1].split("/")[0]
    repair = fake_openai.requests[-1].body["messages"] if len(fake_openai.requests) == 4 else None
    assert repair is not None and any("正文称“5件”" in m["content"] for m in repair if m["role"] == "user")
    assert all(KEY not in str(s.provenance) for s in narrative.sections.values())


def test_timeout_and_retries_always_reach_the_client(fake_openai: FakeOpenAI) -> None:
    chat = backend(fake_openai, timeout=7.5, max_retries=4).chat_model
    assert chat.request_timeout == 7.5 and chat.max_retries == 4
    from drafter.drafting.config import EndpointConfig as Config

    assert Config(model="m").timeout > 0  # a default, never "wait forever"


def test_invalid_json_over_http_is_repaired(fake_openai: FakeOpenAI) -> None:
    data, notes = example("minggao-2020")
    good = good_answers(data, notes)
    fake_openai.script("s1_overview", good["s1_overview"])
    fake_openai.script("s5_problems", good["s5_problems"])
    fake_openai.script("s6_other", '{"paragraphs": [{"heading": false, "text": "无。"', good["s6_other"])
    narrative = draft_narrative_sync(data, notes, backend(fake_openai, structured_output="json_schema"))
    s6 = narrative.sections["s6_other"]
    assert s6.origin == "llm" and s6.text == "无。"
    assert [f["rule"] for f in s6.provenance["attempts"][0]["findings"]] == ["draft.unparseable"]
    assert s6.provenance["usage"]["total_tokens"] == 400  # two answers of 200 tokens each
