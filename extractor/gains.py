"""Reported gains: numbers with units, ranges, before→after pairs, direction, and what the gain is
about (metric, baseline, benchmark) from the same sentence.

Data: patterns/gains.toml. Rules are of four sorts, told apart by the field they set:
- ``macros``: named regex pieces (``<<NUM>>``) substituted into every construction;
- ``units``: surface unit → unit name; ``words``: number words → value;
- ``down_words``: words that make a gain a decrease;
- ``regex``: a construction, tried in file order; a later construction never overlaps an
  earlier one's text. Groups: ``value``, ``value_max``, ``from``, ``to``, ``unit``, ``qualifier``,
  ``text`` (the gain's minimal text when narrower than the match), ``baseline``, ``metric``.
- ``context``: sentence-level regexes with a ``baseline`` or ``metric`` group, used to fill those
  fields for gains whose construction did not capture them.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Literal

import regex
from pydantic import model_validator
from spacy.tokens import Doc

from .patterns import PatternRule, compile_regex
from .record import Gain

KIND = "gains"
MACRO = regex.compile(r"<<([A-Z_]+)>>")


class Rule(PatternRule):
    macros: dict[str, str] = {}
    units: dict[str, Literal["percent", "points", "times", "orders"]] = {}
    words: dict[str, float] = {}
    down_words: list[str] = []
    regex: str | None = None
    context: Literal["baseline", "metric"] | None = None
    unit: Literal["percent", "points", "times", "orders"] | None = None
    direction: Literal["up", "down"] | None = None

    @model_validator(mode="after")
    def _one_job(self) -> Rule:
        jobs = [bool(self.macros), bool(self.units), bool(self.words), bool(self.down_words), bool(self.regex)]
        if sum(jobs) != 1:
            raise ValueError("a gains rule sets exactly one of macros, units, words, down_words, regex")
        if self.context and not self.regex:
            raise ValueError("'context' goes with 'regex'")
        return self


@dataclass
class _Construction:
    rule: Rule
    rx: regex.Pattern


def _expand(pattern: str, macros: dict[str, str], rule_id: str) -> str:
    def sub(m: regex.Match) -> str:
        if m.group(1) not in macros:
            raise ValueError(f"gains.{rule_id}: unknown macro <<{m.group(1)}>>")
        return f"(?:{macros[m.group(1)]})"

    for _ in range(5):  # macros may use macros
        pattern = MACRO.sub(sub, pattern)
    return pattern


class GainExtractor:
    def __init__(self, rules: list[Rule]):
        macros: dict[str, str] = {}
        self.units: dict[str, str] = {}
        self.words: dict[str, float] = {}
        self.down = set()
        for r in rules:
            macros.update(r.macros)
            self.units.update({k.lower(): v for k, v in r.units.items()})
            self.words.update({k.lower(): v for k, v in r.words.items()})
            self.down.update(w.lower() for w in r.down_words)
        self.constructions = []
        self.context: list[_Construction] = []
        for r in rules:
            if r.regex:
                c = _Construction(r, compile_regex(_expand(r.regex, macros, r.id), regex.IGNORECASE))
                (self.context if r.context else self.constructions).append(c)
        self.down_rx = regex.compile(
            r"\b(?:" + "|".join(sorted(map(regex.escape, self.down), key=len, reverse=True)) + r")\b",
            regex.IGNORECASE,
        ) if self.down else None

    def number(self, s: str | None) -> float | None:
        if s is None:
            return None
        t = s.strip().lower().replace(",", "").replace("\u2212", "-").replace("−", "-")
        t = t.removeprefix("a ").removeprefix("an ").strip()
        if t in self.words:
            return self.words[t]
        try:
            return float(t)
        except ValueError:
            return None

    def _unit(self, m: regex.Match, rule: Rule) -> str | None:
        if rule.unit:
            return rule.unit
        u = m.groupdict().get("unit")
        if u is None:
            return None
        u = " ".join(u.lower().split())
        return self.units.get(u) or self.units.get(u.lstrip("-"))

    def find(self, doc: Doc, field: str, benchmarks: list[tuple[int, int, str]]) -> list[Gain]:
        text = doc.text
        if not any(ch.isdigit() for ch in text) and "order" not in text and "doubl" not in text:
            return []
        sent_starts = [s.start_char for s in doc.sents]
        sent_ends = [s.end_char for s in doc.sents]
        taken: list[tuple[int, int]] = []
        gains: list[Gain] = []
        for c in self.constructions:
            for m in c.rx.finditer(text):
                g = m.groupdict()
                start, end = m.span("text") if g.get("text") is not None else m.span()
                if any(s < end and start < e for s, e in taken):
                    continue
                unit = self._unit(m, c.rule)
                if unit is None:
                    continue
                value = self.number(g.get("value"))
                frm, to = self.number(g.get("from")), self.number(g.get("to"))
                if value is None and (frm is None or to is None):
                    continue
                si = bisect.bisect_right(sent_starts, start) - 1
                s_start, s_end = sent_starts[si], sent_ends[si]
                direction = c.rule.direction or self._direction(text, s_start, start, end, frm, to)
                taken.append((start, end))
                gains.append(
                    Gain(
                        text=text[start:end],
                        value=value,
                        value_max=self.number(g.get("value_max")),
                        unit=unit,
                        direction=direction,
                        **{"from": frm},
                        to=to,
                        qualifier=_clean(g.get("qualifier")),
                        metric=_clean(g.get("metric")) or self._context(text, s_start, s_end, start, "metric"),
                        baseline=_clean(g.get("baseline")) or self._context(text, s_start, s_end, start, "baseline"),
                        benchmark=next((n for b0, b1, n in benchmarks if s_start <= b0 and b1 <= s_end), None),
                        field=field,
                        start=start,
                        end=end,
                        pattern=f"{KIND}.{c.rule.id}",
                    )
                )
        gains.sort(key=lambda x: x.start)
        return gains

    def _direction(self, text: str, s_start: int, start: int, end: int, frm: float | None, to: float | None) -> str:
        if frm is not None and to is not None:
            return "down" if to < frm else "up"
        if self.down_rx is None:
            return "up"
        # The verb or noun that says "less" sits just before the number or right after its unit.
        window = text[max(s_start, start - 60) : min(len(text), end + 25)]
        return "down" if self.down_rx.search(window) else "up"

    def _context(self, text: str, s_start: int, s_end: int, at: int, what: str) -> str | None:
        """The nearest baseline/metric phrase stated in the same sentence, before or after the gain."""
        best: tuple[int, str] | None = None
        sentence = text[s_start:s_end]
        for c in self.context:
            if c.rule.context != what:
                continue
            for m in c.rx.finditer(sentence):
                value = _clean(m.group(what))
                if not value:
                    continue
                distance = abs(s_start + m.start(what) - at)
                if best is None or distance < best[0]:
                    best = (distance, value)
        return best[1] if best else None


def _clean(s: str | None) -> str | None:
    if s is None:
        return None
    s = " ".join(s.split()).strip(" ,;:")
    return s or None
