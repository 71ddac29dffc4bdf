"""Domain errors. The library raises these; only the CLI turns them into messages and
exit codes. Every message is clerk-facing Chinese and names the file, the place and the fix.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, in words a clerk understands."""

    message: str  # Chinese: what is wrong and how to fix it
    place: str = ""  # dotted data path (tables.requests.new_received.total) or a sheet!cell
    line: int | None = None  # 1-based line in the file, where known
    column: int | None = None

    def describe(self, path: str = "") -> str:
        where = path
        if self.line is not None:
            where += f" 第{self.line}行" + (f"第{self.column}列" if self.column else "")
        if self.place:
            where += f" [{self.place}]"
        return f"{where.strip()}：{self.message}" if where.strip() else self.message


class DrafterError(Exception):
    """Base of every error drafter raises on bad input or configuration."""

    exit_code = 2

    def __init__(self, message: str, path: str = "", problems: list[Problem] | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.problems = problems or []

    def describe(self) -> str:
        head = f"{self.path}：{self.message}" if self.path else self.message
        if not self.problems:
            return head
        lines = [head] + [f"  - {p.describe()}" for p in self.problems]
        return "\n".join(lines)


class InputError(DrafterError):
    """A file could not be read: missing, wrong encoding, not the type it claims to be."""


class DataError(DrafterError):
    """A data file was read but its content is not valid report data."""


class ReportReadError(DrafterError):
    """A published or edited report could not be read."""


class ConfigError(DrafterError):
    """Configuration (endpoint, model, key) is missing or wrong."""


class LLMError(DrafterError):
    """The language-model endpoint failed in a way retries could not fix."""

    exit_code = 3


class LLMTimeout(LLMError):
    """The endpoint did not answer one request in time, retries included. The drafting gate
    gives that section the offline text instead of stopping the whole draft."""


class RenderError(DrafterError):
    """A report could not be written."""


class OutputError(DrafterError):
    """An output could not be written, or writing it would lose someone's work."""
