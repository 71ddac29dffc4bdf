"""The table model (drafter.render.tables): official layouts of 表二/三/四 in both formats."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from drafter.data import load_data, parse_data
from drafter.errors import RenderError
from drafter.formats import Column, get_format
from drafter.render.tables import Cell, Table, TableRow, build_tables, expand, format_number

ROOT = Path(__file__).resolve().parents[1]
MINGGAO = ROOT / "examples" / "minggao-2020" / "data.yaml"
DATA_2021 = Path(__file__).parent / "fixtures" / "render-2021.yaml"


def tables_of(path: Path) -> dict[str, Table]:
    return {t.id: t for t in build_tables(load_data(path))}


def find(table: Table, text: str) -> Cell:
    matches = [c for row in table.rows for c in row.cells if c.text == text]
    assert len(matches) == 1, (text, len(matches))
    return matches[0]


@pytest.mark.parametrize("path", [MINGGAO, DATA_2021], ids=["2019", "2021"])
def test_every_table_tiles_its_grid(path: Path) -> None:
    for table in tables_of(path).values():
        grid = table.grid()
        assert len(grid) == len(table.rows)
        assert all(len(line) == table.width for line in grid)
        assert len(table.col_widths_mm) == table.width
        assert sum(table.col_widths_mm) == pytest.approx(156.0)


@pytest.mark.parametrize(("path", "results_span"), [(MINGGAO, 20), (DATA_2021, 22)], ids=["2019", "2021"])
def test_requests_layout(path: Path, results_span: int) -> None:
    data = load_data(path)
    t3 = tables_of(path)["t3_requests"]
    spec = data.spec.requests
    assert t3.width == 10 and t3.header_rows == 3
    corner = t3.rows[0].cells[0]
    assert (corner.text, corner.rowspan, corner.colspan, corner.role) == (spec.corner_note, 3, 3, "corner")
    assert (find(t3, "申请人情况").colspan, find(t3, "法人或其他组织").colspan) == (7, 5)
    assert find(t3, "自然人").rowspan == 2
    assert find(t3, "总计").rowspan == 2
    assert [c.text for c in t3.rows[2].cells] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    assert find(t3, "三、本年度办理结果").rowspan == results_span
    for label in ("一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "四、结转下年度继续办理"):
        assert find(t3, label).colspan == 3
    for label in ("（一）予以公开", "（七）总计", spec.label("partially_granted")):
        assert find(t3, label).colspan == 2
    assert (find(t3, "（三）不予公开").rowspan, find(t3, "（四）无法提供").rowspan, find(t3, "（五）不予处理").rowspan) == (8, 3, 5)
    other = find(t3, "（六）其他处理")
    assert (other.rowspan, other.colspan) == ((3, 1) if results_span == 22 else (1, 2))
    data_rows = [r for r in t3.rows if r.kind == "data"]
    assert len(data_rows) == len(spec.data_rows)
    for row, row_id in zip(data_rows, spec.data_rows, strict=True):
        values = [c for c in row.cells if c.role == "value"]
        assert [c.text for c in values] == [str(data.request(row_id, col.id)) for col in spec.columns]
        assert values[0].place == f"tables.requests.{row_id}.natural_person"


@pytest.mark.parametrize("path", [MINGGAO, DATA_2021], ids=["2019", "2021"])
def test_review_layout(path: Path) -> None:
    data = load_data(path)
    t4 = tables_of(path)["t4_review_litigation"]
    assert t4.width == 15 and len(t4.rows) == 4
    assert [(c.text, c.colspan) for c in t4.rows[0].cells] == [("行政复议", 5), ("行政诉讼", 10)]
    row2 = t4.rows[1].cells
    assert [(c.text, c.rowspan) for c in row2[:5]] == [(x, 2) for x in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")]
    assert [(c.text, c.colspan) for c in row2[5:]] == [("未经复议直接起诉", 5), ("复议后起诉", 5)]
    assert [c.text for c in t4.rows[2].cells] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2
    values = t4.rows[3].cells
    expected = [str(data.review(g, leaf)) for g in ("review", "lit_direct", "lit_after_review")
                for leaf in ("upheld", "corrected", "other", "pending", "total")]
    assert [c.text for c in values] == expected


@pytest.mark.parametrize("path", [MINGGAO, DATA_2021], ids=["2019", "2021"])
def test_proactive_layout(path: Path) -> None:
    data = load_data(path)
    spec = data.spec.proactive
    t2 = tables_of(path)["t2_proactive"]
    assert t2.width == spec.grid_columns
    rows = iter(t2.rows)
    for block in spec.blocks:
        caption = next(rows)
        assert caption.kind == "caption"
        assert [(c.text, c.colspan) for c in caption.cells] == [(block.caption, t2.width)]
        header = next(rows)
        assert [c.text for c in header.cells] == [block.header_stub] + [c.label for c in block.columns]
        assert [c.colspan for c in header.cells[1:]] == [c.colspan for c in block.columns]
        for row in block.rows:
            line = next(rows)
            assert line.cells[0].text == row.label
            assert [c.text for c in line.cells[1:]] == [format_number(data.proactive(row.id, c.id), c) for c in block.columns]
    assert next(rows, None) is None


def test_2019_labels_and_decimals_follow_the_seed() -> None:
    t2 = tables_of(MINGGAO)["t2_proactive"]
    find(t2, "采购总金额（单位：万元，保留4位小数）")
    procurement = [r for r in t2.rows if r.cells[0].text == "政府集中采购"][0]
    assert [c.text for c in procurement.cells[1:]] == ["2", "149.0000"]
    assert t2.width == 5  # blocks （八）/（九）: two value columns of colspan 2


def test_2021_fee_printed_as_given() -> None:
    t2 = tables_of(DATA_2021)["t2_proactive"]
    fees = [r for r in t2.rows if r.cells[0].text == "行政事业性收费"][0]
    assert [(c.text, c.colspan) for c in fees.cells[1:]] == [("1.25", 3)]
    find(t2, "本年收费金额（单位：万元）")


def test_format_number() -> None:
    money4 = Column("a", "x", type="decimal", decimals=4)
    money = Column("b", "y", type="decimal")
    count = Column("c", "z", type="signed_integer")
    assert format_number(149, money4) == "149.0000"
    assert format_number(Decimal("0.12345"), money4) == "0.1235"
    assert format_number(Decimal("0"), money) == "0"
    assert format_number(Decimal("1.250"), money) == "1.25"
    assert format_number(-8, count) == "-8"


def test_zero_data_prints_zeros_never_blank() -> None:
    raw = {"organization": "某镇人民政府", "year": 2022}
    data = parse_data(raw)
    for table in build_tables(data):
        assert table.value_cells
        assert all(c.text == "0" for c in table.value_cells)
    assert get_format("2021").requests.data_rows  # sanity: the format has rows


def test_layout_that_does_not_tile_is_refused() -> None:
    bad = Table("t", "s", 2, (TableRow("data", (Cell("a", colspan=3),)),), (1.0, 1.0))
    with pytest.raises(RenderError):
        expand(bad)
    short = Table("t", "s", 2, (TableRow("data", (Cell("a"),)),), (1.0, 1.0))
    with pytest.raises(RenderError):
        expand(short)
