"""`--jobs N`: the same bytes as `--jobs 1`, in input order, with memory that does not grow with the
corpus (lazy input, bounded in-flight batches, spaCy's vocabulary kept from growing)."""

from __future__ import annotations

import io
import itertools
import os
import time

import orjson
import pytest
from conftest import FIXTURES

from extractor.cli import main
from extractor.parallel import BatchExtractor, BrokenProcessPool, ordered_map
from extractor.readers import Paper, Problems, read_stream


def corpus(folder, n: int = 300):
    """Seeds plus a JSONL file of distinct papers, some repeating seed titles (duplicates across files)."""
    folder.mkdir()
    for f in (FIXTURES / "seeds").iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    rows = [{"id": f"2401.{i:05d}", "title": f"Paper {i} on Things", "abstract":
             f"We propose Model{i} ( M{i} ), improving accuracy on ImageNet by {i % 9}.{i % 7}% with code at "
             f"https://github.com/lab/m{i}."} for i in range(n)]
    rows.append({"title": "Meta-Prompting: Enhancing Language Models with Task-Agnostic Scaffolding"})
    (folder / "extra.jsonl").write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows) + b"broken line\n")
    return folder


def test_jobs_2_writes_exactly_what_jobs_1_writes(tmp_path, capsys):
    src = corpus(tmp_path / "in")
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.jsonl"
        assert main(["run", str(src), "-o", str(out), "--jobs", jobs, "--progress", "off"]) == 1  # the broken line
        outs.append(out.read_bytes())
    err = capsys.readouterr().err
    assert outs[0] == outs[1]
    assert "extra.jsonl:302: malformed JSON" in err
    records = [orjson.loads(line) for line in outs[0].splitlines()]
    assert len(records) == len({r["id"] for r in records})
    merged = next(r for r in records if r["title"].startswith("Meta-Prompting"))
    assert {s["path"] for s in merged["sources"]} >= {"extra.jsonl", "001_a27d29def9349659.txt"}


def _slow_for_small(x: int) -> int:
    time.sleep(0.05 if x % 2 == 0 else 0)  # even items finish after the odd ones queued behind them
    return x * x


def _make_square():
    return _slow_for_small


def test_ordered_map_keeps_input_order_when_workers_finish_out_of_order():
    assert list(ordered_map(_make_square, range(20), jobs=2)) == [x * x for x in range(20)]


def test_ordered_map_reads_input_lazily():
    consumed = itertools.count()

    def endless():
        for i in itertools.count():
            next(consumed)
            yield i

    results = ordered_map(_make_square, endless(), jobs=2, window=3)
    first = [next(results) for _ in range(5)]
    results.close()  # stops the workers
    assert first == [0, 1, 4, 9, 16]
    assert next(consumed) <= 5 + 2 * 3 + 1  # what was returned, plus at most a window per worker


def _die_on_seven(x: int) -> int:
    if x == 7:
        os._exit(9)  # a worker killed (OOM killer, segfault) mid-batch
    return x


def _make_die():
    return _die_on_seven


def test_a_dead_worker_is_an_error_not_a_hang():
    with pytest.raises(BrokenProcessPool):
        list(ordered_map(_make_die, range(40), jobs=2))


class FlakyPipeline:
    """Extracts like the real one but fails on one paper, as a bug in a field extractor would."""

    def __init__(self, real):
        self.real = real
        self.nlp = real.nlp

    def extract(self, paper, sources=None):
        if "boom" in paper.title:
            raise RuntimeError("a field extractor broke")
        return self.real.extract(paper, sources)


def test_a_paper_that_fails_is_reported_and_the_batch_goes_on(pipeline):
    batch = [(Paper(t, "Text.", "f.jsonl", i), [("f.jsonl", i)]) for i, t in enumerate(["ok one", "boom", "ok two"])]
    result = BatchExtractor(FlakyPipeline(pipeline))(batch)
    assert [orjson.loads(line)["title"] for line in result.lines.splitlines()] == ["ok one", "ok two"]
    assert result.written == 2
    assert result.failures == [("f.jsonl", 1, "boom", "RuntimeError: a field extractor broke")]


def test_spacy_vocabulary_does_not_grow_with_the_corpus():
    from extractor.pipeline import Pipeline

    extractor = BatchExtractor(Pipeline.load())
    strings = extractor.pipeline.nlp.vocab.strings

    def batch(start):
        return [(Paper(f"Title {i}", f"We study zqx{i}word and qvk{i}thing carefully.", "f", i), [("f", i)])
                for i in range(start, start + 32)]

    for start in range(0, 320, 32):  # past the warm-up
        extractor(batch(start))
    after_warmup = len(strings)
    for start in range(1000, 3000, 32):
        extractor(batch(start))
    assert len(strings) <= after_warmup + 10


def test_jsonl_is_streamed_not_read_whole():
    class Counting(io.BytesIO):
        read_bytes = 0

        def read(self, size=-1):
            data = super().read(size)
            Counting.read_bytes += len(data)
            return data

        def readline(self, size=-1):
            data = super().readline(size)
            Counting.read_bytes += len(data)
            return data

    row = orjson.dumps({"title": "T", "abstract": "x" * 1000}) + b"\n"
    papers = read_stream(Counting(row * 20000), "big.jsonl", Problems())  # 20 MB
    next(papers)
    assert Counting.read_bytes < 100_000
