"""`drafter review DIR`: check DIR, bind 127.0.0.1 (a free port unless one is given), print
the URL with this run's token, optionally open the browser, serve until Ctrl+C.

ReviewServer is also what the tests start in a background thread.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import InputError
from .folders import find_drafts

HOST = "127.0.0.1"  # never anything else: the page edits files and is meant for this machine only


class ReviewServer:
    def __init__(self, root: Path, port: int = 0) -> None:
        import uvicorn

        from .app import create_app
        from .checking import warm_up
        from .security import new_token

        self.root = _checked_root(root)
        self.socket = _bind(port)
        self.port = self.socket.getsockname()[1]
        self.token = new_token()
        self.url = f"http://{HOST}:{self.port}/?token={self.token}"
        warm_up()
        config = uvicorn.Config(create_app(self.root, token=self.token, port=self.port), log_level="warning",
                                access_log=False, lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread: threading.Thread | None = None

    def run(self) -> None:
        """Serve in this thread until interrupted."""
        self.server.run(sockets=[self.socket])

    def start(self) -> ReviewServer:
        """Serve in a background thread; returns once the server accepts requests."""
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()
        import time

        for _ in range(500):
            if self.server.started:
                break
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        if self.thread is not None:
            self.thread.join(timeout=10)
        self.socket.close()


def _checked_root(root: Path) -> Path:
    if not root.exists():
        raise InputError("文件夹不存在。请检查路径。", str(root))
    if not root.is_dir():
        raise InputError("这不是文件夹。请给出草稿所在的文件夹（内有 report.json），或批量起草的输出文件夹。", str(root))
    if not find_drafts(root):
        raise InputError(
            "这个文件夹里没有草稿（report.json）。请先用 drafter draft -o 文件夹/report.json 起草，"
            "或给出批量起草的输出文件夹。",
            str(root),
        )
    return root.resolve()


def _bind(port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind((HOST, port))
    except OSError:
        sock.close()
        raise InputError(f"端口 {port} 已被占用或不可用。请换一个 --port，或不写 --port 自动选择空闲端口。") from None
    sock.listen(64)
    return sock


def run_review(root: Path, *, port: int = 0, open_browser: bool = False, echo: Callable[..., Any] = print) -> int:
    server = ReviewServer(root, port)
    drafts = find_drafts(server.root)
    echo(f"审核页面已启动（{len(drafts)} 份草稿）：{server.url}")
    echo("请在浏览器中打开上面的完整网址（只能在本机打开）。按 Ctrl+C 停止。")
    if open_browser:
        import webbrowser

        threading.Timer(0.5, webbrowser.open, args=(server.url,)).start()
    server.run()
    echo("审核页面已停止。已保存的修改都在草稿文件夹中。")
    return 0
