"""text.organization in the places where only the reporting body's own name belongs: the
contact line (如有疑问，请与X联系), the sentence that names who compiled or publishes the report
(由X编制, X编制了本报告, 现发布X2023年政府信息公开工作年度报告, 现将X…情况报告如下, 结合X政府信息
公开工作实际). A place of the body's own level (X镇 or X街道 for a township, X县 for a county …) or a
department named there that is neither the body, its parent nor one of its aliases is another body's name left in from a copied report: an error
at any level, where elsewhere in the text such a name may be a neighbour the body worked with.
"""

from __future__ import annotations

import re

from ..findings import Finding
from ..lexicon import Lexicon
from .organization import _PLACE_UNIT, _RANK, Identity, _generic, _same_department, _unit_level

_SUBJECT_VERB = (r"认真|坚持|深入|主动公开|公开|不断|持续|严格|积极|全面|扎实|紧紧|围绕|进一步|高度重视|始终|按照|依据|依照|根据|共收到|"
                 r"共受理|收到|接到|共接到|受理|累计|全年|发布|结合|加强|立足|聚焦|紧扣|切实|着力|大力|以习近平|在市委|在县委|在区委|在省委|"
                 r"在上级|经|通过|依托|贯彻|落实|坚决|注重|着眼|强化|政府信息公开工作|政务公开工作")
# a township may be called by its street's short form: 东关街 for 东关街道 (not 街头, 街巷, 街区)
_STREET = r"街(?![道头巷区面])"
# a subject is names only: places (东关镇, 安平县东关镇人民政府) or one department (市交通运输局)
_SUBJECT_NAME = (r"(?P<name>(?:[\u4e00-\u9fff]{2,6}?(?:自治区|自治州|自治县|省|市|县|区|旗|镇|乡|街道|" + _STREET + ")){1,4}"
                 r"(?:人民政府办公室|人民政府|政府办公室|政府|街道办事处|办事处)?|[\u4e00-\u9fff]{2,18}?(?:局|委员会|厅))")
_NAME = r"(?P<name>[^，。；;,!！？?（()）\n]{2,32}?)"
_FRAME_TEXTS = (
    r"(?:请与|请联系|请致电|请咨询|请向|可与|可向|与)" + _NAME + r"(?:联系|咨询)",
    r"(?:联系(?:单位|部门|机关)|联系人)[：:]\s*" + _NAME + r"(?=[，。；;,（(\n]|$)",
    r"请(?:联系|致电|咨询)[：:]?\s*" + _NAME + r"(?=[，。；;,（(\n]|$)",
    r"(?:由|经)" + _NAME + r"(?:牵头|负责|综合|汇总|组织)?(?:编制|编写|起草|撰写)",
    r"由" + _NAME + r"(?=依照|依据|根据|按照)",
    r"(?:^|(?<=[，。；;,\n]))" + _NAME + r"(?:专门|组织|认真|负责)?(?:编制|编写|撰写)了",
    r"(?:现(?:将|发布|公布|予以公布)|特(?:发布|公布|编写|编制)|向社会(?:发布|公布)|发布|公布|编制了?|编写|并?附)(?:\d{4}年(?:度)?)?" + _NAME
    + r"(?:\d{4}年(?:度)?)?(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:报告|年报|情况)",
    # the subject of the year's work: 2021年，东关镇认真贯彻… / 2024年，市交通运输局坚持…
    r"(?:^|(?<=[。！？\n]))[ \t\u3000]*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*)?(?:\d{4}年(?:度)?(?:以来|全年)?[，,]?\s*)?"
    + _SUBJECT_NAME + r"(?=" + _SUBJECT_VERB + r")",
    r"(?<=[，,：:])\s*\d{4}年(?:度)?(?:以来|全年)?[，,]\s*" + _SUBJECT_NAME + r"(?=" + _SUBJECT_VERB + r")",
    r"(?:^|(?<=[。\n]))\s*" + _NAME + r"\d{4}年(?:度)?(?:政府信息公开|政务公开|信息公开)工作(?:年度)?报告",
    # the subject with the year after it: 东关镇2020年度累计主动公开…
    r"(?:^|(?<=[。！？\n]))[ \t\u3000]*" + _SUBJECT_NAME + r"(?=\d{4}年(?:度)?(?:全年|累计|共|以来)?" + r"(?:" + _SUBJECT_VERB + r"))",
    r"(?:现将|按照|根据|结合|依据)(?:\d{4}年(?:度)?)?" + _NAME
    + r"(?:\d{4}年(?:度)?)?(?:各科室|本年度)?(?:的)?(?:政府信息公开|政务公开|信息公开)工作(?:的)?(?:实际|情况|开展情况)",
)
# (regex, own only): a contact, a compiler, a publisher or a title names the body itself and never
# its parent's government; the subject of the year's work may be the parent (市政府印发…)
_FRAMES = tuple((re.compile(p), _SUBJECT_NAME not in p) for p in _FRAME_TEXTS)
_ROLE_UNIT = re.compile(_PLACE_UNIT.pattern.replace("|街道|", "|街道|" + _STREET + "|"))
_DEPARTMENT = re.compile(r"[\u4e00-\u9fff]{2,12}?(?:局|委员会|办公室)")
# the government of a place named right after it: 请与洪安市人民政府办公室联系 in a district's report
_ORGAN_AFTER = re.compile(r"人民政府|政府(?!信息)")
_LEVEL_WORDS = re.compile(r"^(?:国家|省|市|县|区|乡|镇)$")


def _own_rank(identity: Identity) -> int:
    """The rank of the body's own place: its level for a government, its place's for a department."""
    if identity.level != "department":
        return _RANK.get(identity.level, 0)
    levels = [lv for u in _PLACE_UNIT.findall(identity.organization) if (lv := _unit_level(u))]
    return _RANK[levels[-1]] if levels else 0


def _foreign_units(name: str, identity: Identity, lex: Lexicon, own_only: bool = False) -> list[tuple[int, int, str]]:
    out = []
    rank = _own_rank(identity)
    for m in _ROLE_UNIT.finditer(name):
        unit = m.group()
        if re.search(r"[、和及与或各全本该]", unit):
            continue  # 由各镇、街道和区政府组成部门汇总: a list of kinds of bodies, not a name
        level = "township" if re.search(_STREET + "$", unit) else _unit_level(unit)
        if level is None or len(unit) < 2:
            continue
        organ = _ORGAN_AFTER.match(name, m.end()) is not None
        if _RANK[level] > rank and not (organ and rank >= 1 and identity.level != "township"):
            continue  # a place above (安澜县 in 由安澜县石门乡人民政府编制) is where the body sits, unless its government is named
        suffix = next((s for s in ("自治区", "自治州", "自治县", "特别行政区", "街道", "省", "市", "县", "区", "旗", "州", "盟", "镇", "乡", "街")
                       if unit.endswith(s)), "")
        if not suffix:
            continue
        head = unit[: -len(suffix)]
        if len(head) < 2 or _generic(head, suffix, lex) or _LEVEL_WORDS.match(head) or head[:2] in lex.name_verb_words:
            continue
        if any(w in head for w in ("门户网站", "网站", "政府", "了", "由", "以", "在", "通过", "将", "对")):
            continue  # 通过县政府门户网站乡镇专栏: words around a generic place, not a name
        if any(unit.endswith(t) or t.endswith(unit) or unit in t for t in identity.tokens) and not (
            organ and _RANK[level] > rank and identity.level != "township"
        ) and not (own_only and organ and unit in identity.parent_only):
            continue  # the body, its parent or an alias; the parent's government never as contact or compiler
        out.append((m.start(), m.end(), unit))
    return out


def check_roles(text: str, section: str | None, identity: Identity, lex: Lexicon, offset: int = 0) -> list[Finding]:
    norm = lex.normalize(text)
    out: list[Finding] = []
    seen: set[tuple[int, int]] = set()
    for frame, own_only in _FRAMES:
        for mt in frame.finditer(norm):
            n0 = mt.start("name")
            name = mt.group("name")
            found = [(n0 + s, n0 + e, u) for s, e, u in _foreign_units(name, identity, lex, own_only)]
            if not found and identity.level == "department" and identity.department_core:
                for d in _DEPARTMENT.finditer(name):
                    dept = d.group()
                    places = _PLACE_UNIT.match(dept)
                    own = dept[places.end():] if places and places.end() < len(dept) - 1 else dept
                    place = places.group() if places else ""
                    place_ok = len(place) <= 2 or any(place.endswith(t) or t.endswith(place) for t in identity.tokens)
                    if place_ok and (any(own in t or t == dept for t in identity.tokens) or _same_department(dept, identity.department_core)):
                        continue
                    if (dept.startswith(("各", "有关", "相关", "上级", "本", "我", "该", "度", "年")) or "人民政府" in dept or "我" in dept
                            or "了" in dept or dept[:2] in lex.name_verb_words):
                        continue
                    found.append((n0 + d.start(), n0 + d.end(), dept))
            for s, e, unit in found:
                if (s, e) in seen:
                    continue
                seen.add((s, e))
                out.append(Finding(
                    "text.organization", "error",
                    f"正文在“{text[mt.start():mt.end()]}”中写的是“{text[s:e]}”，这不是本报告的机关（{identity.organization}）。"
                    "联系方式、编制和发布本报告的机关只能是本机关，可能是套用了其他单位的报告，请改正。",
                    section=section, quote=text[s:e], span=(s + offset, e + offset), expected=identity.organization, found=unit,
                ))
    return out


__all__ = ["check_roles"]
