"""Render a Report (drafter.report.Report) to a file: DOCX, HTML, Markdown, plain text or
the project's own JSON draft.

    render(report, kind) -> bytes        kind: "docx" | "html" | "md" | "txt" | "json"
    write_report(report, path) -> Path   the kind from the extension; written atomically

Every writer prints the same view (view.py): the title and preamble (preamble.py), the six
sections with their official headings, the narrative under 一/五/六 and the tables under
二/三/四 in the official merged layout (tables.py). Text is cleaned of control characters;
HTML and Markdown escape everything. Review marks for text a language model suggested or
that still needs review are described in marks.py; `provenance["publish"] = True` renders
a clean copy without marks and refuses a report that still needs review.

python-docx and jinja2 are imported only when a DOCX or HTML file is rendered.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import OutputError, RenderError
from ..report import Report
from ..textio import write_atomic

KINDS: tuple[str, ...] = ("docx", "html", "md", "txt", "json")
EXTENSIONS: dict[str, str] = {
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".md": "md",
    ".txt": "txt",
    ".json": "json",
}


def render(report: Report, kind: str) -> bytes:
    """The report as a file of this kind, as bytes (UTF-8 for the text kinds)."""
    if kind not in KINDS:
        raise RenderError(f"不支持的输出类型“{kind}”。可选：{'、'.join(KINDS)}。")
    if kind == "json":
        return render_json(report)
    from .view import build_view

    view = build_view(report)
    if kind == "docx":
        from .docx_writer import render_docx

        return render_docx(view)
    if kind == "html":
        from .html_writer import render_html

        return render_html(view).encode("utf-8")
    if kind == "md":
        from .markdown_writer import render_markdown

        return render_markdown(view).encode("utf-8")
    from .text_writer import render_text

    return render_text(view).encode("utf-8")


def render_json(report: Report) -> bytes:
    """The project's own draft format (kind "drafter-report"), strings cleaned, non-ASCII kept."""
    from .clean import clean_value
    from .view import report_data

    report_data(report)  # refuse a draft whose data is not valid report data, as the other kinds do
    cleaned = Report.model_validate(clean_value(report.model_dump(mode="json")))
    return (cleaned.model_dump_json(indent=2) + "\n").encode("utf-8")


def kind_for(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    kind = EXTENSIONS.get(suffix)
    if kind is None:
        supported = "、".join(EXTENSIONS)
        raise RenderError(
            f"不支持的文件扩展名“{suffix or '（无扩展名）'}”。报告可保存为：{supported}。请更换文件名的扩展名。",
            str(path),
        )
    return kind


def write_report(report: Report, path: str | Path) -> Path:
    """Render the report in the kind its extension names and write it atomically."""
    kind = kind_for(path)
    payload = render(report, kind)
    try:
        return write_atomic(path, payload)
    except OutputError as exc:  # the reason is already in Chinese
        raise RenderError(exc.message.replace("无法写入文件", "无法写入报告文件", 1), exc.path) from None


__all__ = ["EXTENSIONS", "KINDS", "kind_for", "render", "render_json", "write_report"]
