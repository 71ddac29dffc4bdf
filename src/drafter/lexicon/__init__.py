"""The validator's lexicon: metric cue phrases (metrics.yaml) and the other word lists
(words.yaml), kept as data and compiled once.

Phrase syntax in metrics.yaml: plain words; "…" is a gap of up to GAP characters inside one
clause; "re:" starts a raw regular expression. Everything runs on text normalised by
`normalize` (traditional → simplified characters, full-width digits → ASCII; one character
for one, so offsets carry over to the original text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's loader: the same result, several times faster

GAP = 24
SENTINEL = "\ue000"  # stands in for the figure being bound
CLAUSE_BREAK = "，,；;。！？!?\n"
_GAP_RE = rf"[^{re.escape(CLAUSE_BREAK)}]{{0,{GAP}}}?"
UNIT_CLASSES: dict[str, frozenset[str]] = {
    "count": frozenset(
        "件 条 份 次 例 起 篇 个 项 期 场 人次 宗 件次 条次 批 家 户 名 位 部 册 封 笔 本 种 张 套".split()
    ),
    "money": frozenset({"万元", "元", "亿元"}),
}


@dataclass(frozen=True)
class Phrase:
    text: str
    regex: re.Pattern[str]


@dataclass(frozen=True)
class Metric:
    key: str
    ids: tuple[str, ...]
    unit: str  # count | money | percent
    scoped: bool
    context: re.Pattern[str] | None
    blockers: tuple[str, ...]
    phrases: tuple[Phrase, ...]
    formats: tuple[str, ...]
    parts: tuple[str, ...] = ()
    topic: str | None = None  # a rate binds only when the topic named last before it is this one
    combined: tuple[str, ...] = ()  # ids also accepted, first, when `combined_when` finds the sentence
    combined_when: re.Pattern[str] | None = None  # 复议、诉讼中被纠错共3件: both named
    loose: bool = False  # a bare noun (规范性文件3件): it does not say which count, a contradiction is a warning
    units: frozenset[str] = frozenset()  # when given, a figure binds only in one of these units (行政许可356件, not 78条)
    bare_unless: re.Pattern[str] | None = None  # a sentence matching it makes the phrases without 申请 no cue
    requests_only: bool = False  # a count of requests: bare verbs follow the sentence's topic, route parts bind to nothing


@dataclass(frozen=True)
class ZeroPattern:
    metrics: tuple[str, ...]
    regex: re.Pattern[str]
    scoped: bool


@dataclass(frozen=True)
class UniversalPattern:
    key: str
    regex: re.Pattern[str]
    context: re.Pattern[str] | None
    unless: re.Pattern[str] | None
    contrast: re.Pattern[str] | None = None  # later in the sentence: the claim is taken back
    topic: str | None = None  # the topic named last before the claim must be this one


@dataclass(frozen=True)
class Lexicon:
    metrics: dict[str, Metric]
    scopes: tuple[tuple[str, str], ...]  # (word, column), longest words first
    zero_claims: tuple[ZeroPattern, ...]
    negation_exceptions: tuple[str, ...]
    universal: tuple[UniversalPattern, ...]
    negation_contrast: re.Pattern[str]
    not_claims: re.Pattern[str]
    not_claim_units: frozenset[str]
    quote_brackets: tuple[str, ...]
    per_words: re.Pattern[str]
    comparison: re.Pattern[str]
    comparison_in_clause: re.Pattern[str]
    previous: re.Pattern[str]
    previous_not_time: re.Pattern[str]
    current_time: re.Pattern[str]
    year_mention: re.Pattern[str]
    flat: re.Pattern[str]
    activity_units: frozenset[str]
    activity_words: re.Pattern[str]
    aside: re.Pattern[str]
    future: re.Pattern[str]
    total_markers: tuple[str, ...]
    breakdown_markers: tuple[str, ...]
    open_list_markers: tuple[str, ...]
    breakdown_stops: tuple[str, ...]
    each_words: re.Pattern[str]
    rate_topics: tuple[tuple[str, str], ...]  # (word, topic), longest words first
    self_words: dict[str, tuple[str, ...]]
    body_suffixes: tuple[str, ...]
    place_suffixes: tuple[str, ...]
    generic_place_words: frozenset[str]
    one_char_places: frozenset[str]
    name_stops: re.Pattern[str]
    name_prefix_words: tuple[str, ...]  # longest first
    name_verb_words: frozenset[str]  # verb-like words that are no part of a short place name
    cooperation_words: tuple[str, ...]  # longest first
    placeholders: tuple[re.Pattern[str], ...]
    markdown: tuple[re.Pattern[str], ...]
    llm_leftovers: tuple[re.Pattern[str], ...]
    traditional: dict[int, str]

    def normalize(self, text: str) -> str:
        """Simplified characters and ASCII digits, same length as `text`."""
        return text.translate(self.traditional)


def compile_phrase(text: str) -> re.Pattern[str]:
    if text.startswith("re:"):
        return re.compile(text[3:])
    parts = [re.escape(p) for p in text.split("…")]
    return re.compile(_GAP_RE.join(parts))


def _read(name: str) -> dict[str, Any]:
    raw = resources.files(__package__).joinpath(name).read_text("utf-8")
    return yaml.load(raw, Loader=SAFE_LOADER)  # noqa: S506 - the safe loader, in C when libyaml is there


def _opt(pattern: str | None) -> re.Pattern[str] | None:
    return re.compile(pattern) if pattern else None


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The lexicon shipped with drafter (cached)."""
    m = _read("metrics.yaml")
    w = _read("words.yaml")
    metrics: dict[str, Metric] = {}
    for item in m["metrics"]:
        metrics[item["key"]] = Metric(
            key=item["key"],
            ids=tuple(item["ids"]),
            unit=item.get("unit", "count"),
            scoped=bool(item.get("scoped", False)),
            context=_opt(item.get("context")),
            blockers=tuple(item.get("blockers") or ()),
            phrases=tuple(Phrase(p, compile_phrase(p)) for p in item["phrases"]),
            formats=tuple(item.get("formats") or ()),
            parts=tuple(item.get("parts") or ()),
            topic=item.get("topic"),
            combined=tuple(item.get("combined") or ()),
            combined_when=_opt(item.get("combined_when")),
            loose=bool(item.get("loose", False)),
            units=frozenset(item.get("units") or ()),
            bare_unless=_opt(item.get("bare_unless")),
            requests_only=bool(item.get("requests_only", False)),
        )
    scopes = sorted(((word, s["col"]) for s in w["scopes"] for word in s["words"]), key=lambda x: -len(x[0]))
    trad = w["traditional"].split()
    return Lexicon(
        metrics=metrics,
        scopes=tuple(scopes),
        zero_claims=tuple(
            ZeroPattern(tuple(z["metrics"]), re.compile(z["re"]), bool(z.get("scoped", False))) for z in w["zero_claims"]
        ),
        negation_exceptions=tuple(w["negation_exceptions"]),
        universal=tuple(
            UniversalPattern(u["key"], re.compile(u["re"]), _opt(u.get("context")), _opt(u.get("unless")), _opt(u.get("contrast")),
                             u.get("topic"))
            for u in w["universal_claims"]
        ),
        negation_contrast=re.compile(w["negation_contrast"]),
        not_claims=re.compile("|".join(re.escape(x) for x in sorted(w["not_claims"], key=len, reverse=True))),
        not_claim_units=frozenset(w["not_claim_units"]),
        quote_brackets=tuple(w["quote_brackets"]),
        per_words=re.compile(w["per_words"]),
        comparison=re.compile(w["comparison"]),
        comparison_in_clause=re.compile(w["comparison_in_clause"]),
        previous=re.compile(w["previous"]),
        previous_not_time=re.compile(w["previous_not_time"]),
        current_time=re.compile(w["current_time"]),
        year_mention=re.compile(w["year_mention"]),
        flat=re.compile(w["flat"]),
        activity_units=frozenset(w["activity_units"]),
        activity_words=re.compile("|".join(re.escape(x) for x in sorted(w["activity_words"], key=len, reverse=True))),
        aside=re.compile(w["aside"]),
        future=re.compile(w["future"]),
        total_markers=tuple(sorted(w["total_markers"], key=len, reverse=True)),
        breakdown_markers=tuple(w["breakdown_markers"]),
        open_list_markers=tuple(w["open_list_markers"]),
        breakdown_stops=tuple(w["breakdown_stops"]),
        each_words=re.compile(w["each_words"]),
        rate_topics=tuple(sorted(((word, topic) for topic, words in w["rate_topics"].items() for word in words),
                                 key=lambda x: -len(x[0]))),
        self_words={k: tuple(v) for k, v in w["self_words"].items()},
        body_suffixes=tuple(sorted(w["body_suffixes"], key=len, reverse=True)),
        place_suffixes=tuple(sorted(w["place_suffixes"], key=len, reverse=True)),
        generic_place_words=frozenset(w["generic_place_words"]),
        one_char_places=frozenset(w["one_char_places"]),
        name_stops=re.compile(w["name_stops"]),
        name_prefix_words=tuple(sorted(w["name_prefix_words"], key=len, reverse=True)),
        name_verb_words=frozenset(w["name_verb_words"]),
        cooperation_words=tuple(sorted(w["cooperation_words"], key=len, reverse=True)),
        placeholders=tuple(re.compile(p) for p in w["placeholders"]),
        markdown=tuple(re.compile(p) for p in w["markdown"]),
        llm_leftovers=tuple(re.compile(p) for p in w["llm_leftovers"]),
        traditional={ord(pair[0]): pair[1] for pair in trad},
    )


__all__ = ["CLAUSE_BREAK", "GAP", "SENTINEL", "UNIT_CLASSES", "Lexicon", "Metric", "Phrase", "compile_phrase", "load_lexicon"]
