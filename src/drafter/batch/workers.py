"""What a batch runs on: the model requests in flight, bounded by one semaphore
(`LimitedBackend`), the processes that render DOCX/HTML (`Pools`), and the CPU and memory a
run used (`usage`, recorded in the manifest's runs table).
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ProcessPoolExecutor
from dataclasses import fields
from typing import Any

from ..drafting.llm import LLMBackend
from .outputs import quiet_worker

RECYCLE_EVERY = 50  # bodies rendered by one render process before it is replaced


class LimitedBackend(LLMBackend):
    """An LLMBackend whose requests share one semaphore: --concurrency bounds the requests in flight."""

    limit: asyncio.Semaphore | None = None

    @classmethod
    def of(cls, backend: LLMBackend, limit: asyncio.Semaphore) -> LimitedBackend:
        made = cls(**{f.name: getattr(backend, f.name) for f in fields(backend)})
        made.limit = limit
        return made

    async def ask(self, messages: Any, max_tokens: int | None = None) -> Any:
        assert self.limit is not None
        async with self.limit:
            return await super().ask(messages, max_tokens)


def usage() -> dict[str, float]:
    """CPU seconds of this process and of its finished render processes, and peak memory (kB),
    recorded with each run (the benchmark in evals/batch reads them)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return {}
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "cpu_own": round(own.ru_utime + own.ru_stime, 3),
        "cpu_render": round(kids.ru_utime + kids.ru_stime, 3),
        "peak_rss_kb": own.ru_maxrss,
        "peak_rss_render_kb": kids.ru_maxrss,
    }


class Pools:
    """The render processes, replaced by fresh ones every `every` bodies per process: python-docx
    keeps a little memory per document, and a batch's memory must not grow with its length.
    A retired pool finishes the bodies it was given, then its processes exit."""

    def __init__(self, workers: int, every: int = RECYCLE_EVERY) -> None:
        self.workers, self.every, self.given = workers, every * workers, 0
        self.pool = self._new()
        self.retired: list[ProcessPoolExecutor] = []

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.workers, initializer=quiet_worker)

    def get(self) -> ProcessPoolExecutor:
        if self.given >= self.every:
            self.pool.shutdown(wait=False)
            self.retired.append(self.pool)
            self.pool, self.given = self._new(), 0
        self.given += 1
        return self.pool

    def close(self, cancel: bool = False) -> None:
        """Wait for the renders under way; with `cancel`, those not started are dropped (their
        bodies are not marked done and are drafted again next time)."""
        for pool in [*self.retired, self.pool]:
            pool.shutdown(wait=True, cancel_futures=cancel)
