"""Benchmarks: gazetteer lookup (PhraseMatcher), context rules for ambiguous names, and discovery
of names that are not in the gazetteer from how authors write ("the X benchmark").

Data: patterns/benchmarks/*.toml (kind "benchmarks": one entry per benchmark) and
patterns/benchmark_cues.toml (kind "benchmark-cues": cue words and discovery constructions).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Literal

import regex
from pydantic import Field, field_validator, model_validator
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .acronyms import ACRONYM_PLURAL
from .patterns import PatternRule, RegexStr, compile_rule_regex, expand_macros, scan_windows
from .record import Benchmark, Mention
from .sentences import Sentences

KIND = "benchmarks"
CUE_KIND = "benchmark-cues"

CATEGORIES = {
    "rl", "offline-rl", "robotics", "embodied", "agents", "web-agents", "code", "math", "reasoning",
    "qa", "nlp", "llm-eval", "safety", "driving", "vision", "video", "3d", "audio", "graph", "tabular",
    "games", "multi-agent", "other",
}  # fmt: skip


class Rule(PatternRule):
    """One gazetteer entry."""

    name: str
    aliases: list[str] = []
    category: str
    parent: str | None = None
    case_sensitive: bool = False
    needs_cue: bool = False
    # Aliases that are also ordinary words, companies or other things' acronyms ("SDD" for the Stanford
    # Drone Dataset, "Waymo"): matched only as written and only where a cue says a data set is meant,
    # while the name and the other aliases match as the entry says.
    cued_aliases: list[str] = []

    @field_validator("category")
    @classmethod
    def _known_category(cls, v: str) -> str:
        if v not in CATEGORIES:
            raise ValueError(f"unknown category {v!r}; one of {', '.join(sorted(CATEGORIES))}")
        return v

    @model_validator(mode="after")
    def _ambiguous_need_examples(self) -> Rule:
        if (self.case_sensitive or self.needs_cue or self.cued_aliases) and not (self.examples and self.negatives):
            raise ValueError("an ambiguous entry (case_sensitive, needs_cue or cued_aliases) needs examples and negatives")
        return self

    @property
    def surface_forms(self) -> list[str]:
        return [self.name, *self.aliases, *self.cued_aliases]

    def needs_cue_for(self, form: str) -> bool:
        return self.needs_cue or form in self.cued_aliases


class CueRule(PatternRule):
    """Cue words that admit ambiguous names, regex macros, names that are never benchmarks, or a
    discovery construction (regex with a 'name' group, case-sensitive: names are capitalised)."""

    cue_words: list[str] = []
    # The cue words that name a data set or test bed itself (not "task", "domain", "game"): all that
    # turns an acronym the paper defines by a long form the gazetteer does not know into a benchmark.
    data_nouns: list[str] = []
    # Head nouns of a paper's own method: a gazetteer name the abstract introduces with one of these
    # ("we introduce WebVoyager, an ... web agent") is that method there, not the benchmark.
    method_nouns: list[str] = []
    window: int = 8
    # Words of an evaluation that, followed by "on" or "across", make the names listed right after a
    # benchmark's: "Experiments on SEED and DEAP show ...".
    evaluation_words: list[str] = []
    macros: dict[str, str] = {}
    not_names: list[str] = []
    not_first: list[str] = []
    adjective_tails: list[str] = []
    # Hyphen tails that make a system's name of a data set's ("DROID-SLAM", "Atari-GPT"): no benchmark.
    system_tails: list[str] = []
    variant_words: list[str] = []
    variant_prefixes: list[str] = []
    regex: RegexStr | None = None
    requires: list[str] = Field(
        default=[], description="words (any case) of which one must occur in the text before `regex` is tried"
    )
    applies_to: list[Literal["title", "abstract"]] = ["title", "abstract"]
    anchor: Literal["after-known", "before-known"] | None = Field(
        default=None,
        description="try the regex only right after (match at the end of) or right before (ending at the start "
        "of) each gazetteer benchmark found: names listed next to a known benchmark",
    )
    scan: tuple[int, int] | None = Field(
        default=None,
        description="scan only from this many characters before to this many after each `requires` word, "
        "not the whole text (the regex still sees the text around the window)",
    )
    shaped_only: bool = Field(
        default=False, description="only name-shaped names: a capital past the first letter, or a digit"
    )
    may_contain_known: bool = Field(
        default=False,
        description="a discovered name may strictly contain a gazetteer name (the Minecraft Universe Benchmark)",
    )
    plain_names: bool = Field(
        default=False,
        description="accept names made only of ordinary capitalised words (Tower of Hanoi) without a 'the' before them",
    )
    not_defined_as: list[str] = Field(
        default=[],
        description="a name the paper defines by a long form ending in one of these words names a kind of task "
        "('Multivariate Time Series Classification (MTSC) ... the MTSC tasks'), not a benchmark",
    )
    own: bool = Field(
        default=False,
        description="the construction says the paper made the data set ('we generate a larger training set "
        "(PubChemQH)'): its name is also one of the paper's own contributions, a method item",
    )

    @field_validator("regex")
    @classmethod
    def _compiles(cls, v: str | None) -> str | None:
        if v is None:
            return v
        if "(?P<name>" not in v:
            raise ValueError("regex: a discovery construction needs a (?P<name>...) group")
        return v

    @model_validator(mode="after")
    def _one_job(self) -> CueRule:
        jobs = (self.cue_words, self.evaluation_words, self.data_nouns, self.method_nouns, self.macros, self.not_names,
                self.not_first, self.adjective_tails, self.system_tails, self.variant_words, self.variant_prefixes, self.regex)
        if sum(map(bool, jobs)) != 1:
            raise ValueError(
                "a benchmark-cues rule sets exactly one of cue_words, evaluation_words, data_nouns, method_nouns, macros, "
                "not_names, not_first, adjective_tails, system_tails, variant_words, variant_prefixes, regex"
            )
        if self.own and not self.regex:
            raise ValueError("own = true goes with a discovery regex")
        return self


@dataclass
class _Hit:
    rule: Rule | None
    name: str
    start: int
    end: int
    pattern: str
    text: str
    cue: str | None = None
    variant_of: Rule | None = None  # "Craftax-classic": a named variant of a gazetteer benchmark


def _same_release(text: str, hits: list[_Hit]) -> list[_Hit]:
    """A release the paper names as a variant where it introduces it ("we present AbdomenAtlas 3.0, the
    first ...") is that release wherever it is written again ("AbdomenAtlas 3.0 has 9,262 triplets"),
    not the bare benchmark."""
    releases = {h.text: h for h in hits if h.rule is None and h.variant_of is not None}
    if not releases:
        return hits
    out = []
    for h in hits:
        m = VERSION_AFTER.match(text, h.end) if h.rule is not None else None
        named = releases.get(text[h.start : m.end()]) if m is not None else None
        if named is not None and named.variant_of is h.rule:
            h = _Hit(None, named.name, h.start, m.end(), h.pattern, named.text, f"variant of '{h.rule.name}'",
                     variant_of=h.rule)
        out.append(h)
    return out


def _inside_new_name(text: str, hits: list[_Hit], defined: Mapping[str, str]) -> list[_Hit]:
    """A known name that opens the long form of a new benchmark the paper defines and names ("the
    Temporal Graph Benchmark with Sequential Dynamics (TGB-Seq)") is part of that name, not a mention
    of the known benchmark."""
    found = {h.text for h in hits}
    longs = [long for short, long in defined.items() if short in found]
    if not longs:
        return hits
    return [h for h in hits if h.rule is None or not any(
        len(long) > h.end - h.start and text.startswith(long, h.start) and QUALIFIED_AFTER.match(text, h.end)
        for long in longs)]


# A name the text gives a task it sets: "we propose Geo-DLC, a novel task of object-level captioning", "a
# new task termed UAV-Anti-UAV".
NEW_TASK = regex.compile(
    r"(?P<name>[\p{Lu}\d][\w-]*(?:\s[\p{Lu}\d][\w-]*){0,3}),\s+an?\s+"
    r"(?:(?!(?:for|of|on|in|with|and|to|from|that|which|benchmark|dataset|suite|corpus)\b)[\w-]+\s+){0,3}task(?![\w-])"
    r"|\btask\s*,?\s+(?:called|named|termed|dubbed|coined)\s+[\"“]?(?P<name>[\p{Lu}\d][\w-]*)")


def _not_new_tasks(text: str, hits: list[_Hit]) -> list[_Hit]:
    """A name found by a construction is no benchmark where the text introduces it as a task, unless it
    also names data ("a new tracking task termed UAV-Anti-UAV ... the UAV-Anti-UAV dataset")."""
    if "task" not in text or not any(h.rule is None for h in hits):
        return hits
    lower = text.lower()
    tasks = {n for m in NEW_TASK.finditer(text) for n in m.captures("name")
             if not any(f"{n.lower()} {noun}" in lower for noun in ("dataset", "benchmark", "corpus"))}
    return [h for h in hits if h.rule is not None or h.text not in tasks] if tasks else hits


YEAR_BEFORE = regex.compile(r"(?:19|20)\d\d\s")
TASK_CUES = frozenset({"task", "tasks"})
OWNER = regex.compile(r"(?<!\b[Tt]he\s)\p{Lu}[\w.-]*['’]s\s+(?=\p{Lu})")  # (not "the Judge's Verdict Benchmark")
JOINERS = regex.compile(r"[\s-]+")
POSSESSIVE = frozenset({"'s", "’s"})
OWNED_DATA = frozenset({"datasets", "benchmarks", "corpora", "data"})


def _inside_discovered(hits: list[_Hit]) -> list[_Hit]:
    """A known name that ends a longer name found by its construction ("we introduce General AgentBench,
    a benchmark") is part of that name, not a mention of its own (one that starts it is still itself:
    "the ImageNet Large Scale Visual Recognition Challenge")."""
    found = [(h.start, h.end) for h in hits if h.rule is None and h.variant_of is None]
    if not found:
        return hits
    return [h for h in hits if h.rule is None or not any(s < h.start and h.end == e for s, e in found)]


def _short_acronym(form: str) -> bool:
    """A short all-capitals name (CUB, MME, SST) is another word in lower case: match it as written."""
    return form.isalpha() and form.isupper() and len(form) <= 4


# Authors write a hyphenated name with a space as often as not ("T2I CompBench", "CIFAR 10",
# "MMLU Pro"): every form also matches with a space for each hyphen between two parts of two or
# more characters (a lone letter, as in "A-OKVQA", would take in the article "a").
SPACED_HYPHEN = regex.compile(r"(?<=[\p{L}\p{N}]{2})-(?=[\p{L}\p{N}]{2})")
# A name run together from two or three capitalised words ("WebQuestions", "AlpacaEval"), and the last
# words that make a split form of it a name rather than a phrase ("Web Questions", not "Real-World").
CAMEL_NAME = regex.compile(r"(?:\p{Lu}\p{Ll}{2,}){2,3}")
CAMEL_PART = regex.compile(r"\p{Lu}\p{Ll}{2,}")
COLLECTION_TAILS = frozenset({"Questions", "Eval", "Bench", "Arena", "Tasks", "Puzzles", "Problems", "Dialogs",
                              "Dialogues", "Stories", "Reviews", "Captions", "Queries", "Conversations"})


def _written_variants(forms: list[str]) -> list[str]:
    """Other ways authors write a form: spaced for hyphens ("Total Text"), a typographic apostrophe
    for a straight one ("AG’s News"), a name run together from capitalised words, the last of which
    names a collection, split at them ("Alpaca-Eval", "Web Questions"; not "Real-World")."""
    known = {f.lower() for f in forms}
    out = []
    for f in forms:
        written = [SPACED_HYPHEN.sub(" ", f), f.replace("'", "’")]
        if CAMEL_NAME.fullmatch(f) and (parts := CAMEL_PART.findall(f))[-1] in COLLECTION_TAILS:
            written += ["-".join(parts), " ".join(parts)]
        for v in written:
            if v.lower() not in known:
                known.add(v.lower())
                out.append(v)
    return out


# The capitalised last word of a discovered name that an acronym may open: "GUI Knowledge Bench".
TITLED_HEADS = frozenset({"Benchmark", "Bench", "Dataset", "Suite", "Corpus", "Testbed", "Arena", "Gym", "Leaderboard"})
# The last word of a lower-case definition that defines a benchmark: "an audio-centric video
# understanding benchmark (ACVUBench)" (not "multiple-choice question (MCQ)").
BENCHMARK_HEADS = ("benchmark", "dataset", "suite", "corpus", "testbed", "leaderboard", "challenge")
# Compounds that describe, wherever they stand in a name ("Gaussian-based 3D"); the wider
# adjective_tails of the cue rules apply to a name's last word only ("Instance-specific ImageNav" is a name).
DESCRIBING_ENDINGS = ("-based", "-driven", "-powered", "-guided", "-aware", "-conditioned", "-like")
# A parameter count in billions after a name: a model named after the data set ("RedPajama 3B").
MODEL_PARAMS_AFTER = regex.compile(r" \d+(?:\.\d+)?B(?![\w-])")
# A number joined to a name: the model family's size or generation ("ResNet-50", "Llama-3").
NUMBERED = regex.compile(r"-\d+(?:\.\d+)?$")
# A lower-case word right after a match: an ordinary word it qualifies ("Humanoid locomotion"; but
# "Diplomacy is a complex game" says what the name is).
LOWER_WORD_NEXT = regex.compile(
    r" (?!(?:is|are|was|were|has|have|had|remains|requires|involves|consists|poses|provides|offers|"
    r"contains|comprises|features|includes|can|could|may|will|serves|tests|evaluates)\b)\p{Ll}")
# A release number written with a small v ("v2", "v2.2"): the same data set, re-released (the mention says which).
RELEASE_AFTER = regex.compile(r"\s?v\d+(?:\.\d+)*")
WORD_AFTER = regex.compile(r"\w|\.\w")  # the release number goes on: not where it ends
# A successor named by a number after the name, where the name ends its phrase: "Mind2Web 2:",
# "we introduce Mind2Web 2, a benchmark", "MM-Vet v2 provides ..." (not "Atari 2 games").
SUCCESSOR = r"[vV]?\d(?:\.\d)?(?=\s?[:,;)]|\.\s|\s+(?:provides|is|contains|consists|comprises|includes|benchmark|dataset)\b)"
# ...or coordinated with another version: "NAVSIM v1 and NAVSIM v2", "VisDial v0.9 and v1.0".
SUCCESSOR_LISTED = r"[vV]\d(?:\.\d)?(?=\s+(?:and|or|&)\s+(?:[\w-]+\s)?[vV]\d)"

# "we introduce NAME (...)," — the verb right before a name, and what may sit between it and the comma.
_INTRODUCING = r"introduce[sd]?|propose[sd]?|presents?|develop(?:s|ed)?"
INTRODUCED_BY = regex.compile(rf"\b(?:{_INTRODUCING}|train(?:s|ed)?|builds?|built)\s+$")
INTRODUCED_AFTER = regex.compile(r"(?:\s*\([^()]{1,60}\))?(?=,)")
# ...or named right after the kind of thing the paper makes: "We propose a novel model R2R."
INTRODUCED_KIND_BEFORE = regex.compile(
    rf"\b(?:{_INTRODUCING}|design(?:s|ed)?)\s+(?:a|an|our)\s+"
    r"(?:[\w-]+\s+){0,3}?(?P<kind>[a-z]+)\s+$")
# A name used to say what something else resembles or fits: "a Minecraft-like world", "a Gymnasium-compatible
# simulation environment", "Mars (Minecraft like)",
# "Atari-style games" (but "MuJoCo-based" uses MuJoCo).
RESEMBLES = regex.compile(r"(?:-|\s)(?:like|style|esque)(?![\w-])(?!\s+(?:the|a|an|this|these|those|ours?)\b)"
                           r"|-(?:level|compatible)(?![\w-])")

# Pluses glued to a name that no word follows: "Meta-World+" (not "MuJoCo+PyBullet").
PLUS_VARIANT = regex.compile(r"\+{1,2}(?![\w+])")

# A hyphenated tail after a name: "-based", "-v2", "-Hard", "-classic".
HYPHEN_TAIL = regex.compile(r"(?:-[\p{L}\p{N}][\p{L}\p{N}]*)+")
# The word right after a mention, across one space.
WORD_RIGHT_AFTER = regex.compile(r" (\p{L}+)")
VERSION = regex.compile(r"v?\d+(?:\.\d+)*[a-z]?", regex.IGNORECASE)
# A versioned release written as one word, the way environment and data-set registries name them.
ENV_VERSION = regex.compile(r"-v\d+(?:\.\d+)?")
# "metrics" as the head of the list, not a modifier ("the MOSES metrics suite")
METRIC_NOUN = regex.compile(r"\s(?:metrics?)\b(?!\s+(?:suite|package|library|toolkit|tool|framework|benchmark|set|collection)s?\b)")
PARENTHESISED = regex.compile(r"\([^()]{0,60}\)")
LIST_WORDS = frozenset({"and", "or", "&", "the"})
# The rest of a list of names after one of them, up to a plural noun it ends in.
LIST_TAIL = regex.compile(r"(?:(?:,\s(?:and\s|or\s)?|\s(?:and|or|&)\s)(?:the\s)?(?=[\p{Lu}\d])[\w.+\-]+)*\s+(\p{Ll}+s)\b")
# An edition named by its year right after the name: "ISIC 2017", "AIME ’24" (not a count of
# something: "MS MARCO 2000 queries", "2048 tokens"), or by its Roman numeral: "DIHARD III".
EDITION = regex.compile(r"\s?(?:['’]\d\d|(?:19|20)\d\d)(?![\w'’])(?!\s+\p{Ll}+s\b)|\s(?-i:II|III|IV)(?![\w'’-])")
# A name that says what models started from ("ImageNet-pretrained backbones", "ImageNet-based variants",
# "ImageNet-, SAM-, and MedSAM-initialized models"): the source of someone's weights, not data used here.
PRETRAINED_ON = regex.compile(
    r"(?:-(?:,\s[\w.+]+-)*,?\s(?:and|or)\s[\w.+]+)?-(?:based|pre-?trained|initiali[sz]ed|init)\s(?:[\w-]+\s)?"
    r"(?:models?|variants?|backbones?|encoders?|networks?|weights|initiali[sz]ations?|features|counterparts?|baselines?|checkpoints?)\b")
# What one thing is turned into another: a kind of task, not a name ("HDL-to-Verilog", "Text-to-SQL").
CONVERSION = regex.compile(r"[\w.+]+-to-[\w.+-]+", regex.IGNORECASE)
# A year written after a name ("2017", "’24", the "14" of "WMT14"), and a challenge task or track
# numbered after it: "DCASE2017 Task 4", "SemEval-2022 Task 10".
_YEAR = r"(?:19|20)\d\d|['’]\d\d|(?<=\p{Lu})\d\d"
_TASK = r"\s(?:Task|Track)\s?\d{1,2}[A-Za-z]?"
YEAR_END = regex.compile(rf"(?:{_YEAR})$")
EDITION_TASK = regex.compile(rf"{_TASK}(?!\w|\.\d)")
# A mention that names one edition: the benchmark's name and a year, round or release ("ISIC 2017",
# "DCASE2018 Task 4", "WMT14", "RTLLM v1.1"); its key ignores how the two are joined.
EDITION_FORM = regex.compile(
    rf".*?\p{{L}}(?:[\s-]?(?P<year>{_YEAR})|[\s-](?P<version>v\d+(?:\.\d+)*))(?P<task>{_TASK})?")
LETTER_DIGITS = regex.compile(r"\p{Lu}\d{1,3}")
# A short form in brackets right after a construction's benchmark noun: "... dataset (MDD)".
PAREN_SHORT = regex.compile(r"\s?\((?P<short>[^()\s,;]{2,20})\)")
# The rest of a capitalised name's long form and the short form after it: " for Generation (BBG)".
TAIL_SHORT = regex.compile(r"\s(?:for|of|on|in|with)\s\p{Lu}[^()\n.;:]{0,60}?\s?\((?P<short>[^()\s,;]{2,20})\)")
# A number ending a name, and another after a slash: "CIFAR-10/100".
NUMBER_END = regex.compile(r"(?<=[\p{L}-])\d+$")
# A size ending a mention and more sizes listed after it ("MovieLens 100k and 1M"); releases the same
# way ("RewardBench v1 and v2").
_LISTED = r"(?:\s*[,/]\s*(?:and\s+)?|\s+(?:and|or|&)\s+)"
SIZE_END = regex.compile(r"(?<=[\s-])\d+(?:\.\d+)?[kKmMbB]$")
LISTED_SIZE = regex.compile(_LISTED + r"(?P<v>\d+(?:\.\d+)?[kKmMbB])(?!\w|\.\d)")
LISTED_RELEASE = regex.compile(_LISTED + r"(?P<v>[vV]\d+)(?!\w|\.\d)")
# ... and another number after a slash.
SLASH_NUMBER = regex.compile(r"\s?/\s?(?P<v>\d+)(?!\w|\.\d)")
# A year, maybe with a track's letters, ending a mention, and more of them listed after it: "ASVspoof
# 2019LA, 2021LA, and 2021DF", "ASVspoof 2019 LA and 2021 LA".
EDITION_END = regex.compile(r"(?<![\d.])(?P<year>(?:19|20)\d\d)(?:\s?\p{Lu}{2,3})?$")
LISTED_EDITION = regex.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?P<v>(?:19|20)\d\d(?:\s?\p{Lu}{2,3})?)(?!\w|\.\d)")
# More years after a slash: "CROHME 2014/2016/2019".
SLASH_YEAR = regex.compile(r"\s?/\s?(?P<v>(?:19|20)\d\d)(?!\w|\.\d)")
# A release number right after a name or ending a mention ("CATH 4.2"), and another one after a slash ("/4.3").
VERSION_END = regex.compile(r"(\s|[\s-]?v)\d+(?:\.\d+)+$")
VERSION_AFTER = regex.compile(r"\s?v?\d+(?:\.\d+)+(?!\w|\.\d)")
SLASH_VERSION = regex.compile(r"\s*/\s*(?P<v>\d+(?:\.\d+)+)(?!\w|\.\d)")
# A capitalised plural noun closing a list of names says what they are: "the QM9 and C10 Datasets".
LISTED_BEFORE = regex.compile(r"(?:,|\band)\s+$")
PLURAL_HEAD = regex.compile(r"(?<=\S)\s(?:Datasets|Benchmarks|Corpora|Suites|Environments|Testbeds)")
# What makes a framework or system a benchmark: "a framework for evaluating ...", "a system to benchmark ...".
FOR_EVALUATING = regex.compile(r"\s+(?:for\s+(?:evaluating|benchmarking|assessing|testing|measuring)|to\s+(?:evaluate|benchmark|assess|test|measure))\b")
# A phrase that makes a known name part of a longer one: "... Benchmark with Sequential Dynamics".
QUALIFIED_AFTER = regex.compile(r"\s(?:with|for|of|on|under|in)\s")


# An image resolution written right after a name: "FFHQ 64x64", "AFHQv2 64×64".
RESOLUTION_AFTER = regex.compile(r"\s?\d{2,4}\s?[x×]\s?\d{2,4}(?!\w|\.\d)")
# What data was taken from: "images from Flickr and Wikipedia", "posts collected from Reddit".
# What a new thing was modelled on, not data it is tested on: "the IPARC Challenge, inspired by ARC".
INSPIRED_BY = regex.compile(r"\b(?:inspired\s+by|modell?ed\s+(?:after|on)|in\s+the\s+spirit\s+of)\s+(?:the\s+)?$")
SOURCED_FROM = regex.compile(
    r"\b(?:images|photos|pictures|videos|clips|posts|comments|tweets|texts?|articles|pages|data|(?:proprietary|private|internal|in-house)\s+datasets?|recordings"
    r"|collected|crawled|scraped|sourced|gathered|harvested|downloaded|mined|drawn|taken)\s+from\s+(?:the\s+)?$")
# Words that open a question, not a name's later word: "Q3 Do well-established datasets provide ...?"
QUESTION_WORDS = frozenset({"Do", "Does", "Did", "Can", "Could", "Should", "Would", "Will", "Is", "Are", "Was",
                            "Were", "How", "What", "Why", "When", "Which"})
# ...or where it was posted: "four datasets across Bluesky and Reddit platforms", "Reddit users" (one
# "platform" may be a test bed: "the Malmo platform").
PLATFORM_AFTER = regex.compile(r"\s+(?:platforms|users|websites|web\s?sites)\b")
# How many tokens of a list of names may stand between an evaluation's "on" and the name.
LIST_LOOKBACK = 12
LIST_JOINERS = frozenset({",", "and", "&", "-", "/"})
# An amount just before "on": a result reported on what follows ("by up to 70% on MATH", "+3.1 points on GPQA").
RESULT_AMOUNT = regex.compile(r"%|[+−]?\d[\d.,]*(?:%|x|×)?|points?|pp")
# The last word of a discovered name, and the parts of names joined by a plus ("ASRU700+LibriSpeech460").
NAME_LAST_WORD = regex.compile(r"\s(\S+)\Z")
JOINED_PART = regex.compile(r"(?:[^+\s]|\s(?!\+)|\+(?!\p{Lu}))+")
# How far a list may run from a name to the plural noun that says what it lists, and the words that
# end a list of names before any such noun.
LIST_LOOKAHEAD = 16
LIST_STOPS = frozenset("the a an of on in for with to by from at as is are was were be been that which "
                       "we our their its this these those than using via into over under between".split())
NAME_TOKEN = regex.compile(r"[\p{Lu}\d]")
# A numbered part of a benchmark after its name: "MATH Level 5", "ShanghaiTech Part A".
SUBSET_WORDS = frozenset({"Level", "Part", "Split", "Subset", "Track", "Task"})
SUBSET_NUMBER = regex.compile(r"\d+|[A-Z]")
# A capitalised word (a footnote mark may be glued on: "Sim.111Please").
TITLE_WORD = regex.compile(r"\p{Lu}\p{Ll}+(?!\p{L})")
# Names of things that are not benchmarks, by their shape: a model with its parameter count
# ("Gemma2-2B", "Llama-3-8B-Instruct"; not "M": datasets count samples in millions, "CXR-1M") and
# an acronym's plural, a class of models ("GNNs", "GENs").
MODEL_WITH_SIZE = regex.compile(r"(?<![^\s_-])\d+(?:\.\d+)?B(?![^\s_-])")
# A value right before a name: the name is the score it is in ("59.8% NDS").
AMOUNT_BEFORE = regex.compile(r"\d(?:\.\d+)?\s?%?\s$")
# A verb of beating right before a name: the system compared with, not the test bed ("KSCU outperforms ESD by 8.3%").
BEATEN_BEFORE = regex.compile(r"\b(?:outperform|surpass|beat|exceed)\w*\s+$")
# Words that make a title-cased run a phrase, not a name ("CRAFT Your Dataset").
POSSESSIVES = frozenset({"Your", "Our", "My", "Their", "His", "Her", "Its"})
# A size written as a compound: "a 22T-token dataset", "a 1M-image corpus", "a 50-hour corpus".
COUNTED_UNIT = regex.compile(r"[\d.,]+[KMBTkmbt]?-\p{Ll}+")
# A name in mixed case, as no plain acronym is written: "BraTS", "nuScenes", "CoNLL".
GLOSSED_NAME = regex.compile(r"(?=\w*\p{Ll})(?=\w*\p{Lu}\w*\p{Lu})[\w-]+")
# An ambiguous name that "score" follows is the score's: "achieving an NDS score of 73.9".
SCORE_AFTER = regex.compile(r"\s+scores?\b")
# A known name's own benchmark noun after it, capitalised as part of the name: "DADA-2000 Dataset",
# maybe with one year's edition: "SoccerNet Tracking Challenge 2023".
NOUN_TAIL = regex.compile(r"\s(?:Benchmark|Dataset|Suite|Corpus|Challenge|Arena|Gym|Environment|Testbed)s?(?:\s(?:19|20)\d\d|\s['’]\d\d)?")
# A size, not a name: "a 1.7TB dataset", "the 500GB corpus".
DATA_SIZE = regex.compile(r"[\d.,]+\s?(?:[KMGTP]i?B|[kKMGTP]b)")
# A factor or a range of factors, which a construction may take for a capitalised word.
FACTOR_NAME = regex.compile(r"\d+(?:\.\d+)?\s?[x×](?:\s?[-–~]\s?\d+(?:\.\d+)?\s?[x×])?")
# A footnote mark glued to the word after it: "111Our dataset and codes are available" (arXiv HTML
# writes footnote 1 as "111"), never a name.
FOOTNOTE_BEFORE_WORD = regex.compile(r"(\d)\1\1\p{Lu}\p{Ll}+")


def _pattern_tokenizer(nlp: Language) -> Tokenizer:
    """A tokenizer with the pipeline's settings over the same vocabulary, for the gazetteer's
    surface forms. Tokenizing thousands of short names in three cases through the pipeline's own
    tokenizer leaves its cache in a state where every later abstract tokenizes several times
    slower (measured: 0.3 -> 2 ms per abstract); this one is thrown away after start-up."""
    tokenizer = Tokenizer(nlp.vocab)
    tokenizer.from_bytes(nlp.tokenizer.to_bytes(exclude=["vocab"]), exclude=["vocab"])
    return tokenizer


def _overlaps(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in ranges)


class BenchmarkExtractor:
    def __init__(self, rules: list[Rule], cue_rules: list[CueRule], nlp: Language):
        self.rules = rules
        self.by_key: dict[str, Rule] = {}
        self.matcher_lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.matcher_exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        make_doc = _pattern_tokenizer(nlp)
        spaced: dict[str, Rule] = {}
        for rule in rules:
            self.by_key[rule.id] = rule
            variants = _written_variants(rule.surface_forms)
            spaced.update((f.lower(), rule) for f in variants)
            forms = [*rule.surface_forms, *variants]
            # a hyphenated name of plain words spaced out ("Total Text") is ordinary words in another
            # case ("the total text length"), as a run-together one split is ("home-robot"): matched
            # only as written
            exact = [f for f in forms if rule.case_sensitive or f in rule.cued_aliases or _short_acronym(f)
                     or f in variants and all(w.isalpha() for w in regex.split(r"[\s-]", f))]
            folded = [f for f in forms if f not in exact]
            if exact:
                self.matcher_exact.add(rule.id, [make_doc(f) for f in exact])
            if folded:
                # spaCy splits some words by case ("GSM-8K" is two tokens, "GSM-8k" one), so a
                # case-blind form is matched as tokenised in each case authors write it
                docs = {}
                for f in folded:
                    for cased in (f, f.lower(), f.upper()):
                        doc = make_doc(cased)
                        docs.setdefault(tuple(t.lower_ for t in doc), doc)
                self.matcher_lower.add(rule.id, list(docs.values()))
        self.canonical = {r.name.lower(): r for r in rules}
        for r in rules:
            for a in r.aliases:
                self.canonical.setdefault(a.lower(), r)
        for form, r in spaced.items():
            self.canonical.setdefault(form, r)
        self.cue_rules = [c for c in cue_rules if c.cue_words]
        self.own_patterns = frozenset(f"{CUE_KIND}.{c.id}" for c in cue_rules if c.own)
        self.cue_words = {w.lower(): c for c in self.cue_rules for w in c.cue_words}
        self.evaluation_words = frozenset(w.lower() for c in cue_rules for w in c.evaluation_words)
        self.data_nouns = frozenset(w.lower() for c in cue_rules for w in c.data_nouns)
        # plural cue words, after which a hyphen is a dash ("benchmark suites-Robomimic, ...")
        self.dash_nouns = frozenset(w for w in self.cue_words if w.endswith("s") and not w.endswith("us") or w == "corpora")
        self.method_nouns = frozenset(w.lower() for c in cue_rules for w in c.method_nouns)
        # the head of the appositive after "we introduce NAME, a ...": the first kind noun (a benchmark's
        # cue word or a method's noun) that ends its noun phrase ("an ... web agent that", not "an
        # open-web agent evaluation platform")
        kinds = sorted(self.cue_words.keys() | self.data_nouns | self.method_nouns, key=len, reverse=True)
        self.appositive_kind = regex.compile(
            r"(?i),\s+(?:an?|the|our)\s+[^,.;:]{0,100}?\b(?P<kind>" + "|".join(map(regex.escape, kinds))
            + r")\b(?=\s*[,.;:(]|\s+(?:that|which|for|to|with|designed|built|based|trained|using|in|on|of|capable|and)\b)"
        ) if self.method_nouns else None
        self.window = max((c.window for c in self.cue_rules), default=8)
        macros = {k: v for c in cue_rules for k, v in c.macros.items()}
        # A name made only of languages ("the Hindi corpus", "a code-mixed English-Hindi humor dataset")
        # says what language the data is in, not which data set: the cue file's LANG macro lists them.
        lang = expand_macros(macros["LANG"], macros, f"{CUE_KIND}.macros") if "LANG" in macros else None
        self.languages_only = regex.compile(rf"{lang}(?:\s*[-–/]\s*{lang})*") if lang else None
        self.discovery = [
            (
                c,
                compile_rule_regex(expand_macros(c.regex, macros, f"{CUE_KIND}.{c.id}"), c, CUE_KIND),
                tuple(w.lower() for w in c.requires),
            )
            for c in cue_rules
            if c.regex
        ]
        self.not_names = {n.lower() for c in cue_rules for n in c.not_names}
        self.not_first = {n.lower() for c in cue_rules for n in c.not_first}
        self.adjective_tails = {n.lower() for c in cue_rules for n in c.adjective_tails}
        self.task_words = {n.lower() for c in cue_rules for n in c.not_defined_as}
        self.system_tails = {n for c in cue_rules for n in c.system_tails}
        words = sorted({w for c in cue_rules for w in c.variant_words}, key=len, reverse=True)
        variants = [*map(regex.escape, words), SUCCESSOR, SUCCESSOR_LISTED]
        self.space_variant = regex.compile(r"\s(?:" + "|".join(variants) + r")(?![\w-])")
        # "SWE-Bench Verified and Lite": a second variant word coordinated with the first
        self.coordinated_variant = regex.compile(
            r"(?:\s*,\s*|\s+(?:and|or|&)\s+|\s*/\s*)(?P<word>" + "|".join(map(regex.escape, words)) + r")(?![\w-])"
        ) if words else None
        prefixes = sorted({w for c in cue_rules for w in c.variant_prefixes}, key=len, reverse=True)
        self.prefix_variant = regex.compile(
            r"(?<![\w-])(?:" + "|".join(map(regex.escape, prefixes)) + r")[-\s]$") if prefixes else None

    def _cue_for(self, span: Span, doc: Doc, others: list[Span], sentences: Sentences,
                 words: Collection[str] | None = None) -> str | None:
        """The word (one of ``words``, by default every cue word) or neighbour that makes an
        ambiguous name a benchmark here, if any."""
        words = self.cue_words if words is None else words
        if span.start > 0 and doc[span.start - 1].lower_ in self.method_nouns:
            return None  # a model of that name: "the best fine-tuned method MVP"
        if span.end + 1 < len(doc) and doc[span.end].lower_ in POSSESSIVE and doc[span.end + 1].lower_ in OWNED_DATA:
            return None  # what the name releases, not the name: "we release STAR's datasets and code"
        sent_start, sent_end = sentences.tokens_of(span.start)
        lo = max(sent_start, span.start - self.window)
        hi = min(sent_end, span.end + self.window)
        # (a task after a word of capitals names a kind of task: "in both ASQP and ACOS tasks")
        acronym = span.text.isalpha() and span.text.isupper()
        for tok in doc[lo:hi]:
            if span.start <= tok.i < span.end:
                continue
            if tok.lower_ in words and not (acronym and tok.lower_ in TASK_CUES):
                return f"cue word '{tok.text}'"
        if span.end < len(doc) and TITLE_WORD.match(doc[span.end].text) \
                and not (doc[span.end].text in SUBSET_WORDS and span.end + 1 < len(doc)
                         and SUBSET_NUMBER.fullmatch(doc[span.end + 1].text)):
            return None  # part of a longer name, not this benchmark: "NVIDIA's DRIVE Sim" (but "MATH Level 5")
        if words is self.cue_words and self._evaluated_on(span, doc, sent_start):
            return "evaluated on"
        if words is self.cue_words and self._listed_before_noun(span, doc, sent_end):
            return "listed before a benchmark noun"
        for other in others:
            if other is not span and sent_start <= other.start < sent_end:
                return f"listed with '{other.text}'"
        return None

    def _cue_after_gloss(self, span: Span, doc: Doc, text: str, long: str, others: list[Span],
                         sentences: Sentences) -> str | None:
        """A cue counted from the end of the short form's own definition: "HELMET (How to Evaluate
        Long-context Models Effectively and Thoroughly), a comprehensive benchmark" (not where a kind
        of model follows it: "the EAGLE (...) model and the EAGLE-400K dataset")."""
        gloss = f" ({long})"
        if not text.startswith(gloss, span.end_char):
            return None
        whole = doc.char_span(span.start_char, span.end_char + len(gloss), alignment_mode="expand")
        if whole is None or whole.end < len(doc) and doc[whole.end].lower_.removesuffix("s") in self.method_nouns:
            return None
        return self._cue_for(whole, doc, others, sentences, self.data_nouns)

    def _split_names(self, text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Names joined by "+" are each a name ("ASRU700+LibriSpeech460": two training sets), and the
        languages written after a name say what its data is in ("... Mandarin-English")."""
        out = []
        for start, end in spans:
            lang = NAME_LAST_WORD.search(text, start, end)
            if lang is not None and lang.start() > start and self.languages_only is not None \
                    and self.languages_only.fullmatch(lang.group(1)):
                end = lang.start()
            parts = [(start + j.start(), start + j.end()) for j in JOINED_PART.finditer(text[start:end])]
            out += parts if len(parts) > 1 else [(start, end)]
        return out

    def _listed_before_noun(self, span: Span, doc: Doc, sent_end: int) -> bool:
        """The name opens a list that a plural benchmark noun closes, past the cue window: "the Adult,
        COMPAS risk assessment, and Law School datasets" (words and list joiners only in between)."""
        joined = False
        for tok in doc[span.end:min(sent_end, span.end + LIST_LOOKAHEAD)]:
            low = tok.lower_
            if low in self.data_nouns and low.endswith("s") and joined:
                return True
            if low in LIST_JOINERS or low == "or":
                joined = True
            elif not tok.text.isalpha() and not NAME_TOKEN.search(tok.text) or low in LIST_STOPS:
                return False
        return False

    def _evaluated_on(self, span: Span, doc: Doc, sent_start: int) -> bool:
        """The name stands in a list of names right after an evaluation's "on": "Experiments on SEED
        and DEAP show ..." (not after "on" alone: "based on DEAP"), or after a result's: "70% on MATH"."""
        i = span.start - 1
        while i > sent_start and i > span.start - LIST_LOOKBACK and (
                doc[i].text in LIST_JOINERS or NAME_TOKEN.search(doc[i].text)):
            i -= 1
        return i > sent_start and doc[i].lower_ in {"on", "across"} and (
            doc[i - 1].lower_ in self.evaluation_words or RESULT_AMOUNT.fullmatch(doc[i - 1].text) is not None)

    def find(
        self, doc: Doc, text: str, field: str, masked: list[tuple[int, int]], defined: dict[str, str] | None = None,
        sentences: Sentences | None = None,
    ) -> list[_Hit]:
        """``text`` is ``doc.text``, passed in because spaCy rebuilds that string on every access.
        ``sentences``: the doc's lazily split sentences, shared with the gains (made here if not given)."""
        defined = defined or {}
        sentences = sentences if sentences is not None else Sentences(doc, text)
        matches = [*self.matcher_lower(doc, as_spans=True), *self.matcher_exact(doc, as_spans=True)]
        ends = {s: self._compound(text, s.start_char, s.end_char) for s in filter_spans(matches)}
        spans = [s for s, end in ends.items() if end is not None]
        starts = {s: self._variant_start(text, s.start_char) for s in spans}
        hits: list[_Hit] = []
        redefined: dict[str, str | None] = {}  # an acronym the paper defines as something else: its cue, if any
        plain = [s for s in spans if not self.by_key[s.label_].needs_cue_for(s.text)]
        # A text in capitals ("MATH-SHEPHERD: VERIFY AND REINFORCE LLMS ...") says nothing by case:
        # only case-blind names stand there, as written, and nothing is discovered.
        shouting = not any(c.islower() for c in text)
        for span in spans:
            rule = self.by_key[span.label_]
            start = starts[span]
            if _overlaps(start, ends[span], masked):
                continue
            if shouting and (rule.case_sensitive or span.text in rule.cued_aliases
                             or ends[span] != span.end_char or start != span.start_char):
                continue
            if ends[span] != span.end_char or start != span.start_char:
                if span.text in defined and self.canonical.get(defined[span.text].lower()) is not rule:
                    continue  # "learnable random walk (LRW) ... LRW-OOD": a variant of what the paper defines, not of LRW
                # an ordinary word's variant needs a cue as the word does ("Adult-onset" is no benchmark)
                if rule.needs_cue_for(span.text) and self._cue_for(span, doc, plain, sentences) is None:
                    continue
                variant = text[start : ends[span]]
                if variant.lower() in self.not_names:
                    continue  # "Actor-Critic" is no variant of the Actor data set
                if variant in defined and self.canonical.get(defined[variant].lower()) is not rule:
                    continue  # "... Multi-Agent Debate (HCP-MAD)": the paper's own term, no variant of HCP
                if start == span.start_char and (RELEASE_AFTER.fullmatch(text, span.end_char, ends[span])
                                                 or ENV_VERSION.fullmatch(text, span.end_char, ends[span])
                                                 or RESOLUTION_AFTER.fullmatch(text, span.end_char, ends[span])):
                    # "MIMIC-IV v2.2", "CartPole-v1", "ImageNet 256 x 256": a release or version of the
                    # data set, or the data set at one resolution, the same benchmark (the mention says which)
                    hits.append(_Hit(rule, rule.name, start, ends[span], f"{KIND}.{rule.id}", variant, None))
                    continue
                hits.append(_Hit(None, variant, start, ends[span], f"{KIND}.{rule.id}", variant,
                                 f"variant of '{rule.name}'", variant_of=rule))
                continue
            if span.text in defined and not (
                    GLOSSED_NAME.fullmatch(span.text) and span.text in rule.surface_forms
                    and defined[span.text][1:].islower()):
                # (but a name written in its own mixed case after a plain gloss is that name: "brain tumor
                # segmentation (BraTS)" glosses what BraTS is for)
                # The paper says what this acronym stands for: this benchmark only if that does. A
                # long form the gazetteer does not know may still be a benchmark under that name
                # ("the Massive ... Reasoning (MMMU) benchmark"): kept as written where a cue says so.
                known = self.canonical.get(defined[span.text].lower())
                if known is None \
                        and defined[span.text].rsplit(" ", 1)[-1].lower().removesuffix("s") in self.method_nouns:
                    # "large atomistic models (LAMs) ... trained as a LAM on the X dataset": a kind of model;
                    # "a Global Shuffle Strategy (GSS) ... for generating datasets": a method
                    continue
                if known is None:
                    # decided where the paper first writes it, its definition, and kept for every later
                    # mention ("we propose SElf-Evolving Distillation (SEED) ... multiple benchmarks
                    # validate our SEED": a method, though a cue word stands near the second)
                    if span.text not in redefined:
                        others = [o for o in plain if o.label_ != span.label_]
                        redefined[span.text] = None if _names_metrics(text, span.end_char) \
                            else self._cue_for(span, doc, others, sentences, self.data_nouns) \
                            or self._cue_after_gloss(span, doc, text, defined[span.text], others, sentences)
                    cue = redefined[span.text]
                    if cue is not None:
                        hits.append(_Hit(None, span.text, span.start_char, span.end_char, f"{KIND}.{rule.id}",
                                         span.text, f"defined as '{defined[span.text]}'; {cue}"))
                    continue
                rule = known
            cue = None
            if rule.needs_cue_for(span.text):
                if span.text.istitle() and span.text.isalpha() and LOWER_WORD_NEXT.match(text, span.end_char) \
                        and text[:span.start_char].rstrip()[-1:] in ("", ".", "!", "?"):
                    continue  # "Humanoid locomotion is a challenging task": a sentence's capital, not the name
                if span.text.istitle() and span.text.isalpha() and TITLE_WORD.fullmatch(after := _word_after(text, span.end_char)) \
                        and after.lower() not in self.cue_words:
                    continue  # "A Dataset of Bird Vocalisation": a word of a longer Title Case phrase, not the name
                if AMOUNT_BEFORE.search(text, max(0, span.start_char - 12), span.start_char) \
                        or SCORE_AFTER.match(text, span.end_char):
                    continue  # a score's name after its value ("59.8% NDS on nuScenes") or before "score", whatever the cue
                if SOURCED_FROM.search(text, max(0, span.start_char - 40), span.start_char) \
                        or PLATFORM_AFTER.match(text, span.end_char) \
                        or INSPIRED_BY.search(text, max(0, span.start_char - 30), span.start_char):
                    continue  # where data came from ("a dataset of images from Flickr", "Reddit platforms") or what a new set imitates, not a test bed
                if BEATEN_BEFORE.search(text, max(0, span.start_char - 20), span.start_char):
                    continue  # a system beaten, named like a data set: "outperforms ESD by 8.3% on the I2P dataset"
                # a name that ends in its own kind is its own cue: "the IAM Handwriting Database"
                cue = f"named a {span[-1].lower_}" if len(span) > 1 and span[-1].lower_ in self.cue_words \
                    else self._cue_for(span, doc, plain, sentences)
                if cue is None:
                    continue
            hits.append(_Hit(rule, rule.name, span.start_char, span.end_char, f"{KIND}.{rule.id}", span.text, cue))
        hits = [self._release(text, h) for h in hits if not _names_metrics(text, h.end)]
        hits = _same_release(text, hits)
        hits += [v for h in hits for v in self._coordinated_variants(text, h)]
        known_spans = [(h.start, h.end) for h in hits]
        # names found so far, known or discovered: a list goes on past a discovered name
        # ("on HM-EQA, MT-HM3D, and OpenEQA")
        anchors = list(known_spans)

        def list_ok(at: int) -> bool:
            # "the DMC, DSM, DMM and DSA schemes": the noun the list ends in says what it lists
            tail = LIST_TAIL.match(text, at)
            return tail is None or tail.group(1).lower() in self.cue_words or tail.group(1).lower() in self.data_nouns
        taken = known_spans + list(masked)
        lower = text.lower()  # a substring test per word is ten times cheaper than a case-blind regex
        occurrences: dict[str, list[int]] = {}  # rules share their words ("benchmark", "such as")
        long_of = {long: short for short, long in defined.items()}
        for cue_rule, rx, requires in self.discovery:
            if field not in cue_rule.applies_to or shouting:
                continue
            windows = None
            if requires:
                at = [i for w in requires for i in _occurrences(lower, w, occurrences)]
                if not at:
                    continue
                if cue_rule.scan:
                    windows = scan_windows(at, *cue_rule.scan, len(text))
            for m in self._matches(cue_rule, rx, text, anchors, windows, len(known_spans), list_ok):
                spans = self._split_names(text, _name_spans(m))
                # a list that holds a known benchmark is a list of names: "the ML-100K, Beauty, and
                # Games datasets" (but not "English and Chinese datasets")
                plain_ok = cue_rule.plain_names or len(spans) > 1 and any(
                    (s, e) in known_spans for s, e in spans)
                for start, end in spans:
                    plural = PLURAL_HEAD.search(text, start, end) if len(spans) > 1 or LISTED_BEFORE.search(
                        text, max(0, start - 6), start) else None
                    if plural is not None and plural.end() == end:
                        end = plural.start()  # "the QM9 and C10 Datasets": the noun says what the list holds
                    owner = OWNER.match(text, start, end)
                    if owner is not None:
                        start = owner.end()  # "Spotify's Million Playlist Dataset": the owner is no part of the name
                    name = text[start:end]
                    if not name or name.endswith(tuple(POSSESSIVE)):
                        continue  # "YouTube's more regulated environment": whose, not which
                    # (only after a lower-case noun outside the name: "the Million Tune Dataset (MTD)" keeps its name)
                    after = PAREN_SHORT.match(text, m.end()) if (start, end) == spans[-1] and end < m.end() else None
                    if after is None and (start, end) == spans[-1] and end == m.end():
                        # ...or after the rest of its long form: "a Bias Benchmark for Generation (BBG)"
                        after = TAIL_SHORT.match(text, end)
                        if after is not None and not defined.get(after["short"], "").lower().startswith(name.lower()):
                            after = None
                    if after is not None and name.lower() in defined.get(after["short"], "").lower() \
                            and self._name_ok(name, text, start, plain_ok):
                        # "the Multi-Domain Dialogue dataset (MDD)": the short form the paper defines names it
                        start, end = after.span("short")
                        name = after["short"]
                    short = long_of.get(name)
                    named = next((h for h in hits if h.text == short), None) if short else None
                    long = _definition(name, defined)
                    of = self.canonical.get(long.lower()) if long is not None else None
                    if named is not None or of is not None:
                        # another mention of a benchmark found: by its long form ("the Long-Range Graph
                        # Benchmark (LRGB)" with LRGB found) or by the short form the paper defines for
                        # a known one ("Waymo Open Motion (WO)" ... "the large WO dataset")
                        if not _overlaps(start, end, taken):
                            hits.append(_Hit(named.rule, named.name, start, end, f"{CUE_KIND}.{cue_rule.id}", name,
                                             f"long form of '{short}'", variant_of=named.variant_of)
                                        if named is not None else
                                        _Hit(of, of.name, start, end, f"{CUE_KIND}.{cue_rule.id}", name,
                                             f"defined as '{long}'"))
                            taken.append((start, end))
                        continue
                    # a title's opening name is a name where the construction says so ("Clerc: A Dataset for ...")
                    if not self._name_ok(name, text, start, plain_ok, opening_ok=field == "title" and cue_rule.plain_names):
                        continue
                    if cue_rule.shaped_only and not _name_shaped(name) and not plain_ok:
                        continue  # (a plain name listed with a known one is a name: "TOFU, Harry Potter, and MUSE-NEWS")
                    if long is not None and cue_rule.not_defined_as and long.split()[-1].lower() in cue_rule.not_defined_as:
                        continue
                    if long is not None and long.split()[-1].lower() in self.task_words and long not in text[m.start():m.end()] \
                            and not any(w in self.data_nouns for w in long.lower().split()):
                        continue  # "Medical Visual Question Answering (Med-VQA) ... benchmark Med-VQA datasets": a task
                        # defined earlier (but "an Image-Text Composed Person Retrieval (ITCPR) dataset" and "a Bias
                        # Benchmark for Generation (BBG)" name one)
                    last = _definition(name.rsplit(" ", 1)[-1], defined) if " " in name else None
                    if last is not None and last.split()[-1].lower() in self.task_words:
                        continue  # "Close-Vocabulary VIS datasets" with "Video Instance Segmentation (VIS)": data for a task
                    if long is not None and _plain_words(long) \
                            and not long.lower().endswith(BENCHMARK_HEADS) \
                            and all(_definition(text[s:e], defined) is not None for s, e in spans):
                        # "multiple-choice question (MCQ) benchmark", "the VIS, VSS, and VPS datasets": acronyms
                        # for kinds of thing (but "an audio-centric video understanding benchmark (ACVUBench)"
                        # defines a benchmark, and "the SYSU-MM01, RegDB and LLCM datasets" lists one with names)
                        continue
                    blocking = taken
                    if cue_rule.may_contain_known:
                        if any(s == start and NOUN_TAIL.fullmatch(text, e, end) for s, e in taken):
                            continue  # "DADA-2000 Dataset": the known benchmark and its noun, found already
                        if any(e == end and YEAR_BEFORE.fullmatch(text, start, s) for s, e in taken):
                            continue  # "the 2024 AI City Challenge": a year's edition of a known one, found already
                        blocking = [(s, e) for s, e in taken if not (start <= s and e <= end and (s, e) != (start, end))]
                    if _overlaps(start, end, blocking):
                        continue
                    known = self.canonical.get(name.lower())
                    recased = known is not None and known.case_sensitive and name not in known.surface_forms
                    if recased and not (name.isupper() or name.istitle()):
                        # a CamelCase name written otherwise than a case-sensitive one is another name:
                        # "MuBench" is not "MUBench" (but "ALPACA" and "the Maestro dataset" are Alpaca and
                        # MAESTRO shouted or titled, which the gazetteer's exact-case match missed)
                        known = None
                    if known and (known.needs_cue_for(name) or recased):
                        # the construction itself is the cue
                        hits.append(
                            _Hit(known, known.name, start, end, f"{CUE_KIND}.{cue_rule.id}", name, "construction")
                        )
                    elif not known:
                        # a short form of a one-word name is that name: "WildVision-Arena (WV-Arena)",
                        # "titled DeepFakeFace (DFF) ... the DFF dataset"
                        full = long if long is not None and " " not in long and _name_shaped(long) else name
                        hits.append(_Hit(None, full, start, end, f"{CUE_KIND}.{cue_rule.id}", name))
                    taken.append((start, end))
                    anchors.append((start, end))
                    if not known:
                        # a list may hold the paper's new benchmark where it is written again: "we
                        # introduce MMSD3.0 ... across MMSD, MMSD2.0, and MMSD3.0"
                        anchors += [(s, s + len(name)) for s in _whole_words(text, name) if s != start]
        return _not_new_tasks(text, _inside_discovered(_inside_new_name(text, hits, defined)))


    def _release(self, text: str, hit: _Hit) -> _Hit:
        """A release number after a name, where the gazetteer has that release ("CATH 4.2", which the
        tokenizer may leave glued to what follows: "4.2/4.3")."""
        m = VERSION_AFTER.match(text, hit.end)
        if hit.rule is None or m is None:
            return hit
        known = self.canonical.get(text[hit.start : m.end()].lower())
        if known is None:
            return hit
        return _Hit(known, known.name, hit.start, m.end(), hit.pattern, text[hit.start : m.end()], hit.cue)

    def _coordinated_variants(self, text: str, hit: _Hit) -> list[_Hit]:
        """Releases or variant words coordinated after a mention that ends in one ("CATH 4.2/4.3",
        "SWE-Bench Verified and Lite"): each names that release or variant of the same benchmark,
        the gazetteer's entry if it has one (a release only then)."""
        version = VERSION_END.search(text, hit.start, hit.end)
        if version is not None and version.end() == hit.end:
            return self._slash_releases(text, hit, version)
        year = YEAR_END.search(text, hit.start, hit.end)
        if year is not None and SLASH_YEAR.match(text, hit.end):
            return self._slash_years(text, hit, year)
        edition = EDITION_END.search(text, hit.start, hit.end)
        if edition is not None and hit.rule is not None and LISTED_EDITION.match(text, hit.end):
            # "ASVspoof 2019LA, 2021LA, and 2021DF": each later edition (and track) the gazetteer holds
            return self._slash_known(text, hit, text[hit.start : edition.start("year")], LISTED_EDITION)
        size = SIZE_END.search(text, hit.start, hit.end)
        if size is not None and hit.rule is not None and LISTED_SIZE.match(text, hit.end):
            # "MovieLens 100k and 1M": each other size the gazetteer holds under the same stem
            return self._slash_known(text, hit, text[hit.start : size.start()], LISTED_SIZE)
        number = NUMBER_END.search(text, hit.start, hit.end)
        if number is not None and hit.rule is not None:
            if text[number.start() - 1] in "vV" and LISTED_RELEASE.match(text, hit.end):
                # "RewardBench v1 and v2": each later release the gazetteer holds
                return self._slash_known(text, hit, text[hit.start : number.start() - 1], LISTED_RELEASE)
            return self._slash_numbers(text, hit, number)
        if self.coordinated_variant is None:
            return []
        last = self.space_variant.search(text, hit.start, hit.end)
        if last is None or last.end() != hit.end:
            return []
        base, end, out = text[hit.start : last.start()], hit.end, []
        parent = hit.variant_of or (self.canonical.get(hit.rule.parent.lower()) if hit.rule and hit.rule.parent else None)
        while (m := self.coordinated_variant.match(text, end)) is not None:
            name = f"{base} {m.group('word')}"
            known = self.canonical.get(name.lower())
            cue = f"coordinated with '{hit.text}'"
            if known is not None:
                out.append(_Hit(known, known.name, m.start("word"), m.end(), hit.pattern, m.group("word"), cue))
            elif parent is not None:
                out.append(_Hit(None, name, m.start("word"), m.end(), hit.pattern, m.group("word"), cue, variant_of=parent))
            end = m.end()
        return out

    def _slash_years(self, text: str, hit: _Hit, year: regex.Match) -> list[_Hit]:
        """"CROHME 2014/2016/2019": each year after a slash names that edition of the benchmark."""
        base, out, end = text[hit.start : year.start()], [], hit.end
        rule = hit.rule or hit.variant_of
        while rule is not None and (m := SLASH_YEAR.match(text, end)) is not None:
            out.append(_Hit(None, f"{base}{m.group('v')}", m.start("v"), m.end("v"), hit.pattern, m.group("v"),
                            f"coordinated with '{hit.text}'", variant_of=rule))
            end = m.end()
        return out

    def _slash_numbers(self, text: str, hit: _Hit, number: regex.Match) -> list[_Hit]:
        """"CIFAR-10/100", "MOT17/20": each number after a slash names the sibling the gazetteer
        holds under the same stem."""
        return self._slash_known(text, hit, text[hit.start : number.start()], SLASH_NUMBER)

    def _slash_releases(self, text: str, hit: _Hit, version: regex.Match) -> list[_Hit]:
        """"CATH 4.2/4.3": each release after a slash, named only if the gazetteer knows it."""
        return self._slash_known(text, hit, text[hit.start : version.start()] + version.group(1), SLASH_VERSION)

    def _slash_known(self, text: str, hit: _Hit, prefix: str, after: regex.Pattern) -> list[_Hit]:
        """Each ``after`` match (its group "v") past the hit that, written after ``prefix``, is a
        gazetteer name: that benchmark, until one is not."""
        out, end = [], hit.end
        while (m := after.match(text, end)) is not None:
            known = self.canonical.get(f"{prefix}{m.group('v')}".lower())
            if known is None:
                break
            out.append(_Hit(known, known.name, m.start("v"), m.end(), hit.pattern, m.group("v"),
                            f"coordinated with '{hit.text}'"))
            end = m.end()
        return out

    @staticmethod
    def _matches(rule: CueRule, rx, text: str, known: list[tuple[int, int]], windows, n_known: int, list_ok):
        """``known``: the names found so far, the first ``n_known`` from the gazetteer; a list goes on
        past a discovered one only across a comma ("HM-EQA, MT-HM3D, and OpenEQA", not "for MSA and
        the MASC dataset") and where ``list_ok`` says the list is of benchmarks (given the end
        of a name in it)."""
        if rule.anchor is None:
            if windows is None:
                yield from rx.finditer(text)
            else:
                for lo, hi in windows:
                    yield from rx.finditer(text, lo, hi)
        elif rule.anchor == "after-known":
            for i, (_, end) in enumerate(known):
                m = rx.match(text, end)
                if m and (i < n_known or "," in text[end:m.start("name")] and list_ok(m.end("name"))):
                    yield m
        else:
            for i, (start, stop) in enumerate(known):
                m = rx.search(text, max(0, start - 80), start)
                if m and (i < n_known or "," in text[m.end("name"):start] and list_ok(stop)):
                    yield m

    def introduced_as_method(self, text: str, names: Collection[str]) -> set[str]:
        """Of these gazetteer names, those ``text`` introduces as its own method: "we introduce
        WebVoyager, an innovative ... web agent" (not "we introduce Mind2Web, the first dataset for ... agents",
        nor "TabArena, the first ... benchmarking system")."""
        if self.appositive_kind is None:
            return set()
        out = set()
        for name in names:
            at = text.find(name)
            while at >= 0:
                end = at + len(name)
                kind_before = INTRODUCED_KIND_BEFORE.search(text, max(0, at - 80), at)
                if kind_before is not None and kind_before.group("kind") in self.method_nouns:
                    out.add(name)
                    break
                after = INTRODUCED_AFTER.match(text, end)
                if after is not None and INTRODUCED_BY.search(text, max(0, at - 16), at):
                    kind = self.appositive_kind.match(text, after.end())
                    if kind is not None and kind.group("kind").lower() in self.method_nouns:
                        # not "a comprehensive benchmark framework" or "a ... benchmarking system" (a
                        # benchmark), nor "an open-source framework for evaluating LMs' ability ..."
                        before = _word_before(text, kind.start("kind")).lower()
                        if before not in self.data_nouns and not before.startswith("benchmark") \
                                and not FOR_EVALUATING.match(text, kind.end("kind")):
                            out.add(name)
                            break
                at = text.find(name, end)
        return out

    def _adjective(self, word: str) -> bool:
        """A hyphen tail that makes a compound adjective ("MuJoCo-based", "GPT4-generated")."""
        return word.lower() in self.adjective_tails or word.endswith("ed") and not word[:1].isupper()

    def _compound(self, text: str, start: int, end: int) -> int | None:
        end = self._compound_end(text, start, end)
        if end is not None and YEAR_END.search(text, start, end):
            task = EDITION_TASK.match(text, end)
            if task is not None:
                return task.end()
        return end

    def _compound_end(self, text: str, start: int, end: int) -> int | None:
        """How a gazetteer match sits in a hyphenated word. None: it is part of a larger name that
        starts before it ("GQA" in "MS-GQA"), so it is not this benchmark. Otherwise the end of the
        benchmark's mention (None too where it only says what something resembles: "Minecraft-like",
        "AIME-level problems"):
        ``end`` itself (an adjective or a bare version number follows: "MuJoCo-based", "D4RL-2"),
        past a "-v1" version ("CartPole-v1"), or past a tail or a following variant word that names a
        variant ("GSM8K-Hard", "Craftax-classic", "HumanEval Pro", "BigCodeBench-Lite Pro")."""
        if start >= 2 and text[start - 1] == "-" and text[start - 2].isalnum() and self._variant_start(text, start) == start \
                and _word_before(text, start - 1).lower() not in self.dash_nouns:
            # (a hyphen after "suites" or "datasets" is a dash: "four benchmark suites-Robomimic, RLBench, ...")
            return None
        if RESEMBLES.match(text, end):
            return None  # "Minecraft-like", "(Minecraft like)": something like it, not it
        if MODEL_PARAMS_AFTER.match(text, end):
            return None  # "RedPajama 3B's best move accuracy": a model of that name and size, not the data
        if PRETRAINED_ON.match(text, end):
            return None  # "ImageNet-initialized models": where others' models were trained, not a test bed here
        tail = HYPHEN_TAIL.match(text, end)
        if tail is not None and (MODEL_WITH_SIZE.search(tail.group(0))
                                 or _word_after(text, tail.end()).lower() in self.method_nouns):
            return None  # "Magma-R1-3B", "the Magma-R1 model": a model named after it, not the data
        if tail is not None:
            last = tail.group(0).rsplit("-", 1)[-1]
            if last in self.system_tails:
                return None  # "DROID-SLAM", "SPAQ-DROID-SLAM": a system named after it, not the data set
            if ENV_VERSION.fullmatch(tail.group(0)):
                return tail.end()  # "CartPole-v1", "D4RL-v2": that version, named in the mention
            if self._adjective(last) or VERSION.fullmatch(last) \
                    or last.endswith("ing") and last.islower() and tail.group(0).count("-") == 1:
                return end  # (or a verb after a hyphen used as a dash: "CortexBench-yielding gains")
            end = tail.end()
        plus = PLUS_VARIANT.match(text, end)
        if plus is not None:
            return plus.end()  # "Meta-World+", "SWE-bench++": an extended edition
        size = RESOLUTION_AFTER.match(text, end)
        if size is not None:
            return size.end()  # "FFHQ 64x64": the data set at that resolution, its mention says which
        edition = EDITION.match(text, end)
        if edition is not None and not text[start:end][-1:].isdigit():
            return edition.end()  # "ISIC 2017", "AIME ’24": one year's edition
        release = RELEASE_AFTER.match(text, end)
        if release is not None and not WORD_AFTER.match(text, release.end()):
            return release.end()  # "MIMIC-IV v2.2", "RTLLM v1.1": a release of it
        word = self.space_variant.match(text, end) if self.space_variant is not None else None
        return word.end() if word else end

    def _variant_start(self, text: str, start: int) -> int:
        """Where a gazetteer match's mention starts: before a prefix that names a protocol variant of
        it ("Split-ImageNet-R", "Permuted MNIST"), else at the match."""
        if self.prefix_variant is None or start == 0:
            return start
        m = self.prefix_variant.search(text, max(0, start - 16), start)
        return m.start() if m else start

    def _name_ok(self, name: str, text: str, start: int, plain_ok: bool, opening_ok: bool = False) -> bool:
        words = name.split()
        if name.lower() in self.not_names or NUMBERED.sub("", name).lower() in self.not_names:
            return False  # (also numbered: "ResNet-50", "Llama-3")
        if words[0].lower() in self.not_first and not (
                len(words) >= 3 and words[0].isupper() and words[-1] in TITLED_HEADS):
            # (an acronym opens a titled name: "GUI Knowledge Bench", "AI Safety Benchmark")
            return False
        if sum(c.isalpha() for c in name) < 2 and not (opening_ok and LETTER_DIGITS.fullmatch(name)) \
                or not POSSESSIVES.isdisjoint(words[1:]):
            # (a letter and digits may name a data set where a title says so: "C3: A Bilingual Benchmark ...")
            return False  # (a possessive makes a phrase of it: "CRAFT Your Dataset: ...")
        if MODEL_WITH_SIZE.search(name) or ACRONYM_PLURAL.fullmatch(name) or COUNTED_UNIT.fullmatch(name) \
                or DATA_SIZE.fullmatch(name) or FACTOR_NAME.fullmatch(name) or FOOTNOTE_BEFORE_WORD.match(name) \
                or start > 1 and text[start - 1] == "." and text[start - 2].isdigit():
            # (a size, an amount, or the tail of a decimal: "7TB" of "a 1.7TB dataset", "improvements of over
            # 100x-1000x")
            return False
        if CONVERSION.fullmatch(name):
            return False  # "HDL-to-Verilog datasets", "Text-to-SQL benchmarks": a kind of task
        if not QUESTION_WORDS.isdisjoint(words[1:]) and (start == 0 or text[start - 1] not in "\"“"):
            return False  # "Q3 Do well-established hypergraph datasets ...?": a question (a quoted title may hold one)
        if self.languages_only is not None and (self.languages_only.fullmatch(name) or len(words) == 2
                                                and self.languages_only.fullmatch(words[0])
                                                and words[1].lower() in self.not_names):
            return False  # (a language and a task: "English GEC datasets" are a kind of data)
        if text.startswith(".", start + len(name)) and text[start + len(name) + 1 : start + len(name) + 2].isdigit():
            return False  # cut at a version's dot: "Qwen2" of "Qwen2.5-14B"
        tail = words[-1].rsplit("-", 1)
        if len(tail) == 2 and self._adjective(tail[1]) and not (
                tail[1].istitle() and tail[0][:1].isupper() and (
                    tail[1].lower() not in self.cue_words and tail[1].lower() not in self.data_nouns or _name_shaped(tail[0]))):
            # an adjective compound: "MuJoCo-based", "GPT4-generated", "Cross-Dataset" (not a coined "Psy-Step"
            # or an acronym's own "DE-Dataset")
            return False
        if any(w.lower().endswith(DESCRIBING_ENDINGS) for w in words[:-1]):
            return False  # ...also before other words: "Gaussian-based 3D" (not "Instance-specific ImageNav")
        if _name_shaped(name):
            return True  # CamelCase, ACRONYM, digits: name-shaped whatever the context
        before = text[:start].rstrip()
        if len(words) == 1 and (not before and not opening_ok
                                or before and before[-1] in ".!?;\"')" and not before.endswith(("e.g.", "i.e."))
                                or before[-1:] in (":", "(") and not plain_ok):
            # an ordinary word capitalised because it opens a sentence (or a list or a bracket, unless
            # the construction says so: "a novel dataset (Mete-air)")
            return False
        # Plain capitalised words are a name after "the" or where the construction says so (a
        # list after "benchmarks such as", "called X"), but often a title-cased description
        # otherwise ("Long-Horizon Agentic tasks", "a parallelizable Android environment").
        return plain_ok or before.endswith((" the", " The"))


def _definition(name: str, defined: dict[str, str]) -> str | None:
    """The long form the paper defines for a name, or for its plural ("network interface cards (NICs)")."""
    return defined.get(name) or defined.get(name + "s")


def _plain_words(long: str) -> bool:
    """A long form in lower case but for acronyms of its own: a kind of thing ("medical VQA"), not a name."""
    if not any(c.isupper() for c in long[1:]):
        return True
    words = long.replace("-", " ").split()
    return long[0].islower() and all(w.islower() or w.isupper() or not w.isalpha() for w in words)


def _names_metrics(text: str, end: int) -> bool:
    """A name in a list that ends in "metrics" names a measure, not data: "using Chest Radiograph
    Expert (CheXpert) and Radiology Graph (RadGraph) metrics" (not "MMLU scores": scores on MMLU)."""
    m = METRIC_NOUN.search(text, end, end + 120)
    if m is None:
        return False
    gap = PARENTHESISED.sub(" ", text[end : m.start()]).replace(",", " ").replace(")", " ")
    return all(w in LIST_WORDS or w[0].isupper() or w[0].isdigit() for w in gap.split())


def _word_before(text: str, at: int) -> str:
    words = text[max(0, at - 40) : at].split()
    return words[-1] if words else ""


def _word_after(text: str, at: int) -> str:
    """The word right after ``at`` when only a space stands between ("... Magma-R1 model")."""
    m = WORD_RIGHT_AFTER.match(text, at)
    return m.group(1) if m else ""


def _whole_words(text: str, name: str) -> list[int]:
    """Where ``name`` is written as a whole word (not inside "MMSD3.0-style" or "XMMSD")."""
    found, i = [], text.find(name)
    while i >= 0:
        end = i + len(name)
        if (i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "-_")) and \
                (end == len(text) or not (text[end].isalnum() or text[end] in "-_")):
            found.append(i)
        i = text.find(name, end)
    return found


def _occurrences(haystack: str, needle: str, memo: dict[str, list[int]]) -> list[int]:
    if needle in memo:
        return memo[needle]
    found, i = [], haystack.find(needle)
    memo[needle] = found
    while i >= 0:
        found.append(i)
        i = haystack.find(needle, i + 1)
    return found


def _name_shaped(name: str) -> bool:
    return any(c.isupper() or c.isdigit() for w in name.split() for c in w[1:])


def _name_spans(m: regex.Match) -> list[tuple[int, int]]:
    """Every capture of the 'name' group (a list construction captures several)."""
    return [s for s in m.spans("name") if s[1] > s[0]]


def _editions(hits: list[tuple[str, _Hit]]) -> dict[int, tuple[str, str]]:
    """Mentions of one gazetteer benchmark that name two or more of its editions ("ISIC 2017 and
    ISIC 2018", "WMT14 ... WMT 2016") are one benchmark each, as papers and gold list them; the
    bare name then goes with the first edition written, and a bare edition with its one numbered
    task ("DCASE2017 Task 4 ... on DCASE2017"). A single edition stays under the benchmark's name.
    Returns (key, name) per such hit (by ``id``); ``hits`` in the paper's order."""
    by_rule: dict[str, list[tuple[_Hit, str | None]]] = {}
    for _, hit in hits:
        rule = hit.rule or hit.variant_of
        if rule is None:
            continue
        form = hit.text if hit.rule is not None else hit.name  # a slash year's hit holds "2016" only
        m = EDITION_FORM.fullmatch(form)
        key = None
        if m is not None:
            task = f" {' '.join(m['task'].split()).lower()}" if m["task"] else ""
            ed = m["year"][-2:] if m["year"] else m["version"].lower()  # "WMT 2014" is "WMT14"
            key = f"{rule.id} {ed}{task}"  # "SQuAD v1.0" is "Stanford Question Answering Dataset v1.0"
        by_rule.setdefault(rule.id, []).append((hit, key))
    out: dict[int, tuple[str, str]] = {}
    for found in by_rule.values():
        named = {k: (h.text if h.rule is not None else h.name) for h, k in reversed(found) if k is not None}
        if len(named) < 2:
            continue
        # a bare edition goes with its one numbered task, where there is one
        joins = {}
        for k in named:
            tasks = [o for o in named if o.startswith(k + " ")]
            joins[k] = tasks[0] if len(tasks) == 1 else k
        first = next(k for _, k in found if k is not None)
        for h, k in found:
            key = joins[k or first]
            out[id(h)] = (key, named[key])
    return out


def name_key(name: str) -> str:
    """One benchmark however its parts are joined: "SemEval-2024 Task 3" and "SemEval 2024 Task 3", "TD-RD"
    in the title and "TDRD" in the abstract."""
    return "".join(JOINERS.split(name.lower()))


def build_items(hits: list[tuple[str, _Hit]], defined: Mapping[str, str] | None = None) -> list[Benchmark]:
    """One item per distinct benchmark, first mention as its text, every mention listed, in the
    order the paper writes them (title first). A discovered long form whose short form (``defined``:
    short form -> long form) is found too is a mention of that benchmark: "GroUSE: A Benchmark ..." in
    the title, "we introduce GroUSE (Grounded QA Unitary Scoring of Evaluators)" in the abstract."""
    names = {h.name.lower(): h.name for _, h in hits}
    short_of = {long.lower(): short.lower() for short, long in (defined or {}).items() if short.lower() in names}
    hits = sorted(hits, key=lambda fh: (fh[0] != "title", fh[1].start))
    editions = _editions(hits)
    items: dict[str, Benchmark] = {}
    for field, hit in hits:
        key = hit.name.lower()
        if hit.rule is None and key in short_of:
            key = short_of[key]
        edition = editions.get(id(hit))
        if edition is not None:
            key = edition[0]
            names[key] = edition[1]
        mention = Mention(field=field, start=hit.start, end=hit.end, text=hit.text, pattern=hit.pattern, cue=hit.cue)
        # one name, one item: "YouTube-VIS 2019/2021/2022 ... on YouTube-VIS 2021" names 2021 twice,
        # once as a year after a slash and once as the gazetteer's own entry for that edition
        display = names[key]
        key = name_key(display)
        item = items.get(key)
        if item is None:
            rule = hit.rule or hit.variant_of
            item = Benchmark(
                name=display,
                text=hit.text,
                field=field,
                start=hit.start,
                end=hit.end,
                pattern=hit.pattern,
                cue=hit.cue,
                category=rule.category if rule else None,
                parent=(hit.variant_of.name if hit.variant_of else
                        rule.name if edition is not None else (rule.parent if rule else None)),
                known=hit.rule is not None,
            )
            items[key] = item
        item.mentions.append(mention)
    return _lone_editions_joined(items)


def _lone_editions_joined(items: dict[str, Benchmark]) -> list[Benchmark]:
    """Year editions the gazetteer lists as entries of their own, read as ``_editions`` reads a year
    written after a name: the one edition a paper names, where it also writes the bare name, is that benchmark
    ("unarXive 2022: ..." in the title, "the data set unarXive" in the abstract); with several, the
    bare name goes with the first edition written."""
    editions: dict[str, list[str]] = {}
    for key, item in items.items():
        parent = name_key(item.parent) if item.known and item.parent else None
        form = EDITION_FORM.fullmatch(item.name)
        # a year's edition, not a new version ("Building on MM-Vet, we introduce MM-Vet v2": two)
        if parent in items and parent != key and items[parent].known and form is not None and form["year"] \
                and name_key(item.name).startswith(parent):
            editions.setdefault(parent, []).append(key)
    for parent, keys in editions.items():
        if len(keys) == 1:
            _join(items[parent], items.pop(keys[0]))
        else:  # several editions: the bare name goes with the first written ("ISIC 2017 and ISIC 2018 ... ISIC")
            _join(items[keys[0]], items.pop(parent))
    return list(items.values())


def _join(into: Benchmark, other: Benchmark) -> None:
    into.mentions = sorted([*into.mentions, *other.mentions], key=lambda m: (m.field != "title", m.start))
    first = into.mentions[0]
    into.text, into.field, into.start, into.end, into.pattern, into.cue = \
        first.text, first.field, first.start, first.end, first.pattern, first.cue
