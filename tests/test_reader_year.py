"""The report's year is the title's: 2020年, 二〇二三年度, a title printed over two or three
lines, a title after a breadcrumb or a side menu of other years' reports. The statistics
period (自2019年1月1日起…, often copied from last year's report) never changes it; it
is used only when no title names a year."""

from __future__ import annotations

from pathlib import Path

import pytest
from reader_support import docx_report, html_report, layouts, sample_data, text_report, text_tables, title_of

from drafter.reader import read_report
from drafter.reader.title import find_title, title_organization, title_text, title_year


@pytest.mark.parametrize("title, year", [
    ("鸣皋镇人民政府2020年政府信息公开工作年度报告", 2020),
    ("伊川县教育局二〇二三年度政府信息公开工作年度报告", 2023),
    ("伊川县教育局二零二二年政府信息公开工作年度报告", 2022),
    ("伊川县教育局二O二一年政府信息公开工作年度报告", 2021),  # a letter O typed for 〇
    ("伊川县教育局二0二一年度政府信息公开工作年度报告", 2021),  # a digit 0 typed for 〇
    ("鸣皋镇人民政府 2020 年政府信息公开工作年度报告", 2020),
    ("鸣皋镇人民政府２０２０年度政府信息公开工作年度报告", 2020),
])
def test_title_year_forms(title: str, year: int) -> None:
    assert title_year(title) == year


@pytest.mark.parametrize("lines, span, title", [
    (["伊川县鸣皋镇人民政府", "2020年政府信息公开工作年度报告"], (0, 2),
     "伊川县鸣皋镇人民政府2020年政府信息公开工作年度报告"),
    (["鸣皋镇人民政府2020年", "政府信息公开工作年度报告"], (0, 2), "鸣皋镇人民政府2020年政府信息公开工作年度报告"),
    (["鸣皋镇人民政府2020年政府信息", "公开工作年度报告"], (0, 2), "鸣皋镇人民政府2020年政府信息公开工作年度报告"),
    (["2023年度", "伊川县教育局政府信息公开工作年度报告"], (0, 2), "2023年度伊川县教育局政府信息公开工作年度报告"),
    (["伊川县教育局", "二〇二三年政府信息公开", "工作年度报告"], (0, 3), "伊川县教育局二〇二三年政府信息公开工作年度报告"),
    (["首页 > 政务公开 > 政府信息公开年报", "鸣皋镇人民政府2020年政府信息公开工作年度报告", "发布时间：2021-01-20"],
     (1, 2), "鸣皋镇人民政府2020年政府信息公开工作年度报告"),
    (["伊川县人民政府", "鸣皋镇人民政府2020年政府信息公开工作年度报告"], (1, 2),
     "鸣皋镇人民政府2020年政府信息公开工作年度报告"),  # the site's name is not part of the title
    (["索引号：410329-2021-0001", "伊川县教育局2023年政府信息公开工作年度报告"], (1, 2),
     "伊川县教育局2023年政府信息公开工作年度报告"),
])
def test_title_printed_over_lines(lines: list[str], span: tuple[int, int], title: str) -> None:
    assert find_title(lines) == span
    assert title_text(lines, span) == title


def test_the_title_right_above_a_web_article_is_preferred_to_a_menu_of_other_years() -> None:
    lines = ["伊川县教育局2021年政府信息公开工作年度报告", "伊川县教育局2022年政府信息公开工作年度报告",
             "伊川县教育局2023年政府信息公开工作年度报告"]
    assert find_title(lines, last=True) == (2, 3)
    assert find_title(lines, hint="伊川县教育局2022年政府信息公开工作年度报告") == (1, 2)


SOURCES = [("2019", "伊川县鸣皋镇人民政府", 2020), ("2021", "伊川县教育局", 2023), ("2021", "伊川县白沙镇人民政府", 2022)]
IDS = ["2019-township", "2021-department", "2021-township"]


def _split(title: str, organization: str) -> str:
    return f"{organization}\n{title[len(organization):]}"


@pytest.mark.parametrize("format_id, organization, year", SOURCES, ids=IDS)
def test_text_title_over_two_lines_and_last_years_period(tmp_path: Path, format_id: str, organization: str,
                                                         year: int) -> None:
    data = sample_data(format_id, seed=3, organization=organization, year=year)
    text = text_report(data, text_tables(data, sep="pad"), title=_split(title_of(data), organization),
                       period_year=year - 1)
    assert f"自{year - 1}年1月1日起" in text
    path = tmp_path / "report.txt"
    path.write_text(text, "utf-8")
    parsed = read_report(path)
    assert (parsed.title, parsed.organization, parsed.year) == (title_of(data), organization, year)
    assert parsed.tables.year == year
    assert parsed.section("s0_preamble").text.startswith("本报告根据")


@pytest.mark.parametrize("format_id, organization, year", SOURCES, ids=IDS)
def test_chinese_numeral_year_in_the_title(tmp_path: Path, format_id: str, organization: str, year: int) -> None:
    data = sample_data(format_id, seed=4, organization=organization, year=year)
    digits = "〇一二三四五六七八九"
    numeral = "".join(digits[int(ch)] for ch in str(year))
    title = f"{organization}{numeral}年度政府信息公开工作年度报告"
    path = tmp_path / "report.txt"
    path.write_text(text_report(data, title=title, period_year=year - 1), "utf-8")
    parsed = read_report(path)
    assert (parsed.title, parsed.organization, parsed.year) == (title, organization, year)
    assert parsed.tables.year == year


@pytest.mark.parametrize("format_id, organization, year", SOURCES, ids=IDS)
def test_markdown_title_over_two_lines(tmp_path: Path, format_id: str, organization: str, year: int) -> None:
    data = sample_data(format_id, seed=5, organization=organization, year=year)
    text = text_report(data, text_tables(data, sep="  "), title=_split(title_of(data), organization),
                       period_year=year - 1)
    text = "\n".join(f"# {line}" if n < 2 else line for n, line in enumerate(text.split("\n")))
    path = tmp_path / "report.md"
    path.write_text(text, "utf-8")
    parsed = read_report(path)
    assert (parsed.title, parsed.organization, parsed.year) == (title_of(data), organization, year)


def _html_with_period(data: dict, year: int) -> str:
    return html_report(data).replace(f"自{data['year']}年1月1日起至{data['year']}年", f"自{year}年1月1日起至{year}年")


@pytest.mark.parametrize("format_id, organization, year", SOURCES, ids=IDS)
def test_html_title_broken_by_br_and_last_years_period(tmp_path: Path, format_id: str, organization: str,
                                                       year: int) -> None:
    data = sample_data(format_id, seed=6, organization=organization, year=year)
    title = title_of(data)
    page = _html_with_period(data, year - 1).replace(f"<h1>{title}</h1>", f"<h1>{_split(title, organization).replace(chr(10), '<br/>')}</h1>")
    page = page.replace(f"<title>{title}_", "<title>")  # no help from the page title
    assert "<br/>" in page and f"自{year - 1}年1月1日起" in page
    path = tmp_path / "report.html"
    path.write_text(page, "utf-8")
    parsed = read_report(path)
    assert (parsed.title, parsed.organization, parsed.year) == (title, organization, year)
    assert parsed.tables.year == year


@pytest.mark.parametrize("format_id, organization, year", SOURCES, ids=IDS)
def test_html_heading_without_year_takes_the_page_title(tmp_path: Path, format_id: str, organization: str,
                                                        year: int) -> None:
    data = sample_data(format_id, seed=7, organization=organization, year=year)
    page = _html_with_period(data, year - 1).replace(f"<h1>{title_of(data)}</h1>", "<h1>政府信息公开工作年度报告</h1>")
    path = tmp_path / "report.html"
    path.write_text(page, "utf-8")
    parsed = read_report(path)
    assert (parsed.organization, parsed.year) == (organization, year)


def test_html_side_menu_of_other_years_before_the_article(tmp_path: Path) -> None:
    data = sample_data("2021", seed=9, organization="伊川县教育局", year=2023)
    title = title_of(data)
    page = html_report(data).replace(f"<h1>{title}</h1>", "")
    menu = "".join(f"<li><a href='#'>伊川县教育局{y}年政府信息公开工作年度报告</a></li>" for y in (2020, 2021, 2022))
    page = page.replace("<body>", f"<body><ul class='menu'>{menu}</ul><div class='title'><h1>{title}</h1></div>"
                                  "<div class='article'>", 1).replace("</body>", "</div></body>")
    page = page.replace(f"<title>{title}_", "<title>")
    path = tmp_path / "menu.html"
    path.write_text(page, "utf-8")
    parsed = read_report(path)
    assert (parsed.title, parsed.year) == (title, 2023)


@pytest.mark.parametrize("format_id, organization, year", SOURCES, ids=IDS)
def test_word_title_in_two_paragraphs_and_last_years_period(tmp_path: Path, format_id: str, organization: str,
                                                            year: int) -> None:
    import docx

    data = sample_data(format_id, seed=10, organization=organization, year=year)
    path = docx_report(data, tmp_path / "report.docx", layouts(data))
    word = docx.Document(str(path))
    title = word.paragraphs[0]
    title.text = organization
    second = word.paragraphs[1].insert_paragraph_before(title_of(data)[len(organization):], title.style)
    for paragraph in word.paragraphs:
        if f"自{year}年1月1日起" in paragraph.text:
            paragraph.text = paragraph.text.replace(str(year), str(year - 1))
    word.save(str(path))
    assert second.text.startswith(str(year))
    parsed = read_report(path)
    assert (parsed.title, parsed.organization, parsed.year) == (title_of(data), organization, year)
    assert parsed.tables.year == year
    assert parsed.section("s0_preamble").text.startswith("本报告根据")


def test_period_year_only_when_no_title_names_one(tmp_path: Path) -> None:
    data = sample_data("2021", seed=11, organization="伊川县教育局", year=2023)
    path = tmp_path / "report.txt"
    path.write_text(text_report(data, title="政府信息公开工作年度报告"), "utf-8")
    parsed = read_report(path)
    assert parsed.year == 2023 and parsed.organization is None


@pytest.mark.parametrize("title, organization", [
    ("2023年度伊川县教育局政府信息公开工作年度报告", "伊川县教育局"),
    ("伊川县教育局二〇二三年度政府信息公开工作年度报告", "伊川县教育局"),
])
def test_organization_with_the_year_in_front_or_in_numerals(title: str, organization: str) -> None:
    assert title_organization(title) == organization
