"""Every example and negative that the bundled pattern files carry, one test case each."""

from __future__ import annotations

import pytest

from extractor.examples import cases, check
from extractor.pattern_lint import needs_examples
from extractor.patterns import load_patterns, pattern_dirs

CASES = list(cases(load_patterns(pattern_dirs(bundled=True))))


def test_every_rule_is_exemplified():
    # Vocabulary rules (macros, unit maps, word lists) are exercised through the constructions using them.
    bare = [lr.pattern_id for lr in load_patterns(pattern_dirs()).all() if not lr.rule.examples and needs_examples(lr)]
    assert not bare, f"rules without examples: {bare}"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_pattern_example(case, pipeline):
    problems = check(case, pipeline)
    assert not problems, f"{case.rule.path}:{case.rule.line}\n  text: {case.title} {case.text}\n  " + "\n  ".join(problems)
