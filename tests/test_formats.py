from __future__ import annotations

import pytest

from drafter.formats import format_for_year, get_format


def test_year_selects_format() -> None:
    assert format_for_year(2019) == "2019"
    assert format_for_year(2020) == "2019"
    assert format_for_year(2021) == "2021"
    assert format_for_year(2030) == "2021"
    with pytest.raises(ValueError):
        format_for_year(2018)


@pytest.mark.parametrize("fid,rows,results", [("2019", 23, 20), ("2021", 25, 22)])
def test_requests_layout(fid: str, rows: int, results: int) -> None:
    t3 = get_format(fid).requests
    assert len(t3.data_rows) == rows
    # 三、本年度办理结果 spans the result rows plus （七）总计
    assert len(t3.result_rows) + 1 == results
    assert [c.label for c in t3.columns] == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    assert t3.label("partially_granted") == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    assert t3.corner_note.startswith("（本列数据的勾稽关系为")


def test_2019_and_2021_differ_where_the_spec_says() -> None:
    f19, f21 = get_format("2019"), get_format("2021")
    assert [c.label for c in f19.proactive.blocks[0].columns] == ["本年新制作数量", "本年新公开数量", "对外公开总数量"]
    assert [c.label for c in f21.proactive.blocks[0].columns] == ["本年制发件数", "本年废止件数", "现行有效件数"]
    assert f19.proactive.blocks[-1].caption == "第二十条第（九）项"
    assert all(b.caption != "第二十条第（九）项" for b in f21.proactive.blocks)
    amount = f19.proactive.blocks[-1].columns[1]
    assert amount.label == "采购总金额（单位：万元，保留4位小数）" and amount.decimals == 4
    assert "other_handling" in f19.requests.data_rows
    assert {"oh_no_correction", "oh_fee_unpaid", "oh_other"} <= set(f21.requests.data_rows)
    assert f19.document_no == "国办公开办函〔2019〕60号" and f21.document_no == "国办公开办函〔2021〕30号"


def test_review_table_same_in_both() -> None:
    for fid in ("2019", "2021"):
        review = get_format(fid).review
        assert [g.label for g in review.groups] == ["行政复议", "未经复议直接起诉", "复议后起诉"]
        assert [c.label for c in review.groups[0].columns] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def test_six_sections() -> None:
    for fid in ("2019", "2021"):
        sections = get_format(fid).sections
        assert [s.number for s in sections] == list("一二三四五六")
        assert sections[4].label == "存在的主要问题及改进情况"
