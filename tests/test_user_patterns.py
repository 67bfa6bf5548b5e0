"""User pattern folders layered over the bundled rules: the README's "Add a benchmark in two
minutes" walkthrough, run exactly as written, from the CLI and from extract()."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import FIXTURES, ROOT

from extractor import extract

USER = FIXTURES / "user-patterns"
PAPER = FIXTURES / "user-patterns-paper.jsonl"


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extractor.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, env=env)


def check_record(record: dict) -> None:
    [bench] = [b for b in record["benchmarks"] if b["name"] == "OrbitNav"]
    assert (bench["text"], bench["known"], bench["pattern"]) == ("OrbitNav-v2", True, "benchmarks.orbitnav")
    [gain] = [g for g in record["gains"] if g["pattern"] == "gains.cut-to-a-fraction"]
    assert (gain["value"], gain["unit"], gain["direction"], gain["text"]) == (4, "times", "down", "a quarter")
    [url] = record["urls"]
    assert (url["url"], url["kind"]) == ("https://git.lab.example.edu/robots/orbit", "code")


def test_walkthrough_check_test_run():
    check = cli("patterns", "check", "fixtures/user-patterns")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "overrides" in check.stderr and "urls.code-hosts" in check.stderr

    test = cli("patterns", "test", "fixtures/user-patterns")
    assert test.returncode == 0, test.stdout
    assert ", 0 failed" in test.stdout

    run = cli("run", "fixtures/user-patterns-paper.jsonl", "--patterns", "fixtures/user-patterns")
    assert run.returncode == 0, run.stderr
    check_record(json.loads(run.stdout))


def test_without_the_user_folder_nothing_of_it_is_found():
    record = json.loads(cli("run", str(PAPER)).stdout)
    assert not any(b["name"] == "OrbitNav" for b in record["benchmarks"])
    assert [u["kind"] for u in record["urls"]] == ["project"]


def test_environment_variable_layers_the_same_folder():
    import os

    env = {**os.environ, "PAPER_EXTRACTOR_PATTERNS": str(USER)}
    check_record(json.loads(cli("run", str(PAPER), env=env).stdout))


def test_extract_accepts_pattern_folders():
    row = json.loads(PAPER.read_text())
    check_record(extract(row["title"], row["abstract"], patterns=[USER]).to_json_dict())


def test_patterns_test_prints_expected_versus_found(tmp_path):
    (tmp_path / "wrong.toml").write_text(
        'kind = "benchmarks"\n\n[[rule]]\nid = "nothing"\nname = "Nothing"\ncategory = "other"\n'
        'examples = [{ text = "We evaluate on Something.", expect = [{ name = "Nothing" }] }]\n'
    )
    out = cli("patterns", "test", str(tmp_path))
    assert out.returncode == 1
    assert "FAIL" in out.stdout and "wrong.toml:3" in out.stdout
    assert "expected {'name': 'Nothing'}" in out.stdout and "found" in out.stdout


def test_patterns_check_reports_every_problem_with_file_and_line(tmp_path):
    (tmp_path / "a.toml").write_text('kind = "gains"\n\n[[rule]]\nid = "bad"\nregex = "(open"\n')
    (tmp_path / "b.toml").write_text('kind = "benchmarks"\n\n[[rule]]\nid = "x"\nname = "X"\ncategory = "nope"\n')
    out = cli("patterns", "check", str(tmp_path))
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    assert any(line.startswith(f"{tmp_path / 'a.toml'}:3: rule 'gains.bad': regex:") for line in lines)
    assert any(line.startswith(f"{tmp_path / 'b.toml'}:3: rule 'benchmarks.x': category: unknown category")
               for line in lines)


def test_patterns_check_finds_an_alias_that_can_never_match(tmp_path):
    (tmp_path / "t.toml").write_text(
        'kind = "benchmarks"\n\n[[rule]]\nid = "dotted"\nname = "Dotted."\ncategory = "other"\n'
    )
    out = cli("patterns", "check", str(tmp_path))
    assert out.returncode == 1 and "t.toml:3: rule 'benchmarks.dotted': alias 'Dotted.' tokenises as" in out.stdout


def test_bundled_patterns_check_clean():
    out = cli("patterns", "check")
    assert out.returncode == 0, out.stdout


def test_patterns_list_shows_ids_kinds_and_counts():
    out = cli("patterns", "list")
    assert out.returncode == 0
    assert any(line.startswith("urls.code-hosts") and "examples=" in line for line in out.stdout.splitlines())


def test_schema_is_the_records_json_schema():
    schema = json.loads(cli("schema").stdout)
    assert schema["title"] == "Record"
    assert {"benchmarks", "gains", "urls", "method", "acronyms", "id", "sources"} <= set(schema["properties"])
    assert "from" in schema["$defs"]["Gain"]["properties"]


def test_catastrophic_user_regex_costs_one_paper_not_the_run(tmp_path):
    import os

    (tmp_path / "slow.toml").write_text(
        'kind = "urls"\n\n[[rule]]\nid = "backtracker"\nregex = \'\'\'(?P<host>(a|aa)+b)\'\'\'\n'
        'examples = [{ text = "x ab y", expect = [{ text = "ab" }] }]\n'
    )
    papers = tmp_path / "papers.jsonl"
    papers.write_text(
        json.dumps({"title": "Fine paper", "abstract": "Nothing odd here."}) + "\n"
        + json.dumps({"title": "Hostile paper", "abstract": "a" * 60 + "c."}) + "\n"
    )
    env = {**os.environ, "PAPER_EXTRACTOR_REGEX_TIMEOUT": "0.2"}
    run = cli("run", str(papers), "--patterns", str(tmp_path), env=env)
    assert run.returncode == 1
    assert [json.loads(line)["title"] for line in run.stdout.splitlines()] == ["Fine paper"]
    assert "rule 'urls.backtracker' timed out" in run.stderr and "Hostile paper" in run.stderr
