"""Label normalisation and matching for the printed tables.

Published reports print the official labels with small variations: 、 or ， or ",",
full- or half-width brackets and digits, brackets dropped, spaces, 法律法规 for
法律行政法规, 规范性文件 for 行政规范性文件, 合计 for 总计, a unit note added to a header or left out.
Every comparison goes through `key` (punctuation, spaces and unit notes removed) and,
failing that, `bare_key` (the enumeration 一、 / （三） / 2. removed too), then a
similarity ratio for truncated or slightly altered labels.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from difflib import SequenceMatcher
from functools import lru_cache

_SYNONYMS = (("法律行政法规", "法律法规"), ("行政规范性文件", "规范性文件"), ("合计", "总计"))
_UNIT_NOTE = re.compile(r"\(\s*单位[^)]*\)")
_ENUM = re.compile(
    r"^\s*(?:\(\s*[一二三四五六七八九十]+\s*\)|[一二三四五六七八九十]+\s*[、.,:;]|\d+\s*[.、,:;)])\s*"
)
_NOT_WORD = re.compile(r"[^0-9a-z\u3400-\u9fff]+")


_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad]")


# Some PDF printers (Chromium's among them) map the glyphs of 一 二 人 … to the Kangxi radicals
# (⼀ U+2F00 …), which look the same: each is read as the character it stands for, one for one.
# The radicals supplement (⺠ ⻔ …) has no such decomposition: those that stand for a whole
# character are listed here, with 戶 for 户 (the same printers' glyph of 户).
RADICALS = {cp: unicodedata.normalize("NFKC", chr(cp)) for cp in (*range(0x2E80, 0x2EF4), *range(0x2F00, 0x2FD6))
            if len(unicodedata.normalize("NFKC", chr(cp))) == 1 and unicodedata.normalize("NFKC", chr(cp)) != chr(cp)}
RADICALS.update({ord(a): b for a, b in zip("⺁⺇⺌⺠⺮⺷⻄⻅⻆⻈⻉⻋⻓⻔⻘⻚⻛⻜⻝⻢⻣⻤⻥⻦⻨⻩⻬⻮⻰⻳戶",
                                          "厂几小民竹羊西见角讠贝车长门青页风飞食马骨鬼鱼鸟麦黄齐齿龙龟户", strict=True)})


def visible(text: str) -> str:
    """Zero-width spaces, joiners, soft hyphens and BOMs (common in copied web text) removed;
    Kangxi radicals read as the characters they stand for."""
    return _INVISIBLE.sub("", text).translate(RADICALS)


def nfkc(text: str) -> str:
    """Full-width letters, digits, brackets and spaces folded to their plain forms."""
    return unicodedata.normalize("NFKC", visible(text))


@lru_cache(maxsize=8192)
def key(label: str) -> str:
    """The comparable core of a label: no punctuation, spaces or unit note."""
    text = plain_key(label)
    for variant, canonical in _SYNONYMS:
        text = text.replace(variant, canonical)
    return text


def plain_key(label: str) -> str:
    """`key` with the wording as printed (法律行政法规 not folded to 法律法规): the start
    of a label broken over two lines is a start of this form."""
    return _NOT_WORD.sub("", _UNIT_NOTE.sub("", nfkc(label).lower()))


@lru_cache(maxsize=8192)
def bare_key(label: str) -> str:
    """`key` without the leading enumeration (一、 （三） 2.)."""
    return key(_ENUM.sub("", nfkc(label), count=1))


def similarity(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    if 2 * min(len(a), len(b)) / (len(a) + len(b)) < 0.5:
        return 0.0  # too different in length to be the same label (ratio cannot reach 0.5)
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


class LabelIndex:
    """Find which official label (by id) a printed label stands for."""

    def __init__(self, items: Iterable[tuple[str, str]]):
        self._items: list[tuple[str, str, str]] = []
        self._exact: dict[str, set[str]] = {}
        self._bare: dict[str, set[str]] = {}
        for item_id, label in items:
            k, b = key(label), bare_key(label)
            self._items.append((item_id, k, b))
            self._exact.setdefault(k, set()).add(item_id)
            self._bare.setdefault(b, set()).add(item_id)

    def match(self, printed: str, cutoff: float = 0.8) -> str | None:
        k = key(printed)
        if not k:
            return None
        found = self._exact.get(k)
        if found and len(found) == 1:
            return next(iter(found))
        b = bare_key(printed)
        found = self._bare.get(b)
        if found and len(found) == 1:
            return next(iter(found))
        return self._fuzzy(k, b, cutoff)

    def _fuzzy(self, k: str, b: str, cutoff: float) -> str | None:
        scores: dict[str, float] = {}
        for item_id, ik, ib in self._items:
            score = max(similarity(k, ik), similarity(b, ib))
            # a label printed with an explanation or a unit after it (现行有效件数（历史累计）)
            if len(ib) >= 4 and b.startswith(ib):
                score = max(score, 0.85)
            scores[item_id] = max(scores.get(item_id, 0.0), score)
        if not scores:
            return None
        ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
        best_id, best = ranked[0]
        if best < cutoff or (len(ranked) > 1 and ranked[1][1] == best):
            return None
        return best_id
