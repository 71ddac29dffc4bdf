"""One self-contained HTML file for portal publishing (inline CSS, no external assets).

Rendered from templates/report.html.j2 in a sandboxed jinja2 environment with autoescape
and StrictUndefined: every text is escaped, template syntax inside the data ({{ 7*7 }}) is
printed as written, and a missing variable fails loudly. Tables are semantic: <th> for
captions, column headers and row labels (with scope), <td> for figures, and real
rowspan/colspan. Review marks (see marks.py) are a class on the section's wrapper and a
data-note attribute that the stylesheet shows; a publishing copy (provenance publish:
true) has none.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..assets import asset_dir
from ..errors import RenderError
from .tables import Cell, Table
from .view import ReportView

TEMPLATE = "report.html.j2"


@lru_cache(maxsize=1)
def _environment() -> Any:
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(
        loader=FileSystemLoader(str(asset_dir("templates"))),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _scope(cell: Cell) -> str | None:
    if cell.role in ("caption", "header"):
        return "colgroup" if cell.colspan > 1 else "col"
    if cell.role == "label":
        return "rowgroup" if cell.rowspan > 1 else "row"
    return None


def _cell(cell: Cell) -> dict[str, Any]:
    return {
        "tag": "th" if cell.is_header else "td",
        "text": cell.text,
        "rowspan": cell.rowspan,
        "colspan": cell.colspan,
        "scope": _scope(cell),
        "role": cell.role,
    }


def _table(table: Table) -> dict[str, Any]:
    total = sum(table.col_widths_mm)
    rows = [{"kind": row.kind, "cells": [_cell(c) for c in row.cells]} for row in table.rows]
    return {
        "id": table.id,
        "widths": [f"{100 * w / total:.2f}" for w in table.col_widths_mm],
        "head": rows[: table.header_rows],
        "body": rows[table.header_rows :],
    }


def render_html(view: ReportView) -> str:
    from jinja2 import TemplateError

    sections = [
        {
            "id": s.id,
            "heading": s.heading,
            "paragraphs": [{"text": p.text, "heading": p.heading} for p in s.paragraphs],
            "table": _table(s.table) if s.table is not None else None,
            "mark": {"kind": s.mark.kind.replace("_", "-"), "note": s.mark.html_note()} if s.mark else None,
        }
        for s in view.sections
    ]
    try:
        template = _environment().get_template(TEMPLATE)
        return template.render(
            title=view.title,
            preamble=list(view.preamble),
            sections=sections,
            organization=view.organization,
            year=view.year,
            format_id=view.format_id,
            publish=view.publish,
        )
    except TemplateError as exc:
        raise RenderError(f"HTML 模板 {TEMPLATE} 无法使用（{exc}）。请重新安装 drafter 或向维护者报告。") from None
