"""The Python interface: ``extract(title, abstract)`` and ``extract_many(papers)``.

The pipeline is loaded once per process and per set of pattern folders, then reused.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache

from .patterns import print_notices
from .pipeline import Pipeline
from .readers import Paper, clean_field
from .record import Record


@lru_cache(maxsize=8)
def _pipeline(extra_dirs: tuple[str, ...], env: str) -> Pipeline:
    pipeline = Pipeline.load(extra_dirs)
    print_notices(pipeline.patterns)  # once per process: which user rules override bundled ones
    return pipeline


def get_pipeline(patterns: Sequence[str | os.PathLike] = ()) -> Pipeline:
    from .patterns import ENV_VAR

    return _pipeline(tuple(str(p) for p in patterns), os.environ.get(ENV_VAR, ""))


def extract(title: str | Mapping, abstract: str = "", *, patterns: Sequence[str | os.PathLike] = ()) -> Record:
    """One paper → a validated record: ``extract(title, abstract)``, or ``extract(paper)`` with a dict
    as ``extract_many`` takes. ``patterns``: extra pattern folders layered over the bundled ones."""
    if isinstance(title, Mapping) and not abstract:
        return next(extract_many([dict(title)], patterns=patterns))
    for name, value in (("title", title), ("abstract", abstract)):
        if not isinstance(value, str):
            raise TypeError(f"extract(): {name} must be a string, not {type(value).__name__}")
    paper = Paper(clean_field(title), clean_field(abstract), path="<extract>", index=0)
    return get_pipeline(patterns).extract(paper)


def extract_many(
    papers: Iterable[tuple[str, str] | dict], *, patterns: Sequence[str | os.PathLike] = ()
) -> Iterator[Record]:
    """Many papers with one loaded pipeline: (title, abstract) pairs or dicts with title/abstract."""
    pipeline = get_pipeline(patterns)
    for i, item in enumerate(papers):
        if isinstance(item, Mapping):
            title, abstract = item.get("title", ""), item.get("abstract", item.get("summary", "")) or ""
            arxiv = item.get("arxiv_id") or item.get("id")
        else:
            (title, abstract), arxiv = item, None
        paper = Paper(clean_field(title), clean_field(abstract), "<extract>", i, str(arxiv) if arxiv else None)
        yield pipeline.extract(paper)
