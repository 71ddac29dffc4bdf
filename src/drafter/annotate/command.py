"""`drafter check REPORT.docx --annotate OUT.docx`: check a reviewer's Word document and write
a copy of it with each finding as a Word comment on the words it is about.

The copy differs from the reviewer's document only by comments: runs are split where a
comment starts or ends (formatting copied), revisions and the reviewer's own comments are
kept, and comments an earlier run wrote (author CHECK_AUTHOR) are replaced, not added to.
The reviewer's file itself is never written; an existing output file is replaced only with
`force`.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..findings import Finding
from ..reader.docx_places import Places
from ..reader.docx_review import CHECK_AUTHOR, CHECK_INITIALS
from ..validate import CheckResult, check_file
from .anchor import add_comment, remove_comments
from .cells import cell_target
from .message import comment_body

# findings about the document as a whole that no words carry, and our own earlier comments,
# which this run replaces
NOT_ANNOTATED = frozenset({"style.revisions", "style.check_comment"})


def annotate_check(
    report_file: Path,
    output: Path,
    *,
    data_path: Path | None = None,
    previous_path: Path | None = None,
    encoding: str | None = None,
    notes_path: Path | None = None,
    force: bool = False,
) -> tuple[CheckResult, int]:
    """Check `report_file` and write the annotated copy to `output`: the result (without
    findings on our own earlier comments) and the number of comments written."""
    from ..reader import MAX_DOCX_BYTES
    from ..textio import read_bytes, write_atomic

    _check_output(report_file, output, force)
    raw = read_bytes(report_file, MAX_DOCX_BYTES)
    if not raw.startswith(b"PK"):
        raise InputError(
            "--annotate 只能为 Word 文档（.docx）加批注。请在 Word/WPS 中把报告另存为 .docx 后重试，"
            "或去掉 --annotate 只在屏幕上列出问题。",
            str(report_file),
        )
    result = check_file(report_file, data_path=data_path, previous_path=previous_path, encoding=encoding,
                        notes_path=notes_path)
    result.findings = [f for f in result.findings if f.rule != "style.check_comment"]

    from ..reader.assemble import assemble
    from ..reader.docx import docx_to_document

    doc = docx_to_document(raw, str(report_file))
    parsed = assemble(doc, str(report_file), "docx")
    word = doc.source
    remove_comments(word, CHECK_AUTHOR)
    places = Places(doc, parsed)
    written = 0
    for finding in result.findings:
        if finding.rule in NOT_ANNOTATED:
            continue
        where = (locate(places, finding) or cell_target(doc, places, finding, result.report.get("format"))
                 or on_heading(places, finding))
        if where is None:
            continue
        try:
            add_comment(word, where[0], where[1], comment_body(finding), CHECK_AUTHOR, CHECK_INITIALS)
        except ValueError:  # no run boundary could be made there (never seen): the heading instead
            heading = on_heading(places, finding)
            if heading is None:
                continue
            add_comment(word, heading[0], heading[1], comment_body(finding), CHECK_AUTHOR, CHECK_INITIALS)
        written += 1
    buffer = io.BytesIO()
    word.save(buffer)
    write_atomic(output, buffer.getvalue())
    return result, written


def locate(places: Places, finding: Finding) -> Any:
    """The first and last character of the words a finding is about, in the paragraphs: by its
    span (its quote when the span does not hold it), else by its quote; None without either."""
    span = None
    if finding.span is not None and finding.section is not None:
        span = places.section_span(finding.section, finding.span)
        if span is not None and finding.quote and places.text[span[0]:span[1]] != finding.quote:
            span = places.find(finding.quote, finding.section) or span
    elif finding.quote:
        span = places.find(finding.quote, finding.section)
    return _points(places, span)


def on_heading(places: Places, finding: Finding) -> Any:
    """The heading of the finding's section, else the title: for findings no words carry."""
    return _points(places, places.heading_line(finding.section)) or _points(places, places.heading_line(None))


def _points(places: Places, span: tuple[int, int] | None) -> Any:
    if span is None or span[1] <= span[0]:
        return None
    return places.to_word(*span)


def _check_output(report_file: Path, output: Path, force: bool) -> None:
    if output.suffix.lower() != ".docx":
        raise InputError("批注文件须是 Word 文档，文件名请以 .docx 结尾，如 --annotate 审核意见.docx。", str(output))
    same = output.resolve() == report_file.resolve()
    if not same and output.exists() and report_file.exists():
        try:
            same = output.samefile(report_file)
        except OSError:
            same = False
    if same:
        raise InputError(
            "批注文件不能与被核对的文件相同：drafter 不修改您的原文件。请另取一个文件名，如 --annotate 审核意见.docx。",
            str(output),
        )
    if output.is_dir():
        raise InputError("这是一个文件夹。请给出批注文件的文件名，如 --annotate 审核意见.docx。", str(output))
    if output.exists() and not force:
        raise InputError(
            "这个文件已存在，为免覆盖（它可能已经被修改过），没有写入。请换一个文件名，或加 --force 覆盖。", str(output)
        )
