"""An OpenAI-compatible chat-completions server on 127.0.0.1 (port 0), run in a thread by
`serve()` (the test modules' `fake_openai` fixture). Each test scripts its replies; every request is recorded with
its arrival time, headers and JSON body. No test reaches a real network.

Failure modes seen with real endpoints, ready made: `payment_required()` (HTTP 402 with the
provider's JSON error body), `drop_content()` (well-formed answers that leave out required
content, every time), `slow(seconds)` (answers that arrive late) and `truncated()` (an answer
cut off at the output bound, finish_reason "length").
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
    delay: float = 0.0  # seconds before answering (a slow model)


@dataclass
class Recorded:
    at: float
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


def completion(
    content: str | None,
    *,
    tool_args: dict[str, Any] | None = None,
    usage: tuple[int, int] = (120, 80),
    finish: str = "stop",
) -> dict[str, Any]:
    """A chat.completion object; with tool_args, the answer is a function call."""
    message: dict[str, Any] = {"role": "assistant", "content": content}
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


DROPPED = {
    "s1_overview": paragraphs_json("全年认真贯彻落实《条例》，依法做好政府信息公开工作。"),
    "s5_problems": paragraphs_json("对照工作要求，政府信息公开工作仍有改进空间。", "下一步将继续努力，进一步做好相关工作。"),
    "s6_other": paragraphs_json("无。"),
}


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
                if reply.delay and server.release.wait(reply.delay):
                    return  # the test ended first
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

    # -- ready-made failure modes
    def payment_required(self, message: str = "Insufficient Balance") -> None:
        """Every request refused with 402 and a JSON error body, as a provider does when the
        account has run out of credit."""
        body = {"error": {"message": message, "type": "unknown_error", "param": None, "code": "invalid_request_error"}}
        self.default = Reply(402, body)

    def drop_content(self) -> None:
        """Well-formed, true answers that leave out what the report must say: 一 without its
        sub-items or 表三, 五 without a real problem or measure, 六 without the fee statement."""
        self.script("s1_overview", DROPPED["s1_overview"])
        self.script("s5_problems", DROPPED["s5_problems"])
        self.script("s6_other", DROPPED["s6_other"])

    def slow(self, seconds: float, content: str | None = None) -> None:
        """Every answer arrives after `seconds` (content: a valid but minimal section)."""
        self.default = Reply(200, completion(content or paragraphs_json("无。")), delay=seconds)

    def truncated(self, content: str) -> None:
        """One answer cut off at the output bound."""
        self.push(Reply(200, completion(content, finish="length")))

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
