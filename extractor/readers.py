"""Input formats → papers. One reader per format, picked by content, not by file extension.

Readers are generators: a paper at a time, so a corpus is never held in memory (a JSON array is
the exception: it is one value and is parsed whole). Anything unusable is reported to a
``Problems`` collector with file and line, and reading goes on.
"""

from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import orjson

SUPPORTED_SUFFIXES = {".txt", ".jsonl", ".json", ".ndjson", ".md", ""}
MAX_LINE_CHARS = 1_000_000  # a single paper line longer than this is not a paper listing
SNIFF_BYTES = 8192

# Listing-page chrome: lines that are never a paper.
CHROME_LINES = {
    "new",
    "get trending papers in your email inbox!",
    "get trending papers in your email inbox once a day!",
    "subscribe",
    "byak and the research community",
    "daily papers",
    "trending papers",
}
DATE_LINE = re.compile(
    r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?$", re.I
)
GLUED_SUBSCRIBE = re.compile(r"^Subscribe(?=[A-Z0-9\"'(\[])")
ARXIV_ID = re.compile(r"(?:arxiv:|arxiv\.org/(?:abs|pdf)/)?(\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?", re.I)


@dataclass
class Paper:
    title: str
    abstract: str
    path: str
    index: int
    arxiv_id: str | None = None
    url: str | None = None

    @property
    def id(self) -> str:
        return paper_id(self.title, self.arxiv_id)


@dataclass
class Problem:
    path: str
    line: int | None
    message: str
    skipped: bool = True  # False: a warning (e.g. text decoded with replacements), nothing lost

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass
class Problems:
    items: list[Problem] = field(default_factory=list)
    echo: bool = False

    def add(self, path: str, line: int | None, message: str, skipped: bool = True) -> None:
        p = Problem(path, line, message, skipped)
        self.items.append(p)
        if self.echo:
            print(("skipped: " if skipped else "warning: ") + str(p), file=sys.stderr)

    @property
    def skipped(self) -> list[Problem]:
        return [p for p in self.items if p.skipped]


def normalise_title(title: str) -> str:
    t = unicodedata.normalize("NFKC", title).casefold()
    return " ".join(re.findall(r"\w+", t))


def paper_id(title: str, arxiv_id: str | None = None) -> str:
    if arxiv_id:
        m = ARXIV_ID.search(arxiv_id.strip())
        if m:
            return m.group(1)
        return arxiv_id.strip()
    return "t" + hashlib.sha1(normalise_title(title).encode()).hexdigest()[:15]


def clean_field(text: str) -> str:
    """Collapse hard line breaks and runs of white space (arXiv snapshots wrap abstracts)."""
    return " ".join(text.split())


# ---------------------------------------------------------------- decoding and sniffing


def decode(data: bytes, path: str, problems: Problems) -> str | None:
    if b"\0" in data[:SNIFF_BYTES]:
        problems.add(path, None, "binary file (NUL bytes), not read")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        problems.add(
            path, line, f"not valid UTF-8 (first bad byte at offset {exc.start}); decoded with replacement characters",
            skipped=False,
        )
        return data.decode("utf-8", errors="replace")


def sniff(text: str) -> str:
    head = text.lstrip()[:1]
    if head == "[":
        return "json"
    if head == "{":
        return "jsonl"
    return "listing"


# ---------------------------------------------------------------- the three formats


def _paper_from_obj(obj: object, path: str, index: int, line: int | None, problems: Problems) -> Paper | None:
    if not isinstance(obj, dict):
        problems.add(path, line, f"expected a JSON object with a title, found {type(obj).__name__}")
        return None
    title = obj.get("title")
    abstract = obj.get("abstract", obj.get("summary", ""))
    if not isinstance(title, str) or not title.strip():
        problems.add(path, line, "object has no 'title' string")
        return None
    if abstract is None:
        abstract = ""
    if not isinstance(abstract, str):
        problems.add(path, line, "'abstract' is not a string")
        return None
    ident = obj.get("arxiv_id") or obj.get("id")
    url = obj.get("url")
    return Paper(
        title=clean_field(title),
        abstract=clean_field(abstract),
        path=path,
        index=index,
        arxiv_id=str(ident) if isinstance(ident, (str, int)) and str(ident).strip() else None,
        url=url if isinstance(url, str) else None,
    )


def read_jsonl(text: str, path: str, problems: Problems) -> Iterator[Paper]:
    index = 0
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if len(line) > MAX_LINE_CHARS:
            problems.add(path, lineno, f"line of {len(line):,} characters is too long for one paper")
            continue
        try:
            obj = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            problems.add(path, lineno, f"malformed JSON: {exc}")
            continue
        paper = _paper_from_obj(obj, path, index, lineno, problems)
        if paper:
            index += 1
            yield paper


def read_json(text: str, path: str, problems: Problems) -> Iterator[Paper]:
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        # Not one JSON value: maybe JSON lines that begin with an array-looking line.
        if text.lstrip().startswith("[") and "\n{" in text:
            yield from read_jsonl(text, path, problems)
            return
        problems.add(path, None, f"malformed JSON: {exc}")
        return
    if isinstance(data, dict) and isinstance(data.get("papers"), list):
        data = data["papers"]
    if not isinstance(data, list):
        problems.add(path, None, f"JSON file is not a list of papers (top level is {type(data).__name__})")
        return
    index = 0
    for i, obj in enumerate(data):
        paper = _paper_from_obj(obj, path, index, None, problems)
        if paper is None:
            problems.items[-1].message = f"item {i}: {problems.items[-1].message}"
            continue
        index += 1
        yield paper


def _is_chrome(line: str) -> bool:
    s = line.strip()
    return s.casefold() in CHROME_LINES or bool(DATE_LINE.match(s))


def _looks_like_title(line: str) -> bool:
    # Titles are short and rarely end a sentence; abstracts are long prose.
    return len(line) <= 300 and not (len(line) > 120 and line.rstrip().endswith("."))


def read_listing(text: str, path: str, problems: Problems) -> Iterator[Paper]:
    """A page of listings: title line, abstract line, with or without blank lines between."""
    lines: list[tuple[int, str]] = []
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if len(line) > MAX_LINE_CHARS:
            problems.add(path, lineno, f"line of {len(line):,} characters is too long for a listing")
            continue
        line = GLUED_SUBSCRIBE.sub("", line)
        if _is_chrome(line):
            continue
        lines.append((lineno, line))
    index = 0
    i = 0
    while i < len(lines):
        lineno, line = lines[i]
        nxt = lines[i + 1][1] if i + 1 < len(lines) else None
        if nxt is not None and _looks_like_title(line) and not _looks_like_title(nxt):
            yield Paper(clean_field(line), clean_field(nxt), path, index)
            index += 1
            i += 2
        elif _looks_like_title(line):
            # A title with no abstract after it: keep the paper, it may still name a method.
            yield Paper(clean_field(line), "", path, index)
            problems.add(path, lineno, "title without an abstract; read with an empty abstract", skipped=False)
            index += 1
            i += 1
        else:
            problems.add(path, lineno, "text with no title line before it")
            i += 1


READERS = {"listing": read_listing, "jsonl": read_jsonl, "json": read_json}


# ---------------------------------------------------------------- files and folders


def iter_files(paths: Sequence[str], problems: Problems) -> Iterator[tuple[Path | None, str]]:
    """(file, name relative to its input root) for every input, folders expanded in sorted order."""
    for p in paths:
        if p == "-":
            yield None, "-"
            continue
        root = Path(p)
        if root.is_dir():
            files = sorted(f for f in root.rglob("*") if f.is_file() and not f.name.startswith("."))
            if not files:
                problems.add(p, None, "folder holds no files")
            for f in files:
                if f.suffix.lower() not in SUPPORTED_SUFFIXES:
                    problems.add(str(f), None, f"unsupported file type {f.suffix!r}, not read")
                    continue
                yield f, str(f.relative_to(root))
        elif root.is_file():
            yield root, root.name
        else:
            problems.add(p, None, "no such file or folder")


def read_source(data: bytes, name: str, problems: Problems) -> Iterator[Paper]:
    if not data.strip():
        problems.add(name, None, "empty file")
        return
    text = decode(data, name, problems)
    if text is None:
        return
    yield from READERS[sniff(text)](text, name, problems)


def read_papers(paths: Sequence[str], problems: Problems, stdin: bytes | None = None) -> Iterator[Paper]:
    """Every paper in every input, in order. ``stdin`` supplies the bytes for '-'."""
    for path, name in iter_files(paths, problems):
        if path is None:
            data = stdin if stdin is not None else sys.stdin.buffer.read()
        else:
            try:
                data = path.read_bytes()
            except OSError as exc:
                problems.add(name, None, f"cannot read: {exc.strerror}")
                continue
        count = 0
        for paper in read_source(data, name, problems):
            count += 1
            yield paper
        if count == 0 and not any(p.path == name for p in problems.items):
            problems.add(name, None, "no papers found")
