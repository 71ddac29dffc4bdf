"""HTML for portal publishing: exact official table layout, semantic markup, marks, publish mode."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from drafter.data import ReportData, load_data
from drafter.errors import RenderError
from drafter.render import render
from drafter.render.tables import format_number
from drafter.report import Narrative, Paragraph, Report, SectionDraft

ROOT = Path(__file__).resolve().parents[1]
MINGGAO = ROOT / "examples" / "minggao-2020" / "data.yaml"
DATA_2021 = Path(__file__).parent / "fixtures" / "render-2021.yaml"
# The lead's 2021 examples, once they exist, go through the same layout checks.
EXAMPLES = sorted(p for p in (ROOT / "examples").glob("*/data.yaml") if p != MINGGAO)
DATA_FILES = [MINGGAO, DATA_2021, *EXAMPLES]


def narrative(**flags: dict) -> Narrative:
    sections = {
        "s1_overview": SectionDraft(
            id="s1_overview",
            paragraphs=[Paragraph(text="（一）主动公开", heading=True), Paragraph(text="全年主动公开政府信息。")],
            **flags.get("s1_overview", {}),
        ),
        "s5_problems": SectionDraft(id="s5_problems", paragraphs=[Paragraph(text="一是公开不够及时。")],
                                    **flags.get("s5_problems", {})),
        "s6_other": SectionDraft(id="s6_other", paragraphs=[Paragraph(text="本年度未收取信息处理费。")]),
    }
    return Narrative(sections=sections)


def make_report(path: Path, provenance: dict | None = None, **flags: dict) -> tuple[Report, ReportData]:
    data = load_data(path)
    return Report.build(data, narrative(**flags), provenance=provenance), data


def soup_of(report: Report) -> BeautifulSoup:
    return BeautifulSoup(render(report, "html").decode("utf-8"), "lxml")


def spans(cell: Tag) -> tuple[int, int]:
    return int(cell.get("rowspan", 1)), int(cell.get("colspan", 1))


def html_grid(table: Tag) -> list[list[Tag]]:
    """Place the cells of an HTML table on its grid, as a browser does."""
    rows = table.find_all("tr")
    grid: list[dict[int, Tag]] = [{} for _ in rows]
    for r, tr in enumerate(rows):
        c = 0
        for cell in tr.find_all(["th", "td"], recursive=False):
            while c in grid[r]:
                c += 1
            rs, cs = spans(cell)
            for dr in range(rs):
                for dc in range(cs):
                    assert c + dc not in grid[r + dr], "overlapping cells"
                    grid[r + dr][c + dc] = cell
            c += cs
    width = max(len(line) for line in grid)
    assert all(sorted(line) == list(range(width)) for line in grid), "a row does not fill the grid"
    return [[line[c] for c in range(width)] for line in grid]


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.parent.name)
def test_tables_have_the_official_layout(path: Path) -> None:
    report, data = make_report(path)
    soup = soup_of(report)
    results_span = 22 if data.format == "2021" else 20

    t3 = soup.find("table", attrs={"data-table": "t3_requests"})
    assert len(html_grid(t3)[0]) == 10
    corner = t3.find("th")
    assert corner.get_text() == data.spec.requests.corner_note and spans(corner) == (3, 3)
    assert corner.find_parent("thead") is not None
    ths = {th.get_text(): th for th in t3.find_all("th")}
    assert spans(ths["申请人情况"]) == (1, 7)
    assert spans(ths["自然人"]) == (2, 1) and spans(ths["总计"]) == (2, 1)
    assert spans(ths["法人或其他组织"]) == (1, 5)
    assert spans(ths["三、本年度办理结果"]) == (results_span, 1)
    assert ths["三、本年度办理结果"]["scope"] == "rowgroup"
    assert spans(ths["（三）不予公开"]) == (8, 1)
    assert spans(ths["（四）无法提供"]) == (3, 1)
    assert spans(ths["（五）不予处理"]) == (5, 1)
    assert spans(ths["（六）其他处理"]) == ((3, 1) if data.format == "2021" else (1, 2))
    assert spans(ths["（七）总计"]) == (1, 2)
    assert spans(ths["一、本年新收政府信息公开申请数量"]) == (1, 3)
    body_rows = t3.find("tbody").find_all("tr")
    spec = data.spec.requests
    assert len(body_rows) == len(spec.data_rows)
    for tr, row_id in zip(body_rows, spec.data_rows, strict=True):
        cells = [td.get_text() for td in tr.find_all("td")]
        assert cells == [str(data.request(row_id, c.id)) for c in spec.columns]

    t4 = soup.find("table", attrs={"data-table": "t4_review_litigation"})
    grid4 = html_grid(t4)
    assert len(grid4) == 4 and len(grid4[0]) == 15
    top = t4.find("thead").find_all("tr")[0].find_all("th")
    assert [(th.get_text(), spans(th)) for th in top] == [("行政复议", (1, 5)), ("行政诉讼", (1, 10))]
    second = t4.find("thead").find_all("tr")[1].find_all("th")
    assert [spans(th) for th in second[:5]] == [(2, 1)] * 5
    assert [(th.get_text(), spans(th)) for th in second[5:]] == [("未经复议直接起诉", (1, 5)), ("复议后起诉", (1, 5))]
    assert len(t4.find("thead").find_all("tr")[2].find_all("th")) == 10
    tds = t4.find("tbody").find_all("td")
    assert [td.get_text() for td in tds] == [
        str(data.review(g, leaf)) for g in ("review", "lit_direct", "lit_after_review")
        for leaf in ("upheld", "corrected", "other", "pending", "total")
    ]

    t2 = soup.find("table", attrs={"data-table": "t2_proactive"})
    grid2 = html_grid(t2)
    width = data.spec.proactive.grid_columns
    assert len(grid2[0]) == width
    captions = [tr.th for tr in t2.find_all("tr", class_="caption")]
    assert [(th.get_text(), spans(th)) for th in captions] == [(b.caption, (1, width)) for b in data.spec.proactive.blocks]
    expected = [
        format_number(data.proactive(r.id, c.id), c)
        for b in data.spec.proactive.blocks for r in b.rows for c in b.columns
    ]
    assert [td.get_text() for td in t2.find_all("td")] == expected

    for td in soup.find_all("td"):
        assert td.get_text().strip(), "blank data cell"


def test_document_structure() -> None:
    report, data = make_report(DATA_2021)
    html = render(report, "html").decode("utf-8")
    soup = BeautifulSoup(html, "lxml")
    assert soup.html["lang"] == "zh-CN"
    assert soup.h1.get_text() == "青山县城关镇人民政府2023年政府信息公开工作年度报告"
    assert soup.title.get_text() == soup.h1.get_text()
    assert [h.get_text() for h in soup.find_all("h2")] == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
    ]
    preamble = soup.find("p", class_="preamble").get_text()
    assert "国办公开办函〔2021〕30号" in preamble
    assert "统计期限自2023年1月1日起至2023年12月31日止" in preamble
    assert soup.find("h3").get_text() == "（一）主动公开"
    # self-contained: no script, no external resources, inline CSS with a print stylesheet
    assert soup.find("script") is None
    assert not soup.find_all("link") and not soup.find_all(src=True)
    style = soup.find("style").get_text()
    assert "@page" in style and "size: A4" in style and "page-break-inside: avoid" in style


def test_marks_for_suggested_and_needs_review() -> None:
    provenance_reason = {"findings": [{"message": "正文称“收到申请3件”，但表三为10件"}]}
    report, _ = make_report(
        DATA_2021,
        s1_overview={"suggested": True, "origin": "llm"},
        s5_problems={"needs_review": True, "origin": "fallback", "provenance": provenance_reason},
    )
    soup = soup_of(report)
    suggested = soup.find("section", id="s1_overview").find("div", class_="draft-mark")
    assert "draft-suggested" in suggested["class"]
    assert "语言模型起草" in suggested["data-note"]
    assert all("draft-suggested" in p["class"] for p in suggested.find_all(["p", "h3"]))
    review = soup.find("section", id="s5_problems").find("div", class_="draft-mark")
    assert "draft-needs-review" in review["class"]
    assert "收到申请3件" in review["data-note"]
    # the note is shown by CSS, not part of the text a reader extracts
    assert "收到申请3件" not in soup.get_text()
    assert soup.find("section", id="s6_other").find(class_="draft-mark") is None


def test_publish_copy_has_no_marks() -> None:
    report, _ = make_report(DATA_2021, provenance={"publish": True}, s1_overview={"suggested": True})
    soup = soup_of(report)
    assert soup.find(class_="draft-mark") is None
    assert soup.find(attrs={"data-note": True}) is None
    assert "全年主动公开政府信息。" in soup.get_text()


def test_publish_refused_while_a_section_needs_review() -> None:
    report, _ = make_report(DATA_2021, provenance={"publish": True}, s5_problems={"needs_review": True})
    with pytest.raises(RenderError) as info:
        render(report, "html")
    assert "五、存在的主要问题及改进情况" in info.value.message
    assert "不能生成发布版" in info.value.message
