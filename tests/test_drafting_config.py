"""Endpoint settings: options over environment over config file; the key stays secret."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from drafter.drafting.config import EndpointOptions, resolve_endpoint, user_config_dir
from drafter.errors import ConfigError

KEY = "sk-test-DO-NOT-LEAK-1234"


def config_dir() -> Path:
    return Path(os.environ["DRAFTER_CONFIG_DIR"])


def write_config(text: str) -> None:
    config_dir().mkdir(parents=True, exist_ok=True)
    (config_dir() / "config.yaml").write_text(text, "utf-8")


def test_nothing_configured_means_offline() -> None:
    assert resolve_endpoint() is None
    assert user_config_dir() == config_dir()  # the autouse fixture's temp folder


def test_environment_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DRAFTER_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("DRAFTER_MODEL", "qwen")
    monkeypatch.setenv("DRAFTER_API_KEY", KEY)
    ep = resolve_endpoint()
    assert ep is not None and ep.model == "qwen" and ep.host == "127.0.0.1:9"
    assert ep.api_key is not None and ep.api_key.get_secret_value() == KEY
    assert KEY not in repr(ep) and KEY not in str(ep.model_dump())


def test_options_beat_environment_beat_config_file(monkeypatch: pytest.MonkeyPatch) -> None:
    write_config(
        "endpoints:\n  local:\n    base_url: http://10.0.0.1:8000/v1\n    model: file-model\n"
        "    structured_output: function_calling\n    timeout: 30\n    max_retries: 4\n    temperature: 0\n"
    )
    ep = resolve_endpoint()
    assert ep is not None and (ep.name, ep.model, ep.structured_output, ep.timeout, ep.max_retries, ep.temperature) == (
        "local",
        "file-model",
        "function_calling",
        30,
        4,
        0,
    )
    monkeypatch.setenv("DRAFTER_MODEL", "env-model")
    assert resolve_endpoint().model == "env-model"  # type: ignore[union-attr]
    ep = resolve_endpoint(EndpointOptions(model="cli-model", base_url="http://127.0.0.1:1/v1", timeout=5))
    assert ep is not None and (ep.model, ep.host, ep.timeout) == ("cli-model", "127.0.0.1:1", 5)


def test_key_from_named_environment_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    write_config(
        "default_endpoint: b\nendpoints:\n  a: {model: m1}\n  b: {base_url: 'http://h:1/v1', model: m2, api_key_env: MY_KEY}\n"
    )
    monkeypatch.setenv("MY_KEY", KEY)
    ep = resolve_endpoint()
    assert ep is not None and ep.model == "m2" and ep.api_key.get_secret_value() == KEY  # type: ignore[union-attr]
    assert resolve_endpoint(EndpointOptions(endpoint="a")).model == "m1"  # type: ignore[union-attr]


def test_openai_variables_are_the_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:7/v1")
    ep = resolve_endpoint(EndpointOptions(model="m"))
    assert ep is not None and ep.host == "127.0.0.1:7" and ep.api_key.get_secret_value() == KEY  # type: ignore[union-attr]


def test_openai_key_is_not_sent_to_another_host(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    ep = resolve_endpoint(EndpointOptions(model="m", base_url="http://127.0.0.1:8/v1"))
    assert ep is not None and ep.api_key is None


def test_user_info_never_reaches_provenance() -> None:
    ep = resolve_endpoint(EndpointOptions(model="m", base_url="https://user:pw@llm.example.org:8443/v1?x=1"))
    assert ep is not None and ep.host == "llm.example.org:8443"
    assert ep.public_url == "https://llm.example.org:8443/v1"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("endpoints:\n  a: {model: m, colour: red}\n", "endpoints.a.colour"),
        ("endpoints:\n  a: {model: m, structured_output: xml}\n", "endpoints.a.structured_output"),
        ("endpoints:\n  a: {model: m, timeout: -1}\n", "endpoints.a.timeout"),
    ],
)
def test_bad_config_file_names_the_place(text: str, place: str) -> None:
    write_config(text)
    with pytest.raises(ConfigError) as err:
        resolve_endpoint()
    assert place in err.value.describe() and "config.yaml" in err.value.describe()


def test_unreadable_yaml_and_unknown_endpoint() -> None:
    write_config("endpoints: [\n")
    with pytest.raises(ConfigError, match="YAML"):
        resolve_endpoint()
    write_config("endpoints:\n  a: {model: m}\n")
    with pytest.raises(ConfigError, match="找不到名为“b”的端点"):
        resolve_endpoint(EndpointOptions(endpoint="b"))


def test_url_without_model_and_bad_url() -> None:
    with pytest.raises(ConfigError, match="DRAFTER_MODEL"):
        resolve_endpoint(EndpointOptions(base_url="http://127.0.0.1:1/v1"))
    with pytest.raises(ConfigError, match="DRAFTER_BASE_URL"):
        resolve_endpoint(EndpointOptions(model="m", base_url="localhost:8000"))


def test_structured_output_retries_and_time_limit_from_each_source(monkeypatch: pytest.MonkeyPatch) -> None:
    write_config(
        "endpoints:\n  local:\n    base_url: http://127.0.0.1:9/v1\n    model: m\n"
        "    structured_output: json_schema\n    max_retries: 4\n    time_limit: 900\n    parallel: 2\n"
    )
    ep = resolve_endpoint()
    assert ep is not None
    assert (ep.structured_output, ep.max_retries, ep.time_limit, ep.parallel) == ("json_schema", 4, 900, 2)
    monkeypatch.setenv("DRAFTER_STRUCTURED_OUTPUT", "none")
    monkeypatch.setenv("DRAFTER_MAX_RETRIES", "0")
    monkeypatch.setenv("DRAFTER_TIME_LIMIT", "120")
    monkeypatch.setenv("DRAFTER_TIMEOUT", "30")
    ep = resolve_endpoint()
    assert ep is not None
    assert (ep.structured_output, ep.max_retries, ep.time_limit, ep.timeout) == ("none", 0, 120, 30)
    ep = resolve_endpoint(EndpointOptions(structured_output="json_mode", max_retries=1, time_limit=60))
    assert ep is not None and (ep.structured_output, ep.max_retries, ep.time_limit) == ("json_mode", 1, 60)


@pytest.mark.parametrize(
    ("name", "value"),
    [("DRAFTER_STRUCTURED_OUTPUT", "xml"), ("DRAFTER_MAX_RETRIES", "-1"), ("DRAFTER_TIME_LIMIT", "soon")],
)
def test_a_bad_environment_value_is_refused_by_name(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    monkeypatch.setenv("DRAFTER_MODEL", "m")
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as err:
        resolve_endpoint()
    assert name in err.value.message and value in err.value.message
