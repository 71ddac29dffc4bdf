"""Reports printed in another outline or script, made readable before their sections are
looked for, and the structure findings that say what was done:

* a report in traditional characters (總體情況) is read in simplified characters, one for
  one (reader/hant.py); the printed text is kept so that findings quote it as printed;
* a section heading run into its first paragraph (一、总体情况。2023年，我局…) is cut off it
  (reader/sections.split_run_in);
* section names of the outline used before the 2019 format are recognised by
  reader/sections.match_heading (and reported once by checks/structure.check_sections).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..findings import Finding
from .document import Block, Document
from .hant import is_traditional, to_simplified
from .sections import split_run_in

SAMPLE = 20_000  # characters looked at to tell the script


@dataclass
class Prepared:
    traditional: bool = False
    printed: list[str] = field(default_factory=list)  # each paragraph as printed (traditional texts only)
    run_in: list[str] = field(default_factory=list)  # the headings that were run into a paragraph


def prepare(doc: Document) -> Prepared:
    """Convert a traditional-character document to simplified characters and cut run-in
    headings off their paragraphs, in place."""
    out = Prepared()
    sample = "".join(b.text for b in doc.blocks if b.table is None)[:SAMPLE]
    out.traditional = is_traditional(sample)
    printed: list[str] = []
    if out.traditional:
        for block in doc.blocks:
            if block.table is not None:
                block.table.grid = [[to_simplified(cell) for cell in row] for row in block.table.grid]
            else:
                printed.append(block.text)
                block.text = to_simplified(block.text)
        doc.title_hint = to_simplified(doc.title_hint)
    blocks: list[Block] = []
    kept: list[str] = []
    n = 0
    for block in doc.blocks:
        if block.table is not None:
            blocks.append(block)
            continue
        as_printed = printed[n] if out.traditional else block.text
        n += 1
        ranges = split_run_in(block.text)
        if ranges is None:
            blocks.append(block)
            kept.append(as_printed)
            continue
        from .sections import match_heading

        for a, b in ranges:
            piece = block.text[a:b]
            heading = match_heading(piece)
            blocks.append(Block(text=piece, styled=heading is not None))
            kept.append(as_printed[a:b])
            if heading is not None:
                out.run_in.append(piece)
    doc.blocks = blocks
    out.printed = kept if out.traditional else []
    return out


def outline_findings(prepared: Prepared, known: list[int]) -> list[Finding]:
    out: list[Finding] = []
    if prepared.traditional:
        out.append(Finding(
            "structure.traditional_script", "warning",
            "报告使用繁体字印制，drafter 已逐字转换为简体后核对（提示中引用的仍是原文）。"
            "政府信息公开工作年度报告应使用规范汉字（简体），请改用简体。",
            section="s0_preamble",
        ))
    if prepared.run_in:
        names = "".join(f"“{h}”" for h in prepared.run_in[:6])
        out.append(Finding(
            "structure.run_in_heading", "warning",
            f"有{len(prepared.run_in)}个章节标题与正文连在同一段（{names}），已按标题分开核对。"
            "标题应单独成行，请在标题后换行。",
            section="s0_preamble", found=prepared.run_in,
        ))
    if not known:
        out.append(Finding(
            "structure.no_headings", "warning",
            "没有认出任何章节标题（如“一、总体情况”），全文作为一段核对了年份、机关名称、文字残留和数字。"
            "章节标题应单独成行，并按现行格式编号和命名。",
            section="s0_preamble",
        ))
    return out


def printed_section(prepared: Prepared, start: int, end: int) -> str:
    """The printed text of paragraphs [start, end), as the section text joins them."""
    return "\n".join(prepared.printed[start:end])
