"""Each input format, picked by content: listing pages (both layouts), JSONL, JSON arrays,
arXiv snapshot lines, standard input, folders."""

from __future__ import annotations

import json

from conftest import FIXTURES

from extractor.readers import Problems, read_papers


def papers(paths, stdin=None):
    problems = Problems()
    return list(read_papers([str(p) for p in paths], problems, stdin=stdin)), problems


def test_listing_with_blank_lines_and_chrome():
    found, problems = papers([FIXTURES / "seeds" / "001_a27d29def9349659.txt"])
    assert len(found) == 68
    assert found[0].title == "Meta-Prompting: Enhancing Language Models with Task-Agnostic Scaffolding"
    assert found[0].abstract.startswith("We introduce meta-prompting")
    chrome = {"new", "Subscribe", "May 7", "byAK and the research community"}
    assert not any(p.title in chrome or p.abstract in chrome for p in found)
    assert not problems.skipped


def test_listing_without_blank_lines_and_glued_subscribe():
    found, problems = papers([FIXTURES / "seeds" / "003_e8c08ff2824a824c.txt"])
    assert len(found) == 119
    assert found[0].title == "Reinforcement Learning with Fast and Forgetful Memory"
    assert found[1].title == "Recurrent Off-policy Baselines for Memory-based Continuous Control"
    assert [p.index for p in found] == list(range(119))
    assert not problems.skipped


def test_listing_with_date_and_daily_papers_chrome(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(
        "Daily Papers\nSep 11\nA Title About Things\nWe study things in depth and report results here. "
        "It is a long enough abstract to be prose rather than a title line, honestly written.\n"
    )
    found, _ = papers([page])
    assert [(p.title, p.abstract[:8]) for p in found] == [("A Title About Things", "We study")]


def test_jsonl_with_summary_ids_and_hard_line_breaks(tmp_path):
    f = tmp_path / "papers.data"  # extension says nothing: content decides
    rows = [
        {"id": "2301.00001v2", "title": "First  Paper", "summary": "Line one\n  line two."},
        {"arxiv_id": "2301.00002", "title": "Second", "abstract": "Text.", "url": "https://arxiv.org/abs/2301.00002"},
    ]
    f.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    found, problems = papers([f])
    assert [p.title for p in found] == ["First Paper", "Second"]
    assert found[0].abstract == "Line one line two."
    assert found[0].id == "2301.00001" and found[1].id == "2301.00002"
    assert found[1].url == "https://arxiv.org/abs/2301.00002"


def test_arxiv_snapshot_line(tmp_path):
    row = {
        "id": "0704.0001", "submitter": "A. Author", "authors": "A. Author, B. Author",
        "title": "Calculation of prompt diphoton production cross sections at Tevatron and\n  LHC energies",
        "abstract": "  A fully differential calculation in perturbative quantum chromodynamics is\npresented.\n",
        "versions": [{"version": "v1"}], "categories": "hep-ph",
    }
    f = tmp_path / "arxiv-metadata-oai-snapshot.json"
    f.write_text(json.dumps(row) + "\n")
    found, _ = papers([f])
    assert found[0].title.endswith("Tevatron and LHC energies")
    assert found[0].abstract == "A fully differential calculation in perturbative quantum chromodynamics is presented."
    assert found[0].id == "0704.0001"


def test_json_array(tmp_path):
    f = tmp_path / "list.json"
    f.write_text(json.dumps([{"title": "A", "abstract": "x"}, {"title": "B", "summary": "y"}]))
    found, _ = papers([f])
    assert [(p.title, p.abstract, p.index) for p in found] == [("A", "x", 0), ("B", "y", 1)]


def test_stdin():
    found, _ = papers(["-"], stdin=b'{"title": "From stdin", "abstract": "Body."}\n')
    assert found[0].title == "From stdin" and found[0].path == "-"


def test_folder_recursion_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.jsonl").write_text('{"title": "Z", "abstract": ""}\n')
    (tmp_path / "a.jsonl").write_text('{"title": "A", "abstract": ""}\n')
    (tmp_path / "b" / "c.json").write_text('[{"title": "C", "abstract": ""}]')
    found, _ = papers([tmp_path])
    assert [(p.title, p.path) for p in found] == [("A", "a.jsonl"), ("C", "b/c.json"), ("Z", "b/z.jsonl")]


def test_malformed_line_is_reported_and_the_rest_read(tmp_path):
    f = tmp_path / "mixed.jsonl"
    f.write_text('{"title": "Good", "abstract": ""}\n{"title": broken\n{"title": "Also good"}\n')
    found, problems = papers([f])
    assert [p.title for p in found] == ["Good", "Also good"]
    [problem] = problems.skipped
    assert problem.path == "mixed.jsonl" and problem.line == 2 and "malformed JSON" in problem.message
