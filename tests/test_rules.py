from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.data import load_data, parse_data
from drafter.formats import get_format
from drafter.rules import check_tables

APPLICANTS = get_format("2021").requests.applicant_columns


def base(year: int = 2023) -> dict[str, Any]:
    return {"organization": "测试县某某镇人民政府", "level": "township", "year": year, "tables": {}}


def rules_of(findings: list) -> set[str]:
    return {f.rule for f in findings}


@pytest.mark.parametrize("name", ["minggao-2020", "township-2023", "county-dept-2023"])
def test_examples_pass_every_rule(examples: Path, name: str) -> None:
    assert check_tables(load_data(examples / name / "data.yaml")) == []


def test_balance_names_column_numbers_and_difference() -> None:
    raw = base()
    raw["tables"]["requests"] = {"new_received": [3, 0, 0, 0, 0, 0], "granted": [2, 0, 0, 0, 0, 0]}
    findings = check_tables(parse_data(raw))
    balance = [f for f in findings if f.rule == "table.balance"]
    assert [f.extra["column"] for f in balance] == ["natural_person", "total"]
    f = balance[0]
    assert f.place == "tables.requests.carried_forward.natural_person"
    assert (f.expected, f.found) == (3, 2)
    assert "自然人" in f.message and "相差 1" in f.message and "结转下年度" in f.message


def test_total_column() -> None:
    raw = base()
    raw["tables"]["requests"] = {"new_received": [1, 1, 0, 0, 0, 0, 3], "granted": [1, 1, 0, 0, 0, 0]}
    findings = check_tables(parse_data(raw))
    f = next(f for f in findings if f.rule == "table.total_column")
    assert f.place == "tables.requests.new_received.total"
    assert (f.expected, f.found) == (2, 3)
    assert "一、本年新收政府信息公开申请数量" in f.message


def test_results_sum() -> None:
    raw = base()
    raw["tables"]["requests"] = {
        "new_received": [2, 0, 0, 0, 0, 0],
        "granted": [1, 0, 0, 0, 0, 0],
        "total_processed": [2, 0, 0, 0, 0, 0],
    }
    f = next(f for f in check_tables(parse_data(raw)) if f.rule == "table.results_sum")
    assert f.place == "tables.requests.total_processed.natural_person"
    assert (f.expected, f.found) == (1, 2)


def test_review_sum() -> None:
    raw = base()
    raw["tables"]["review_litigation"] = {"lit_direct": {"upheld": 1, "pending": 1, "total": 1}}
    (f,) = check_tables(parse_data(raw))
    assert f.rule == "table.review_sum" and f.place == "tables.review_litigation.lit_direct.total"
    assert "未经复议直接起诉" in f.message and (f.expected, f.found) == (2, 1)


def test_negative_count() -> None:
    raw = base()
    raw["tables"]["proactive"] = {"admin_penalty": {"decisions_this_year": -2}}
    (f,) = check_tables(parse_data(raw))
    assert f.rule == "table.non_negative" and "行政处罚" in f.message


def test_signed_change_may_be_negative_in_2019() -> None:
    raw = base(2020)
    raw["tables"]["proactive"] = {"admin_license": {"items_last_year": 10, "items_change": -8, "decisions": 3}}
    assert check_tables(parse_data(raw)) == []


def test_published_exceeding_total_warns_in_2019() -> None:
    raw = base(2020)
    raw["tables"]["proactive"] = {"normative_docs": {"newly_made_this_year": 2, "newly_published_this_year": 3, "total_published": 1}}
    (f,) = check_tables(parse_data(raw))
    assert f.rule == "table.published_exceeds_total" and f.severity == "warning"


def test_cross_year_checks(examples: Path) -> None:
    data = load_data(examples / "township-2023" / "data.yaml")
    assert check_tables(data) == []
    assert data.previous is not None
    data.previous.tables.requests["carried_forward"]["natural_person"] = 4
    data.previous.tables.proactive["normative_docs"]["in_force"] = 9
    found = {f.rule: f for f in check_tables(data)}
    assert found["table.carry_over"].severity == "warning"
    assert (found["table.carry_over"].expected, found["table.carry_over"].found) == (4, 1)
    assert found["table.in_force_roll_forward"].expected == 10


def test_items_roll_forward_2019() -> None:
    prev = base(2019)
    prev["tables"]["proactive"] = {"admin_license": {"items_last_year": 10, "items_change": 2}}
    cur = base(2020)
    cur["tables"]["proactive"] = {"admin_license": {"items_last_year": 11}}
    cur["previous"] = prev
    (f,) = check_tables(parse_data(cur))
    assert f.rule == "table.items_roll_forward" and f.expected == 12


# --------------------------------------------------------------------------- properties

cell = st.integers(min_value=0, max_value=40)


@st.composite
def valid_requests(draw: st.DrawFn, fmt: str = "2021") -> dict[str, list[int]]:
    t3 = get_format(fmt).requests
    rows: dict[str, list[int]] = {}
    for r in t3.result_rows:
        rows[r] = [draw(st.integers(0, 3)) if draw(st.booleans()) else 0 for _ in APPLICANTS]
    rows["carried_forward"] = [draw(cell) for _ in APPLICANTS]
    processed = [sum(rows[r][i] for r in t3.result_rows) for i in range(len(APPLICANTS))]
    available = [processed[i] + rows["carried_forward"][i] for i in range(len(APPLICANTS))]
    rows["carried_over"] = [draw(st.integers(0, a)) for a in available]
    rows["new_received"] = [available[i] - rows["carried_over"][i] for i in range(len(APPLICANTS))]
    return rows


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(rows=valid_requests(), fmt=st.sampled_from(["2019", "2021"]))
def test_totals_removed_are_completed(rows: dict[str, list[int]], fmt: str) -> None:
    t3 = get_format(fmt).requests
    rows = {k: v for k, v in rows.items() if k in t3.data_rows}
    if fmt == "2019":  # the 2021 （六） sub-items are one row in 2019
        rows = {k: v for k, v in rows.items() if k in t3.data_rows}
        rows["carried_forward"] = rows.get("carried_forward", [0] * 6)
        processed = [sum(rows.get(r, [0] * 6)[i] for r in t3.result_rows) for i in range(6)]
        rows["new_received"] = [processed[i] + rows["carried_forward"][i] for i in range(6)]
        rows["carried_over"] = [0] * 6
    raw = base(2023 if fmt == "2021" else 2020)
    raw["tables"]["requests"] = rows
    data = parse_data(raw)
    assert [f for f in check_tables(data) if f.rule != "table.empty"] == []  # all zero is only a warning
    for row_id, values in rows.items():
        assert data.request(row_id) == sum(values)
    expected_total = sum(sum(rows.get(r, [0] * 6)) for r in t3.result_rows)
    assert data.request("total_processed") == expected_total


@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])
@given(rows=valid_requests(), data=st.data())
def test_one_perturbed_cell_is_named(rows: dict[str, list[int]], data: st.DataObject) -> None:
    t3 = get_format("2021").requests
    full = {r: v + [sum(v)] for r, v in rows.items()}
    processed = [sum(rows[r][i] for r in t3.result_rows) for i in range(6)]
    full["total_processed"] = processed + [sum(processed)]
    raw = base()
    raw["tables"]["requests"] = full
    assert [f for f in check_tables(parse_data(raw)) if f.rule != "table.empty"] == []  # all zero is only a warning

    row_id = data.draw(st.sampled_from(sorted(full)))
    col = data.draw(st.integers(0, 6))
    delta = data.draw(st.integers(1, 5))
    broken = copy.deepcopy(raw)
    broken["tables"]["requests"][row_id][col] += delta
    findings = check_tables(parse_data(broken))
    assert findings, "a perturbed table must be rejected"
    rows_named = {f.extra["row"] for f in findings}
    cols_named = {f.extra["column"] for f in findings}
    col_id = t3.columns[col].id
    # the perturbed row is named by the 总计-column rule, the column by the column rules
    assert row_id in rows_named or col_id == "total"
    assert col_id in cols_named
    for f in findings:
        assert abs(f.expected - f.found) == delta
