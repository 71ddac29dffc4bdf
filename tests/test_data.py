from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from drafter.data import load_data, parse_data
from drafter.errors import DataError, InputError

MINIMAL = """organization: 测试县某某镇人民政府
level: township
year: 2023
tables:
  requests:
    new_received: [2, 0, 0, 0, 0, 0]
    granted: [2, 0, 0, 0, 0, 0]
"""


def write(tmp_path: Path, text: str, name: str = "data.yaml", encoding: str = "utf-8") -> Path:
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


def digest(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", ["minggao-2020", "township-2023", "county-dept-2023"])
def test_examples_load(examples: Path, name: str) -> None:
    data = load_data(examples / name / "data.yaml")
    assert data.organization
    assert data.format == ("2019" if data.year <= 2020 else "2021")
    t3 = data.tables.requests
    assert set(t3) == set(data.spec.requests.data_rows)


def test_minggao_values(examples: Path) -> None:
    data = load_data(examples / "minggao-2020" / "data.yaml")
    assert data.proactive("govt_centralized_procurement", "procurement_items") == 2
    assert data.proactive("govt_centralized_procurement", "procurement_amount") == 149
    assert data.request("new_received") == 0
    assert [f.label for f in data.facts][0] == "主动公开公告公示"


def test_totals_computed_and_omitted_rows_zero(tmp_path: Path) -> None:
    data = load_data(write(tmp_path, MINIMAL))
    assert data.request("new_received") == 2
    assert data.request("total_processed") == 2  # （七）总计 computed from the result rows
    assert data.request("total_processed", "natural_person") == 2
    assert data.request("carried_forward") == 0
    assert data.review("review") == 0
    assert data.format == "2021"


def test_rows_as_mappings_and_lists_agree(tmp_path: Path) -> None:
    as_map = MINIMAL.replace("[2, 0, 0, 0, 0, 0]", "{natural_person: 2}")
    assert load_data(write(tmp_path, as_map)).tables == load_data(write(tmp_path, MINIMAL, "b.yaml")).tables


def test_json_accepted(tmp_path: Path, examples: Path) -> None:
    import json

    data = load_data(examples / "county-dept-2023" / "data.yaml")
    p = write(tmp_path, json.dumps(data.to_input(), ensure_ascii=False), "data.json")
    assert load_data(p).tables == data.tables


def test_given_total_kept_for_the_rules(tmp_path: Path) -> None:
    text = MINIMAL.replace("new_received: [2, 0, 0, 0, 0, 0]", "new_received: [2, 0, 0, 0, 0, 0, 3]")
    data = load_data(write(tmp_path, text))
    assert data.request("new_received") == 3


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as exc:
        load_data(tmp_path / "nope.yaml")
    assert "不存在" in exc.value.describe() and "nope.yaml" in exc.value.describe()


def test_gbk_file_detected_and_readable_on_request(tmp_path: Path) -> None:
    p = write(tmp_path, MINIMAL, encoding="gbk")
    before = digest(p)
    with pytest.raises(InputError) as exc:
        load_data(p)
    assert "GBK" in exc.value.describe() and "--encoding gbk" in exc.value.describe()
    assert load_data(p, encoding="gbk").organization == "测试县某某镇人民政府"
    assert digest(p) == before


def test_yaml_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    p = write(tmp_path, MINIMAL.replace("level: township", "level: township\n  bad: indent"))
    with pytest.raises(InputError) as exc:
        load_data(p)
    text = exc.value.describe()
    assert "YAML" in text and "第3行" in text


def test_unknown_key_suggests_nearest(tmp_path: Path) -> None:
    p = write(tmp_path, MINIMAL.replace("organization:", "organisation:"))
    with pytest.raises(DataError) as exc:
        load_data(p)
    text = exc.value.describe()
    assert "organisation" in text and "organization" in text and "第1行" in text


def test_unknown_row_suggests_nearest(tmp_path: Path) -> None:
    p = write(tmp_path, MINIMAL.replace("granted:", "grantd:"))
    with pytest.raises(DataError) as exc:
        load_data(p)
    assert "“granted”" in exc.value.describe()


def test_row_of_the_other_format_explained(tmp_path: Path) -> None:
    p = write(tmp_path, MINIMAL.replace("2023", "2020") + "    oh_other: [0, 0, 0, 0, 0, 0]\n")
    with pytest.raises(DataError) as exc:
        load_data(p)
    assert "2021 年格式的行" in exc.value.describe()


def test_group_row_explained(tmp_path: Path) -> None:
    p = write(tmp_path, MINIMAL + "    denied: [1, 0, 0, 0, 0, 0]\n")
    with pytest.raises(DataError) as exc:
        load_data(p)
    assert "分组标题" in exc.value.describe() and "1.属于国家秘密" in exc.value.describe()


def test_text_in_number_cell(tmp_path: Path) -> None:
    p = write(tmp_path, MINIMAL.replace("granted: [2,", "granted: [两,"))
    with pytest.raises(DataError) as exc:
        load_data(p)
    text = exc.value.describe()
    assert "tables.requests.granted.natural_person" in text and "两" in text and "（一）予以公开" in text


def test_float_in_count_cell(tmp_path: Path) -> None:
    p = write(tmp_path, MINIMAL.replace("granted: [2,", "granted: [2.5,"))
    with pytest.raises(DataError) as exc:
        load_data(p)
    assert "整数" in exc.value.describe()


def test_every_problem_listed_at_once(tmp_path: Path) -> None:
    bad = MINIMAL.replace("granted: [2,", "granted: [x,").replace("level: township", "level: villa").replace("organization:", "org:")
    with pytest.raises(DataError) as exc:
        load_data(write(tmp_path, bad))
    assert len(exc.value.problems) >= 3


@pytest.mark.parametrize("year,words", [(2018, "2019 年以前"), (2099, "还没有到")])
def test_year_out_of_range(tmp_path: Path, year: int, words: str) -> None:
    p = write(tmp_path, MINIMAL.replace("year: 2023", f"year: {year}"))
    with pytest.raises(DataError) as exc:
        load_data(p)
    assert words in exc.value.describe()


def test_format_contradicting_year(tmp_path: Path) -> None:
    p = write(tmp_path, MINIMAL.replace("year: 2023", 'year: 2023\nformat: "2019"'))
    with pytest.raises(DataError) as exc:
        load_data(p)
    assert "应使用 2021 年格式" in exc.value.describe()


def test_list_of_wrong_length(tmp_path: Path) -> None:
    p = write(tmp_path, MINIMAL.replace("granted: [2, 0, 0, 0, 0, 0]", "granted: [2, 0, 0]"))
    with pytest.raises(DataError) as exc:
        load_data(p)
    assert "3 个" in exc.value.describe()


def test_blank_cell_is_zero_with_warning(tmp_path: Path) -> None:
    p = write(tmp_path, MINIMAL.replace("granted: [2, 0, 0, 0, 0, 0]", "granted: [2, ~, 0, 0, 0, 0]"))
    data = load_data(p)
    assert data.request("granted", "commercial_enterprise") == 0
    assert any("空的" in w.message for w in data.warnings)


def test_previous_year_loaded(examples: Path) -> None:
    data = load_data(examples / "township-2023" / "data.yaml")
    assert data.previous is not None and data.previous.year == 2022


def test_previous_of_wrong_year(tmp_path: Path, examples: Path) -> None:
    prev = tmp_path / "prev.yaml"
    prev.write_text(MINIMAL, "utf-8")
    p = write(tmp_path, MINIMAL + "previous: prev.yaml\n")
    with pytest.raises(DataError) as exc:
        load_data(p)
    assert "上一年（2022 年）" in exc.value.describe()


def test_parse_data_rejects_hostile_names() -> None:
    with pytest.raises(DataError):
        parse_data({"organization": "../../x", "year": 2023})
    data = parse_data({"organization": "某镇人民政府\x07", "year": 2023})
    assert data.organization == "某镇人民政府"
