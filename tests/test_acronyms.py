"""Acronym definitions: every example and negative in patterns/acronyms.toml, plus behaviour the
record relies on (offsets reproduce the text, one pair per record, titles are not colon definitions)."""

from __future__ import annotations

import pytest

from extractor import acronyms
from extractor.examples import Case, cases, check
from extractor.patterns import BUNDLED_DIR, PatternSet, parse_file
from extractor.pipeline import Pipeline
from extractor.readers import Paper


def _own_cases(kind, module) -> list[Case]:
    _, loaded, problems = parse_file(BUNDLED_DIR / f"{kind}.toml", {kind: module.Rule})
    assert not problems, problems
    return list(cases(PatternSet(rules={kind: loaded})))


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.load()


@pytest.fixture(scope="module")
def extractor() -> acronyms.AcronymExtractor:
    _, loaded, _ = parse_file(BUNDLED_DIR / "acronyms.toml", {acronyms.KIND: acronyms.Rule})
    return acronyms.AcronymExtractor([lr.rule for lr in loaded])


CASES = _own_cases(acronyms.KIND, acronyms)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_pattern_examples(case: Case, pipeline: Pipeline) -> None:
    assert check(case, pipeline) == []


def pairs(ex, text, field="abstract"):
    return {(p.short, p.long) for p in ex.find(text, field)}


def test_offsets_reproduce_short_and_long(extractor) -> None:
    text = 'It uses "Goal generation with ReAct-style Planning" (GRP) and Recall to Imagine (R2I).'
    for p in extractor.find(text):
        assert text[p.start:p.end] == p.short
        assert text[p.long_start:p.long_end] == p.long


def test_title_colon_is_a_method_not_a_definition(pipeline) -> None:
    rec = pipeline.extract(Paper("TAME: Task Agnostic Continual Learning using Multiple Experts",
                                 "We study continual learning.", "<t>", 0))
    assert rec.acronyms == []
    assert [m.name for m in rec.method] == ["TAME"]


def test_pair_in_title_and_abstract_listed_once(pipeline) -> None:
    rec = pipeline.extract(Paper("Sparse Replay Engine (SRE): Memory for Agents",
                                 "We propose the Sparse Replay Engine (SRE), a buffer.", "<t>", 0))
    assert [(a.short, a.long) for a in rec.acronyms] == [("SRE", "Sparse Replay Engine")]


@pytest.mark.parametrize("text", [
    "They compare several planners (A*, RRT, and PRM) on mazes.",
    "Prior results (Lee et al., 2019; Kim, 2020) disagree.",
    "Accuracy improved (95% CI, 0.8 to 2.0) overall.",
    "We set the discount (gamma = 0.99) as usual.",
    "The value of state s_t (V_t) is bootstrapped.",
])
def test_parentheses_that_are_not_definitions(extractor, text) -> None:
    assert pairs(extractor, text) == set()


def test_sh_fallback_finds_letters_inside_one_word(extractor) -> None:
    assert pairs(extractor, "Mutations impede lipopolysaccharide (LPS) signalling.") == {("LPS", "lipopolysaccharide")}


def test_long_form_does_not_cross_a_sentence(extractor) -> None:
    assert pairs(extractor, "Agents learn slowly. Memory-Based Search (MBS) helps.") == {("MBS", "Memory-Based Search")}


def test_offsets_reproduce_repeated_versioned_and_kept_word_forms(extractor) -> None:
    text = ("Deep Dense Diffusion Planner (D3P), Sparse Graph Transformer (SGT-v2), "
            "Safe reinforcement learning (Safe RL) and a nearest-neighbour (kNN) rule.")
    got = extractor.find(text)
    assert {(p.short, p.long) for p in got} == {
        ("D3P", "Deep Dense Diffusion Planner"), ("SGT-v2", "Sparse Graph Transformer"),
        ("Safe RL", "Safe reinforcement learning"), ("kNN", "nearest-neighbour")}
    for p in got:
        assert text[p.start:p.end] == p.short
        assert text[p.long_start:p.long_end] == p.long


def test_repeated_letters_need_every_word(extractor) -> None:
    # Only two D-words: the digit cannot repeat the D, so the shortest reading stands.
    assert pairs(extractor, "A Dense Diffusion Planner (D3P) plans.") == {("D3P", "Diffusion Planner")}


def test_a_mapping_short_form_needs_a_word_for_each_side(extractor) -> None:
    # "L2A" reads "L to A": one word spells only one side of the mapping
    assert pairs(extractor, "It is trained on three tasks: generating parameterized actions from language (L2A).") == set()
    assert pairs(extractor, "Models map language instructions to actions (L2A).") == \
        {("L2A", "language instructions to actions")}
    assert pairs(extractor, "Few-step text-to-image (T2I) models are fast.") == {("T2I", "text-to-image")}


def test_a_short_form_defined_twice_keeps_its_first_definition(extractor) -> None:
    text = ("Policies map actions back to language (A2L). LACY is trained on explaining observed actions "
            "in language (A2L) as well.")
    assert pairs(extractor, text) == {("A2L", "actions back to language")}


def test_capitals_marked_inside_words_spell_the_short_form(extractor) -> None:
    text = "Through contextual refinements, we propose lOcal MessagE GenerAtor (OMEGA), a CMG approach."
    assert pairs(extractor, text) == {("OMEGA", "lOcal MessagE GenerAtor")}


def test_a_bracketed_prefix_of_the_next_word_defines_nothing():
    from extractor import extract

    assert extract("Understanding (Un)Reliability of Steering Vectors", "").acronyms == []


def test_a_title_case_name_opening_with_the_short_forms_letter_starts_there(extractor) -> None:
    assert pairs(extractor, "We propose the Large Language Model Enhanced Flow Predictor (LEAF) here.") == {
        ("LEAF", "Large Language Model Enhanced Flow Predictor")}
    # but not past an article, nor past what a repeated letter needs
    assert pairs(extractor, "The Transformer Network (TN) is used.") == {("TN", "Transformer Network")}
