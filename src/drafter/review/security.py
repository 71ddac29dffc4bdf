"""The review page's guards, as one ASGI middleware in front of the app.

- Host: only the served address (127.0.0.1:PORT or localhost:PORT) — a page on another
  site whose name was pointed at 127.0.0.1 (DNS rebinding) gets 403.
- Origin / Sec-Fetch-Site: a request another site's page sends is refused.
- Token: a per-run secret printed in the URL. `/?token=…` sets a SameSite=Strict cookie and
  redirects to the same path without it; every page needs that cookie, and every request
  that changes something (POST) needs the token itself in the X-Drafter-Token header.
- Size: a request body over MAX_BODY bytes gets 413, whether or not it says its length.
- Every response: a Content-Security-Policy that allows the package's own script and style
  only, no framing, no sniffing, no referrer.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY = 1_000_000
TOKEN_HEADER = "x-drafter-token"
SAFE_METHODS = ("GET", "HEAD")
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
]


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Guard:
    def __init__(self, app: ASGIApp, *, token: str, port: int, max_body: int = MAX_BODY) -> None:
        self.app, self.token, self.port, self.max_body = app, token, port, max_body
        self.hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}
        self.origins = {f"http://{h}" for h in self.hosts}
        self.cookie = f"drafter_review_{port}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.app(scope, receive, send)
            return
        if scope["type"] != "http":
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        refusal = self._refusal(scope, headers)
        if refusal is not None:
            await _plain(send, *refusal)
            return
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        if scope["method"] in SAFE_METHODS and "token" in query:
            await self._login(scope, send, query)
            return
        if not scope["path"].startswith("/static/") and not self._authorised(scope, headers):
            await _plain(send, 403, "需要本次启动时打印的完整网址（含 token）才能打开审核页面。请从命令行窗口复制完整网址。")
            return
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _plain(send, 413, f"提交的内容过大（上限 {self.max_body // 1000} KB）。")
            return
        await self._forward(scope, receive, send)

    def _refusal(self, scope: Scope, headers: dict[str, str]) -> tuple[int, str] | None:
        if headers.get("host", "") not in self.hosts:
            return 403, "地址不对：审核页面只接受 127.0.0.1 本机访问。请使用启动时打印的网址。"
        origin = headers.get("origin")
        if origin is not None and origin not in self.origins:
            return 403, "拒绝来自其他网站的请求。"
        if headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
            return 403, "拒绝来自其他网站的请求。"
        return None

    def _authorised(self, scope: Scope, headers: dict[str, str]) -> bool:
        if scope["method"] not in SAFE_METHODS:
            return hmac.compare_digest(headers.get(TOKEN_HEADER, "").encode(), self.token.encode())
        cookies = dict(
            part.strip().split("=", 1) for part in headers.get("cookie", "").split(";") if "=" in part
        )
        return hmac.compare_digest(cookies.get(self.cookie, "").encode(), self.token.encode())

    async def _login(self, scope: Scope, send: Send, query: dict[str, str]) -> None:
        if not hmac.compare_digest(query["token"].encode(), self.token.encode()):
            await _plain(send, 403, "网址中的 token 不对。请从命令行窗口复制本次启动时打印的完整网址。")
            return
        rest = urlencode({k: v for k, v in query.items() if k != "token"})
        location = quote(scope["path"]) + (f"?{rest}" if rest else "")  # quoted: no CR/LF or raw bytes in a header
        cookie = f"{self.cookie}={self.token}; Path=/; HttpOnly; SameSite=Strict"
        await send({"type": "http.response.start", "status": 303, "headers": [
            (b"location", location.encode("utf-8")), (b"set-cookie", cookie.encode()), *HEADERS]})
        await send({"type": "http.response.body", "body": b""})

    async def _forward(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] not in SAFE_METHODS:  # read the whole (bounded) body first, then replay it
            chunks: list[bytes] = []
            seen, more = 0, True
            while more:
                message = await receive()
                if message["type"] != "http.request":
                    return  # the client went away
                chunk = message.get("body", b"")
                seen += len(chunk)
                if seen > self.max_body:
                    await _plain(send, 413, f"提交的内容过大（上限 {self.max_body // 1000} KB）。")
                    return
                chunks.append(chunk)
                more = message.get("more_body", False)
            body = b"".join(chunks)
            replayed = False

            async def replay() -> Message:
                nonlocal replayed
                if replayed:
                    return await receive()
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}

            receive = replay

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in HEADERS if k not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, with_headers)


async def _plain(send: Send, status: int, text: str) -> None:
    body = text.encode("utf-8")
    headers: list[Any] = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()), *HEADERS]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
