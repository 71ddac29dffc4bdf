"""Make any text safe to put into a report file.

XML (and so DOCX) rejects C0 control characters other than tab/newline/carriage return,
and every UTF-8 writer rejects lone surrogates. A report's text never needs them: they
are stripped here, once, before any writer sees the text. Nothing else is changed:
escaping for HTML/Markdown is each writer's job.
"""

from __future__ import annotations

import re
from typing import Any

# C0 controls except \t and \n, DEL, C1 controls, lone surrogates, and the two XML non-characters.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """The text with CRLF/CR turned into LF and unsafe control characters removed."""
    return _UNSAFE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def clean_value(value: Any) -> Any:
    """Clean every string inside a JSON-like value (dicts, lists, scalars)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_text(str(k)) if isinstance(k, str) else k: clean_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean_value(v) for v in value]
    return value
