"""Nothing lost: an interrupted run (Ctrl-C, SIGTERM, a kill) leaves the previous output or a clearly
named partial file of complete lines, never a truncated file under the final name; --resume then
finishes it and the result equals an uninterrupted run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import orjson
import pytest

from extractor.cli import main


def make_corpus(path, n: int) -> None:
    rows = [
        {"id": f"2402.{i:05d}", "title": f"Study {i} of Widgets",
         "abstract": f"We introduce WidgetNet-{i} (WN{i}), reaching {i % 90}.{i % 10}% accuracy on CIFAR-10, "
                     f"{i % 7} points above ResNet. Code: https://github.com/w/{i}."}
        for i in range(n)
    ]
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))


def corpus_and_reference(folder, n: int) -> tuple:
    src = folder / "corpus.jsonl"
    make_corpus(src, n)
    reference = folder / "reference.jsonl"
    assert main(["run", str(src), "-o", str(reference), "--jobs", "1", "--progress", "off"]) == 0
    return src, reference.read_bytes()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Large enough that a run with two workers is still going when the signal arrives. The run is
    frozen (SIGSTOP) the moment its first lines appear, so the corpus only has to outlast that poll:
    4,000 papers take two workers several seconds even on a fast machine."""
    return corpus_and_reference(tmp_path_factory.mktemp("resume"), 4000)


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    return corpus_and_reference(tmp_path_factory.mktemp("small"), 150)


def start_run(src, out, *extra) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "extractor.cli", "run", str(src), "-o", str(out), "--jobs", "2", *extra],
        stderr=subprocess.PIPE,
    )


def wait_for_some_output(partial, proc, lines: int = 64, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if partial.exists() and partial.read_bytes().count(b"\n") >= lines:
            return
        assert proc.poll() is None, "the run ended before it could be interrupted"
        time.sleep(0.02)
    raise AssertionError("no output appeared")


def assert_complete_lines(data: bytes) -> int:
    assert data.endswith(b"\n")
    for line in data.splitlines():
        orjson.loads(line)
    return data.count(b"\n")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_interrupt_keeps_partial_file_and_resume_completes_it(tmp_path, corpus, signum):
    src, reference = corpus
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"previous output\n")  # from an earlier run: must survive the interruption
    partial = tmp_path / "out.jsonl.partial"

    proc = start_run(src, out)
    wait_for_some_output(partial, proc)
    # Freeze the run before signalling so it cannot finish in between, however fast the machine:
    # the signal waits and is handled the moment the run continues.
    proc.send_signal(signal.SIGSTOP)
    assert proc.poll() is None, "the run finished before it could be interrupted"
    proc.send_signal(signum)
    proc.send_signal(signal.SIGCONT)
    _, err = proc.communicate(timeout=30)
    err = err.decode()

    assert proc.returncode == 128 + signum
    assert out.read_bytes() == b"previous output\n"
    kept = assert_complete_lines(partial.read_bytes())
    assert 0 < kept < reference.count(b"\n")
    assert f"interrupted ({signal.Signals(signum).name}): {kept} complete record(s) kept in {partial}" in err
    assert "--resume" in err
    if signum == signal.SIGINT:
        return  # handled the same way from here on: resuming once is enough

    resumed = subprocess.run(
        [sys.executable, "-m", "extractor.cli", "run", str(src), "-o", str(out), "--jobs", "2", "--resume"],
        capture_output=True,
        check=False,
    )
    assert resumed.returncode == 0, resumed.stderr.decode()
    assert f"{kept} already written (resumed)" in resumed.stderr.decode()
    assert out.read_bytes() == reference
    assert not partial.exists()


def test_resume_after_a_hard_kill_drops_the_torn_line(tmp_path, small, capsys):
    src, reference = small
    out = tmp_path / "out.jsonl"
    partial = tmp_path / "out.jsonl.partial"
    lines = reference.splitlines(keepends=True)
    partial.write_bytes(b"".join(lines[:100]) + lines[100][:57])  # SIGKILL mid-write
    assert main(["run", str(src), "-o", str(out), "--jobs", "1", "--resume", "--progress", "off"]) == 0
    assert out.read_bytes() == reference
    assert "100 already written (resumed)" in capsys.readouterr().err


def test_without_resume_a_stale_partial_is_replaced_and_said_so(tmp_path, small, capsys):
    src, reference = small
    out = tmp_path / "out.jsonl"
    (tmp_path / "out.jsonl.partial").write_bytes(b'{"id": "stale"}\n')
    assert main(["run", str(src), "-o", str(out), "--jobs", "1", "--progress", "off"]) == 0
    assert out.read_bytes() == reference
    assert "replacing" in capsys.readouterr().err


def test_resume_with_nothing_to_resume_runs_from_the_start(tmp_path, small, capsys):
    src, reference = small
    out = tmp_path / "out.jsonl"
    assert main(["run", str(src), "-o", str(out), "--jobs", "1", "--resume", "--progress", "off"]) == 0
    assert out.read_bytes() == reference
    assert "nothing to resume" in capsys.readouterr().err


def _dies_on_second_batch(patterns):
    from extractor.run import make_batch_extractor

    real = make_batch_extractor(patterns)

    def extract(batch):
        if batch[0][0].index >= 32:
            os._exit(9)  # as the OOM killer would
        return real(batch)

    return extract


def test_a_worker_killed_mid_run_keeps_the_partial_and_says_how_to_resume(tmp_path, small, monkeypatch):
    import extractor.run as run_module

    src, reference = small
    out = tmp_path / "out.jsonl"
    monkeypatch.setattr(run_module, "make_batch_extractor", _dies_on_second_batch)  # workers fork from here
    with pytest.raises(run_module.Interrupted) as info:
        run_module.run([str(src)], str(out), jobs=2)
    assert "a worker process died" in info.value.message() and "--resume" in info.value.message()
    assert not out.exists()
    kept = (tmp_path / "out.jsonl.partial").read_bytes()
    assert kept == reference[: len(kept)]  # a prefix of the right output, whole lines only
    assert info.value.written == kept.count(b"\n")


def test_a_stop_signal_inside_a_write_waits_until_the_batch_is_written_and_counted():
    """The interrupted-run message counts the lines in the partial file: a stop that arrives
    between writing a batch and counting it must not split the two (a CI run once reported 32
    records for a file holding 64)."""
    from extractor.run import _Stop, _StopSignals

    stops = _StopSignals()
    steps = []
    before = signal.getsignal(signal.SIGTERM)
    with stops.installed():
        with pytest.raises(_Stop) as stopped:
            with stops.held():
                steps.append("written")
                os.kill(os.getpid(), signal.SIGTERM)  # its Python handler runs before the next line
                steps.append("counted")
        assert steps == ["written", "counted"]
        assert stopped.value.signum == signal.SIGTERM
        with pytest.raises(_Stop):  # outside a write, a stop acts at once
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(1)
            steps.append("not reached")
    assert steps == ["written", "counted"]
    assert signal.getsignal(signal.SIGTERM) == before  # the run leaves the caller's handler in place
