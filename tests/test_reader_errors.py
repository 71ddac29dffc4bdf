"""Bad input: each case is a DrafterError whose Chinese message names the file; never
another exception type. Unreadable tables are findings, not crashes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from reader_support import blank_cells, docx_bytes, html_report, layouts, sample_data

from drafter.errors import DrafterError, InputError, ReportReadError
from drafter.reader import read_report

SEED = Path(__file__).parent / "fixtures" / "minggao-2020.txt"


def _fails(path: Path, kind: type[DrafterError] = DrafterError, encoding: str | None = None) -> DrafterError:
    with pytest.raises(DrafterError) as info:
        read_report(path, encoding=encoding)
    exc = info.value
    assert isinstance(exc, kind)
    assert exc.exit_code == 2
    described = exc.describe()
    assert str(path) in described
    assert any("\u4e00" <= ch <= "\u9fff" for ch in exc.message)
    return exc


def test_missing_file(tmp_path: Path) -> None:
    assert "不存在" in _fails(tmp_path / "nope.txt", InputError).message


@pytest.mark.parametrize("name", ["empty.txt", "empty.docx", "empty.html", "blank.md"])
def test_empty_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("  \n\n" if name.startswith("blank") else "", "utf-8")
    assert "空" in _fails(path).message


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(bytes(range(256)) * 8)
    assert "二进制" in _fails(path, InputError).message


def test_docx_that_is_a_zip_of_something_else(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("notes/readme.txt", "hello")
    path = tmp_path / "report.docx"
    path.write_bytes(buffer.getvalue())
    assert "不是有效的 Word 文档" in _fails(path, ReportReadError).message


def test_docx_that_is_a_text_file(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(SEED.read_bytes())
    assert "不是有效的 Word 文档" in _fails(path, ReportReadError).message


def test_docx_that_is_a_truncated_word_file(tmp_path: Path) -> None:
    good = docx_bytes("2021", 3)
    path = tmp_path / "broken.docx"
    path.write_bytes(good[: len(good) // 2])
    assert "Word" in _fails(path, ReportReadError).message


def test_broken_old_doc_and_pdf_are_refused_with_a_way_out(tmp_path: Path) -> None:
    doc = tmp_path / "report.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert ".docx" in _fails(doc).message  # converted when LibreOffice is installed; this one is broken
    assert doc.read_bytes() == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    assert "PDF" in _fails(pdf, ReportReadError).message


def test_excel_workbook_is_not_a_report(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    path = tmp_path / "data.html"
    path.write_bytes(buffer.getvalue())
    assert "check-data" in _fails(path, ReportReadError).message


def test_html_without_tables_is_read_with_one_finding(tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    path.write_text("<html><body><h1>鸣皋镇2020年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>略</p></body></html>",
                    "utf-8")
    parsed = read_report(path)
    missing = [f for f in parsed.findings if f.rule == "structure.table_unreadable"]
    assert len(missing) == 1 and missing[0].severity == "error" and "表二、表三、表四" in missing[0].message
    assert parsed.section("s1_overview") is not None and parsed.tables is None


def test_html_that_is_really_plain_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    path.write_bytes(SEED.read_bytes())
    parsed = read_report(path)
    assert parsed.kind == "txt"
    assert parsed.tables is not None and parsed.year == 2020


def test_text_that_is_not_a_report(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("今天开会，讨论了三件事。\n会后整理纪要。\n", "utf-8")
    assert "不像一份政府信息公开工作年度报告" in _fails(path, ReportReadError).message


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(SEED.read_bytes() * 320)  # about 2 MB
    assert path.stat().st_size > 2_000_000
    assert "过大" in _fails(path, InputError).message


def test_gbk_text_is_refused_with_the_remedy_and_read_with_the_encoding(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes(SEED.read_text("utf-8").encode("gbk"))
    assert "--encoding gbk" in _fails(path, InputError).message
    parsed = read_report(path, encoding="gbk")
    assert parsed.organization == "鸣皋镇人民政府" and parsed.tables is not None


def test_gbk_web_page_declaring_its_charset_is_read(tmp_path: Path) -> None:
    page = html_report(sample_data("2019")).replace("charset='utf-8'", "charset='gb2312'")
    path = tmp_path / "gbk.html"
    path.write_bytes(page.encode("gbk"))
    assert read_report(path).organization == "伊川县鸣皋镇人民政府"


def test_wrong_encoding_named(tmp_path: Path) -> None:
    path = tmp_path / "utf8.txt"
    path.write_bytes("鸣皋镇".encode() + b"\xff\xfe")
    _fails(path, InputError, encoding="ascii")


def test_json_that_is_not_our_draft(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text('{"organization": "鸣皋镇", "year": 2020}', "utf-8")
    assert "drafter-report" in _fails(path, ReportReadError).message
    broken = tmp_path / "broken.json"
    broken.write_text('{"kind": "drafter-report", ', "utf-8")
    assert "JSON 格式错误" in _fails(broken, ReportReadError).message
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"kind": "drafter-report", "data": 3, "narrative": {}}', "utf-8")
    assert "结构不对" in _fails(wrong, ReportReadError).message


def test_missing_table_is_a_finding(tmp_path: Path) -> None:
    text = SEED.read_text("utf-8")
    start = text.index("行政复议\t")
    end = text.index("五、存在的主要问题")
    path = tmp_path / "no-t4.txt"
    path.write_text(text[:start] + text[end:], "utf-8")
    parsed = read_report(path)
    assert parsed.tables is None
    missing = [f for f in parsed.findings if f.rule == "structure.table_unreadable"]
    assert len(missing) == 1 and missing[0].severity == "error" and "表四" in missing[0].message
    assert parsed.section("s4_review_litigation") is not None


def test_table_with_unrecognisable_rows_is_a_finding(tmp_path: Path) -> None:
    text = SEED.read_text("utf-8")
    lines = text.splitlines()
    at = lines.index("0\t" * 14 + "0")
    lines[at - 2:at + 1] = ["1\t2\t3\t4\t5\t6\t7\t8\t9"]  # leaf headers gone, 9 numbers of 15
    path = tmp_path / "short.txt"
    path.write_text("\n".join(lines), "utf-8")
    parsed = read_report(path)
    assert parsed.tables is None
    bad = [f for f in parsed.findings if f.rule == "structure.table_unreadable"]
    assert len(bad) == 1 and "表四" in bad[0].message and "15" in bad[0].message


def test_missing_cells_in_an_html_row_are_blank_cells(tmp_path: Path) -> None:
    data = sample_data("2021")
    tables = layouts(data)
    tables["s4_review_litigation"][-1] = tables["s4_review_litigation"][-1][:9]  # 9 <td> of 15
    path = tmp_path / "short.html"
    path.write_text(html_report(data, tables), "utf-8")
    parsed = read_report(path)
    assert parsed.tables.tables.review_litigation["lit_after_review"]["upheld"] == 0
    blanks = blank_cells(parsed.findings)
    assert len(blanks) == 6 and blanks[0] == "tables.review_litigation.lit_direct.total"
    warning = [f for f in parsed.findings if f.rule == "table.blank_cell"]
    assert len(warning) == 1 and warning[0].place == blanks[0]  # one warning for the table, at its first cell
    assert "表四有 6 个单元格为空，已按 0 处理（其中 2 个总计按各列之和计算）" in warning[0].message


def test_text_in_a_number_cell_is_an_error_finding(tmp_path: Path) -> None:
    data = sample_data("2021")
    tables = layouts(data)
    row = next(r for r in tables["s3_requests"] if r[0][0] == "二、上年结转政府信息公开申请数量")
    row[1] = ("见附件", 1, 1)
    path = tmp_path / "text-cell.html"
    path.write_text(html_report(data, tables), "utf-8")
    parsed = read_report(path)
    bad = [f for f in parsed.findings if f.rule == "table.bad_cell"]
    assert [f.place for f in bad] == ["tables.requests.carried_over.natural_person"]
    assert "见附件" in bad[0].message and bad[0].severity == "error"


@pytest.mark.parametrize("junk", [
    "<table><tr><td rowspan='99999' colspan='99999'>x</td></tr></table><p>一、总体情况</p>",
    "<table><tr><td rowspan='-3' colspan='abc'>表三</td><td>自然人</td></tr></table>",
    "<div>" * 3000 + "一、总体情况" + "</div>" * 3000 + "<table><tr><td>1</td></tr></table>",
    "<table></table><p>二、主动公开政府信息情况</p>",
], ids=["huge-spans", "bad-spans", "deep-nesting", "empty-table"])
def test_hostile_html_gives_a_result_or_a_drafter_error(tmp_path: Path, junk: str) -> None:
    path = tmp_path / "junk.html"
    path.write_text(f"<html><body>{junk}</body></html>", "utf-8")
    try:
        parsed = read_report(path)
    except DrafterError as exc:
        assert str(path) in exc.describe()
    else:
        assert parsed.tables is None
        assert any(f.rule == "structure.table_unreadable" for f in parsed.findings)
