"""Word claims read as a clause grammar, in four small passes:

- `segment`: a section's text → sentences and clauses (spans on the normalised text), with
  quoted names, titles and document numbers masked;
- `tag`: every subject (行政复议, 行政处罚, 规范性文件, 申请 …), negation, quantifier, outcome word,
  comparison, direction, applicant scope, other topic and figure, from lexicon/grammar.yaml;
- `bind`: a clause grammar pairs the tags into word claims (未作出行政处罚决定 → 表二 行政处罚 = 0;
  复议案件均被维持 → 维持 = 总计; 均为自然人提出 → 自然人 = 总计; 较上年有所减少 → change < 0);
- `read`: every reading a claim's words allow (驳回 is 结果维持 or 其他结果; 申请 may be the new
  requests or new + carried over), so a claim is refuted only when no reading holds
  (drafter.checks.words).

Figures bound to metrics (共收到申请12件) are read by drafter.claims; this package reads what is
said in words, and the rates and relative changes a sentence computes.
"""

from __future__ import annotations

from .bind import WordClaim, read_word_claims

__all__ = ["WordClaim", "read_word_claims"]
