"""The output record: one per paper, validated by pydantic before it is written.

Every item is grounded: ``getattr(record, item.field)[item.start:item.end]`` reproduces the
item's matched text (for acronyms: the short form; its long form has ``long_start``/``long_end``).
The record validator enforces that, so a record that reaches the writer is always consistent.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

TextField = Literal["title", "abstract"]


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    field: TextField
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    pattern: str = Field(description="id of the pattern rule that produced the item")


class Mention(_Item):
    text: str
    cue: str | None = Field(default=None, description="the context cue that admitted an ambiguous name")


class Benchmark(Mention):
    name: str = Field(description="canonical name")
    category: str | None = None
    parent: str | None = Field(default=None, description="canonical name of the suite it belongs to")
    known: bool = Field(description="true when the name is in the gazetteer, false when discovered from context")
    mentions: list[Mention] = Field(default_factory=list, description="every occurrence, first one included")


class Gain(_Item):
    text: str = Field(description="minimal verbatim phrase holding the number(s)")
    value: float | None = None
    value_max: float | None = Field(default=None, description="high end of a range")
    unit: Literal["percent", "points", "times", "orders"]
    direction: Literal["up", "down"]
    from_: float | None = Field(default=None, alias="from")
    to: float | None = None
    qualifier: str | None = Field(default=None, description='"up to", "over", "about", "on average", ...')
    metric: str | None = None
    baseline: str | None = None
    benchmark: str | None = Field(default=None, description="canonical name of a benchmark in the same clause")


class Url(_Item):
    url: str = Field(description="normalised: scheme added, trailing punctuation removed, host lowercased")
    kind: Literal["code", "project"]
    text: str


class Method(_Item):
    name: str
    long_form: str | None = None
    cue: str | None = Field(default=None, description="the cue phrase that marked it as the paper's own")


class Acronym(_Item):
    short: str
    long: str
    long_start: int = Field(ge=0)
    long_end: int = Field(ge=0)


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid")

    path: str = Field(description="input file relative to the input root ('-' for standard input)")
    index: int = Field(ge=0, description="position of the paper within that file")


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    id: str
    title: str
    abstract: str
    sources: list[Source] = Field(default_factory=list)
    benchmarks: list[Benchmark] = Field(default_factory=list)
    gains: list[Gain] = Field(default_factory=list)
    urls: list[Url] = Field(default_factory=list)
    method: list[Method] = Field(default_factory=list)
    acronyms: list[Acronym] = Field(default_factory=list)
    extractor_version: str
    patterns_version: str

    @model_validator(mode="after")
    def _offsets_reproduce_text(self) -> Record:
        def check(item: _Item, expected: str, start: int, end: int, what: str) -> None:
            source = getattr(self, item.field)
            if not (0 <= start <= end <= len(source)) or source[start:end] != expected:
                raise ValueError(
                    f"{what} {expected!r} ({item.pattern}) does not match "
                    f"{item.field}[{start}:{end}] = {source[start:end]!r}"
                )

        for b in self.benchmarks:
            check(b, b.text, b.start, b.end, "benchmark")
            for m in b.mentions:
                check(m, m.text, m.start, m.end, "benchmark mention")
        for g in self.gains:
            check(g, g.text, g.start, g.end, "gain")
        for u in self.urls:
            check(u, u.text, u.start, u.end, "url")
        for m in self.method:
            check(m, m.name, m.start, m.end, "method")
        for a in self.acronyms:
            check(a, a.short, a.start, a.end, "acronym")
            check(a, a.long, a.long_start, a.long_end, "acronym long form")
        return self

    def to_json_dict(self) -> dict:
        return self.model_dump(by_alias=True, mode="json")
