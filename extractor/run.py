"""A whole run: inputs → papers → (dedupe) → pipeline → records → JSONL, with a summary.

Two passes over the inputs, both streamed: the first only reads ids, so that a paper listed in
several files becomes one record carrying all its sources while nothing but ids is held in
memory (and it tells the progress display how many records to expect); the second extracts, in
batches, in this process or over ``jobs`` worker processes, writing in input order.

Nothing is lost: output goes to ``OUT.partial`` and is renamed to ``OUT`` when the run completes.
Ctrl-C or SIGTERM stops the workers, leaves ``OUT.partial`` holding only complete lines (and any
previous ``OUT`` untouched) and raises ``Interrupted``; ``resume`` continues from the partial
file, skipping papers whose ids it already holds.
"""

from __future__ import annotations

import functools
import os
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import orjson

from .parallel import (
    BATCH_SIZE,
    FIELDS,
    BatchExtractor,
    BatchResult,
    BrokenProcessPool,
    Job,
    ordered_map,
)
from .progress import Progress
from .readers import Problems, read_papers

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(Exception):
    """The run was stopped (a signal, or a worker that died) before it completed."""

    def __init__(self, reason: str, partial: Path | None, written: int, exit_code: int):
        self.reason, self.partial, self.written, self.exit_code = reason, partial, written, exit_code
        super().__init__(self.message())

    def message(self) -> str:
        if self.partial is None:
            return f"interrupted ({self.reason}) after {self.written} record(s)"
        final = self.partial.with_name(self.partial.name.removesuffix(".partial"))
        return (
            f"interrupted ({self.reason}): {self.written} complete record(s) kept in {self.partial}; "
            f"{final.name} was not written. Run the same command with --resume to continue."
        )


@dataclass
class Summary:
    files: set[str] = field(default_factory=set)
    papers: int = 0
    duplicates: int = 0
    resumed: int = 0
    written: int = 0
    failed: int = 0
    items: Counter = field(default_factory=Counter)
    problems: Problems = field(default_factory=Problems)
    seconds: float = 0.0
    jobs: int = 1

    @property
    def skipped(self) -> int:
        return self.problems.skipped_count  # papers whose extraction failed are among them

    def text(self) -> str:
        rate = self.written / self.seconds if self.seconds else 0.0
        lines = [
            f"read {len(self.files)} file(s), {self.papers} paper(s); {self.duplicates} duplicate(s) merged"
            + (f", {self.resumed} already written (resumed)" if self.resumed else ""),
            f"wrote {self.written} record(s) in {self.seconds:.1f}s ({rate:.0f}/s"
            + (f", {self.jobs} processes" if self.jobs > 1 else "")
            + "); items: "
            + ", ".join(f"{f} {self.items[f]}" for f in FIELDS),
        ]
        lines += _listing("warning(s)", self.problems.warnings, self.problems.warning_count)
        if self.failed:
            lines.append(f"{self.failed} paper(s) could not be extracted (listed below)")
        if self.skipped:
            lines += _listing("skipped input(s)", self.problems.skipped, self.skipped, header="skipped {n} input(s):")
        return "\n".join(lines)


def _listing(what: str, shown: list, count: int, header: str | None = None, limit: int = 50) -> list[str]:
    if not count:
        return []
    lines = [(header or "{n} " + what + ":").format(n=count)]
    lines += [f"  {p}" for p in shown[:limit]]
    if count > limit:
        lines.append(f"  ... and {count - limit} more")
    return lines


# ---------------------------------------------------------------- the two passes


@dataclass
class Duplicates:
    """Pass one's findings: ids seen more than once with their later sources, and how many distinct."""

    later: dict[str, list[tuple[str, int]]]
    distinct: int


def scan_duplicates(paths: Sequence[str], stdin) -> Duplicates:
    # Hashes, not id strings: ~50 bytes an id instead of ~120 over millions of papers. A collision
    # (odds ~1e-7 over 2.5M ids) only gives one record a repeated source; no paper is dropped.
    seen: set[int] = set()
    later: dict[str, list[tuple[str, int]]] = {}
    for paper in read_papers(paths, Problems(), stdin=stdin):
        key = hash(paper.id)
        if key in seen:
            later.setdefault(paper.id, []).append((paper.path, paper.index))
        else:
            seen.add(key)
    return Duplicates(later, len(seen))


def papers_to_extract(
    paths: Sequence[str], summary: Summary, stdin, dups: Duplicates, skip_ids: set[str]
) -> Iterator[Job]:
    emitted: set[str] = set()  # only ids that have duplicates
    for paper in read_papers(paths, summary.problems, stdin=stdin):
        summary.papers += 1
        summary.files.add(paper.path)
        pid = paper.id
        later = dups.later.get(pid)
        if later is not None:
            if pid in emitted:
                summary.duplicates += 1
                continue
            emitted.add(pid)
        if pid in skip_ids:
            summary.resumed += 1
            continue
        yield paper, [(paper.path, paper.index), *(later or ())]


def batches(jobs: Iterator[Job], size: int = BATCH_SIZE) -> Iterator[list[Job]]:
    batch: list[Job] = []
    for job in jobs:
        batch.append(job)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def make_batch_extractor(patterns: tuple[str, ...]) -> BatchExtractor:
    """Runs once per process: under fork the parent's cached pipeline is reused, not rebuilt."""
    from .api import get_pipeline

    return BatchExtractor(get_pipeline(patterns))


# ---------------------------------------------------------------- output file, resume, signals


def written_ids(path: Path) -> set[str]:
    """Ids already in an output file (complete lines only: a torn last line is dropped)."""
    ids: set[str] = set()
    if not path.exists():
        return ids
    with path.open("rb") as fh:
        for line in fh:
            if not line.endswith(b"\n"):
                break
            try:
                ids.add(orjson.loads(line)["id"])
            except (orjson.JSONDecodeError, KeyError, TypeError):
                continue
    return ids


def _truncate_torn_line(path: Path) -> None:
    """Drop an incomplete last line (a run killed outright, e.g. SIGKILL, mid-write)."""
    size = path.stat().st_size
    with path.open("r+b") as fh:
        pos = size
        while pos > 0:
            step = min(1 << 16, pos)
            fh.seek(pos - step)
            chunk = fh.read(step)
            cut = chunk.rfind(b"\n")
            if cut >= 0:
                pos = pos - step + cut + 1
                break
            pos -= step
        if pos != size:
            fh.truncate(pos)


class _Stop(Exception):
    def __init__(self, signum: int):
        self.signum = signum


class _StopSignals:
    """SIGTERM (and SIGINT) raise ``_Stop`` in the main thread, so a kill is handled like Ctrl-C,
    except inside ``held()``, where the stop waits until the block ends.

    Deferral happens in the Python-level handler, not with a signal mask: a signal that reached
    the process just before a block starts runs its Python handler at some later bytecode, which
    may be inside the block (between writing a batch and counting it), whatever the mask says.
    """

    def __init__(self) -> None:
        self.depth = 0
        self.pending: int | None = None

    def handler(self, signum, frame) -> None:
        if self.depth:
            self.pending = self.pending or signum
        else:
            raise _Stop(signum)

    @contextmanager
    def installed(self):
        try:
            old = {s: signal.signal(s, self.handler) for s in STOP_SIGNALS}
        except ValueError:  # not the main thread: leave signals alone
            yield
            return
        try:
            yield
        finally:
            for s, h in old.items():
                signal.signal(s, h)

    @contextmanager
    def held(self):
        """Stop signals wait while a batch is written and counted, so the file never ends mid-line
        and the count reported on interruption is the count of lines in the file."""
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1
        if not self.depth and self.pending is not None:
            signum, self.pending = self.pending, None
            raise _Stop(signum)


@contextmanager
def _spooled_stdin(paths: Sequence[str]):
    """Standard input copied to a temporary file, so both passes can stream it."""
    if "-" not in paths:
        yield None
        return
    with tempfile.NamedTemporaryFile(prefix="extractor-stdin-", suffix=".txt") as tmp:
        shutil.copyfileobj(sys.stdin.buffer, tmp, 1 << 20)
        tmp.flush()
        yield tmp.name


# ---------------------------------------------------------------- the run


def run(
    paths: Sequence[str],
    out: str | None,
    *,
    patterns: Sequence[str] = (),
    resume: bool = False,
    jobs: int = 1,
    progress: str = "off",
    stderr: IO[str] | None = None,
) -> Summary:
    from .api import get_pipeline

    stderr = stderr or sys.stderr
    summary = Summary(jobs=max(jobs, 1))
    start = time.perf_counter()
    patterns = tuple(str(p) for p in patterns)
    get_pipeline(patterns)  # broken pattern files stop the run here, before any output; workers fork from it
    stops = _StopSignals()
    with stops.installed(), _spooled_stdin(paths) as stdin:
        try:
            dups = scan_duplicates(paths, stdin)
        except _Stop as stop:
            raise _interrupted(stop.signum, None, 0) from None
        except KeyboardInterrupt:
            raise _interrupted(signal.SIGINT, None, 0) from None
        final, partial, skip = _prepare_output(out, resume, stderr)
        todo = max(dups.distinct - len(skip), 0)
        summary.jobs = min(summary.jobs, max(1, -(-todo // BATCH_SIZE)))  # no idle workers for small inputs
        bar = Progress(stderr, progress, total=todo)
        summary.problems.echo = bar.echo
        sink = sys.stdout.buffer if partial is None else partial.open("ab" if skip else "wb")
        try:
            _extract_all(paths, stdin, dups, skip, patterns, summary, sink, bar, stops)
        except (_Stop, KeyboardInterrupt) as exc:
            signum = exc.signum if isinstance(exc, _Stop) else signal.SIGINT
            raise _interrupted(signum, partial, len(skip) + summary.written) from None
        except BrokenProcessPool:
            reason = "a worker process died: killed, or out of memory?"
            raise Interrupted(reason, partial, len(skip) + summary.written, 1) from None
        finally:
            bar.close()
            if partial is not None:
                sink.close()
            else:
                _flush(sink)
    if partial is not None and final is not None:
        os.replace(partial, final)
    summary.seconds = time.perf_counter() - start
    return summary


def _extract_all(
    paths, stdin, dups, skip, patterns, summary: Summary, sink, bar: Progress, stops: _StopSignals
) -> None:
    todo = batches(papers_to_extract(paths, summary, stdin, dups, skip))
    make = functools.partial(make_batch_extractor, patterns)
    with closing(ordered_map(make, todo, summary.jobs)) as results:  # closing stops the workers at once
        for result in results:
            with stops.held():
                sink.write(result.lines)
                _account(result, summary)
            bar.update(summary.written, summary.skipped)


def _account(result: BatchResult, summary: Summary) -> None:
    summary.written += result.written
    summary.items.update(result.items)
    for path, index, title, error in result.failures:
        summary.failed += 1
        summary.problems.add(path, None, f"paper {index} ({title!r}) could not be extracted: {error}")


def _prepare_output(out: str | None, resume: bool, stderr: IO[str]) -> tuple[Path | None, Path | None, set[str]]:
    if out is None or out == "-":
        return None, None, set()
    final = Path(out)
    partial = final.with_name(final.name + ".partial")
    if resume and partial.exists():
        _truncate_torn_line(partial)
        skip = written_ids(partial)
        print(f"resuming: {len(skip)} record(s) already in {partial}", file=stderr)
        return final, partial, skip
    if resume:
        print(f"nothing to resume ({partial} does not exist): starting from the beginning", file=stderr)
    elif partial.exists():
        print(f"note: replacing {partial} left by an earlier run (--resume would continue it)", file=stderr)
    return final, partial, set()


def _interrupted(signum: int, partial: Path | None, written: int) -> Interrupted:
    name = signal.Signals(signum).name
    return Interrupted(name, partial, written, 128 + signum)


def _flush(sink) -> None:
    try:
        sink.flush()
    except BrokenPipeError:
        pass
