"""Synthetic county for the batch tests and benchmark: N townships with varied, valid figures.

    python evals/batch/synth.py list bodies.csv --count 200      # the list a county office would keep
    drafter init --bodies bodies.csv county                      # one folder per body (as a user does)
    python evals/batch/synth.py fill county                      # each folder's data.yaml and notes.md filled in

Names are made from two syllable lists (河阳县 + 青石镇 …), so 1,000 bodies get 1,000 distinct
names; figures vary with the body's number and always satisfy the table rules of the 2021
format (every request received is answered; carried-over requests are carried forward again).
"""

from __future__ import annotations

import argparse
import csv
import io
from pathlib import Path

FIRST = "青白石清东西南北上下前后新旧金银铜铁龙凤桃李杏柳松竹梅兰芦苇沙泉溪河湖塘"
SECOND = "山岭坪坝湾桥庄寨口溪川原岗林塘洲集铺店营"
KINDS = ("镇", "乡", "镇", "街道")


def names(count: int, county: str = "河阳县") -> list[tuple[str, str]]:
    """(full name, short name) of `count` distinct townships of `county`."""
    out: list[tuple[str, str]] = []
    for i in range(count):
        a = FIRST[i % len(FIRST)]
        b = SECOND[(i // len(FIRST)) % len(SECOND)]
        round_ = i // (len(FIRST) * len(SECOND))
        kind = KINDS[i % len(KINDS)]
        core = a + b + ("" if round_ == 0 else "二三四五六七八九"[round_ - 1])
        short = core + kind
        full = f"{county}{short}{'办事处' if kind == '街道' else '人民政府'}"
        out.append((full, short))
    return out


def bodies_csv(count: int, year: int = 2023, county: str = "河阳县") -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["名称", "简称", "上级", "年度"])
    for full, short in names(count, county):
        w.writerow([full, short, f"{county}人民政府", year])
    return "\ufeff" + buf.getvalue()


def data_yaml(full: str, short: str, parent: str, year: int, i: int) -> str:
    k, c, x = i % 6, (i // 6) % 2, i % 2
    review = "[1, 0, 0, 0]" if i % 7 == 0 else "[0, 0, 0, 0]"
    level = "township"
    return f"""organization: "{full}"
short_name: "{short}"
level: {level}
parent: "{parent}"
year: {year}
tables:
  proactive:
    normative_docs: {{made_this_year: {i % 3}, repealed_this_year: {i % 2}, in_force: {3 + i % 5}}}
    admin_license:  {{decisions_this_year: {5 + i % 17}}}
    admin_penalty:  {{decisions_this_year: {i % 9}}}
  requests:
    new_received:    [{k}, {c}, 0, 0, 0, 0]
    carried_over:    [{x}, 0, 0, 0, 0, 0]
    granted:         [{k}, 0, 0, 0, 0, 0]
    unable_not_held: [0, {c}, 0, 0, 0, 0]
    carried_forward: [{x}, 0, 0, 0, 0, 0]
  review_litigation:
    review:           {review}
    lit_direct:       [0, 0, 0, 0]
    lit_after_review: [0, 0, 0, 0]
facts:
  - {{label: 门户网站主动公开政府信息, value: {100 + 7 * i}, unit: 条}}
"""


def notes_md(short: str, i: int) -> str:
    return f"""# 总体情况
- 坚持以公开为常态、不公开为例外，围绕中心工作做好政务公开

## 主动公开
- 通过县政府门户网站{short}专栏主动公开政府信息{100 + 7 * i}条

## 依申请公开
- 严格执行申请登记、审核、答复流程

## 政府信息管理
- 落实信息发布审核制度，公开前进行保密审查

## 政府信息公开平台建设
- 完善门户网站专栏，栏目设置与标准目录一致

## 监督保障
- 把政务公开纳入年度工作考核

# 存在的主要问题
- 政策解读形式比较单一

# 改进措施
- 丰富政策解读形式，增加图解解读

# 其他需要报告的事项
- 本年度未收取信息处理费
"""


def fill(county_dir: Path) -> int:
    """Fill every folder listed in county_dir/index.csv (written by init --bodies)."""
    rows = list(csv.DictReader(io.StringIO((county_dir / "index.csv").read_text("utf-8-sig"))))
    for i, row in enumerate(rows):
        folder = county_dir / row["folder"]
        short = row["short_name"] or row["name"]
        (folder / "data.yaml").write_text(data_yaml(row["name"], short, row["parent"], int(row["year"]), i), "utf-8")
        (folder / "notes.md").write_text(notes_md(short, i), "utf-8")
    return len(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("list")
    a.add_argument("path", type=Path)
    a.add_argument("--count", type=int, default=200)
    a.add_argument("--year", type=int, default=2023)
    b = sub.add_parser("fill")
    b.add_argument("county_dir", type=Path)
    args = ap.parse_args()
    if args.cmd == "list":
        args.path.write_text(bodies_csv(args.count, args.year), "utf-8")
        print(f"{args.count} bodies listed in {args.path}")
    else:
        print(f"{fill(args.county_dir)} folders filled")


if __name__ == "__main__":
    main()
