"""Build the labelled corpus of the validator eval, deterministically.

    python evals/validator/generate.py          # writes evals/validator/cases/ and labels.jsonl

Sources: the project's examples (examples/minggao-2020, a 2020 township on the 2019 tables;
examples/township-2023 and examples/county-dept-2023 on the 2021 tables) and the seed report
(tests/fixtures/minggao-2020.txt). For each source, narratives are composed from sentences
in the register of real reports (the templates of spec phrasings: 共收到…申请N件, 未收到法人
或者其他组织的申请, N余条, 加上上年结转共计N件, traditional characters, next year's plans,
dates, document numbers, 三安全一稳定 …), all true for the source's data: these are the
clean cases. Each defect case is a clean case with one defect put in: a figure changed, a
Chinese numeral changed, a zero claim against a non-zero table, an "all" claim refuted, a
breakdown that does not add up, a wrong year, a wrong body, a broken table balance, an
unsupported figure, a style leftover, a stale title year, an outdated table format.

Reports are written with drafter.render (md, html, docx, txt) or, for the seed, as edited
copies of the seed text. labels.jsonl holds one case a line: file, format, kind, defect
("clean" for clean cases), expected_rule, also (rules a defect legitimately brings along),
data and notes (paths the check is given, or null), source.
"""

from __future__ import annotations

import copy
import json
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
SEED = ROOT / "tests" / "fixtures" / "minggao-2020.txt"
EXAMPLES = ("minggao-2020", "township-2023", "county-dept-2023")
KINDS = ("md", "html", "txt")
DOCX_EVERY = 9  # one case in this many is also written as .docx (keeps the binary corpus small)

sys.path.insert(0, str(ROOT / "src"))

from drafter.data import ReportData, load_data  # noqa: E402
from drafter.numbers import to_chinese  # noqa: E402
from drafter.render import render  # noqa: E402
from drafter.report import Narrative, Paragraph, Report, SectionDraft  # noqa: E402

Para = tuple[str, bool]  # text, is a sub-heading


# --------------------------------------------------------------------------- values


@dataclass
class V:
    """The figures of one source, named as the sentences use them."""

    d: ReportData
    name: str  # how the body names itself in prose (清水镇, 县市场监管局)
    self_word: str  # 我镇 / 我局
    other_body: str  # a body of the same level that is not this one
    foreign_self: str  # a self reference of another kind of body
    other_short: str = ""  # another township's short name (东岭镇), townships only
    x: dict[str, Any] = field(default_factory=dict)

    @property
    def year(self) -> int:
        return self.d.year

    def r(self, row: str, col: str = "total") -> int:
        return self.d.tables.requests[row][col]

    def org(self, row: str) -> int:
        return self.r(row) - self.r(row, "natural_person")

    def group(self, gid: str) -> int:
        t3 = self.d.spec.requests
        return sum(self.r(m) for m in t3.group_members(gid))

    def rv(self, group: str, leaf: str = "total") -> int:
        return self.d.tables.review_litigation[group][leaf]

    def p(self, row: str, col: str) -> Any:
        return self.d.tables.proactive[row][col]


def values_for(example: str, d: ReportData) -> V:
    if example == "county-dept-2023":
        return V(d, d.short_name or d.organization, "我局", "县财政局", "我镇")
    name = d.short_name or d.organization
    other = "白沙镇人民政府" if "白沙" not in d.organization else "青山镇人民政府"
    return V(d, name, "我镇", other, "我局", "东岭镇")


def to_chinese_year(y: int) -> str:
    return "".join("〇一二三四五六七八九"[int(c)] for c in str(y))


def cn(n: int) -> str:
    return to_chinese(n) if n != 2 else "两"


def pct(num: int, den: int, places: int) -> str:
    value = (Decimal(num) * 100 / Decimal(den)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return f"{value}%"


# --------------------------------------------------------------------------- sentences (all true)

FILLERS_S1 = [
    "严格按照《中华人民共和国政府信息公开条例》第二十条第（一）项至第（九）项的规定，及时主动公开法定公开内容。",
    "严格执行《条例》第三十三条规定，对依申请公开事项一律在20个工作日内答复，需要延长答复期限的，经负责人同意后告知申请人。",
    "依据国办公开办函〔2021〕30号文件要求，规范年度报告格式。",
    "畅通12345政务服务便民热线，群众也可拨打咨询电话0379-65021234了解公开事项。",
    "严格执行保密审查制度，对涉及国家秘密、危及“三安全一稳定”的信息一律不予公开，依法区分四类过程性信息和三类内部事务信息。",
    "坚持每月至少更新一条政策解读，每周开展一次栏目自查，确保信息更新及时。",
    "一是健全制度，二是规范流程，三是加强培训，做到公开内容全面、准确、及时。",
    "自2008年5月1日《条例》施行以来，始终把政府信息公开作为转变作风的重要抓手。",
    "深化“两微一端”建设，推进政务服务“一网通办”，让群众少跑腿、好办事。",
    "按照县委、县政府的要求，凡是公开内容均经过保密审查登记，把好信息公开第一关。",
    "对各职能部门的工作职责、办公地址和联系方式进行公开，为群众提供监督保障渠道。",
    "落实信息发布“三审三校”制度，分管领导审核把关，确保信息发布准确、安全、高效。",
    "主动公开目录按照基层政务公开标准指引编制，做到应公开尽公开。",
    "上级部门对政务公开工作进行了专项督查，我们逐条对照落实。",
    "主要通过县政府门户网站开展信息公开工作，及时更新镇政府网站专栏，按要求向县政府报送政务公开工作台账。",
    "坚持工作动态更新政府网站专栏，经主要负责同志审定后发布，在上级政府和本级政府网站同步公开。",
    "与周边东岭镇联合开展“政务公开日”活动，邀请群众代表走进机关。",
    "人大代表建议和政协提案办结率100%，12345热线工单按时办结率100%。",
    "政务服务事项网上可办率100%，办结率100%。",
    "如有疑问，请拨打咨询电话或登录门户网站查询，以下是本年度各项工作的具体情况。",
]

FILLERS_S5 = [
    "一是事项公开不够及时，致使群众难以在第一时间了解相关信息；二是公开形式比较单一，政策解读质量有待提高。",
    "对照新时代政务公开新要求和人民群众的需求，仍存在一些不足：公开渠道较窄，互动回应不够。",
    "针对上年度报告中指出的栏目更新慢的问题，明确专人负责，已按周更新。",
]


def plan_sentences(v: V) -> list[str]:
    y = v.year + 1
    return [
        f"{y}年，{v.self_word}将进一步强化政府信息公开工作，力争全年发布政策解读不少于20篇，持续提高公开质量。",
        f"下一步，{v.self_word}将继续加强政务新媒体建设管理，计划每季度开展一次专项检查。",
        f"{y}年，将重点做好三个方面工作：一是强化学习培训，二是规范公开流程，三是加强互动交流。",
    ]


def period_sentence(v: V) -> str:
    return f"本报告中所列数据的统计期限自{v.year}年1月1日起至{v.year}年12月31日止。"


def intro(v: V) -> str:
    return (f"{v.year}年，{v.name}认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，"
            "把政府信息公开作为改进工作作风的重要载体。")


def fact_sentences(v: V) -> list[str]:
    facts = v.d.facts
    out: list[str] = []
    if len(facts) >= 2:
        a, b = facts[0], facts[1]
        total = a.value + b.value
        if a.unit == b.unit:
            out.append(f"全年共主动公开各类信息{total}{a.unit}，其中{a.label}{a.value}{a.unit}、{b.label}{b.value}{b.unit}。")
            out.append(f"{a.label}{a.value}{a.unit}、{b.label}{b.value}{b.unit}，共计{total}{a.unit}。")
            out.append(f"全年主动公开政府信息{total}{a.unit}。其中：{a.label}{a.value}{a.unit}；{b.label}{b.value}{b.unit}。")
        else:
            out.append(f"{a.label}{a.value}{a.unit}，{b.label}{b.value}{b.unit}。")
    for f in facts:
        out.append(f"通过各类平台{f.label}{f.value}{f.unit}。")
    if facts and facts[0].value >= 30:
        base = int(facts[0].value) // 10 * 10
        out.append(f"{facts[0].label}{base}余{facts[0].unit}，做到应公开尽公开。")
    return out


def request_sentences(v: V) -> list[str]:
    N, C, P, F = v.r("new_received"), v.r("carried_over"), v.r("total_processed"), v.r("carried_forward")
    NP, NO = v.r("new_received", "natural_person"), v.org("new_received")
    out: list[str] = []
    if N == 0 and C == 0:
        out += [
            f"{v.year}年，{v.name}共收到政府信息公开申请0件。",
            "本年度没有收到依申请公开的申请，无上年结转和下年度结转。",
            "全年并未接收到一例政府信息公开申请。",
            "共收到申请0件，共办结0件。",
            "本年度暂无政府信息公开申请，无结转。",
            "全年无人申请政府信息公开，依申请公开情况：无。",
            "本年度未接到政府信息公开申请，也未受理政府信息公开申请。",
            f"{v.year}年度依申请公开为零申请。",
        ]
        return out
    out.append(f"{v.year}年，{v.name}共收到政府信息公开申请{N}件，上年结转{C}件，办结{P}件，结转下年度{F}件。")
    if NP and NO:
        out.append(f"全年共受理依申请公开申请{N}件，其中自然人申请{NP}件、法人或其他组织申请{NO}件。")
    elif NP and not NO:
        out.append(f"本年度未收到法人或者其他组织的申请，{NP}件申请均由公民个人提出。")
    if C:
        out.append(f"加上上年结转{C}件，共计{N + C}件。")
    if N <= 10:
        out.append(f"本年度新收政府信息公开申请{cn(N)}件，办结{cn(P)}件。")
    parts = [("予以公开", v.r("granted")), ("部分公开", v.r("partially_granted")), ("不予公开", v.group("denied")),
             ("无法提供", v.group("unable")), ("不予处理", v.group("not_processed")), ("其他处理", v.r("other_handling") if "other_handling" in v.d.tables.requests else v.group("other_handling"))]
    listed = [f"{k}{n}件" for k, n in parts if n]
    if listed:
        out.append(f"从办理结果看，{'，'.join(listed)}。")
    if F:
        out.append(f"已办结{P}件，{F}件结转下年办理。")
    else:
        out.append("收到的申请均已按时办结。")
    if N + C:
        out.append(f"依申请公开办结率为{pct(P, N + C, 2)}。")
    out.append(f"全年辦結申請{P}件，結轉下年度{F}件。")
    if v.d.previous is not None:
        prev = v.d.previous.tables.requests["new_received"]["total"]
        if N > prev:
            out.append(f"新收申请较上年增加{N - prev}件。")
    out.append("对申请人的申请均在法定期限内答复，未出现逾期答复情况。")
    out.append(f"本机关全年共收到政府信息公开申请{N}件，均按照法定时限予以答复。")
    out.append(f"依申请公开方面，本年度新收政府信息公开申请{N}件，上年结转政府信息公开申请{C}件。")
    if N <= 10 and C <= 10:
        out.append(f"全年新收申请{cn(N)}件，上年结转{cn(C)}件，办结{cn(P)}件，结转下年度{cn(F)}件。")
    if v.r("granted") and v.group("unable"):
        out.append(f"收到的{N}件申请中，有{v.r('granted')}件予以公开，{v.group('unable')}件因本机关不掌握相关政府信息无法提供。")
    if P and listed:
        out.append(f"本年度共办结政府信息公开申请{P}件，其中{'、'.join(listed[:2])}。")
    U, U1 = v.group("unable"), v.r("unable_not_held")
    if U and U1:
        out.append(f"因无法提供而未公开{U}件（其中因本机关不掌握相关信息而无法提供的{U1}件）。")
        nested = [f"{k}{n}件" + (f"（其中本机关不掌握相关政府信息{U1}件）" if k == "无法提供" else "") for k, n in parts if n]
        if sum(n for _, n in parts) == P:
            out.append(f"本年度共办结{P}件，其中{'，'.join(nested)}。")
    if F and P:
        out.append(f"全年受理的申请均已办结，但有{F}件因情况复杂结转下年度继续办理。")
    if NP and NO:
        out.append(f"本年度共收到政府信息公开申请{N}件（其中，自然人{NP}件，法人或其他组织{NO}件），上年结转{C}件。")
    out.append("申请人主要关注征地拆迁、低保救助、项目建设等方面的信息。")
    return out


# figures that no table or fact holds: true in a report checked on its own, but a data file
# that lists facts makes them unsupported, so only cases checked without one use them
UNSOURCED = [
    "受理群众来电来访咨询150余次，均当场解答。",
    "办理人大代表建议5件、政协提案3件，办理结果按规定公开。",
    "12345热线转办工单86件，办结率100%。",
    "共设置政务公开栏15个，村级公开栏覆盖率100%。",
    "通过微信公众号推送信息，阅读量达3万余次。",
    "全年共主动公开政府信息6235条，其中政策文件及解读386条、工作动态3520条、通知公告1479条、财政预决算信息850条。",
    "网站专栏共发布信息530条，分别为：工作动态和乡村振兴信息320条，民生保障及救助信息160条，其他类信息50条。",
    "累计发布信息2156条，其中政务动态1420条、通知公告380条、政策解读126条等。",
    "12345政务服务便民热线共受理群众诉求320件，按时办结率100%，群众满意率98.5%。",
    "办理人大代表建议和政协提案共28件，其中人大代表建议16件、政协提案12件，办结率100%。",
]


def review_sentences(v: V) -> list[str]:
    R, L = v.rv("review"), v.rv("lit_direct") + v.rv("lit_after_review")
    if R == 0 and L == 0:
        return ["本年度未发生因政府信息公开申请行政复议、提起行政诉讼的情况。", "行政复议和行政诉讼均为0件。",
                "无因政府信息公开申请引发行政复议、行政诉讼的情况。", "全年未产生行政复议及行政诉讼案件。",
                "没有因政府信息公开引起的行政复议和行政诉讼。"]
    out = []
    text = f"本年度因政府信息公开被申请行政复议{R}件"
    if v.rv("review", "corrected"):
        text += f"，其中被纠正{v.rv('review', 'corrected')}件"
    text += f"，被提起行政诉讼{L}件。" if L else "，未发生因政府信息公开引起的行政诉讼。"
    out.append(text)
    if v.rv("review", "upheld") == R:
        out.append(f"申请人对答复不服申请行政复议{R}件，经复议均维持原答复，无一例行政复议被纠错。")
    return out


def proactive_sentences(v: V) -> list[str]:
    d = v.d
    if d.format == "2021":
        nd = d.tables.proactive["normative_docs"]
        out = [f"本年度制发行政规范性文件{nd['made_this_year']}件，现行有效{nd['in_force']}件。"]
        lic, pen = v.p("admin_license", "decisions_this_year"), v.p("admin_penalty", "decisions_this_year")
        out.append(f"作出行政许可决定{lic}件，行政处罚决定{pen}件，均按规定公示。")
        fee = v.p("admin_fees", "fee_amount_this_year")
        if fee:
            out.append(f"本年度行政事业性收费金额{fee}万元。")
        return out
    items, amount = v.p("govt_centralized_procurement", "procurement_items"), v.p("govt_centralized_procurement", "procurement_amount")
    return [f"政府集中采购项目{items}个，采购总金额{amount}万元。", "本年度新制作规范性文件0件，规章0件。"]


def other_sentences(v: V) -> list[str]:
    if v.d.format == "2021":
        return ["本年度未收取信息处理费。", "按照上级年度政务公开工作要点，逐项抓好落实。"]
    return ["无"]


def clean_narrative(v: V, rng: random.Random, sourced: bool = True) -> dict[str, list[Para]]:
    s1: list[Para] = [(intro(v), False)]
    if rng.random() < 0.5:
        s1.append((period_sentence(v), False))
    s1.append(("（一）主动公开情况", True))
    s1.append(("".join(rng.sample(fact_sentences(v), k=min(2, len(fact_sentences(v))))) + "".join(proactive_sentences(v)), False))
    s1.append(("（二）依申请公开情况", True))
    reqs = request_sentences(v)
    s1.append(("".join(rng.sample(reqs, k=min(len(reqs), rng.randint(2, 4))))
               + ("" if sourced or not v.d.facts else rng.choice(UNSOURCED)), False))
    s1.append(("（三）政府信息管理情况", True))
    s1.append(("".join(rng.sample(FILLERS_S1, k=3)), False))
    s1.append(("（四）政府信息公开平台建设情况", True))
    s1.append(("".join(rng.sample(FILLERS_S1, k=2)), False))
    s1.append(("（五）监督保障情况", True))
    s1.append((rng.choice(review_sentences(v)) + rng.choice(FILLERS_S1), False))
    s5 = [(rng.choice(FILLERS_S5), False), ("".join(rng.sample(plan_sentences(v), k=2)), False)]
    s6 = [("".join(other_sentences(v)), False)]
    return {"s1_overview": s1, "s5_problems": s5, "s6_other": s6}


# --------------------------------------------------------------------------- true statements that used to draw errors

PRECISION_CLASSES = ("combined", "aside", "activity", "organs", "ambiguous", "year_on_year", "quoted", "reasons", "subtotal")


def precision_sentences(v: V, sourced: bool) -> dict[str, list[str]]:
    """True sentences of the classes that drew false errors on unseen reports: combined review and
    litigation figures, 其中 after an aside total, activity counts, generic party and government
    organs, figures the words allow to be another metric's, last year's figures and changes,
    numbers in quoted names and list items. Activity counts are written in Chinese numerals when a
    data file with facts is given (a count of meetings is in no source: in digits it would be an
    unsupported figure, rightly)."""
    d = v.d
    y = v.year
    N, C, P = v.r("new_received"), v.r("carried_over"), v.r("total_processed")
    NP, NO = v.r("new_received", "natural_person"), v.org("new_received")
    out: dict[str, list[str]] = {k: [] for k in PRECISION_CLASSES}
    # 1. review and litigation combined
    R, L = v.rv("review"), v.rv("lit_direct") + v.rv("lit_after_review")
    both = {leaf: v.rv("review", leaf) + v.rv("lit_direct", leaf) + v.rv("lit_after_review", leaf) for leaf in ("upheld", "corrected", "pending")}
    out["combined"] += [f"本年度行政复议和行政诉讼共{R + L}件。", f"复议、诉讼中被纠错共{both['corrected']}件。"]
    if R and L:
        out["combined"] += [
            f"因政府信息公开被申请行政复议、提起行政诉讼共{R + L}件，其中结果维持{both['upheld']}件，被纠错{both['corrected']}件。",
            f"被复议、被起诉案件中，维持原行政行为{both['upheld']}件，尚未审结{both['pending']}件。",
        ]
        if both["upheld"] == R + L:
            out["combined"].append("被复议、被起诉案件均维持原行政行为。")
    # 2. 其中 after an aside
    if C and N:
        out["aside"].append(f"本年度新收政府信息公开申请{N}件，另有上年结转申请{C}件，其中自然人提出申请{NP}件。")
        if NO:
            out["aside"].append(f"新收申请{N}件，此外，上年结转申请{C}件，其中法人或其他组织提出申请{NO}件。")
        out["aside"].append(f"全年收到申请{N}件，加上上年结转的{C}件，共计{N + C}件，其中已办结{P}件。")
    elif N:
        out["aside"].append(f"本年度新收政府信息公开申请{N}件，其中自然人提出申请{NP}件。")
    # 3. activity counts
    k = (lambda n: cn(n)) if sourced else str
    out["activity"] += [
        f"本年度开展规范性文件清理{k(3)}次，召开政务公开专题会议{k(4)}次。",
        f"组织依申请公开业务培训{k(2)}场，对行政许可、行政处罚公示情况开展督查{k(3)}次。",
        f"对政府信息公开申请答复情况进行通报{k(2)}次，组织行政处罚案卷评查{k(3)}批。",
    ]
    # 4. generic organs of the body itself or its parent
    if d.level == "township":
        out["organs"] += ["紧紧围绕镇党委、镇政府中心工作，及时发布各类信息。", "坚决贯彻镇党委决策部署，镇党委书记亲自抓。",
                          "在县委县政府的坚强领导下，镇党委镇政府统筹推进政务公开。",
                          "完成县政府门户网站改版，修订镇政府信息公开指南。", "群众代表列席镇党委会议，提出意见建议。"]
    else:
        out["organs"] += ["紧紧围绕县委、县政府中心工作，及时发布各类信息。", "在县委县政府的坚强领导下，统筹推进政务公开。",
                          "按时完成县政府门户网站改版，全面梳理修订县政府规章目录。"]
    # 5. figures the words allow to be another metric's
    if d.format == "2021":
        nd = d.tables.proactive["normative_docs"]
        lic, pen = v.p("admin_license", "decisions_this_year"), v.p("admin_penalty", "decisions_this_year")
        out["ambiguous"] += [f"本年度制发、废止规范性文件共{nd['made_this_year'] + nd['repealed_this_year']}件。",
                             f"作出行政许可、行政处罚决定分别为{lic}件、{pen}件。",
                             f"本年度制发并废止规范性文件{nd['repealed_this_year']}件。"]
    else:
        out["ambiguous"].append("本年度新制作规章和规范性文件共0件。")
    # 6. last year's figures and changes
    if d.previous is not None and sourced:
        prev = d.previous.tables.requests["new_received"]["total"]
        out["year_on_year"] += [f"新收申请{N}件，较上年增加{N - prev}件。" if N >= prev else f"新收申请{N}件，较上年减少{prev - N}件。",
                                f"{y - 1}年收到申请{prev}件，{y}年收到申请{N}件。", f"上年同期收到申请{prev}件。"]
    else:
        out["year_on_year"] += [f"新收申请{N}件，较上年增加8件。", f"上年收到申请{N + 28}件。", f"新收申请{N}件，比{y - 1}年减少3件。",
                                "申请数量与上年持平。", f"{y - 2}年收到申请{N + 9}件，{y}年收到申请{N}件。"]
    # 7. numbers in quoted names, titles and list items
    out["quoted"] += [
        f"印发《{v.name}{y}—{y + 2}年政务公开工作规划》，明确目标任务。",
        f"制发《{v.name}“十四五”规范性文件管理办法》，推进“一网通办”。",
        "畅通‘12345’热线，认真落实县委1号文件精神，编印政务公开简报第3期。",
        "印发“三项制度”规范性文件配套文件，落实“一单两书”制度。",
    ]
    if N:
        out["quoted"].append("收到“关于某路段拆迁补偿的申请”一件，已依法答复。")
    # 8. reasons that name a result's words, withdrawals, the 其他 column of 法人或其他组织
    F, W = v.r("carried_forward"), d.tables.requests.get("oh_other", {}).get("total", 0)
    if F:
        out["reasons"].append(f"{F}件因需书面征求第三方意见，结转下年度继续办理。")
    if W:
        out["reasons"].append(f"因申请人撤回申请终止办理{W}件。")
    ce, oo = (d.tables.requests["new_received"].get(c, 0) for c in ("commercial_enterprise", "other_org"))
    if oo and NO == ce + oo:
        out["reasons"].append(f"法人或其他组织申请{NO}件，其中商业企业{ce}件、其他组织{oo}件。")
    out["reasons"].append("对涉及第三方的申请，依法书面征求第三方意见后延期答复。")
    # distributive 各: one figure for each column named
    names = {"natural_person": "自然人", "commercial_enterprise": "商业企业", "research_institution": "科研机构",
             "social_welfare_org": "社会公益组织", "legal_service_org": "法律服务机构"}
    row = d.tables.requests["new_received"]
    pairs = [(a, b) for a in names for b in names if a < b and row.get(a) and row.get(a) == row.get(b)]
    if pairs:
        a, b = pairs[0]
        out["reasons"].append(f"本年度新收申请{N}件，其中{names[a]}和{names[b]}各申请{row[a]}件。")
    # 9. a breakdown with a subtotal and a remainder
    rows = [(w, v.r(r)) for w, r in (("予以公开", "granted"), ("部分公开", "partially_granted"), ("无法提供", "unable"),
                                       ("不予处理", "not_processed"), ("其他处理", "other_handling")) if r in d.tables.requests]
    listed = "，".join(f"{w}{n}件" for w, n in rows if n)
    if F and P and listed and sum(n for _, n in rows) == P:
        out["subtotal"].append(f"共需办理{P + F}件。其中，{listed}，已办结{P}件；另有{F}件结转下年度继续办理。")
    return {k: ss for k, ss in out.items() if ss}


def combined_variant(raw: dict[str, Any]) -> None:
    """Reviews and suits whose combined figures differ from each part (a township's own tables)."""
    raw["tables"]["review_litigation"] = {
        "review": {"upheld": 2, "corrected": 1, "other": 0, "pending": 1, "total": 4},
        "lit_direct": {"upheld": 1, "corrected": 1, "other": 0, "pending": 1, "total": 3},
        "lit_after_review": {"upheld": 0, "corrected": 1, "other": 1, "pending": 0, "total": 2},
    }


# --------------------------------------------------------------------------- defects


@dataclass
class Defect:
    kind: str  # defect type
    rule: str  # the rule that must report it
    also: tuple[str, ...] = ()
    sentence: str | None = None  # a sentence to put into 一、总体情况 (or `section`)
    section: str = "s1_overview"
    data_edit: Callable[[dict[str, Any]], None] | None = None
    text_edit: Callable[[str], str] | None = None  # applied to the rendered text (not docx)
    with_data: bool = True
    docx_ok: bool = True


def _wrong(n: int, rng: random.Random, avoid: set[int] = frozenset()) -> int:  # type: ignore[assignment]
    for _ in range(50):
        w = n + rng.choice([1, 2, 3, 5, 10, -1, -2]) if n > 2 else n + rng.choice([1, 2, 3, 4])
        if w >= 0 and w != n and w not in avoid:
            return w
    return n + 7


def defects_for(v: V, rng: random.Random) -> list[Defect]:
    d = v.d
    N, C, P, F = v.r("new_received"), v.r("carried_over"), v.r("total_processed"), v.r("carried_forward")
    R = v.rv("review")
    L = v.rv("lit_direct") + v.rv("lit_after_review")
    out: list[Defect] = []
    # figure changed
    for _ in range(3):
        out.append(Defect("figure_changed", "text.contradiction", ("text.arithmetic",),
                          f"{v.year}年，{v.name}共收到政府信息公开申请{_wrong(N, rng, {N + C})}件。"))
    out.append(Defect("figure_changed", "text.contradiction", (), f"本年度办结政府信息公开申请{_wrong(P, rng)}件。"))
    out.append(Defect("figure_changed", "text.contradiction", (), f"上年结转{_wrong(C, rng)}件，结转下年度{F}件。"))
    out.append(Defect("figure_changed", "text.contradiction", (), f"因政府信息公开被申请行政复议{_wrong(R, rng)}件。"))
    if d.format == "2021":
        lic = v.p("admin_license", "decisions_this_year")
        out.append(Defect("figure_changed", "text.contradiction", (), f"本年度作出行政许可决定{_wrong(lic, rng)}件。"))
        made = d.tables.proactive["normative_docs"]["made_this_year"]
        out.append(Defect("figure_changed", "text.contradiction", (), f"本年度制发行政规范性文件{_wrong(made, rng, {d.tables.proactive['normative_docs']['in_force'], d.tables.proactive['normative_docs']['repealed_this_year']})}件。"))
    else:
        items = v.p("govt_centralized_procurement", "procurement_items")
        out.append(Defect("figure_changed", "text.contradiction", (), f"政府集中采购项目{_wrong(items, rng)}个。"))
    if N + C:
        wrong_rate = "100%" if P != N + C else pct(P - 1 if P else 0, N + C, 2)
        out.append(Defect("figure_changed", "text.contradiction", (), f"依申请公开办结率为{wrong_rate}。"))
    out.append(Defect("figure_changed", "text.contradiction", (), f"全年辦結申請{_wrong(P, rng)}件。"))
    out.append(Defect("figure_changed", "text.contradiction", (), f"依申请公开方面，本年度新收政府信息公开申请{_wrong(N, rng, {N + C})}件，上年结转{C}件。"))
    out.append(Defect("figure_changed", "text.contradiction", (), f"本机关全年共接收政府信息公开申请{_wrong(N, rng, {N + C})}件。"))
    if v.r("granted"):
        out.append(Defect("figure_changed", "text.contradiction", (), f"办理结果方面，予以公开{_wrong(v.r('granted'), rng, {v.r('granted') + v.r('partially_granted')})}件。"))
    # Chinese numeral changed
    for base, sentence in ((N, "本年度共收到政府信息公开申请{}件。"), (P, "全年共办结申请{}件。"), (R, "被申请行政复议{}件。")):
        if base <= 8:
            w = _wrong(base, rng, {N + C} if base == N else set())
            out.append(Defect("chinese_changed", "text.contradiction", ("text.arithmetic",), sentence.format(cn(w))))
    # zero claim against a non-zero table
    if N:
        out.append(Defect("zero_refuted", "text.contradiction", (), "本年度未收到政府信息公开申请。"))
        out.append(Defect("zero_refuted", "text.contradiction", (), "全年没有收到依申请公开的申请。"))
        out.append(Defect("zero_refuted", "text.contradiction", (), f"{v.year}年，{v.name}共收到政府信息公开申请0件。"))
    if v.org("new_received"):
        out.append(Defect("zero_refuted", "text.contradiction", (), "本年度未收到法人或者其他组织的申请。"))
    if N:
        out.append(Defect("zero_refuted", "text.contradiction", (), "本年度依申请公开数量为零。"))
        for sentence in ("本年度未接到政府信息公开申请。", "全年无人申请政府信息公开。", "本年度暂无依申请公开事项。",
                         "本年度政府信息公开申请数为零。", "2023年度依申请公开为零申请。"):
            out.append(Defect("zero_refuted", "text.contradiction", (), sentence))
        out.append(Defect("zero_refuted", "text.contradiction", (), "全年并未接收到一例政府信息公开申请。"))
    if R or L:
        out.append(Defect("zero_refuted", "text.contradiction", (), "全年未产生行政复议及行政诉讼案件。"))
    if R or L:
        out.append(Defect("zero_refuted", "text.contradiction", (), "本年度未发生因政府信息公开申请行政复议、提起行政诉讼的情况。"))
        out.append(Defect("zero_refuted", "text.contradiction", (), "行政复议和行政诉讼均为0件。"))
    if R:
        out.append(Defect("zero_refuted", "text.contradiction", (), "本年度未被申请政府信息公开行政复议。"))
    if L:
        out.append(Defect("zero_refuted", "text.contradiction", (), "全县各级行政机关均未被提起政府信息公开行政诉讼。"))
    if F:
        out.append(Defect("zero_refuted", "text.contradiction", (), "本年度无下年度结转。"))
    # "all" claims refuted
    if F:
        out.append(Defect("all_refuted", "text.contradiction", (), "收到的申请均已按时办结。"))
        out.append(Defect("all_refuted", "text.contradiction", (), "所有政府信息公开申请已全部办结。"))
    if F:
        out.append(Defect("all_refuted", "text.contradiction", (), "所有申请已按时办结，无结转。"))
        NC, CC = v.r("new_received") + v.r("carried_over"), v.r("carried_over")
        out.append(Defect("all_refuted", "text.contradiction", (), f"全年受理的{NC}件申请（含上年结转{CC}件）均已办结。"))
    if P and v.r("granted") != P:
        out.append(Defect("all_refuted", "text.contradiction", (), "对申请人的申请全部予以答复并公开。"))
        out.append(Defect("all_refuted", "text.contradiction", (), "对收到的政府信息公开申请，全部予以公开。"))
        out.append(Defect("all_refuted", "text.contradiction", (), "办结的申请均予以公开，群众满意。"))
    # breakdown that does not add up
    facts = d.facts
    if len(facts) >= 2 and facts[0].unit == facts[1].unit:
        a, b = facts[0], facts[1]
        total = a.value + b.value + rng.choice([10, 20, 30])
        out.append(Defect("breakdown", "text.arithmetic", ("text.unsupported",),
                          f"全年共主动公开各类信息{total}{a.unit}，其中{a.label}{a.value}{a.unit}、{b.label}{b.value}{b.unit}。"))
    out.append(Defect("breakdown", "text.arithmetic", ("text.unsupported",), "共发布信息200条，其中政策文件180条、工作动态30条。"))
    out.append(Defect("breakdown", "text.arithmetic", ("text.unsupported",), "共开展培训12次，其中集中培训5次、专题培训4次。"))
    for sentence in (
        "全年共主动公开政府信息6235条，其中政策文件及解读386条、工作动态3520条、通知公告1479条、财政预决算信息630条。",
        "通过门户网站主动公开信息1256条，其中，机构职能类32条，政策法规和解读类145条；工作动态类860条；通知公告类210条。",
        "全年主动公开政府信息共计1256条，分别为：政策文件86条，工作动态720条，人事信息35条，财政信息40条，其他信息300条。",
        "通过政府网站公开信息共1256条（含政策解读86条、工作动态720条、通知公告300条）。",
        "全年主动公开政策文件及解读386条、工作动态3520条、通知公告1479条，共计5500条。",
        # across a sentence break a 其中 list may name only highlights: wrong only when the parts exceed the total
        "全年共主动公开政府信息6235条，较上年增长12%。其中政策文件及解读386条、工作动态4520条、通知公告1479条。",
    ):
        out.append(Defect("breakdown", "text.arithmetic", ("text.unsupported",), sentence))
    if N >= 2:
        np_ = v.r("new_received", "natural_person")
        out.append(Defect("breakdown", "text.arithmetic", ("text.contradiction",),
                          f"全年共受理政府信息公开申请{N}件，其中自然人申请{np_ + 1}件、法人或其他组织申请{N - np_}件。"))
    # wrong year
    y = v.year
    copied = lambda t, y=y: t.replace(f"自{y}年1月1日起至{y}年12月31日止", f"自{y - 1}年1月1日起至{y - 1}年12月31日止")  # noqa: E731
    out.append(Defect("wrong_year", "text.year", (), None, text_edit=copied, docx_ok=False))
    out.append(Defect("wrong_year", "text.year", (), None, text_edit=copied, with_data=False, docx_ok=False))
    ends30 = lambda t, y=y: t.replace(f"至{y}年12月31日止", f"至{y}年12月30日止")  # noqa: E731
    out.append(Defect("wrong_year", "text.year", (), None, text_edit=ends30, with_data=False, docx_ok=False))
    out.append(Defect("wrong_year", "text.year", (), f"本报告所列数据统计期限为{y - 1}年1月1日至{y - 1}年12月31日。"))
    out.append(Defect("wrong_year", "text.year", (), f"{v.year - 1}年，{v.name}认真做好政府信息公开各项工作。"))
    out.append(Defect("wrong_year", "text.year", (), f"本报告中所列数据的统计期限自{v.year}年1月1日起至{v.year}年12月30日止。"))
    out.append(Defect("wrong_year", "text.year", (), f"现对{v.year - 1}年政府信息公开工作进行总结。"))
    out.append(Defect("wrong_year", "text.year", (), f"截至{v.year - 1}年12月31日，各项工作均已完成。"))
    out.append(Defect("wrong_year", "text.year", (), f"{to_chinese_year(v.year - 1)}年，{v.name}扎实推进政务公开。"))
    out.append(Defect("wrong_year", "text.year", (), f"{v.year - 1}年度，{v.name}通过门户网站公开各类信息。"))
    N0 = v.r("new_received")
    if N0 and (d.previous is None or d.previous.tables.requests["new_received"]["total"] != N0):
        # last year's year left on this year's figures, with a comparison that used to hide it
        out.append(Defect("wrong_year", "text.year", (), f"{v.year - 1}年，{v.name}共收到政府信息公开申请{N0}件，与上年相比有所变化。"))
    # wrong body
    out.append(Defect("wrong_body", "text.organization", (), f"{v.year}年，{v.other_body}认真贯彻落实《条例》，坚持以公开为常态。"))
    out.append(Defect("wrong_body", "text.organization", (), f"进一步提高{v.foreign_self}政务新媒体发布信息的质量与效果。", section="s5_problems"))
    out.append(Defect("wrong_body", "text.organization", (), f"{v.other_body}始终坚持以公开为常态、不公开为例外。"))
    if d.level == "township":
        out.append(Defect("wrong_body", "text.organization", (), f"{v.other_body.replace('人民政府', '')}党委、政府高度重视政务公开工作。"))
        o = v.other_short
        for sentence in (f"{o}主动公开政府信息，确保群众及时知晓。", f"{v.year}年，{o}政务公开工作取得新成效。",
                         f"为进一步做好政务公开工作，{o}成立了政务公开工作领导小组。", f"{o}人民政府严格落实《条例》要求。",
                         "东城街道办事处坚持以公开为常态、不公开为例外。"):
            out.append(Defect("wrong_body", "text.organization", (), sentence))
        out.append(Defect("wrong_body", "text.organization", (), "本报告由我局编制。", section="s6_other"))
    # table balance broken (the report's own tables; checked without the data file)
    def unbalance(raw: dict[str, Any], row: str = "carried_forward") -> None:
        req = raw["tables"]["requests"]
        req[row]["natural_person"] += 1
        req[row]["total"] += 1
    out.append(Defect("table_balance", "table.balance", ("text.contradiction", "text.arithmetic"), None, data_edit=unbalance, with_data=False))
    out.append(Defect("table_balance", "table.balance", ("text.contradiction", "text.arithmetic"), None,
                      data_edit=lambda raw: unbalance(raw, "new_received"), with_data=False))
    def review_sum(raw: dict[str, Any]) -> None:
        raw["tables"]["review_litigation"]["review"]["total"] += 1
    out.append(Defect("table_balance", "table.review_sum", ("text.contradiction",), None, data_edit=review_sum, with_data=False))
    # unsupported figure (the data file lists facts, so every figure needs a source)
    if d.facts:
        out.append(Defect("unsupported", "text.unsupported", (), "全年开展政务公开专题培训17场，参训人员1350人次。"))
        out.append(Defect("unsupported", "text.unsupported", (), "通过政务微博发布信息3875条。"))
    # style leftovers
    out.append(Defect("style", "style.placeholder", (), "全年共收到意见建议XX条，均已办理。"))
    out.append(Defect("style", "style.placeholder", (), "【待补充】本年度政务公开亮点工作。"))
    out.append(Defect("style", "style.llm_leftover", (), "以下是根据您提供的材料撰写的报告正文。"))
    out.append(Defect("style", "style.llm_leftover", (), "希望以上内容对您有帮助！"))
    out.append(Defect("style", "style.markdown", (), "**加强组织领导**，明确分管领导和工作人员。", docx_ok=True))
    out.append(Defect("style", "style.llm_leftover", (), "希望这份报告能满足您的需要，如需调整请随时告诉我。", section="s6_other"))
    out.append(Defect("style", "style.llm_leftover", (), "注：以上数据均为示例，请根据实际情况修改。", section="s5_problems"))
    title = f"{d.organization}{v.year}年政府信息公开工作年度报告"
    lead = "以下是根据您提供的材料撰写的年度报告："
    out.append(Defect("style", "style.llm_leftover", (), None, text_edit=lambda t, line=lead: before_title(t, line), docx_ok=False))
    out.append(Defect("style", "style.llm_leftover", (), None, with_data=False, docx_ok=False,
                      text_edit=lambda t, title=title: into_title(t, title, "以下是根据您提供的材料撰写的", "：")))
    if d.format == "2019":  # the same report with its year moved on: a 2021 report on the 2019 tables
        moved = lambda t, y=v.year: t.replace(f"{y + 1}年", f"{y + 2}年").replace(f"{y}年", f"{y + 1}年")  # noqa: E731
        out.append(Defect("outdated_format", "structure.outdated_format", (), None, text_edit=moved, with_data=False, docx_ok=False))
    # title year left from last year
    out.append(Defect("title_year", "structure.title", ("text.year",), None,
                      text_edit=lambda t, y=v.year: t.replace(f"{y}年政府信息公开工作年度报告", f"{y - 1}年政府信息公开工作年度报告"),
                      docx_ok=False))
    return out


def before_title(text: str, line: str) -> str:
    """A line printed before the report's title: a paragraph before <h1> in HTML, the first
    line otherwise."""
    if "<h1>" in text:
        return text.replace("<h1>", f"<p>{line}</p>\n<h1>", 1)
    return f"{line}\n\n{text}"


def into_title(text: str, title: str, head: str, tail: str) -> str:
    """The title line with a model's words run into it."""
    if f"<h1>{title}</h1>" in text:
        return text.replace(f"<h1>{title}</h1>", f"<h1>{head}{title}{tail}</h1>", 1)
    return text.replace(title, f"{head}{title}{tail}", 1)


# --------------------------------------------------------------------------- writing


def stable_docx(content: bytes) -> bytes:
    """The same .docx with fixed timestamps, so that regenerating the corpus changes nothing."""
    import io
    import re
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2024-01-01T00:00:00Z", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, data)
    return out.getvalue()


def build_report(d: ReportData, paras: dict[str, list[Para]], raw: dict[str, Any]) -> Report:
    sections = {
        sid: SectionDraft(id=sid, paragraphs=[Paragraph(text=t, heading=h) for t, h in ps], origin="human")
        for sid, ps in paras.items()
    }
    report = Report.build(d, Narrative(sections=sections))
    report.data = raw
    report.provenance = {"publish": True}
    return report


def insert(paras: dict[str, list[Para]], section: str, sentence: str, rng: random.Random) -> dict[str, list[Para]]:
    out = copy.deepcopy(paras)
    body = [i for i, (_, h) in enumerate(out[section]) if not h]
    i = rng.choice(body)
    text, _ = out[section][i]
    out[section][i] = (text + sentence if text != "无" else sentence, False)
    return out


class Writer:
    def __init__(self) -> None:
        self.labels: list[dict[str, Any]] = []
        self.n = 0

    def add(self, content: bytes, kind: str, fmt: str, defect: str, rule: str | None, also: tuple[str, ...],
            data: str | None, notes: str | None, source: str) -> None:
        self.n += 1
        name = f"{self.n:03d}-{source}-{defect}.{kind}"
        if kind == "docx":
            content = stable_docx(content)
        (CASES / name).write_bytes(content)
        self.labels.append({
            "file": f"cases/{name}", "format": fmt, "kind": kind, "defect": defect, "expected_rule": rule,
            "also": list(also), "data": data, "notes": notes, "source": source,
        })


def rel(path: Path) -> str:
    return path.resolve().relative_to(ROOT).as_posix()


def generate_examples(w: Writer) -> None:
    for example in EXAMPLES:
        folder = ROOT / "examples" / example
        if not (folder / "data.yaml").exists():
            continue
        d = load_data(folder / "data.yaml")
        raw_clean = d.to_input()
        v = values_for(example, d)
        rng = random.Random(f"drafter-eval-{example}")
        data_path = rel(folder / "data.yaml")
        notes_path = rel(folder / "notes.md") if (folder / "notes.md").exists() else None
        kinds = iter(lambda: None, 1)
        counter = 0

        def next_kind(docx_ok: bool = True) -> str:
            nonlocal counter
            counter += 1
            if docx_ok and counter % DOCX_EVERY == 0:
                return "docx"
            return KINDS[counter % len(KINDS)]

        del kinds
        for _ in range(30):
            with_data = rng.random() < 0.6
            paras = clean_narrative(v, rng, sourced=with_data)
            kind = next_kind()
            content = render(build_report(d, paras, raw_clean), kind)
            w.add(content, kind, d.format, "clean", None, (), data_path if with_data else None, None, example)
        for defect in defects_for(v, rng):
            for _ in range(2 if defect.kind not in ("figure_changed", "chinese_changed") else 1):
                paras = clean_narrative(v, rng, sourced=defect.with_data)
                if defect.sentence:
                    paras = insert(paras, defect.section, defect.sentence, rng)
                raw = copy.deepcopy(raw_clean)
                if defect.data_edit:
                    defect.data_edit(raw)
                kind = next_kind(defect.docx_ok and defect.text_edit is None)
                if defect.kind == "style" and defect.rule == "style.markdown" and kind == "md":
                    kind = "txt"
                content = render(build_report(d, paras, raw), kind)
                if defect.text_edit:
                    content = defect.text_edit(content.decode("utf-8")).encode("utf-8")
                w.add(content, kind, d.format, defect.kind, defect.rule, defect.also,
                      data_path if defect.with_data else None, None, example)
        # the same narrative checked with the notes as a source too
        for _ in range(6):
            paras = clean_narrative(v, rng)
            kind = next_kind()
            w.add(render(build_report(d, paras, raw_clean), kind), kind, d.format, "clean", None, (),
                  data_path, notes_path, example)


def generate_precision(w: Writer) -> None:
    """Clean cases of the true-statement classes (precision_sentences): per example, cases with
    and without the data file, each with one sentence of every class put into 一、总体情况; and a
    township whose own tables have reviews and suits, with combined figures. Written after the
    other cases, so that adding them renumbers nothing."""
    for example in EXAMPLES:
        folder = ROOT / "examples" / example
        if not (folder / "data.yaml").exists():
            continue
        d = load_data(folder / "data.yaml")
        raw_clean = d.to_input()
        v = values_for(example, d)
        rng = random.Random(f"drafter-eval-precision-{example}")
        data_path = rel(folder / "data.yaml")
        for n in range(8):
            sourced = n % 2 == 0
            paras = clean_narrative(v, rng, sourced=sourced)
            for sentences in precision_sentences(v, sourced).values():
                paras = insert(paras, "s1_overview", sentences[n % len(sentences)], rng)
            kind = KINDS[n % len(KINDS)]
            w.add(render(build_report(d, paras, raw_clean), kind), kind, d.format, "clean", None, (),
                  data_path if sourced else None, None, example)
        if d.level == "township" and d.format == "2021":
            raw = copy.deepcopy(raw_clean)
            combined_variant(raw)
            varied = load_data_from(raw, folder)
            vv = values_for(example, varied)
            for n in range(4):
                paras = clean_narrative(vv, rng, sourced=False)
                for sentence in precision_sentences(vv, False)["combined"][n % 2 :: 2]:
                    paras = insert(paras, "s1_overview", sentence, rng)
                kind = KINDS[n % len(KINDS)]
                w.add(render(build_report(varied, paras, raw), kind), kind, d.format, "clean", None, (), None, None, example)


def load_data_from(raw: dict[str, Any], folder: Path) -> ReportData:
    from drafter.data import parse_data

    return parse_data(copy.deepcopy(raw), base_dir=folder)


def generate_seed(w: Writer) -> None:
    """Edited copies of the real seed report (2020, 2019 tables), as .txt."""
    if not SEED.exists():
        return
    seed = SEED.read_text("utf-8")
    data = rel(ROOT / "examples" / "minggao-2020" / "data.yaml")
    clean = seed.replace("我局", "我镇")
    add = lambda text, defect, rule, also=(), with_data=True: w.add(  # noqa: E731
        text.encode("utf-8"), "txt", "2019", defect, rule, tuple(also), data if with_data else None, None, "seed")
    add(seed, "wrong_body", "text.organization")
    add(clean, "clean", None)
    add(clean, "clean", None, with_data=False)
    add(clean.replace("其他信息20条", "其他信息20余条"), "clean", None)
    add(clean.replace("本报告中所列数据", "依据国办公开办函〔2019〕60号要求，本报告中所列数据"), "clean", None, with_data=False)
    add(clean.replace("共收到政府信息公开申请0件。", "没有收到依申请公开政府信息的申请，无下年度结转。"), "clean", None)
    add(clean.replace("共收到政府信息公开申请0件。", "并未接收到一例政府信息公开申请，也未发生因政府信息公开申请行政复议、提起行政诉讼的情况。"), "clean", None)
    add(clean.replace("共收到政府信息公开申请0件。", "共收到政府信息公開申請0件，辦結0件。"), "clean", None, with_data=False)
    for wrong in ("3件", "1件", "12件"):
        add(clean.replace("共收到政府信息公开申请0件", f"共收到政府信息公开申请{wrong}"), "figure_changed", "text.contradiction", with_data=False)
    for wrong in ("两件", "一件", "五件"):
        add(clean.replace("共收到政府信息公开申请0件", f"共收到政府信息公开申请{wrong}"), "chinese_changed", "text.contradiction")
    add(clean.replace("主动公开公告公示180条", "主动公开公告公示187条"), "unsupported", "text.unsupported")
    add(clean.replace("2020年度，通过各种", "2019年度，通过各种"), "wrong_year", "text.year")
    add(clean.replace("至2020年12月31日止", "至2020年12月30日止"), "wrong_year", "text.year")
    add(clean.replace("现对2020年政府信息公开工作", "现对2019年政府信息公开工作"), "wrong_year", "text.year")
    add(clean.replace("2020年，鸣皋镇人民政府主要通过", "2020年，白沙镇人民政府主要通过"), "wrong_body", "text.organization")
    add(clean.replace("鸣皋镇人民政府2020年政府信息公开", "鸣皋镇人民政府2019年政府信息公开"), "title_year", "structure.title", ("text.year",), with_data=False)
    add(clean.replace("鸣皋镇人民政府共收到政府信息公开申请0件。", "鸣皋镇人民政府共收到政府信息公开申请0件。XX"), "style", "style.placeholder")
    add(clean.replace("。此外，", "。**此外**，"), "style", "style.markdown")
    add(clean.replace("一、总体情况\n", "一、总体情况\n\n以下是根据您提供的材料撰写的报告正文：\n"), "style", "style.llm_leftover")
    # the tables edited: a request recorded without the row adding up, and a review
    row = "一、本年新收政府信息公开申请数量		0	0	0	0	0	0	0"
    if row in clean:
        broken = clean.replace(row, "一、本年新收政府信息公开申请数量		1	0	0	0	0	0	1")
        add(broken, "table_balance", "table.balance", ("text.contradiction",), with_data=False)
    review = "0	0	0	0	0	0	0	0	0	0	0	0	0	0	0"
    if review in clean:
        with_review = clean.replace(review, "1	0	0	0	1	0	0	0	0	0	0	0	0	0	0")
        add(with_review.replace("共收到政府信息公开申请0件。", "共收到政府信息公开申请0件，未发生因政府信息公开申请行政复议、提起行政诉讼的情况。"),
            "zero_refuted", "text.contradiction", with_data=False)
        add(with_review.replace("共收到政府信息公开申请0件。", "共收到政府信息公开申请0件，被申请行政复议1件。"), "clean", None, with_data=False)
    # the statistics period copied from last year: the title's year stands, the period is the error
    copied = clean.replace("自2020年1月1日起至2020年12月31日止", "自2019年1月1日起至2019年12月31日止")
    add(copied, "wrong_year", "text.year")
    add(copied, "wrong_year", "text.year", with_data=False)
    add(clean.replace("2020年，鸣皋镇人民政府主要通过", "2020年，白沙镇主要通过"), "wrong_body", "text.organization")
    add(clean.replace("(三)依申请公开情况。", "(三)依申请公开情况。\n\n2020年，东岭镇依申请公开政府信息为零。"), "wrong_body", "text.organization")
    add("以下是根据您提供的材料撰写的年度报告：\n\n" + clean, "style", "style.llm_leftover")
    add(clean.replace("鸣皋镇人民政府2020年政府信息公开", "以下是为您撰写的鸣皋镇人民政府2020年政府信息公开", 1), "style", "style.llm_leftover", with_data=False)
    add(clean.replace("主动公开公告公示180条，其他信息20条", "主动公开信息210条，其中公告公示180条，其他信息20条"), "breakdown", "text.arithmetic", ("text.unsupported",))
    add(clean.replace("主动公开公告公示180条，其他信息20条", "主动公开信息200条，其中公告公示180条，其他信息20条"), "clean", None)
    add(clean.replace("通过县政府门户网站开展信息公开工作", "通过县政府门户网站开展信息公开工作，及时更新镇政府网站"), "clean", None, with_data=False)
    # a 2021 report on the 2019 tables: the seed with its year moved on
    moved = clean.replace("2021年", "2022年").replace("2020年", "2021年")
    add(moved, "outdated_format", "structure.outdated_format", (), with_data=False)


def main() -> None:
    CASES.mkdir(parents=True, exist_ok=True)
    for old in CASES.iterdir():
        old.unlink()
    w = Writer()
    generate_seed(w)
    generate_examples(w)
    generate_precision(w)
    with (HERE / "labels.jsonl").open("w", encoding="utf-8") as fh:
        for label in w.labels:
            fh.write(json.dumps(label, ensure_ascii=False) + "\n")
    by: dict[str, int] = {}
    for label in w.labels:
        by[label["defect"]] = by.get(label["defect"], 0) + 1
    print(f"{len(w.labels)} cases: " + ", ".join(f"{k} {n}" for k, n in sorted(by.items())))


if __name__ == "__main__":
    main()
