"""Input formats → papers. One reader per format, picked by content, not by file extension.

Readers are generators streaming from the file handle: a line, a paper at a time, so a corpus is
never held in memory (a JSON array is the exception: it is one value and is parsed whole).
Anything unusable is reported to a ``Problems`` collector with file and line, and reading goes on.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import orjson

SUPPORTED_SUFFIXES = {".txt", ".jsonl", ".json", ".ndjson", ".md", ""}
MAX_LINE_BYTES = 8 << 20  # a single line longer than this is not one paper; skipped unread
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
    r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?$", re.IGNORECASE
)
GLUED_SUBSCRIBE = re.compile(r"^Subscribe(?=[A-Z0-9\"'(\[])")
ARXIV_ID = re.compile(r"(?:arxiv:|arxiv\.org/(?:abs|pdf)/)?(\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?", re.IGNORECASE)


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
    """What could not be read, and what was read with a caveat.

    Counts everything but keeps only the first ``keep`` of each sort, so a corpus of millions of
    broken lines cannot fill memory. ``echo``: True prints each problem to stderr as it happens
    (the first ``echo_limit``), or a callable receives the line to print (the progress display
    uses it to keep its bar intact).
    """

    items: list[Problem] = field(default_factory=list)
    echo: bool | Callable[[str], None] = False
    keep: int = 1000
    echo_limit: int = 200
    skipped_count: int = 0
    warning_count: int = 0

    def add(self, path: str, line: int | None, message: str, skipped: bool = True) -> None:
        p = Problem(path, line, message, skipped)
        if skipped:
            self.skipped_count += 1
        else:
            self.warning_count += 1
        if (self.skipped_count if skipped else self.warning_count) <= self.keep:
            self.items.append(p)
        if self.echo:
            n = self.skipped_count + self.warning_count
            if n <= self.echo_limit:
                self._print(("skipped: " if skipped else "warning: ") + str(p))
            elif n == self.echo_limit + 1:
                self._print(f"(more than {self.echo_limit} problems: the rest are only counted in the summary)")

    def _print(self, text: str) -> None:
        if callable(self.echo):
            self.echo(text)
        else:
            print(text, file=sys.stderr)

    @property
    def total(self) -> int:
        return self.skipped_count + self.warning_count

    @property
    def skipped(self) -> list[Problem]:
        return [p for p in self.items if p.skipped]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if not p.skipped]


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



# ---------------------------------------------------------------- bytes → lines


def _text_share(head: bytes) -> float:
    """Share of the sniffed bytes that look like text (decodable, not control characters)."""
    text = head.decode("utf-8", errors="replace")
    bad = sum(1 for c in text if c == "\ufffd" or (c < " " and c not in "\t\n\r\f\b"))
    return 1 - bad / max(len(text), 1)


def binary_reason(head: bytes) -> str | None:
    if b"\0" in head:
        return "binary file (NUL bytes), not read"
    share = _text_share(head)
    if share < 0.9:
        return f"binary file ({1 - share:.0%} of its first bytes are not text), not read"
    return None


def sniff(head: str) -> str:
    first = head.lstrip("\ufeff \t\r\n")[:1]
    if first == "[":
        return "json"
    if first == "{":
        return "jsonl"
    return "listing"


class Lines:
    """Numbered, decoded lines of a binary stream, never holding more than one capped line.

    A line longer than ``MAX_LINE_BYTES`` is reported and skipped without being read into memory;
    a line with NUL bytes is reported and skipped (binary data inside a text file); a line that is
    not valid UTF-8 is decoded with replacement characters, and the file gets one warning saying
    how many lines that touched.
    """

    def __init__(self, fh: IO[bytes], path: str, problems: Problems, first_line: int = 1):
        self.fh, self.path, self.problems = fh, path, problems
        self.first_line = first_line
        self.bad_utf8 = 0
        self.first_bad: int | None = None

    def __iter__(self) -> Iterator[tuple[int, str]]:
        lineno = self.first_line - 1
        while True:
            raw = self.fh.readline(MAX_LINE_BYTES + 1)
            if not raw:
                break
            lineno += 1
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                size = len(raw) + self._skip_rest_of_line()
                self.problems.add(self.path, lineno, f"line of {size:,} bytes is too long for one paper "
                                  f"(limit {MAX_LINE_BYTES:,}), skipped")
                continue
            if b"\0" in raw:
                self.problems.add(self.path, lineno, "line contains NUL bytes (binary data?), skipped")
                continue
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            yield lineno, self._decode(raw, lineno)
        if self.bad_utf8:
            self.problems.add(
                self.path, self.first_bad,
                f"{self.bad_utf8:,} line(s) not valid UTF-8 (first here); decoded with replacement characters",
                skipped=False,
            )

    def _skip_rest_of_line(self) -> int:
        skipped = 0
        while True:
            chunk = self.fh.readline(1 << 20)
            skipped += len(chunk)
            if not chunk or chunk.endswith(b"\n"):
                return skipped

    def _decode(self, raw: bytes, lineno: int) -> str:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            self.bad_utf8 += 1
            self.first_bad = self.first_bad or lineno
            return raw.decode("utf-8", errors="replace")


# ---------------------------------------------------------------- the three formats


def _paper_from_obj(
    obj: object, path: str, index: int, line: int | None, problems: Problems, where: str = ""
) -> Paper | None:
    if not isinstance(obj, dict):
        problems.add(path, line, f"{where}expected a JSON object with a title, found {type(obj).__name__}")
        return None
    title = obj.get("title")
    abstract = obj.get("abstract", obj.get("summary", ""))
    if not isinstance(title, str) or not title.strip():
        keys = ", ".join(str(k) for k in list(obj)[:8]) + (", ..." if len(obj) > 8 else "")
        problems.add(path, line, f"{where}object has no 'title' string (keys: {keys or 'none'})")
        return None
    if abstract is None:
        abstract = ""
    if not isinstance(abstract, str):
        problems.add(path, line, f"{where}'abstract' is not a string")
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


def read_jsonl(
    fh: IO[bytes], path: str, problems: Problems, first_line: int = 1, first_index: int = 0
) -> Iterator[Paper]:
    """JSON lines, streamed from the file handle one line at a time. ``first_line`` and
    ``first_index`` number the lines and papers of a stream that is a later part of a file."""
    index = first_index
    for lineno, line in Lines(fh, path, problems, first_line):
        if not line.strip():
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


def read_json(fh: IO[bytes], path: str, problems: Problems) -> Iterator[Paper]:
    """One JSON value: a list of papers, ``{"papers": [...]}`` or a single paper object.

    The exception to streaming: a JSON value is parsed whole, so a JSON array file costs memory in
    proportion to its size. Corpora of millions of papers belong in JSON lines (one paper a line),
    which are streamed.
    """
    data = fh.read()
    try:
        value = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        if _not_utf8(data):
            problems.add(path, None, "not valid UTF-8; decoded with replacement characters", skipped=False)
            yield from read_json(io.BytesIO(data.decode("utf-8", errors="replace").encode()), path, problems)
            return
        if b"\n{" in data or b"\n[" in data:
            # Not one JSON value: maybe JSON lines whose first line happens to be an array.
            yield from read_jsonl(io.BytesIO(data), path, problems)
            return
        problems.add(path, None, f"malformed JSON: {exc}")
        return
    del data
    if isinstance(value, dict) and isinstance(value.get("papers"), list):
        value = value["papers"]
    elif isinstance(value, dict) and "title" in value:
        value = [value]
    if not isinstance(value, list):
        problems.add(path, None, f"JSON file is not a list of papers (top level is {_json_type(value)})")
        return
    index = 0
    for i, obj in enumerate(value):
        paper = _paper_from_obj(obj, path, index, None, problems, where=f"item {i}: ")
        if paper:
            index += 1
            yield paper


def _not_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")


def _is_chrome(line: str) -> bool:
    s = line.strip()
    return s.casefold() in CHROME_LINES or bool(DATE_LINE.match(s))


def _looks_like_title(line: str) -> bool:
    # Titles are short and rarely end a sentence; abstracts are long prose.
    return len(line) <= 300 and not (len(line) > 120 and line.rstrip().endswith("."))


def _content_lines(fh: IO[bytes], path: str, problems: Problems) -> Iterator[tuple[int, str]]:
    for lineno, raw in Lines(fh, path, problems):
        line = GLUED_SUBSCRIBE.sub("", raw.strip())
        if line and not _is_chrome(line):
            yield lineno, line


def read_listing(fh: IO[bytes], path: str, problems: Problems) -> Iterator[Paper]:
    """A page of listings: title line, abstract line, with or without blank lines between.

    Streamed with one line of look-ahead: a title-like line followed by a prose line is a paper.
    """
    index = 0
    pending: tuple[int, str] | None = None
    for lineno, line in _content_lines(fh, path, problems):
        if pending is None:
            pending = (lineno, line)
            continue
        plineno, pline = pending
        if _looks_like_title(pline) and not _looks_like_title(line):
            yield Paper(clean_field(pline), clean_field(line), path, index)
            index += 1
            pending = None
            continue
        if _looks_like_title(pline):
            yield _title_only(pline, plineno, path, index, problems)
            index += 1
        else:
            problems.add(path, plineno, "text with no title line before it")
        pending = (lineno, line)
    if pending is not None:
        plineno, pline = pending
        if _looks_like_title(pline):
            yield _title_only(pline, plineno, path, index, problems)
        else:
            problems.add(path, plineno, "text with no title line before it")


def _title_only(line: str, lineno: int, path: str, index: int, problems: Problems) -> Paper:
    # A title with no abstract after it: keep the paper, it may still name a method.
    problems.add(path, lineno, "title without an abstract; read with an empty abstract", skipped=False)
    return Paper(clean_field(line), "", path, index)


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


def file_kind(fh: IO[bytes], name: str, problems: Problems) -> str | None:
    """The format of a seekable binary stream ('listing', 'jsonl' or 'json') sniffed from its first
    bytes, or None (reported) when it is empty or binary. Leaves the stream at its start."""
    head = fh.read(SNIFF_BYTES)
    while head and not head.strip():  # leading white space longer than the sniff window
        more = fh.read(SNIFF_BYTES)
        if not more:
            break
        head = more
    fh.seek(0)
    if not head.strip():
        problems.add(name, None, "empty file")
        return None
    reason = binary_reason(head)
    if reason:
        problems.add(name, None, reason)
        return None
    kind = sniff(head.decode("utf-8", errors="replace"))
    if kind == "jsonl" and _pretty_printed(fh):
        kind = "json"
    elif kind == "listing" and name.lower().endswith(".json"):
        kind = "json"  # a .json file that is not a list or object is reported as such, not read as prose
    return kind


def read_stream(fh: IO[bytes], name: str, problems: Problems) -> Iterator[Paper]:
    """The papers of one seekable binary stream, its format sniffed from the first bytes."""
    kind = file_kind(fh, name, problems)
    if kind is not None:
        yield from READERS[kind](fh, name, problems)


def _pretty_printed(fh: IO[bytes]) -> bool:
    """A file starting with '{' whose first line is not a whole object: one JSON value over many lines."""
    first = b""
    while not first.strip():
        first = fh.readline(MAX_LINE_BYTES)
        if not first:
            break
    fh.seek(0)
    try:
        orjson.loads(first)
    except orjson.JSONDecodeError:
        return not first.rstrip().endswith(b"}")
    return False


def _open(path: Path | None, stdin: bytes | str | os.PathLike | None) -> IO[bytes]:
    if path is not None:
        return path.open("rb")
    if isinstance(stdin, bytes):
        return io.BytesIO(stdin)
    if stdin is not None:
        return open(stdin, "rb")
    return io.BytesIO(sys.stdin.buffer.read())


def read_papers(
    paths: Sequence[str], problems: Problems, stdin: bytes | str | os.PathLike | None = None
) -> Iterator[Paper]:
    """Every paper in every input, in order. ``stdin``: the bytes for '-', or a file holding them
    (``extractor run`` spools standard input to a temporary file, so it can be read twice)."""
    for path, name in iter_files(paths, problems):
        try:
            fh = _open(path, stdin)
        except OSError as exc:
            problems.add(name, None, f"cannot read: {exc.strerror}")
            continue
        before = problems.total
        count = 0
        with fh:
            try:
                for paper in read_stream(fh, name, problems):
                    count += 1
                    yield paper
            except OSError as exc:
                problems.add(name, None, f"read error after {count} paper(s): {exc.strerror}")
        if count == 0 and problems.total == before:
            problems.add(name, None, "no papers found")
