"""A local cache of model answers: one JSON file per request, keyed by the sha256 of the
request (backend, endpoint URL without credentials, model, settings, prompt versions and
the rendered messages). The API key is never part of the request or the file.

Re-running a draft with the same inputs costs nothing; any change of prompt version, model
or input is a different key. Files are written atomically; an unreadable file is a miss.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..textio import write_atomic

CACHE_FORMAT = 1


def user_cache_dir(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    if env.get("DRAFTER_CACHE_DIR"):
        return Path(env["DRAFTER_CACHE_DIR"])
    if sys.platform == "win32" and env.get("LOCALAPPDATA"):
        return Path(env["LOCALAPPDATA"]) / "drafter" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "drafter"
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "drafter"


def request_key(request: Mapping[str, Any]) -> str:
    canonical = json.dumps({"cache_format": CACHE_FORMAT, **request}, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class ResponseCache:
    """Answers by request key, as JSON files under `directory` (two-level fan-out)."""

    def __init__(self, directory: Path | str):
        self.directory = Path(directory)

    @classmethod
    def default(cls, env: Mapping[str, str] | None = None) -> ResponseCache:
        return cls(user_cache_dir(env) / "llm")

    def path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        try:
            entry = json.loads(self.path(key).read_text("utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(entry, dict) or entry.get("key") != key or "answer" not in entry:
            return None
        return entry

    def put(self, key: str, answer: Mapping[str, Any]) -> None:
        entry = {"key": key, "answer": dict(answer)}
        try:
            write_atomic(self.path(key), json.dumps(entry, ensure_ascii=False, indent=1))
        except OSError:
            pass  # a cache that cannot be written only costs a repeated request
