"""Assemble the review app: the routes, the package's own script and style, the guard."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..assets import asset_dir
from .security import Guard
from .store import when

TEMPLATES = "review"


def templates() -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(str(asset_dir("templates") / TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["when"] = when
    return env


def create_app(root: Path, *, token: str, port: int) -> Guard:
    """The ASGI app for `root` (a draft folder or a folder of them), guarded for `port`."""
    from starlette.applications import Starlette
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    from . import routes

    static = asset_dir("templates") / TEMPLATES / "static"
    app = Starlette(routes=[
        Route("/", routes.list_page),
        Route("/body/{body_id}", routes.body_page),
        Route("/body/{body_id}/file/{name}", routes.download),
        Route("/api/body/{body_id}/check", routes.check_api, methods=["POST"]),
        Route("/api/body/{body_id}/save", routes.save_api, methods=["POST"]),
        Route("/api/body/{body_id}/decide", routes.decide_api, methods=["POST"]),
        Mount("/static", StaticFiles(directory=str(static), follow_symlink=False), name="static"),
    ])
    app.router.redirect_slashes = False  # a trailing slash names nothing; never redirect a crafted path
    app.state.root = root.resolve()
    app.state.token = token
    app.state.templates = templates()
    return Guard(app, token=token, port=port)
