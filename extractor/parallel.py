"""Record-level parallelism: batches of papers go out to worker processes, JSON lines come back.

Each worker holds one pipeline. Where the platform can fork, workers are forked after the parent
has built its pipeline, so they share it copy-on-write and start at once; elsewhere (spawn) each
worker builds it once in its initializer. Results come back in input order whatever the order
workers finish in, so ``--jobs N`` writes exactly what ``--jobs 1`` writes.

Measured on 2 cores (STYLE.md): ``nlp.pipe(n_process=2)`` is 0.18x, a fork-based pool of 2
returning plain results 1.7-1.9x; so workers return serialised bytes, not records or Docs.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import TypeVar

import orjson

from .readers import Paper
from .record import Source

FIELDS = ("benchmarks", "gains", "urls", "method", "acronyms")
BATCH_SIZE = 32  # ~30-60 ms of work: large enough to amortise pickling, small enough to stop quickly
WARM_PAPERS = 256  # papers per process whose words stay in spaCy's vocabulary (see BatchExtractor)

__all__ = ["BATCH_SIZE", "BatchResult", "BrokenProcessPool", "default_jobs", "ordered_map"]

T = TypeVar("T")
R = TypeVar("R")

# One paper as it travels to a worker: the paper and its sources as (path, index) pairs.
Job = tuple[Paper, list[tuple[str, int]]]


@dataclass
class BatchResult:
    lines: bytes = b""  # JSON lines, in the batch's order
    written: int = 0
    items: Counter = field(default_factory=Counter)
    failures: list[tuple[str, int, str, str]] = field(default_factory=list)  # path, index, title, error


class BatchExtractor:
    """Pipeline.extract over a batch, returning JSON lines.

    spaCy adds every new word it meets to its vocabulary and tokenizer cache for good; over
    millions of abstracts that is memory growing without bound. So after the first
    ``WARM_PAPERS`` (whose common words stay, keeping the cache useful) each batch runs inside
    ``nlp.memory_zone()``, which forgets the words first seen in it. Results are the same.
    """

    def __init__(self, pipeline):
        self.pipeline = pipeline
        self.seen = 0

    def __call__(self, batch: Sequence[Job]) -> BatchResult:
        nlp = getattr(self.pipeline, "nlp", None)
        if self.seen < WARM_PAPERS or not hasattr(nlp, "memory_zone"):
            result = self._extract(batch)
        else:
            with nlp.memory_zone():
                result = self._extract(batch)
        self.seen += len(batch)
        return result

    def _extract(self, batch: Sequence[Job]) -> BatchResult:
        out = BatchResult()
        lines = []
        for paper, sources in batch:
            try:
                record = self.pipeline.extract(paper, [Source(path=p, index=i) for p, i in sources])
                data = record.to_json_dict()
                line = orjson.dumps(data)
            except Exception as exc:  # noqa: BLE001 -- one bad paper must not end the run
                out.failures.append((paper.path, paper.index, paper.title[:60], f"{type(exc).__name__}: {exc}"))
                continue
            for f in FIELDS:
                out.items[f] += len(data[f])
            lines.append(line)
        if lines:
            lines.append(b"")
        out.lines = b"\n".join(lines)
        out.written = len(lines) - 1 if lines else 0
        return out


# ---------------------------------------------------------------- the worker side

_worker_fn: Callable | None = None


def _init_worker(make_fn: Callable[[], Callable]) -> None:
    global _worker_fn
    # Ctrl-C reaches the whole process group: the parent decides what happens (it stops the
    # workers and keeps the partial file), so workers ignore it. SIGTERM ends a worker outright.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _worker_fn = make_fn()


def _call(item):
    return _worker_fn(item)


# ---------------------------------------------------------------- the parent side


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def ordered_map(
    make_fn: Callable[[], Callable[[T], R]], items: Iterable[T], jobs: int, window: int = 4
) -> Iterator[R]:
    """``make_fn()(item)`` for every item, in input order, over ``jobs`` processes.

    ``make_fn`` runs once per process (in the parent when ``jobs`` is 1). At most ``window``
    items per worker are in flight, so the input is consumed only as fast as it is processed and
    memory stays flat. If the consumer stops (an exception, Ctrl-C, the generator closed), the
    workers are stopped at once. A worker that dies raises ``BrokenProcessPool``.
    """
    if jobs <= 1:
        fn = make_fn()
        for item in items:
            yield fn(item)
        return
    pool = ProcessPoolExecutor(jobs, mp_context=_context(), initializer=_init_worker, initargs=(make_fn,))
    pending: deque[Future] = deque()
    it = iter(items)
    finished = False
    try:
        for item in it:
            pending.append(pool.submit(_call, item))
            if len(pending) >= jobs * window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
        finished = True
    finally:
        _stop(pool, pending, graceful=finished)


def _stop(pool: ProcessPoolExecutor, pending: deque[Future], graceful: bool) -> None:
    if graceful:
        pool.shutdown(wait=True)
        return
    for f in pending:
        f.cancel()
    processes = list(getattr(pool, "_processes", {}).values())  # no public way to stop running work
    pool.shutdown(wait=False, cancel_futures=True)
    for p in processes:
        if p.is_alive():
            p.terminate()
    for p in processes:
        p.join(timeout=5)
