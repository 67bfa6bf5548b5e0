"""The same extraction on a Dask cluster: ``extractor run --dask tcp://scheduler:8786 CORPUS -o OUTDIR``.

Needs the optional extra: ``pip install 'paper-extractor[dask]'`` (dask.bag + distributed).

The corpus becomes a ``dask.bag`` with one partition per input file, and JSON-lines files larger
than ``blocksize`` are cut into byte ranges at line ends, so one 3 GB arXiv snapshot spreads over
the whole cluster just like a folder of shards does. Two passes, as in ``extractor run``:

1. each partition returns its papers' ids (and its paper and line counts, which number the papers
   and lines of the partitions after it); the client finds the duplicates, in input order;
2. each partition extracts its papers with its worker's pipeline (built once per worker process)
   and writes one JSONL shard, ``OUTDIR/part-00000.jsonl`` ..., through a ``.partial`` name.

Concatenating the shards in name order gives exactly what ``extractor run`` writes for the same
inputs. Input paths must be readable at the same path on the client and on every worker (a shared
file system); OUTDIR may be any fsspec URL the workers can write (a shared path, ``s3://...``).
With ``resume``, partitions whose shard already exists are not redone.
"""

from __future__ import annotations

import functools
import io
import itertools
import os
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .readers import READERS, Problems, file_kind, iter_files, read_jsonl
from .run import Summary

DEFAULT_BLOCKSIZE = 64 << 20
SHARD = "part-{:05d}.jsonl"


class DaskUnavailable(ImportError):
    pass


def _import_dask():
    try:
        import dask.bag as db
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise DaskUnavailable(
            f"the Dask adapter needs the 'dask' extra: pip install 'paper-extractor[dask]' ({exc})"
        ) from None
    return db, Client, LocalCluster


@dataclass(frozen=True)
class Part:
    """One partition: a whole file, or a byte range of a JSON-lines file."""

    number: int
    path: str  # absolute, as workers open it
    name: str  # as records cite it (relative to its input root), the same as `extractor run`
    kind: str
    start: int = 0
    end: int | None = None  # None: to the end of the file


def plan_parts(paths: Sequence[str], problems: Problems, blocksize: int = DEFAULT_BLOCKSIZE) -> list[Part]:
    parts: list[Part] = []
    for path, name in iter_files(paths, problems):
        if path is None:
            problems.add("-", None, "standard input cannot be sent to a Dask cluster; give files")
            continue
        try:
            with path.open("rb") as fh:
                kind = file_kind(fh, name, problems)
                if kind is None:
                    continue
                ranges = _line_ranges(fh, path.stat().st_size, blocksize) if kind == "jsonl" else [(0, None)]
        except OSError as exc:
            problems.add(name, None, f"cannot read: {exc.strerror}")
            continue
        for start, end in ranges:
            parts.append(Part(len(parts), str(path.resolve()), name, kind, start, end))
    return parts


def _line_ranges(fh, size: int, blocksize: int) -> list[tuple[int, int | None]]:
    cuts = [0]
    pos = blocksize
    while pos < size:
        fh.seek(pos)
        fh.readline()  # to the end of the line this byte falls in
        cut = fh.tell()
        if cut >= size:
            break
        if cut > cuts[-1]:
            cuts.append(cut)
        pos = cut + blocksize
    fh.seek(0)
    return [*itertools.pairwise(cuts), (cuts[-1], None)]


def _papers(part: Part, problems: Problems, first_line: int = 1, first_index: int = 0):
    with open(part.path, "rb") as fh:
        if part.kind != "jsonl":
            yield from READERS[part.kind](fh, part.name, problems)
            return
        fh.seek(part.start)
        limit = None if part.end is None else part.end - part.start
        # The byte range, in memory: at most about blocksize.
        chunk = io.BytesIO(fh.read(-1 if limit is None else limit))
        yield from read_jsonl(chunk, part.name, problems, first_line, first_index)


# ---------------------------------------------------------------- pass one: ids


def _scan(part: Part) -> dict:
    problems = Problems()
    ids = [(p.id, p.index) for p in _papers(part, problems)]
    lines = 0
    if part.kind == "jsonl":
        with open(part.path, "rb") as fh:
            fh.seek(part.start)
            remaining = None if part.end is None else part.end - part.start
            while remaining is None or remaining > 0:
                block = fh.read(1 << 20 if remaining is None else min(1 << 20, remaining))
                if not block:
                    break
                lines += block.count(b"\n")
                if remaining is not None:
                    remaining -= len(block)
    return {"ids": [i for i, _ in ids], "lines": lines}


# ---------------------------------------------------------------- pass two: records


@functools.lru_cache(maxsize=4)
def _extractor(patterns: tuple[str, ...]):
    from .run import make_batch_extractor

    return make_batch_extractor(patterns)  # one pipeline per worker process, built on first use


def _extract(part: Part, first_line: int, first_index: int, dups: dict, out_dir: str, patterns: tuple[str, ...]):
    import fsspec

    from .parallel import BatchResult
    from .run import batches

    problems = Problems(keep=200)
    extract = _extractor(patterns)
    stats = {"papers": 0, "duplicates": 0, "written": 0, "items": {}, "files": set()}

    def jobs():
        for paper in _papers(part, problems, first_line, first_index):
            stats["papers"] += 1
            stats["files"].add(paper.path)
            dup = dups.get(paper.id)
            if dup is not None:
                first, later = dup
                if first != (paper.path, paper.index):
                    stats["duplicates"] += 1
                    continue
                yield paper, [first, *later]
            else:
                yield paper, [(paper.path, paper.index)]

    fs, root = fsspec.core.url_to_fs(out_dir)
    final = f"{root.rstrip('/')}/{SHARD.format(part.number)}"
    failures = []
    items: dict[str, int] = {}
    with fs.open(final + ".partial", "wb") as out:
        for batch in batches(jobs()):
            result: BatchResult = extract(batch)
            out.write(result.lines)
            stats["written"] += result.written
            for k, v in result.items.items():
                items[k] = items.get(k, 0) + v
            failures += result.failures
    fs.mv(final + ".partial", final)
    stats["items"] = items
    stats["failures"] = failures
    stats["problems"] = [(p.path, p.line, p.message, p.skipped) for p in problems.items]
    stats["counts"] = (problems.skipped_count, problems.warning_count)
    return stats


# ---------------------------------------------------------------- the client


def run_dask(
    paths: Sequence[str],
    out_dir: str,
    *,
    scheduler: str | None = None,
    client=None,
    patterns: Sequence[str] = (),
    blocksize: int = DEFAULT_BLOCKSIZE,
    resume: bool = False,
) -> Summary:
    """Extract ``paths`` on a Dask cluster into JSONL shards under ``out_dir``.

    ``client``: a ``dask.distributed.Client`` to use; otherwise ``scheduler`` is an address to
    connect to, or 'local' (or None) for a LocalCluster of one single-threaded worker per core.
    """
    db, Client, LocalCluster = _import_dask()
    from .api import get_pipeline

    start = time.perf_counter()
    patterns = tuple(str(Path(p).resolve()) for p in patterns)  # workers' working folders differ
    get_pipeline(patterns)  # broken pattern files stop here, before the cluster is asked for anything
    summary = Summary()
    summary.problems.echo = True
    parts = plan_parts(paths, summary.problems, blocksize)
    own = None
    if client is None:
        if scheduler in (None, "local"):
            # One thread per worker: the pipeline is pure Python under the GIL, processes scale.
            own = LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1, processes=True)
            client = Client(own)
        else:
            client = Client(scheduler)
    try:
        summary.jobs = len(client.scheduler_info().get("workers", {})) or 1
        bag = db.from_sequence(parts, npartitions=max(len(parts), 1))
        scans = bag.map(_scan).compute() if parts else []
        offsets, dups = _plan_dedupe(parts, scans)
        if not resume:
            _clear_shards(out_dir)
        todo = []
        for part in parts:
            done = _done_shard_lines(out_dir, part) if resume else None
            if done is None:
                todo.append((part, *offsets[part.number]))
            else:
                summary.resumed += done
        work = db.from_sequence(todo, npartitions=max(len(todo), 1))
        extract = functools.partial(_extract_star, dups=dups, out_dir=out_dir, patterns=patterns)
        results = work.map(extract).compute() if todo else []
    finally:
        if own is not None:
            client.close()
            own.close()
    for stats in results:
        _merge(summary, stats)
    summary.seconds = time.perf_counter() - start
    return summary


def _extract_star(item, dups, out_dir, patterns):
    part, first_line, first_index = item
    return _extract(part, first_line, first_index, dups, out_dir, patterns)


def _plan_dedupe(parts: list[Part], scans: list[dict]):
    """Line and paper numbering of each part, and for every id seen twice: (first source, later sources)."""
    counts = Counter(pid for scan in scans for pid in scan["ids"])
    offsets: dict[int, tuple[int, int]] = {}
    dups: dict[str, tuple[tuple[str, int], list[tuple[str, int]]]] = {}
    line, index, name = 1, 0, None
    for part, scan in zip(parts, scans):
        if part.name != name:
            line, index, name = 1, 0, part.name
        offsets[part.number] = (line, index)
        for i, pid in enumerate(scan["ids"]):
            if counts[pid] > 1:
                source = (part.name, index + i)
                if pid in dups:
                    dups[pid][1].append(source)
                else:
                    dups[pid] = (source, [])
        line += scan["lines"]
        index += len(scan["ids"])
    return offsets, dups


def _clear_shards(out_dir: str) -> None:
    import fsspec

    fs, root = fsspec.core.url_to_fs(out_dir)
    fs.makedirs(root, exist_ok=True)
    for old in fs.glob(f"{root.rstrip('/')}/part-*.jsonl*"):
        fs.rm(old)


def _done_shard_lines(out_dir: str, part: Part) -> int | None:
    """Records in the part's finished shard, or None when it has none."""
    import fsspec

    fs, root = fsspec.core.url_to_fs(out_dir)
    shard = f"{root.rstrip('/')}/{SHARD.format(part.number)}"
    if not fs.exists(shard):
        return None
    with fs.open(shard, "rb") as fh:
        return sum(1 for _ in fh)


def _merge(summary: Summary, stats: dict) -> None:
    summary.papers += stats["papers"]
    summary.duplicates += stats["duplicates"]
    summary.written += stats["written"]
    summary.files |= stats["files"]
    summary.items.update(stats["items"])
    for path, line, message, skipped in stats["problems"]:
        summary.problems.add(path, line, message, skipped)
    listed_skipped = sum(1 for p in stats["problems"] if p[3])
    summary.problems.skipped_count += stats["counts"][0] - listed_skipped  # beyond those listed
    summary.problems.warning_count += stats["counts"][1] - (len(stats["problems"]) - listed_skipped)
    for path, index, title, error in stats["failures"]:
        summary.failed += 1
        summary.problems.add(path, None, f"paper {index} ({title!r}) could not be extracted: {error}")
