"""The validator on failure classes seen in unseen, realistic reports: the report year taken
from the title (a statistics period copied from last year is the error), breakdowns as real
clerks write them, parts inside a parenthetical 其中, rates of other things, generic
references to 县政府/镇政府, another township named as the subject, a model's leftovers
before the first heading, zero and "all" claims in more phrasings, 我局 in a township's
report, a notes.md beside the data file, and findings that always serialise to JSON."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from drafter.data import ReportData, load_data, parse_data
from drafter.drafting.llm import OfflineBackend
from drafter.drafting.pipeline import draft_narrative_sync
from drafter.notes import load_notes
from drafter.render import render
from drafter.report import ParsedReport, Report, SectionText
from drafter.validate import check_file, check_narrative, check_report, resolve_year

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "minggao-2020.txt"
EXAMPLES = ("minggao-2020", "township-2023", "county-dept-2023")


def rules(findings) -> list[str]:
    return [f.rule for f in findings]


def errors(findings) -> list[tuple[str, str | None]]:
    return [(f.rule, f.quote) for f in findings if f.severity == "error"]


def example(name: str) -> ReportData:
    return load_data(ROOT / "examples" / name / "data.yaml")


def without_facts(data: ReportData) -> ReportData:
    raw = data.to_input()
    raw.pop("facts", None)
    return parse_data(raw)


@pytest.fixture(scope="module")
def township() -> ReportData:
    return example("township-2023")


@pytest.fixture(scope="module")
def bare(township: ReportData) -> ReportData:
    return without_facts(township)


@pytest.fixture(scope="module")
def renders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every example drafted offline and written in every kind."""
    folder = tmp_path_factory.mktemp("renders")
    out: dict[str, Path] = {}
    for name in EXAMPLES:
        base = ROOT / "examples" / name
        data = load_data(base / "data.yaml")
        report = Report.build(data, draft_narrative_sync(data, load_notes(base / "notes.md"), OfflineBackend()))
        for kind in ("md", "html", "txt", "docx", "json"):
            path = folder / f"{name}.{kind}"
            path.write_bytes(render(report, kind))
            out[f"{name}.{kind}"] = path
    return out


def write(tmp_path: Path, text: str, name: str = "report.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


# --------------------------------------------------------------------------- 1. JSON


def test_every_finding_of_every_render_serialises(renders: dict[str, Path], tmp_path: Path) -> None:
    for key, path in renders.items():
        name = key.split(".")[0]
        for data in (None, ROOT / "examples" / name / "data.yaml"):
            payload = check_file(path, data_path=data).to_dict()
            assert json.loads(json.dumps(payload, ensure_ascii=False)) == payload
    # a breakdown that does not add up carries its parts (Decimals) in `extra`
    text = renders["township-2023.txt"].read_text("utf-8").replace(
        "主动公开政府信息236条", "主动公开政府信息236条，其中政策文件12.5条、工作动态100条"
    )
    result = check_file(write(tmp_path, text))
    arithmetic = [f.to_dict() for f in result.findings if f.rule == "text.arithmetic"]
    assert arithmetic and arithmetic[0]["extra"]["parts"] == [12.5, 100]
    json.dumps(result.to_dict(), ensure_ascii=False)
    json.dumps(check_file(SEED).to_dict(), ensure_ascii=False)


# --------------------------------------------------------------------------- 2. report year


PERIOD = "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。"


@pytest.mark.parametrize(
    "period",
    [
        "本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。",
        "本报告中所列数据的统计期限自2023年1月1日起至2023年12月30日止。",
        "本报告所列数据统计期限为2022年1月1日至2022年12月31日。",
        "本年度报告中所列数据统计时限：2023年1月1日—2023年12月30日。",
        "报告中所列数据的统计期限自2022年1月1日至12月31日止。",
    ],
)
def test_period_copied_from_last_year_is_the_error_not_the_title(renders: dict[str, Path], tmp_path: Path, period: str) -> None:
    text = renders["township-2023.txt"].read_text("utf-8")
    assert PERIOD in text
    result = check_file(write(tmp_path, text.replace(PERIOD, period)))
    assert result.report["year"] == 2023
    assert "structure.title" not in rules(result.findings)
    (f,) = [f for f in result.findings if f.rule == "text.year"]
    assert f.severity == "error" and f.section == "s0_preamble" and f.expected == 2023
    assert "统计" in f.quote and f.quote.rstrip("。") in period and "2023年1月1日至2023年12月31日" in f.message


def test_period_year_in_the_seed_and_with_the_data_file(tmp_path: Path) -> None:
    seed = SEED.read_text("utf-8")
    copied = seed.replace("自2020年1月1日起至2020年12月31日止", "自2019年1月1日起至2019年12月31日止")
    for data in (None, ROOT / "examples" / "minggao-2020" / "data.yaml"):
        result = check_file(write(tmp_path, copied), data_path=data)
        assert result.report["year"] == 2020
        assert [f.rule for f in result.findings if f.severity == "error"] == ["text.year"]


def test_title_flagged_only_against_the_body_or_the_data(renders: dict[str, Path], tmp_path: Path) -> None:
    text = renders["township-2023.txt"].read_text("utf-8")
    stale = text.replace("清水镇人民政府2023年政府信息公开", "清水镇人民政府2022年政府信息公开", 1)
    result = check_file(write(tmp_path, stale))
    assert result.report["year"] == 2023
    (f,) = [f for f in result.findings if f.severity == "error"]
    assert f.rule == "structure.title" and f.found == 2022 and "正文" in f.message
    # the data file says 2023: the title is wrong whatever the body says
    with_data = check_file(write(tmp_path, stale), data_path=ROOT / "examples" / "township-2023" / "data.yaml")
    assert "structure.title" in rules(with_data.findings) and "数据文件为2023年" in with_data.findings[0].message
    # a title that agrees with the data is never flagged, even when the period does not
    period = text.replace(PERIOD, PERIOD.replace("2023", "2022"))
    assert "structure.title" not in rules(check_file(write(tmp_path, period), data_path=ROOT / "examples" / "township-2023" / "data.yaml").findings)


def test_preamble_copied_whole_is_one_vote(township: ReportData) -> None:
    def parsed(preamble: str, body: str, title: str = "河阳县清水镇人民政府2023年政府信息公开工作年度报告") -> ParsedReport:
        return ParsedReport(
            source="x.txt", kind="txt", title=title, organization="河阳县清水镇人民政府", year=2023,
            sections=[SectionText(id="s0_preamble", text=preamble), SectionText(id="s1_overview", heading="一、总体情况", text=body)],
            tables=township,
        )

    stale_preamble = "现对2022年政府信息公开工作进行总结。本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。2022年，本镇认真落实。"
    assert resolve_year(parsed(stale_preamble, "2023年，清水镇认真落实《条例》。"))[0] == 2023
    assert resolve_year(parsed(stale_preamble, "坚持以公开为常态。"))[0] == 2023  # a tie keeps the title
    body = "2023年，清水镇认真落实《条例》。2023年度，清水镇通过门户网站公开信息。"
    year, why = resolve_year(parsed(PERIOD, body, title="河阳县清水镇人民政府2022年政府信息公开工作年度报告"))
    assert year == 2023 and "2023" in why
    assert resolve_year(parsed(PERIOD, body, title="河阳县清水镇人民政府政府信息公开工作年度报告"))[0] == 2023


# --------------------------------------------------------------------------- 3. breakdowns


@pytest.mark.parametrize(
    ("text", "parts", "total"),
    [
        ("全年共主动公开政府信息6235条，其中政策文件及解读386条、工作动态3520条、通知公告1479条、财政预决算信息630条。", 6015, 6235),
        ("2023年，通过门户网站主动公开信息1256条，其中，机构职能类32条，政策法规和解读类145条；工作动态类860条；通知公告类210条。", 1247, 1256),
        ("全年共主动公开政府信息6235条，其中：政策文件及解读386条；工作动态3520条；通知公告1479条；财政预决算信息630条。", 6015, 6235),
        ("全年主动公开政府信息共计1256条，分别为：政策文件86条，工作动态720条，人事信息35条，财政信息40条，其他信息300条。", 1181, 1256),
        ("主动公开政府信息1256条，包括政策文件86条、工作动态720条、人事信息35条和财政信息40条。", 881, 1256),
        ("通过政府网站公开信息共1256条（含政策解读86条、工作动态720条、通知公告300条）。", 1106, 1256),
        # across a sentence break the list may be partial: only parts above the total are certain
        ("全年共主动公开政府信息6235条。其中政策文件及解读386条、工作动态3520条、通知公告1479条、财政预决算信息1630条。", 7015, 6235),
        ("主动公开政府信息6,235条，其中政策文件及解读386条、工作动态3,520条、通知公告1,479条、财政预决算信息630条。", 6015, 6235),
        ("全年主动公开政策文件及解读386条、工作动态3520条、通知公告1479条、财政预决算信息630条，共计6235条。", 6015, 6235),
        ("全年通过县政府门户网站主动公开各类政府信息1200条，较上年增长15%，其中重大建设项目批准和实施领域信息86条、公共资源配置领域信息720条、社会公益事业建设领域信息300条。", 1106, 1200),
        ("镇政府网站专栏共发布信息530条，其中工作动态和乡村振兴信息320条，民生保障及救助信息150条，其他类信息50条。", 520, 530),
        ("全年累计发布信息2156条，其中政务动态1820条、通知公告380条、政策解读126条等。", 2326, 2156),
        ("主动公开政府信息6235条（其中政策文件及解读386条、工作动态3520条、通知公告1479条、财政预决算信息630条）。", 6015, 6235),
        ("2023年共公开政府信息6235条，其中，公开政策文件及解读386条，公开工作动态3520条，发布通知公告1479条，发布财政预决算信息630条。", 6015, 6235),
    ],
)
def test_breakdowns_that_do_not_add_up(bare: ReportData, text: str, parts: int, total: int) -> None:
    found = [f for f in check_narrative(bare, {"s1_overview": text}) if f.rule == "text.arithmetic"]
    assert [(f.expected, f.found) for f in found] == [(parts, total)]
    (f,) = found
    # a free-category list short of its total is certain only when it says it is complete
    certain = parts > total or any(w in text for w in ("分别", "其他", "，共计"))
    assert f.severity == ("error" if certain else "warning") and text[f.span[0] : f.span[1]] == f.quote


@pytest.mark.parametrize(
    "text",
    [
        "全年共主动公开政府信息6235条，其中政策文件及解读386条、工作动态3520条、通知公告1479条、财政预决算信息850条。",
        "全年累计发布信息2156条，其中政务动态1420条、通知公告380条、政策解读126条等。",
        "全年主动公开信息1256条，其中政策文件86条、工作动态720条，以及其他各类信息。",
        "通过政府网站公开信息共1256条（含政策解读86条）。",
        "全年主动公开政策文件及解读386条、工作动态3520条，共计3906条。",
        "主动公开政府信息1256条，较上年增加56条，其中政策文件86条、工作动态1170条。",
        "门户网站主动公开信息236条，其中政策文件20条、工作动态216条；政务新媒体发布信息158条。",
        "全年主动公开信息6235条，政策文件及解读386条、工作动态3520条。",
        "发布规章5件（含新制定2件，修改1件，废止1件）。",
    ],
)
def test_breakdowns_that_add_up_or_are_open(bare: ReportData, text: str) -> None:
    assert "text.arithmetic" not in rules(check_narrative(bare, {"s1_overview": text}))


# --------------------------------------------------------------------------- 4. parts inside 其中


@pytest.fixture(scope="module")
def thirteen() -> ReportData:
    """A department that could not provide 13 requests: 10 not held, 3 needing new work."""
    raw = without_facts(example("county-dept-2023")).to_input()
    req = raw["tables"]["requests"]
    req["unable_not_held"] = {**req["unable_not_held"], "natural_person": 10, "total": 10}
    req["unable_needs_creation"] = {**req["unable_needs_creation"], "natural_person": 3, "total": 3}
    for row in ("new_received", "total_processed"):
        req[row] = {**req[row], "natural_person": req[row]["natural_person"] + 10, "total": req[row]["total"] + 10}
    return parse_data(raw)


@pytest.mark.parametrize(
    "text",
    [
        "因无法提供而未公开13件（其中因本机关不掌握相关信息的10件）。",
        "因无法提供而未公开13件（其中因本机关不掌握相关信息而无法提供的10件）。",
        "无法提供13件，其中本机关不掌握相关政府信息的10件、需要另行制作的3件。",
        "无法提供13件（其中：信息不存在10件，没有现成信息需要另行制作3件）。",
        "无法提供的13件中，本机关不掌握相关政府信息的10件。",
        "本年度共办结政府信息公开申请26件，其中予以公开9件，部分公开1件，不予公开1件，因无法提供而未公开13件（其中因本机关不掌握相关信息的10件），不予处理1件，其他处理1件。",
        "无法提供13件（其中因无法提供而告知申请人向其他机关申请的10件）。",
    ],
)
def test_a_figure_inside_其中_is_a_part_not_the_group(thirteen: ReportData, text: str) -> None:
    assert errors(check_narrative(thirteen, {"s1_overview": text})) == []


def test_a_wrong_sub_part_is_named_as_the_sub_item(thirteen: ReportData) -> None:
    (f,) = check_narrative(thirteen, {"s1_overview": "因无法提供而未公开13件（其中因本机关不掌握相关信息的9件）。"})
    assert f.rule == "text.contradiction" and f.quote == "不掌握相关信息的9件" and "本机关不掌握相关政府信息" in f.message
    assert (f.expected, f.found) == (10, 9)


# --------------------------------------------------------------------------- 5. rates of other things


@pytest.mark.parametrize(
    "text",
    [
        "办理人大代表建议和政协提案12件，人大代表建议和政协提案办结率100%。",
        "12345政务服务便民热线共受理群众诉求320件，按时办结率100%，群众满意率98.5%。",
        "全年共办理12345热线工单86件，办结率100%。",
        "全年共承办人大代表建议5件、政协提案3件，办结率、满意率均为100%。",
        "政务服务事项网上可办率100%，全程网办率85%，办结率100%。",
        "对群众反映的问题及时回应，回应率100%，办结率100%。",
        "收到政府信息公开申请6件。12345热线工单办结率100%。",
        "依申请公开工作方面，全年受理申请6件，办结6件；信访事项办结率100%。",
        "收到的申请按时办结率为100%。",
    ],
)
def test_rates_of_other_things_are_not_request_rates(bare: ReportData, text: str) -> None:
    assert check_narrative(bare, {"s1_overview": text}) == []


@pytest.mark.parametrize(
    "text",
    [
        "本年度收到政府信息公开申请6件，上年结转1件，办结6件，办结率100%。",
        "依申请公开办结率为100%。",
        "全年共收到政府信息公开申请6件，办结6件。办结率达100%。",
    ],
)
def test_rates_about_requests_are_checked(bare: ReportData, text: str) -> None:
    found = check_narrative(bare, {"s1_overview": text})
    assert rules(found) == ["text.contradiction"] and found[0].quote.endswith("100%")


# --------------------------------------------------------------------------- 6, 7. other bodies


@pytest.mark.parametrize(
    "text",
    [
        "2023年，清水镇主要通过县政府门户网站开展信息公开工作。",
        "及时更新镇政府网站，确保信息准确。",
        "坚持工作动态更新镇政府网站专栏。",
        "按要求向县政府报送政务公开工作台账。",
        "经镇政府主要负责同志审定后发布，由镇政府办公室统一登记。",
        "及时在上级政府和本级政府网站发布，各乡镇之间加强交流。",
        "在区政府门户网站开设专栏，并报送市政府备案。",
        "镇党委、镇政府高度重视政务公开工作。",
        "全面推进乡村振兴，加快新型城镇化建设，推进特色小镇建设。",
        "与周边东岭镇联合开展政务公开日活动。",
        "告知申请人向东岭镇人民政府提出申请。",
        "对不属于本机关公开职责的，转送东岭镇人民政府办理。",
        "在东岭镇召开全县政务公开现场推进会，清水镇作了交流发言。",
        "根据县政府统一部署，河阳县各乡镇人民政府均开设了政务公开专栏。",
        "2023年，河阳县清水镇人民政府始终坚持以公开为常态。",
    ],
)
def test_generic_and_legitimate_references_are_fine(township: ReportData, text: str) -> None:
    assert [f for f in check_narrative(township, {"s1_overview": text}) if f.rule == "text.organization"] == []


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("东岭镇人民政府严格落实《条例》要求。", "东岭镇人民政府"),
        ("2023年，东岭镇严格落实《条例》要求。", "东岭镇"),
        ("东岭镇主动公开政府信息236条。", "东岭镇"),
        ("东岭镇通过门户网站公开政府信息。", "东岭镇"),
        ("2023年，东岭镇政务公开工作取得新成效。", "东岭镇"),
        ("2023年，东岭镇党委、政府高度重视政务公开工作。", "东岭镇党委"),
        ("为进一步做好政务公开工作，东岭镇成立了政务公开工作领导小组。", "东岭镇"),
        ("东城街道办事处坚持以公开为常态。", "东城街道办事处"),
        ("编制完成《河阳县东岭镇人民政府基层政务公开标准目录》。", "东岭镇人民政府"),
        ("2023年，东岭镇政府积极推进政务公开。", "东岭镇政府"),
    ],
)
def test_another_township_as_subject_or_organ(township: ReportData, text: str, quote: str) -> None:
    found = [f for f in check_narrative(township, {"s1_overview": text}) if f.rule == "text.organization"]
    assert [(f.severity, f.quote) for f in found] == [("error", quote)]


def test_county_report_generic_county_words() -> None:
    raw = without_facts(example("township-2023")).to_input()
    raw.update(organization="河阳县人民政府", short_name="河阳县", level="county", parent="东州市人民政府")
    county = parse_data(raw)
    fine = "2023年，河阳县通过县政府门户网站公开信息，指导各乡镇做好公开工作，开发区管委会同步公开。"
    assert check_narrative(county, {"s1_overview": fine}) == []
    found = check_narrative(county, {"s1_overview": "2023年，西峡县认真落实《条例》。"})
    assert errors(found) == [("text.organization", "西峡县")]


# --------------------------------------------------------------------------- 8. model leftovers at the top


@pytest.mark.parametrize(
    "line",
    [
        "以下是根据您提供的材料撰写的河阳县清水镇人民政府2023年政府信息公开工作年度报告：",
        "好的，以下是为您起草的年度报告。",
        "以下为根据您的要求生成的报告正文：",
        "根据您提供的数据，我撰写了这份年度报告。",
    ],
)
def test_leftover_before_the_title(renders: dict[str, Path], tmp_path: Path, line: str) -> None:
    text = renders["township-2023.txt"].read_text("utf-8")
    for name, body in (("a.txt", f"{line}\n\n{text}"), ("a.md", f"{line}\n\n" + renders["township-2023.md"].read_text("utf-8"))):
        result = check_file(write(tmp_path, body, name))
        found = [f for f in result.findings if f.rule == "style.llm_leftover"]
        assert found and found[0].severity == "error" and found[0].quote in line
        assert result.report["organization"] == "河阳县清水镇人民政府" and result.report["year"] == 2023


def test_leftover_in_the_preamble_and_at_the_end(renders: dict[str, Path], tmp_path: Path) -> None:
    text = renders["township-2023.txt"].read_text("utf-8")
    moved = text.replace("本报告根据《中华人民共和国政府信息公开条例》", "当然！以下是您需要的报告。\n本报告根据《中华人民共和国政府信息公开条例》", 1)
    moved = moved.replace("本年度未收取信息处理费。", "本年度未收取信息处理费。\n希望这份报告能满足您的需要，如需调整请随时告诉我。")
    found = [f for f in check_file(write(tmp_path, moved)).findings if f.rule == "style.llm_leftover"]
    assert [f.section for f in found] == ["s0_preamble", "s6_other"]


def test_leftover_in_an_html_title(renders: dict[str, Path], tmp_path: Path) -> None:
    html = renders["township-2023.html"].read_text("utf-8")
    title = "河阳县清水镇人民政府2023年政府信息公开工作年度报告"
    edited = html.replace(f"<h1>{title}</h1>", f"<h1>以下是根据您提供的材料撰写的{title}：</h1>")
    assert edited != html
    result = check_file(write(tmp_path, edited, "r.html"))
    assert "style.llm_leftover" in rules(result.findings)
    assert "text.organization" not in rules(result.findings)


@pytest.mark.parametrize(
    "text",
    [
        "希望这份报告对您有所帮助。",
        "如需进一步修改，请随时告诉我。",
        "请根据实际情况修改相关数据。",
        "作为一个AI语言模型，我无法核实这些数据。",
        "注：以上数据均为示例，请替换为实际数据。",
        "以上内容供您参考。",
        "需要我帮您调整格式吗？",
    ],
)
def test_leftover_phrasings(bare: ReportData, text: str) -> None:
    found = check_narrative(bare, {"s6_other": text})
    assert [f.rule for f in found] == ["style.llm_leftover"]


@pytest.mark.parametrize(
    "text",
    [
        "如有疑问，请拨打咨询电话0379-65021234。",
        "如需了解更多政府信息，请登录县政府门户网站查询。",
        "以下是本年度政府信息公开工作的具体情况。",
        "希望广大群众积极参与监督。",
    ],
)
def test_real_report_sentences_are_no_leftovers(bare: ReportData, text: str) -> None:
    assert check_narrative(bare, {"s1_overview": text}) == []


# --------------------------------------------------------------------------- 9. zero and "all" claims


@pytest.mark.parametrize(
    "text",
    [
        "本年度未接到政府信息公开申请。",
        "全年没有收到公民、法人或其他组织提出的政府信息公开申请。",
        "本年度未受理政府信息公开申请。",
        "2023年我镇依申请公开为零申请。",
        "本年度政府信息公开申请数为零。",
        "本年度无依申请公开事项。",
        "全年无人申请政府信息公开。",
        "依申请公开情况：无。",
        "本年度未收到过依申请公开的政府信息公开申请。",
    ],
)
def test_zero_request_claims_refuted(township: ReportData, text: str) -> None:
    found = [f for f in check_narrative(township, {"s1_overview": text}) if f.rule == "text.contradiction"]
    assert found and found[0].expected == 6 and found[0].found == 0


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("对收到的申请均予以公开。", "（一）予以公开"),
        ("申请人所申请的信息已全部公开。", "（一）予以公开"),
        ("对申请人的申请全部予以答复并公开。", "（一）予以公开"),
        ("所有申请均已按时办结。", "结转下年度继续办理"),
        ("所有政府信息公开申请已按时办结。", "结转下年度继续办理"),
        ("申请均已办结，无结转。", "结转下年度继续办理"),
    ],
)
def test_all_claims_refuted(township: ReportData, text: str, cell: str) -> None:
    found = [f for f in check_narrative(township, {"s1_overview": text}) if f.rule == "text.contradiction"]
    assert found and cell in found[0].message


@pytest.fixture(scope="module")
def one_suit(township: ReportData) -> ReportData:
    raw = without_facts(township).to_input()
    raw["tables"]["review_litigation"]["review"] = {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0}
    raw["tables"]["review_litigation"]["lit_direct"] = {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1}
    return parse_data(raw)


@pytest.mark.parametrize(
    "text",
    [
        "本年度无因政府信息公开引起的行政复议，但被提起行政诉讼1件。",
        "未发生因政府信息公开申请行政复议的情况，但是有1件行政诉讼。",
        "本年度没有发生行政复议。行政诉讼1件。",
        "申请均已办结，但有1件因情况复杂结转下年度继续办理。",
        "对申请均予以公开，但其中1件部分公开。",
    ],
)
def test_negations_stop_at_a_contrast_or_a_sentence(one_suit: ReportData, text: str) -> None:
    assert [f for f in check_narrative(one_suit, {"s1_overview": text}) if f.rule == "text.contradiction"] == []


# --------------------------------------------------------------------------- 10. 我局 in a township


@pytest.mark.parametrize(
    ("section", "text", "word"),
    [
        ("s1_overview", "2023年，我局认真贯彻落实《条例》。", "我局"),
        ("s0_preamble", "本报告由我局编制。", "我局"),
        ("s5_problems", "下一步，本局将进一步加强政务公开工作。", "本局"),
        ("s6_other", "我委高度重视，按要求公开。", "我委"),
        ("s2_proactive", "我局主动公开政府信息情况如下。", "我局"),
    ],
)
def test_department_self_words_in_a_township_warn(township: ReportData, section: str, text: str, word: str) -> None:
    found = [f for f in check_narrative(township, {section: text}) if f.rule == "text.organization"]
    assert [(f.severity, f.quote) for f in found] == [("warning", word)]
    assert check_narrative(township, {section: text.replace(word, "我单位")}) == []


def test_woju_found_without_readable_tables() -> None:
    parsed = ParsedReport(
        source="x.txt", kind="txt", title="西山镇人民政府2024年政府信息公开工作年度报告", organization="西山镇人民政府", year=2024,
        sections=[SectionText(id="s1_overview", heading="一、总体情况", text="2024年，我局认真贯彻落实《条例》，东岭镇严格落实公开要求。")],
        tables=None,
    )
    found = [(f.rule, f.severity, f.quote) for f in check_report(parsed) if f.rule == "text.organization"]
    assert found == [("text.organization", "warning", "我局"), ("text.organization", "error", "东岭镇")]


# --------------------------------------------------------------------------- notes beside the data file


def test_notes_beside_the_data_file_are_a_source(renders: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(ROOT / "examples" / "township-2023" / "data.yaml", folder / "data.yaml")
    shutil.copy(ROOT / "examples" / "township-2023" / "previous-2022.yaml", folder / "previous-2022.yaml")
    report = renders["township-2023.txt"]
    assert "参训干部60人次" in report.read_text("utf-8")
    alone = check_file(report, data_path=folder / "data.yaml")
    assert [f.quote for f in alone.findings if f.rule == "text.unsupported"] == ["60人次"]
    shutil.copy(ROOT / "examples" / "township-2023" / "notes.md", folder / "notes.md")
    assert "text.unsupported" not in rules(check_file(report, data_path=folder / "data.yaml").findings)
    # notes named on the command line win over the ones beside the data file
    (tmp_path / "other.md").write_text("# 总体情况\n- 坚持以公开为常态\n", "utf-8")
    named = check_file(report, data_path=folder / "data.yaml", notes_path=tmp_path / "other.md")
    assert [f.quote for f in named.findings if f.rule == "text.unsupported"] == ["60人次"]


def test_without_a_year_in_the_title_the_body_outvotes_a_copied_period(renders: dict[str, Path], tmp_path: Path) -> None:
    text = renders["township-2023.txt"].read_text("utf-8")
    untitled = text.replace("清水镇人民政府2023年政府信息公开", "清水镇人民政府政府信息公开", 1).replace(PERIOD, PERIOD.replace("2023", "2022"))
    untitled = untitled.replace("（一）主动公开情况", "（一）主动公开情况\n\n2023年，清水镇扎实推进主动公开。", 1)
    result = check_file(write(tmp_path, untitled))
    assert result.report["year"] == 2023
    assert [f.rule for f in result.findings if f.severity == "error"] == ["text.year"]
