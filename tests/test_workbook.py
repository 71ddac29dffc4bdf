"""The Excel data workbook: official layout, round trips, and clerk mistakes."""

from __future__ import annotations

import contextlib
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from drafter.cli import app
from drafter.data import ReportData, load_data, parse_data
from drafter.errors import DataError, InputError, Problem
from drafter.formats import format_for_year, get_format
from drafter.rules import check_tables
from drafter.skeleton import data_skeleton
from drafter.workbook import read_workbook, write_workbook

ROOT = Path(__file__).resolve().parents[1]
MINGGAO = ROOT / "examples" / "minggao-2020" / "data.yaml"
ORG = "某某县某某镇人民政府"


@contextlib.contextmanager
def untouched(path: Path) -> Iterator[None]:
    """The file must be exactly as it was, bytes and modification time, after the block."""
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    yield
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def blank(tmp_path: Path, year: int, name: str = "data.xlsx") -> Path:
    return write_workbook(tmp_path / name, ORG, "township", year, short_name="某某镇", parent="某某县人民政府")


def edit(path: Path, **cells: Any) -> None:
    """Change cells as a clerk would, then save: edit(path, 表三={"D7": 5})."""
    wb = openpyxl.load_workbook(path)
    for sheet, changes in cells.items():
        for ref, value in changes.items():
            wb[sheet][ref] = value
    wb.save(path)


def cells_named(path: Path, problems: list[Problem]) -> dict[str, Problem]:
    """The loader's problems by the worksheet cell they name (表三!D7).

    A problem names its cell either directly as its place, or through its data path and
    the (row, column) the workbook positions give for it; both must agree.
    """
    _, positions = read_workbook(path)
    out: dict[str, Problem] = {}
    for problem in problems:
        if "!" in problem.place:
            out[problem.place] = problem
        else:
            row, col = positions[problem.place]
            assert (problem.line, problem.column) == (row, col)
            out[str(positions.cell_of(problem.place))] = problem
    return out


def nonzero_data(year: int) -> ReportData:
    """Data with a non-zero figure in every table of the year's format, totals consistent."""
    spec = get_format(format_for_year(year))
    proactive: dict[str, dict[str, Any]] = {}
    for i, (_, row, col) in enumerate(spec.proactive.cells()):
        value: Any = i + 1
        if col.type == "decimal":
            value = 149.1234 if col.decimals == 4 else 12.35
        elif col.type == "signed_integer":
            value = -(i + 1)
        proactive.setdefault(row.id, {})[col.id] = value
    t3 = spec.requests
    applicant = t3.applicant_columns
    requests: dict[str, list[int]] = {}
    for i, row_id in enumerate(t3.result_rows):
        requests[row_id] = [(i + k) % 4 for k in range(len(applicant))]
    totals = [sum(requests[r][k] for r in t3.result_rows) for k in range(len(applicant))]
    requests["carried_over"] = [1, 0, 1, 0, 0, 0]
    requests["carried_forward"] = [2, 1, 0, 0, 1, 0]
    requests["new_received"] = [
        t + f - o for t, f, o in zip(totals, requests["carried_forward"], requests["carried_over"], strict=True)
    ]
    raw = {
        "organization": ORG,
        "short_name": "某某镇",
        "level": "township",
        "parent": "某某县人民政府",
        "year": year,
        "tables": {
            "proactive": proactive,
            "requests": requests,
            "review_litigation": {"review": [1, 0, 2, 0], "lit_direct": [0, 1, 0, 1], "lit_after_review": [3, 0, 0, 1]},
        },
        "facts": [
            {"label": "主动公开公告公示", "value": 180, "unit": "条"},
            {"label": "政务新媒体发布信息", "value": 12.5, "unit": "万条"},
        ],
    }
    return parse_data(raw, "nonzero")


def convert(data: ReportData, path: Path) -> Path:
    return write_workbook(
        path, data.organization, data.level, data.year, short_name=data.short_name, parent=data.parent, data=data
    )


# --------------------------------------------------------------------------- round trips


@pytest.mark.parametrize("year", [2020, 2023])
def test_blank_workbook_reads_as_the_yaml_skeleton(tmp_path: Path, year: int) -> None:
    xlsx = blank(tmp_path, year)
    yaml_path = tmp_path / "data.yaml"
    yaml_path.write_text(data_skeleton(ORG, "township", year, "某某镇", "某某县人民政府"), encoding="utf-8")
    from_yaml = load_data(yaml_path)
    raw, positions = read_workbook(xlsx)
    from_xlsx = parse_data(raw, str(xlsx), positions)
    assert from_xlsx.tables == from_yaml.tables
    assert from_xlsx.format == from_yaml.format == format_for_year(year)
    assert (from_xlsx.organization, from_xlsx.short_name, from_xlsx.parent, from_xlsx.level, from_xlsx.year) == (
        ORG, "某某镇", "某某县人民政府", "township", year,
    )
    assert from_xlsx.warnings == []  # every input cell holds 0, as the YAML skeleton does
    assert [f.rule for f in check_tables(from_xlsx)] == ["table.empty"]  # a blank template is only a warning


def test_minggao_example_converts_to_a_workbook_and_back(tmp_path: Path) -> None:
    original = load_data(MINGGAO)
    back = load_data(convert(original, tmp_path / "minggao.xlsx"))
    assert back.tables == original.tables
    assert back.facts == original.facts
    assert (back.organization, back.short_name, back.parent, back.level, back.year, back.format) == (
        original.organization, original.short_name, original.parent, original.level, original.year, original.format,
    )


@pytest.mark.parametrize("year", [2020, 2022])
def test_nonzero_figures_in_every_table_survive_the_round_trip(tmp_path: Path, year: int) -> None:
    original = nonzero_data(year)
    assert check_tables(original) == []
    back = load_data(convert(original, tmp_path / "data.xlsx"))
    assert back.tables == original.tables
    assert back.facts == original.facts
    assert back.warnings == []
    assert any(v != 0 for row in back.tables.proactive.values() for v in row.values())
    assert back.request("total_processed") > 0 and back.review("review") == 3


def test_a_wrong_total_in_a_data_file_stays_wrong_in_the_workbook(tmp_path: Path) -> None:
    raw = nonzero_data(2022).to_input()
    raw["tables"]["review_litigation"]["review"]["total"] = 9  # parts add up to 3
    original = parse_data(raw, "wrong")
    path = convert(original, tmp_path / "data.xlsx")
    assert openpyxl.load_workbook(path)["表四"]["E5"].value == 9
    back = load_data(path)
    assert back.tables == original.tables
    assert [f.rule for f in check_tables(back)] == ["table.review_sum"]


# --------------------------------------------------------------------------- layout


@pytest.mark.parametrize(("year", "results_rows"), [(2020, 20), (2023, 22)])
def test_merged_cells_follow_the_official_tables(tmp_path: Path, year: int, results_rows: int) -> None:
    wb = openpyxl.load_workbook(blank(tmp_path, year))
    t3 = {str(r) for r in wb["表三"].merged_cells.ranges}
    assert {"A2:C4", "D2:J2", "D3:D4", "E3:I3", "J3:J4", "A5:C5", "A6:C6", "B7:C7", "B8:C8"} <= t3
    assert wb["表三"]["A2"].value.startswith("（本列数据的勾稽关系为")
    assert f"A7:A{6 + results_rows}" in t3  # 三、本年度办理结果
    assert wb["表三"]["A7"].value == "三、本年度办理结果"
    assert "B9:B16" in t3  # （三）不予公开 over its eight sub-items
    assert wb["表三"][f"A{7 + results_rows}"].value == "四、结转下年度继续办理"
    assert f"A{7 + results_rows}:C{7 + results_rows}" in t3
    if year >= 2021:
        assert "B25:B27" in t3 and wb["表三"]["B25"].value == "（六）其他处理"
    else:
        assert "B25:C25" in t3 and wb["表三"]["B25"].value == "（六）其他处理"
    assert [wb["表三"].cell(4, c).value for c in range(5, 10)] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]

    t4 = {str(r) for r in wb["表四"].merged_cells.ranges}
    assert {"A2:E2", "F2:O2", "F3:J3", "K3:O3", "A3:A4", "E3:E4"} <= t4
    assert (wb["表四"]["A2"].value, wb["表四"]["F2"].value) == ("行政复议", "行政诉讼")
    assert (wb["表四"]["F3"].value, wb["表四"]["K3"].value) == ("未经复议直接起诉", "复议后起诉")

    t2 = wb["表二"]
    spec = get_format(format_for_year(year))
    assert t2["A2"].value == "第二十条第（一）项" and t2["A3"].value == "信息内容"
    assert f"A2:{'E' if year < 2021 else 'D'}2" in {str(r) for r in t2.merged_cells.ranges}
    labels = [t2.cell(r, 1).value for r in range(1, t2.max_row + 1)]
    for block in spec.proactive.blocks:
        assert block.caption in labels
        assert all(row.label in labels for row in block.rows)
    if year >= 2021:  # one value column spanning the three grid columns
        assert "B8:D8" in {str(r) for r in t2.merged_cells.ranges} and t2["B7"].value == "本年处理决定数量"


def test_totals_are_formulas_and_input_cells_are_marked(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(blank(tmp_path, 2023))
    t3, t4, info = wb["表三"], wb["表四"], wb["基本信息"]
    assert t3["J5"].value == "=SUM(D5:I5)"
    assert t3["B28"].value == "（七）总计"
    assert [t3.cell(28, c).value for c in range(4, 11)] == [
        "=SUM(D7:D27)", "=SUM(E7:E27)", "=SUM(F7:F27)", "=SUM(G7:G27)", "=SUM(H7:H27)", "=SUM(I7:I27)", "=SUM(D28:I28)",
    ]
    assert (t4["E5"].value, t4["J5"].value, t4["O5"].value) == ("=SUM(A5:D5)", "=SUM(F5:I5)", "=SUM(K5:N5)")
    for ws in (t3, t4, wb["表二"]):
        assert ws.protection.sheet and ws.protection.password is None
    assert t3["D5"].protection.locked is False and t3["D5"].fill.fgColor.rgb.endswith("FFF2CC")
    assert t3["J5"].protection.locked and t3["J5"].fill.fill_type is None
    assert t3["A5"].protection.locked and t3["A5"].fill.fill_type is None
    assert t3["D5"].font.name == "宋体"
    lists = [dv for dv in info.data_validations.dataValidation if dv.type == "list"]
    assert lists and "乡镇/街道" in lists[0].formula1 and "B4" in str(lists[0].sqref)
    assert [info.cell(r, 1).value for r in range(2, 8)] == ["机关全称", "简称", "层级", "上级机关", "报告年度", "格式"]
    assert info["B6"].value == 2023 and "2021" in info["B7"].value


def test_positions_name_sheet_and_cell(tmp_path: Path) -> None:
    raw, positions = read_workbook(blank(tmp_path, 2023))
    assert positions["tables.requests.new_received.natural_person"] == (5, 4)
    assert positions.cell_of("tables.requests.granted.total") == "表三!J7"
    assert positions.cell_of("tables.review_litigation.lit_direct.upheld") == "表四!F5"
    assert positions.cell_of("tables.proactive.admin_license.decisions_this_year") == "表二!B8"
    assert positions.cell_of("year") == "基本信息!B6"
    assert "total_processed" not in raw["tables"]["requests"]  # formulas: the loader computes them
    assert "total" not in raw["tables"]["requests"]["granted"]


# --------------------------------------------------------------------------- clerk edits


def test_a_typed_over_total_is_checked_by_the_table_rules(tmp_path: Path) -> None:
    path = blank(tmp_path, 2023)
    edit(path, 表三={"J5": 99, "D28": 4}, 表四={"E5": 2})
    data = load_data(path)
    found = {(f.rule, f.place) for f in check_tables(data)}
    assert ("table.total_column", "tables.requests.new_received.total") in found
    assert ("table.results_sum", "tables.requests.total_processed.natural_person") in found
    assert ("table.review_sum", "tables.review_litigation.review.total") in found
    # the other cells of （七）总计 still hold their formula: only 自然人 and the 总计 that adds it up differ
    assert {f.place for f in check_tables(data) if f.rule == "table.results_sum"} == {
        "tables.requests.total_processed.natural_person",
        "tables.requests.total_processed.total",
    }
    assert data.line_of("tables.requests.new_received.total") == 5
    _, positions = read_workbook(path)
    assert positions["tables.requests.new_received.total"] == (5, 10)
    assert positions.cell_of("tables.requests.new_received.total") == "表三!J5"
    assert positions.cell_of("tables.review_litigation.review.total") == "表四!E5"


def test_figures_typed_in_are_read(tmp_path: Path) -> None:
    path = blank(tmp_path, 2020)
    edit(path, 表三={"D5": 3, "D7": 2.0, "D26": "=SUM($D$7:$D$25)", "D27": 1}, 表二={"D19": 149.1234, "D16": -8})
    data = load_data(path)
    assert data.request("new_received") == 3
    assert data.request("granted", "natural_person") == 2  # 2.0 from a numeric cell is the count 2
    assert data.proactive("govt_centralized_procurement", "procurement_amount") == Decimal("149.1234")
    assert data.proactive("admin_fees", "items_change") == -8
    assert check_tables(data) == []


def test_renamed_sheet_is_refused(tmp_path: Path) -> None:
    path = blank(tmp_path, 2023)
    wb = openpyxl.load_workbook(path)
    wb["表三"].title = "表3"
    wb.save(path)
    with untouched(path), pytest.raises(InputError) as err:
        load_data(path)
    text = err.value.describe()
    assert "表三" in text and "表3" in text and "drafter init --xlsx" in text
    assert err.value.problems[0].place == "表三"


def test_swapped_row_labels_are_refused_naming_the_cells(tmp_path: Path) -> None:
    path = blank(tmp_path, 2023)
    wb = openpyxl.load_workbook(path)
    ws = wb["表三"]
    ws["A5"], ws["A6"] = ws["A6"].value, ws["A5"].value
    wb.save(path)
    with untouched(path), pytest.raises(InputError) as err:
        load_data(path)
    places = {p.place: p.message for p in err.value.problems}
    assert set(places) == {"表三!A5", "表三!A6"}
    assert "应为“一、本年新收政府信息公开申请数量”" in places["表三!A5"]
    assert "实际为“二、上年结转政府信息公开申请数量”" in places["表三!A5"]
    assert "重新生成" in err.value.message


def test_an_inserted_row_is_refused_naming_the_cell_and_the_label(tmp_path: Path) -> None:
    path = blank(tmp_path, 2023)
    wb = openpyxl.load_workbook(path)
    wb["表三"].insert_rows(9)
    wb.save(path)
    with untouched(path), pytest.raises(InputError) as err:
        load_data(path)
    places = {p.place: p.message for p in err.value.problems}
    first = err.value.problems[0]  # the insertion is named once, at its first cell
    assert first.place == "表三!C9"
    assert "下移了 1 行" in first.message and "“1.属于国家秘密”应在表三!C9，现在在表三!C10" in first.message
    assert "删除插入的行" in first.message
    assert not {f"表三!C{r}" for r in range(10, 27)} & set(places)  # not repeated for every moved row
    assert "表三!A5" not in places  # rows above the insertion are fine
    assert places["表三!B9"] == "应为“（三）不予公开”，实际为空。"


def test_a_deleted_column_is_named_once(tmp_path: Path) -> None:
    path = blank(tmp_path, 2023)
    wb = openpyxl.load_workbook(path)
    wb["表四"].delete_cols(2)
    wb.save(path)
    with untouched(path), pytest.raises(InputError) as err:
        load_data(path)
    first = err.value.problems[0]
    assert first.place.startswith("表四!") and "左移了 1 列" in first.message


def test_punctuation_and_width_of_labels_do_not_matter(tmp_path: Path) -> None:
    path = blank(tmp_path, 2023)
    edit(path, 表三={"C25": "1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请", "B7": "(一) 予以公开"})
    assert load_data(path).format == "2021"


def test_header_changes_are_refused(tmp_path: Path) -> None:
    path = blank(tmp_path, 2023)
    edit(path, 表四={"F4": "结果纠正", "G4": "结果维持"}, 表二={"B3": "本年制发数量"})
    with untouched(path), pytest.raises(InputError) as err:
        load_data(path)
    assert {p.place for p in err.value.problems} == {"表四!F4", "表四!G4", "表二!B3"}


def test_year_moved_across_formats_is_refused_with_the_fix(tmp_path: Path) -> None:
    path = blank(tmp_path, 2020)
    edit(path, 基本信息={"B6": 2021})
    with untouched(path), pytest.raises(InputError) as err:
        load_data(path)
    text = err.value.describe()
    assert "2021 年格式" in text and "2019 年格式" in text
    assert "drafter init --xlsx --year 2021" in text and "基本信息!B6" in text


def test_text_in_a_number_cell_is_a_data_error_naming_the_place(tmp_path: Path) -> None:
    path = blank(tmp_path, 2023)
    edit(path, 表三={"D7": "五件"}, 表二={"B8": 2.5})
    with untouched(path), pytest.raises(DataError) as err:
        load_data(path)
    by_cell = cells_named(path, err.value.problems)
    assert set(by_cell) == {"表三!D7", "表二!B8"}
    text_cell = by_cell["表三!D7"]
    assert "表三" in text_cell.message and "自然人" in text_cell.message and "五件" in text_cell.message
    assert "整数" in by_cell["表二!B8"].message
    assert err.value.path == str(path)


def test_a_blank_input_cell_is_read_as_zero_with_a_warning(tmp_path: Path) -> None:
    path = blank(tmp_path, 2023)
    edit(path, 表四={"B5": None}, 表三={"E6": "  "})
    data = load_data(path)
    by_cell = cells_named(path, data.warnings)
    assert set(by_cell) == {"表四!B5", "表三!E6"}
    assert "空的" in by_cell["表三!E6"].message and "结果纠正" in by_cell["表四!B5"].message
    assert data.tables.review_litigation["review"]["corrected"] == 0


def test_info_sheet_values_are_checked_by_the_loader(tmp_path: Path) -> None:
    path = blank(tmp_path, 2023)
    edit(path, 基本信息={"B4": "县（区）", "B6": "二〇二三"})
    with untouched(path), pytest.raises(DataError) as err:
        load_data(path)
    (problem,) = err.value.problems
    assert list(cells_named(path, [problem])) == ["基本信息!B6"] and "year" in problem.message
    edit(path, 基本信息={"B6": 2023.0})
    assert load_data(path).level == "county"


def test_facts_are_read_and_incomplete_facts_named(tmp_path: Path) -> None:
    path = blank(tmp_path, 2023)
    edit(path, 其他数字={"A2": "主动公开公告公示", "B2": 180, "C2": "条", "A4": "新媒体发布", "B4": "12.5"})
    facts = load_data(path).facts
    assert [(f.label, f.value, f.unit) for f in facts] == [("主动公开公告公示", 180, "条"), ("新媒体发布", Decimal("12.5"), "")]
    edit(path, 其他数字={"A5": "政务公开专栏更新"})
    with untouched(path), pytest.raises(DataError) as err:
        load_data(path)
    assert err.value.problems[0].place == "其他数字!B5" and "政务公开专栏更新" in err.value.problems[0].message


def test_files_that_are_not_workbooks_are_refused_in_chinese(tmp_path: Path) -> None:
    text = tmp_path / "text.xlsx"
    text.write_text("organization: 某某镇\n", encoding="utf-8")
    other_zip = tmp_path / "zip.xlsx"
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    old_excel = tmp_path / "old.xlsx"
    old_excel.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    for path, words in ((text, "不是 Excel 工作簿"), (other_zip, "不是能打开的 Excel 工作簿"), (old_excel, ".xls")):
        with untouched(path), pytest.raises(InputError) as err:
            load_data(path)
        assert words in err.value.message and err.value.path == str(path)
    with pytest.raises(InputError, match="不存在"):
        load_data(tmp_path / "missing.xlsx")


# --------------------------------------------------------------------------- command line


def test_init_xlsx_then_check_data_passes(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["init", "某某镇人民政府", "--year", "2023", "--xlsx", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "data.xlsx").is_file()
    result = runner.invoke(app, ["check-data", str(tmp_path / "data.xlsx")])
    assert result.exit_code == 0, result.output
    assert "共 0 个错误，1 个提醒" in result.output and "全部为 0" in result.output  # not yet filled in


def test_check_data_reports_a_broken_workbook_with_exit_2(tmp_path: Path) -> None:
    path = blank(tmp_path, 2023)
    wb = openpyxl.load_workbook(path)
    wb["表三"].delete_rows(6)
    wb.save(path)
    result = CliRunner().invoke(app, ["check-data", str(path)])
    assert result.exit_code == 2
    assert "表三!A6" in result.output and "重新生成" in result.output

