"""A whole run: inputs → papers → (dedupe) → pipeline → records → JSONL, with a summary.

Two passes over the inputs: the first only reads ids, so that a paper listed in several files
becomes one record carrying all its sources while nothing but ids is held in memory; the second
extracts. Output goes to ``OUT.partial`` and is renamed to ``OUT`` when the run completes, so an
interrupted run never leaves a truncated file under the final name; ``resume`` continues from
the partial file.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import orjson

from .readers import Paper, Problems, read_papers
from .record import Source

FIELDS = ("benchmarks", "gains", "urls", "method", "acronyms")


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

    @property
    def skipped(self) -> int:
        return len(self.problems.skipped) + self.failed

    def text(self) -> str:
        rate = self.written / self.seconds if self.seconds else 0.0
        lines = [
            f"read {len(self.files)} file(s), {self.papers} paper(s); {self.duplicates} duplicate(s) merged"
            + (f", {self.resumed} already written (resumed)" if self.resumed else ""),
            f"wrote {self.written} record(s) in {self.seconds:.1f}s ({rate:.0f}/s); items: "
            + ", ".join(f"{f} {self.items[f]}" for f in FIELDS),
        ]
        warnings = [p for p in self.problems.items if not p.skipped]
        if warnings:
            lines.append(f"{len(warnings)} warning(s):")
            lines += [f"  {p}" for p in warnings[:50]]
        if self.skipped:
            lines.append(f"skipped {self.skipped} input(s):")
            lines += [f"  {p}" for p in self.problems.skipped[:50]]
            if len(self.problems.skipped) > 50:
                lines.append(f"  ... and {len(self.problems.skipped) - 50} more")
        return "\n".join(lines)


def scan_duplicates(paths: Sequence[str], stdin: bytes | None) -> dict[str, list[Source]]:
    """Pass one: for each id seen more than once, the sources after its first."""
    seen: set[str] = set()
    later: dict[str, list[Source]] = {}
    for paper in read_papers(paths, Problems(), stdin=stdin):
        pid = paper.id
        if pid in seen:
            later.setdefault(pid, []).append(Source(path=paper.path, index=paper.index))
        else:
            seen.add(pid)
    return later


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
    data = path.read_bytes()
    cut = data.rfind(b"\n") + 1
    if cut != len(data):
        with path.open("r+b") as fh:
            fh.truncate(cut)


def papers_to_extract(
    paths: Sequence[str], summary: Summary, stdin: bytes | None, skip_ids: set[str]
) -> Iterator[tuple[Paper, list[Source]]]:
    later = scan_duplicates(paths, stdin)
    done = set(skip_ids)
    for paper in read_papers(paths, summary.problems, stdin=stdin):
        summary.papers += 1
        summary.files.add(paper.path)
        pid = paper.id
        if pid in done:
            if pid in skip_ids:
                summary.resumed += 1
            else:
                summary.duplicates += 1
            continue
        done.add(pid)
        yield paper, [Source(path=paper.path, index=paper.index), *later.get(pid, [])]


def run(
    paths: Sequence[str],
    out: str | None,
    *,
    patterns: Sequence[str] = (),
    resume: bool = False,
    stderr: IO[str] = sys.stderr,
) -> Summary:
    from .api import get_pipeline

    summary = Summary()
    summary.problems.echo = True
    start = time.perf_counter()
    pipeline = get_pipeline(patterns)
    stdin = sys.stdin.buffer.read() if "-" in paths else None

    if out is None or out == "-":
        sink, final, partial = sys.stdout.buffer, None, None
        skip: set[str] = set()
    else:
        final = Path(out)
        partial = final.with_name(final.name + ".partial")
        if resume and partial.exists():
            _truncate_torn_line(partial)
            skip = written_ids(partial)
            sink = partial.open("ab")
        else:
            skip = set()
            sink = partial.open("wb")
    try:
        for paper, sources in papers_to_extract(paths, summary, stdin, skip):
            try:
                record = pipeline.extract(paper, sources)
            except Exception as exc:  # one bad paper must not end the run
                summary.failed += 1
                summary.problems.add(paper.path, None, f"paper {paper.index} ({paper.title[:60]!r}): {exc}")
                continue
            data = record.to_json_dict()
            for f in FIELDS:
                summary.items[f] += len(data[f])
            sink.write(orjson.dumps(data) + b"\n")
            summary.written += 1
    finally:
        if partial is not None:
            sink.close()
        else:
            sink.flush()
    if partial is not None and final is not None:
        os.replace(partial, final)
    summary.seconds = time.perf_counter() - start
    return summary
