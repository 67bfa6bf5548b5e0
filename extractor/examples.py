"""Running the examples that pattern files carry: each positive example must yield its expected
items, each negative must not. Used by the test suite and by ``extractor patterns test``."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .kinds import FIELD_OF_KIND
from .patterns import LoadedRule, PatternSet
from .pipeline import Pipeline


@dataclass
class Case:
    rule: LoadedRule
    polarity: str  # "match" or "nomatch"
    n: int
    text: str
    title: str
    items: list[dict[str, Any]]  # expected (match) or forbidden (nomatch) partial items

    @property
    def id(self) -> str:
        return f"{self.rule.path.name}::{self.rule.rule.id}::{self.polarity}[{self.n}]"


def cases(patterns: PatternSet) -> Iterator[Case]:
    for lr in patterns.all():
        for n, ex in enumerate(lr.rule.examples):
            yield Case(lr, "match", n, ex.text, ex.title, ex.expect)
        for n, neg in enumerate(lr.rule.negatives):
            yield Case(lr, "nomatch", n, neg.text, neg.title, neg.absent)


def _same(found: Any, wanted: Any) -> bool:
    if isinstance(wanted, (int, float)) and not isinstance(wanted, bool) and isinstance(found, (int, float)):
        return math.isclose(found, wanted, rel_tol=1e-9)
    return found == wanted


def _fits(item: dict, wanted: dict) -> bool:
    return all(_same(item.get(k), v) for k, v in wanted.items())


def check(case: Case, pipeline: Pipeline) -> list[str]:
    """Problems with one example; an empty list means it passes."""
    from .readers import Paper

    record = pipeline.extract(Paper(case.title, case.text, "<example>", 0)).to_json_dict()
    found = record[FIELD_OF_KIND[case.rule.kind]]
    problems = []
    if case.polarity == "match":
        if not case.items:
            return ["positive example has no 'expect' items"]
        for wanted in case.items:
            if not any(_fits(item, wanted) for item in found):
                problems.append(f"expected {wanted}\n      found    {[_brief(i, wanted) for i in found]}")
    else:
        forbidden = case.items or _default_forbidden(case.rule)
        for item in found:
            if any(_fits(item, f) for f in forbidden):
                problems.append(f"unexpected {_brief(item, forbidden[0] or item)} (pattern {item.get('pattern')})")
    return problems


def _default_forbidden(rule: LoadedRule) -> list[dict]:
    # A gazetteer entry's negative forbids that benchmark; any other rule's forbids its field's items.
    name = getattr(rule.rule, "name", None)
    return [{"name": name}] if rule.kind == "benchmarks" and name else [{}]


def _brief(item: dict, like: dict) -> dict:
    keys = list(like) or ["text"]
    return {k: item.get(k) for k in [*keys, "text"] if k in item}
