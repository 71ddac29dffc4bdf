"""Page setup and styles of the DOCX report, after GB/T 9704 (党政机关公文格式).

- A4 paper; margins 37 mm top, 35 mm bottom, 28 mm left, 26 mm right (156 × 225 mm text block).
- Title: 方正小标宋简体 二号 (22 pt), centred.
- Body: 仿宋_GB2312 三号 (16 pt), line spacing fixed at 28.95 pt (22 lines a page),
  first line indented two characters.
- 一、 headings: 黑体 三号; （一） sub-headings: 楷体_GB2312 三号.
- Tables: 宋体 10.5 pt (9 pt for the dense 表三/表四), centred, single borders.
- Footer: page number as a PAGE field, “— 1 —”, 宋体 四号 (14 pt).

East-Asian fonts are written as w:rFonts/@w:eastAsia on the styles and again on every run
(Word and WPS both honour the run-level attribute); theme-font attributes are removed so
they cannot override the named fonts. Only python-docx objects are used here; the module is
imported lazily by docx_writer (python-docx must not load for `drafter --help`).
"""

from __future__ import annotations

from typing import Any

from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
TABLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"

BODY_SIZE = Pt(16)  # 三号
TITLE_SIZE = Pt(22)  # 二号
TABLE_SIZE = Pt(10.5)  # 五号
DENSE_TABLE_SIZE = Pt(9)  # 小五
FOOTER_SIZE = Pt(14)  # 四号
LINE_PITCH = Pt(28.95)  # 225 mm text block / 22 lines
CELL_MARGIN_TWIPS = 45  # 0.8 mm left and right inside table cells

TITLE_STYLE = "Title"
BODY_STYLE = "Normal"
HEADING1_STYLE = "Heading 1"
HEADING2_STYLE = "Heading 2"
TABLE_STYLE = "表格文字"
FOOTER_STYLE = "页码"

_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def set_fonts(element: Any, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Name the fonts on a style's or a run's w:rPr (east-Asian and Latin), dropping theme fonts."""
    fonts = element.get_or_add_rPr().get_or_add_rFonts()
    for attr in _THEME_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)


def indent_chars(paragraph_format: Any, chars: int, size: Any = BODY_SIZE) -> None:
    """First-line indent in characters (w:firstLineChars) with the equivalent length as fallback."""
    paragraph_format.first_line_indent = Pt(size.pt * chars)
    ind = paragraph_format.element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(chars * 100))


def _reset(style: Any) -> None:
    """Remove a built-in style's own run and paragraph properties (theme fonts, colours, borders)."""
    for tag in ("w:rPr", "w:pPr"):
        node = style.element.find(qn(tag))
        if node is not None:
            style.element.remove(node)


def _style(document: Any, name: str, font: str, size: Any, base: str | None = BODY_STYLE) -> Any:
    styles = document.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        if base:
            style.base_style = styles[base]
    if name != BODY_STYLE:
        _reset(style)
    style.font.size = size
    style.font.bold = False
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    set_fonts(style.element, font)
    fmt = style.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_PITCH
    fmt.widow_control = True
    return style


def _document_defaults(document: Any) -> None:
    """docDefaults: 仿宋_GB2312 and Chinese language for text without a style of its own."""
    styles_el = document.styles.element
    defaults = styles_el.find(qn("w:docDefaults"))
    if defaults is None:
        return
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        return
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in _THEME_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), BODY_FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def setup_page(document: Any) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(210)
    section.page_height = Mm(297)
    section.top_margin = Mm(37)
    section.bottom_margin = Mm(35)
    section.left_margin = Mm(28)
    section.right_margin = Mm(26)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(24)


def setup_styles(document: Any) -> None:
    _document_defaults(document)
    body = _style(document, BODY_STYLE, BODY_FONT, BODY_SIZE, base=None)
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    indent_chars(body.paragraph_format, 2)

    title = _style(document, TITLE_STYLE, TITLE_FONT, TITLE_SIZE)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.line_spacing = Pt(36)
    title.paragraph_format.space_after = LINE_PITCH
    title.paragraph_format.first_line_indent = Pt(0)
    title.paragraph_format.keep_with_next = True

    for name, font in ((HEADING1_STYLE, HEADING1_FONT), (HEADING2_STYLE, HEADING2_FONT)):
        heading = _style(document, name, font, BODY_SIZE)
        heading.paragraph_format.keep_with_next = True
        heading.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        indent_chars(heading.paragraph_format, 2)

    table = _style(document, TABLE_STYLE, TABLE_FONT, TABLE_SIZE)
    table.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    table.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    table.paragraph_format.first_line_indent = Pt(0)

    footer = _style(document, FOOTER_STYLE, TABLE_FONT, FOOTER_SIZE)
    footer.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    footer.paragraph_format.first_line_indent = Pt(0)


def _field_run(paragraph: Any, kind: str, text: str | None = None) -> None:
    run = paragraph.add_run()
    set_fonts(run._r, TABLE_FONT)
    if kind == "instr":
        node = OxmlElement("w:instrText")
        node.set(qn("xml:space"), "preserve")
        node.text = text
    elif kind == "text":
        run.text = text or ""
        return
    else:
        node = OxmlElement("w:fldChar")
        node.set(qn("w:fldCharType"), kind)
    run._r.append(node)


def add_page_number(document: Any) -> None:
    """The footer “— N —” with N a PAGE field (cached result 1 for viewers that do not update fields)."""
    footer = document.sections[0].footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    paragraph.style = document.styles[FOOTER_STYLE]
    for kind, text in (
        ("text", "— "),
        ("begin", None),
        ("instr", " PAGE "),
        ("separate", None),
        ("text", "1"),
        ("end", None),
        ("text", " —"),
    ):
        _field_run(paragraph, kind, text)
