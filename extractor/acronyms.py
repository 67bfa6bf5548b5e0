"""Acronym definitions: "long form (SHORT)", "SHORT (long form)", "SHORT: Long Form", "X, short for Y".

The parenthesis constructions start from Schwartz & Hearst (2003): a short-form candidate in
parentheses, a window of words before it, and a character match of the short form inside the long
form whose first character must start a word. Where S&H take the first (shortest) long form that
matches, we first look for an *anchored* match, the way authors build acronyms: each character of the
short form is a word's initial, a capital or digit inside a word ("INFOrmation", "IntroSpEction"),
or the next letter of the word the previous character came from ("Ag2Manip" ← "Agent ...
Manipulation"). Among anchored candidates the one whose capitals agree with the short form wins
("Efficient episodic Memory Utilization (EMU)", not "episodic Memory Utilization"); plain S&H is the
fallback. Clause punctuation bounds the window, quoted long forms are taken whole, and parentheses
that hold lists, citations, symbols or numbers are not definitions.

Cue constructions ("short for", "stands for", "or X for short") are regexes in
patterns/acronyms.toml.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import regex
from pydantic import field_validator, model_validator

from .patterns import PatternRule, RegexStr, compile_rule_regex, whole_word
from .record import Acronym

KIND = "acronyms"
LIST_SEP = regex.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
WORD_START = regex.compile(r"(?<![\p{L}\p{N}'’])[\p{L}\p{N}]")
# A short form's lowercase run that spells a word part ("Auto" in "AutoWebGLM"), and where its parts start.
WORD_PART = regex.compile(r"\p{Ll}{3,}")
PART_START = regex.compile(r"\p{Lu}|\p{N}+|^\p{Ll}")
WORD_SEP = regex.compile(r"[\s\-/]+")
CITATION = regex.compile(r"\bet\s+al\b|\b(?:19|20)\d\d[a-z]?\b")
VALUE_SEP = regex.compile(r"\s*[=<>≤≥]\s*")
EXAMPLES = regex.compile(r"[,;]?\s*\b(?:e\.g\.|i\.e\.|such\s+as|including)")
HEAD_SEP = regex.compile(r"[,;]\s|\s[=:]\s|\s+for\s+short\b")
LAST_WORD = regex.compile(r"(?<![\w\-/])([\p{L}\p{N}][\w\-/]*)\s*$")

# A capitalised word right before a long form, and the words that never open one.
TITLE_OPENER = regex.compile(r"(?<![\w-])(\p{Lu}\p{Ll}+) $")
OPENER_STOP = frozenset({"a", "an", "the", "our", "this", "these", "that", "their", "its", "all", "any", "each", "in",
                         "on", "of", "for", "to", "at", "by", "as", "and", "or", "we", "via", "with", "from", "using"})
PAREN = regex.compile(r"\(([^()]{1,160})\)")
BRACKET = regex.compile(r"\[([^\[\]()]{1,160})\]")
# Clause punctuation that a long form does not cross (", " is handled separately: lists are long forms
# only when the short form needs them).
CLAUSE_END = regex.compile(r"[.;:!?](?=\s)|[()\[\]{}]|\s[-–—]{1,2}\s")
WORD = regex.compile(r"\S+")
# A dimension word right before a long form ("3D Diffusion Policy"), which a short form may put last ("DP3").
MOVED_DIGIT = regex.compile(r"(?<![\w-])(\d)D\s+$")
# A capital inside a lower-case word ("lOcal", "GenerAtor"): a letter the author marks for an acronym.
INNER_CAPITAL = regex.compile(r"\p{Ll}\p{Lu}(?!\p{Lu})|\p{Lu}\p{Ll}+\p{Lu}\b")
# A possessive ending ("CLIP’s").
POSSESSIVE_END = regex.compile(r"['’]s\Z")
# A short form that reads "X to Y" ("L2A", "A2L", "P2P", "Img2Img"): a mapping from one thing to another.
MAPPING_SHORT = regex.compile(r"\p{L}+2\p{L}+")
# A purpose or setting phrase after a long form: "... learning for code generation".
PURPOSE = regex.compile(r"\s+(?:for|in|on|to|at|from|via|across|under)\s")
# A lowercase prefix joined to a short form by a hyphen: "non-IID".
LOWER_PREFIX = regex.compile(r"\p{Ll}+-(?=\p{Lu})")
# An all-capitals word and a linking word after it, at the start of a long-form candidate.
OTHER_ACRONYM_LINK = regex.compile(r"\p{Lu}[\p{Lu}\p{N}]+(?:-\p{N}+)?\s+(and|or|to|vs\.?|versus|with|than|into)\s")
QUOTED = regex.compile(r"""(?:["“”]|``|'')\s*([^"“”`]{3,150}?)\s*(?:["“”]|''|``)\s*$""")
SHORT_CHARS = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}\-–/.+&']*(?:\s[\p{L}\p{N}][\p{L}\p{N}\-–/.+&']*)?")
NUMBER_LIKE = regex.compile(r"^[\d.,\s%±+\-–]*\d[\d.,\s%±+\-–]*[a-zμ%]{0,3}$")
# An all-lowercase short form ("pp", "snr").
LOWER_SHORT = regex.compile(r"\p{Ll}{2,5}")
# A run of word characters (the words before such a short form must be plain words to spell it).
WORD_RUN = regex.compile(r"\w+")
ARTICLES = frozenset(("a", "an", "the"))
STOP = frozenset("a an the of for and or in on to with via by from at as into using under without its their".split())
# A word no long form opens with.
LEADING_FUNCTION_WORD = regex.compile(r"(?:and|or|but|such\s+as|as|with|using|by|via|than|from)\s+", regex.IGNORECASE)
# A comma, then the subject of a new clause.
CLAUSE_SUBJECT = regex.compile(r",\s+(?:we|it|they|this|these|our)\s", regex.IGNORECASE)
GREEK = frozenset("alpha beta gamma delta epsilon kappa lambda sigma theta omega mu".split())
TRIM = "~\"'“”`’,;: "
DIGIT_WORDS = {"2": ("to", "two", "second"), "3": ("three", "third"), "4": ("for", "four"), "5": ("five",)}
# Digit words that stand in any text: no evidence that a number is spelled out.
COMMON_DIGIT_WORDS = frozenset({"to", "for"})
# A describing tail on the long form's last word that the short form has no letter for.
DESCRIBING_TAIL = regex.compile(r"-(based|driven|guided|inspired|style|oriented)$")
# "StratDiff" → "Strat", "Diff"; "FAEWNet" → "F", "A", "E", "W", "Net".
SHORT_PART = regex.compile(r"\p{Lu}\p{Ll}*")
# A Title Case name ending the text: capitalised (or hyphenated) words, small joining words between.
TITLE_RUN = regex.compile(
    r"\p{Lu}[\w]*(?:-\w+)*(?:\s+(?:(?:of|for|with|and|in|on|via|to|the)\s+)?\p{Lu}[\w]*(?:-\w+)*)+\Z")
RUN_OPENERS = frozenset({"using", "in", "with", "by", "for", "our", "this", "the", "we", "a", "an", "to", "from",
                         "via", "on", "called", "named", "termed", "dubbed"})
# A short form's leading digit spelled out in its long form, at a word start and followed by the next word.
NUMBER_WORD_RE = {d: regex.compile(rf"(?i)(?<![\w-]){w}[\s-]+(?=\w)") for d, w in zip(
    "123456789", ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine"))}
WORD_CHARS = regex.compile(r"\p{L}+")
ALNUM_RUN = regex.compile(r"[^\W_]+")
LEADING_CAPITALS = regex.compile(r"\p{Lu}{2}\p{Ll}+\Z")
# "D3P": a digit 2-9 between a capital and a letter ("A3C" yes; "T5-11B", "SOD2" no), or after a
# lone capital ("A3").
REPEAT_DIGIT = regex.compile(r"(?<![\p{N}])(\p{Lu})([2-9])(?=\p{L})|^(\p{Lu})([2-9])$")
# "REViT-v2", "PlanNetv3"; not "Ti6Al4V4" (a digit before the V: a formula).
VERSION_SUFFIX = regex.compile(r"(?:[-_]|(?<=\p{L}))[vV]\d+(?:\.\d+)*$")
# What a name is about, added after its initials: "Hierarchical Compensatory Compression (HCC-3D)".
DIMENSION_SUFFIX = regex.compile(r"-[1-4]D$")
KEPT_WORD = regex.compile(r"\p{L}\p{Ll}{2,}")
# A conjunction ending a long form: a list cut short, not a name.
DANGLING_END = regex.compile(r"\s(?:and|or|&)$")
# Words that join or relate words, which no long form starts with.
CONNECTIVE_START = regex.compile(r"(?i:and|or|of|by|with)\s")
# A release label ("Virchow (v2)") abbreviates nothing ("primary visual cortex (V1)" does).
RELEASE_LABEL = regex.compile(r"v\d+(?:\.\d+)*")
# ...also written after a long form: "(Research Engineering Benchmark, v1)".
TRAILING_RELEASE = regex.compile(rf",\s*(?:version\s*\d+(?:\.\d+)*|{RELEASE_LABEL.pattern})$")
# A release number after an acronym, one short form with it: "SAM 2", "SD 1.5".
VERSION_NUMBER = regex.compile(r"[1-9]\d?(?:\.\d)?")
# An acronym's plural, a class of things: "GNNs", "BPs" (not a name built on one: "GP-GNNs").
ACRONYM_PLURAL = regex.compile(r"\p{Lu}{2,}s")
# An acronym that ends a short form after a hyphen: "EZ-HOI".
FINAL_ACRONYM = regex.compile(r"(?<=-)\p{Lu}{2,}\Z")
# A short form with a suffix of its own after a hyphen: "SAGE-KV", "LGM-Pose".
SUFFIXED_SHORT = regex.compile(r"(\p{Lu}[\p{Lu}\p{N}]+)-(\p{Lu}[\p{L}\p{N}]*)")
# A coined part's silent "e", which the long form's word drops before its ending: "Adaptive Caching
# (AdaCache)", "Routing Network (RouteNet)".
SILENT_E = regex.compile(r"(?<=\p{Lu}\p{Ll}{2,})e(?=\p{Lu}|\p{N}|$)")


class Rule(PatternRule):
    construction: Literal["long-short", "short-long", "short-colon-long"] | None = None
    regex: RegexStr | None = None
    max_short_len: int = 12
    # For a cue regex whose long form precedes the cue: cut it to the words the short form uses.
    trim_long: bool = False
    # A literal (lowercase) the text must hold for a cue regex to run at all: a cheap pre-filter.
    requires: str | None = None
    # Words that may open the parenthesis before the short form: "(hereafter HFT)", "(or LF)".
    lead_words: list[str] = []
    # Paren contents that are never short forms ("e.g.", "i.e.", "see", ...).
    not_short: list[str] = []
    # Words that are never an all-lowercase short form, even where the words before the
    # parenthesis start with their letters ("original network (on)").
    not_lowercase_short: list[str] = []
    # Lowercase initials that may name a variable rather than a word: "k" in "kNN".
    silent_initials: list[str] = []
    # Hyphenated prefixes of degree or count that a long form drops when the short form does not
    # abbreviate them: "multi-parametric rectified linear unit (PReLU)".
    detached_prefixes: list[str] = []
    # Generic heads of a contribution's description ("method", "challenge"), dropped from the end
    # of a long form that spells the short form without them.
    head_nouns: list[str] = []
    # Generic heads dropped only from a Title Case long form whose capitals alone spell the short
    # form: "Spatio-Temporal Cohesion Multiple Object Tracking framework (STCMOT)".
    title_head_nouns: list[str] = []

    @field_validator("regex")
    @classmethod
    def _compiles(cls, v: str | None) -> str | None:
        if v is not None:
            if "(?P<short>" not in v or "(?P<long>" not in v:
                raise ValueError("regex: needs (?P<short>...) and (?P<long>...) groups")
        return v

    @model_validator(mode="after")
    def _one_job(self) -> Rule:
        if bool(self.construction) == bool(self.regex):
            raise ValueError("an acronyms rule has either 'construction' or 'regex'")
        return self


@dataclass
class Pair:
    short: str
    long: str
    start: int
    end: int
    long_start: int
    long_end: int
    pattern: str


# What ends an open list: "(CT, anatomical structures, etc.)".
LIST_END = regex.compile(r"\b(?:etc|and\s+so\s+on|and\s+more)\.?\s*\Z")
# The verbs that present a contribution, in lower case: no long form opens with one.
PRESENTING_VERB = regex.compile(r"(?:propose|introduce|present|develop|design|devise)[sd]?\s")
# An acronym run on into "Net": "SCTNet", "PPSNet".
NET_SUFFIX = regex.compile(r"\p{Lu}{2,}[\p{Lu}\d]*Net")
# A lower-case word hyphened onto a short form: "LLM-driven", "RL-based".
LOWER_SUFFIX = regex.compile(r"-\p{Ll}+\Z")


def is_short_form(s: str, max_len: int) -> bool:
    """A plausible short form: 2..max_len characters, starts alphanumeric, holds a letter, is not a
    number with a unit, and is not an ordinary word ("see", "Table", "treatment 1")."""
    if not (2 <= len(s) <= max_len) or not s[0].isalnum() or not SHORT_CHARS.fullmatch(s):
        return False
    if not any(c.isalpha() for c in s) or NUMBER_LIKE.match(s) or RELEASE_LABEL.fullmatch(s):
        return False
    words = s.split()
    if len(words) == 2:
        # "Pol II", "PI alpha", "Training-Free GRPO"; not "treatment 1", "Group 2", "5 min".
        # "Deep RL": a whole word kept before an acronym (the long form must then open with it).
        return _two_short_words(s) or _kept_word(s) is not None or _kept_tail(s) is not None or _versioned(words)
    # A lowercase word is a short form only with a capital or a digit in it ("mRNA", "p53").
    return any(c.isupper() for c in s) or any(c.isdigit() for c in s)


def _versioned(words: list[str]) -> bool:
    # "Segment Anything Model 2 (SAM 2)": an acronym and its release number (not "Group 2"); the
    # long form must then end with the same number
    return _acronym_like(words[0]) and VERSION_NUMBER.fullmatch(words[1]) is not None


def _two_short_words(short: str) -> bool:
    words = short.split()
    return any(_acronym_like(w) for w in words) and all(
        _acronym_like(w) or w.lower() in GREEK or (len(w) <= 3 and not w.isdigit()) for w in words)


def _without_head_noun(short: str, long: str, head_nouns: frozenset[str], title_head_nouns: frozenset[str]) -> str:
    """"knowledge graph completion method (KGC)", "partial observability challenge (PO)": a generic
    head noun that no capital of the short form stands for is not part of the long form (some only
    after Title Case words whose capitals spell the short form: "... Object Tracking framework")."""
    words = long.split(" ")
    if len(words) < 2:
        return long
    shorter = " ".join(words[:-1])
    if words[-1] in title_head_nouns and _same_capitals(short, shorter):
        return shorter
    if words[-1] not in head_nouns:
        return long
    capitals = sum(c.isupper() or c.isdigit() for c in short)
    # each capital still needs a word (or a capital or digit inside one: "Matterport3D") to stand for
    parts = len(ALNUM_RUN.findall(shorter)) + sum(c.isupper() or c.isdigit() for w in shorter.split() for c in w[1:])
    if capitals < 2 or parts < capitals or anchored_match(short, shorter, 0) is None:
        return long
    return shorter


def _without_words_after_acronym(short: str, long: str) -> str:
    """"Efficient Zero-Shot HOI detection (EZ-HOI)": where the short form ends in an acronym the long
    form writes whole, the words after it are not abbreviated."""
    end = FINAL_ACRONYM.search(short)
    if end is None:
        return long
    at = long.rfind(" " + end.group(0) + " ")
    return long[: at + 1 + len(end.group(0))] if at > 0 else long


def _repeats_kept(head: str, long: str) -> bool:
    """A letter repeated by a digit ("E2STN", "D3P") needs that many words starting with it."""
    repeat = REPEAT_DIGIT.search(head)
    if repeat is None:
        return True
    letter, times = (repeat.group(1) or repeat.group(3)).lower(), int(repeat.group(2) or repeat.group(4))
    return sum(w[:1].lower() == letter for w in long.replace("-", " ").split()) == times


def _kept_word(short: str) -> str | None:
    """The plain word a two-word short form keeps whole before an acronym ("Deep" in "Deep RL",
    "video" in "video LLMs"), if any."""
    words = short.split()
    if len(words) == 2 and KEPT_WORD.fullmatch(words[0]) and words[0].lower() not in STOP \
            and _acronym_like(words[1]) and any(c.isupper() for c in words[1]):
        return words[0]
    return None


def _kept_tail(short: str) -> str | None:
    """The capitalised head noun a two-word short form keeps whole after an acronym ("Block" in
    "SE Block", "Merging" in "LOT Merging"), if any: the long form ends with it."""
    words = short.split()
    if len(words) == 2 and _acronym_like(words[0]) and any(c.isupper() for c in words[0]) \
            and words[1][0].isupper() and KEPT_WORD.fullmatch(words[1]):
        return words[1]
    return None


def _acronym_like(w: str) -> bool:
    # "RL", "LLMs", "ViT", "R2I", "D-PoT", "mRNA", "p53": a capital after the first character, or
    # letters mixed with digits; a plain word ("see", "Table", "treatment") is not a short form.
    letters = [c for c in w if c.isalpha()]
    return bool(letters) and (any(c.isupper() for c in w[1:]) or any(c.isdigit() for c in w))


def _is_list(inner: str) -> bool:
    """"(RDPG, RTD3, and RSAC)", "(A and B)": several short forms, not one definition."""
    # examples of what the short form names are not more short forms: "(LLMs, e.g., GPT-4)"
    inner = EXAMPLES.split(inner, maxsplit=1)[0]
    parts = [p.strip() for p in LIST_SEP.split(inner)]
    parts = [p for p in parts if p]
    # a citation or a note after the short form is not a second one: "(STaR, Zelikman et al.
    # 2022)", "(SHRs, 8 weeks of age)": short forms are single words, or name a value ("OR = 1.8")
    keys = [VALUE_SEP.split(p, maxsplit=1)[0] for p in parts]
    if len(parts) >= 2 and LIST_END.search(inner):
        return True  # "(CT, anatomical structures, body, beam settings, etc.)": examples, whatever they are
    return len(parts) >= 2 and sum(_acronym_like(k) and not CITATION.search(p) and " " not in k
                                   for p, k in zip(parts, keys)) >= 2


# ---------------------------------------------------------------------------------------------
# Matching a short form inside a long-form candidate


def _is_anchor(text: str, j: int) -> bool:
    """A position a short-form character naturally comes from: a word's first character, a capital
    or digit inside a word."""
    c, prev = text[j], text[j - 1] if j > 0 else " "
    return c.isalnum() and (not prev.isalnum() or c.isupper() and prev.islower() or c.isdigit()
                            or (c.isupper() and prev.isupper()))


def _aligned_lower(text: str) -> str | None:
    """``text.lower()`` when its characters line up one to one with ``text``'s (no character
    lowers to two, no final sigma), so that ``str.find`` on it can jump to a letter; else None."""
    low = text.lower()
    return low if len(low) == len(text) and "\u03a3" not in text else None


def _next_anchor(text: str, low: str | None, c: str, j: int) -> int | None:
    """The first anchor at or after ``j`` whose character lowers to ``c``. Jumping from one
    occurrence of ``c`` to the next is far cheaper than testing every character in Python."""
    if low is None or len(c) != 1:
        return next((k for k in range(j, len(text)) if _is_anchor(text, k) and text[k].lower() == c), None)
    k = low.find(c, j)
    while k >= 0 and not _is_anchor(text, k):
        k = low.find(c, k + 1)
    return k if k >= 0 else None


def anchored_match(short: str, text: str, start: int, low: str | None = None,
                   capitals_start_words: bool = False, lone_digit_silent: bool = True) -> list[int] | None:
    """Left-to-right anchored alignment of ``short`` in ``text`` from ``start`` (a word start that
    must hold the first character). Returns matched positions, or None. ``low``: the text's
    ``_aligned_lower``, when the caller matches many short forms in the same text.
    ``capitals_start_words``: a capital of the short form is not taken from the letter right after
    the previous one ("Office of the Vice Provost for Research (OVPR)": R is Research's, not the
    "r" of "Provost"). ``lone_digit_silent``: a digit beside a lone letter may be silent, as it may
    in a title's "T1: Tool-integrated Self-verification" (not in a bracket after running text:
    "fourth observing run (O4)" numbers a run, it spells nothing)."""
    chars = [c for c in short if c.isalnum()]
    if not chars or start >= len(text) or text[start].lower() != chars[0].lower():
        return None
    if low is None:
        low = _aligned_lower(text)
    pos = [start]
    i = 1
    while i < len(chars):
        c = chars[i].lower()
        last = pos[-1]
        nxt = last + 1
        if nxt < len(text) and text[nxt].lower() == c and text[nxt].isalnum() \
                and not (capitals_start_words and chars[i].isupper()):
            pos.append(nxt)
            i += 1
            continue
        found = _next_anchor(text, low, c, nxt)
        if found is None and chars[i].isdigit() and (lone_digit_silent or sum(ch.isalpha() for ch in chars) > 1):
            # "R2I" = "Recall to Imagine", "Ag2Manip": a digit may stand for a word or be silent.
            i += 1
            continue
        if found is None:
            return None
        pos.append(found)
        i += 1
    return pos


def sh_match(short: str, text: str) -> int | None:
    """Schwartz & Hearst's right-to-left match: index where the long form starts, or None."""
    s = [c.lower() for c in short if c.isalnum()]
    if not s:
        return None
    s_idx, l_idx = len(s) - 1, len(text) - 1
    while s_idx >= 0:
        c = s[s_idx]
        while l_idx >= 0 and (text[l_idx].lower() != c or (s_idx == 0 and l_idx > 0 and text[l_idx - 1].isalnum())):
            l_idx -= 1
        if l_idx < 0:
            return None
        l_idx -= 1
        s_idx -= 1
    return l_idx + 1


def _word_starts(text: str) -> list[int]:
    """Starts of whitespace words and of the parts of hyphenated words, right to left."""
    out = [m.start() for m in WORD_START.finditer(text)]
    return out[::-1]


def _token_start(text: str, i: int, detached: frozenset[str] = frozenset()) -> int:
    """Move back to the start of the whitespace token: "pre-T cell", "alpha-myosin", "c-Jun"; but
    not over a ``detached`` prefix that the short form does not abbreviate ("high-degree-of-freedom
    (DoF)" is "degree-of-freedom"), unless it starts with the same letter and so may be the word
    abbreviated ("Multi-modal Large Language Models (MLLMs)")."""
    j = i
    while j > 0 and not text[j - 1].isspace() and text[j - 1] not in "\"“`'(/":
        j -= 1
    if j < i and text[i - 1] == "-" and (i - j) <= 12:
        detach = text[j:i - 1].lower() in detached and text[j].lower() != text[i].lower()
        return i if detach else j
    return i


def _skipped(text: str, positions: list[int], start: int) -> tuple[int, int]:
    """Content words the short form takes no character from: (inside the match, after it)."""
    inside = tail = 0
    for m in WORD.finditer(text, start):
        if any(m.start() <= p < m.end() for p in positions) or m.group().lower().strip(TRIM) in STOP:
            continue
        if m.start() > positions[-1]:
            tail += 1
        else:
            inside += 1
    return inside, tail


def _repeated_letters(short: str, candidate: str) -> str | None:
    """"D3P" → "DDDP", "A3C" → "AAAC": a digit after a capital repeats it (three D-words, then a
    P-word), the way authors shorten runs of words with the same initial. Not when the candidate
    holds the digit itself ("H2-receptor antagonists (H2RA)")."""
    m = REPEAT_DIGIT.search(short)
    if m is None or (m.group(2) or m.group(4)) in candidate:
        return None
    # A digit that ends the short form repeats only a lone capital ("A3" = Android Agent Arena);
    # after a longer name it numbers it ("PfSOD2").
    return REPEAT_DIGIT.sub(lambda m: (m.group(1) or m.group(3)) * int(m.group(2) or m.group(4)), short)


def _digit_as_word(short: str, long: str, skip: frozenset[str] = frozenset()) -> bool:
    """The long form spells a digit of the short form as a word: "Sketch to Motion (S2M)" (not by a
    word in ``skip``)."""
    words = set(WORD_CHARS.findall(long.lower())) - skip
    return any(w in words for d in short if d in DIGIT_WORDS for w in DIGIT_WORDS[d])


def _core_forms(short: str, silent_initials: frozenset[str]) -> list[str]:
    """What the long form may spell when the whole short form does not match: the short form without
    a plural "s" ("PPIs"), without a version suffix ("REViT-v2": the words spell REViT) or a
    dimension one ("HCC-3D"), without a lowercase initial that names a variable, not a word ("kNN"
    ← "nearest-neighbour"), with the X of "ex-" spelled out ("XAI" ← "Explainable AI"), or without
    a coined part's silent "e" ("AdaCache" ← "Adaptive Caching")."""
    out = []
    if len(short) >= 3 and short[-1] == "s" and short[-2].isupper():
        # A plural ("PPIs"): its "s" ends the last word rather than starting one, and right-to-left
        # matching would take both Ps from "pump" in "proton pump inhibitors".
        out.append(short[:-1])
    core = VERSION_SUFFIX.sub("", short)
    if core != short and sum(c.isalnum() for c in core) >= 2:
        out.append(core)
    core = DIMENSION_SUFFIX.sub("", short)
    if core != short and sum(c.isupper() for c in core) >= 2:
        out.append(core)
    if short[0] in silent_initials and len(short) >= 3 and short[1:3].isupper():
        out.append(short[1:])
    if short[0] == "X" and short[1:2].isupper() and short.isalpha():
        out.append("Ex" + short[1:])  # an X for "ex-": "Explainable AI (XAI)", "eXtreme Gradient Boosting"
    if sum(c.isupper() for c in short) >= 2 and SILENT_E.search(short):
        out.append(SILENT_E.sub("", short))
    return out


def best_long_form(short: str, candidate: str, max_words: int, silent_initials: frozenset[str] = frozenset(),
                   detached: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """(start, end) of the long form for ``short`` inside ``candidate`` (text right before it): an
    anchored match of the letters repeated by a digit ("D3P"), of the short form, or of its core
    ("REViT-v2", "kNN"); else Schwartz & Hearst's match of the short form."""
    span = _anchored_long_form(short, candidate, max_words, detached)
    repeated = _repeated_letters(short, candidate)
    if repeated is not None and (span is None or not _digit_as_word(short, candidate[span[0]:span[1]])):
        extra = len(repeated) - len(short)
        rep = _anchored_long_form(repeated, candidate, max_words + extra, detached)
        if rep is not None and WORD_RUN.match(candidate, rep[0])[0].lower() not in ARTICLES:
            span = rep  # (an article spells no letter: "an Actor-Critic (A2C)" is no "AAC")
    if span is not None:
        return span
    for form in _core_forms(short, silent_initials):
        span = _anchored_long_form(form, candidate, max_words, detached)
        if span is not None:
            return span
    span = _spelled_number_long_form(short, candidate, detached)
    if span is not None:
        return span
    span = _highlighted_long_form(short, candidate, max_words)
    if span is not None:
        return span
    st = sh_match(short, candidate)
    if st is None or len(WORD.findall(candidate, st)) > max_words:
        return None
    return _token_start(candidate, st, detached), len(candidate.rstrip())


def _highlighted_long_form(short: str, candidate: str, max_words: int) -> tuple[int, int] | None:
    """Words whose capitals spell the short form, some of them inside a word: authors mark the letters
    they take ("lOcal MessagE GenerAtor (OMEGA)"). The first word holds the first capital."""
    want = "".join(c for c in short if c.isalnum()).upper()
    if not want.isalpha():
        return None
    words = list(WORD.finditer(candidate))
    caps = ""
    for i in range(len(words) - 1, max(-1, len(words) - 1 - max_words), -1):
        caps = "".join(c for c in words[i].group() if c.isupper()) + caps
        if not want.endswith(caps):
            return None
        if caps == want:
            span = words[i:]
            if any(INNER_CAPITAL.search(w.group()) for w in span):
                return words[i].start(), len(candidate.rstrip())
            return None
    return None


def _reordered_long_form(short: str, before: str) -> tuple[int, int] | None:
    """"Energy-Guided Diffusion Stratification (StratDiff)", "... Fourier Adaptation and
    Edge-Constrained Warping (FAEWNet)": a coined short form whose parts (a capital and the
    lower-case letters after it) begin words of the Title Case name right before it, in another
    order. The whole name is the long form; a sentence word that opens it ("Using") is not."""
    parts = SHORT_PART.findall(short)
    # (capitals alone are reordered only where they are the name's initials exactly: "Oracle
    # Structural Vector Fusion (SOVF)")
    capitals = short.isalpha() and short.isupper() and len(short) >= 3
    if capitals:
        parts = list(short)
    if len(parts) < 2 or not (capitals or any(len(p) > 2 for p in parts)) or "".join(parts) != short:
        return None
    run = TITLE_RUN.search(before)
    if run is None:
        return None
    start = run.start()
    first = run.group(0).split(" ", 1)[0]
    if first.lower() in RUN_OPENERS:
        start += len(first) + 1
    words = [w for w in regex.split(r"[\s\-]+", before[start:run.end()]) if w[:1].isupper()]
    if len(words) < len(parts) - 1 or len(words) < 2 or capitals and len(words) != len(parts):
        return None
    used: list[int] = []
    for part in parts:
        i = next((i for i, w in enumerate(words) if i not in used and w.lower().startswith(part.lower())), None)
        if i is None:
            return None
        used.append(i)
    if used == sorted(used):
        return None  # in order: the ordinary alignment's case, which failed for a reason
    return start, run.end()


def _spelled_number_long_form(short: str, candidate: str, detached: frozenset[str]) -> tuple[int, int] | None:
    """"three-dimensional (3D)", "two-stage detector (2SD)": a leading digit written as its number
    word, the rest of the short form taken from the words after it with none skipped."""
    spelled = NUMBER_WORD_RE.get(short[:1])
    if spelled is None or not any(c.isalpha() for c in short[1:2]):
        return None
    number = None
    for number in spelled.finditer(candidate):
        pass
    if number is None:
        return None
    pos = anchored_match(short[1:], candidate, number.end())
    if pos is None or any(_skipped(candidate, pos, number.end())):
        return None
    return _token_start(candidate, number.start(), detached), len(candidate.rstrip())


def _anchored_long_form(short: str, candidate: str, max_words: int,
                        detached: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    first = next((c for c in short if c.isalnum()), "")
    best, best_key = None, None
    found: list[tuple[int, list[int], int]] = []
    lone_capitals: set[int] = set()
    low = None
    # A lone letter's digit is silent only where a word spells the number: "second-language (L2)"
    # (not "to" or "for", which stand everywhere).
    spelled = sum(c.isalpha() for c in short) > 1 or _digit_as_word(short, candidate[-60:], COMMON_DIGIT_WORDS)
    for st in _word_starts(candidate):
        if candidate[st].lower() != first.lower():
            continue
        if len(WORD.findall(candidate, st)) > max_words:
            break
        if candidate[st:st + 4].lower() in ("the ", "a ", "an ") and len(short) > 1:
            continue
        if CONNECTIVE_START.match(candidate, st):
            continue  # "augmentative and alternative communication (AAC)" does not start at "and"
        if low is None:
            low = _aligned_lower(candidate)
        pos = anchored_match(short, candidate, st, low, lone_digit_silent=spelled)
        if pos is None:
            continue
        inside, tail = _skipped(candidate, pos, st)
        if tail:
            # a word left over at the end may be the one a capital stands for
            alt = anchored_match(short, candidate, st, low, capitals_start_words=True, lone_digit_silent=spelled)
            alt_skipped = _skipped(candidate, alt, st) if alt is not None else None
            if alt_skipped is not None and alt_skipped[1] == 0:
                pos, (inside, tail) = alt, alt_skipped
        link = OTHER_ACRONYM_LINK.match(candidate, st)
        if link and not any(link.start(1) <= p < link.end(1) for p in pos):
            continue  # "RL and random search (RS)": another acronym joined on, not the first word
        # A capital that opens the sentence or clause says nothing about the acronym.
        opener = st if not candidate[:st].strip() else -1
        # (nor does a capital inside another acronym: "standard CVOGL benchmarks ... state-of-the-art (SOTA)")
        agree = [p for c, p in zip([c for c in short if c.isalnum()], pos)
                 if c.isupper() and candidate[p].isupper() and p != opener
                 and not (p > st and candidate[p - 1].isupper() and p + 1 < len(candidate) and candidate[p + 1].isupper())]
        # A lone capital on the first word alone is a proper noun, not the acronym's case: "Arabic
        # automatic speech recognition (ASR)" is "automatic speech recognition" (but the first word
        # keeps it when it also holds the short form's digit: "V2 vasopressin receptor (V2R)").
        lone = agree == [pos[0]] and len(short) > 2
        if lone and any(c.isdigit() and c in short for c in candidate[st:].split(" ", 1)[0]):
            lone = False
        if tail > 2:
            continue
        if lone:
            lone_capitals.add(pos[0])
        found.append((st, agree, inside + tail))
    # A lone capital counts for no start, also where a longer span takes it from the second word on:
    # "leverages Large language models (LLMs)" is "Large language models".
    for st, agree, skipped in found:
        key = (sum(p not in lone_capitals for p in agree), -skipped)
        if best_key is None or key > best_key:
            best, best_key = st, key
    if best is None:
        return None
    return _token_start(candidate, best, detached), len(candidate.rstrip())


# ---------------------------------------------------------------------------------------------


class AcronymExtractor:
    def __init__(self, rules: list[Rule]):
        self.rules = rules
        self.constructions = {r.construction: r for r in rules if r.construction}
        self.cues = [(r, compile_rule_regex(r.regex, r, KIND)) for r in rules if r.regex]
        lead = [w for r in rules for w in r.lead_words]
        self.lead = regex.compile(r"^(?:" + "|".join(regex.escape(w) for w in sorted(lead, key=len, reverse=True))
                                  + r"),?\s+") if lead else None  # "(briefly, NatureLM)"
        self.not_short = {w.lower() for r in rules for w in r.not_short}
        self.not_lowercase_short = {w.lower() for r in rules for w in r.not_lowercase_short}
        self.silent_initials = frozenset(w for r in rules for w in r.silent_initials)
        self.detached = frozenset(w.lower() for r in rules for w in r.detached_prefixes)
        self.head_nouns = frozenset(w.lower() for r in rules for w in r.head_nouns)
        self.title_head_nouns = frozenset(w.lower() for r in rules for w in r.title_head_nouns)
        colon = self.constructions.get("short-colon-long")
        self.colon = regex.compile(
            r"(?<![\w\-])(?P<short>[\p{L}\p{N}][\p{L}\p{N}\-]{1,%d})\s?:\s+(?P<long>[^,.;:()\n]{4,160}?)(?=\s*[,.;:(]|\s+(?:an?|the)\s|$)"
            % (colon.max_short_len - 1)) if colon else None

    def find(self, text: str, field: str = "abstract") -> list[Pair]:
        pairs: list[Pair] = []
        for opener, rx in (("(", PAREN), ("[", BRACKET)):
            if opener in text:
                for m in rx.finditer(text):
                    pair = self._paren(text, m)
                    if pair:
                        pairs.append(pair)
        taken = {p.start for p in pairs}
        if self.colon is not None and field != "title" and ":" in text:
            for pair in self._colon(text):
                if pair.start not in taken:
                    pairs.append(pair)
                    taken.add(pair.start)
        lowered = text.lower() if any(r.requires for r, _ in self.cues) else text
        for rule, rx in self.cues:
            if rule.requires and rule.requires not in lowered:
                continue
            for m in rx.finditer(text):
                s0, s1 = m.span("short")
                l0, l1 = m.span("long")
                if s0 in taken:
                    continue
                if rule.trim_long:
                    span = best_long_form(text[s0:s1], text[l0:l1], 2 * (s1 - s0) + 2)
                    if span is None:
                        continue
                    l0, l1 = l0 + span[0], l0 + span[1]
                elif l0 > s0:
                    l1 = _without_purpose(text[s0:s1], text, l0, l1)
                taken.add(s0)
                pairs.append(Pair(text[s0:s1], text[l0:l1], s0, s1, l0, l1, f"{KIND}.{rule.id}"))
        pairs.sort(key=lambda p: p.start)
        return _dedupe(pairs)

    def _paren(self, text: str, m: regex.Match) -> Pair | None:
        after, bracketed = text[m.end():m.end() + 1], m.group(1)
        if after.isalpha() and bracketed.istitle() and bracketed.isalpha() and len(bracketed) <= 4:
            return None  # a bracketed prefix of the next word, not a definition: "Understanding (Un)Reliability"
        raw = m.group(1)
        inner_start = m.start(1) + (len(raw) - len(raw.lstrip()))
        inner = raw.strip()
        if self.lead is not None:
            lm = self.lead.match(inner)
            if lm:
                inner_start += lm.end()
                inner = inner[lm.end():]
        rule = self.constructions.get("long-short")
        if rule and not _is_list(inner):
            head = HEAD_SEP.split(inner, maxsplit=1)[0].strip()
            if head.lower() not in self.not_short and is_short_form(head, rule.max_short_len):
                pair = self._long_short(text, m.start(), head, inner_start, rule)
                words = head.split()
                if pair and not (len(words) == 2 and _versioned(words) and not pair.long.endswith(" " + words[1])):
                    return pair  # (a release number is in both forms: "Segment Anything Model 2 (SAM 2)")
            elif LOWER_SHORT.fullmatch(head) and head == inner and head not in self.not_lowercase_short:
                l0 = _initials_long_form(text, m.start(), head)
                if l0 is not None:
                    long = text[l0:m.start()].rstrip()
                    return Pair(head, long, inner_start, inner_start + len(head), l0, l0 + len(long),
                                f"{KIND}.{rule.id}")
        rule = self.constructions.get("short-long")
        if rule:
            return self._short_long(text, m, inner, inner_start, rule)
        return None

    def _long_short(self, text: str, paren: int, head: str, s0: int, rule: Rule) -> Pair | None:
        before = text[max(0, paren - 400):paren]
        offset = paren - len(before)
        q = QUOTED.search(before)
        if q:
            # "BEhavior generation with ScOre-based Diffusion Policies" (BESO): the quotes bound it.
            if anchored_match(head, q.group(1), 0) or sh_match(head, q.group(1)) is not None:
                l0 = offset + q.start(1)
                return Pair(head, text[l0:offset + q.end(1)], s0, s0 + len(head), l0, offset + q.end(1),
                            f"{KIND}.{rule.id}")
        cut = 0
        for c in CLAUSE_END.finditer(before):
            cut = c.end()
        silent = self.silent_initials
        n_chars = sum(c.isalnum() for c in head)
        max_words = min(n_chars + 5, n_chars * 2)
        if WORD_PART.search(head) and sum(c.isupper() for c in head) >= 2:
            # "AutoWebGLM": a lowercase run spells part of a word, not one word per letter (but in
            # "Arnt" or "Stats" every letter may start a word)
            max_words = min(max_words, len(PART_START.findall(head)) + 3)
        # Within the last comma-free stretch if the short form fits there, else across commas.
        comma = before.rfind(", ")
        span = None
        if comma >= cut:
            candidate = before[comma + 2:].rstrip()
            span = best_long_form(head, candidate, max_words, silent, self.detached)
            if span is not None:
                cut = comma + 2
        if span is None:
            candidate = before[cut:].rstrip()
            span = best_long_form(head, candidate, max_words, silent, self.detached)
            if span is not None and CLAUSE_SUBJECT.search(candidate, span[0], span[1]):
                span = None  # "In the second stage, we introduce Oracle ... (SOVF)": no name spans a new clause
        suffix = SUFFIXED_SHORT.fullmatch(head) if span is None else None
        if suffix is not None and regex.search(whole_word(suffix.group(2)), text, regex.IGNORECASE, endpos=paren):
            # "Self-Attention Guided Eviction (SAGE-KV)": the words spell the stem, and the suffix names
            # what it works on, which the text names elsewhere ("the key-value (KV) cache")
            span = best_long_form(suffix.group(1), candidate, max_words, silent, self.detached)
            if span is not None and candidate[span[0]:].startswith(suffix.group(1)):
                span = None  # "TM0065 gene codes for a protein (TM-IclR)": the stem is a name of its own there
        if span is None:
            reordered = _reordered_long_form(head, before.rstrip())
            if reordered is not None:
                l0, l1 = offset + reordered[0], offset + reordered[1]
                return Pair(head, text[l0:l1], s0, s0 + len(head), l0, l1, f"{KIND}.{rule.id}")
            if not NET_SUFFIX.fullmatch(head):
                return None
            # "Semantics Consistent Transformer (SCTNet)": the capitals spell the words, "Net" says it is a network
            span = best_long_form(head[:-3], candidate, max_words, silent, self.detached)
            if span is None or len(candidate[span[0]:span[1]].split()) < 2:
                return None
        l0, l1 = span
        lead = LEADING_FUNCTION_WORD.match(candidate, l0)
        if lead is not None:
            # "... such as Segment Anything (SAM)", "... and bag-of-bonds (aBoB)": no name opens with a
            # function word, so the letters must fit the words after it
            again = best_long_form(head, candidate[lead.end():], max_words, silent, self.detached)
            if again is None:
                return None
            l0, l1 = lead.end() + again[0], lead.end() + again[1]
        moved = MOVED_DIGIT.search(candidate, 0, l0)
        if moved and moved.group(1) in head and moved.group(1) not in candidate[l0:l1] and head[-1].isdigit():
            l0 = moved.start()  # "3D Diffusion Policy (DP3)": the leading "3D" written as a final digit
        long = candidate[l0:l1]
        while long and long[-1] in TRIM:
            long = long[:-1]
        long = _without_head_noun(head, long, self.head_nouns, self.title_head_nouns)
        long = _without_words_after_acronym(head, long)
        describing = DESCRIBING_TAIL.search(long)
        if describing and head[-1:].lower() != describing.group(1)[0]:
            long = long[:describing.start()]  # "Class-Aware Relative Feature-based method (CARef)": the feature is named
        if not _plausible_long(head, long, max_words):
            return None
        kept = _kept_word(head)
        if kept is not None and not _two_short_words(head) and not long.lower().startswith(kept.lower() + " "):
            return None
        kept = _kept_tail(head)
        if kept is not None and not _two_short_words(head) and not long.endswith(" " + kept):
            return None
        l0 += offset + cut
        if long[:1].isupper():
            # a Title Case name that opens one word earlier with the short form's first letter starts
            # there: "Large Language Model Enhanced ... Predictor (LEAF)", "Autonomous LLM-Augmented ... (ALCM)"
            opener = TITLE_OPENER.search(text, max(0, l0 - 30), l0)
            if opener is not None and opener.group(1)[0].lower() == head[0].lower() \
                    and opener.group(1).lower() not in OPENER_STOP \
                    and _repeats_kept(head, text[opener.start(1):l0] + long):
                long = text[opener.start(1):l0] + long
                l0 = opener.start(1)
        tail = LOWER_SUFFIX.search(head)
        if tail is not None and not long.endswith(tail.group()) \
                and text.startswith(tail.group(), l0 + len(long)):
            long += tail.group()  # "Large Language Model-driven (LLM-driven)": both forms keep the suffix
        return Pair(head, long, s0, s0 + len(head), l0, l0 + len(long), f"{KIND}.{rule.id}")

    def _short_long(self, text: str, m: regex.Match, inner: str, inner_start: int, rule: Rule) -> Pair | None:
        # Only the word right before the parenthesis matters: search a short window, not the prefix.
        before = LAST_WORD.search(text, max(0, m.start() - 64), m.start())
        if not before or not is_short_form(before.group(1), rule.max_short_len):
            return None
        short = before.group(1)
        if len(inner.split()) < 2 and not _hyphen_initials(short, inner):
            return None
        s0 = before.start(1)
        prefix = LOWER_PREFIX.match(short)
        if prefix and inner[:1].lower() != short[0].lower():
            # "non-IID (Independently and Identically Distributed)": the expansion is of "IID"
            short, s0 = short[prefix.end():], s0 + prefix.end()
        release = TRAILING_RELEASE.search(inner)
        if release is not None:
            inner = inner[: release.start()]  # "RE-Bench (Research Engineering Benchmark, v1)": the release is no word of it
        if "-" in short and anchored_match(short, inner, 0) is None:
            tail = short.rsplit("-", 1)[1]
            if len(tail) >= 2 and is_short_form(tail, rule.max_short_len) and anchored_match(tail, inner, 0) is not None:
                # "ML-RANS (Reynolds Averaged Navier-Stokes)": the expansion is of the part after the hyphen
                s0 += len(short) - len(tail)
                short = tail
        words = inner.split()
        if len(words) > sum(c.isalnum() for c in short) + 4 or any(w.lower() in ("e.g.", "i.e.", "see") for w in words):
            return None
        # The capitals alone may spell it where a word's initial is lowercase: "PPI (keyPose and Pointflow Interface)".
        if anchored_match(short, inner, 0) is None and sh_match(short, inner) != 0 and not _same_capitals(short, inner):
            return None
        return Pair(short, inner, s0, s0 + len(short), inner_start, inner_start + len(inner), f"{KIND}.{rule.id}")

    def _colon(self, text: str) -> list[Pair]:
        """"RISE: Recursive IntroSpEction": every capital of the short form is a capital of the
        long form, in order (so an ordinary "Method: we ..." is not a definition)."""
        rule = self.constructions["short-colon-long"]
        out = []
        for m in self.colon.finditer(text):
            short, long = m.group("short"), m.group("long").rstrip(TRIM)
            if not is_short_form(short, rule.max_short_len) or len(long.split()) > len(short) + 4:
                continue
            if long.split(" ", 1)[0].lower() in ARTICLES:
                continue  # "GenIC: a two-step Generative Instance Completion framework" describes it
            caps = [c for c in long if c.isupper() or c.isdigit()]
            want = [c for c in short if c.isupper() or c.isdigit()]
            if len(want) < 2 or not _subsequence(want, caps) or len(caps) > len(want) + 2:
                continue
            l0 = m.start("long")
            out.append(Pair(short, long, m.start("short"), m.end("short"), l0, l0 + len(long), f"{KIND}.{rule.id}"))
        return out


def _hyphen_initials(short: str, inner: str) -> bool:
    """One hyphenated word spells the short form with the initials of its parts, one part per letter:
    "DDD (Demucs-Discriminator-Declipper)", "QA (Question-answering)". (Any other single word in
    parentheses is a gloss.)"""
    parts = inner.split("-")
    return len(parts) >= 2 and short.isupper() and all(p[:1].isalpha() for p in parts) \
        and "".join(p[0] for p in parts).upper() == short


def _initials_long_form(text: str, paren: int, short: str) -> int | None:
    """Where the long form of an all-lowercase short form starts: only where the words right before
    the parenthesis begin with its letters, one word each ("percentage points (pp)", "signal-to-noise
    ratio (snr)", a linking word skipped). Without a capital to anchor it, a looser fit would take
    any word in parentheses for an abbreviation."""
    words = list(WORD_RUN.finditer(text, max(0, paren - 30 * len(short)), paren))
    if not words or text[words[-1].end():paren].strip():
        return None  # something other than a word right before the parenthesis
    want = len(short) - 1
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        if i + 1 < len(words) and text[w.end():words[i + 1].start()].strip(" -"):
            return None  # the words run on only over spaces and hyphens
        if not w.group().isalpha():
            return None
        if w.group()[0].lower() == short[want]:
            want -= 1
            if want < 0:
                return w.start()
        elif w.group().lower() not in STOP or i == len(words) - 1:
            return None  # a linking word inside the long form may be skipped, not one that ends it
    return None


def _without_purpose(short: str, text: str, l0: int, l1: int) -> int:
    """Where a long form written after its short form ends: before a phrase that follows the word
    holding the short form's last letter and says what it is for ("SEED, which stands for
    Sample-Efficient adaptation with Error-Driven learning for code generation")."""
    pos = anchored_match(short, text[l0:l1], 0)
    if pos is None:
        return l1
    m = PURPOSE.search(text, l0 + pos[-1], l1)
    return m.start() if m else l1


def _same_capitals(short: str, long: str) -> bool:
    """The long form's capitals are the short form's, one per word from the first word on (so not
    "SGK (renamed SGK1)" or "AtGDI1 (Arabidopsis GDI)")."""
    want = [c for c in short if c.isupper()]
    words = WORD_SEP.split(long)
    caps = [sum(c.isupper() for c in w) for w in words]
    # (a word may lend two leading capitals: "Semantic OBject Awareness framework (SOBA)")
    return len(want) >= 2 and caps[0] == 1 and all(n <= 1 or LEADING_CAPITALS.match(w) for n, w in zip(caps, words)) \
        and want == [c for c in long if c.isupper()]


def _subsequence(want: list[str], have: list[str]) -> bool:
    it = iter(have)
    return all(any(c == h for h in it) for c in want)


def _plausible_long(short: str, long: str, max_words: int) -> bool:
    if len(long) <= len(short) or len(long.split()) > max_words:
        return False
    if long.count("(") != long.count(")") or long.count("[") != long.count("]"):
        return False
    if DANGLING_END.search(long):
        return False  # "on T2V, I2V and (T+I)2V tasks": a list cut at its conjunction spells nothing
    # A one-word "long form" barely longer than the short form is a spelling variant ("bell1 (Bel1)"),
    # and one that ends in a possessive owns what the bracket names ("CLIP’s [CLS] token").
    if " " not in long and (len(long) - len(short) <= 2 or POSSESSIVE_END.search(long)):
        return False
    # A mapping between two things ("language to actions (L2A)") names both: one word spells only one.
    if len(WORD_SEP.split(long)) < 2 and MAPPING_SHORT.fullmatch(short) and not any(c.isdigit() for c in long):
        return False
    # A variant named after its parent, itself a hyphenated name, which the "long form" repeats:
    # "M3-Bench holds videos from a robot's view (M3-Bench-robot)" ("DINO World Model (DINO-WM)"
    # spells its one-part stem out, and is a definition).
    stem = short.rsplit("-", 1)[0]
    if "-" in stem and regex.search(whole_word(stem), long):
        return False
    # A "long form" that opens with the verb that presents it spells the short form by chance: "We then
    # propose a novel depth refinement network (PPSNet)".
    if PRESENTING_VERB.match(long):
        return False
    # A "long form" that opens with the short form itself names something after it: "GAOKAO-MM, a
    # benchmark based on the Chinese College Entrance Examination (GAOKAO)".
    return not long.lower().startswith(short.lower() + "-")


def _dedupe(pairs: list[Pair]) -> list[Pair]:
    """The first definition of each short form: "Attack Success Rates (ASR)" and a later "Attack Success
    Rate (ASR)" define one pair, and a second, different long form ("actions back to language (A2L)",
    then "actions in language (A2L)") restates it."""
    shorts: set[str] = set()
    out = []
    for p in pairs:
        if p.short not in shorts:
            shorts.add(p.short)
            out.append(p)
    return out


def to_items(pairs: dict[str, list[Pair]]) -> list[Acronym]:
    """Items for the record, title first; a pair the title and the abstract both define is listed once."""
    seen: set[tuple[str, str]] = set()
    items = []
    for field in ("title", "abstract"):
        for p in pairs.get(field, []):
            key = (p.short, " ".join(p.long.lower().split()))
            if key in seen:
                continue
            seen.add(key)
            items.append(Acronym(short=p.short, long=p.long, field=field, start=p.start, end=p.end,
                                 long_start=p.long_start, long_end=p.long_end, pattern=p.pattern))
    return items
