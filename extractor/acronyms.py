"""Acronym definitions: "long form (SHORT)", "SHORT (long form)", "X, short for Y".

The parenthesis constructions follow Schwartz & Hearst (2003): a short-form candidate in
parentheses, a window of words before it, and a right-to-left character match that must start
each word the long form keeps. Cue constructions ("short for") are regexes in
patterns/acronyms.toml.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import regex
from pydantic import field_validator, model_validator

from .patterns import PatternRule, compile_regex, regex_validator
from .record import Acronym

KIND = "acronyms"

PAREN = regex.compile(r"\(([^()]{1,120})\)")
WORD = regex.compile(r"[^\s]+")


class Rule(PatternRule):
    construction: Literal["long-short", "short-long"] | None = None
    regex: str | None = None
    max_short_len: int = 12

    @field_validator("regex")
    @classmethod
    def _compiles(cls, v: str | None) -> str | None:
        if v is not None:
            regex_validator(v)
            if "(?P<short>" not in v or "(?P<long>" not in v:
                raise ValueError("regex: needs (?P<short>...) and (?P<long>...) groups")
        return v

    @model_validator(mode="after")
    def _one_job(self) -> Rule:
        if bool(self.construction) == bool(self.regex):
            raise ValueError("an acronyms rule has either 'construction' or 'regex'")
        return self


@dataclass
class Pair:
    short: str
    long: str
    start: int
    end: int
    long_start: int
    long_end: int
    pattern: str


def is_short_form(s: str, max_len: int) -> bool:
    """S&H: 2..max_len characters, first is alphanumeric, holds a letter, at most two words."""
    if not (2 <= len(s) <= max_len) or not s[0].isalnum():
        return False
    if not any(c.isalpha() for c in s) or len(s.split()) > 2:
        return False
    # An all-lowercase word is not an acronym ("(e.g.)", "(see)") unless short and mixed with digits.
    return any(c.isupper() for c in s) or any(c.isdigit() for c in s)


def best_long_form(short: str, candidate: str) -> int | None:
    """S&H's match: index into ``candidate`` where the long form starts, or None.

    Walk the short form right to left; each character must be found in the candidate further
    left, and the first character of the short form must start a word.
    """
    s = [c.lower() for c in short if c.isalnum()]
    if not s:
        return None
    s_idx = len(s) - 1
    l_idx = len(candidate) - 1
    while s_idx >= 0:
        c = s[s_idx]
        while l_idx >= 0 and (
            candidate[l_idx].lower() != c
            or (s_idx == 0 and l_idx > 0 and candidate[l_idx - 1].isalnum())
        ):
            l_idx -= 1
        if l_idx < 0:
            return None
        l_idx -= 1
        s_idx -= 1
    start = l_idx + 1
    # move back to the word start
    while start > 0 and candidate[start - 1].isalnum():
        start -= 1
    return start


class AcronymExtractor:
    def __init__(self, rules: list[Rule]):
        self.rules = rules
        self.constructions = {r.construction: r for r in rules if r.construction}
        self.cues = [(r, compile_regex(r.regex)) for r in rules if r.regex]

    def find(self, text: str) -> list[Pair]:
        pairs: list[Pair] = []
        if "(" in text:
            for m in PAREN.finditer(text):
                pair = self._paren(text, m)
                if pair:
                    pairs.append(pair)
        for rule, rx in self.cues:
            for m in rx.finditer(text):
                s0, s1 = m.span("short")
                l0, l1 = m.span("long")
                if any(p.start == s0 for p in pairs):
                    continue
                pairs.append(Pair(text[s0:s1], text[l0:l1], s0, s1, l0, l1, f"{KIND}.{rule.id}"))
        pairs.sort(key=lambda p: p.start)
        return pairs

    def _paren(self, text: str, m: regex.Match) -> Pair | None:
        inner = m.group(1).strip()
        inner_start = m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip()))
        rule = self.constructions.get("long-short")
        # "long form (SHORT)": the short form may be followed by ", ..." or "; ..." inside the parens.
        head = regex.split(r"[,;]\s", inner, maxsplit=1)[0].strip()
        if rule and is_short_form(head, rule.max_short_len):
            words_before = list(WORD.finditer(text, max(0, m.start() - 300), m.start()))
            n = min(len(head) + 5, len(head) * 2)
            window = words_before[-n:]
            if window:
                cand_start = window[0].start()
                candidate = text[cand_start : m.start()].rstrip()
                idx = best_long_form(head, candidate)
                if idx is not None:
                    long_start = cand_start + idx
                    long_end = cand_start + len(candidate)
                    long = text[long_start:long_end]
                    if len(long) > len(head) and len(long.split()) <= len(head) + 5:
                        return Pair(head, long, inner_start, inner_start + len(head), long_start, long_end,
                                    f"{KIND}.{rule.id}")
        rule = self.constructions.get("short-long")
        if rule:
            before = regex.search(r"([\w\-]+)\s*$", text[: m.start()])
            if before and is_short_form(before.group(1), rule.max_short_len) and len(inner.split()) >= 2:
                short = before.group(1)
                if best_long_form(short, inner) == 0:
                    s0 = before.start(1)
                    return Pair(short, inner, s0, s0 + len(short), inner_start, inner_start + len(inner),
                                f"{KIND}.{rule.id}")
        return None


def to_items(pairs: list[Pair], field: str) -> list[Acronym]:
    return [
        Acronym(short=p.short, long=p.long, field=field, start=p.start, end=p.end,
                long_start=p.long_start, long_end=p.long_end, pattern=p.pattern)
        for p in pairs
    ]
