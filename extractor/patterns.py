"""Loading pattern files: TOML data, validated with pydantic, never executed.

A pattern file is ``kind = "<kind>"`` plus an array of ``[[rule]]`` tables. Each kind has a
pydantic rule model (see ``extractor.kinds``); regexes are compiled and examples checked for shape
at load time, so a broken file fails here with ``file:line: rule 'kind.id': what is wrong``.

Pattern folders are layered: later folders override earlier ones rule by rule (same kind and id),
which is how users extend the bundled rules without touching Python.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import regex
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from . import regex_cache

BUNDLED_DIR = Path(__file__).resolve().parent.parent / "patterns"
ENV_VAR = "PAPER_EXTRACTOR_PATTERNS"
ID_RE = re.compile(r"^[a-z0-9][a-z0-9_.+-]*$")


class PatternError(Exception):
    """A pattern file that cannot be used. The message names the file, the line, the rule."""

    def __init__(self, problems: Sequence[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class Example(BaseModel):
    """A text and the items it must yield (each expected dict is a subset of an item's fields)."""

    model_config = ConfigDict(extra="forbid")
    text: str = ""
    title: str = ""
    expect: list[dict[str, Any]] = Field(default_factory=list)


class Negative(BaseModel):
    """A text the rule must leave alone: no item equal to any ``absent`` dict (or, when ``absent``
    is empty, nothing of the rule's kind at all)."""

    model_config = ConfigDict(extra="forbid")
    text: str = ""
    title: str = ""
    absent: list[dict[str, Any]] = Field(default_factory=list)


class PatternRule(BaseModel):
    """Fields every rule has. Kinds subclass this with their own fields."""

    model_config = ConfigDict(extra="forbid")
    _bundled: bool = PrivateAttr(default=False)
    id: str
    description: str = ""
    examples: list[Example] = Field(default_factory=list)
    negatives: list[Negative] = Field(default_factory=list)

    @property
    def bundled(self) -> bool:
        """Shipped with the extractor (as opposed to loaded from a user's pattern folder)."""
        return self._bundled

    @field_validator("id")
    @classmethod
    def _slug(cls, v: str) -> str:
        if not ID_RE.match(v):
            raise ValueError(f"id {v!r} must be lowercase letters, digits and - _ . +")
        return v

    @field_validator("negatives", mode="before")
    @classmethod
    def _plain_negatives(cls, v: Any) -> Any:
        if isinstance(v, list):
            return [{"text": n} if isinstance(n, str) else n for n in v]
        return v


REGEX_TIMEOUT = float(os.environ.get("PAPER_EXTRACTOR_REGEX_TIMEOUT", "1.0"))


class RuleTimeout(Exception):
    """A rule's regex ran past the time limit on some text (catastrophic backtracking)."""

    def __init__(self, rule_id: str | None, seconds: float):
        self.rule_id = rule_id or "(unnamed rule)"
        super().__init__(f"rule '{self.rule_id}' timed out after {seconds:g}s (catastrophic backtracking?)")


class TimedRegex:
    """A compiled rule regex whose searches stop after ``REGEX_TIMEOUT`` seconds, so one
    pathological user pattern costs one paper, not the run (the ``regex`` module's timeout)."""

    __slots__ = ("rx", "rule_id", "timeout")

    def __init__(self, rx: regex.Pattern, rule_id: str | None, timeout: float):
        self.rx, self.rule_id, self.timeout = rx, rule_id, timeout

    def _call(self, method, *args, **kwargs):
        try:
            return method(*args, timeout=self.timeout, **kwargs)
        except TimeoutError:
            raise RuleTimeout(self.rule_id, self.timeout) from None

    def finditer(self, string: str, *args, **kwargs):
        it = self._call(self.rx.finditer, string, *args, **kwargs)
        try:
            yield from it
        except TimeoutError:
            raise RuleTimeout(self.rule_id, self.timeout) from None

    def search(self, string: str, *args, **kwargs):
        return self._call(self.rx.search, string, *args, **kwargs)

    def match(self, string: str, *args, **kwargs):
        return self._call(self.rx.match, string, *args, **kwargs)

    def fullmatch(self, string: str, *args, **kwargs):
        return self._call(self.rx.fullmatch, string, *args, **kwargs)

    def findall(self, string: str, *args, **kwargs):
        return self._call(self.rx.findall, string, *args, **kwargs)

    def sub(self, repl, string: str, *args, **kwargs):
        return self._call(self.rx.sub, repl, string, *args, **kwargs)

    def split(self, string: str, *args, **kwargs):
        return self._call(self.rx.split, string, *args, **kwargs)

    def __getattr__(self, name: str):
        return getattr(self.rx, name)


def compile_rule_regex(pattern: str, rule: PatternRule, kind: str, flags: int = 0) -> regex.Pattern | TimedRegex:
    """Compile a rule's regex (VERBOSE, so authors can space and comment long patterns).

    Rules from user folders run under the time limit. Bundled rules do not: the limit costs ~2 µs
    per call in the ``regex`` module, and their worst cases are covered by the hostile-input tests.
    """
    rx = regex_cache.compile(pattern, flags | regex.VERBOSE)
    return rx if rule.bundled else TimedRegex(rx, f"{kind}.{rule.id}", REGEX_TIMEOUT)


def scan_windows(positions: list[int], before: int, after: int, length: int) -> list[tuple[int, int]]:
    """Merged character windows around each position: where a rule's construction can stand,
    so its regex scans those windows rather than the whole text (a rule's ``scan`` field)."""
    merged: list[tuple[int, int]] = []
    for p in sorted(positions):
        lo, hi = max(0, p - before), min(length, p + after)
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


def whole_word(word: str, suffix: str = "") -> str:
    """A regex for ``word`` as a whole word (not inside a longer word or hyphenated compound), with
    an optional regex ``suffix`` ("s?")."""
    return r"(?<![\w\-])" + regex.escape(word) + suffix + r"(?![\w\-])"


MACRO = regex.compile(r"<<([A-Z][A-Z0-9_]*)>>")


# Macros defined once per pattern and called where used ("(?&M_STOP)") instead of pasted: a long
# macro pasted dozens of times (STOP, ~700 characters, sits inside every phrase word) made compiling
# the gains rules most of the start-up. Only for macros used inside lookarounds, where a call and a
# copy match alike (a lookaround never backtracks into what it matched).
CALLED_MACROS = frozenset({"STOP"})


def expand_macros(pattern: str, macros: dict[str, str], rule_id: str) -> str:
    """Substitute ``<<NAME>>`` with the macro's regex (as a non-capturing group); macros may nest."""
    called: set[str] = set()

    def sub(m: regex.Match) -> str:
        name = m.group(1)
        if name not in macros:
            raise ValueError(f"rule '{rule_id}': unknown macro <<{name}>>")
        if name in CALLED_MACROS:
            called.add(name)
            return f"(?&M_{name})"
        return f"(?:{macros[name]})"

    for _ in range(20):
        if not MACRO.search(pattern):
            defined = "".join(f"(?(DEFINE)(?P<M_{n}>{expand_macros(macros[n], macros, rule_id)}))" for n in sorted(called))
            return pattern + defined
        pattern = MACRO.sub(sub, pattern)
    raise ValueError(f"rule '{rule_id}': macros nest more than 20 deep (a macro that uses itself?)")


def _compiles(value: str) -> str:
    try:
        regex_cache.compile(value, regex.VERBOSE)
    except regex.error as exc:  # type: ignore[attr-defined]
        raise ValueError(str(exc)) from None
    return value


# A rule field that holds a regex: validated by compiling it, so a broken one is reported at load
# time with its file, line, rule and field, whatever the kind.
RegexStr = Annotated[str, AfterValidator(_compiles)]


@dataclass
class LoadedRule:
    kind: str
    rule: PatternRule
    path: Path
    line: int

    @property
    def pattern_id(self) -> str:
        return f"{self.kind}.{self.rule.id}"


@dataclass
class PatternSet:
    """Every rule in force, by kind, in load order, plus a hash of what was loaded."""

    rules: dict[str, list[LoadedRule]] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    version: str = ""
    notices: list[str] = field(default_factory=list)

    def of(self, kind: str) -> list[PatternRule]:
        return [lr.rule for lr in self.rules.get(kind, [])]

    def loaded(self, kind: str) -> list[LoadedRule]:
        return list(self.rules.get(kind, []))

    def all(self) -> Iterable[LoadedRule]:
        for rules in self.rules.values():
            yield from rules


def _rule_lines(text: str) -> list[int]:
    """1-based line numbers of each ``[[rule]]`` header, in order."""
    return [i + 1 for i, line in enumerate(text.splitlines()) if line.strip().startswith("[[rule]]")]


def _format_loc(loc: tuple) -> str:
    return ".".join(str(p) for p in loc) or "(rule)"


def parse_file(path: Path, models: dict[str, type[PatternRule]]) -> tuple[str, list[LoadedRule], list[str]]:
    """Parse and validate one file. Returns (kind, rules, problems); problems are full messages."""
    problems: list[str] = []
    try:
        raw = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        return "", [], [f"{path}:1: not UTF-8 text ({exc.reason} at byte {exc.start})"]
    except OSError as exc:
        return "", [], [f"{path}:1: cannot read: {exc.strerror}"]
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        return "", [], [f"{path}:{m.group(1) if m else 1}: TOML: {exc}"]
    kind = data.get("kind")
    if kind not in models:
        known = ", ".join(sorted(models))
        return "", [], [f"{path}:1: 'kind' must be one of {known}; found {kind!r}"]
    unknown = set(data) - {"kind", "description", "rule"}
    if unknown:
        problems.append(f"{path}:1: unknown top-level key(s) {sorted(unknown)}; rules go in [[rule]] tables")
    entries = data.get("rule", [])
    if not isinstance(entries, list) or not entries:
        problems.append(f"{path}:1: no [[rule]] tables")
        return kind, [], problems
    lines = _rule_lines(raw)
    model = models[kind]
    rules: list[LoadedRule] = []
    seen: dict[str, int] = {}
    for n, entry in enumerate(entries):
        line = lines[n] if n < len(lines) else 1
        rid = entry.get("id", f"#{n + 1}") if isinstance(entry, dict) else f"#{n + 1}"
        try:
            rule = model.model_validate(entry)
        except ValidationError as exc:
            for err in exc.errors():
                msg = err["msg"].removeprefix("Value error, ")
                problems.append(f"{path}:{line}: rule '{kind}.{rid}': {_format_loc(err['loc'])}: {msg}")
            continue
        if rule.id in seen:
            problems.append(
                f"{path}:{line}: rule '{kind}.{rule.id}': duplicate id (first defined at line {seen[rule.id]})"
            )
            continue
        seen[rule.id] = line
        rules.append(LoadedRule(kind, rule, path, line))
    return kind, rules, problems


def pattern_dirs(extra: Sequence[str | os.PathLike] = (), *, bundled: bool = True) -> list[Path]:
    """Bundled folder first, then folders from the environment variable, then ``extra``."""
    dirs: list[Path] = [BUNDLED_DIR] if bundled else []
    env = os.environ.get(ENV_VAR, "")
    dirs += [Path(p) for p in env.split(os.pathsep) if p]
    dirs += [Path(p) for p in extra]
    return dirs


def load_patterns(
    dirs: Sequence[str | os.PathLike], models: dict[str, type[PatternRule]] | None = None
) -> PatternSet:
    """Load every ``*.toml`` under each folder (recursively, sorted). Later folders override
    earlier ones by (kind, id); within one folder a repeated id is an error."""
    if models is None:
        from .kinds import RULE_MODELS as models  # noqa: N811  (late import: kinds imports extractors)
    problems: list[str] = []
    result = PatternSet()
    digest = hashlib.sha256()
    position: dict[tuple[str, str], int] = {}  # where each (kind, id) sits in result.rules[kind]
    for d in dirs:
        d = Path(d)
        if not d.is_dir():
            problems.append(f"{d}: pattern folder not found")
            continue
        layer_ids: dict[tuple[str, str], LoadedRule] = {}
        bundled = d.resolve() == BUNDLED_DIR
        for path in sorted(d.rglob("*.toml")):
            kind, rules, file_problems = parse_file(path, models)
            for lr in rules:
                lr.rule._bundled = bundled
            problems += file_problems
            digest.update(str(path.relative_to(d)).encode() + b"\0" + path.read_bytes())
            result.files.append(path)
            for lr in rules:
                key = (lr.kind, lr.rule.id)
                if key in layer_ids:
                    first = layer_ids[key]
                    problems.append(
                        f"{path}:{lr.line}: rule '{lr.pattern_id}': duplicate id "
                        f"(also in {first.path}:{first.line})"
                    )
                    continue
                layer_ids[key] = lr
                existing = result.rules.setdefault(lr.kind, [])
                if key in position:
                    old = existing[position[key]]
                    existing[position[key]] = lr
                    result.notices.append(
                        f"{path}:{lr.line}: rule '{lr.pattern_id}' overrides {old.path}:{old.line}"
                    )
                else:
                    position[key] = len(existing)
                    existing.append(lr)
    if problems:
        raise PatternError(problems)
    result.version = digest.hexdigest()[:12]
    return result


def print_notices(patterns: PatternSet, stream=sys.stderr) -> None:
    for notice in patterns.notices:
        print(f"notice: {notice}", file=stream)
