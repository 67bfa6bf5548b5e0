"""The Dask adapter on a LocalCluster of 2 worker processes: its shards, concatenated in name order,
are byte for byte what `extractor run` writes for the same inputs (including duplicates across
files, a JSONL file cut into byte ranges, and a malformed line numbered as in the whole file)."""

from __future__ import annotations

import orjson
import pytest
from conftest import FIXTURES

pytest.importorskip("dask.bag", reason="the Dask adapter needs the optional extra: pip install -e '.[dask]'")
pytest.importorskip("dask.distributed", reason="the Dask adapter needs the optional extra: pip install -e '.[dask]'")

from dask.distributed import Client, LocalCluster

from extractor.cli import main
from extractor.dask_adapter import plan_parts, run_dask
from extractor.readers import Problems


@pytest.fixture(scope="module")
def client():
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as c,
    ):
        yield c


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    (folder / "pages").mkdir(parents=True)
    for f in (FIXTURES / "seeds").iterdir():
        (folder / "pages" / f.name).write_bytes(f.read_bytes())
    rows = [orjson.dumps({"id": f"2403.{i:05d}", "title": f"Work {i}", "abstract": f"We propose X{i} (X{i}) "
                          f"for tasks, +{i % 5}.1% on GLUE."}) for i in range(120)]
    rows.insert(70, b"{broken")
    rows.append(orjson.dumps({"title": "Reinforcement Learning with Fast and Forgetful Memory"}))  # a duplicate
    (folder / "shard.jsonl").write_bytes(b"\n".join(rows) + b"\n")
    return folder


def test_dask_output_equals_extractor_run(tmp_path, inputs, client, capsys):
    expected = tmp_path / "run.jsonl"
    assert main(["run", str(inputs), "-o", str(expected), "--jobs", "1", "--progress", "off"]) == 1
    run_err = capsys.readouterr().err

    parts = plan_parts([str(inputs)], Problems(), blocksize=2000)
    assert sum(p.name == "shard.jsonl" for p in parts) > 3  # the JSONL file really is cut up

    out = tmp_path / "shards"
    summary = run_dask([str(inputs)], str(out), client=client, blocksize=2000)
    shards = sorted(out.glob("part-*.jsonl"))
    assert len(shards) == len(parts) and not list(out.glob("*.partial"))
    assert b"".join(s.read_bytes() for s in shards) == expected.read_bytes()

    assert summary.skipped == 1 and "shard.jsonl:71: malformed JSON" in run_err
    assert [str(p) for p in summary.problems.skipped] == ["shard.jsonl:71: malformed JSON: " +
                                                          run_err.split("shard.jsonl:71: malformed JSON: ")[1].split("\n")[0]]
    assert summary.written == expected.read_bytes().count(b"\n") and summary.duplicates == 7


def test_resume_redoes_only_missing_shards(tmp_path, inputs, client):
    out = tmp_path / "shards"
    run_dask([str(inputs)], str(out), client=client)
    shards = sorted(out.glob("part-*.jsonl"))
    before = {s.name: s.read_bytes() for s in shards}
    shards[-1].unlink()
    summary = run_dask([str(inputs)], str(out), client=client, resume=True)
    assert {s.name: s.read_bytes() for s in sorted(out.glob("part-*.jsonl"))} == before
    assert summary.resumed == sum(b.count(b"\n") for n, b in before.items() if n != shards[-1].name)
