"""Zero claims (未收到…申请, 无结转) and "all" claims (均已办结, 全部予以公开) from the lexicon's patterns."""

from __future__ import annotations

import re
from decimal import Decimal

from .model import Claim
from .segment import _PAREN, _Base, _ids, _index

_EXCEPT_BEFORE = re.compile(r"除[^。；;！？]{0,24}?(?:外|以外|之外)")


class _Words(_Base):
    def zero_claims(self) -> list[Claim]:
        out: list[Claim] = []
        seen: set[tuple[str, int]] = set()
        for pattern in self.lex.zero_claims:
            for mt in pattern.regex.finditer(self.norm):
                start, end = mt.span()
                if any(self.norm.startswith(x, start) for x in self.lex.negation_exceptions):
                    continue
                if self.lex.negation_contrast.search(self.norm, start + 1, end):
                    continue  # 未收到法人的申请但… / 无…其中…: the negation does not reach across
                sent = _index(self.sentences, start)
                if self.future[sent]:
                    continue
                scope = "total"
                if pattern.scoped and "scope" in mt.groupdict() and mt.group("scope"):
                    scope = self._scope(mt.group("scope"))
                for key in pattern.metrics:
                    if (key, start) in seen:
                        continue
                    metric = self.lex.metrics[key]
                    seen.add((key, start))
                    ids = _ids(metric, scope)
                    if key == "litigation":
                        ids = ids[:1]  # no suit at all (未被提起行政诉讼): neither direct nor after a review
                    out.append(
                        Claim(
                            kind="zero", metric=key, ids=ids, value=Decimal(0), low=Decimal(0),
                            high=Decimal(0), start=start, end=end, quote=self._quote(start, end),
                            unit_class=metric.unit, scope=scope, sentence=sent,
                        )
                    )
                self.blocked.append((start, end))
        return out

    def universal_claims(self) -> list[Claim]:
        out: list[Claim] = []
        for pattern in self.lex.universal:
            for mt in pattern.regex.finditer(self.norm):
                start, end = mt.span()
                sent = _index(self.sentences, start)
                if self.future[sent]:
                    continue
                s0, s1 = self.sentences[sent]
                if pattern.context and not pattern.context.search(self.norm[s0:s1]):
                    continue
                if pattern.topic and self._topic_at(start) not in (pattern.topic, None):
                    continue
                c0, c1 = self.clauses[_index(self.clauses, start)]
                # a parenthetical aside (29件申请（含上年结转1件）均已办结) does not narrow the claim
                if pattern.unless and pattern.unless.search(_PAREN.sub("", self.norm[c0:c1])):
                    continue
                if _EXCEPT_BEFORE.search(self.norm[s0:start]):
                    continue  # 除2件结转下年办理外，均已答复: the exception is named first
                if pattern.contrast and pattern.contrast.search(self.norm[end:s1]):
                    continue  # 均已办结，但有1件结转下年: taken back in the same sentence
                q0 = max(c0, start - 12)
                while q0 < start and self.norm[q0] in " \u3000":
                    q0 += 1
                out.append(
                    Claim(
                        kind="all", metric=pattern.key, ids=(), value=Decimal(0), low=Decimal(0), high=None,
                        start=q0, end=end, quote=self._quote(q0, end), sentence=sent,
                    )
                )
        return out
