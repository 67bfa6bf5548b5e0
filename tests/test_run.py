"""`extractor run` end to end: one valid record per distinct paper, sources merged, summary,
exit codes, atomic output."""

from __future__ import annotations

import json
import subprocess
import sys

import orjson
from conftest import FIXTURES

from extractor.cli import main
from extractor.readers import Problems, read_papers
from extractor.record import Record


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extractor.cli", *args], input=stdin, capture_output=True)


def test_one_valid_record_per_distinct_paper(fixture_records):
    papers = list(read_papers([str(FIXTURES / "seeds")], Problems()))
    distinct = {p.id for p in papers}
    assert len(fixture_records) == len(distinct) < len(papers)  # the two pages share papers
    for rec in fixture_records:
        Record.model_validate(rec)  # schema and offsets hold


def test_duplicates_across_pages_carry_all_sources(fixture_records):
    merged = [r for r in fixture_records if len(r["sources"]) > 1]
    assert merged
    paths = {s["path"] for r in merged for s in r["sources"]}
    assert paths == {"001_a27d29def9349659.txt", "003_e8c08ff2824a824c.txt"}


def test_offsets_reproduce_text(fixture_records):
    for rec in fixture_records:
        for fld in ("benchmarks", "gains", "urls"):
            for item in rec[fld]:
                assert rec[item["field"]][item["start"] : item["end"]] == item["text"]
        for a in rec["acronyms"]:
            src = rec[a["field"]]
            assert src[a["start"] : a["end"]] == a["short"] and src[a["long_start"] : a["long_end"]] == a["long"]
        for m in rec["method"]:
            assert rec[m["field"]][m["start"] : m["end"]] == m["name"]


def test_every_item_names_its_pattern(fixture_records):
    ids = {item["pattern"] for rec in fixture_records for f in ("benchmarks", "gains", "urls", "method", "acronyms")
           for item in rec[f]}
    assert ids and all("." in i for i in ids)


def test_stdout_summary_and_exit_code_for_skipped_input(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "Fine", "abstract": "Code at https://github.com/a/b."}\nnot json\n')
    proc = run_cli("run", str(bad))
    assert proc.returncode == 1
    [line] = proc.stdout.splitlines()
    assert json.loads(line)["urls"][0]["url"] == "https://github.com/a/b"
    assert "bad.jsonl:2: malformed JSON" in proc.stderr.decode()
    assert "skipped 1 input(s)" in proc.stderr.decode()
    assert "wrote 1 record(s)" in proc.stderr.decode()


def test_clean_run_exits_zero_and_reads_stdin():
    proc = run_cli("run", "-", stdin=b'[{"title": "T", "abstract": "A."}]')
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["title"] == "T"


def test_output_file_is_complete_or_absent(tmp_path):
    out = tmp_path / "out.jsonl"
    assert main(["run", str(FIXTURES / "seeds" / "001_a27d29def9349659.txt"), "-o", str(out)]) == 0
    assert out.exists() and not (tmp_path / "out.jsonl.partial").exists()
    assert all(orjson.loads(line)["id"] for line in out.read_bytes().splitlines())


def test_missing_input_is_reported(tmp_path):
    proc = run_cli("run", str(tmp_path / "nope"))
    assert proc.returncode == 1 and "no such file or folder" in proc.stderr.decode()


def test_broken_user_patterns_stop_the_run_with_the_reason(tmp_path):
    (tmp_path / "bad.toml").write_text('kind = "gains"\n[[rule]]\nid = "x"\nregex = "(unclosed"\n')
    proc = run_cli("run", "-", "--patterns", str(tmp_path), stdin=b'{"title": "T"}')
    assert proc.returncode == 3
    assert "bad.toml:2: rule 'gains.x'" in proc.stderr.decode()
