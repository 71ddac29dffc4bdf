"""The grammar's word lists (lexicon/grammar.yaml), compiled once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's loader: the same result, several times faster


@dataclass(frozen=True)
class Subject:
    name: str
    words: tuple[str, ...]
    not_before: tuple[str, ...]
    not_after: tuple[str, ...]
    facts: dict[str, tuple[str, ...]]  # slot → candidate fact ids, first existing one used


@dataclass(frozen=True)
class Outcome:
    name: str
    words: tuple[str, ...]
    slots: tuple[str, ...]


@dataclass(frozen=True)
class Grammar:
    subjects: dict[str, Subject]
    document_verbs: dict[str, tuple[str, ...]]
    decision_verbs: tuple[str, ...]
    outcomes: dict[str, Outcome]
    outcome_frames: tuple[str, ...]
    negations: tuple[str, ...]
    negation_exceptions: tuple[str, ...]
    quantifiers: tuple[str, ...]
    scope_links: tuple[str, ...]
    comparisons: tuple[re.Pattern[str], ...]
    request_rates: re.Pattern[str]
    share: re.Pattern[str]
    directions: dict[str, tuple[str, ...]]
    contrast: str
    other_topics: tuple[str, ...]


def _longest(words: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def load_grammar() -> Grammar:
    raw: dict[str, Any] = yaml.load(  # noqa: S506 - the safe loader, in C when libyaml is there
        resources.files("drafter.lexicon").joinpath("grammar.yaml").read_text("utf-8"), Loader=SAFE_LOADER
    )
    subjects = {
        name: Subject(
            name, _longest(s["words"]), tuple(s.get("not_before") or ()), tuple(s.get("not_after") or ()),
            {slot: tuple(ids) for slot, ids in s["facts"].items()},
        )
        for name, s in raw["subjects"].items()
    }
    outcomes = {name: Outcome(name, _longest(o["words"]), tuple(o["slots"])) for name, o in raw["outcomes"].items()}
    return Grammar(
        subjects=subjects,
        document_verbs={k: _longest(v) for k, v in raw["document_verbs"].items()},
        decision_verbs=_longest(raw["decision_verbs"]),
        outcomes=outcomes,
        outcome_frames=_longest(raw["outcome_frames"]),
        negations=_longest(raw["negations"]),
        negation_exceptions=tuple(raw["negation_exceptions"]),
        quantifiers=_longest(raw["quantifiers"]),
        scope_links=_longest(raw["scope_links"]),
        comparisons=tuple(re.compile(p) for p in raw["comparisons"]),
        request_rates=re.compile(raw["request_rates"]),
        share=re.compile(raw["share"]),
        directions={k: _longest(v) for k, v in raw["directions"].items()},
        contrast=raw["contrast"],
        other_topics=_longest([str(x) for x in raw["other_topics"]]),
    )
