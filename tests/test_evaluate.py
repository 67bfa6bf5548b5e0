"""The scorer: matching rules of GUIDELINES.md, borderline items, and the CLI's report."""

from __future__ import annotations

import subprocess
import sys

import orjson
import tomllib

import pytest
from conftest import FIXTURES

from extractor.evaluate import evaluate


def rec(title, **fields):
    return {"title": title, **{f: fields.get(f, []) for f in ("benchmarks", "gains", "urls", "method", "acronyms")}}


def test_benchmark_matches_by_name_or_mention():
    gold = [rec("A Paper", benchmarks=[{"name": "DeepMind Control Suite", "mentions": ["DMC"], "borderline": False}])]
    pred = [rec("a paper!", benchmarks=[{"name": "DMC", "mentions": [{"text": "DMC"}]}])]
    s = evaluate(gold, pred).scores["benchmarks"]
    assert (s.tp, s.fp, s.fn) == (1, 0, 0)


def test_gain_matches_on_value_and_unit_or_from_to():
    gold = [rec("T", gains=[
        {"value": 17.1, "unit": "percent", "from": None, "to": None},
        {"value": None, "unit": "percent", "from": 50, "to": 77.5},
        {"value": 2, "unit": "orders", "from": None, "to": None},
    ])]
    pred = [rec("T", gains=[
        {"value": 17.1, "unit": "percent"}, {"value": None, "unit": "percent", "from": 50.0, "to": 77.5},
        {"value": 2, "unit": "times"},
    ])]
    s = evaluate(gold, pred).scores["gains"]
    assert (s.tp, s.fp, s.fn) == (2, 1, 1)


def test_borderline_gold_neither_rewards_nor_penalises():
    gold = [rec("T", method=[{"name": "meta-prompting", "borderline": True}, {"name": "X", "borderline": True}])]
    pred = [rec("T", method=[{"name": "Meta-Prompting"}])]
    s = evaluate(gold, pred).scores["method"]
    assert (s.tp, s.fp, s.fn) == (0, 0, 0)


def test_missing_record_counts_as_misses():
    gold = [rec("Only In Gold", urls=[{"url": "https://a.org/x", "kind": "project"}])]
    report = evaluate(gold, [])
    assert report.missing == ["Only In Gold"] and report.scores["urls"].fn == 1


def test_cli_reports_every_field(tmp_path, fixture_records):
    pred = tmp_path / "pred.jsonl"
    pred.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in fixture_records))
    gold = FIXTURES / "gold" / "001_a27d29def9349659.gold.jsonl"
    proc = subprocess.run([sys.executable, "-m", "extractor.cli", "eval", "--gold", str(gold), str(pred), "--json"],
                          capture_output=True, check=True)
    report = orjson.loads(proc.stdout)
    assert report["records"]["aligned"] == report["records"]["gold"] == 68
    assert set(report["fields"]) == {"benchmarks", "gains", "urls", "method", "acronyms"}


@pytest.mark.parametrize("gold_file", sorted((FIXTURES / "gold").glob("*.gold.jsonl")), ids=lambda p: p.name[:3])
def test_dev_gold_floors(gold_file, fixture_records):
    """Quality floors on the dev gold: a change that drops a field below them is a regression."""
    from extractor.evaluate import load_jsonl

    scores = evaluate(load_jsonl(str(gold_file)), fixture_records).scores
    floors = {"urls": 0.95}
    for field, floor in floors.items():
        assert scores[field].f1 >= floor, (field, scores[field].f1)


HELDOUT = sorted(p.parent for p in FIXTURES.glob("heldout*/gold.jsonl"))
FLOORS = tomllib.loads((FIXTURES / "heldout_floors.toml").read_text(encoding="utf-8"))
EXCEPTIONS = {(e["set"], e["field"]): e["floor"] for e in FLOORS["exception"]}


def test_floor_exceptions_are_below_the_default_and_name_real_sets():
    names = {p.name for p in HELDOUT}
    for (folder, field), floor in EXCEPTIONS.items():
        assert folder in names and field in {"benchmarks", "gains", "urls", "method", "acronyms"}, (folder, field)
        assert floor < FLOORS["default"], (folder, field, floor)


@pytest.mark.parametrize("folder", HELDOUT, ids=lambda p: p.name)
def test_heldout_floors(folder):
    """Quality floors on the held-out sets (blind gold by other annotators): every field stays at or
    above 0.85 F1, a little under each set's current figures, so a rule change that breaks unseen
    papers' kind of writing fails here even when the dev gold does not move. The few fields still
    under it after their set's fixes keep the F1 they had then (fixtures/heldout_floors.toml)."""
    from extractor import extract_many
    from extractor.evaluate import load_jsonl

    papers = load_jsonl(str(folder / "papers.jsonl"))
    records = [r.to_json_dict() for r in extract_many(papers)]
    scores = evaluate(load_jsonl(str(folder / "gold.jsonl")), records).scores
    low = {f: round(s.f1, 3) for f, s in scores.items()
           if round(s.f1, 3) < EXCEPTIONS.get((folder.name, f), FLOORS["default"])}
    assert not low, low
