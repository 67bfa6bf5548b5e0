"""Method names: what the paper calls its own contribution.

Cues are data (patterns/method.toml). A rule either captures the name itself (a ``(?P<name>...)``
group: the title prefix before a colon, "called X") or, with ``follow = true``, only marks a cue
("we propose", "we introduce", "our method,") after which the name is looked for in the rest of
the clause: first a defined acronym whose long or short form sits there (several may: "two
techniques: a Stitched Trajectory Graph (STG) and a State Transition Field (STF)"), else the first
coined word ("DigiRL", "TD-MPC", "M2T2"), else a Title Case phrase ("Fast and Forgetful Memory").
A defined acronym gives the name its ``long_form``; a title prefix that is the long form of an
acronym the abstract defines is named by the acronym ("Unified World Models" → UWM).
"""

from __future__ import annotations

from typing import Literal

import regex
from pydantic import field_validator, model_validator

from .acronyms import Pair
from .patterns import PatternRule, compile_regex, regex_validator
from .record import Method

KIND = "method"

SENTENCE_END = regex.compile(r"[.;!?](?=\s|$)")
# A coined name: a capital or digit after its first character ("DigiRL", "M2T2", "TD-MPC", "MR.Q").
COINED = regex.compile(r"(?<![\w\-])(?:[A-Za-z][\w]*(?:[\-.+][\w]+)*)(?![\w\-])")
TITLE_PHRASE = regex.compile(
    r"(?<![\w\-])[A-Z][\w]*(?:-[\w]+)*(?:\s+(?:(?:of|for|and|to|in|with|the|as|from|via|without)\s+)?[A-Z][\w]*(?:-[\w]+)*){1,5}(?![\w\-])")
FUNCTION_WORDS = frozenset("the a an on in of for is are do does can what when why how to".split())
LEAD = regex.compile(
    r"^(?:\s*(?:an?|the|our|this|two|three|new|novel|simple|generic|general|unified|efficient|effective|"
    r"lightweight|principled|scalable|robust|practical|provably|yet|and)\b\s*|\s*,\s*)*\s*")


class Rule(PatternRule):
    regex: str
    applies_to: Literal["title", "abstract"] = "abstract"
    # The regex marks a cue; the name is looked for after it, in the same clause.
    follow: bool = False
    not_names: list[str] = []
    # Words that, between a cue and a name, say the name is someone else's ("than", "such as").
    foreign: list[str] = []

    @field_validator("regex")
    @classmethod
    def _compiles(cls, v: str) -> str:
        regex_validator(v)
        return v

    @model_validator(mode="after")
    def _name_group(self) -> Rule:
        if not self.follow and "(?P<name>" not in self.regex:
            raise ValueError("regex: needs a (?P<name>...) group unless follow = true")
        return self


def _coined(word: str) -> bool:
    # A capital inside a part ("DigiRL", "D-PoT"), an all-caps or one-letter part ("TD-MPC"), or a
    # digit in a capitalised word ("M2T2"); "Multi-Agent" is an ordinary compound.
    parts = [p for p in regex.split(r"[\-.+]", word) if p]
    if not parts or not any(c.isalpha() for c in word) or len(word) < 2:
        return False
    if any(c.isdigit() for c in word) and word[0].isupper():
        return True
    return any(any(c.isupper() for c in p[1:]) or (p[0].isupper() and len(p) == 1) for p in parts) and len(word) > 1


class MethodExtractor:
    def __init__(self, rules: list[Rule]):
        self.rules = [(r, compile_regex(r.regex)) for r in rules]
        self.not_names = {n.lower() for r in rules for n in r.not_names}
        foreign = sorted({w for r in rules for w in r.foreign}, key=len, reverse=True)
        self.foreign = regex.compile(r"\b(?:" + "|".join(regex.escape(w) for w in foreign) + r")\b",
                                     regex.I) if foreign else None

    def find(self, title: str, abstract: str, acronyms: dict[str, list[Pair]]) -> list[Method]:
        found: dict[str, Method] = {}
        texts = {"title": title, "abstract": abstract}
        defined = acronyms.get("abstract", [])

        def add(name: str, field: str, s0: int, long_form: str | None, pattern: str, cue: str | None) -> None:
            key = name.lower()
            if not name or key in self.not_names or key in found:
                return
            if long_form is None:
                long_form = _long_form(name, acronyms)
            found[key] = Method(name=name, long_form=long_form, field=field, start=s0, end=s0 + len(name),
                                pattern=pattern, cue=cue)

        for rule, rx in self.rules:
            text = texts[rule.applies_to]
            pid = f"{KIND}.{rule.id}"
            for m in rx.finditer(text):
                if rule.follow:
                    for name, field, s0, lf in self._after_cue(text, m.end(), defined):
                        add(name, field, s0, lf, pid, m.group(0).strip())
                    continue
                s0, s1 = m.span("name")
                name = text[s0:s1].strip(" ,")
                cue = m.group(0)[: s0 - m.start()].strip() or None
                if rule.applies_to == "title":
                    named = self._title_name(name, s0, acronyms, abstract)
                    if named:
                        add(*named, pid, cue)
                    continue
                pair = next((p for p in defined if p.long_start == s0 or p.start == s0), None)
                if pair is not None:
                    add(pair.short, "abstract", pair.start, pair.long, pid, cue)
                elif " " not in name and _coined(name) or TITLE_PHRASE.fullmatch(name):
                    add(name, rule.applies_to, s0, None, pid, cue)
        return list(found.values())

    def _title_name(self, name: str, s0: int, acronyms: dict[str, list[Pair]], abstract: str):
        # "Task Memory Engine (TME): ..." or "Unified World Models: ..." with "(UWM)" defined later.
        for field in ("title", "abstract"):
            for p in acronyms.get(field, []):
                if (field == "title" and p.long_start == s0) or " ".join(p.long.lower().split()) == name.lower():
                    return p.short, field, p.start, p.long
        if " " not in name:
            return name, "title", s0, None
        words = name.split()
        # A multi-word prefix is a name when it reads as one (Title Case, no verb first):
        # "Model Breadcrumbs: ..." yes; "Guiding Giants: ...", "Latent learning: ..." no.
        if len(words) <= 3 and words[0].lower() not in self.not_names | FUNCTION_WORDS \
                and all(w[0].isupper() or w[0].isdigit() for w in words) and not words[0].lower().endswith("ing"):
            return name, "title", s0, None
        return None

    def _after_cue(self, text: str, at: int, defined: list[Pair]):
        end_m = SENTENCE_END.search(text, at)
        end = min(end_m.start() if end_m else len(text), at + 220)
        out = []
        for p in defined:
            first = min(p.start, p.long_start)
            if at <= first < end and p.short.lower() not in self.not_names and not self._foreign(text[at:first]):
                out.append((p.short, "abstract", p.start, p.long))
        if out:
            return out
        clause = text[at:end]
        lead = LEAD.match(clause)
        rest_at = at + (lead.end() if lead else 0)
        for m in COINED.finditer(text, at, end):
            w = m.group(0).rstrip(".")
            if _coined(w) and w.lower() not in self.not_names:
                if self._foreign(text[at:m.start()]) or m.start() - at > 120:
                    break
                return [(w, "abstract", m.start(), None)]
        tm = TITLE_PHRASE.match(text, rest_at, end)
        if tm and not self._foreign(text[at:tm.start()]):
            name = tm.group(0)
            follow = text[tm.end():tm.end() + 12]
            # A name, not the start of a sentence-like phrase: followed by a comma, an appositive or a clause.
            if regex.match(r"\s*(?:,|\(|that\b|which\b|to\b|as\b|for\b|where\b|in\b|$)", follow):
                return [(name, "abstract", tm.start(), None)]
        return []

    def _foreign(self, between: str) -> bool:
        return bool(self.foreign and self.foreign.search(between))


def _long_form(name: str, acronyms: dict[str, list[Pair]]) -> str | None:
    for pairs in acronyms.values():
        for p in pairs:
            if p.short == name:
                return p.long
    return None
