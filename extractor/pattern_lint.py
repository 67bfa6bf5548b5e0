"""Checks on loaded pattern files beyond their schema: things that validate but cannot work.

Used by ``extractor patterns check``; each problem reads ``file:line: rule 'kind.id': message``.
"""

from __future__ import annotations

from spacy.language import Language

from .patterns import LoadedRule, PatternSet


def _where(lr: LoadedRule) -> str:
    return f"{lr.path}:{lr.line}: rule '{lr.pattern_id}'"


def needs_examples(lr: LoadedRule) -> bool:
    """Constructions must show what they match; vocabulary rules (macros, word lists, plain
    gazetteer entries, which the alias check below exercises) are tested through their users."""
    rule = lr.rule
    return bool(
        getattr(rule, "regex", None)
        or getattr(rule, "construction", None)
        or getattr(rule, "hosts", None)
        or getattr(rule, "needs_cue", False)
        or getattr(rule, "case_sensitive", False)
        or getattr(rule, "cued_aliases", None)
    )


CONTEXTS = ("We evaluate on {} and more.", "Results on {}.", "Results on {}, too.", "Suites ({}) help.")


def alias_problems(lr: LoadedRule, nlp: Language) -> list[str]:
    """A surface form the PhraseMatcher cannot find where authors write it: it tokenises
    differently in running text (before a full stop, a comma, a bracket) than alone."""
    forms = getattr(lr.rule, "surface_forms", None)
    if not forms:
        return []
    problems = []
    for form in forms:
        alone = [t.text for t in nlp.make_doc(form)]
        for context in CONTEXTS:
            in_text = [t.text for t in nlp.make_doc(context.format(form))]
            if not any(in_text[i : i + len(alone)] == alone for i in range(len(in_text))):
                problems.append(
                    f"{_where(lr)}: alias {form!r} tokenises as {alone} alone but as {in_text} in "
                    f"{context.format(form)!r}: it would not match there"
                )
                break
    return problems


def lint(patterns: PatternSet, nlp: Language) -> list[str]:
    problems: list[str] = []
    seen_forms: dict[str, LoadedRule] = {}
    for lr in patterns.all():
        if needs_examples(lr) and not lr.rule.examples:
            problems.append(f"{_where(lr)}: no examples: add at least one to show what it matches")
        problems += alias_problems(lr, nlp)
        for form in getattr(lr.rule, "surface_forms", []):
            exact = getattr(lr.rule, "case_sensitive", False) or form in getattr(lr.rule, "cued_aliases", ())
            key = form if exact else form.lower()
            other = seen_forms.get(key)
            if other is not None and other.rule.id != lr.rule.id:
                problems.append(f"{_where(lr)}: alias {form!r} is also an alias of '{other.pattern_id}' "
                                f"({other.path.name}:{other.line})")
            seen_forms[key] = lr
    parents = {getattr(lr.rule, "name", None) for lr in patterns.loaded("benchmarks")}
    for lr in patterns.loaded("benchmarks"):
        parent = getattr(lr.rule, "parent", None)
        if parent and parent not in parents:
            problems.append(f"{_where(lr)}: parent {parent!r} is not the name of any benchmark entry")
    return problems
