"""What the extraction finds: figure, zero and "all" claims, and breakdowns (a total and its parts)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

ClaimKind = Literal["figure", "zero", "all"]
Relation = Literal["current", "previous", "change", "other"]  # other: another year, or uncertain


@dataclass(frozen=True)
class Claim:
    kind: ClaimKind
    metric: str | None  # lexicon key; None for a figure no phrase binds
    ids: tuple[str, ...]  # fact ids accepted as truth, scope applied; first is named in messages
    value: Decimal
    low: Decimal
    high: Decimal | None
    start: int  # span of `quote` in the text
    end: int
    quote: str
    unit: str | None = None
    unit_class: str | None = None  # count | money | percent
    percent: bool = False
    decimals: int | None = None  # digits after the point as written
    approx: str | None = None
    chinese: bool = False
    scope: str = "total"
    relation: Relation = "current"
    total: bool = False  # stated as a total (共N件)
    sentence: int = 0
    number_span: tuple[int, int] | None = None
    # other readings the words allow (制发并废止规范性文件1件; a part after 其中 when the sentence has
    # several totals): fact ids per reading. The figure is refuted only when no reading holds.
    alternatives: tuple[tuple[str, ...], ...] = ()
    loose: bool = False  # bound by a bare noun (规范性文件3件): a contradiction is only a warning

    @property
    def checkable(self) -> bool:
        """Whether an unbound figure is worth checking against the facts: a measured count,
        sum of money or percentage written in digits (三个方面 is prose, not a figure)."""
        if self.unit_class is None:
            return False
        return not self.chinese or self.value >= 10


@dataclass(frozen=True)
class Breakdown:
    """共N件，其中A M件、B K件: a stated total and the parts listed after it."""

    total: Claim
    parts: tuple[Claim, ...]
    open: bool  # the list ends with 等 or is introduced by 含: the parts need not add up
    start: int
    end: int
    quote: str
    # the other totals of the sentence the parts may belong to (新收申请6件，另有上年结转1件，其中…),
    # and their sum: the breakdown is wrong only when it fits none of them
    others: tuple[Claim, ...] = ()
    grand: Decimal | None = None
    # 共6235条。其中…: the list opens the next sentence, and may name only some highlights
    across: bool = False
    # the figures after the parts in the list's sentence (已办结24件；另有1件…): a subtotal the parts
    # add up to, or a remainder (`asides`, after 另有/此外) that with the parts makes the total
    after: tuple[Claim, ...] = ()
    asides: tuple[Claim, ...] = ()


@dataclass
class Extraction:
    claims: list[Claim] = field(default_factory=list)
    breakdowns: list[Breakdown] = field(default_factory=list)

    def figures(self) -> list[Claim]:
        return [c for c in self.claims if c.kind == "figure"]
