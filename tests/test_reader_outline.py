"""Reports in every outline and state are checked for what can be checked, with a finding
about their structure, instead of being refused: traditional characters, headings run into
the text, the outline used before 2019, no headings at all, and tables that are pictures or
missing (the text is then checked against --data, or on its own)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from office_support import EXAMPLES, drafted, example_data

from drafter.reader import read_report
from drafter.reader.hant import _SIMPLIFIED, _TRADITIONAL, is_traditional, to_simplified
from drafter.validate import check_file

DATA = EXAMPLES / "township-2023" / "data.yaml"
HEADINGS = ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项")
SIX = ["s1_overview", "s2_proactive", "s3_requests", "s4_review_litigation", "s5_problems", "s6_other"]
WRONG = ("共新收政府信息公开申请6件", "共新收政府信息公开申请9件")


def _township() -> str:
    return drafted("township-2023", "txt").decode("utf-8")


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def _rules(result: object) -> list[str]:
    return [f.rule for f in result.findings]  # type: ignore[attr-defined]


def to_traditional(text: str) -> str:
    back: dict[str, str] = {}
    for t, s in zip(_TRADITIONAL, _SIMPLIFIED, strict=True):
        back.setdefault(s, t)
    return "".join(back.get(ch, ch) for ch in text)


# --------------------------------------------------------------------------- traditional characters


def test_the_character_table_is_one_for_one() -> None:
    assert len(_TRADITIONAL) == len(_SIMPLIFIED) == len(set(_TRADITIONAL))
    assert not set(_TRADITIONAL) & set(_SIMPLIFIED)
    text = _township()
    assert to_simplified(to_traditional(text)) == text
    assert is_traditional(to_traditional(text)) and not is_traditional(text)
    assert not is_traditional(text + "於是")  # one old character in a simplified text changes nothing


def test_report_in_traditional_characters_is_read_and_quoted_as_printed(tmp_path: Path) -> None:
    printed = to_traditional(_township().replace(*WRONG))
    assert "總體情況" in printed and "申請" in printed
    path = _write(tmp_path, "traditional.txt", printed)
    parsed = read_report(path)
    assert [s.id for s in parsed.sections if s.id != "s0_preamble"] == SIX
    assert parsed.tables is not None and parsed.tables.tables == example_data("township-2023").tables
    result = check_file(path, data_path=DATA)
    assert "structure.traditional_script" in _rules(result)
    wrong = [f for f in result.findings if f.rule == "text.contradiction"]
    assert len(wrong) == 1 and wrong[0].found == 9 and wrong[0].expected == 6
    quote = wrong[0].quote or ""
    assert "申請" in quote and quote in printed and quote in wrong[0].message
    assert not [f for f in result.findings if f.rule.startswith("structure.section")]


# --------------------------------------------------------------------------- headings run into the text


def test_headings_run_into_their_paragraph_are_cut_off(tmp_path: Path) -> None:
    text = _township()
    for heading in ("一、总体情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"):
        text = text.replace(heading + "\n\n", heading + "。", 1)
    path = _write(tmp_path, "run-in.txt", text)
    result = check_file(path, data_path=DATA)
    run_in = [f for f in result.findings if f.rule == "structure.run_in_heading"]
    assert len(run_in) == 1 and run_in[0].severity == "warning" and len(run_in[0].found) == 3
    assert not result.has_errors, [f.message for f in result.findings if f.severity == "error"]
    parsed = read_report(path)
    assert [s.id for s in parsed.sections if s.id != "s0_preamble"] == SIX
    assert parsed.section("s1_overview").text.startswith("2023年")  # type: ignore[union-attr]


def test_a_heading_with_a_note_is_not_run_in(tmp_path: Path) -> None:
    text = _township().replace("二、主动公开政府信息情况\n", "二、主动公开政府信息情况（单位：件）\n", 1)
    result = check_file(_write(tmp_path, "note.txt", text), data_path=DATA)
    assert "structure.run_in_heading" not in _rules(result)


# --------------------------------------------------------------------------- the outline used before 2019


OLD_HEADINGS = ("一、概述", "二、主动公开政府信息的情况", "三、依申请公开政府信息情况",
                "四、因政府信息公开申请行政复议、提起行政诉讼的情况", "五、政府信息公开工作存在的主要问题及改进情况",
                "六、其他需要报告的事项")


def test_recent_report_in_the_old_outline_gets_one_structure_finding(tmp_path: Path) -> None:
    text = _township()
    for new, old in zip(HEADINGS, OLD_HEADINGS, strict=True):
        text = text.replace(new + "\n", old + "\n", 1)
    path = _write(tmp_path, "old-outline.txt", text)
    parsed = read_report(path)
    assert [s.id for s in parsed.sections if s.id != "s0_preamble"] == SIX
    result = check_file(path, data_path=DATA)
    old = [f for f in result.findings if f.rule == "structure.old_outline"]
    assert len(old) == 1 and old[0].severity == "warning" and "一、概述" in old[0].message
    assert not [f for f in result.findings if f.rule in ("structure.section_misnamed", "structure.section_missing")]
    assert not result.has_errors


OLD_REPORT = """青山县林业局2018年政府信息公开工作年度报告

本报告由青山县林业局编制。本报告中所列数据的统计期限自2018年1月1日起至2018年12月31日止。
一、概述
2018年，我局认真贯彻落实《条例》，全年主动公开政府信息120条。
二、主动公开政府信息情况
全年主动公开政府信息120条，其中通过门户网站公开80条、政务微博公开{weibo}条。
三、依申请公开政府信息情况
全年共受理政府信息公开申请5件，已全部答复。
四、政府信息公开的收费及减免情况
本年度未收取任何费用。
五、因政府信息公开申请行政复议、提起行政诉讼的情况
本年度未发生因政府信息公开申请提起行政复议和行政诉讼的情况。
六、政府信息公开工作存在的主要问题及改进情况
一是公开内容不够全面；二是更新不够及时。
七、其他需要报告的事项
无。
"""


def test_report_of_a_year_before_2019_is_checked_for_what_it_can_be(tmp_path: Path) -> None:
    fine = check_file(_write(tmp_path, "2018.txt", OLD_REPORT.format(weibo=40)))
    assert [(f.rule, f.severity) for f in fine.findings] == [("structure.old_regime", "info")]
    wrong = check_file(_write(tmp_path, "2018-wrong.txt", OLD_REPORT.format(weibo=50)))
    assert [f.rule for f in wrong.findings if f.severity == "error"] == ["text.arithmetic"]
    res = subprocess.run([sys.executable, "-m", "drafter.cli", "check", str(tmp_path / "2018.txt")],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0 and "2019年以前" in res.stdout


# --------------------------------------------------------------------------- no headings at all


def test_report_without_any_heading_is_checked_as_one_text(tmp_path: Path) -> None:
    text = "\n".join(line for line in _township().replace(*WRONG).splitlines() if line.strip() not in HEADINGS)
    path = _write(tmp_path, "no-headings.txt", text)
    result = check_file(path, data_path=DATA)
    rules = _rules(result)
    assert "structure.no_headings" in rules and rules.count("structure.section_missing") == 1
    wrong = [f for f in result.findings if f.rule == "text.contradiction"]
    assert [(f.found, f.expected) for f in wrong] == [(9, 6)]


def test_notes_that_are_no_report_are_still_refused(tmp_path: Path) -> None:
    res = subprocess.run([sys.executable, "-m", "drafter.cli", "check",
                          str(_write(tmp_path, "notes.txt", "今天开会，讨论了三件事。\n会后整理纪要。\n"))],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 2 and "不像一份政府信息公开工作年度报告" in res.stderr


# --------------------------------------------------------------------------- tables that are pictures or missing


def _without_tables(html: str, replacement: str) -> str:
    import re

    return re.sub(r"<table.*?</table>", replacement, html, flags=re.S)


def test_web_page_with_tables_as_pictures_is_checked_against_the_data(tmp_path: Path) -> None:
    page = _without_tables(drafted("township-2023", "html").decode("utf-8"), '<p><img src="table.png"></p>')
    path = _write(tmp_path, "pictures.html", page.replace(*WRONG))
    result = check_file(path, data_path=DATA)
    missing = [f for f in result.findings if f.rule == "structure.table_unreadable"]
    assert len(missing) == 1 and missing[0].severity == "warning" and "3张图片" in missing[0].message
    assert [(f.found, f.expected) for f in result.findings if f.rule == "text.contradiction"] == [(9, 6)]
    clean = check_file(_write(tmp_path, "clean.html", page), data_path=DATA)
    assert not clean.has_errors
    res = subprocess.run([sys.executable, "-m", "drafter.cli", "check", str(tmp_path / "clean.html"), "--data", str(DATA)],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stdout + res.stderr


def test_web_page_with_attached_tables(tmp_path: Path) -> None:
    page = _without_tables(drafted("township-2023", "html").decode("utf-8"), "")
    page = page.replace("</body>", '<p><a href="/files/2023年报表格.xls">附件：统计表</a></p></body>')
    result = check_file(_write(tmp_path, "attached.html", page))
    missing = [f for f in result.findings if f.rule == "structure.table_unreadable"]
    assert len(missing) == 1 and missing[0].severity == "warning" and "附件" in missing[0].message


def test_text_without_tables_or_data_is_checked_on_its_own(tmp_path: Path) -> None:
    text = "\n".join(line for line in _township().splitlines() if "\t" not in line)
    text = text.replace("其中自然人申请5件，法人或其他组织申请1件", "其中自然人申请5件，法人或其他组织申请3件")
    result = check_file(_write(tmp_path, "no-tables.txt", text))
    missing = [f for f in result.findings if f.rule == "structure.table_unreadable"]
    assert len(missing) == 1 and missing[0].severity == "error"
    sums = [f for f in result.findings if f.rule == "text.arithmetic"]
    assert len(sums) == 1 and sums[0].found == 6 and sums[0].expected == 8


def test_a_preamble_listing_the_sections_is_not_cut(tmp_path: Path) -> None:
    text = _township().replace(
        "全文包括总体情况，", "全文包括：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况。另有", 1)
    assert "全文包括：一、总体情况；" in text
    path = _write(tmp_path, "listing.txt", text)
    parsed = read_report(path)
    assert [s.id for s in parsed.sections] == ["s0_preamble", *SIX]
    assert "structure.run_in_heading" not in _rules(check_file(path, data_path=DATA))
