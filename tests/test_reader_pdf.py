"""PDF reports: the project's own reports printed to PDF by LibreOffice read back to the same
tables and text as the Word file they came from, with page headers, page numbers and page
breaks inside tables as printing makes them; scanned PDFs refused with a way out; and the
pieces of the PDF reader (running lines, paragraphs, merged cells, tables cut by a page
break) on hand-made pages."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from office_support import (
    EXAMPLES,
    drafted_docx,
    example_data,
    image_only_pdf,
    needs_soffice,
    office_convert,
    tables_as_pictures,
    with_page_furniture,
    without_repeated_headers,
)

from drafter.errors import ReportReadError
from drafter.reader import read_report
from drafter.reader.document import Document
from drafter.reader.grid import Table
from drafter.reader.pdf import _table
from drafter.reader.pdflayout import Line, Page, drop_running_lines, extend, paragraphs_and_tables
from drafter.validate import check_file

NAMES = ("minggao-2020", "township-2023", "county-dept-2023")
HEADER = "河阳县清水镇人民政府办公室"
_PUNCT = re.compile(r"[，；。、：]")


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Word files and the PDFs LibreOffice prints from them, made once for the module."""
    from office_support import soffice

    if soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("pdf")
    docx: dict[str, Path] = {}
    for name in NAMES:
        docx[name] = folder / f"{name}.docx"
        docx[name].write_bytes(drafted_docx(name))
    township = docx["township-2023"].read_bytes()
    variants = {
        "furniture": with_page_furniture(township, HEADER),
        "no-repeat": with_page_furniture(without_repeated_headers(township), HEADER),
        "pictures": tables_as_pictures(_changed(township, "共新收政府信息公开申请6件", "共新收政府信息公开申请9件")),
    }
    for name, data in variants.items():
        docx[name] = folder / f"{name}.docx"
        docx[name].write_bytes(data)
    pdfs = office_convert(list(docx.values()), "pdf", folder)
    return {**{f"{k}.docx": v for k, v in docx.items()}, **{k: pdfs[v] for k, v in docx.items()}}


def _changed(data: bytes, old: str, new: str) -> bytes:
    import io

    import docx

    document = docx.Document(io.BytesIO(data))
    hits = [p for p in document.paragraphs if old in p.text]
    assert hits, old
    for p in hits:
        p.text = p.text.replace(old, new)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _plain(text: str) -> str:
    """Text compared without the punctuation LibreOffice may leave out at a line's end."""
    return _PUNCT.sub("", text)


# --------------------------------------------------------------------------- printed from our own Word files


@needs_soffice
@pytest.mark.parametrize("name", NAMES)
def test_printed_report_reads_back_to_the_same_tables_and_text(made: dict[str, Path], name: str) -> None:
    pdf, word = read_report(made[name]), read_report(made[f"{name}.docx"])
    data = example_data(name)
    assert pdf.kind == "pdf" and pdf.tables is not None
    assert pdf.tables.tables == data.tables
    assert (pdf.title, pdf.organization, pdf.year, pdf.table_format) == (
        word.title, word.organization, word.year, word.table_format)
    assert [s.id for s in pdf.sections] == [s.id for s in word.sections]
    for printed, original in zip(pdf.sections, word.sections, strict=True):
        assert _plain(printed.text) == _plain(original.text), printed.id
    assert pdf.findings == []
    result = check_file(made[name], data_path=EXAMPLES / name / "data.yaml")
    assert not result.has_errors, [f.message for f in result.findings]


@needs_soffice
def test_page_header_and_page_numbers_are_dropped(made: dict[str, Path]) -> None:
    plain, furnished = read_report(made["township-2023"]), read_report(made["furniture"])
    assert furnished.tables is not None and furnished.tables.tables == example_data("township-2023").tables
    whole = "\n".join(s.text for s in furnished.sections) + furnished.title
    assert HEADER not in whole and "页 共" not in whole
    assert [(s.id, s.text) for s in furnished.sections] == [(s.id, s.text) for s in plain.sections]


@needs_soffice
@pytest.mark.parametrize("variant", ["township-2023", "no-repeat"])
def test_table_cut_by_a_page_break_is_joined(made: dict[str, Path], variant: str) -> None:
    """表三 runs over two pages: once with its header rows printed again on the second page,
    once without."""
    pdf, word = read_report(made[variant]), read_report(made["township-2023.docx"])
    assert pdf.tables is not None and pdf.tables.tables == example_data("township-2023").tables
    assert len(pdf.grids["t3"]) == len(word.grids["t3"])
    assert pdf.grids["t3"][-1][-1] == word.grids["t3"][-1][-1]


@needs_soffice
def test_tables_printed_as_pictures_leave_the_text_checked(made: dict[str, Path]) -> None:
    data = EXAMPLES / "township-2023" / "data.yaml"
    for path in (made["pictures"], made["pictures.docx"]):
        result = check_file(path, data_path=data)
        missing = [f for f in result.findings if f.rule == "structure.table_unreadable"]
        assert len(missing) == 1 and missing[0].severity == "warning" and "图片" in missing[0].message
        wrong = [f for f in result.findings if f.rule == "text.contradiction"]
        assert [(f.found, f.expected) for f in wrong] == [(9, 6)], path


@needs_soffice
def test_pdf_through_the_command_line(made: dict[str, Path]) -> None:
    ok = _run("check", made["county-dept-2023"], "--data", EXAMPLES / "county-dept-2023" / "data.yaml")
    assert ok.returncode == 0 and "未发现问题" in ok.stdout, ok.stdout + ok.stderr
    wrong = _run("check", made["pictures"], "--data", EXAMPLES / "township-2023" / "data.yaml")
    assert wrong.returncode == 1 and "9件" in wrong.stdout and "Traceback" not in wrong.stderr


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "drafter.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=300)


# --------------------------------------------------------------------------- PDFs without a text layer


def test_scanned_pdf_is_refused_with_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "扫描件.pdf"
    path.write_bytes(image_only_pdf(3))
    with pytest.raises(ReportReadError) as info:
        read_report(path)
    message = info.value.describe()
    assert str(path) in message and "扫描版" in message and "OCR" in message and ".docx" in message
    res = _run("check", path)
    assert res.returncode == 2 and "扫描版" in res.stderr and "Traceback" not in res.stderr


def test_pdf_with_neither_text_nor_pictures(tmp_path: Path) -> None:
    blank = image_only_pdf(1).replace(b"/Im0 Do", b"       ")
    path = tmp_path / "blank.pdf"
    path.write_bytes(blank)
    with pytest.raises(ReportReadError, match="没有文字"):
        read_report(path)


def test_broken_pdf_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "cut.pdf"
    path.write_bytes(image_only_pdf(2)[:300])
    with pytest.raises(ReportReadError) as info:
        read_report(path)
    assert "PDF" in info.value.message


# --------------------------------------------------------------------------- the reader's pieces, on hand-made pages


def _line(text: str, top: float, x0: float = 80.0, x1: float = 520.0, size: float = 16.0) -> Line:
    return Line(text, x0, x1, top, top + size, size, False)


def _page(*items: Line | Table) -> Page:
    page = Page(595.0, 842.0)
    page.items = list(items)
    page.tops = [getattr(i, "top", 300.0) for i in items]
    page.ends = [520.0] * len(items)
    return page


def test_page_numbers_and_lines_on_every_page_are_running_lines() -> None:
    pages = [
        _page(_line(HEADER, 40, 200, 400), _line("一、总体情况", 120, 112, 210), _line("- 1 -", 800, 280, 310)),
        _page(_line(HEADER, 40, 200, 400), _line("正文第二页。", 120), _line("第 2 页 共 3 页", 800, 250, 340)),
        _page(_line(HEADER, 40, 200, 400), _line("正文第三页。", 120), _line("3/3", 800, 290, 305)),
    ]
    drop_running_lines(pages)
    assert [[i.text for i in p.items if isinstance(i, Line)] for p in pages] == [
        ["一、总体情况"], ["正文第二页。"], ["正文第三页。"]]


def test_a_line_at_the_top_of_one_page_only_is_kept() -> None:
    pages = [_page(_line("政府信息公开工作年度报告", 40, 150, 450), _line("正文。", 300)), _page(_line("正文。", 300))]
    drop_running_lines(pages)
    assert pages[0].items[0].text == "政府信息公开工作年度报告"  # type: ignore[union-attr]


def test_wrapped_lines_become_paragraphs_across_a_page_break() -> None:
    pages = [
        _page(_line("一、总体情况", 100, 112, 210),
              _line("2023年，我镇主动公开政府信息236条，通过门户网站", 130, 112),
              _line("公开规范性文件2件，废止", 160)),
        _page(_line("1件。", 100, 80, 130),
              _line("（一）主动公开情况", 130, 112, 260)),
    ]
    doc = Document()
    paragraphs_and_tables(pages, doc)
    assert [b.text for b in doc.blocks] == [
        "一、总体情况", "2023年，我镇主动公开政府信息236条，通过门户网站公开规范性文件2件，废止1件。", "（一）主动公开情况"]


class _Row:
    def __init__(self, cells: list[tuple[float, float, float, float] | None]):
        self.cells = cells


class _Found:
    """What pdfplumber gives for a table: rows of cell boxes (None where a merged cell
    covers the position) and their texts."""

    def __init__(self, rows: list[list[tuple[tuple[float, float, float, float], str] | None]]):
        self.rows = [_Row([c[0] if c else None for c in row]) for row in rows]
        self._texts = [[c[1] if c else None for c in row] for row in rows]

    def extract(self) -> list[list[Any]]:
        return self._texts


def test_merged_cells_fill_every_position_they_cover() -> None:
    found = _Found([
        [((0, 0, 300, 20), "行政复议"), None, None, ((300, 0, 400, 20), "行政诉讼")],
        [((0, 20, 100, 60), "结果\n维持"), ((100, 20, 200, 60), "结果\n纠正"), ((200, 20, 300, 40), "总计"),
         ((300, 20, 400, 40), "未经复议直接起诉")],
        [None, None, ((200, 40, 300, 60), "2"), ((300, 40, 400, 60), "0")],
    ])
    table = _table(found)
    assert table is not None
    assert table.grid == [
        ["行政复议", "行政复议", "行政复议", "行政诉讼"],
        ["结果维持", "结果纠正", "总计", "未经复议直接起诉"],
        ["结果维持", "结果纠正", "2", "0"],
    ]
    assert table.origins == [[0, 0, 0, 3], [0, 1, 2, 3], [0, 1, 2, 3]]


def test_header_rows_printed_again_on_the_next_page_are_dropped() -> None:
    head = [["申请人情况", "自然人", "总计"], ["", "自然人", "总计"]]
    first = Table([*map(list, head), ["一、本年新收", "5", "6"]], [[0, 1, 2]] * 3)
    rest = Table([*map(list, head), ["四、结转下年度继续办理", "1", "1"]], [[0, 1, 2]] * 3)
    extend(first, rest)
    assert first.grid == [*head, ["一、本年新收", "5", "6"], ["四、结转下年度继续办理", "1", "1"]]
    assert first.origins is not None and len(first.origins) == 4


# --------------------------------------------------------------------------- printed by a web browser


def _chromium() -> str | None:
    import shutil

    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(_chromium() is None, reason="Chromium is not installed")
def test_web_page_printed_to_pdf_by_a_browser(tmp_path: Path) -> None:
    """Chromium prints a page's white background as one rectangle, table borders as thin
    filled rectangles, and some characters as Kangxi radicals (⼀ for 一, ⺠ for 民)."""
    from office_support import drafted

    page = tmp_path / "report.html"
    page.write_bytes(drafted("township-2023", "html"))
    pdf = tmp_path / "report.pdf"
    subprocess.run([str(_chromium()), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--user-data-dir={tmp_path / 'profile'}", f"--print-to-pdf={pdf}", page.as_uri()],
                   capture_output=True, timeout=180, check=False)
    if not pdf.exists():
        pytest.skip("Chromium could not print here")
    parsed, html = read_report(pdf), read_report(page)
    assert parsed.tables is not None and parsed.tables.tables == example_data("township-2023").tables
    assert parsed.title == html.title and "⼀" not in parsed.title
    assert [s.id for s in parsed.sections] == [s.id for s in html.sections]
    assert all(_plain(a.text) == _plain(b.text) for a, b in zip(parsed.sections, html.sections, strict=True))


@pytest.mark.skipif(_chromium() is None, reason="Chromium is not installed")
def test_tables_drawn_without_lines_give_a_warning_not_false_errors(tmp_path: Path) -> None:
    from office_support import drafted

    page = tmp_path / "report.html"
    page.write_text(drafted("township-2023", "html").decode("utf-8").replace("border: 1px solid #000;", "border: none;"),
                    "utf-8")
    pdf = tmp_path / "report.pdf"
    subprocess.run([str(_chromium()), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--user-data-dir={tmp_path / 'profile'}", f"--print-to-pdf={pdf}", page.as_uri()],
                   capture_output=True, timeout=180, check=False)
    if not pdf.exists():
        pytest.skip("Chromium could not print here")
    result = check_file(pdf, data_path=EXAMPLES / "township-2023" / "data.yaml")
    assert not result.has_errors, [f.message for f in result.findings if f.severity == "error"]
    tables = [f for f in result.findings if f.rule.startswith("structure.table")]
    assert len(tables) == 1 and tables[0].severity == "warning" and "表格线" in tables[0].message


def test_kangxi_radicals_are_read_as_the_characters_they_stand_for() -> None:
    from drafter.reader.labels import visible

    assert visible("⼀、总体情况：⺠生实事，⻔戶网站") == "一、总体情况：民生实事，门户网站"
    assert visible("一、总体情况") == "一、总体情况"
