"""init --bodies: the list as Excel saves it, folder names safe for any organization name,
every problem of the list reported at once, nothing overwritten; the summaries' CSV safety."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from batch_support import drafter
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.batch.names import FolderNames, folder_key, safe_name
from drafter.batch.summary import cell, write_csv

FORBIDDEN = set('<>:"/\\|?*') | {chr(i) for i in range(32)}


@given(st.lists(st.text(min_size=0, max_size=80), min_size=1, max_size=30))
@settings(max_examples=200, deadline=None)
def test_folder_names_are_safe_and_unique(names: list[str]) -> None:
    taken = FolderNames()
    made = [taken.take(n) for n in names]
    assert len({folder_key(m) for m in made}) == len(made)
    for m in made:
        assert m and m not in (".", "..") and not (set(m) & FORBIDDEN)
        assert not m.endswith((" ", ".")) and len(m) <= 64
        assert m.split(".")[0].upper() not in ("CON", "NUL", "PRN", "AUX", "COM1", "LPT1")


def test_hostile_and_similar_names() -> None:
    assert safe_name("../../etc/passwd") == "etc_passwd"
    assert safe_name("CON") == "_CON" and safe_name("nul.txt") == "_nul.txt"
    assert safe_name("河阳县:清水镇*人民政府?") == "河阳县_清水镇_人民政府"
    taken = FolderNames()
    # full-width and half-width, case, and a trailing space land in one folder unless numbered
    assert [taken.take(n) for n in ("清水镇ＡＢ", "清水镇AB", "清水镇ab ", "清水镇AB")] == [
        "清水镇AB", "清水镇AB-2", "清水镇ab-3", "清水镇AB-4"
    ]


def test_init_bodies_from_a_gbk_list_as_excel_saves_it(tmp_path: Path) -> None:
    listing = tmp_path / "名单.csv"
    text = "机关名称,简称,上级,年度\r\n河阳县清水镇人民政府,清水镇,河阳县人民政府,2023\r\n河阳县教育局,,河阳县人民政府,2023\r\n../../危险/名称镇人民政府,危险镇,河阳县人民政府,2023\r\n"
    listing.write_bytes(text.encode("gbk"))
    county = tmp_path / "county"
    result = drafter("init", "--bodies", listing, county)
    assert result.exit_code == 0, result.output
    folders = sorted(p.name for p in county.iterdir() if p.is_dir())
    assert folders == ["危险_名称镇人民政府", "河阳县教育局", "河阳县清水镇人民政府"]
    assert not (tmp_path / "危险").exists()
    data = yaml.safe_load((county / "河阳县清水镇人民政府" / "data.yaml").read_text("utf-8"))
    assert data["organization"] == "河阳县清水镇人民政府" and data["short_name"] == "清水镇" and data["year"] == 2023
    assert data["parent"] == "河阳县人民政府" and data["level"] == "township"
    assert yaml.safe_load((county / "河阳县教育局" / "data.yaml").read_text("utf-8"))["level"] == "department"
    assert (county / "河阳县教育局" / "notes.md").read_text("utf-8").startswith("<!-- 河阳县教育局 2023")
    assert drafter("check-data", county / "河阳县清水镇人民政府" / "data.yaml").exit_code == 0
    index = (county / "index.csv").read_text("utf-8-sig")
    assert "危险_名称镇人民政府,../../危险/名称镇人民政府" in index


def test_init_bodies_xlsx_and_no_overwrite(tmp_path: Path) -> None:
    listing = tmp_path / "bodies.csv"
    listing.write_text("name,short name,parent,year\n河阳县清水镇人民政府,清水镇,河阳县人民政府,2023\n", "utf-8")
    county = tmp_path / "county"
    assert drafter("init", "--bodies", listing, county, "--xlsx").exit_code == 0
    workbook = county / "河阳县清水镇人民政府" / "data.xlsx"
    assert workbook.is_file()
    before = workbook.read_bytes()
    notes = county / "河阳县清水镇人民政府" / "notes.md"
    notes.write_text("# 总体情况\n- 已填写的素材\n", "utf-8")
    listing.write_text(listing.read_text("utf-8") + "河阳县东岭镇人民政府,东岭镇,河阳县人民政府,2023\n", "utf-8")
    result = drafter("init", "--bodies", listing, county, "--xlsx")
    assert result.exit_code == 0 and "没有覆盖" in result.output
    assert notes.read_text("utf-8") == "# 总体情况\n- 已填写的素材\n" and workbook.read_bytes() == before
    assert (county / "河阳县东岭镇人民政府" / "data.xlsx").is_file()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("单位,年度\n河阳县清水镇人民政府,2023\n,2023\n河阳县清水镇人民政府,2023\n某某中心站点,2023\n清水,二〇二三\n",
         ["第3行", "第4行", "第2行重复", "层级", "第6行"]),
        ("简称,年度\n清水镇,2023\n", ["名称"]),
        ("名称\n河阳县清水镇人民政府\n", ["--year"]),
        ("名称,年度\n河阳县清水镇人民政府,2099\n", ["2099"]),
    ],
)
def test_list_problems_are_all_named_and_nothing_is_written(tmp_path: Path, content: str, expected: list[str]) -> None:
    listing = tmp_path / "bodies.csv"
    listing.write_text(content, "utf-8")
    result = drafter("init", "--bodies", listing, tmp_path / "county")
    assert result.exit_code == 2, result.output
    for word in expected:
        assert word in result.output
    assert not (tmp_path / "county").exists()
    assert "Traceback" not in result.output


def test_csv_cells_cannot_run_as_formulas(tmp_path: Path) -> None:
    assert [cell(v) for v in ("=1+1", "+86", "-2", "@SUM(A1)", "\tx", "清水镇", 3, -4)] == [
        "'=1+1", "'+86", "'-2", "'@SUM(A1)", "'\tx", "清水镇", 3, -4
    ]
    path = write_csv(tmp_path / "s.csv", ["机关"], [['=HYPERLINK("http://x")']])
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "'=HYPERLINK" in path.read_text("utf-8-sig")
