"""Folder names for organizations: safe on every system, unique within a batch.

An organization's name becomes a folder name. It may hold anything a clerk typed: slashes,
characters Windows forbids (<>:"/\\|?*), control characters, trailing dots or spaces,
reserved device names (CON, NUL, COM1 …) or full-width look-alikes. The name is reduced to
what is safe, and two names that would land in the same folder (the same after
normalisation and case folding) get numbered suffixes, in the order of the list.
"""

from __future__ import annotations

import re
import unicodedata

MAX_NAME = 60  # characters; long enough for 某某县某某镇人民政府, short enough for Windows paths
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_SPACES = re.compile(r"\s+")
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}


def safe_name(name: str) -> str:
    """One path component for `name`: no separator, no forbidden character, never . or .."""
    text = unicodedata.normalize("NFKC", name)
    text = _FORBIDDEN.sub("_", text)
    text = _SPACES.sub(" ", text).strip(" ._")
    text = text[:MAX_NAME].rstrip(" .")
    if not text or set(text) <= {"_", "."}:
        text = "机关"
    if text.split(".")[0].upper() in _RESERVED:
        text = "_" + text
    return text


def folder_key(name: str) -> str:
    """What two folder names are compared by (case-insensitive file systems, NFKC)."""
    return unicodedata.normalize("NFKC", name).casefold()


class FolderNames:
    """Hands out unique safe folder names; the second 清水镇 becomes 清水镇-2."""

    def __init__(self, taken: list[str] | tuple[str, ...] = ()) -> None:
        self._taken = {folder_key(t) for t in taken}

    def take(self, name: str) -> str:
        base = safe_name(name)
        candidate, n = base, 1
        while folder_key(candidate) in self._taken:
            n += 1
            candidate = f"{base}-{n}"
        self._taken.add(folder_key(candidate))
        return candidate
