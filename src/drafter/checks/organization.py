"""text.organization: the narrative names a body other than the one reporting.

- Another body of the same level by its proper name, as an organ (白沙镇人民政府, 东岭镇党委,
  东城街道办事处, 东岭镇政府) or as the subject of a clause (2023年，东岭镇严格落实… /
  东岭镇主动公开…) in 鸣皋镇's report: error. This is what copying last year's report of a
  neighbour leaves behind. A name counts only from a plausible boundary: the run of name
  characters is cut after words that cannot be part of a name (通过县政府门户网站, 及时更新
  镇政府网站 leave nothing before 县/镇: generic), and a proper name needs two characters
  before 镇/乡/街道/县. Bodies above (伊川县人民政府, 县政府), below (a county naming its
  townships), generic references (上级政府, 本级政府, 各乡镇) and mentions after words of
  cooperation or referral (与周边东岭镇联合开展, 告知申请人向东岭镇人民政府申请, 转送…办理) are fine.
- Another body in the place of the subject (2022年，XX局坚持…) in a department's report: error.
- A self reference of another kind of body (我局/本局/我委 in a 镇/乡/街道 report, 我镇/我乡 in
  a department's report): warning. Clerks borrow wording; the reader must look, but the
  figures are not affected. 我单位 is anyone's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..findings import Finding
from ..lexicon import Lexicon

_PLACE_UNIT = re.compile(r"[\u4e00-\u9fff]+?(?:自治区|自治州|自治县|特别行政区|街道|省|市|县|区|旗|州|盟|镇|乡)")
_LEVEL_OF_SUFFIX = {
    "镇": "township", "乡": "township", "街道": "township",
    "县": "county", "区": "county", "旗": "county", "自治县": "county",
    "市": "city", "州": "city", "盟": "city", "自治州": "city",
    "省": "province", "自治区": "province",
}
_SUBJECT_VERBS = re.compile(r"^(?:始终|坚持|认真|严格|高度重视|深入|积极|全面|扎实|紧紧|持续|不断|共|全年|本年度|以|按照|根据|政府信息公开工作|政务公开工作)")
_RANK = {"township": 1, "county": 2, "city": 2, "province": 3}
_GENERIC_TOWN = re.compile(r"(?:各|全|本|该|我|城|村|集|乡|小|重|建制|街)(?:镇|乡|街道)$")


@dataclass(frozen=True)
class Identity:
    """Who is reporting: the names and tokens by which the text may refer to itself."""

    organization: str
    level: str
    tokens: tuple[str, ...]  # place units and short names of the body, its parent and aliases
    own_unit: str | None  # 鸣皋镇 for 伊川县鸣皋镇人民政府
    department_core: str | None  # 自然资源 for 伊川县自然资源局
    parent_only: tuple[str, ...] = ()  # places named only by the parent (饶平市 for 柳川区人民政府 under 饶平市人民政府)

    @classmethod
    def build(cls, organization: str, level: str, short_name: str | None = None, parent: str | None = None,
              aliases: tuple[str, ...] = ()) -> Identity:
        tokens: list[str] = []
        own_unit = None
        core = None
        for name in (organization, short_name, parent, *aliases):
            if not name:
                continue
            units = _PLACE_UNIT.findall(name)
            tokens.extend(u for u in units if len(u) >= 2)
            if name == organization and units:
                own_unit = units[-1] if level != "department" else None
            rest = name[len("".join(units)) :] if units and name.startswith("".join(units)) else name
            for suffix in ("人民政府办公室", "人民政府", "办事处", "管理委员会", "委员会", "办公室", "局", "委", "厅", "办"):
                if rest.endswith(suffix) and len(rest) > len(suffix):
                    rest = rest[: -len(suffix)]
                    break
            if name == organization and level == "department" and rest:
                core = rest
            if rest and len(rest) >= 2 and rest not in ("人民政府", "政府"):
                tokens.append(rest)
            tokens.append(name)
        if own_unit is None and level != "department":
            own_unit = next((t for t in tokens if _unit_level(t)), None)
        own = "".join(n for n in (organization, short_name, *aliases) if n)
        parent_only = tuple(u for u in _PLACE_UNIT.findall(parent or "") if len(u) >= 2 and u not in own)
        return cls(organization, level, tuple(dict.fromkeys(tokens)), own_unit, core, parent_only)


def _unit_level(unit: str) -> str | None:
    for suffix in sorted(_LEVEL_OF_SUFFIX, key=len, reverse=True):
        if unit.endswith(suffix) and len(unit) > len(suffix):
            return _LEVEL_OF_SUFFIX[suffix]
    return None


_LEVEL_SUFFIX_RE = re.compile("|".join(sorted(_LEVEL_OF_SUFFIX, key=len, reverse=True)))
# what follows another body's name: its organs (白沙镇人民政府, 白沙镇党委、政府, 东城街道办事处)
_BODY_AFTER = re.compile(r"人民政府|政府|办事处|党委|党工委|党政办|党政综合办|管委会")
_STRONG_BODY = ("人民政府", "办事处", "党委", "党工委", "党政办", "党政综合办", "管委会")
# what follows a name used as the subject of a clause (2023年，东岭镇严格落实…)
_SUBJECT_NEXT = re.compile(
    r"(?:党委|政府|人民政府|党政办|党工委|办事处)"
    r"|(?:始终|坚持|认真|严格|高度重视|深入|积极|全面|扎实|紧紧|紧密|持续|不断|共|全年|本年度|以|按照|根据|依据|通过|主动|依法"
    r"|进一步|围绕|切实|结合|聚焦|着力|大力|把|将|对|在|已|继续|及时|加强|强化|健全|建立|完善|推进|推动|落实|贯彻|制定|制发|印发"
    r"|公开|发布|收到|受理|办结|未|没有|无|全力|立足|成立|召开|组织|开展|新收|累计|注重|着眼|紧扣|狠抓|抓好|做好|严把|利用|依托"
    r"|编制|整理|更新|加大|创新|规范|优化|提升|政务公开|政府信息公开|信息公开|依申请|主要|全面|共计|本年|今年)"
)
_CLAUSE_START = re.compile(r"(?:^|(?<=[。！？\n；;，,：:]))[ \t\u3000]*(?:(?:\d{4}|[〇一二三四五六七八九零]{4})年(?:度)?(?:以来|全年|内)?[，,]?)?$")


def _name_head(norm: str, end: int, lex: Lexicon) -> tuple[int, str, bool]:
    """The proper part of a place name ending at `end` (before 镇/县/街道 …): (start, head,
    bounded). The run of name characters back to a stop character is cut after the last word
    that cannot be part of a name (通过县政府 → "", 及时更新镇政府 → "") or after a place unit
    (河阳县东岭镇 → 东岭). `bounded` tells whether the start is certain (a stop, a cut word or a
    place unit); a run longer than four characters with no such boundary is not."""
    start = end
    while start > 0 and end - start < 14 and "\u4e00" <= norm[start - 1] <= "\u9fff" and not lex.name_stops.match(norm[start - 1]):
        start -= 1
    run = norm[start:end]
    cut = 0
    for i in range(len(run)):
        for w in lex.name_prefix_words:
            if run.startswith(w, i) and i + len(w) > cut and i + len(w) <= len(run):
                cut = i + len(w)
        m = _LEVEL_SUFFIX_RE.match(run, i)
        if m and i > 0 and m.end() < len(run) and m.end() > cut:
            cut = m.end()
    head = run[cut:]
    bounded = cut > 0 or len(head) <= 4
    return start + cut, head, bounded


_SHORT_BODY = ("政府", "党委", "党工委")


def _named_place(norm: str, start: int, head: str, suffix: str, lex: Lexicon) -> bool:
    """Strong evidence that `head` before a short organ (X镇政府, X县政府, X镇党委, X街道党工委)
    is a place name: the place also appears with a full organ name (X镇人民政府, X街道办事处), or
    the head has two or three characters, starts a clause or follows a stop or a cut word
    (围绕东岭镇党委), and holds no verb-like word
    (完成县政府, 修订街道政府, 列席街道党工委 are verbs before a generic organ)."""
    place = head + suffix
    if re.search(re.escape(place) + r"(?:人民政府|办事处|管委会|管理委员会)", norm):
        return True
    if not 2 <= len(head) <= 3:
        return False
    before = norm[:start]
    if not (_CLAUSE_START.search(before) is not None or any(before.endswith(w) for w in lex.name_prefix_words)
            or (before and lex.name_stops.match(before[-1]))):
        return False
    return not any(head.endswith(w) if len(w) == 1 else w in head for w in lex.name_verb_words)


def _cooperating(norm: str, start: int, lex: Lexicon) -> bool:
    """与周边东岭镇联合开展 / 告知申请人向东岭镇人民政府申请: a legitimate mention."""
    before = norm[max(0, start - 8) : start]
    before = re.sub(r"(?:周边|邻近|相邻|毗邻|附近|兄弟)(?:的)?$", "", before)
    return any(before.endswith(w) for w in lex.cooperation_words) or bool(
        re.search(r"(?:与|同|和|联合|会同|配合|协助|向|告知)[^，。；！？\n]{0,10}$", norm[max(0, start - 12) : start])
        and re.search(r"(?:与|同|和|联合|会同|配合|协助|向|告知)", before)
    )


def _generic(head: str, suffix: str, lex: Lexicon) -> bool:
    if len(head) < 2 or head in lex.generic_place_words:
        return True
    if _GENERIC_TOWN.search(head + suffix) and not head.endswith(("城", "街")):
        return True
    place = head + suffix
    return any(place.endswith(g) or head.endswith(g) for g in lex.generic_place_words if len(g) >= 2) or head[0] in "各全本该我某"


def check_organization(text: str, section: str | None, identity: Identity, lex: Lexicon, offset: int = 0) -> list[Finding]:
    norm = lex.normalize(text)
    out: list[Finding] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, severity: str, message: str, found: str) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        out.append(
            Finding("text.organization", severity, message, section=section, quote=text[start:end],  # type: ignore[arg-type]
                    span=(start + offset, end + offset), expected=identity.organization, found=found)
        )

    # another body of the same level, by its proper name
    if identity.level in ("township", "county", "city", "province"):
        for m in _LEVEL_SUFFIX_RE.finditer(norm):
            suffix = m.group()
            if _RANK[_LEVEL_OF_SUFFIX[suffix]] != _RANK[identity.level]:
                continue  # 县 and 市 are one rank: a county-level city (安川市) reports as a county
            start, head, bounded = _name_head(norm, m.start(), lex)
            one_char = head + suffix in lex.one_char_places and norm.startswith("人民政府", m.end())
            if not one_char and _generic(head, suffix, lex):
                continue  # 攸县人民政府 is a proper name, 县人民政府 is generic
            place = head + suffix
            if any(place.endswith(t) or t.endswith(place) for t in identity.tokens):
                continue
            if norm[m.end() : m.end() + 1] in _LEVEL_OF_SUFFIX or _LEVEL_SUFFIX_RE.match(norm, m.end()):
                continue  # 东岭镇 in 河阳县东岭镇…: the unit is followed by a lower one
            body = _BODY_AFTER.match(norm, m.end())
            subject = _CLAUSE_START.search(norm[: start]) is not None and _SUBJECT_NEXT.match(norm, m.end()) is not None
            if _cooperating(norm, start, lex) or not (body or subject):
                continue
            if body and not subject and body.group() not in _STRONG_BODY and not bounded:
                continue
            if not bounded:
                continue
            if body and body.group() in _SHORT_BODY and not _named_place(norm, start, head, suffix, lex):
                continue  # 完成县政府门户网站改版, 修订街道政府信息公开指南: a verb, not a place
            end = body.end() if body else m.end()
            name = text[start:end]
            if body:
                message = f"正文出现“{name}”，这不是本报告的机关（{identity.organization}）。可能是套用了其他单位的报告，请改正。"
            else:
                message = f"正文以“{name}”为主语叙述工作，但本报告的机关是{identity.organization}。可能是套用了其他单位的报告，请改正。"
            add(start, end, "error", message, place)
    elif identity.level == "department" and identity.department_core:
        # another department as the subject of a sentence
        for m in re.finditer(r"(?:^|(?<=[。！？\n]))\s*(?:\d{4}年(?:度)?[，,]?)?([\u4e00-\u9fff]{2,14}?(?:局|委员会|办公室))(?=[\u4e00-\u9fff])", norm):
            name = m.group(1)
            if any(t in name for t in identity.tokens) or not _SUBJECT_VERBS.match(norm[m.end(1) :]):
                continue
            if _same_department(name, identity.department_core):
                continue  # 县市场监管局 for 河阳县市场监督管理局: an abbreviation of itself
            if name.startswith(("各", "有关", "相关", "上级", "本", "我", "度", "年")) or name[:2] in lex.name_verb_words or "了" in name:
                continue  # 强化局政务公开工作领导小组作用: a verb, not a name
            add(m.start(1), m.end(1), "error",
                f"正文以“{name}”为主语叙述工作，但本报告的机关是{identity.organization}。可能是套用了其他单位的报告，请改正。", name)

    # self references of another kind of body
    allowed = _allowed_self_words(identity, lex)
    for level, words in lex.self_words.items():
        for word in words:
            if word in allowed:
                continue
            for m in re.finditer(re.escape(word), norm):
                if level in ("county", "city", "province"):
                    continue  # 我县/我市 may be the place a body sits in
                if word.startswith("全") or word.startswith("本") and len(word) == 2 and word[1] in "镇乡":
                    if identity.level != "department":
                        continue
                if m.end() < len(norm) and norm[m.end()] in "长":  # 本局长
                    continue
                kind = "乡镇（街道）" if identity.level == "township" else ("部门" if identity.level == "department" else "政府")
                add(m.start(), m.end(), "warning",
                    f"正文自称“{word}”，但本报告的机关是{identity.organization}（{kind}），不应这样自称。可能是套用了其他单位的措辞，请改为本机关的称谓。",
                    word)
    out.sort(key=lambda f: f.span or (0, 0))
    return out


def _same_department(name: str, core: str) -> bool:
    units = _PLACE_UNIT.match(name)
    rest = name[units.end() :] if units and len(units.group()) <= 4 else name
    rest = re.sub(r"(委员会|办公室|局)$", "", rest).lstrip("县市区省")
    return rest in core or core in rest or _abbreviates(rest, core) or _abbreviates(core, rest)


def _abbreviates(short: str, full: str) -> bool:
    """市场监管 for 市场监督管理, 人社 for 人力资源和社会保障: the short name's characters in order."""
    if len(short) < 2:
        return False
    it = iter(full)
    return all(ch in it for ch in short)


def _allowed_self_words(identity: Identity, lex: Lexicon) -> set[str]:
    org = identity.organization
    allowed: set[str] = set()
    if identity.level == "township":
        if "街道" in org:
            allowed |= {"我街道", "本街道", "全街道", "我街", "我办", "本办"}
        if "镇" in org:
            allowed |= {"我镇", "本镇", "全镇"}
        if "乡" in org:
            allowed |= {"我乡", "本乡", "全乡"}
    elif identity.level == "department":
        allowed |= set(lex.self_words["department"])
    else:
        allowed |= {"我办", "本办"} | set(lex.self_words["county"]) | set(lex.self_words["city"]) | set(lex.self_words["province"])
    return allowed


__all__ = ["Identity", "check_organization"]
