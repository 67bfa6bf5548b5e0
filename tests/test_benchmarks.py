"""Benchmarks: every gazetteer surface form is found and canonicalised, ambiguous names need
their cue, one item per distinct benchmark with all its mentions, discovery of unknown names."""

from __future__ import annotations

import pytest

from extractor import extract
from extractor.patterns import load_patterns, pattern_dirs

ENTRIES = [lr.rule for lr in load_patterns(pattern_dirs()).loaded("benchmarks")]
FORMS = [(e, form) for e in ENTRIES for form in e.surface_forms]


@pytest.mark.parametrize("entry,form", FORMS, ids=[f"{e.id}::{f}" for e, f in FORMS])
def test_every_surface_form_is_found_and_canonicalised(entry, form, pipeline):
    # The sentence carries a benchmark cue, so ambiguous entries are admitted too.
    from extractor.readers import Paper

    # (a form that ends in a sentence's final mark, "Pitfall!", has its cue before it)
    text = f"On the benchmark suite we report results on {form}" if form[-1] in "!?" \
        else f"We report results on the {form} benchmark suite."
    record = pipeline.extract(Paper("", text, "<t>", 0))
    found = {b.name: b for b in record.benchmarks}
    assert entry.name in found, f"{form!r} → {sorted(found)}"
    assert found[entry.name].category == entry.category and found[entry.name].parent == entry.parent


def test_no_two_entries_share_a_name():
    """Two entries with one name would make the canonical name ambiguous: one of them is never
    reported (two datasets called INCLUDE share one entry, with both sets' aliases)."""
    # A case-sensitive form clashes only with the same spelling ("Dota" and the aerial "DOTA" are two
    # names); a case-blind one with any spelling of it.
    by_folded: dict[str, list[tuple[str, str, bool]]] = {}
    for e in ENTRIES:
        for form in {*e.surface_forms}:
            by_folded.setdefault(form.lower(), []).append((form, e.id, e.case_sensitive or form in e.cued_aliases))
    clashes = [
        (a, b)
        for forms in by_folded.values()
        for i, a in enumerate(forms)
        for b in forms[i + 1 :]
        if a[1] != b[1] and (a[0] == b[0] or not (a[2] and b[2]))
    ]
    assert not clashes, clashes


def test_gazetteer_is_broad():
    assert len(ENTRIES) >= 400
    assert len({e.category for e in ENTRIES}) >= 10


def test_one_item_per_benchmark_with_every_mention():
    r = extract("", "We use MetaWorld. Results on Meta-World MT50 and on meta-world tasks; see Meta-World.")
    [mw] = [b for b in r.benchmarks if b.name == "Meta-World"]
    assert [m.text for m in mw.mentions] == ["MetaWorld", "Meta-World", "meta-world", "Meta-World"]
    assert (mw.text, mw.start) == ("MetaWorld", 7)


def test_an_edition_named_twice_two_ways_is_one_item():
    # once as a year after a slash, once as the gazetteer's own entry for that edition
    r = extract(title="T", abstract="We evaluate on YouTube-VIS 2019/2021/2022 and OVIS. On YouTube-VIS 2021, "
                                     "our model reaches 49.5 AP.")
    names = [b.name for b in r.benchmarks]
    assert sorted(names) == ["OVIS", "YouTube-VIS 2019", "YouTube-VIS 2021", "YouTube-VIS 2022"]
    assert [m.text for m in next(b for b in r.benchmarks if b.name == "YouTube-VIS 2021").mentions] == \
        ["2021", "YouTube-VIS 2021"]


def test_a_name_written_with_and_without_its_joiners_is_one_item():
    # "TD-RD" in the title and "TDRD" (defined by its long form) in the abstract: one benchmark, every mention
    r = extract(title="TD-RD: A Top-Down Benchmark with Real-Time Framework for Road Damage Detection",
                abstract="Our proposed Top Down Road Damage Detection Dataset (TDRD) includes three primary categories "
                         "of road damage. Our detector handles the challenges posed by the TDRD dataset.")
    assert [(b.name, [m.text for m in b.mentions]) for b in r.benchmarks] == \
        [("TD-RD", ["TD-RD", "Top Down Road Damage Detection Dataset", "TDRD"])]


def test_a_lone_edition_with_the_bare_name_is_that_benchmark():
    # the gazetteer lists the edition as an entry of its own, under the bare name
    r = extract(title="unarXive 2022: All arXiv Publications Pre-Processed for NLP",
                abstract="We propose a new version of the data set unarXive, with 1.9M papers.")
    assert [(b.name, [m.text for m in b.mentions]) for b in r.benchmarks] == [("unarXive", ["unarXive 2022", "unarXive"])]
    # with two editions, the bare name goes with the first written
    r = extract(title="T", abstract="We evaluate on YouTube-VIS 2019, YouTube-VIS 2021 and the YouTube-VIS validation set.")
    assert sorted((b.name, len(b.mentions)) for b in r.benchmarks) == [("YouTube-VIS 2019", 2), ("YouTube-VIS 2021", 1)]


def test_a_release_the_paper_introduces_is_that_release_wherever_it_is_written():
    r = extract(title="T", abstract="We present AbdomenAtlas 3.0, the first public abdominal CT dataset with reports. "
                                     "AbdomenAtlas 3.0 has 9,262 triplets. Reports in AbdomenAtlas 3.0 are standardized.")
    assert [(b.name, [m.text for m in b.mentions]) for b in r.benchmarks] == \
        [("AbdomenAtlas 3.0", ["AbdomenAtlas 3.0"] * 3)]


def test_an_alias_that_is_also_a_common_word_needs_a_cue_while_the_name_does_not():
    # cued_aliases: "SGD" is the Schema-Guided Dialogue data set only where a cue says so
    assert not extract("", "We train with SGD and a cosine schedule.").benchmarks
    assert [b.name for b in extract("", "Joint goal accuracy improves on the SGD dataset.").benchmarks] == \
        ["Schema-Guided Dialogue"]
    assert [b.name for b in extract("", "Results on Schema-Guided Dialogue are strong.").benchmarks] == \
        ["Schema-Guided Dialogue"]
    # ...and only as written
    assert not extract("", "We compare to sgd on the dialogue dataset.").benchmarks


def test_a_number_after_a_slash_names_the_sibling_benchmark():
    r = extract(title="T", abstract="Experiments on CIFAR-10/100 and MOT17/20 show gains; the A/B test and 10/20 splits do not.")
    assert sorted(b.name for b in r.benchmarks) == ["CIFAR-10", "CIFAR-100", "MOT17", "MOT20"]


def test_sub_suite_names_its_parent():
    r = extract("", "We evaluate on the AntMaze tasks of D4RL.")
    by_name = {b.name: b for b in r.benchmarks}
    assert by_name["AntMaze"].parent == "D4RL" and by_name["D4RL"].parent is None


def test_ambiguous_name_needs_a_cue():
    assert not [b for b in extract("", "The math is simple and the kitchen is clean.").benchmarks]
    r = extract("", "We evaluate on MATH and GSM8K.")
    assert {"MATH", "GSM8K"} <= {b.name for b in r.benchmarks}
    math = next(b for b in r.benchmarks if b.name == "MATH")
    assert math.cue  # says what admitted it


def test_an_acronym_the_paper_defines_as_something_else_is_judged_where_it_is_defined():
    """A gazetteer acronym the paper defines as its own method is not that benchmark, even where a
    data word stands near a later mention; defined as a benchmark, every mention stays."""
    method = extract("", "We propose SElf-Evolving Distillation (SEED), which purges hallucinations. "
                         "Extensive experiments on multiple benchmarks validate the superiority of our SEED.")
    assert "SEED" not in {b.name for b in method.benchmarks}
    bench = extract("", "We build the Scientific Evaluation of Embodied Decisions (SEED) benchmark. "
                        "Agents fail on SEED, whose tasks need long plans.")
    [seed] = [b for b in bench.benchmarks if b.name == "SEED"]
    assert len(seed.mentions) == 2


def test_unknown_benchmark_is_discovered_and_marked_unknown():
    r = extract("", "We introduce GridQuest, a benchmark for grid planning, and evaluate on the PuzzleMaze dataset.")
    found = {b.name: b.known for b in r.benchmarks}
    assert found.get("GridQuest") is False and found.get("PuzzleMaze") is False


def test_links_are_not_benchmarks():
    r = extract("", "Code: https://github.com/org/D4RL-tools.")
    assert not r.benchmarks


def test_title_benchmark_is_the_papers_own():
    r = extract("HexaWorld: A Benchmark for Hexapod Locomotion", "")
    assert [(b.name, b.field, b.known) for b in r.benchmarks] == [("HexaWorld", "title", False)]


def test_short_all_caps_names_match_as_written():
    r = extract("", "A bear cub sleeps; the sst rises. We report accuracy on CUB and SST.")
    assert sorted((b.name, tuple(m.text for m in b.mentions)) for b in r.benchmarks) == [
        ("CUB-200-2011", ("CUB",)), ("Stanford Sentiment Treebank", ("SST",))]


def test_named_variant_of_a_known_benchmark():
    r = extract("", "We build GSM8K-Hard from GSM8K and train on a MuJoCo-based simulator.")
    by_name = {b.name: b for b in r.benchmarks}
    assert (by_name["GSM8K-Hard"].known, by_name["GSM8K-Hard"].parent) == (False, "GSM8K")
    assert by_name["GSM8K"].known and "MuJoCo" in by_name


def test_name_listed_next_to_a_known_benchmark_is_discovered():
    r = extract("", "Evaluations on ScanNet and HomeTour10K show gains; PPO and SAC run on MuJoCo.")
    found = {b.name: b.known for b in r.benchmarks}
    assert found.get("HomeTour10K") is False and "PPO" not in found and "SAC" not in found


def test_hyphenated_names_also_match_written_with_a_space():
    rec = extract("T", "We report results on T2I CompBench, CIFAR 10 and the MMLU Pro split.")
    found = {b.name: [m.text for m in b.mentions] for b in rec.benchmarks}
    assert found == {"T2I-CompBench": ["T2I CompBench"], "CIFAR-10": ["CIFAR 10"], "MMLU-Pro": ["MMLU Pro"]}


def test_a_spaced_name_of_plain_words_matches_only_as_written():
    assert [b.name for b in extract("T", "Curved text detection is evaluated on Total Text.").benchmarks] == ["Total-Text"]
    assert extract("T", "We reduce the total text length by half.").benchmarks == []


def test_a_spaced_variant_never_swallows_a_lone_letter():
    # "A-OKVQA" must not also match "a OKVQA": the article is not part of the name
    rec = extract("T", "We build a OKVQA-style probe and test on A-OKVQA.")
    assert all(m.text != "a OKVQA" for b in rec.benchmarks for m in b.mentions)


def test_a_known_name_opening_a_new_benchmarks_long_form_is_part_of_it():
    r = extract("", "We present the Temporal Graph Benchmark with Sequential Dynamics (TGB-Seq), a new benchmark.")
    assert [b.name for b in r.benchmarks] == ["TGB-Seq"]
    # the known benchmark written with its own short form stays itself
    r = extract("", "We evaluate on the Temporal Graph Benchmark (TGB) and on TGB-Seq.")
    assert "Temporal Graph Benchmark" in {b.name for b in r.benchmarks}


def test_a_hyphen_after_a_plural_benchmark_noun_is_a_dash():
    r = extract("", "Gains hold across three benchmark suites-Robomimic, RLBench and PushT.")
    assert {"robomimic", "RLBench", "Push-T"} <= {b.name for b in r.benchmarks}
    # a name run on after a hyphen inside a word is still part of a larger name
    assert "Meta-World" not in {b.name for b in extract("", "We use MS-Meta-World tasks.").benchmarks}


def test_listed_releases_after_a_versioned_mention():
    r = extract("", "Accuracy on RewardBench v1 and v2 improves, as on CIFAR-10/100.")
    assert {"RewardBench", "RewardBench 2", "CIFAR-10", "CIFAR-100"} <= {b.name for b in r.benchmarks}


def test_a_known_name_ending_a_new_benchmarks_name_is_part_of_it():
    r = extract("", "We introduce General AgentBench, a benchmark that unifies agent evaluation.")
    assert [b.name for b in r.benchmarks] == ["General AgentBench"]
    # one that opens a longer name is still itself
    r = extract("", "We evaluate on the ImageNet Large Scale Visual Recognition Challenge.")
    assert "ImageNet" in {b.name for b in r.benchmarks}
