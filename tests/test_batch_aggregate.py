"""drafter aggregate: the parent's tables are the cell-by-cell sum of its children's (only the
cells that add up), and --parent names every cell where parent ≠ Σ children and every child
that is missing, of another year or broken."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from batch_support import drafter, make_county

from drafter.data import load_data


def children(county: Path) -> list:
    return [load_data(p / "data.yaml") for p in sorted(county.iterdir()) if (p / "data.yaml").is_file()]


def test_roll_up_equals_the_sum_of_the_children(tmp_path: Path) -> None:
    county = make_county(tmp_path, 9)
    out = tmp_path / "county-data.yaml"
    result = drafter("aggregate", county, "-o", out)
    assert result.exit_code == 0, result.output
    total = load_data(out)
    kids = children(county)
    assert total.organization == "河阳县人民政府" and total.level == "county" and total.year == 2023
    for row, cols in total.tables.requests.items():
        for col, v in cols.items():
            assert v == sum(k.tables.requests[row][col] for k in kids), (row, col)
    for group, cols in total.tables.review_litigation.items():
        for col, v in cols.items():
            assert v == sum(k.tables.review_litigation[group][col] for k in kids)
    assert total.proactive("admin_license", "decisions_this_year") == sum(
        k.proactive("admin_license", "decisions_this_year") for k in kids
    )
    assert total.proactive("normative_docs", "made_this_year") == sum(k.proactive("normative_docs", "made_this_year") for k in kids)
    # documents in force do not add up: left for the county to fill in, and said so
    raw = yaml.safe_load(out.read_text("utf-8"))
    assert "in_force" not in raw["tables"]["proactive"]["normative_docs"]
    assert "现行有效件数不能相加" in out.read_text("utf-8")
    assert drafter("check-data", out).exit_code == 0
    # the written file is not overwritten by a second run
    again = drafter("aggregate", county, "-o", out)
    assert again.exit_code == 2 and "已存在" in again.output


def test_parent_compared_cell_by_cell_and_children_missing_or_of_another_year(tmp_path: Path) -> None:
    county = make_county(tmp_path, 5)
    total = tmp_path / "sum.yaml"
    assert drafter("aggregate", county, "-o", total).exit_code == 0
    parent = tmp_path / "parent.yaml"
    text = total.read_text("utf-8")
    new_received = yaml.safe_load(text)["tables"]["requests"]["new_received"]
    wrong = list(new_received)
    wrong[0] += 2
    parent.write_text(text.replace(f"new_received: {new_received}".replace("'", ""), f"new_received: {wrong}"), "utf-8")
    assert yaml.safe_load(parent.read_text("utf-8"))["tables"]["requests"]["new_received"] == wrong

    consistent = drafter("aggregate", county, "--parent", total)
    assert consistent.exit_code == 0 and "全部一致" in consistent.output

    result = drafter("aggregate", county, "--parent", parent)
    assert result.exit_code == 1
    assert f"表三 一、本年新收政府信息公开申请数量·自然人：上级填报 {wrong[0]}，下级合计 {new_received[0]}（相差 2）" in result.output
    assert "[tables.requests.new_received.natural_person]" in result.output

    folders = sorted(p for p in county.iterdir() if p.is_dir())
    shutil.rmtree(folders[0])  # listed in index.csv, no longer there
    data = folders[1] / "data.yaml"
    data.write_text(data.read_text("utf-8").replace("year: 2023", "year: 2022"), "utf-8")
    data = folders[2] / "data.yaml"
    data.write_text(data.read_text("utf-8").replace("granted:         [", "granted:         [9"), "utf-8")
    result = drafter("aggregate", county, "--parent", parent)
    assert result.exit_code == 1
    assert f"未计入：{folders[0].name}" in result.output and "没有文件夹或数据文件" in result.output
    assert f"未计入：{folders[1].name}：数据是 2022 年度的" in result.output
    assert f"未计入：{folders[2].name}：表格有" in result.output
    assert "2 个机关的数据已相加" in result.output
