"""Claim extraction: what the narrative says about the figures of the report.

`extract_claims(text, format_id)` finds, in one section's plain text,

- figures (共收到政府信息公开申请3件, 办结率为100%, 260余条) bound through the lexicon
  (drafter/lexicon/metrics.yaml) to the fact ids of drafter.facts, with the applicant scope
  (自然人 / 法人或其他组织 …) and the year (this year, last year, a change on last year);
- figures that no phrase binds (kept, for the text.unsupported check);
- zero claims (未收到…申请, 未发生因政府信息公开申请行政复议、提起行政诉讼的情况: one negation,
  two metrics; 无下年度结转; 未收取信息处理费);
- "all" claims (全部予以公开, 均已办结, 所有申请均已按时办结), taken back by a contrast later
  in the sentence (均已办结，但有1件结转下年度);
- breakdowns (共200条，其中A 180条、B 30条; 其中 after a comparison or opening the next
  sentence; 包括, 分别为, （含…）; 、，； separators; A 180条、B 20条，共计200条) for the
  text.arithmetic check; a part's own parenthetical 其中 is not a part of the list.

A figure after 其中 that follows a group total (无法提供13件（其中…10件）) is a part: it binds
to a sub-item of the group's metric, to the group's row with an applicant scope, or to
nothing. A rate (办结率, 公开率) and an "all" claim bind only when the topic named last before
them is the requests (人大代表建议和政协提案办结率100% is not).

Numbers that are not claims (dates, years, 第二十条, list markers, document numbers, phone
numbers, 20个工作日, 三安全一稳定, 每月一条, 共六个部分, next year's plans, anything inside a
quoted name or title: 《…2023—2025年…规划》, “十四五”, ‘12345’热线) produce nothing, and a cue
inside a quoted name or title is no cue (收到“…的申请”1件 counts what the name names).

An error must be certain, so a claim carries every reading its words allow, and the check
refutes it only when none holds:
- a figure with cues of several metrics next to it (制发并废止规范性文件1件; 作出行政许可、行政
  处罚决定分别为12件、8件) carries the other metrics as `alternatives`; a looser reading of the same
  words (规范性文件 in 制发规范性文件) is not another reading. A bare noun that does not say which
  count it is (规范性文件3件) is `loose`: a contradiction is only a warning;
- a part after 其中 carries the other totals of its sentence: the likeliest is the total bound
  last before it, unless that one is an aside (另有/此外/加上上年结转申请2件): then the total
  before the aside is. A breakdown carries the other totals and their sum (`others`, `grand`);
- a sentence that names both 复议 and 诉讼/起诉 makes review figures accept the combined facts
  (review_litigation.*), named first;
- a count in 次/场/期/批 after an action word (开展, 召开, 清理, 培训, 检查, 督查, 通报, 更新 …)
  counts activities and binds to nothing (收到申请3次 has no such word and still binds);
- the period: a comparison before the figure in its clause makes a change (较上年增加8件, 比上年多
  收到申请2件), checked only against last year's data; a change with no cue takes the metric of
  the figure just before it, and 与上年持平 after a figure is a change of 0; else the last time
  word before it decides (本年度 → this year; 上年, 去年, the year before the report year → last
  year's data; other years, and a time named only in an earlier clause of the sentence
  (上年度报告中，收到…), → `other`, never checked).
Spans index into the text as given; quotes are exact slices of it.
"""

from __future__ import annotations

from ..lexicon import Lexicon, load_lexicon
from ..numbers import find_numbers
from .lists import _Extractor
from .model import Breakdown, Claim, ClaimKind, Extraction, Relation


def extract_claims(text: str, format_id: str = "2021", year: int | None = None, lexicon: Lexicon | None = None) -> Extraction:
    """Every claim in one section's plain text. `year` is the report year (plans for the
    next year are not claims)."""
    lex = lexicon or load_lexicon()
    ex = _Extractor(text, format_id, year, lex)
    result = Extraction()
    result.claims.extend(ex.zero_claims())
    result.claims.extend(ex.universal_claims())
    numbers = find_numbers(ex.norm)
    figures = ex.remainders(ex.distribute(ex.figures(numbers)))
    result.claims.extend(figures)
    result.claims.sort(key=lambda c: (c.start, c.end))
    result.breakdowns = ex.breakdowns(figures)
    return result


__all__ = ["Breakdown", "Claim", "ClaimKind", "Extraction", "Relation", "extract_claims"]

