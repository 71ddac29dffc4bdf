"""Input skeletons for `drafter init`: a data file with every row of the format at zero,
each labelled in Chinese as printed, and a notes file with the section headings.
"""

from __future__ import annotations

from .data import LEVEL_ZH
from .formats import REVIEW_GROUPS, format_for_year, get_format

OVERVIEW_TOPICS = ("主动公开", "依申请公开", "政府信息管理", "政府信息公开平台建设", "监督保障")


def _q(text: str) -> str:
    """A YAML scalar that is always read back as the same string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def data_skeleton(organization: str, level: str, year: int, short_name: str | None = None, parent: str | None = None) -> str:
    fmt = format_for_year(year)
    spec = get_format(fmt)
    lines = [
        f"# {organization} {year} 年政府信息公开工作年度报告 —— 数据文件（{spec.title}）",
        "# 填写说明：所有数字都写阿拉伯数字；没有的填 0。总计可以不填，drafter 会自动计算；",
        "# 如果填写了总计，drafter 会核对它是否等于各项之和。填好后运行：drafter check-data 本文件",
        f"organization: {_q(organization)}",
    ]
    lines.append(f"short_name: {_q(short_name)}" if short_name else "# short_name: 简称（正文中使用，如“鸣皋镇”）")
    lines.append(f"level: {level}    # {LEVEL_ZH.get(level, '')}；可选 township/county/city/province/department")
    lines.append(f"parent: {_q(parent)}" if parent else "# parent: 上级汇总机关（如“伊川县人民政府”）")
    lines += [f"year: {year}", f'format: "{fmt}"', "", "tables:", "  # 表二 主动公开政府信息情况", "  proactive:"]
    for block in spec.proactive.blocks:
        cols = "、".join(c.label for c in block.columns)
        lines.append(f"    # {block.caption}：{cols}")
        for row in block.rows:
            cells = ", ".join(f"{c.id}: 0" for c in block.columns)
            lines.append(f"    {row.id}: {{{cells}}}    # {row.label}")
    t3 = spec.requests
    cols = "、".join(c.label for c in t3.columns)
    lines += [
        "",
        "  # 表三 收到和处理政府信息公开申请情况。每行按列顺序填写：",
        f"  # {cols}（总计可省略，省略时自动计算）",
        "  requests:",
    ]
    zeros = "[" + ", ".join("0" for _ in t3.applicant_columns) + "]"
    for row_id in t3.data_rows:
        req = t3.rows[row_id]
        if row_id == t3.results_total:
            lines.append(f"    # {row_id}: {req.label} —— 由（一）至（六）自动计算，可不填")
            continue
        parent_label = t3.rows[req.parent].label if req.parent and t3.rows[req.parent].level == 2 else ""
        label = f"{parent_label} {req.label}".strip()
        lines.append(f"    {row_id}: {zeros}    # {label}")
    lines += [
        "",
        "  # 表四 政府信息公开行政复议、行政诉讼情况。每组按顺序填写：结果维持、结果纠正、其他结果、尚未审结（总计可省略）",
        "  review_litigation:",
    ]
    for gid in REVIEW_GROUPS:
        group = spec.review.group(gid)
        lines.append(f"    {gid}: [0, 0, 0, 0]    # {group.top_label}·{group.label}" if gid != "review" else f"    {gid}: [0, 0, 0, 0]    # 行政复议")
    lines += [
        "",
        "# 正文可能引用、但表格里没有的数字，每条一行，例如：",
        "# facts:",
        "#   - {label: 主动公开公告公示, value: 180, unit: 条}",
        "facts: []",
        "",
        "# 上年数据文件（可选，用于核对上年结转等跨年度关系），相对于本文件的路径：",
        "# previous: ../上年/data.yaml",
        "",
    ]
    return "\n".join(lines)


def notes_skeleton(organization: str, year: int) -> str:
    lines = [
        f"<!-- {organization} {year} 年度报告素材。每条要点写成“- ”开头的一行；正文只会使用这里和数据文件中的事实。"
        "也可以改用 Word（notes.docx）或纯文本（notes.txt），标题写成“一、总体情况”“（一）主动公开”等。 -->",
        "# 总体情况",
        "- （全年工作概况）",
        "",
    ]
    for topic in OVERVIEW_TOPICS:
        lines += [f"## {topic}", "- ", ""]
    lines += [
        "# 存在的主要问题",
        "- ",
        "",
        "# 改进措施",
        "- ",
        "",
        "# 上年度问题整改情况",
        "- ",
        "",
        "# 其他需要报告的事项",
        "- " + ("本年度未收取信息处理费" if year >= 2021 else "无"),
        "",
    ]
    return "\n".join(lines)


NOTES_HINT = (
    "素材可以写在 notes.md 中，也可以写成 Word 文件 notes.docx 或纯文本 notes.txt（放在数据文件旁即可自动使用，"
    "或用 --notes 指定）。标题写成“一、总体情况”“（一）主动公开”“二、存在的主要问题及改进情况”"
    "“三、其他需要报告的事项”，或“# 总体情况”“## 主动公开”，或用 Word 的“标题 1/标题 2”样式，均可识别。"
)


def init_level(organization: str, level: str | None) -> tuple[str, str]:
    """The level `drafter init` writes, and a sentence saying how it was chosen: the --level
    given, else the level the body's name shows (教育局 is a department), else township."""
    from .data import LEVEL_ALIASES, LEVEL_ZH, LEVELS
    from .errors import InputError
    from .reader.title import guess_level

    if not organization:
        raise InputError("机关全称不能为空。请写出全称，如：drafter init \"伊川县鸣皋镇人民政府\" --year 2024")
    if level is not None:
        lvl = LEVEL_ALIASES.get(level.strip())
        if lvl is None:
            raise InputError(f"--level“{level}”无效。可选：{'、'.join(LEVELS)}。")
        return lvl, ""
    guessed = guess_level(organization)
    if guessed is None:
        return "township", (f"从名称“{organization}”看不出机关层级，按乡镇/街道（township）生成；"
                            "如不对，请删除生成的文件后加 --level 重新生成。")
    return guessed, f"按名称判断机关层级为{LEVEL_ZH[guessed]}（{guessed}）；如不对，请删除生成的文件后加 --level 重新生成。"
