"""Method names: what the paper calls its own contribution.

Cues are data (patterns/method.toml): a title prefix before a colon, "we propose X",
"called/named/dubbed X", "X, a novel ...". A defined acronym whose long form or short form sits
at a cue gives the name its ``long_form``.
"""

from __future__ import annotations

from typing import Literal

import regex
from pydantic import field_validator

from .acronyms import Pair
from .patterns import PatternRule, compile_regex, regex_validator
from .record import Method

KIND = "method"


class Rule(PatternRule):
    regex: str
    applies_to: Literal["title", "abstract"] = "abstract"
    not_names: list[str] = []

    @field_validator("regex")
    @classmethod
    def _compiles(cls, v: str) -> str:
        regex_validator(v)
        if "(?P<name>" not in v:
            raise ValueError("regex: needs a (?P<name>...) group")
        return v


class MethodExtractor:
    def __init__(self, rules: list[Rule]):
        self.rules = [(r, compile_regex(r.regex)) for r in rules]
        self.not_names = {n.lower() for r in rules for n in r.not_names}

    def find(self, title: str, abstract: str, acronyms: dict[str, list[Pair]]) -> list[Method]:
        found: dict[str, Method] = {}
        texts = {"title": title, "abstract": abstract}
        for rule, rx in self.rules:
            text = texts[rule.applies_to]
            for m in rx.finditer(text):
                s0, s1 = m.span("name")
                name = text[s0:s1].strip()
                if not name or name.lower() in self.not_names or name.lower() in found:
                    continue
                s1 = s0 + len(name)
                long_form = _long_form(name, s0, acronyms)
                if long_form is None and rule.applies_to == "abstract":
                    # "we propose Long Form (LF)": the cue points at the long form; name the acronym.
                    pair = next((p for p in acronyms["abstract"] if p.long_start == s0), None)
                    if pair is not None:
                        name, s0, s1, long_form = pair.short, pair.start, pair.end, pair.long
                found[name.lower()] = Method(
                    name=name, long_form=long_form, field=rule.applies_to, start=s0, end=s1,
                    pattern=f"{KIND}.{rule.id}", cue=m.group(0)[: s0 - m.start()].strip() or None,
                )
        return list(found.values())


def _long_form(name: str, start: int, acronyms: dict[str, list[Pair]]) -> str | None:
    for pairs in acronyms.values():
        for p in pairs:
            if p.short == name:
                return p.long
    return None
