"""A spinner for the wait on a model: elapsed seconds and the limit, redrawn in place on a
terminal. On anything that is not a terminal (a log file, a pipe, a test) it writes nothing:
the command has already said what it is waiting for and how long it will wait at most.
"""

from __future__ import annotations

import threading
import time
from types import TracebackType
from typing import TextIO

FRAMES = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"


class Spinner:
    def __init__(self, stream: TextIO, limit: float, label: str = "正在等待模型起草正文", interval: float = 0.2):
        self.stream = stream
        self.limit = limit
        self.label = label
        self.interval = interval
        self.started = 0.0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._width = 0

    def line(self, frame: int = 0) -> str:
        elapsed = time.monotonic() - self.started
        return f"{FRAMES[frame % len(FRAMES)]} {self.label}：已用 {elapsed:.0f} 秒（最长 {self.limit:g} 秒）"

    def _run(self) -> None:
        frame = 0
        while not self._stop.wait(self.interval):
            self._draw(self.line(frame))
            frame += 1

    def _draw(self, text: str) -> None:
        pad = max(0, self._width - len(text))
        self.stream.write("\r" + text + " " * pad)
        self.stream.flush()
        self._width = len(text)

    def __enter__(self) -> Spinner:
        self.started = time.monotonic()
        isatty = getattr(self.stream, "isatty", None)
        if callable(isatty) and isatty():
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            # wipe the line (full-width characters take two columns)
            self.stream.write("\r" + " " * (2 * self._width) + "\r")
            self.stream.flush()
