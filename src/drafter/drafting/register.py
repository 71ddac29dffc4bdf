"""How a body names itself in its own report (公文 register): 我镇, 我县, 我市, 我局 …

Derived from the level and the last character of the body's name, so that a township
never writes 我局 and a bureau never writes 我镇.
"""

from __future__ import annotations

import re

from ..data import LEVEL_ZH, ReportData

_GOV_SUFFIX = re.compile(r"(人民政府|政府|办事处|管理委员会|管委会)$")
_DEPT_LONG = (("委员会", "我委"), ("办公室", "我办"), ("中心", "我中心"))
_DEPT_CHARS = "局委办厅院署所站队社馆"


def core_name(data: ReportData) -> str:
    """The place or body name without 人民政府/办事处: 伊川县鸣皋镇, 河阳县."""
    return _GOV_SUFFIX.sub("", data.organization) or data.organization


def self_reference(data: ReportData) -> str:
    """The first-person name of the body: 我镇/我乡/我街道, 我县/我区, 我市, 我省, 我局/我委/我办."""
    core = core_name(data)
    last = core[-1:]
    if data.level == "township":
        if "街道" in data.organization or "街道" in (data.short_name or ""):
            return "我街道"
        return "我乡" if last == "乡" else "我镇"
    if data.level == "county":
        return {"区": "我区", "旗": "我旗", "市": "我市"}.get(last, "我县")
    if data.level == "city":
        return {"州": "我州", "盟": "我盟"}.get(last, "我市")
    if data.level == "province":
        return {"区": "我区", "市": "我市"}.get(last, "我省")
    name = data.organization
    for suffix, ref in _DEPT_LONG:
        if name.endswith(suffix):
            return ref
    return f"我{name[-1]}" if name[-1:] in _DEPT_CHARS else "我单位"


def level_label(data: ReportData) -> str:
    return LEVEL_ZH.get(data.level, data.level)


def is_government(data: ReportData) -> bool:
    """Governments (not departments) add the Art. 50(4) assessment items."""
    return data.level != "department"
