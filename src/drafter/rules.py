"""Table arithmetic (勾稽关系) and cross-year checks, as findings.

Rule ids (family `table.*` of the check contract):
- table.non_negative     a count below zero (表二/表三/表四)
- table.total_column     表三: 总计 column ≠ sum of the six applicant columns
- table.results_sum      表三: （七）总计 ≠ sum of every result row, per column
- table.balance          表三: 一 + 二 ≠ （七） + 四, per column (printed in the corner cell)
- table.review_sum       表四: 总计 ≠ 维持 + 纠正 + 其他 + 尚未审结, per group
- table.published_exceeds_total   2019 表二: 本年新公开 > 对外公开总数 (warning)
- table.carry_over       上年结转 ≠ last year's 结转下年度 (warning)
- table.in_force_roll_forward     2021 表二 现行有效件数 roll-forward (warning)
- table.items_roll_forward        2019 表二 上一年项目数量 roll-forward (warning)
- table.empty            every cell of 表二/表三/表四 is zero, or no tables were given (warning)
- table.implausible      a count above ten million (error in 表三/表四, warning in 表二)
"""

from __future__ import annotations

from typing import Any

from .data import ReportData
from .findings import Finding, Severity
from .formats import REVIEW_LEAVES, Format


def check_tables(data: ReportData) -> list[Finding]:
    """Every table rule of the data's format, plus cross-year checks when `previous` is set."""
    spec = data.spec
    findings: list[Finding] = []
    findings += _non_negative(data, spec)
    findings += _requests(data, spec)
    findings += _review(data, spec)
    findings += _proactive(data, spec)
    findings += plausibility(data)
    if data.previous is not None:
        findings += cross_year(data, data.previous)
    return findings


def _diff(a: int, b: int) -> str:
    return f"相差 {abs(a - b)}"


def _non_negative(data: ReportData, spec: Format) -> list[Finding]:
    out: list[Finding] = []
    for _block, row, col in spec.proactive.cells():
        value = data.tables.proactive[row.id][col.id]
        if col.type != "signed_integer" and value < 0:
            place = f"tables.proactive.{row.id}.{col.id}"
            out.append(
                Finding(
                    "table.non_negative", "error",
                    f"表二“{row.label}”的“{col.label}”为 {value}，不能是负数。请填写 0 或正数。",
                    section="s2_proactive", expected=0, found=value, place=place,
                    extra={"row": row.id, "column": col.id},
                )
            )
    t3 = spec.requests
    for row_id in t3.data_rows:
        for col in t3.columns:
            value = data.tables.requests[row_id][col.id]
            if value < 0:
                out.append(
                    Finding(
                        "table.non_negative", "error",
                        f"表三“{t3.label(row_id)}”的“{col.label}”列为 {value}，件数不能是负数。请填写 0 或正数。",
                        section="s3_requests", expected=0, found=value,
                        place=f"tables.requests.{row_id}.{col.id}", extra={"row": row_id, "column": col.id},
                    )
                )
    for group in spec.review.groups:
        for col in group.columns:
            value = data.tables.review_litigation[group.id][col.id]
            if value < 0:
                out.append(
                    Finding(
                        "table.non_negative", "error",
                        f"表四“{group.label}”的“{col.label}”为 {value}，件数不能是负数。请填写 0 或正数。",
                        section="s4_review_litigation", expected=0, found=value,
                        place=f"tables.review_litigation.{group.id}.{col.id}",
                        extra={"row": group.id, "column": col.id},
                    )
                )
    return out


def _requests(data: ReportData, spec: Format) -> list[Finding]:
    t3 = spec.requests
    grid = data.tables.requests
    out: list[Finding] = []
    for row_id in t3.data_rows:
        row = grid[row_id]
        parts = sum(row[c] for c in t3.applicant_columns)
        if parts != row["total"]:
            out.append(
                Finding(
                    "table.total_column", "error",
                    f"表三“{t3.label(row_id)}”的“总计”为 {row['total']}，但六类申请人之和为 {parts}，{_diff(parts, row['total'])}。"
                    "请核对这一行各列或总计。",
                    section="s3_requests", expected=parts, found=row["total"],
                    place=f"tables.requests.{row_id}.total", extra={"row": row_id, "column": "total"},
                )
            )
    total_row = t3.results_total
    new, carried, fwd = "new_received", "carried_over", "carried_forward"
    for col in t3.columns:
        parts = sum(grid[r][col.id] for r in t3.result_rows)
        total = grid[total_row][col.id]
        if parts != total:
            out.append(
                Finding(
                    "table.results_sum", "error",
                    f"表三“{t3.label(total_row)}”在“{col.label}”列为 {total}，但（一）至（六）各项之和为 {parts}，"
                    f"{_diff(parts, total)}。请核对这一列的办理结果。",
                    section="s3_requests", expected=parts, found=total,
                    place=f"tables.requests.{total_row}.{col.id}", extra={"row": total_row, "column": col.id},
                )
            )
        left = grid[new][col.id] + grid[carried][col.id]
        right = total + grid[fwd][col.id]
        if left != right:
            out.append(
                Finding(
                    "table.balance", "error",
                    f"表三“{col.label}”列不平衡：“一、本年新收”{grid[new][col.id]} + “二、上年结转”{grid[carried][col.id]} = {left}，"
                    f"但“（七）总计”{total} + “四、结转下年度继续办理”{grid[fwd][col.id]} = {right}，{_diff(left, right)}。"
                    "勾稽关系要求第一项加第二项之和等于第三项加第四项之和。",
                    section="s3_requests", expected=left, found=right,
                    place=f"tables.requests.{fwd}.{col.id}", extra={"row": fwd, "column": col.id},
                )
            )
    return out


def _review(data: ReportData, spec: Format) -> list[Finding]:
    out: list[Finding] = []
    for group in spec.review.groups:
        cells = data.tables.review_litigation[group.id]
        parts = sum(cells[leaf] for leaf in REVIEW_LEAVES[:-1])
        if parts != cells["total"]:
            out.append(
                Finding(
                    "table.review_sum", "error",
                    f"表四“{group.label}”的“总计”为 {cells['total']}，但结果维持、结果纠正、其他结果、尚未审结之和为 {parts}，"
                    f"{_diff(parts, cells['total'])}。请核对。",
                    section="s4_review_litigation", expected=parts, found=cells["total"],
                    place=f"tables.review_litigation.{group.id}.total", extra={"row": group.id, "column": "total"},
                )
            )
    return out


def _proactive(data: ReportData, spec: Format) -> list[Finding]:
    out: list[Finding] = []
    if spec.id != "2019":
        return out
    for row_id in ("rules", "normative_docs"):
        cells = data.tables.proactive[row_id]
        if cells["newly_published_this_year"] > cells["total_published"]:
            label = spec.proactive.block_of(row_id).rows[0 if row_id == "rules" else 1].label
            out.append(
                Finding(
                    "table.published_exceeds_total", "warning",
                    f"表二“{label}”的“本年新公开数量”{cells['newly_published_this_year']} 大于“对外公开总数量”"
                    f"{cells['total_published']}。对外公开总数量应包含本年新公开的数量，请核对。",
                    section="s2_proactive", expected=cells["total_published"], found=cells["newly_published_this_year"],
                    place=f"tables.proactive.{row_id}.newly_published_this_year",
                    extra={"row": row_id, "column": "newly_published_this_year"},
                )
            )
    return out


def cross_year(data: ReportData, prev: ReportData) -> list[Finding]:
    """Plausibility across years (warnings): carry-over, in-force documents, item counts."""
    out: list[Finding] = []
    t3 = data.spec.requests
    for col in t3.columns:
        now = data.tables.requests["carried_over"][col.id]
        before = prev.tables.requests["carried_forward"][col.id]
        if now != before:
            out.append(
                Finding(
                    "table.carry_over", "warning",
                    f"表三“二、上年结转政府信息公开申请数量”“{col.label}”列为 {now}，但 {prev.year} 年数据的"
                    f"“四、结转下年度继续办理”为 {before}，{_diff(now, before)}。除机构调整外两者应相等，请核对。",
                    section="s3_requests", expected=before, found=now,
                    place=f"tables.requests.carried_over.{col.id}", extra={"row": "carried_over", "column": col.id},
                )
            )
    if data.format == "2021" and prev.format == "2021":
        for row_id, label in (("rules", "规章"), ("normative_docs", "行政规范性文件")):
            cur = data.tables.proactive[row_id]
            expected = prev.tables.proactive[row_id]["in_force"] + cur["made_this_year"] - cur["repealed_this_year"]
            if cur["in_force"] != expected:
                out.append(
                    Finding(
                        "table.in_force_roll_forward", "warning",
                        f"表二“{label}”的“现行有效件数”为 {cur['in_force']}；按上年 {prev.tables.proactive[row_id]['in_force']}"
                        f" + 本年制发 {cur['made_this_year']} − 本年废止 {cur['repealed_this_year']} 应约为 {expected}。"
                        "如有修订或清理可忽略，否则请核对。",
                        section="s2_proactive", expected=expected, found=cur["in_force"],
                        place=f"tables.proactive.{row_id}.in_force", extra={"row": row_id, "column": "in_force"},
                    )
                )
    if data.format == "2019" and prev.format == "2019":
        for block in data.spec.proactive.blocks:
            if not any(c.id == "items_last_year" for c in block.columns):
                continue
            for row in block.rows:
                cur = data.tables.proactive[row.id]
                old = prev.tables.proactive[row.id]
                expected = old["items_last_year"] + old["items_change"]
                if cur["items_last_year"] != expected:
                    out.append(
                        Finding(
                            "table.items_roll_forward", "warning",
                            f"表二“{row.label}”的“上一年项目数量”为 {cur['items_last_year']}，但 {prev.year} 年数据为"
                            f" {old['items_last_year']}、本年增/减 {old['items_change']}，应为 {expected}。请核对。",
                            section="s2_proactive", expected=expected, found=cur["items_last_year"],
                            place=f"tables.proactive.{row.id}.items_last_year",
                            extra={"row": row.id, "column": "items_last_year"},
                        )
                    )
    return out


# A body's count above this is a typo (an extra digit, a pasted phone number), never a figure.
MAX_PLAUSIBLE_COUNT = 10_000_000


def plausibility(data: ReportData) -> list[Finding]:
    """Data that would mislead a reader: every table empty or zero (a report with nothing in
    it would otherwise be drafted as if fine), and counts too large to be real."""
    out: list[Finding] = []
    cells: list[tuple[str, str, Any]] = []
    amounts: list[Any] = []
    decimal = {f"{row.id}.{col.id}" for _block, row, col in data.spec.proactive.cells() if col.type == "decimal"}
    for row_id, values in data.tables.proactive.items():
        for col_id, value in values.items():
            if f"{row_id}.{col_id}" in decimal:
                amounts.append(value)
            else:
                cells.append((f"tables.proactive.{row_id}.{col_id}", "表二", value))
    for row_id, counts in data.tables.requests.items():
        cells += [(f"tables.requests.{row_id}.{col_id}", "表三", n) for col_id, n in counts.items()]
    for group, counts in data.tables.review_litigation.items():
        cells += [(f"tables.review_litigation.{group}.{col_id}", "表四", n) for col_id, n in counts.items()]
    if all(v == 0 for _, _, v in cells) and all(a == 0 for a in amounts):
        out.append(Finding(
            "table.empty", "warning",
            "表二、表三、表四的数字全部为 0（或数据文件没有填写 tables）。如果本年度确实没有任何主动公开、申请和复议诉讼，"
            "请逐项确认；否则请先填写数据再起草或核对。",
            section="s2_proactive", place="tables",
        ))
    for place, table, value in cells:
        if abs(value) > MAX_PLAUSIBLE_COUNT:
            severity: Severity = "warning" if table == "表二" else "error"
            out.append(Finding(
                "table.implausible", severity,
                f"{table}中这一格为 {value}，超过一千万，不像一个机关一年的数字"
                "（可能多打了几位或粘贴了其他号码）。请核对后改正。",
                found=value, place=place,
            ))
    return out
