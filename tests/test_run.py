"""`extractor run` end to end: one valid record per distinct paper, sources merged, summary,
exit codes, atomic output."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import orjson
from conftest import FIXTURES

from extractor.cli import main
from extractor.progress import Progress
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


# ---------------------------------------------------------------- progress on stderr


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_lines_when_stderr_is_not_a_terminal():
    clock, err = FakeClock(), io.StringIO()
    bar = Progress(err, "auto", total=1000, clock=clock)
    clock.now = 5
    bar.update(100)
    assert err.getvalue() == ""  # short runs stay quiet
    clock.now = 10
    bar.update(250, skipped=3)
    assert err.getvalue() == "progress: 250/1,000 records (25.0%), 25/s, elapsed 0:10, ETA 0:30, 3 skipped\n"
    clock.now = 25
    bar.update(400)
    assert err.getvalue().count("\n") == 2


def test_progress_bar_on_a_terminal_redraws_in_place_and_keeps_messages_readable():
    clock, err = FakeClock(), Tty()
    bar = Progress(err, "auto", total=100, clock=clock)
    clock.now = 1
    bar.update(50)
    assert err.getvalue().startswith("\r[############............]  50/100 records (50.0%)")
    assert "\n" not in err.getvalue()
    bar.echo("skipped: a.jsonl:3: malformed JSON")
    assert err.getvalue().endswith("\r\x1b[Kskipped: a.jsonl:3: malformed JSON\n")  # bar cleared first
    bar.close()


def test_progress_off_prints_nothing():
    clock, err = FakeClock(), Tty()
    bar = Progress(err, "off", total=10, clock=clock)
    clock.now = 100
    bar.update(5)
    assert err.getvalue() == ""


def test_jobs_and_progress_options(tmp_path):
    proc = run_cli("run", "-", "--jobs", "0", stdin=b'{"title": "T"}')
    assert proc.returncode == 2 and "--jobs must be at least 1" in proc.stderr.decode()
    titles = [f"Paper {i}" for i in range(40)]  # two batches: one per worker
    stdin = b"".join(orjson.dumps({"title": t}) + b"\n" for t in titles)
    proc = run_cli("run", "-", "--jobs", "2", "--progress", "lines", stdin=stdin)
    assert proc.returncode == 0
    assert [json.loads(line)["title"] for line in proc.stdout.splitlines()] == titles
    assert "2 processes" in proc.stderr.decode()
    proc = run_cli("run", "-", "--jobs", "2", stdin=b'{"title": "T"}\n')
    assert "processes" not in proc.stderr.decode()  # one batch: no pool


def test_help_and_eval_start_without_loading_spacy():
    # `extractor --help` and `extractor eval` must answer at once, not after a second of imports.
    code = (
        "import sys, contextlib, io\n"
        "from extractor.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try: main(['--help'])\n"
        "    except SystemExit: pass\n"
        "print('spacy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
