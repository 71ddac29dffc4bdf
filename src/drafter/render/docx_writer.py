"""The DOCX report (python-docx), in the style of Chinese official documents.

Styles and page setup are in docx_style.py. Tables are built on the full grid and merged
with cell.merge exactly as the layout says (tables.py). Review marks (marks.py): a Word
comment over a section a language model suggested; for a section that needs review, the
runs are highlighted yellow as well and the comment says why and how to clear the marks.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

from .marks import AUTHOR, INITIALS
from .tables import Table
from .view import ReportView


def render_docx(view: ReportView) -> bytes:
    from docx import Document
    from docx.enum.text import WD_COLOR_INDEX

    from . import docx_style as st

    document = Document()
    st.setup_page(document)
    st.setup_styles(document)
    st.add_page_number(document)
    _properties(document, view)

    _paragraph(document, view.title, st.TITLE_STYLE, st.TITLE_FONT)
    for text in view.preamble:
        _paragraph(document, text, st.BODY_STYLE, st.BODY_FONT)
    for section in view.sections:
        _paragraph(document, section.heading, st.HEADING1_STYLE, st.HEADING1_FONT)
        runs = []
        for p in section.paragraphs:
            if p.heading:
                runs.append(_paragraph(document, p.text, st.HEADING2_STYLE, st.HEADING2_FONT))
            else:
                runs.append(_paragraph(document, p.text, st.BODY_STYLE, st.BODY_FONT))
        if section.mark is not None and runs:
            if section.mark.kind == "needs_review":
                for run in runs:
                    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            document.add_comment(runs, text=section.mark.comment(), author=AUTHOR, initials=INITIALS)
        if section.table is not None:
            _table(document, section.table)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _properties(document: Any, view: ReportView) -> None:
    props = document.core_properties
    now = datetime.now(UTC).replace(microsecond=0)
    props.title = view.title
    props.subject = "政府信息公开工作年度报告"
    props.author = view.organization
    props.last_modified_by = "drafter"
    props.comments = "由 drafter 生成"
    props.keywords = f"{view.year}年;政府信息公开;年度报告"
    props.language = "zh-CN"
    props.created = now
    props.modified = now
    props.revision = 1


def _paragraph(document: Any, text: str, style: str, font: str) -> Any:
    from . import docx_style as st

    paragraph = document.add_paragraph(style=document.styles[style])
    run = paragraph.add_run(text)
    st.set_fonts(run._r, font)
    return run


def _table(document: Any, table: Table) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    from . import docx_style as st

    dense = table.id != "t2_proactive"
    size = st.DENSE_TABLE_SIZE if dense else st.TABLE_SIZE
    grid = table.grid()
    docx_table = document.add_table(rows=len(grid), cols=table.width)
    docx_table.style = document.styles["Table Grid"]
    docx_table.alignment = WD_TABLE_ALIGNMENT.CENTER
    docx_table.autofit = False
    widths = [Mm(w) for w in table.col_widths_mm]
    for column, width in zip(docx_table.columns, widths, strict=True):
        column.width = width
    _cell_margins(docx_table, st.CELL_MARGIN_TWIPS)
    for r, row in enumerate(docx_table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        if r < table.header_rows:
            tr_pr.append(OxmlElement("w:tblHeader"))
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    style_id = document.styles[st.TABLE_STYLE].style_id
    plain = [row.cells for row in docx_table.rows]  # the unmerged grid, looked up once (table.cell is slow)
    for r, line in enumerate(grid):
        for c, slot in enumerate(line):
            if not slot.origin:
                continue
            cell = plain[r][c]
            span = slot.cell
            if span.rowspan > 1 or span.colspan > 1:
                cell = cell.merge(plain[r + span.rowspan - 1][c + span.colspan - 1])
            for extra in cell.paragraphs[1:]:
                extra._p.getparent().remove(extra._p)
            paragraph = cell.paragraphs[0]
            paragraph._p.get_or_add_pPr().style = style_id  # as paragraph.style = …, without a style lookup per cell
            if span.role == "label":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
            if r + 1 < len(grid) and table.rows[r + 1].kind != "caption":
                # keep 表三/表四, and each block of 表二, on one page when it fits
                paragraph.paragraph_format.keep_with_next = True
            run = paragraph.add_run(span.text)
            run.font.size = size
            st.set_fonts(run._r, st.TABLE_FONT)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            tc_pr = cell._tc.get_or_add_tcPr()
            if tc_pr.find(qn("w:tcW")) is None:
                cell.width = widths[c]


def _cell_margins(docx_table: Any, twips: int) -> None:
    """Narrow left/right cell margins so that three characters fit the narrow columns of 表三."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = docx_table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side, width in (("top", 0), ("left", twips), ("bottom", 0), ("right", twips)):
        node = OxmlElement(f"w:{side}")
        node.set(qn("w:w"), str(width))
        node.set(qn("w:type"), "dxa")
        margins.append(node)
    tbl_pr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
