"""The Minggao example rendered to text and Markdown: every table row has the seed's labels
and numbers (tests/fixtures/minggao-2020.txt is the real 2020 report the example came from).

The seed prints brackets and commas half-width with a space ("(一) 予以公开"); labels are
compared after normalising punctuation and spaces. Numbers are compared as numbers
(the seed's 149 is our 149.0000: the format prints the procurement amount with four
decimals). The seed leaves one cell blank in each row under 三、本年度办理结果 from （一）
to （五）5 (its HTML-to-text conversion lost a cell there); we print every cell, so in those
rows the seed's numbers must be ours with exactly one cell missing.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from drafter.data import load_data
from drafter.render import render
from drafter.report import Narrative, Paragraph, Report, SectionDraft

ROOT = Path(__file__).resolve().parents[1]
SEED = Path(__file__).parent / "fixtures" / "minggao-2020.txt"
MINGGAO = ROOT / "examples" / "minggao-2020" / "data.yaml"
TABLE_HEADINGS = ("二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况")
END_HEADING = "五、存在的主要问题及改进情况"
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_PUNCT = str.maketrans({"（": "(", "）": ")", "，": ",", "：": ":", "、": "、"})


def norm(token: str) -> str:
    return re.sub(r"\s+", "", token.translate(_PUNCT))


def split_row(tokens: list[str]) -> tuple[list[str], list[Decimal]]:
    tokens = [norm(t) for t in tokens if t.strip()]
    return [t for t in tokens if not NUMBER.match(t)], [Decimal(t) for t in tokens if NUMBER.match(t)]


def table_lines(text: str) -> dict[str, list[str]]:
    """The non-blank lines under each table heading (the seed's separator lines of dashes dropped)."""
    out: dict[str, list[str]] = {}
    current = None
    for line in text.split("\n"):
        line = line.removeprefix("## ")
        if line in TABLE_HEADINGS:
            current = line
            out[current] = []
        elif line == END_HEADING:
            current = None
        elif current and line.strip() and not re.fullmatch(r"[-\t ]+", line):
            out[current].append(line)
    return out


def seed_rows() -> dict[str, list[tuple[list[str], list[Decimal]]]]:
    text = SEED.read_text(encoding="utf-8")
    return {h: [split_row(line.split("\t")) for line in lines] for h, lines in table_lines(text).items()}


def markdown_rows(text: str) -> dict[str, list[tuple[list[str], list[Decimal]]]]:
    """Rows of the pipe tables (and bold captions), with labels repeated over merged cells shown once."""
    out: dict[str, list[tuple[list[str], list[Decimal]]]] = {}
    for heading, lines in table_lines(text).items():
        rows: list[tuple[list[str], list[Decimal]]] = []
        above: list[str] | None = None
        for line in lines:
            if line.startswith("**"):
                rows.append(split_row([unescape(line.strip("*"))]))
                above = None
                continue
            if re.fullmatch(r"\|( --- \|)+", line):
                continue
            cells = [unescape(c.strip()) for c in re.split(r"(?<!\\)\|", line)[1:-1]]
            shown = []
            for i, cell in enumerate(cells):
                repeated = (i > 0 and cells[i - 1] == cell) or (above is not None and above[i] == cell)
                shown.append("" if repeated and not NUMBER.match(cell) else cell)
            rows.append(split_row(shown))
            above = cells
        out[heading] = rows
    return out


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def our_rows(kind: str) -> dict[str, list[tuple[list[str], list[Decimal]]]]:
    data = load_data(MINGGAO)
    report = Report.build(data, Narrative(sections={"s6_other": SectionDraft(id="s6_other", paragraphs=[Paragraph(text="无")])}))
    text = render(report, kind).decode("utf-8")
    if kind == "md":
        return markdown_rows(text)
    return {h: [split_row(line.split("\t")) for line in lines] for h, lines in table_lines(text).items()}


@pytest.mark.parametrize("kind", ["txt", "md"])
def test_tables_match_the_seed(kind: str) -> None:
    seed = seed_rows()
    ours = our_rows(kind)
    assert list(ours) == list(TABLE_HEADINGS) == list(seed)
    gaps = 0
    for heading in TABLE_HEADINGS:
        assert len(ours[heading]) == len(seed[heading]), heading
        for (our_labels, our_numbers), (seed_labels, seed_numbers) in zip(ours[heading], seed[heading], strict=True):
            assert our_labels == seed_labels
            if len(seed_numbers) == len(our_numbers):
                assert seed_numbers == our_numbers, our_labels
            else:  # the seed's lost cell (see the module docstring)
                assert heading == TABLE_HEADINGS[1] and len(our_numbers) == 7 and len(seed_numbers) == 6, our_labels
                assert any(our_numbers[:i] + our_numbers[i + 1:] == seed_numbers for i in range(7))
                gaps += 1
    assert gaps == 18  # （一）（二）, （三）1–8, （四）1–3, （五）1–5


def test_text_layout_like_the_seed() -> None:
    data = load_data(MINGGAO)
    text = render(Report.build(data, Narrative()), "txt").decode("utf-8")
    lines = text.split("\n")
    assert lines[0] == "伊川县鸣皋镇人民政府2020年政府信息公开工作年度报告"
    seed = SEED.read_text(encoding="utf-8").split("\n")
    # lines the seed prints exactly the same way (full grid, merged cells at their top-left position)
    for line in ("第二十条第（一）项\t\t\t", "行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t",
                 "\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
                 "0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0"):
        assert line in seed
    for line in ("行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t",
                 "\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
                 "0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0"):
        assert line in lines
    assert "第二十条第（一）项\t\t\t\t" in lines  # the 2019 grid is five columns wide (two colspan-2 value columns in （八）（九）)
