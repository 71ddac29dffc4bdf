"""Drafting the narrative (一 总体情况, 五 问题及改进, 六 其他事项): an offline composer and a
LangChain model backend, both gated by the validator. Importing this package does not
import langchain or openai; they are loaded when an LLM backend is built.
"""

from __future__ import annotations

from .cache import ResponseCache, user_cache_dir
from .config import EndpointConfig, EndpointOptions, resolve_endpoint, user_config_dir
from .gate import Validator
from .llm import LLMBackend, OfflineBackend
from .offline import compose_offline
from .pipeline import (
    DEFAULT_MAX_REPAIRS,
    default_validator,
    draft_narrative,
    draft_narrative_sync,
    final_findings,
    report_provenance,
)
from .prompts import PromptLibrary
from .register import self_reference

__all__ = [
    "DEFAULT_MAX_REPAIRS",
    "EndpointConfig",
    "EndpointOptions",
    "LLMBackend",
    "OfflineBackend",
    "PromptLibrary",
    "ResponseCache",
    "Validator",
    "compose_offline",
    "default_validator",
    "draft_narrative",
    "draft_narrative_sync",
    "final_findings",
    "report_provenance",
    "resolve_endpoint",
    "self_reference",
    "user_cache_dir",
    "user_config_dir",
]
