"""Label, heading and title variants that real reports print, in text, Markdown and HTML."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from reader_support import html_report, layouts, sample_data

from drafter.data import parse_data
from drafter.reader import read_report
from drafter.reader.title import guess_level, title_organization, title_year

SEED = Path(__file__).parent / "fixtures" / "minggao-2020.txt"


def _edit(text: str, replacements: list[tuple[str, str]]) -> str:
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def _seed_variant(tmp_path: Path, replacements: list[tuple[str, str]], name: str = "variant.txt") -> Path:
    path = tmp_path / name
    path.write_text(_edit(SEED.read_text("utf-8"), replacements), "utf-8")
    return path


def test_text_label_variants(tmp_path: Path) -> None:
    path = _seed_variant(tmp_path, [
        ("规章\t0\t0\t0", "规章\t\t0\t4"),  # blank cell
        ("规范性文件\t0\t0\t0", "行政规范性文件\t３\t２\t１２"),  # 2021 wording, full-width digits
        ("第二十条第（五）项", "第二十条第(五)项"),  # half-width brackets
        ("行政许可\t0\t0\t0", "行 政 许 可\t5\t-1\t7"),  # spaces, a signed change
        ("采购总金额（单位：万元，保留4位小数）", "采购总金额"),  # header without the unit note
        ("政府集中采购\t2\t149\t", "政府集中采购\t2\t149.0000\t"),
        ("一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0",
         "一，本年新收政府信息公开申请数量\t\t1\t0\t2\t0\t0\t0\t3"),  # ， for 、
        ("三、本年度办理结果\t(一) 予以公开\t\t0\t0\t0\t0\t0\t0\t",
         "三、本年度办理结果\t（一）予以公开\t1\t0\t1\t0\t0\t0\t2\t"),
        ("\t\t2.其他法律法规禁止公开\t\t0\t0\t0\t0\t0\t0",
         "\t\t2.其他法律行政法规禁止公开\t\t0\t0\t1\t0\t0\t0\t1"),  # 2021 wording in a 2019 table
        ("(七) 总计\t\t0\t0\t0\t0\t0\t0\t0", "七、总计\t\t1\t0\t2\t0\t0\t0\t3"),  # brackets missing
        ("0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0", "1\t0\t0\t1\t2\t0\t1\t0\t0\t1\t0\t0\t0\t0\t0"),
    ])
    parsed = read_report(path)
    t = parsed.tables.tables
    assert parsed.table_format == "2019"
    assert t.proactive["rules"] == {"newly_made_this_year": 0, "newly_published_this_year": 0, "total_published": 4}
    assert t.proactive["normative_docs"] == {"newly_made_this_year": 3, "newly_published_this_year": 2,
                                             "total_published": 12}
    assert t.proactive["admin_license"] == {"items_last_year": 5, "items_change": -1, "decisions": 7}
    assert t.proactive["govt_centralized_procurement"]["procurement_amount"] == Decimal("149")
    assert t.requests["new_received"] == {"natural_person": 1, "commercial_enterprise": 0, "research_institution": 2,
                                          "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 3}
    assert t.requests["granted"]["research_institution"] == 1 and t.requests["granted"]["total"] == 2
    assert t.requests["denied_law_forbidden"]["research_institution"] == 1
    assert t.requests["total_processed"]["total"] == 3
    assert t.review_litigation["review"] == {"upheld": 1, "corrected": 0, "other": 0, "pending": 1, "total": 2}
    assert t.review_litigation["lit_direct"] == {"upheld": 0, "corrected": 1, "other": 0, "pending": 0, "total": 1}
    blank = [f for f in parsed.findings if f.rule == "table.blank_cell" and f.place.startswith("tables.proactive")]
    assert [f.place for f in blank] == ["tables.proactive.rules.newly_made_this_year"]
    assert blank[0].severity == "warning" and "表二“规章”一行“本年新制作数量”列是空的，按 0 处理" in blank[0].message
    assert not [f for f in parsed.findings if f.severity == "error"]


def test_html_label_variants(tmp_path: Path) -> None:
    data = sample_data("2021", seed=21)
    tables = layouts(data)
    renames = {
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请":
            "1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "(二)部分公开(区分处理的,只计这一情形,不计其他情形)",
        "（七）总计": "七 总计",
        "现行有效件数": "现行有效件数（历史累计）",
        "行政规范性文件": "规范性文件",
        "本年收费金额（单位：万元）": "本年收费金额(万元)",
        "结果纠正": "结果 纠正",
    }
    for layout in tables.values():
        for row in layout:
            for i, (text, rs, cs) in enumerate(row):
                row[i] = (renames.get(text, text), rs, cs)
    fees = next(r for r in tables["s2_proactive"] if r[0][0] == "行政事业性收费")
    amount = data["tables"]["proactive"]["admin_fees"]["fee_amount_this_year"]
    fees[1] = (f"{amount:.4f}".replace("1", "１"), 1, 3)  # full-width digits
    path = tmp_path / "variants.html"
    path.write_text(html_report(data, tables), "utf-8")
    parsed = read_report(path)
    assert parsed.findings == []
    assert parsed.tables.tables == parse_data(data).tables


def test_procurement_amount_in_yuan_is_converted(tmp_path: Path) -> None:
    data = sample_data("2019", seed=2)
    data["tables"]["proactive"]["govt_centralized_procurement"]["procurement_amount"] = Decimal("149.5")
    tables = layouts(data)
    block = tables["s2_proactive"]
    header = next(i for i, r in enumerate(block) if r[0][0] == "第二十条第（九）项") + 1
    block[header][2] = ("采购总金额（单位：元）", 1, 2)
    block[header + 1][2] = ("1495000", 1, 2)
    path = tmp_path / "yuan.html"
    path.write_text(html_report(data, tables), "utf-8")
    parsed = read_report(path)
    assert parsed.tables.proactive("govt_centralized_procurement", "procurement_amount") == Decimal("149.5")


def test_markdown_with_pipe_tables(tmp_path: Path) -> None:
    lines = []
    for line in SEED.read_text("utf-8").splitlines():
        if "\t" in line:
            lines.append("| " + " | ".join(line.split("\t")) + " |")
        elif line.strip()[:2] in ("一、", "二、", "三、", "四、", "五、", "六、"):
            lines.append(f"## {line.strip()}")
        elif "年度报告" in line:
            lines.append(f"# {line.strip()}")
        else:
            lines.append(line.replace("主动公开情况", "**主动公开**情况"))
    path = tmp_path / "seed.md"
    path.write_text("\n".join(lines), "utf-8")
    parsed = read_report(path)
    assert parsed.kind == "md"
    assert parsed.title == "鸣皋镇人民政府2020年政府信息公开工作年度报告"
    assert [s.id for s in parsed.sections][0] == "s1_overview" and len(parsed.sections) == 6
    assert "(二)主动公开情况。" in parsed.section("s1_overview").text.split("\n")  # emphasis marks dropped
    assert parsed.tables.tables == read_report(SEED).tables.tables


def test_text_keeps_markdown_marks_as_printed(tmp_path: Path) -> None:
    path = _seed_variant(tmp_path, [("(二)主动公开情况。", "**(二)主动公开情况。**")])
    assert "**(二)主动公开情况。**" in read_report(path).section("s1_overview").text


@pytest.mark.parametrize(("heading", "section_id"), [
    ("一. 总体情况", "s1_overview"),
    ("一，总体情况", "s1_overview"),
    ("一 总体情况", "s1_overview"),
    ("一、 总 体 情 况", "s1_overview"),
    ("一、总体情况：", "s1_overview"),
])
def test_heading_separators(tmp_path: Path, heading: str, section_id: str) -> None:
    parsed = read_report(_seed_variant(tmp_path, [("一、总体情况", heading)]))
    assert parsed.sections[0].id == section_id
    assert parsed.sections[0].number == "一"
    assert parsed.sections[0].heading == heading.strip()


def test_heading_wording_variants_and_misnumbering(tmp_path: Path) -> None:
    path = _seed_variant(tmp_path, [
        ("五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况"),
        ("六、其他需要报告的事项", "五、其他需要报告的事项"),  # misnumbered: the label decides
        ("二是公开渠道狭窄", "\n一、公开渠道狭窄\n二是公开渠道狭窄"),  # a numbered line in the body
    ])
    parsed = read_report(path)
    s5, s6 = parsed.section("s5_problems"), parsed.section("s6_other")
    assert s5.heading == "五、政府信息公开工作存在的主要问题及改进情况"
    assert (s6.number, s6.heading, s6.text) == ("五", "五、其他需要报告的事项", "无")
    assert "一、公开渠道狭窄" in s5.text.split("\n")


def test_preamble_between_title_and_first_heading(tmp_path: Path) -> None:
    path = _seed_variant(tmp_path, [
        ("鸣皋镇人民政府2020年政府信息公开工作年度报告",
         "首页 > 政务公开\n伊川县鸣皋镇人民政府\n2020年政府信息公开工作年度报告\n发布时间：2021-01-20\n本报告依据条例编制。"),
    ])
    parsed = read_report(path)
    assert parsed.title == "伊川县鸣皋镇人民政府2020年政府信息公开工作年度报告"
    assert parsed.organization == "伊川县鸣皋镇人民政府"
    pre = parsed.section("s0_preamble")
    assert pre.text == "发布时间：2021-01-20\n本报告依据条例编制。"
    assert parsed.sections[0].id == "s0_preamble"


def test_2021_report_printed_on_2019_tables_keeps_the_printed_layout(tmp_path: Path) -> None:
    path = _seed_variant(tmp_path, [("鸣皋镇人民政府2020年", "鸣皋镇人民政府2021年")])
    parsed = read_report(path)
    assert parsed.year == 2021
    assert parsed.table_format == "2019"
    assert parsed.tables.format == "2019" and parsed.tables.year == 2021


def test_year_from_the_statistics_period_when_the_title_has_none(tmp_path: Path) -> None:
    parsed = read_report(_seed_variant(tmp_path, [("鸣皋镇人民政府2020年", "鸣皋镇人民政府")]))
    assert parsed.organization == "鸣皋镇人民政府"
    assert parsed.year == 2020


@pytest.mark.parametrize(("title", "organization", "year"), [
    ("鸣皋镇人民政府2020年政府信息公开工作年度报告", "鸣皋镇人民政府", 2020),
    ("2020年鸣皋镇人民政府政府信息公开工作年度报告", "鸣皋镇人民政府", 2020),
    ("伊川县教育局2023年度政府信息公开工作年度报告", "伊川县教育局", 2023),
    ("关于伊川县人民政府２０２２年政府信息公开工作年度报告", "伊川县人民政府", 2022),
    ("洛阳市人民政府二〇二一年政府信息公开工作年度报告", "洛阳市人民政府", 2021),
    ("政府信息公开工作年度报告", None, None),
])
def test_title_parts(title: str, organization: str | None, year: int | None) -> None:
    assert title_organization(title) == organization
    assert title_year(title) == year


@pytest.mark.parametrize(("name", "level"), [
    ("伊川县鸣皋镇人民政府", "township"),
    ("城关街道办事处", "township"),
    ("白沙乡人民政府", "township"),
    ("伊川县教育局", "department"),
    ("洛阳市发展和改革委员会", "department"),
    ("伊川县人民政府办公室", "department"),
    ("伊川县政务服务中心", "department"),
    ("伊川县人民政府", "county"),
    ("洛龙区人民政府", "county"),
    ("洛阳市人民政府", "city"),
    ("河南省人民政府", "province"),
    ("某某单位", None),
])
def test_level_from_the_name(name: str, level: str | None) -> None:
    assert guess_level(name) == level


def test_word_headings_numbered_by_word_itself(tmp_path: Path) -> None:
    """Word's automatic numbering draws 一、 … 六、 outside the paragraph text."""
    import docx
    from reader_support import docx_report

    path = docx_report(sample_data("2021"), tmp_path / "auto.docx")
    word = docx.Document(str(path))
    for paragraph in word.paragraphs:
        if paragraph.style.name == "Heading 1":
            paragraph.text = paragraph.text.split("、", 1)[1]
            if paragraph.text.startswith("其他"):
                paragraph.style = word.styles["List Number"]  # numbered by its style, not a heading
    word.save(str(path))
    parsed = read_report(path)
    assert [s.id for s in parsed.sections][1:] == ["s1_overview", "s2_proactive", "s3_requests",
                                                   "s4_review_litigation", "s5_problems", "s6_other"]
    assert parsed.section("s1_overview").heading == "总体情况"
    assert parsed.section("s1_overview").number == ""
    assert parsed.tables.tables == parse_data(sample_data("2021")).tables


def test_invisible_characters_from_web_copies(tmp_path: Path) -> None:
    path = _seed_variant(tmp_path, [("一、总体情况", "\u200b一、总体情况\ufeff"), ("规章\t0", "规\u200b章\t0")])
    parsed = read_report(path)
    assert parsed.sections[0].id == "s1_overview"
    assert parsed.tables.tables.proactive["rules"]["total_published"] == 0
    assert not [f for f in parsed.findings if f.rule == "table.missing_row"]


def test_review_table_printed_one_row_per_group(tmp_path: Path) -> None:
    data = sample_data("2019", seed=4)
    tables = layouts(data)
    review = data["tables"]["review_litigation"]
    tables["s4_review_litigation"] = [
        [("", 1, 1), ("结果维持", 1, 1), ("结果纠正", 1, 1), ("其他结果", 1, 1), ("尚未审结", 1, 1), ("总计", 1, 1)],
        *[[(label, 1, 1)] + [(str(review[gid][leaf]), 1, 1) for leaf in ("upheld", "corrected", "other", "pending", "total")]
          for label, gid in (("行政复议", "review"), ("未经复议直接起诉", "lit_direct"), ("复议后起诉", "lit_after_review"))],
    ]
    path = tmp_path / "vertical.html"
    path.write_text(html_report(data, tables), "utf-8")
    assert read_report(path).tables.tables.review_litigation == parse_data(data).tables.review_litigation


def test_title_only_in_the_page_title(tmp_path: Path) -> None:
    data = sample_data("2019")
    page = html_report(data).replace(f"<h1>{data['organization']}2020年政府信息公开工作年度报告</h1>", "")
    path = tmp_path / "no-h1.html"
    path.write_text(page, "utf-8")
    parsed = read_report(path)
    assert parsed.title == "伊川县鸣皋镇人民政府2020年政府信息公开工作年度报告"  # the site name after _ dropped
    assert parsed.organization == "伊川县鸣皋镇人民政府" and parsed.year == 2020


def test_markdown_with_html_tables_for_merged_cells(tmp_path: Path) -> None:
    from reader_support import headings, html_table, title_of

    data = sample_data("2021", seed=8)
    tables = layouts(data)
    lines = [f"# {title_of(data)}", "", "<!-- drafter: provenance comment", "spanning lines -->", ""]
    for sid, heading in headings("2021"):
        lines += [f"## {heading}", ""]
        if sid in tables:
            lines += html_table(tables[sid]).replace("</tr>", "</tr>\n").splitlines() + [""]
        else:
            lines += ["正文第一段。", ""]
    path = tmp_path / "merged.md"
    path.write_text("\n".join(lines), "utf-8")
    parsed = read_report(path)
    assert parsed.tables.tables == parse_data(data).tables
    assert parsed.section("s1_overview").text == "正文第一段。"
    assert parsed.section("s0_preamble") is None
