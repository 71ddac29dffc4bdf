"""What a model answered, and how its text becomes a JSON object: reasoning blocks
(<think>…</think>) and Markdown fences (```json … ```) are removed before parsing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

_THINK = re.compile(r"<think>.*?</think>", re.S | re.I)
_OPEN_THINK = re.compile(r"\A\s*<think>.*", re.S | re.I)  # a reasoning block that never closed
_FENCE = re.compile(r"```(?:json|JSON)?\s*\n?(.*?)```", re.S)


class ParagraphOut(BaseModel):
    model_config = ConfigDict(extra="ignore")

    heading: bool = False
    text: str


class SectionOut(BaseModel):
    """The JSON object every section prompt asks for."""

    model_config = ConfigDict(extra="ignore")

    paragraphs: list[ParagraphOut] = Field(min_length=1)


# The schema sent to the endpoint (a plain dict, so that the answer is parsed here and a
# malformed answer becomes a finding to repair rather than an exception in the client).
OUTPUT_SCHEMA: dict[str, Any] = {
    "title": "section_draft",
    "description": "One section of the annual report, as paragraphs.",
    "type": "object",
    "properties": {
        "paragraphs": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "heading": {"type": "boolean", "description": "true for a sub-heading such as （一）主动公开情况"},
                    "text": {"type": "string"},
                },
                "required": ["heading", "text"],
                "additionalProperties": False,
            },
        }
    },
    "required": ["paragraphs"],
    "additionalProperties": False,
}


@dataclass
class Answer:
    """One model answer: its text (as sent back in a repair), the JSON object if any, usage."""

    content: str
    payload: dict[str, Any] | None
    usage: dict[str, int] = field(default_factory=dict)
    cache_hit: bool = False
    truncated: bool = False  # the endpoint stopped at the output bound (finish_reason "length")

    def to_cache(self) -> dict[str, Any]:
        return {"content": self.content, "payload": self.payload, "usage": self.usage, "truncated": self.truncated}

    @classmethod
    def from_cache(cls, entry: dict[str, Any]) -> Answer:
        answer = entry["answer"]
        payload = answer.get("payload")
        return cls(
            content=str(answer.get("content", "")),
            payload=payload if isinstance(payload, dict) else None,
            usage={k: int(v) for k, v in (answer.get("usage") or {}).items() if isinstance(v, int)},
            cache_hit=True,
            truncated=bool(answer.get("truncated", False)),
        )


def strip_reasoning(text: str) -> str:
    text = _THINK.sub("", text)
    return _OPEN_THINK.sub("", text).strip()


def extract_json(text: str) -> dict[str, Any] | None:
    """The JSON object in a model's text, or None. Tolerates <think> blocks, fences and chatter."""
    body = strip_reasoning(text)
    candidates = [m.group(1) for m in _FENCE.finditer(body)] + [body]
    for candidate in candidates:
        candidate = candidate.strip()
        start, end = candidate.find("{"), candidate.rfind("}")
        if start < 0 or end <= start:
            continue
        try:
            value = json.loads(candidate[start : end + 1])
        except ValueError:
            continue
        if isinstance(value, dict):
            return value
    return None


def message_text(message: Any) -> str:
    """The text of a LangChain AIMessage (string content or a list of content blocks)."""
    content = getattr(message, "content", message)
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = []
        for block in content:
            if isinstance(block, str):
                parts.append(block)
            elif isinstance(block, dict) and block.get("type") == "text":
                parts.append(str(block.get("text", "")))
        return "".join(parts)
    return str(content or "")


def usage_of(message: Any) -> dict[str, int]:
    usage = getattr(message, "usage_metadata", None) or {}
    return {
        k: int(usage[k]) for k in ("input_tokens", "output_tokens", "total_tokens") if isinstance(usage.get(k), int)
    }


def was_truncated(message: Any) -> bool:
    meta = getattr(message, "response_metadata", None) or {}
    return meta.get("finish_reason") == "length"
