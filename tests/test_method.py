"""Method names: every example and negative in patterns/method.toml, plus record-level behaviour."""

from __future__ import annotations

import pytest

from extractor import method
from extractor.examples import Case, cases, check
from extractor.patterns import BUNDLED_DIR, PatternSet, parse_file
from extractor.pipeline import Pipeline
from extractor.readers import Paper

_, _LOADED, _PROBLEMS = parse_file(BUNDLED_DIR / "method.toml", {method.KIND: method.Rule})
CASES = list(cases(PatternSet(rules={method.KIND: _LOADED})))


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.load()


def test_method_file_loads() -> None:
    assert _PROBLEMS == []


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_pattern_examples(case: Case, pipeline: Pipeline) -> None:
    assert check(case, pipeline) == []


def names(pipeline, title, abstract):
    return {m.name: m.long_form for m in pipeline.extract(Paper(title, abstract, "<t>", 0)).method}


def test_several_contributions_are_listed(pipeline) -> None:
    got = names(pipeline, "Planning With Memory",
                "We introduce MemPlan, a planner. We also create PlanBench, a new dataset for planning.")
    assert {"MemPlan", "PlanBench"} <= set(got)


def test_baselines_and_used_models_are_not_methods(pipeline) -> None:
    got = names(pipeline, "Planning With Memory",
                "We propose a planner that outperforms PPO and uses GPT-4 as a critic.")
    assert "PPO" not in got and "GPT-4" not in got


def test_defined_acronym_at_cue_gets_long_form(pipeline) -> None:
    got = names(pipeline, "Planning With Memory", "We present Recall to Plan (R2P), a new method.")
    assert got == {"R2P": "Recall to Plan"}


def test_offsets_point_at_the_name(pipeline) -> None:
    rec = pipeline.extract(Paper("X", "Our method, TD-MPX, is fast.", "<t>", 0))
    for m in rec.method:
        assert getattr(rec, m.field)[m.start:m.end] == m.name
