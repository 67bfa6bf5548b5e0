"""Hostile input: each case gets a clear message naming the file (and line), the rest of the run is
unaffected, and the exit code and summary say what was skipped. Plus properties of extract()
over arbitrary text (hypothesis)."""

from __future__ import annotations

import io
import os

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor import extract
from extractor.cli import main
from extractor.readers import MAX_LINE_BYTES, Problems, read_papers, read_stream

GOOD = {"title": "A Good Paper", "abstract": "We release code at https://github.com/a/good and beat the baseline."}


def run(tmp_path, capsys, *inputs: str, jobs: str = "1") -> tuple[int, list[dict], str]:
    out = tmp_path / "out.jsonl"
    code = main(["run", *inputs, "-o", str(out), "--jobs", jobs, "--progress", "off"])
    err = capsys.readouterr().err
    records = [orjson.loads(line) for line in out.read_bytes().splitlines()] if out.exists() else []
    return code, records, err


@pytest.fixture
def corpus(tmp_path):
    """A folder with one good JSONL file; each test adds its hostile file beside it."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.jsonl").write_bytes(orjson.dumps(GOOD) + b"\n")
    return folder


def only_good_written(records):
    assert [r["title"] for r in records] == ["A Good Paper"]
    assert records[0]["urls"][0]["url"] == "https://github.com/a/good"


def test_binary_file_is_skipped_with_reason(tmp_path, capsys, corpus):
    (corpus / "blob.txt").write_bytes(bytes(range(256)) * 64)
    code, records, err = run(tmp_path, capsys, str(corpus))
    assert code == 1
    only_good_written(records)
    assert "blob.txt: binary file (NUL bytes), not read" in err
    assert "skipped 1 input(s)" in err


def test_binary_without_nul_bytes_is_still_binary(tmp_path, capsys, corpus):
    (corpus / "image.txt").write_bytes(bytes([0x89, 0x50, 0x4E, 0x47] + list(range(128, 256)) * 40))
    code, records, err = run(tmp_path, capsys, str(corpus))
    assert code == 1
    only_good_written(records)
    assert "image.txt: binary file (" in err and "not text), not read" in err


def test_non_utf8_text_is_decoded_and_said_so(tmp_path, capsys, corpus):
    latin1 = "Caf\u00e9 Networks for R\u00e9sum\u00e9 Parsing\nWe study caf\u00e9 menus with a long enough " \
             "abstract to read as prose rather than as a title line, and report results.\n"
    (corpus / "latin1.txt").write_bytes(latin1.encode("latin-1"))
    code, records, err = run(tmp_path, capsys, str(corpus))
    assert code == 0  # a warning, nothing lost
    titles = [r["title"] for r in records]
    assert "Caf\ufffd Networks for R\ufffdsum\ufffd Parsing" in titles
    assert "latin1.txt:1: 2 line(s) not valid UTF-8 (first here); decoded with replacement characters" in err


def test_one_bad_utf8_line_in_jsonl(tmp_path, capsys, corpus):
    row = orjson.dumps({"title": "Bad \xff byte", "abstract": "x"}).replace("\xff".encode(), b"\xff")
    (corpus / "z.jsonl").write_bytes(orjson.dumps({"title": "Fine"}) + b"\n" + row + b"\n")
    code, records, err = run(tmp_path, capsys, str(corpus))
    assert code == 0
    assert {r["title"] for r in records} == {"A Good Paper", "Fine", "Bad \ufffd byte"}
    assert "z.jsonl:2: 1 line(s) not valid UTF-8" in err


def test_malformed_json_lines_report_file_and_line(tmp_path, capsys, corpus):
    (corpus / "mixed.jsonl").write_bytes(b'{"title": "One"}\n{"title": \n\n{"title": "Three"}\n[1, 2\n')
    code, records, err = run(tmp_path, capsys, str(corpus))
    assert code == 1
    assert {r["title"] for r in records} == {"A Good Paper", "One", "Three"}
    assert "mixed.jsonl:2: malformed JSON" in err and "mixed.jsonl:5: malformed JSON" in err
    assert "skipped 2 input(s)" in err


@pytest.mark.parametrize(
    "content, message",
    [
        (b'{\n  "results": [1, 2]\n}', "JSON file is not a list of papers (top level is an object)"),
        (b'"just a string"', "JSON file is not a list of papers (top level is a string)"),
        (b"42", "JSON file is not a list of papers (top level is a number)"),
        (b"plain words", "malformed JSON"),
        (b'["just", "strings"]', "item 0: expected a JSON object with a title, found str"),
        (b'[{"abstract": "no title"}]', "item 0: object has no 'title' string"),
        (b'[{"title": "T", "abstract": 7}]', "item 0: 'abstract' is not a string"),
        (b"[1, 2", "malformed JSON"),
    ],
)
def test_json_that_is_not_a_list_of_papers(tmp_path, capsys, corpus, content, message):
    (corpus / "odd.json").write_bytes(content)
    code, records, err = run(tmp_path, capsys, str(corpus))
    assert code == 1
    only_good_written(records)
    assert f"odd.json: {message}" in err


def test_one_line_object_without_a_title_names_its_keys(tmp_path, capsys, corpus):
    (corpus / "odd.json").write_bytes(b'{"results": [1, 2], "count": 2}')
    code, records, err = run(tmp_path, capsys, str(corpus))
    assert code == 1
    only_good_written(records)
    assert "odd.json:1: object has no 'title' string (keys: results, count)" in err


def test_pretty_printed_json_object_with_papers(tmp_path, capsys, corpus):
    (corpus / "pretty.json").write_text('{\n  "papers": [\n    {"title": "Indented", "abstract": "Yes."}\n  ]\n}\n')
    code, records, _ = run(tmp_path, capsys, str(corpus))
    assert code == 0 and {r["title"] for r in records} == {"A Good Paper", "Indented"}


@pytest.mark.parametrize("content", [b"", b"   \n\n\t\n", b"\n" * 20000])
def test_empty_files(tmp_path, capsys, corpus, content):
    (corpus / "empty.txt").write_bytes(content)
    code, records, err = run(tmp_path, capsys, str(corpus))
    assert code == 1
    only_good_written(records)
    assert "empty.txt: empty file" in err


def test_huge_single_line_is_skipped_without_reading_it_whole(tmp_path, capsys, corpus):
    big = corpus / "big.jsonl"
    with big.open("wb") as fh:
        fh.write(b'{"title": "Before", "abstract": "a"}\n{"title": "Huge", "abstract": "')
        fh.write(b"word " * (50 * 1024 * 1024 // 5))
        fh.write(b'"}\n{"title": "After", "abstract": "b"}\n')
    code, records, err = run(tmp_path, capsys, str(corpus))
    assert code == 1
    assert {r["title"] for r in records} == {"A Good Paper", "Before", "After"}
    assert "big.jsonl:2: line of 52,428,8" in err and "is too long for one paper" in err


def test_huge_line_memory_is_bounded():
    class Counting(io.BytesIO):
        biggest = 0

        def readline(self, size=-1):
            line = super().readline(size)
            Counting.biggest = max(Counting.biggest, len(line))
            return line

    abstract = b"An abstract long enough to be prose and not a title, " * 3 + b"ending a sentence."
    data = b"x" * (3 * MAX_LINE_BYTES) + b"\nA Title\n" + abstract + b"\n"
    problems = Problems()
    papers = list(read_stream(Counting(data), "s.txt", problems))
    assert [p.title for p in papers] == ["A Title"]
    assert Counting.biggest <= MAX_LINE_BYTES + 1
    assert "too long" in problems.skipped[0].message


def test_deeply_nested_json(tmp_path, capsys, corpus):
    deep = b"[" * 100_000 + b"]" * 100_000
    (corpus / "deep.json").write_bytes(deep)
    (corpus / "deep.jsonl").write_bytes(b'{"title": "Shallow"}\n{"title": ' + deep + b"}\n")
    code, records, err = run(tmp_path, capsys, str(corpus))
    assert code == 1
    assert {r["title"] for r in records} == {"A Good Paper", "Shallow"}
    assert "deep.json: malformed JSON: depth limit exceeded" in err
    assert "deep.jsonl:2: malformed JSON: depth limit exceeded" in err


def test_nul_bytes_inside_a_text_file(tmp_path, capsys, corpus):
    filler = b"".join(
        b"Title Number %d\nAn abstract long enough to be read as prose rather than as a title line, with "
        b"enough words in it to pass for one, number %d.\n" % (i, i)
        for i in range(100)
    )
    (corpus / "late_nul.txt").write_bytes(filler + b"Broken\x00Title\n")
    code, records, err = run(tmp_path, capsys, str(corpus))
    assert code == 1
    assert len(records) == 101
    assert "late_nul.txt:201: line contains NUL bytes (binary data?), skipped" in err


def test_escaped_nul_and_control_characters_in_fields(tmp_path, capsys, corpus):
    row = {"title": "Zero\u0000Width\u200b Title \ud7ff", "abstract": "Tabs\tand\u0007bells, code https://github.com/x/y\u0000"}
    (corpus / "ctrl.jsonl").write_bytes(orjson.dumps(row) + b"\n")
    code, records, _ = run(tmp_path, capsys, str(corpus))
    assert code == 0
    [rec] = [r for r in records if r["title"].startswith("Zero")]
    for url in rec["urls"]:
        assert rec[url["field"]][url["start"] : url["end"]] == url["text"]


def test_unsupported_file_type(tmp_path, capsys, corpus):
    (corpus / "paper.pdf").write_bytes(b"%PDF-1.7")
    code, records, err = run(tmp_path, capsys, str(corpus))
    assert code == 1
    only_good_written(records)
    assert "paper.pdf: unsupported file type '.pdf', not read" in err


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root (or no POSIX modes): every file is readable")
def test_unreadable_file(tmp_path, capsys, corpus):
    locked = corpus / "locked.txt"
    locked.write_text("Title\n")
    locked.chmod(0)
    try:
        code, records, err = run(tmp_path, capsys, str(corpus))
    finally:
        locked.chmod(0o644)
    assert code == 1
    only_good_written(records)
    assert "locked.txt: cannot read: Permission denied" in err


def test_hostile_folder_parallel_equals_serial(tmp_path, capsys, corpus):
    (corpus / "blob.txt").write_bytes(b"\x00\x01" * 100)
    (corpus / "mixed.jsonl").write_bytes(b'{"title": "One"}\nnope\n{"title": "Two"}\n')
    one = run(tmp_path, capsys, str(corpus), jobs="1")
    two = run(tmp_path, capsys, str(corpus), jobs="2")
    assert one[:2] == two[:2]


def test_problems_are_counted_but_not_all_kept():
    data = b"".join(b"not json %d\n" % i for i in range(3000))
    problems = Problems()
    list(read_papers(["-"], problems, stdin=b'{"title": "T"}\n' + data))
    assert problems.skipped_count == 3000
    assert len(problems.items) == problems.keep


# ---------------------------------------------------------------- properties of extract()

ML_WORDS = st.sampled_from(
    ["We", "propose", "FooNet", "(", "FN", ")", ",", "a", "model", "that", "improves", "accuracy", "by", "3.5", "%", "on", "ImageNet", "and", "GLUE", "over", "BERT", "baselines", ".", "Code", ":", "https://github.com/a/b", "http://x.io/y?z=1", ";", "12.3", "→", "45.6", "F1", "state-of-the-art", "Large", "Language", "Models", "(LLMs)", "outperform", "2x", "faster", "SQuAD", "v2.0", "+4.2", "points", ")", "(", "[", "]", '"', "'", ":", "—", "–"]
)
TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(ML_WORDS, st.text(max_size=6)), max_size=60).map(" ".join),
)


def check_offsets(rec) -> None:
    data = rec.to_json_dict()
    for f in ("benchmarks", "gains", "urls"):
        for item in data[f]:
            assert data[item["field"]][item["start"] : item["end"]] == item["text"]
            for m in item.get("mentions") or ():
                assert data[m["field"]][m["start"] : m["end"]] == m["text"]
    for a in data["acronyms"]:
        src = data[a["field"]]
        assert src[a["start"] : a["end"]] == a["short"]
        assert src[a["long_start"] : a["long_end"]] == a["long"]
    for m in data["method"]:
        assert data[m["field"]][m["start"] : m["end"]] == m["name"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=TEXT, abstract=TEXT)
def test_extract_never_raises_and_offsets_reproduce_text(title, abstract):
    check_offsets(extract(title, abstract))
