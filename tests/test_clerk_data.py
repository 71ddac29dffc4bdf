"""Data as clerks type it: numbers stored as text in Excel (and quoted in YAML) are read as
numbers with one note; a list typed with Chinese commas says so; `init` infers the level
from the name and refuses an empty one; --previous of the same year is refused."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from drafter.data import load_data, parse_data, text_number
from drafter.errors import DataError, InputError


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "drafter", *args], capture_output=True, text=True, timeout=60)


def test_text_number() -> None:
    assert text_number(" 3 ") == 3 and text_number("３") == 3 and text_number("1,268") == 1268
    assert text_number("2.5") == 2.5
    assert text_number("三") is None and text_number("3件") is None and text_number("") is None


def _fill_as_text(path: Path, values: dict[str, str]) -> dict[str, str]:
    import openpyxl

    from drafter.workbook import read_workbook

    _, positions = read_workbook(path)
    wb = openpyxl.load_workbook(path)
    cells = {}
    for place, value in values.items():
        cell = positions.cell_of(place)
        assert cell is not None
        sheet, ref = cell.split("!")
        wb[sheet][ref].value = value  # a str: stored as text, as when pasted from another program
        cells[place] = cell
    wb.save(path)
    return cells


def test_excel_numbers_stored_as_text_are_read_with_one_note(tmp_path: Path) -> None:
    r = run("init", "伊川县某某镇人民政府", "--year", "2023", "--xlsx", "-o", str(tmp_path))
    assert r.returncode == 0, r.stderr
    book = tmp_path / "data.xlsx"
    cells = _fill_as_text(book, {
        "tables.requests.new_received.natural_person": " 3 ",
        "tables.requests.granted.natural_person": "3",
    })
    data = load_data(book)
    assert data.tables.requests["new_received"]["total"] == 3 and data.tables.requests["granted"]["natural_person"] == 3
    notes = [w.message for w in data.warnings if "文字形式" in w.message]
    assert len(notes) == 1 and all(c in notes[0] for c in cells.values()) and "转换为数字" in notes[0]
    r = run("check-data", str(book))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "已按数字读取" in r.stdout and "应是数字" not in r.stdout


def test_words_in_a_number_cell_are_still_refused(tmp_path: Path) -> None:
    run("init", "伊川县某某镇人民政府", "--year", "2023", "--xlsx", "-o", str(tmp_path))
    _fill_as_text(tmp_path / "data.xlsx", {"tables.requests.new_received.natural_person": "三件"})
    with pytest.raises(DataError) as err:
        load_data(tmp_path / "data.xlsx")
    assert "三件" in err.value.describe()


def _base(requests: str) -> str:
    return f"organization: 某某县某某镇人民政府\nlevel: township\nyear: 2023\ntables:\n  requests:\n{requests}"


def test_a_yaml_list_with_chinese_commas_says_so(tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    path.write_text(_base("    new_received: [5，1，0，0，0，0]\n    carried_over: 1、0、0、0、0、0\n"), "utf-8")
    with pytest.raises(DataError) as err:
        load_data(path)
    text = err.value.describe()
    assert text.count("中文逗号") == 2 and "第6行" in text and "第7行" in text and "[3, 0, 1]" in text


def test_quoted_yaml_numbers_are_read(tmp_path: Path) -> None:
    data = parse_data({"organization": "某某县某某镇人民政府", "level": "township", "year": 2023,
                       "tables": {"requests": {"new_received": {"natural_person": "2"}}}})
    assert data.tables.requests["new_received"]["total"] == 2
    assert any("文字形式" in w.message for w in data.warnings)


@pytest.mark.parametrize(("name", "level"), [("伊川县教育局", "department"), ("伊川县人民政府", "county"),
                                             ("洛阳市人民政府", "city"), ("伊川县鸣皋镇人民政府", "township")])
def test_init_infers_level_from_the_name(tmp_path: Path, name: str, level: str) -> None:
    r = run("init", name, "--year", "2023", "-o", str(tmp_path))
    assert r.returncode == 0, r.stderr
    assert f"level: {level}" in (tmp_path / "data.yaml").read_text("utf-8")
    assert f"（{level}）" in r.stdout


def test_init_level_given_wins_and_unknown_names_say_so(tmp_path: Path) -> None:
    r = run("init", "伊川县教育局", "--year", "2023", "--level", "county", "-o", str(tmp_path / "a"))
    assert r.returncode == 0 and "level: county" in (tmp_path / "a" / "data.yaml").read_text("utf-8")
    r = run("init", "某某工作专班", "--year", "2023", "-o", str(tmp_path / "b"))
    assert r.returncode == 0 and "看不出机关层级" in r.stdout and "--level" in r.stdout


@pytest.mark.parametrize("name", ["", "   "])
def test_init_refuses_an_empty_name(tmp_path: Path, name: str) -> None:
    r = run("init", name, "--year", "2023", "-o", str(tmp_path))
    assert r.returncode == 2 and "机关全称不能为空" in r.stderr
    assert not list(tmp_path.iterdir())


def test_previous_of_the_same_year_is_refused(examples: Path, tmp_path: Path) -> None:
    data = examples / "township-2023" / "data.yaml"
    prev = examples / "township-2023" / "previous-2022.yaml"
    r = run("check-data", str(data), "--previous", str(data))
    assert r.returncode == 2 and "同一年" in r.stderr and "2022 年" in r.stderr
    r = run("check-data", str(prev), "--previous", str(data))
    assert r.returncode == 2 and "不是上一年" in r.stderr
    assert run("check-data", str(data), "--previous", str(prev)).returncode == 0
    report = tmp_path / "r.txt"
    run("render", str(data), "-o", str(report))
    r = run("check", str(report), "--data", str(data), "--previous", str(data))
    assert r.returncode == 2 and "同一年" in r.stderr


def test_attach_previous_refuses_the_same_year(examples: Path) -> None:
    from drafter.data import attach_previous

    data = load_data(examples / "township-2023" / "data.yaml")
    with pytest.raises(InputError, match="同一年"):
        attach_previous(data, load_data(examples / "township-2023" / "data.yaml"))
