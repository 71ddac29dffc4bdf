"""An OpenAI-compatible chat-completions server on 127.0.0.1 (port 0), run in a thread by
`serve()` (the test modules' `fake_openai` fixture). Each test scripts its replies; every request is recorded with
its arrival time, headers and JSON body. No test reaches a real network.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # dict → JSON; str → sent as is (for malformed bodies)
    headers: dict[str, str] = field(default_factory=dict)
    hang: bool = False  # never answer (until the test ends)


@dataclass
class Recorded:
    at: float
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


def completion(
    content: str | None, *, tool_args: dict[str, Any] | None = None, usage: tuple[int, int] = (120, 80)
) -> dict[str, Any]:
    """A chat.completion object; with tool_args, the answer is a function call."""
    message: dict[str, Any] = {"role": "assistant", "content": content}
    finish = "stop"
    if tool_args is not None:
        message["content"] = None
        message["tool_calls"] = [
            {
                "id": "call_1",
                "type": "function",
                "function": {"name": "section_draft", "arguments": json.dumps(tool_args, ensure_ascii=False)},
            }
        ]
        finish = "tool_calls"
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 1700000000,
        "model": "fake-model",
        "choices": [{"index": 0, "message": message, "finish_reason": finish}],
        "usage": {"prompt_tokens": usage[0], "completion_tokens": usage[1], "total_tokens": sum(usage)},
    }


def paragraphs_json(*texts: str, headings: tuple[int, ...] = ()) -> str:
    return json.dumps(
        {"paragraphs": [{"heading": i in headings, "text": t} for i, t in enumerate(texts)]}, ensure_ascii=False
    )


class FakeOpenAI:
    def __init__(self) -> None:
        self.replies: deque[Reply] = deque()
        self.default: Reply | None = None  # used when the script is empty
        self.by_section: dict[str, deque[Reply]] = {}  # replies per report section (found in the prompt)
        self.requests: list[Recorded] = []
        self.release = threading.Event()
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw or b"{}")
                except ValueError:
                    body = {}
                with server.lock:
                    server.requests.append(
                        Recorded(time.monotonic(), self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                    )
                    reply = server.replies.popleft() if server.replies else server.for_section(body)
                if reply is None:
                    reply = Reply(500, {"error": {"message": "no scripted reply"}})
                if self.path.rstrip("/") != "/v1/chat/completions":
                    reply = Reply(404, {"error": {"message": "not found"}})
                if reply.hang:
                    server.release.wait(10)
                    return
                payload = reply.body if isinstance(reply.body, str) else json.dumps(reply.body, ensure_ascii=False)
                data = payload.encode("utf-8")
                try:
                    self.send_response(reply.status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(data)))
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False  # type: ignore[attr-defined]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def for_section(self, body: dict[str, Any]) -> Reply | None:
        text = json.dumps(body.get("messages", []), ensure_ascii=False)
        for sid, queue in self.by_section.items():
            if f"章节编号：{sid}" in text and queue:
                return queue.popleft() if len(queue) > 1 else queue[0]  # the last reply repeats
        return self.default

    def script(self, section: str, *contents: str) -> None:
        """Answers for one section, in order; the last one repeats."""
        self.by_section[section] = deque(Reply(200, completion(c)) for c in contents)

    def push(self, *replies: Reply) -> None:
        self.replies.extend(replies)

    def answer(self, content: str, **kwargs: Any) -> None:
        self.push(Reply(200, completion(content, **kwargs)))

    def start(self) -> FakeOpenAI:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@contextmanager
def serve() -> Iterator[FakeOpenAI]:
    """A running server for the duration of the block (test modules wrap it in a fixture)."""
    server = FakeOpenAI().start()
    try:
        yield server
    finally:
        server.stop()
