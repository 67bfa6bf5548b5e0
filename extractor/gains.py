"""Reported gains: numbers with units, ranges, before→after pairs, direction, and what the gain is
about (metric, baseline, benchmark) from the same sentence.

Data: patterns/gains.toml. Every rule does one job, told apart by the field it sets:
- ``macros``: named regex pieces (``<<NUM>>``) substituted into every regex;
- ``units``: surface unit (or scale word such as "absolute") → unit name; ``words``: number words;
- ``down_words`` / ``up_words``: words that say which way a gain goes;
- ``regex`` alone: a construction, tried in file order; a later construction never overlaps an
  earlier one's text. Groups: ``value``, ``value_max``, ``from``, ``to``, ``unit``, ``scale``,
  ``sign``, ``qualifier``, ``text`` (the gain's minimal text when narrower than the match),
  ``metric``/``baseline`` (when the construction itself names them);
- ``regex`` + ``trigger``: where a gain may be (a number with a unit, an arrow, "doubles"); the
  constructions are tried only at word starts just before each trigger hit, which keeps the
  per-abstract cost near that of one regex pass;
- ``needs`` (literal lowercase words): a trigger is only tried where one of them occurs, and its
  regex starts at that word; a construction or veto only near an anchor with one of them close
  by (``NEEDS_AFTER`` characters past it); a context rule only on a sentence holding one;
- ``regex`` + ``veto``: text that is never a gain (e.g. "10-fold cross-validation");
- ``regex`` + ``follow``: a coordinated gain right after a found one ("by 5% on A and 7% on B");
  without a unit of its own it takes its head's ("by +5.2, +4.2 and +1.6"), and a bare % after a
  head in points is in points too ("an absolute gain of 34% and 10% respectively");
- ``regex`` + ``lead``: the same, right before a found one that starts with its number, for lists
  whose unit is written once after the last amount ("speeds it up 19.3/30.8/25.1 times"); the regex
  ends where the found gain starts (an end-of-text anchor), and it is tried only on the
  ``LEAD_REACH`` characters before it;
- ``join``: the gap that makes a magnitude and an adjacent before→after pair one gain;
- ``blank``: a regex for markup that never changes a claim's meaning (LaTeX math delimiters and
  font commands in "$\\mathbf{1.6\\times}$ faster"): the rules read each match as spaces, the gain's
  text keeps it;
- ``regex`` + ``context``: sentence-level regexes with a ``baseline`` or ``metric`` group, used to fill
  those fields from the gain's own sentence (nearest phrase wins).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

import regex
from pydantic import Field, model_validator
from spacy.tokens import Doc

from .patterns import PatternRule, RegexStr, compile_rule_regex, expand_macros
from .record import Gain
from .sentences import Sentences

KIND = "gains"
UnitName = Literal["percent", "points", "times", "orders"]
# How far back a direction word may sit from the number it governs ("reduces training costs by 8x").
DIRECTION_WINDOW = 70
# How far before a found gain the amount listed before it may start ("19.3/30.8/24.3/25.1 times"),
# and the signs such a gain may start with ("+5.6% / +6.9% / +7.0%").
LEAD_REACH = 24
SIGNS = "+-−"
# How far from a gain its baseline or metric may be stated.
CONTEXT_BEFORE, CONTEXT_AFTER = 240, 120
# How far past an anchor a construction's cue word may sit ("a 3x end-to-end latency reduction").
NEEDS_AFTER = 80
# How much farther a context phrase counts when a colon or semicolon stands between it and the gain.
CLAUSE_PENALTY = 60
# ...and when a bracket stands between them, where the bracket holds one and not the other: "higher
# performance (+1.0% in APr)" measures APr.
BRACKET_PENALTY = 8
# A score inside a phrase's construction ("an AUROC of 0.8955"): the bracketed change after it is that score's.
DIGIT = regex.compile(r"\d")
# Between the parts of a coordinated phrase, and between the amounts of one list ("by 3% and by 5%").
# Items of a list: "A, B and C", "A/B/C" (slashes list amounts and baselines alike: "by 18.0/19.6/6.6 AP").
COORDINATION = regex.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*/\s*")
LIST_GAP = regex.compile(rf"(?:{COORDINATION.pattern})(?:by\s+)?")
# Where a measure named after a list of amounts starts: "... and 3.2% in AUROC", "+9.4pp and +8.4pp of Jaccard".
TRAILING_MEASURE = regex.compile(r"\s+(?:in|on|of)\s+(?:terms\s+of\s+)?(?:the\s+)?")
# A measure of the model the work starts from: "the prediction accuracy of the original model".
OF_BASELINE = regex.compile(r"(?:the\s+)?(?P<what>\S.*?)\s+of\s+(?P<owner>(?:the|its|our|their)\s+(?:(?:original|base|vanilla|underlying|backbone|unmodified|initial)\s+\S+|(?:[\w-]+\s+)?counterparts?))")
# A "baseline" that is a measure of the thing compared: "match the performance of diffusion VLAs".
MEASURE_OF = regex.compile(r"(?:the\s+)?(?P<what>performance|accuracy|quality|efficiency|speed|results?|scores?)\s+of\s+(?P<owner>\S.*)")
BASELINE_WORD = regex.compile(r"(?i)\bbaselines?\b")
# Head nouns that coordinated modifiers share ("speaker and emotion similarity", "training and
# inference time"), and measures that stand alone before "and" ("accuracy and inference time").
SHARED_HEADS = frozenset({"similarity", "time", "cost", "costs", "rate", "rates", "score", "scores", "error", "errors", "loss"})
WHOLE_MEASURES = frozenset({"accuracy", "precision", "recall", "latency", "speed", "throughput", "memory", "performance",
                            "quality", "efficiency", "energy", "perplexity", "success", "robustness", "cost"})
# A parameter count in a name: "Llama-3-8B-Instruct", "Qwen2.5-7B", "BERT 340M".
MODEL_SIZE = regex.compile(r"(?<![\w.])\d+(?:\.\d+)?[BM](?!\w)")
# The words that tie a phrase to the amount before it: "4.5% in search-based QA".
POST_MODIFIER = regex.compile(r"\s*(?:in|on|for)\s+(?:terms\s+of\s+)?(?:the\s+)?")
# A clause of contrast between two gains: what is named after the second is not the first's.
CONTRAST_CLAUSE = regex.compile(r"\b(?:while|whilst|whereas|but)\b")
# The words that tie a baseline to the amount before it: "8% over a Zipformer model".
COMPARED_RIGHT_AFTER = regex.compile(r"\s+(?:over|than|compared\s+(?:to|with)|relative\s+to|versus|vs\.?|against)\s+")
# A baseline named with what it is measured on: "Alpaca's tool utilization performance".
POSSESSIVE = regex.compile(r"(?P<owner>[^\s'’]+)['’]s\s+(?P<what>\S.*)")
# The longest stretch a construction may cover.
MATCH_WINDOW = 240
# A word opening the bracket before a before→after pair: "(Pass@1 from 74.3% to 43.5%)" names what changed.
BRACKET_NAME = regex.compile(r"[(\[]\s*([\w@.-]+)\s+$")
# Where a construction may start: after a space or bracket, or at the number itself (or at a sign
# after a percentage and a slash: "+36.11%/+34.21%").
CANDIDATE = regex.compile(r"(?<![^\s(\[])[^\s(\[]|(?<=%/)[+−]")
SPEED_VERB = regex.compile(r"(?i)(?:speeds?|sped|speeding)\s+up\b|accelerat")
# One capitalised token with a capital after lower-case letters: "LoopNest", "TabPFNv2", "LLaVA".
SYSTEM_NAME = regex.compile(r"\p{Lu}[\w.+-]*\p{Ll}[\w.+-]*\p{Lu}[\w.+-]*|\p{Lu}+\p{Ll}+\p{Lu}[\w.+-]*")
# A sentence end with a footnote mark glued between it and the next sentence ("efficiency.111The").
# A scale word inside an amount's own text ("4.0% relative", "an absolute 14%").
SCALE_WORD = regex.compile(r"(?i)\b(?:absolute|relative)(?:ly)?\b")
LISTED_ABSOLUTE = regex.compile(r"(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)\d+(?:\.\d+)?\s*%)+\s*absolute(?:ly)?\b(?!\s+(?:to|error|value|position|difference|deviation))")
GLUED_FOOTNOTE = regex.compile(r"(?<=\p{Ll})\.\d{1,4}(?=\p{Lu})")
CLAUSE_BREAK = regex.compile(r"[;:]|\.\s")
# A gain written as its amount alone ("23.7%" before "/21.9% ADE/FDE improvement"): no word of its own.
BARE_AMOUNT = regex.compile(r"[^\p{L}]*(?:x|×|pp|pts?|points?|times|fold)?")
# ...and one written without any unit ("2.1767").
UNITLESS_AMOUNT = regex.compile(r"\d+(?:\.\d+)?")


class Rule(PatternRule):
    macros: dict[str, str] = {}
    units: dict[str, UnitName] = {}
    words: dict[str, float] = {}
    down_words: list[str] = []
    up_words: list[str] = []
    regex: RegexStr | None = None
    join: RegexStr | None = None
    blank: RegexStr = ""
    trigger: bool = False
    veto: bool = False
    follow: bool = False
    lead: bool = False
    context: Literal["baseline", "metric"] | None = None
    unit: UnitName | None = None
    default_unit: UnitName | None = None
    only_units: list[UnitName] = []
    needs: list[str] = []
    # How far before a trigger hit the construction may start ("saves up to 46%"): every start
    # tried is a regex call, so constructions that begin at the number keep this short. Unset, the
    # rule is run over the whole text instead (any construction works, at the cost of a full scan).
    reach: int | None = Field(default=None, ge=0, le=200)
    # A context phrase's distance handicap (characters) when it competes with other rules' phrases.
    penalty: int = Field(default=0, ge=0)
    direction: Literal["up", "down"] | None = None
    value: float | None = Field(default=None, description="the value when the words fix it ('in half')")

    @model_validator(mode="after")
    def _one_job(self) -> Rule:
        jobs = [self.macros, self.units, self.words, self.down_words or self.up_words, self.regex, self.join, self.blank]
        if sum(bool(j) for j in jobs) != 1:
            raise ValueError("a gains rule sets exactly one of macros, units, words, down_words/up_words, regex, join, blank")
        roles = [self.trigger, self.veto, self.follow, self.lead, bool(self.context)]
        if sum(roles) > 1:
            raise ValueError("a gains rule is at most one of trigger, veto, follow, lead, context")
        if any(roles) and not self.regex:
            raise ValueError("trigger, veto, follow, lead and context go with 'regex'")
        return self


@dataclass
class _Construction:
    rule: Rule
    rx: regex.Pattern


@dataclass
class _Found:
    """A gain before its sentence context is filled in."""

    start: int
    end: int
    value: float | None
    value_max: float | None
    unit: str
    direction: str
    frm: float | None
    to: float | None
    qualifier: str | None
    rule_id: str
    metric: str | None = None
    baseline: str | None = None


def _word_rx(words: set[str]) -> regex.Pattern | None:
    if not words:
        return None
    alts = "|".join(sorted(map(regex.escape, words), key=len, reverse=True))
    # Hyphenated compounds ("lower-level", "more-or-less") are not direction words.
    return regex.compile(rf"(?<![\w-])(?:{alts})(?![\w-])", regex.IGNORECASE)


class GainExtractor:
    def __init__(self, rules: list[Rule]):
        macros: dict[str, str] = {}
        self.units: dict[str, str] = {}
        self.words: dict[str, float] = {}
        down: set[str] = set()
        up: set[str] = set()
        blank: list[str] = []
        for r in rules:
            if r.blank:
                blank.append(r.blank)
            macros.update(r.macros)
            self.units.update({_fold(k).replace("-", " "): v for k, v in r.units.items()})
            self.words.update({_fold(k): v for k, v in r.words.items()})
            down.update(w.lower() for w in r.down_words)
            up.update(w.lower() for w in r.up_words)
        self.constructions: list[_Construction] = []
        self.triggers: list[_Construction] = []
        self.vetoes: list[_Construction] = []
        self.follows: list[_Construction] = []
        self.leads: list[_Construction] = []
        self.context: dict[str, list[_Construction]] = {"baseline": [], "metric": []}
        self.joins: list[tuple[Rule, regex.Pattern]] = []
        for r in rules:
            if r.join:
                self.joins.append((r, compile_rule_regex(expand_macros(r.join, macros, f"{KIND}.{r.id}"), r, KIND, regex.IGNORECASE)))
            if not r.regex:
                continue
            c = _Construction(r, compile_rule_regex(expand_macros(r.regex, macros, f"{KIND}.{r.id}"), r, KIND, regex.IGNORECASE))
            if r.trigger:
                self.triggers.append(c)
            elif r.veto:
                self.vetoes.append(c)
            elif r.follow:
                self.follows.append(c)
            elif r.lead:
                self.leads.append(c)
            elif r.context:
                self.context[r.context].append(c)
            else:
                self.constructions.append(c)
        self.reach = max([c.rule.reach or 0 for c in self.constructions + self.vetoes], default=0)
        self.scanning = any(c.rule.reach is None for c in self.constructions + self.vetoes)
        self.down_rx = _word_rx(down)
        self.up_rx = _word_rx(up)
        self.blank = regex.compile("|".join(f"(?:{b})" for b in blank)) if blank else None

    # -- numbers and units -------------------------------------------------------------------

    def number(self, s: str | None) -> float | None:
        if s is None:
            return None
        t = _fold(s).replace(",", "").replace("\u2212", "-")
        if t in self.words:
            return self.words[t]
        try:
            return abs(float(t))
        except ValueError:
            return None

    def _unit(self, m: regex.Match, rule: Rule) -> str | None:
        if rule.unit:
            return rule.unit
        unit = None
        # The last unit written wins: "4.7% to 9.6% absolute points" is in points.
        for u in m.captures("unit") if "unit" in m.re.groupindex else []:
            key = _fold(u).lstrip("-").replace("-", " ")
            # A ranked score names its unit before the cut-off: "pass@1", "NDCG@10".
            unit = self.units.get(key) or self.units.get(key.split("@")[0]) or unit
        if unit is None:
            unit = rule.default_unit
        if "scale" in m.re.groupindex:
            for s in m.captures("scale"):
                if unit == "percent" and self.units.get(_fold(s)) == "points":
                    unit = "points"
        return unit

    # -- finding -----------------------------------------------------------------------------

    def find(self, doc: Doc, field: str, benchmarks: list[tuple[int, int, str]], text: str | None = None,
             sentences: Sentences | None = None) -> list[Gain]:
        """Gains in one field. ``text`` is ``doc.text`` when the caller has it (rebuilding it from the
        tokens costs more than finding the gains); the doc is only read for sentence bounds."""
        original = doc.text if text is None else text
        # Same length, so every offset found in ``text`` points into ``original``.
        text = (
            self.blank.sub(lambda m: " " * len(m[0]), original)
            if self.blank is not None and self.blank.search(original) else original
        )
        anchors = self._anchors(text)
        if not anchors and not self.scanning:
            return []
        found = self._constructions(text, anchors)
        if not found:
            return []
        sents = (sentences if sentences is not None else Sentences(doc, original))()
        found = [f for f in found if _one_sentence(f, sents)]
        found = self._follow(text, found, sents)
        found = self._join(text, found)
        # Context is read once per sentence, only as far around its gains as a phrase may sit.
        spans: dict[int, tuple[int, int]] = {}
        for f in found:
            si = _sentence(sents, f.start)
            lo, hi = spans.get(si, (f.start, f.end))
            spans[si] = (min(lo, f.start), max(hi, f.end))
        bench_ends = {b1 for _, b1, _ in benchmarks}
        phrases = {
            si: self._phrases(text, original, max(sents[si][0], lo - CONTEXT_BEFORE), min(sents[si][1], hi + CONTEXT_AFTER),
                              bench_ends)
            for si, (lo, hi) in spans.items()
        }
        nexts = [*found[1:], None]
        prevs = [None, *found[:-1]]
        gains = [self._gain(text, original, f, nxt, prv, field, sents, benchmarks, phrases)
                 for f, nxt, prv in zip(found, nexts, prevs)]
        for listed in _lists(gains, original):
            _share_trailing_measure(listed, original)
            _distribute(listed)
        return gains

    def _anchors(self, text: str) -> list[tuple[int, list[int]]]:
        """Trigger hits, each with the positions a construction covering it may start from."""
        low: str | None = None
        hits: set[int] = set()
        for t in self.triggers:
            if not t.rule.needs:
                hits.update(m.start() for m in t.rx.finditer(text))
                continue
            low = low if low is not None else text.lower()
            if len(low) != len(text):  # lowercasing moved offsets: scan the whole text instead
                hits.update(m.start() for m in t.rx.finditer(text))
                continue
            for word in t.rule.needs:
                at = low.find(word)
                while at >= 0:
                    if t.rx.match(text, at):
                        hits.add(at)
                    at = low.find(word, at + 1)
        anchors = []
        for a in sorted(hits):
            starts = [m.start() for m in CANDIDATE.finditer(text, max(0, a - self.reach), a)]
            anchors.append((a, [*starts, a] if not starts or starts[-1] != a else starts))
        return anchors

    def _constructions(self, text: str, anchors: list[tuple[int, list[int]]]) -> list[_Found]:
        taken: list[tuple[int, int]] = []
        memo: dict[tuple[int, int], regex.Match | None] = {}  # neighbouring anchors share starts
        low = text.lower()
        low = low if len(low) == len(text) else None  # lowercasing moved offsets: no cue pre-check
        for v in self.vetoes:
            for m in _matches(v, text, low, anchors, taken, memo):
                taken.append(m.span("veto") if m.groupdict().get("veto") is not None else m.span())
        found: list[_Found] = []
        for c in self.constructions:
            for m in _matches(c, text, low, anchors, taken, memo):
                f = self._from_match(text, m, c.rule)
                if f is None or any(s < f.end and f.start < e for s, e in taken):
                    continue
                taken.append((f.start, f.end))
                found.append(f)
        found.sort(key=lambda f: f.start)
        return found

    def _from_match(self, text: str, m: regex.Match, rule: Rule, head_unit: str | None = None) -> _Found | None:
        g = m.groupdict()
        start, end = m.span("text") if g.get("text") is not None else m.span()
        unit = self._unit(m, rule) or head_unit
        value = rule.value if rule.value is not None else self.number(g.get("value"))
        frm, to = self.number(g.get("from")), self.number(g.get("to"))
        if unit is None or (value is None and (frm is None or to is None)):
            return None
        if rule.only_units and unit not in rule.only_units:
            return None
        value_max = self.number(g.get("value_max"))
        if value is not None and value_max is not None and value_max <= value:
            value_max = None
        if frm is not None and to is not None:
            direction = "down" if to < frm else "up"
            if rule.direction and direction != rule.direction:
                return None  # "reduces cost 5% to 10%": numbers that go against the verb are no pair
        elif rule.direction:
            direction = rule.direction
        elif g.get("sign") and g["sign"] not in ("+", "↑"):
            direction = "down"
        elif g.get("sign") and self.down_rx is not None and not self.down_rx.search(text, start, end):
            direction = "up"  # a plus sign says it, whatever the words before ("on degradation tasks and +1.28 dB")
        else:
            quiet = m.spans("qualifier") if "qualifier" in m.re.groupindex else []
            direction = self._direction(text, start, end, quiet)
        qualifiers = m.captures("qualifier") if "qualifier" in m.re.groupindex else []
        return _Found(start, end, value, value_max, unit, direction, frm, to,
                      _clean(" ".join(qualifiers)), rule.id, _clean(g.get("metric")), _clean(g.get("baseline")))

    def _direction(self, text: str, start: int, end: int, quiet: list[tuple[int, int]] = ()) -> str:
        """The gain's own words first ("reduction", "fewer"), then the nearest direction word before
        it in the same clause ("reduces training costs by 8x"); up when nothing says otherwise.
        ``quiet`` spans (the qualifier: "more than", "less than") say nothing about direction."""
        own = text[start:end]
        for q0, q1 in quiet:
            a, b = max(q0, start) - start, min(q1, end) - start
            if a < b:
                own = own[:a] + " " * (b - a) + own[b:]
        for rx, name in ((self.down_rx, "down"), (self.up_rx, "up")):
            if rx is not None and rx.search(own):
                return name
        left = max(0, start - DIRECTION_WINDOW)
        breaks = list(CLAUSE_BREAK.finditer(text, left, start))
        if breaks:
            left = breaks[-1].end()
        best: tuple[int, str] | None = None
        for rx, name in ((self.down_rx, "down"), (self.up_rx, "up")):
            if rx is None:
                continue
            for m in rx.finditer(text, left, start):
                if best is None or m.start() > best[0]:
                    best = (m.start(), name)
        return best[1] if best else "up"

    def _follow(self, text: str, found: list[_Found], sents: list[tuple[int, int]]) -> list[_Found]:
        """Coordinated gains: "by 103% on WebShop and 75% on HotPotQA" has two, and so has
        "19.3/25.1 times" (an amount listed before a found one)."""
        if not self.follows and not self.leads:
            return found
        out: list[_Found] = []
        queue = list(found)
        taken = [(f.start, f.end) for f in found]
        listed: set[int] = set()  # the gains a follow rule found after another (by id)
        while queue:
            f = queue.pop(0)
            out.append(f)
            s_start, s_end = sents[_sentence(sents, f.start)]
            # tried lazily, in order, up to the first that yields a gain
            tries = ((c, c.rx.match(text, f.end, s_end), True) for c in self.follows)
            if text[f.start:f.start + 1].isdigit() or text[f.start:f.start + 1] in SIGNS:
                lo = max(s_start, f.start - LEAD_REACH)
                tries = itertools.chain(tries, ((c, c.rx.search(text, lo, f.start), False) for c in self.leads))
            for c, m, after in tries:
                if m is None:
                    continue
                nxt = self._from_match(text, m, c.rule, head_unit=f.unit)
                if nxt is None or any(s < nxt.end and nxt.start < e for s, e in taken):
                    continue
                if f.unit == "points" and nxt.unit == "percent" and not _says_relative(m):
                    nxt.unit = "points"  # "an absolute gain of 34% and 10%": the scale covers both
                elif nxt.unit == "percent" and id(f) in listed and "%" in text[f.start:f.end] \
                        and UNITLESS_AMOUNT.fullmatch(text, nxt.start, nxt.end):
                    # "by 83.14%, 0.5603%, and 2.1767": where the amounts listed before it wrote their %,
                    # a bare one left it out on purpose (a ratio's points)
                    nxt.unit = "points"
                if not self.down_rx or not self.down_rx.search(text, nxt.start, nxt.end):
                    nxt.direction = f.direction  # a bare coordinated number goes the way of its head
                taken.append((nxt.start, nxt.end))
                if after:
                    listed.add(id(nxt))
                queue.insert(0, nxt)
                break
        out.sort(key=lambda f: f.start)
        for f in out:
            if f.unit == "percent" and LISTED_ABSOLUTE.match(text, f.end) and not SCALE_WORD.search(text, f.start, f.end):
                f.unit = "points"  # "by 4.0%, 5% and 3.7% absolute": a scale after the last covers the list
        return out

    def _join(self, text: str, found: list[_Found]) -> list[_Found]:
        """"+12.7% (34.66% → 47.36%)" is one gain: a magnitude next to a before→after pair."""
        if not self.joins:
            return found
        out: list[_Found] = []
        for f in found:
            prev = out[-1] if out else None
            rule = self._joinable(text, prev, f) if prev else None
            if prev is None or rule is None:
                out.append(f)
                continue
            mag, pair = (prev, f) if prev.frm is None else (f, prev)
            end = f.end
            gap = text[prev.end : f.start]
            if "(" in gap and text[end : end + 1] == ")":
                end += 1
            named = BRACKET_NAME.search(gap)  # "a 30.8% drop (Pass@1 from 74.3% to 43.5%)"
            out[-1] = _Found(prev.start, end, mag.value, mag.value_max, mag.unit, pair.direction,
                             pair.frm, pair.to, mag.qualifier, rule.id,
                             named[1] if named else mag.metric or pair.metric, mag.baseline or pair.baseline)
        return out

    def _joinable(self, text: str, a: _Found, b: _Found) -> Rule | None:
        one_pair = (a.frm is None) != (b.frm is None)
        magnitude = a if a.frm is None else b
        if not one_pair or magnitude.value is None:
            return None
        for rule, rx in self.joins:
            if rx.fullmatch(text, a.end, b.start):
                return rule
        return None

    # -- sentence context --------------------------------------------------------------------

    def _gain(self, text: str, original: str, f: _Found, nxt: _Found | None, prv: _Found | None, field: str,
              sents: list[tuple[int, int]],
              benchmarks: list[tuple[int, int, str]], phrases: dict[int, list[_Phrase]]) -> Gain:
        si = _sentence(sents, f.start)
        s_start, s_end = sents[si]
        metric = f.metric or _closest(text, phrases[si], f, nxt, prv, "metric")
        baseline = f.baseline or _closest(text, phrases[si], f, nxt, prv, "baseline")
        owned = POSSESSIVE.fullmatch(baseline) if baseline and metric is None else None
        if owned is not None:
            # "surpasses Alpaca's tool utilization performance by 26 pts": Alpaca is compared, on that measure
            baseline, metric = owned.group("owner"), owned.group("what")
        owned = MEASURE_OF.fullmatch(baseline) if baseline else None
        if owned is not None:
            # "match the performance of diffusion VLAs, while reducing training time by 5x"
            baseline, metric = owned.group("owner"), metric or owned.group("what")
        owned = OF_BASELINE.fullmatch(metric) if metric and baseline is None else None
        if owned is not None:
            # "improved the prediction accuracy of the original model by 2.97%"
            baseline, metric = owned.group("owner"), owned.group("what")
        return Gain(
            text=original[f.start : f.end],
            value=f.value,
            value_max=f.value_max,
            unit=f.unit,
            direction=f.direction,
            **{"from": f.frm},
            to=f.to,
            qualifier=f.qualifier,
            metric=metric,
            baseline=baseline,
            benchmark=_nearest([(b0, b1, n) for b0, b1, n in benchmarks if s_start <= b0 and b1 <= s_end], f),
            field=field,
            start=f.start,
            end=f.end,
            pattern=f"{KIND}.{f.rule_id}",
        )

    def _phrases(self, text: str, original: str, s_start: int, s_end: int, bench_ends: set[int]) -> list[_Phrase]:
        """Every baseline/metric phrase the context rules find in this stretch of one sentence
        (matched in ``text``, quoted from ``original``). A measure that ends in a benchmark's name
        names where the gain is, not what improved ("GSM8K: +3.1%"): the gain's benchmark says that."""
        out = []
        low = text[s_start:s_end].lower()
        for what, rules in self.context.items():
            for c in rules:
                if c.rule.needs and not any(w in low for w in c.rule.needs):
                    continue
                for m in c.rx.finditer(text, s_start, s_end):
                    if what == "metric" and m.end(what) in bench_ends:
                        continue
                    s0, e0 = m.span(what)
                    glued = GLUED_FOOTNOTE.search(original, s0, e0)
                    if glued is not None:
                        e0 = glued.start()  # "in sampling efficiency.111The code ...": the sentence ended
                    raw = original[s0:e0]
                    if raw.count("(") > raw.count(")"):
                        # an aside opens inside it: "data selection runtime (i.e., ...", "(best at ..."
                        e0 = s0 + len(raw[: raw.rfind("(")].rstrip(" ,;:"))
                    value = _clean(original[s0:e0], strip_article=what == "metric")
                    if value and value.count(")") > value.count("("):
                        continue  # across a bracket's close: "Philosophy) and estimated gains"
                    if value:
                        kind = "baseline" if what == "metric" and (
                            _names_baseline(value) or _sped_up_system(m.group(0), value)) else what
                        if kind != what:
                            value = _clean(original[s0:e0])  # a baseline keeps its article: "the baseline results"
                        out.append(_Phrase(kind, s0, e0, value, c.rule.penalty, m.start(), m.end()))
        return out


def _names_baseline(measure: str) -> bool:
    """A "measure" that names what is compared: "improves the baseline results by 24.6%", or a model
    named with its size, "improves Llama-3-8B-Instruct by 7.65%" (not "the success rate of
    Llama-3.1-8B", a measure of it)."""
    return bool(BASELINE_WORD.search(measure) or MODEL_SIZE.search(measure) and " of " not in measure)


def _sped_up_system(match: str, measure: str) -> bool:
    """What a speed verb acts on, when it is a system's name, is the baseline it is compared with:
    "LoopTune speeds up LoopNest by 3.2x" (not "speeds up decoding by 2x", a measure)."""
    return SPEED_VERB.match(match) is not None and SYSTEM_NAME.fullmatch(measure) is not None


@dataclass
class _Phrase:
    what: str
    start: int
    end: int
    value: str
    penalty: int
    match_start: int  # where the rule's whole match starts: "improvement in X" starts at "improvement"
    match_end: int  # ...and ends: "an AUROC of 0.8955" ends at the score its bracketed change follows


def _lists(gains: list[Gain], text: str) -> Iterator[list[Gain]]:
    """Runs of two or more gains listed together ("by 23.5% and 11.3%", "12, 8 and 5%")."""
    i = 0
    while i < len(gains):
        j = i + 1
        while j < len(gains) and LIST_GAP.fullmatch(text, gains[j - 1].end, gains[j].start):
            j += 1
        if j - i >= 2:
            yield gains[i:j]
        i = j


def _share_trailing_measure(listed: list[Gain], text: str) -> None:
    """Amounts listed together and followed by "in X" (or "of X") are all in X: "improve by 2.8% and 3.2% in
    AUROC", "with improvements of 4.03% and 6.32% in FPR95, respectively" (the measure named before
    the list, or the subject, is another clause's); so are those before a last one that names it."""
    last = listed[-1]
    if not last.metric:
        return
    after = TRAILING_MEASURE.match(text, last.end)
    named_after = after is not None and text.startswith(last.metric, after.end()) \
        and COORDINATION.search(last.metric) is None
    # ...or named inside the last one, before its gain noun: "23.7%/21.9% ADE/FDE improvement" (split
    # between them when it is coordinated, as any shared phrase is)
    named_inside = all(g.metric is None and BARE_AMOUNT.fullmatch(text, g.start, g.end) for g in listed[:-1]) \
        and text.find(last.metric, last.start, last.end) >= 0
    if named_after or named_inside:
        for g in listed[:-1]:
            g.metric = last.metric


def _distribute(listed: list[Gain]) -> None:
    """Gains listed together that share one coordinated phrase take its parts in order ("beats A and
    B by 23.5% and 11.3%", "24.43% and 29.26% in Recall@10 and NDCG@10"): one part per gain."""
    for what in ("baseline", "metric"):
        phrase = getattr(listed[0], what)
        if phrase is None or any(getattr(g, what) != phrase for g in listed):
            continue
        parts = [p for p in COORDINATION.split(phrase) if p]
        # "imitation and reinforcement learning methods": one head shared, not two baselines
        shared_head = what == "baseline" and any(p.islower() and " " not in p for p in parts[:-1])
        head = parts[-1].rsplit(" ", 1)[-1] if " " in parts[-1] else None
        if what == "metric" and len(parts) == len(listed) and head in SHARED_HEADS \
                and all(p.islower() and " " not in p and p not in WHOLE_MEASURES for p in parts[:-1]):
            # "speaker and emotion similarity by 16.1% and 1.5%", "training and inference time": each
            # measure takes the shared head (not "accuracy and inference time": accuracy is a measure)
            parts = [*(f"{p} {head}" for p in parts[:-1]), parts[-1]]
        if len(parts) == len(listed) and all(len(p.split()) <= 6 for p in parts) and not shared_head:
            for g, part in zip(listed, parts):
                setattr(g, what, part)


def _closest(text: str, phrases: list[_Phrase], f: _Found, nxt: _Found | None, prv: _Found | None,
             what: str) -> str | None:
    """The nearest phrase of that kind within ``CONTEXT_BEFORE``/``CONTEXT_AFTER`` characters of the
    gain: long sentences list many results, and the phrase that belongs to this one sits next to it.
    A phrase between this gain and the next one (``nxt``) whose construction starts nearer the next
    belongs to it ("beats X by 2.4, while reducing token use by 78%": token use is the second gain's). A phrase across a
    colon or semicolon from the gain counts as farther ("gains in planning: 53% in recall"). Ties go
    to the earlier rule."""
    best: tuple[int, str] | None = None
    for p in phrases:
        if p.what != what or p.end < f.start - CONTEXT_BEFORE or p.start > f.end + CONTEXT_AFTER:
            continue
        # measured from where the phrase's construction starts: "3% improvement in X and 1% ..." gives X to 3%
        if nxt is not None and f.end <= p.start and p.end <= nxt.start and nxt.start - p.end < p.match_start - f.end:
            continue
        # ...as is one whose construction holds the score that the bracket after it changes ("an AUPRC
        # of 0.6156 (+36.41%) and an AUROC of 0.8955 (+7.64%)": AUROC is the second's; "87.18%AP on X (+2.22%)")
        if (nxt is not None and f.end <= p.match_start and p.match_end <= nxt.start
                and text[p.match_end:nxt.start].strip() == "("
                and (DIGIT.search(text, p.match_start, p.start) or DIGIT.search(text, p.end, p.match_end))):
            continue
        # ...and one between the previous gain and this one whose construction starts right after
        # the previous gain is that gain's ("4.5% in search-based QA, 7.7% in code generation")
        if (prv is not None and p.end <= f.start and POST_MODIFIER.fullmatch(text, prv.end, p.start)
                and LIST_GAP.fullmatch(text, p.end, f.start)):
            continue
        if nxt is not None and nxt.start <= p.start and p.end <= nxt.end:
            continue  # inside the next gain's own words ("2x speedups and 12x memory savings")
        if what == "metric" and nxt is not None and nxt.end <= p.start and CONTRAST_CLAUSE.search(text, f.end, nxt.start):
            continue  # past the next gain, in another clause: "0.39 dB gains ... while containing 26% fewer parameters"
        distance = _distance(p.start, p.end, f) + p.penalty
        if f.start <= p.match_start < f.end <= p.start:
            distance = -1  # the gain's own words go on to name it: "a 5.66% improvement in coverage"
        if f.start < p.start and p.end < f.end and p.value.strip():
            distance = -2  # ...and the measure inside them comes first: "a 5% AUC improvement in the CTR scenario"
        if what == "baseline" and f.end <= p.start and COMPARED_RIGHT_AFTER.fullmatch(text, f.end, p.start):
            distance = min(distance, -1)  # compared right after the amount: "... and 8% over a Zipformer model"
        gap = text[p.end : f.start] if p.end <= f.start else text[f.end : p.start]
        if ":" in gap or ";" in gap:
            distance += CLAUSE_PENALTY
        if "(" in gap or ")" in gap:
            distance += BRACKET_PENALTY
        if best is None or distance < best[0]:
            best = (distance, p.value)
    return best[1] if best else None


def _matches(c: _Construction, text: str, low: str | None, anchors: list[tuple[int, list[int]]],
             taken: list[tuple[int, int]], memo: dict[tuple[int, int], regex.Match | None]):
    """The rule's matches: around each anchor not yet taken and with one of the rule's cue words
    close by, or over the whole text for a rule without ``reach``."""
    if c.rule.reach is None:
        yield from c.rx.finditer(text)
        return
    needs = c.rule.needs if low is not None else None
    for a, starts in anchors:
        if any(s <= a < e for s, e in taken):
            continue
        if needs:
            near = low[max(0, a - c.rule.reach) : a + NEEDS_AFTER]
            if not any(w in near for w in needs):
                continue
        m = _covering(c, text, a, starts, memo)
        if m is not None:
            yield m


def _covering(c: _Construction, text: str, anchor: int, starts: list[int],
              memo: dict[tuple[int, int], regex.Match | None]) -> regex.Match | None:
    """The leftmost match of the rule that starts at one of ``starts`` (at most the rule's ``reach``
    characters before ``anchor``) and covers ``anchor``.

    These anchored calls are many and short, and the regex timeout costs more than the match
    itself, so they use the bare compiled pattern on a bounded window instead: no construction
    may run past ``MATCH_WINDOW`` characters after its start, which bounds any backtracking; and
    neighbouring anchors share starts, so each (rule, start) is matched once (``memo``)."""
    raw = getattr(c.rx, "rx", c.rx)
    lo = anchor - c.rule.reach
    for p in starts:
        if p < lo:
            continue
        key = (id(c), p)
        if key not in memo:
            memo[key] = raw.match(text, p, min(len(text), p + MATCH_WINDOW))
        m = memo[key]
        if m is not None and m.start() <= anchor < m.end():
            return m
    return None


def _says_relative(m: regex.Match) -> bool:
    return "scale" in m.re.groupindex and any(s.lower() == "relative" for s in m.captures("scale"))



def _distance(start: int, end: int, f: _Found) -> int:
    if end <= f.start:
        return f.start - end
    if start >= f.end:
        return start - f.end
    return 0


def _nearest(items: list[tuple[int, int, str]], f: _Found) -> str | None:
    return min(items, key=lambda b: _distance(b[0], b[1], f))[2] if items else None


def _sentence(sents: list[tuple[int, int]], at: int) -> int:
    # A key, not a list of starts: this runs several times per gain.
    return max(0, bisect.bisect_right(sents, at, key=_first) - 1)


def _first(span: tuple[int, int]) -> int:
    return span[0]


def _one_sentence(f: _Found, sents: list[tuple[int, int]]) -> bool:
    return f.end <= sents[_sentence(sents, f.start)][1]


def _fold(s: str) -> str:
    return " ".join(s.lower().split())


def _clean(s: str | None, strip_article: bool = False) -> str | None:
    if s is None:
        return None
    s = " ".join(s.split()).strip(" ,;:")
    while s.endswith(")") and s.count(")") > s.count("("):
        s = s[:-1].rstrip()  # the bracket the phrase sits in closes after it: "(+1.0% in APr)"
    if strip_article:
        # an article says nothing about the measure (annotators write "inference time", not "the
        # inference time"); the scale belongs to the amount
        for article in ("the ", "a ", "an ", "absolute ", "relative "):
            if s.lower().startswith(article):
                s = s[len(article):]
    return s or None
