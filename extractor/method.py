"""Method names: what the paper calls its own contribution.

Cues are data (patterns/method.toml). A rule works in one of three ways:
- it captures the name itself in a ``(?P<name>...)`` group (the title prefix before a colon,
  "called X", "X, a novel ..."); a ``(?P<long>...)`` group, when it matched, is the long form
  ("dubbed Long Form (LF)"), and with ``name_list`` the group holds several names ("(RA, RB, and RC)");
- with ``follow = true`` it only marks a cue ("we propose", "we introduce", "our method,") after
  which the name is looked for in the rest of the clause: first a defined acronym whose long or
  short form sits there (several may: "two techniques: a Stitched Trajectory Graph (STG) and a State
  Transition Field (STF)"), else the first coined word ("DigiRL", "TD-MPC", "M2T2") that the abstract
  has not already defined before the cue, else a Title Case phrase ("Fast and Forgetful Memory");
- with ``before_definition = true`` it reads the words right before each acronym the abstract
  defines ("a novel Stitched Graph (SG)": the adjective marks it as new).
A defined acronym gives the name its ``long_form``. A multi-word name whose initials spell a word
the abstract uses is named by that word ("In-Context Policy Iteration" and "ICPI" → ICPI), and a
title prefix that is the long form of an acronym the abstract defines is named by the acronym
("Unified World Models" → UWM).
"""

from __future__ import annotations

import functools
from typing import Literal

import regex
from pydantic import model_validator

from .acronyms import ACRONYM_PLURAL, Pair, sh_match
from .patterns import PatternRule, RegexStr, compile_rule_regex, whole_word
from .record import Method

KIND = "method"

# What the paper's contribution is made from or trained on, named right before a name: "a dataset
# from EndoVis2017", "models ... trained on OpenFWI".
FROM_END = regex.compile(r"\b(?:from|(?:trained|tested|benchmarked)\s+on)\s+(?:the\s+)?\Z")
# A kind of thing right after a defined pair, then the coined name of the paper's own one.
KIND_THEN_COINED = regex.compile(
    r"\)?\s+(?:architecture|framework|model|network|method|approach|module|system|pipeline)\s+"
    r"(?=[\w-]*\p{Lu}[\w-]*\p{Lu})\w[\w-]+(?![\w-])(?!\s+(?:and|or)\b)")
# "et al.", "e.g." and "i.e." do not end a sentence.
# (a footnote mark glued after a full stop starts the footnote: "for reproducibility.111Data: https://...")
SENTENCE_END = regex.compile(r"(?<!\bal|\be\.g|\bi\.e|\bvs|\bcf)[.;!?](?=\s|$)|(?<=\p{Ll}{2})\.(?=\d{1,4}\p{Lu}\p{Ll})")
# A coined name: a capital or digit after its first character ("DigiRL", "M2T2", "TD-MPC", "MR.Q");
# LaTeX writes some as "M^3" or "Student\_100". A leading number joined by a hyphen and trailing
# pluses belong to it: "3D-LOTUS++". (The word's shape only; ``_coined`` decides.)
COINED_WORD = r"(?:\d+[A-Za-z]*-)?[A-Za-z]\w*(?:(?:[\-.+^&]|\\_)\w+)*(?:\+\+?)?(?![\w\-+&])"
COINED = regex.compile(r"(?<![\w\-])" + COINED_WORD)
# A second coined name coordinated with the first right after it: "we introduce DiT-Air and DiT-Air-Lite",
# "TD3-AWR (model-free) and MoBRAC (model-based)".
COORDINATED_COINED = regex.compile(
    r"(?:\s*\([^()]{1,40}\))?(?:\s*,\s*(?:and\s+)?|\s+and\s+)"
    # ...or a variant of it named after its kind: "and its robust variant, FooNet-R", "and a faster version (X-Fast)"
    # (a size suffix names no other method: "X-S" is X, see MODEL_SIZE)
    r"(?:(?:an?|its|their)\s+(?:[\w-]+\s+)?(?:variant|version|extension)\s*(?:,\s*|\((?=[^()]{1,30}\))))?"
    r"(?P<name>" + COINED_WORD + r")(?=\s*[,.;:()]|\s*\Z|\s+(?:which|that|to|for|as)\b)")
# A parameter count or a size word at the end of a name: "-7B", "-1.5b", " 70B", "-XL", "-Small".
MODEL_SIZE = regex.compile(r"[-_ ](?:\d+(?:\.\d+)?[bm]|xs|s|m|l|xl|xxl|b|h|ti|tiny|small|base|large|huge|mini|nano)$")
# A family's version written after its name: "qwen2.5", "llama 3.1", "phi-3".
FAMILY_VERSION = regex.compile(r"[\s-]?v?\d+(?:\.\d+)*$")
# A plural last word ("models", not "loss"): a class of things.
PLURAL_END = regex.compile(r"\p{L}[^s\W]s$")
TITLE_PHRASE = regex.compile(
    r"(?<![\w\-])[A-Z][\w]*(?:-[\w]+)*(?:\s+(?:(?:of|for|and|to|in|with|the|as|from|via|without)\s+)?[A-Z][\w]*(?:-[\w]+)*){1,5}(?![\w\-])"
    # one hyphenated word whose parts are capitalised at both ends: "Memory-as-Action"
    r"|(?<![\w\-])[A-Z][\w]*(?:-[a-z]+)*-[A-Z][\w]*(?![\w\-])")
FUNCTION_WORDS = frozenset("the a an on in of for is are do does can what when why how to no not".split())
# One item of "(RDPG, RTD3, and RSAC)": a word between separators.
LIST_ITEM = regex.compile(r"(?<![^\s,(])(?!(?:and|or)\s)[^\s,()]+(?=\s*(?:,|\)|$|\s+(?:and|or)\s))")
# ", a ..." right after a bare name describes it ("we propose Awaker2.5-VL, a Mixture of Experts (MoE)
# architecture"): what it defines is the kind of thing the name is, not a second name.
APPOSITIVE = regex.compile(r"\A\)?\s*,\s+an?\s+(?:(?:new|novel)\s+)?\Z")
# A relative clause between the first name and a later one describes the first: "IRIS, an inverse
# rendering framework that recovers ... from multi-view, low-dynamic-range (LDR) images" (but "CLAIR, a
# method which leads to ..., and APO" names two).
DESCRIBING_CLAUSE = regex.compile(r"\b(?:that|which)\s+(?:\w+ly\s+)?\p{Ll}+s\b")
# The text before a second defined name ends in a coordination: ", and a ", " as well as " (by a
# word, not a bare comma: JOINED_BY_WORD).
_JOINING_WORD = r"\band|\bor|\bas\s+well\s+as|\bplus"
_BEFORE_NAME = r"\s+(?:(?:an?|the|our|two|new|novel)\s+)*\Z"
COORDINATED = regex.compile(rf"(?:,|{_JOINING_WORD}){_BEFORE_NAME}")
JOINED_BY_WORD = regex.compile(rf"(?:{_JOINING_WORD}){_BEFORE_NAME}")
PAREN_WORD = regex.compile(r"\(([^()\s,;]{2,20})\)")
LIST_WORDS = regex.compile(r"[\s,]+")
PARTS = regex.compile(r"[\-.+^&]|\\_")
DOTTED = regex.compile(r"(?:\p{Lu}\.){2,}")
INITIAL_SKIP = frozenset("a an the of for and or to in on with as from via by at into without".split())
# Words between a cue and its name that describe rather than name it: "we propose a novel
# framework, NAME, ...".
LEAD = regex.compile(
    r"^(?:\s*(?:an?|the|our|this|two|three|new|novel|simple|generic|general|unified|efficient|effective|"
    r"lightweight|principled|scalable|robust|practical|provably|yet|strong|and)\b\s*|\s*,\s*)*"
    r"(?:(?:method|framework|algorithm|approach|model|agent|system|architecture|benchmark|dataset|"
    r"technique|pipeline|paradigm|module|mechanism|strategy|scheme|environment|library|toolkit)s?\s*,\s*"
    # "we propose a (strong) baseline ReLA", "a baseline detector, MKE": the paper's own baseline, not someone else's
    r"|baseline(?:\s+[a-z]+)?\s*,?\s*(?=\p{Lu})"
    # "a new family of VLAs, NAME": the kind named after "of" is not where the name comes from
    # and "an instantiation of our framework, NAME": the name is the instance's
    r"|(?:family|class|suite|series|collection|instantiation|instance|implementation|realization|realisation)"
    r"\s+of\s+(?:[\w\-]+\s+){0,2}?[\w\-]+\s*,\s*)?\s*")
WORDS = regex.compile(r"\w+")
LAST_WORD = regex.compile(r"(\w+)\W*\Z")
# The end of a sentence right after a name: "a method called Prune and Merge."
FULL_STOP = regex.compile(r"\.(?:\s|\Z)")
# An article right after a presenting cue: "we propose a ...", a description rather than a name.
ARTICLE_NEXT = regex.compile(r"\s*(?:an?|the)\s")
# ...or the words, without an article, before a name given in brackets: "we propose new HDRTV dataset
# (dubbed HDRTV4K)" names HDRTV4K (the naming rule takes it), not HDRTV.
NEW_THEN_DUBBED = regex.compile(r"\s*(?:new|novel)\s+[^,.;()]{1,60}\((?:dubbed|called|named|termed)\s+(?=\p{Lu})")
# A naming verb later in the clause of a presenting cue: "..., named LPCVAE".
NAMING_VERB = regex.compile(r",?\s+(?:named|called|dubbed|termed|coined)\s+(?=\p{Lu})")
# A generic technique's acronym that modifies the contribution's noun: "a classifier-free guidance
# (CFG) rescaling method" (the method has no name; CFG is what it rescales).
MODIFIES_KIND = regex.compile(r"\)?\s+(?:(?!(?:as|an?|the|is|are|was|to|for|of|and|or|in|on|with|by|via|that|which)\b)[a-z][\w-]*\s+){1,2}(?:method|approach|technique|module|strategy|mechanism|scheme|framework|procedure)s?\b")
# A model's size in brackets, "a lightweight (229M) model": no label of a part.
BRACKETED_SIZE = regex.compile(r"\d+(?:\.\d+)?[KMBT]")
# A kind of system right after a definition: "... recognition (SER) approach".
KIND_RIGHT_AFTER = regex.compile(r"\)?\s+(?:approach|method|framework|system|model|pipeline|technique|architecture)s?\b")
# A name run into the next sentence's first word where the space after the full stop is missing.
NEXT_SENTENCE_GLUED = regex.compile(r"(.*[\p{Lu}\d][\w-]*)\.\p{Lu}\p{Ll}+")
# Data for a task right after a lower-case definition: "question answering (QA) datasets" are QA data,
# not a data set named QA.
DATA_KIND_AFTER = regex.compile(r"\)?\s+(?:datasets?|benchmarks?|corpus|corpora|data)\b")
# A kind of thing whose name follows in apposition: the defined term before it says what kind ("a novel
# 3D QA (Question-answering) benchmark, ScanReQA, that ...": ScanReQA is the name, QA the kind).
APPOSED_KIND = regex.compile(r"\)?\s+(?:[a-z][\w-]*\s+){0,2}(?:benchmark|dataset|corpus|framework|method|model|approach|system|"
                             r"architecture|pipeline|toolkit|library)s?,\s+(?:called\s+|named\s+|dubbed\s+)?(?=\p{Lu}|\d)")
# A bracketed list of names: "(ORPO, ASFT)", "(A, B, and C)", "(A or B)".
BRACKETED_LIST = regex.compile(r"\([\w.+-]+(?:(?:,\s*[\w.+-]+)+(?:,?\s+(?:and|or)\s+[\w.+-]+)?|\s+(?:and|or)\s+[\w.+-]+)\)")
# A second coined word that ends the name, set off by an appositive, a bracket or a colon.
SECOND_COINED = regex.compile(r" ([\w-]+)(?=,\s|\s\(|:\s)")
# A capitalised word after a coined name set off as a name is part of it: "introduces iSWE Agent, an
# automated ...", "we introduce LaVida Drive, a novel ... framework"
# (not a kind noun: "the LAE-DINO Model, a novel detector" is named LAE-DINO)
TITLE_WORD_NAMED = regex.compile(r"\s(?!(?:Model|Models|Framework|Method|System|Approach|Architecture|Module|Pipeline"
                                 r"|Algorithm|Benchmark|Dataset|Network)\b)(\p{Lu}\p{Ll}+)(?=,\s(?:an?|the)\s)")
# The rest of a sentence that presents the contribution in the passive: "a framework termed X is proposed".
PASSIVE_PRESENTED = regex.compile(r"\b(?:is|are)\s+(?:\w+ly\s+)?(?:proposed|introduced|presented|developed)\b")
# A word whose first two letters are capitals to spell a short form ("COllaborative"), and a capitalised
# word after it (the long form goes on).
HIGHLIGHTED_WORD = regex.compile(r"\p{Lu}{2}\p{Ll}{4,}")
TITLED_NEXT = regex.compile(r"\s+\p{Lu}")
# The acronym of a kind of model or method after lower-case words: "vision-LLM", "meta-RL".
KIND_ACRONYM = regex.compile(r"\p{Lu}{2,5}s?")
# A hyphen tail in the past participle makes an adjective, whatever the verb: "the CAE-encoded feature".
PARTICIPLE_TAIL = regex.compile(r"-\p{Ll}{2,}ed$")
TITLE_PREFIX = f"{KIND}.title-prefix"
TITLE_HEAD = f"{KIND}.title-head"
OUR_METHOD = f"{KIND}.our-method"
PAIRED_NEAR = 80  # characters between a title's phrase and the name the abstract gives beside it
# What makes a phrase more than plain words: capitals inside a word, a run of capitals, a digit.
PLAIN_PHRASE_NOT = regex.compile(r"\p{Lu}{2}|\d|\p{Ll}\p{Lu}")
# A capitalised title word of five letters or more, with the hyphenated parts joined to it.
TITLE_TERM = regex.compile(r"\p{Lu}\w*(?:-\w+)*(?<=\w{5})")
PROPOSED = r"\bwe\s+(?:\w+ly\s+)?(?:propose|introduce|present|develop|call\s+(?:it|this|our\s+\w+)|term|dub)\s+(?:the\s+)?"
# What stands right before a task the contribution serves (searched in PURPOSE_WINDOW characters).
PURPOSE_WINDOW = 80
PURPOSE_BEFORE = regex.compile(
    r"\b(?:for|to\s+(?!be\b)\p{Ll}+)"
    r"\s+(?:the\s+)?(?:[\p{Ll}-]+\s+){0,2}\Z")
# ...and a problem an approach is to, or the field methods are in, however it is capitalised: "a novel approach
# to Dialogue State Tracking (DST)", "two novel methods in Network Intrusion Detection Systems (NIDS)"
APPROACH_TO = regex.compile(r"\b(?:(?:approach(?:es)?|solutions?)\s+to|(?:approach(?:es)?|solutions?|methods?|techniques?)\s+in)"
                            r"\s+(?:the\s+)?\Z")
# What follows a term that opens an abstract when the abstract describes a task or a field, not its own contribution
TOPIC_AFTER = regex.compile(r"\)?,?\s+(?:aims?\s+(?:to|at)|seeks?\s+to|refers?\s+to|(?:has|have)\s+(?:recently\s+)?"
                            r"(?:emerged|become|gained|attracted|drawn|received|garnered)"
                            r"|is\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,2}?(?:task|problem|process)\s+of)\b")
CAPITALISED = regex.compile(r"(?<![\w\-])\p{Lu}\p{Ll}+(?![\w\-])")
# ...or a capitalised word hyphened to a lower-case one, set off as a name: "a novel dataset (Mete-air)".
CAPITALISED_COMPOUND = regex.compile(r"\p{Lu}\p{Ll}+-\p{Ll}+")
# A capitalised word right before a coined one, and an appositive or colon after a name.
TITLE_WORD_BEFORE = regex.compile(r"\p{Lu}\p{Ll}+\s\Z")
APPOSITION_NEXT = regex.compile(r"\s?[,:]\s")
# A plain capitalised name right after the kind of thing it is, set off by what follows: "the largest
# grounding dataset Jedi, which contains ...".
KIND_THEN_NAME = regex.compile(
    r"\b(?:method|framework|algorithm|approach|model|agent|system|architecture|benchmark|dataset|corpus|suite|"
    r"pipeline|toolkit|library|environment|simulator|platform),?\s+(\p{Lu}\p{Ll}+)(?![\w\-])(?=\s*(?:,\s+(?:an?|the|which|that|our)\b|\())")
# What follows a name set off from the sentence: an appositive or a parenthesis.
APPOSITION = regex.compile(r"\s*(?:,\s+(?:an?|the|which|that|our)\b|:\s+an?\s|\()")
# A footnote mark and a link or the footnote's first word glued to a name in copied text:
# "SWE-Compass111https://...", "XCoder111Models and dataset are released ..." (arXiv's HTML writes
# footnote 1 as "111").
GLUED_LINK = regex.compile(r"\d*(?:https?|www)$|(?<=\p{Ll})(\d)\1\1\p{Lu}\p{Ll}+$")
# The edition year written right after a name: "ILPC 2022, a novel open challenge".
YEAR_AFTER = regex.compile(r" (?:19|20)\d\d(?![\w.\-]|,\d)")
# The owner's possessive after a name, maybe after one more capitalised word: "KIT's", "NLIP Lab’s".
OWNER_AFTER = regex.compile(r"(?:\s\p{Lu}\w*)?['’]s\s")
# A version written as its own word after a name: "RoMa v2", "MPG-SAM 2".
VERSION_WORD = regex.compile(r"[Vv]?\d+(?:\.\d+)*")
# ...or its version, where the name ends its phrase: "we introduce EfficientZero V2, a framework".
VERSION_AFTER = regex.compile(r" (?:[Vv]\d+(?:\.\d+)?|\d(?:\.\d)?)(?=[\"”’']|\s?[:,;)]|\.\s|\s+(?:is|provides|achieves|outperforms|that|which)\b)")
# A closing quote may come first: which we call “Noisy Nodes”, in which ...
NAME_END = regex.compile(r"[\"”’']?\s*(?:,|\(|\)|that\b|which\b|to\b|as\b|for\b|where\b|in\b|$|:\s+(?:\p{Lu}|an?\s))")
# A capitalised name in quotes, set off by what follows: “Coop-Diffusion”, an algorithm ...
QUOTED_NAME = regex.compile(r"[\"“‘]([A-Z][\w\-+.]*(?:\s[\w\-+.]+){0,4})[\"”’](?=\s*(?:,|\(|$)|\s+(?:that|which|to|for|as)\b)")
# A citation right after a name: the name is prior work ("TRACT (Berthelot et al., 2023)", "MAE [12]").
CITED = regex.compile(r"\s*(?:\(\s*\p{Lu}[\w\-]+(?:\s+(?:et\s+al\.?|and|&)(?:\s+\p{Lu}[\w\-]+)?)?,?\s*(?:19|20)\d\d[a-z]?\s*\)|\[\d+(?:\s*[,–-]\s*\d+)*\])")
# An indefinite noun phrase still open before a word: "a novel ", "an efficient ".
INDEFINITE = regex.compile(r"\b(?:an?|one)\s+(?:[a-z][\w\-]*\s+|\p{Lu}[\w]*-[\w\-]+\s+){0,3}\Z")
# A kind of contribution followed by what it is for or where it works: a coined word there that a
# noun follows names the setting, not the contribution.
SETTING_BEFORE = regex.compile(
    r"\b(?:framework|method|approach|model|system|algorithm|architecture|pipeline|scheme|technique)s?\s+"
    r"(?:for|to|in|on)\s+[^,;:()]*\Z")
# A word that continues a noun phrase (lowercase, not a function word or a clause opener).
NOUN_NEXT = regex.compile(
    r"\s+(?!(?:that|which|who|to|for|in|on|of|with|as|and|or|by|from|via|where|when|while|is|are|can|"
    r"to|using|based|than|at|into|under|without|through)\b)[a-z][\w\-]*")


class Rule(PatternRule):
    regex: RegexStr
    applies_to: Literal["title", "abstract"] = "abstract"
    # The regex marks a cue; the name is looked for after it, in the same clause.
    follow: bool = False
    # The regex reads the text just before each acronym the abstract defines and must end there.
    before_definition: bool = False
    # The name group holds a list of names: "(RDPG, RTD3, and RSAC)".
    name_list: bool = False
    # What a title rule takes as a name: "name" (a coined word or a short Title Case phrase),
    # "coined" (a coined word or a defined acronym only), "echoed" (a Title Case phrase only when it
    # is an acronym's long form or the abstract repeats it as a proper name).
    accept: Literal["name", "coined", "echoed", "titled"] = "name"
    # Lowercase literals: the rule runs only when the field holds one of them (a cheap pre-filter).
    requires: list[str] = []
    not_names: list[str] = []
    # public model families: one at a size ("Qwen3-4B", "Llama-3.1-8B") is a starting point, not a name
    model_families: list[str] = []
    # Endings of one-word compounds that describe rather than name ("LLM-powered", "GNN-based").
    not_name_endings: list[str] = []
    # Head nouns of a task's name: a short form the abstract defines by a lower-case phrase ending in
    # one ("blind image quality assessment (BIQA)") names the task a method is for.
    task_heads: list[str] = []
    # A word from this list joined to a number is a label, never a name: "Level-2 minibatching".
    label_words: list[str] = []
    # Words that, right after a defined term or a coined word, make it a modifier of the
    # contribution rather than its name: "a neural network (NN) based model".
    modifier_words: list[str] = []
    # Words that make a multi-word title prefix a catch-phrase, not a name: "Quantization Meets
    # Reasoning: ...", "Attention Is All You Need".
    phrase_words: list[str] = []
    # Words in a title after the name that make the title's name the topic of a survey or tutorial,
    # and words before one that make it the thing a task is about instead ("Code Review").
    survey_words: list[str] = []
    reviewed_things: list[str] = []
    # Cue words after which a plain capitalised word or Title Case phrase counts as a name, and words
    # that, right before the cue, make it terminology rather than a contribution ("is called").
    plain_after: list[str] = []
    plain_not_after: list[str] = []
    # Words one of which the sentence must hold before the cue: it presents the paper's own work
    # ("we", "our", "novel"), not terminology or someone else's ("an approximation called SGD").
    sentence_needs: list[str] = []
    # The same for a plain name (plain_after): "our" alone is not enough there ("applying our
    # method to a benchmark called Blocksworld").
    plain_needs: list[str] = []
    # Words that, between a cue and a name, say the name is someone else's ("than", "such as").
    foreign: list[str] = []
    # Lowercase phrases that, earlier in the cue's sentence, make what follows a baseline
    # ("For comparison, we also design ...").
    veto_before: list[str] = []

    @model_validator(mode="after")
    def _name_group(self) -> Rule:
        if self.follow and self.before_definition:
            raise ValueError("a rule is either follow = true or before_definition = true, not both")
        if not (self.follow or self.before_definition) and "(?P<name>" not in self.regex:
            raise ValueError("regex: needs a (?P<name>...) group unless follow or before_definition is true")
        return self


# Capitalised steps joined by "then" or "and": "Explain-then-Summarise", "Plan-and-Solve".
STEPS_NAME = regex.compile(r"\p{Lu}\p{Ll}+(?:-(?:then|and)-\p{Lu}\p{Ll}+)+")


def _coined(word: str) -> bool:
    # A capital inside a part ("DigiRL", "D-PoT"), an all-caps or one-letter part ("TD-MPC"), or a
    # digit in a capitalised word ("M2T2"); "Multi-Agent" is an ordinary compound, and so is a
    # letter joined to lowercase words ("Q-value", "k-means").
    tail = word[1:]
    if STEPS_NAME.fullmatch(word):
        return True  # steps joined into a name: "Explain-then-Summarise", "Plan-and-Solve"
    if tail.islower() and not (word[0].isupper() and any(c.isdigit() for c in tail)):
        return False  # the common case, an ordinary word: "model", "Transformer", "k-means"
    parts = [p for p in PARTS.split(word) if p]
    if not parts or not any(c.isalpha() for c in word) or len(word) < 2:
        return False
    if any(c.isdigit() for c in word) and word[0].isupper():
        return True
    if len(parts) > 1 and (len(parts[0]) == 1 or word[0].isdigit()) and all(p.islower() for p in parts[1:]):
        return False  # "k-means", "3D-rendered"
    if len(parts) > 1 and all(p.isalpha() and p.islower() and len(p) > 2 for p in parts[:-1]) \
            and KIND_ACRONYM.fullmatch(parts[-1]):
        return False  # "a medical vision-LLM", "meta-RL": lower-case words before a kind's acronym
    return any(any(c.isupper() for c in p[1:]) or (p[0].isupper() and len(p) == 1) for p in parts)


def _name_list(text: str, cue_start: int, s0: int, s1: int, defined: list[Pair]) -> list[tuple[str, int]]:
    """The names in a parenthesised list after "versions of A, B, and C": (name, start) each."""
    items = [(i.group(0), i.start()) for i in LIST_ITEM.finditer(text, s0, s1)]
    words = [w for w in LIST_WORDS.split(text[s0:s1]) if w and w not in ("and", "or")]
    # Every item one coined word, or it is not a list of names ("(Smith et al., 2020)").
    if not items or len(items) != len(words) or not all(_coined(w) for w, _ in items):
        return []
    # "a variant of dynamic time warping (DTW)": the parenthesis abbreviates the prior method.
    if any(p.start == at for p in defined for _, at in items) \
            or len(items) == 1 and sh_match(items[0][0], text[cue_start:s0]) is not None:
        return []
    return items


def _class_of_things(p: Pair) -> bool:
    # "barren plateaus (BPs)", "graph neural networks (GNNs)": a lower-case plural names a kind of
    # thing the paper is about, never the name it gives its own contribution
    return p.long.islower() and ACRONYM_PLURAL.fullmatch(p.short) is not None and PLURAL_END.search(p.long) is not None


def _pair_name(p: Pair) -> tuple[str, int, str | None]:
    """(name, start, long form) a defined acronym gives a method. A dotted initialism ("Prior
    Reinforce (P.R.)") is shorthand for the name, not the name: the long form is."""
    if DOTTED.fullmatch(p.short):
        return p.long, p.long_start, None
    return p.short, p.start, p.long


def _as_item(p: Pair) -> tuple[str, str, int, str | None]:
    name, s0, long_form = _pair_name(p)
    return name, "abstract", s0, long_form


def _used_before(word: str, text: str, at: int) -> bool:
    return text.find(word, 0, at) >= 0 and bool(
        regex.search(whole_word(word), text, endpos=at))


def initials(phrase: str) -> str:
    """"In-Context Policy Iteration" → ICPI; "Fast and Forgetful Memory" → FFM."""
    parts = [p for p in regex.split(r"[\s\-]+", phrase) if p]
    return "".join(p[0].upper() for p in parts if not (p.islower() and p in INITIAL_SKIP) and p[0].isalpha())


class MethodExtractor:
    def __init__(self, rules: list[Rule]):
        self.rules = [(r, compile_rule_regex(r.regex, r, KIND)) for r in rules]
        self.not_names = {n.lower() for r in rules for n in r.not_names}
        self.model_families = {n.lower() for r in rules for n in r.model_families}
        self.not_name_endings = tuple(sorted({e.lower() for r in rules for e in r.not_name_endings}))
        self.task_heads = frozenset(w.lower() for r in rules for w in r.task_heads)
        labels = sorted({w.lower() for r in rules for w in r.label_words})
        self.label = regex.compile(r"(?i)(?:" + "|".join(map(regex.escape, labels)) + r")[-\s]?\d+(?:\.\d+)?") \
            if labels else None
        self.phrase_words = {w.lower() for r in rules for w in r.phrase_words}
        survey = sorted({w.lower() for r in rules for w in r.survey_words})
        reviewed = sorted({w.lower() for r in rules for w in r.reviewed_things})
        not_reviewed = r"(?<!\b(?:" + "|".join(map(regex.escape, reviewed)) + r")\s)" if reviewed else ""
        self.survey_words = regex.compile(
            r"(?i)(?<![\w\-])" + not_reviewed + "(?:" + "|".join(map(regex.escape, survey)) + r")s?(?![\w\-])") \
            if survey else None
        modifiers = sorted({w.lower() for r in rules for w in r.modifier_words}, key=len, reverse=True)
        self.modifier_after = regex.compile(
            r"\s?(?:\([^()\s]{1,12}\)\s?)?\)?\s?-?\s?(?:" + "|".join(map(regex.escape, modifiers)) + r")\b(?!\s+(?:on|upon)\b)") if modifiers else None
        foreign = sorted({w for r in rules for w in r.foreign}, key=len, reverse=True)
        self.foreign = regex.compile(r"\b(?:" + "|".join(regex.escape(w) for w in foreign) + r")\b",
                                     regex.I) if foreign else None

    def find(self, title: str, abstract: str, acronyms: dict[str, list[Pair]]) -> list[Method]:
        found: dict[str, Method] = {}
        texts = {"title": title, "abstract": abstract}
        lowered = {"title": title.lower(), "abstract": abstract.lower()}
        defined = acronyms.get("abstract", [])
        title_terms = _own_title_terms(title, defined)
        # the kinds of thing the paper is about ("graph neural networks (GNNs)"): never its names
        # (not the one the title names before its colon: "Semantic Entropy Probes: ..." with "we
        # propose semantic entropy probes (SEPs)")
        title_head = title.split(":", 1)[0].strip().lower() if ":" in title else None
        things = [p for p in defined if _class_of_things(p) and p.long.lower() != title_head]
        thing_names = {p.short for p in things}
        # short forms the abstract defines by a lower-case task ("blind image quality assessment (BIQA)")
        # (its first letter may be a sentence's capital)
        task_names = {p.short for p in defined
                      if p.long[1:].islower() and p.long.rsplit(" ", 1)[-1] in self.task_heads}
        # ...and of those, the ones defined as what a kind of system is for ("a novel ... speech emotion
        # recognition (SER) approach"), where the paper goes on to write it as a task ("SER baselines",
        # "for SER"), not as a name (the "self-reconstructed tiny object detection (SR-TOD) framework")
        # (however capitalised: "a powerful Visual Speech Recognition (VSR) method ... the VSR performance")
        task_kinds = {p.short for p in defined
                      if p.long.rsplit(" ", 1)[-1].lower() in self.task_heads
                      and KIND_RIGHT_AFTER.match(abstract, max(p.end, p.long_end))
                      and _written_as_task(abstract, p.short, max(p.end, p.long_end))}
        # the defined terms each field writes as a task the contribution serves or a kind of thing the
        # paper is about, or as a technique its noun is about ("a classifier-free guidance (CFG)
        # rescaling method"), found once per paper
        asides: dict[str, tuple[frozenset[int], frozenset[int]]] = {}

        def aside(field: str) -> tuple[frozenset[int], frozenset[int]]:
            if field not in asides:
                text = texts[field]
                asides[field] = (frozenset([*map(id, things), *(id(p) for p in defined if _purpose(text, p))]),
                                 frozenset(id(p) for p in defined
                                           if p.long.islower() and MODIFIES_KIND.match(text, max(p.end, p.long_end))
                                           or _data_for_task(text, p)
                                           or APPOSED_KIND.match(text, max(p.end, p.long_end))))
            return asides[field]

        def add(name: str, field: str, s0: int, long_form: str | None, pattern: str, cue: str | None) -> None:
            name = GLUED_LINK.sub("", name) or name
            glued = NEXT_SENTENCE_GLUED.fullmatch(name)
            if glued is not None:
                name = glued.group(1)  # "namely MDGCL.In the pre-training stage": a missing space, not a dotted name
            if long_form is None and (" " in name or "-" in name):
                short = self._named_by_initials(name, abstract)
                if short is not None:
                    name, long_form, field, s0 = short[0], name, "abstract", short[1]
            if name in thing_names:
                return  # "tables, which we call human-centric tables (HCTs)": a kind of thing, however cued
            if pattern == TITLE_HEAD and (long_form or name).rsplit(" ", 1)[-1].lower() in self.task_heads:
                return  # "Image Forgery Localization (IFL)" heading "... via Guided Noise ...": the task
            if name in task_kinds or name in task_names and pattern in (OUR_METHOD, TITLE_HEAD):
                # "the proposed BIQA method", "Pedestrian Attribute Recognition via ..." with "pedestrian
                # attribute recognition (PAR)": the task it is for (not "we propose self-reconstructed
                # tiny object detection (SR-TOD)")
                return
            key = name.lower().replace("-", " ")  # "Mini Diffuser: ..." and "Mini-Diffuser" are one name
            size = MODEL_SIZE.search(key)
            if size is not None and key[:size.start()].rstrip() in found:
                return  # "DianJin-R1-7B" once "DianJin-R1" is the name: a size of it, not another name
            if size is not None and FAMILY_VERSION.sub("", key[:size.start()].rstrip()) in self.model_families:
                return  # "our fine-tuned 4B model (Qwen3-4B)": a public model at a size, the paper's starting point
            if key in found and long_form and found[key].long_form is None:
                found[key].long_form = long_form  # "... ICPI ..." first, "In-Context Policy Iteration" later
            if key in found and found[key].field == "title" and field == "abstract" \
                    and found[key].name.lower() != name.lower():
                # the abstract's spelling, which it uses throughout, over the title's
                found[key] = Method(name=name, long_form=found[key].long_form or long_form, field=field, start=s0,
                                    end=s0 + len(name), pattern=pattern, cue=cue)
                return
            if not name or name.lower() in self.not_names or key in found \
                    or (" " not in name and (name.lower().endswith(self.not_name_endings) or PARTICIPLE_TAIL.search(name))) \
                    or (self.label is not None and self.label.fullmatch(name)):
                return
            if long_form is None:
                long_form = _long_form(name, acronyms)
            if long_form is not None and _concept(long_form) in self.not_names:
                return  # "a cost-efficient active learning (AL) framework": a kind of method, whatever it abbreviates
            found[key] = Method(name=name, long_form=long_form, field=field, start=s0, end=s0 + len(name),
                                pattern=pattern, cue=cue)

        for rule, rx in self.rules:
            field = rule.applies_to
            text = texts[field]
            if rule.requires and not any(map(lowered[field].__contains__, rule.requires)):
                continue
            pid = f"{KIND}.{rule.id}"
            if rule.before_definition:
                for p, cue in self._before_definitions(rule, rx, text, defined):
                    name, s0, long_form = _pair_name(p)
                    add(name, "abstract", s0, long_form, pid, cue)
                continue
            for m in rx.finditer(text):
                if rule.veto_before and self._vetoed(rule, text, m.start()):
                    continue
                if rule.sentence_needs and not self._presents(rule.sentence_needs, text, m.start()):
                    continue
                if rule.follow:
                    for name, f, s0, lf in self._after_cue(text, m.end(), defined, *aside(field), title_terms):
                        add(name, f, s0, lf, pid, m.group(0).strip())
                    continue
                for name, f, s0, lf, cue in self._named(rule, m, text, acronyms, abstract, title, title_terms):
                    add(name, f, s0, lf, pid, cue)
                    if f == "abstract" and name:
                        # "two variants, namely WebAgent-R1-Zero and WebAgent-R1-CoT"
                        for other, o0 in self._coordinated(text, s0 + len(name)):
                            add(other, f, o0, None, pid, cue)
        return _without_slogan(list(found.values()), abstract)

    def _coordinated(self, text: str, at: int, end: int | None = None) -> list[tuple[str, int]]:
        """Coined names coordinated right after a found one ("X and Y", "X, Y, and Z"), before ``end``."""
        out = []
        while (m := COORDINATED_COINED.match(text, at, end)) and _coined(m.group("name")) \
                and m.group("name").lower() not in self.not_names:
            out.append((m.group("name"), m.start("name")))
            at = m.end("name")
        return out

    def _named(self, rule: Rule, m: regex.Match, text: str, acronyms: dict[str, list[Pair]], abstract: str,
               title: str = "", title_terms: tuple[str, ...] = ()):
        """Names a rule's (?P<name>) group holds: (name, field, start, long form, cue)."""
        s0, s1 = m.span("name")
        # The cue is what the match holds besides the name (a name in a lookbehind precedes it).
        cue = m.group(0) if s1 <= m.start() else text[m.start():s0] + " " + text[s1:m.end()]
        cue = " ".join(cue.split()).strip(" ,?!.:\"“”‘’'") or None
        if rule.name_list:
            return [(w, rule.applies_to, at, None, cue)
                    for w, at in _name_list(text, m.start(), s0, s1, acronyms.get(rule.applies_to, []))]
        name = text[s0:s1].strip(" ,")
        if name.endswith(".") and not DOTTED.fullmatch(name):
            name = name.rstrip(".")  # "we call it TAME. It ..."
        if rule.applies_to == "title":
            if self.survey_words and self.survey_words.search(text, s1):
                return []  # "Retrieval-Augmented Generation: A Comprehensive Survey": the topic, not a contribution
            named = self._title_name(name, s0, acronyms, abstract, rule.accept)
            if named is None and " and " in name:
                # "HumanEval Pro and MBPP Pro: ...": two names, each one by itself
                left, right = name.split(" and ", 1)
                both = [self._title_name(left, s0, acronyms, abstract, rule.accept),
                        self._title_name(right, s0 + len(name) - len(right), acronyms, abstract, rule.accept)]
                if all(n is not None and any(map(_coined, n[0].split())) for n in both):
                    return [(*n, cue) for n in both]
                return []
            if named and named[0] != name and " " not in name and (_coined(name) or "-" in name):
                # "SpeedUpNet: ..." with "SpeedUpNet (SUN)" in the abstract: one coined name in two
                # spellings, both names of the contribution (a phrase's initials replace the phrase)
                return [(name, "title", s0, None, cue), (*named, cue)]
            return [(*named, cue)] if named else []
        # a name inside a defined Title Case long form is that definition's: "Fault-Guided
        # Fine-Tuning (FGit), a novel ..." (not "histone acetyltransferase (HAT), a novel ...")
        pair = next((p for p in acronyms.get("abstract", []) if p.long_start == s0 or p.start == s0
                     or p.long_start < s0 < p.long_start + len(p.long) and TITLE_PHRASE.fullmatch(p.long)), None)
        if pair is not None:
            pname, pstart, plong = _pair_name(pair)
            return [(pname, "abstract", pstart, plong, cue)]
        long = m.group("long") if "long" in m.re.groupindex else None
        if rule.accept == "titled":
            # "a novel Self-Selection RAG framework" under "... with Self-Selection": the title's own
            # term (not a describing compound, "a novel World Model-based Navigation framework", and,
            # where the title names the contribution before a colon, not a phrase naming a part of it,
            # "ARC-NeRF: Area Ray Casting ...", though "Mind2Web 2: ... with Agent-as-a-Judge" is a name)
            if any(w.lower().endswith(self.not_name_endings) for w in name.split()) or (":" in title and " " in name):
                return []
            return [(name, rule.applies_to, s0, long, cue)] if _shares_title_word(name, title_terms) else []
        if " " not in name and _coined(name):
            return [(name, rule.applies_to, s0, long, cue)]
        base, _, last = name.rpartition(" ")
        if base and " " not in base and _coined(base) and VERSION_WORD.fullmatch(last):
            return [(name, rule.applies_to, s0, long, cue)]  # "termed MPG-SAM 2,": that version of it
        words = name.split()
        if len(words) == 2 and any(w.istitle() and w.isalpha() and w.lower() not in self.not_names and _coined(o)
                                   for w, o in (words, words[::-1])) \
                and not DATA_KIND_AFTER.match(text, s1):
            # "Our proposed architecture, Gated DeltaNet, ...", "termed E2H Reasoner" (not "namely
            # Texture AD benchmark": data)
            return [(name, rule.applies_to, s0, long, cue)]
        if 3 <= len(words) <= 4 and text.startswith(",", s1) and any(map(_coined, words)) \
                and all(_coined(w) or w.istitle() and w.lower() not in self.not_names for w in words):
            # "this approach, named English-Pivoted CoT Training, outperforms ...": Title Case words
            # around a coined one, set off by a comma
            return [(name, rule.applies_to, s0, long, cue)]
        if long is None and self._plain_name(rule, m, text, name, s0):
            return [(name, rule.applies_to, s0, None, cue)]
        if TITLE_PHRASE.fullmatch(name) and "-" in name and " " not in name:
            return [(name, rule.applies_to, s0, long, cue)]  # "Memory-as-Action"
        return []

    def _plain_name(self, rule: Rule, m: regex.Match, text: str, name: str, s0: int) -> bool:
        """"named Ramble to ...", "named Dynamic Shift Max, to ...": a capitalised word or Title Case
        phrase after a naming verb, ending where the sentence goes on, not in "is called X"."""
        if not rule.plain_after or m.group(0).split(None, 1)[0].lower() not in rule.plain_after:
            return False
        if not (CAPITALISED.fullmatch(name) or TITLE_PHRASE.fullmatch(name) or CAPITALISED_COMPOUND.fullmatch(name)) \
                or name.lower() in self.not_names:
            return False
        before = LAST_WORD.search(text, max(0, m.start() - 30), m.start())
        if before and before.group(1).lower() in rule.plain_not_after:
            return False
        if rule.plain_needs and not self._presents(rule.plain_needs, text, m.start()):
            return False
        # ...or where the sentence ends: "a compression method called Prune and Merge."
        return bool(NAME_END.match(text, s0 + len(name)) or FULL_STOP.match(text, s0 + len(name)))

    def _title_name(self, name: str, s0: int, acronyms: dict[str, list[Pair]], abstract: str, accept: str):
        # "Task Memory Engine (TME): ..." or "Unified World Models: ..." with "(UWM)" defined later.
        for field in ("title", "abstract"):
            for p in acronyms.get(field, []):
                if (field == "title" and p.long_start == s0) or " ".join(p.long.lower().split()) == name.lower():
                    if DOTTED.fullmatch(p.short):
                        break  # the title's own words are the name
                    if field == "abstract" and p.long[1:] == p.long[1:].lower() != name[1:] \
                            and PLURAL_END.search(p.long):
                        # "Time Series Foundational Models: ..." over "Time series foundational
                        # models (TSFM) have gained prominence": a class of models the paper studies
                        # (a lower-case singular is still often its own: "selection via proxy (SVP)")
                        return None
                    if field == "abstract" and p.long_start == 0 and TOPIC_AFTER.match(abstract, p.end):
                        # "Source-Free Domain Adaptation with ...: ..." over an abstract that opens
                        # "Source-Free Domain Adaptation (SFDA) aims to adapt ...": a task, described
                        return None
                    if field == "abstract" and p.long_start == 0 and p.long[1:] == p.long[1:].lower() != name[1:]:
                        # "In-Context Learning as ...: ..." over an abstract that opens "In-context
                        # learning (ICL) ...": the topic the paper studies, not a name it gives
                        return None
                    return p.short, field, p.start, p.long
        if " " not in name:
            return (name, "title", s0, None) if accept != "coined" or _coined(name) else None
        if accept == "coined":
            return None
        words = name.split()
        # A multi-word prefix is a name when it reads as one (Title Case, no verb first):
        # "Model Breadcrumbs: ..." yes; "Guiding Giants: ...", "Latent learning: ..." no.
        if len(words) > 3 or words[0].lower() in self.not_names | FUNCTION_WORDS \
                or not all(w[0].isupper() or w[0].isdigit() or VERSION_WORD.fullmatch(w) for w in words) \
                or words[0].lower().endswith("ing") \
                or any(w.lower() in self.phrase_words for w in words):
            return None
        if accept == "echoed" and self._named_by_initials(name, abstract) is None \
                and not _echoed(name, abstract, acronyms.get("abstract", [])):
            return None
        if accept == "echoed" and abstract.startswith(name) and TOPIC_AFTER.match(abstract, len(name)):
            return None  # "Lexical Substitution is not ...: ..." over "Lexical Substitution is the task of ..."
        if _written_plain(name, abstract) and not _proposed(name, abstract):
            return None  # "Tabular Data: ..." over "Tabular data represent ...": an ordinary phrase
        if words[-1].lower() in self.task_heads and not _proposed(name, abstract):
            return None  # "Efficient Hallucination Detection: ...": the task the paper is about
        return name, "title", s0, None

    def _named_by_initials(self, name: str, abstract: str) -> tuple[str, int] | None:
        """The word the abstract uses for a multi-word name: its initials, as written ("ICPI")."""
        short = initials(name)
        if len(short) < 3 or short not in abstract or short.lower() in self.not_names:
            return None
        m = regex.search(whole_word(short, "s?"), abstract)
        return (m.group(0), m.start()) if m else None

    def _before_definitions(self, rule: Rule, rx, text: str, defined: list[Pair]):
        for p in defined:
            first = min(p.start, p.long_start)
            m = rx.search(text, max(0, first - 100), first)
            if m and p.short.lower() not in self.not_names and not (rule.veto_before and self._vetoed(rule, text, m.start())) \
                    and not APPOSED_KIND.match(text, max(p.end, p.long_end)) \
                    and not self._modifier(text, max(p.end, p.long_end)) \
                    and not _data_for_task(text, p):
                # (not "a novel Graph-of-Thought (GoT) guided ... model", nor "a new sentiment analysis (SA) dataset")
                yield p, m.group(0).strip() or None

    def _vetoed(self, rule: Rule, text: str, at: int) -> bool:
        before = self._sentence_before(text, at).lower()
        return any(v in before for v in rule.veto_before)

    def _presents(self, needs: list[str], text: str, at: int) -> bool:
        """The sentence before ``at`` holds one of the words that present the paper's own work (or the
        rest of it says so in the passive: "a framework termed X (Y) is proposed to ...")."""
        if not set(WORDS.findall(self._sentence_before(text, at).lower())).isdisjoint(needs):
            return True
        end = SENTENCE_END.search(text, at)
        return PASSIVE_PRESENTED.search(text, at, end.start() if end else len(text)) is not None

    @staticmethod
    def _sentence_before(text: str, at: int) -> str:
        """The sentence up to ``at`` (at most 300 characters back)."""
        starts = [m.end() for m in SENTENCE_END.finditer(text, max(0, at - 300), at)]
        return text[starts[-1] if starts else max(0, at - 300):at]

    def _after_cue(self, text: str, at: int, defined: list[Pair], serving: frozenset[int],
                   modifying: frozenset[int], title_terms: tuple[str, ...] = ()):
        """Names the paper gives its contribution after a presenting cue. ``serving`` and ``modifying``:
        the ids of the defined pairs that name a task the contribution serves (``_purpose``) or a kind
        of thing (``_class_of_things``), or a technique its noun is about (``MODIFIES_KIND``), not the
        contribution."""
        end_m = SENTENCE_END.search(text, at)
        end = min(end_m.start() if end_m else len(text), at + 220)
        if ARTICLE_NEXT.match(text, at) and NAMING_VERB.search(text, at, end) is not None \
                or NEW_THEN_DUBBED.match(text, at, end):
            # "we propose a Conditional Variational AutoEncoder with ..., named LPCVAE": the words
            # before the naming verb describe the name after it, which the naming rule takes (not
            # "we propose Cascaded-ViT (CViT), ... featuring a design called CCFFN")
            return []
        # Candidates as (start, end, item), by priority: acronyms defined after the cue, the first
        # coined word, a Title Case phrase right after the cue's lead words.
        found = [(min(p.start, p.long_start), max(p.end, p.long_end), _as_item(p))
                 for p in defined if at <= min(p.start, p.long_start) < end
                 and p.short.lower() not in self.not_names and not self._foreign(text[at:min(p.start, p.long_start)])
                 and not self._modifier(text, max(p.end, p.long_end)) and id(p) not in serving
                 and id(p) not in modifying]
        coined = self._first_coined(text, at, end, defined, serving, modifying, title_terms)
        if coined is not None and (two := SECOND_COINED.match(text, coined[2], end)) and _coined(two.group(1)) \
                and two.group(1).lower() not in self.not_names:
            coined = (text[coined[1]:two.end(1)], coined[1], two.end(1))  # "StepChain GraphRAG, a framework"
        elif coined is not None and (kind := TITLE_WORD_NAMED.match(text, coined[2], end)):
            coined = (text[coined[1]:kind.end(1)], coined[1], kind.end(1))  # "iSWE Agent, an automated issue resolver"
        extras = [coined, self._title_phrase(text, at, end)]
        if coined is not None:  # "we introduce DiT-Air and DiT-Air-Lite"
            extras += [(w, w0, w0 + len(w)) for w, w0 in self._coordinated(text, coined[2], end)]
        for extra in extras:
            if extra is not None and not any(c[0] <= extra[1] < c[1] or extra[1] <= c[0] < extra[2] for c in found) \
                    and not self._modifier(text, extra[2]):  # "Exponentially Moving Average (ema) based update"
                found.append((extra[1], extra[2], (extra[0], "abstract", extra[1], None)))
        found.sort(key=lambda c: c[0])
        out = []
        last_end = at
        for first, stop, item in found:
            if CITED.match(text, stop):
                continue
            # A later name is coordinated with the first ("a Graph (G) ..., and a Field (F)"), not
            # inside a clause that describes it ("VIBR (...), a method that reduces OOD (...)") or an
            # appositive ("Neural k-Opt (NeuOpt), a novel learning-to-search (L2S) solver").
            if out and (not COORDINATED.search(text, last_end, first) or APPOSITIVE.match(text[last_end:first])
                        or DESCRIBING_CLAUSE.search(text, last_end, first)
                        and not JOINED_BY_WORD.search(text, last_end, first)):
                break
            out.append(item)
            last_end = stop
        if out and out[-1][3] is None:
            out += self._labels(text, at, last_end, end, defined)
        return out

    def _title_phrase(self, text: str, at: int, end: int) -> tuple[str, int, int] | None:
        lead = LEAD.match(text[at:end])
        start = at + (lead.end() if lead else 0)
        quoted = QUOTED_NAME.match(text, start, end)
        if quoted is not None and quoted.group(1).lower() not in self.not_names:
            return quoted.group(1), quoted.start(1), quoted.end(1)  # we introduce “Coop-Diffusion”, an algorithm
        tm = TITLE_PHRASE.match(text, start, end)
        after = text[tm.end():tm.end() + 12] if tm else ""
        if tm is None:
            # One capitalised word right after the cue, set off as a name: "we propose Prove, a ...".
            tm = CAPITALISED.match(text, start, end)
            after = text[tm.end():tm.end() + 12] if tm else ""
            # ...or set off by commas after the kind of thing it is: "a unified framework, Dentist, for ..."
            set_off = lead is not None and lead.group(0).rstrip().endswith(",") and after.startswith((",", " ("))
            if tm is None or tm.group(0).lower() in self.not_names or not (APPOSITION.match(after) or set_off):
                km = KIND_THEN_NAME.search(text, start, min(end, start + 120))
                if km is None or km.group(1).lower() in self.not_names or self._foreign(text[at:km.start(1)]):
                    return None
                return km.group(1), km.start(1), km.end(1)
        if self._foreign(text[at:tm.start()]):
            return None
        if " and " in tm.group(0) and all(" " not in part and _coined(part) for part in tm.group(0).split(" and ")):
            return None  # "we release OdysseyBench and HomerAgents": two names, coordinated
        # A name, not the start of a sentence-like phrase: followed by a comma, an appositive or a clause.
        if NAME_END.match(after):
            return tm.group(0), tm.start(), tm.end()
        return None

    def _first_coined(self, text: str, at: int, end: int, defined: list[Pair], serving: frozenset[int],
                      modifying: frozenset[int], title_terms: tuple[str, ...]) -> tuple[str, int, int] | None:
        # A word the abstract defined or used before the cue names the setting, the task or prior
        # work ("existing AS2 datasets ... we build a new AS2 dataset"), not the contribution.
        earlier = {p.short for p in defined if p.start < at}
        earlier |= {w[:-1] for w in earlier if w.endswith("s") and w[:-1].isupper()}  # "LMs" defined, "LM agents" later
        earlier |= {p.short for p in defined if id(p) in serving}  # a task it serves, a kind of thing
        earlier |= {p.short for p in defined if at <= p.start < end and id(p) in modifying}  # a technique its noun is about
        lead = LEAD.match(text[at:end])
        listed = [b.span() for b in BRACKETED_LIST.finditer(text, at, end)] if "(" in text[at:end] else []
        for m in COINED.finditer(text, at, end):
            w = m.group(0).rstrip(".")
            if self._modifier(text, m.start() + len(w)) or w.lower().endswith(self.not_name_endings):
                continue  # "a GT-based planner", "(GT) based", "a GNN-based detector": describes the contribution
            if not _coined(w) or w.lower() in self.not_names or w in earlier:
                continue
            if "-" in w and all(part in earlier for part in w.split("-")):
                continue  # "uLDCT-NDCT image pairs", both defined before: the things it pairs, not a name
            if OWNER_AFTER.match(text, m.start() + len(w)):
                continue  # "presents KIT's submissions", "describes NLIP Lab’s system": whose work, not what it is called
            if HIGHLIGHTED_WORD.fullmatch(w) and TITLED_NEXT.match(text, m.start() + len(w)):
                continue  # a word whose first letters spell part of a short form: "a COllaborative Learning-based ... approach, COLT"
            if listed and any(s <= m.start() < e for s, e in listed):
                continue  # "one-stage methods (ORPO, ASFT)": examples of a kind of thing, not the contribution
            if NOUN_NEXT.match(text, m.start() + len(w)) and SETTING_BEFORE.search(text, at, m.start()):
                continue  # "a framework for downlink beamforming in large-scale MU-MISO channels": the setting
            year = YEAR_AFTER.match(text, m.start() + len(w)) or VERSION_AFTER.match(text, m.start() + len(w))
            # a new edition of a name used before is new: "MM-Vet ... we introduce MM-Vet v2"
            if year is not None or not _used_before(w, text, at):
                if self._foreign(text[at + (lead.end() if lead else 0):m.start()]) or m.start() - at > 120:
                    return None
                # "a novel LLM-as-a-Judge evaluation method": after an indefinite article, a word
                # that a noun follows classifies the contribution, unless the abstract goes on to
                # use it as a name ("an EM-Test benchmark ... results on EM-Test").
                if INDEFINITE.search(text, at, m.start()) and NOUN_NEXT.match(text, m.start() + len(w)) \
                        and not _used_before(w, text[m.start() + len(w):], len(text)) \
                        and not _shares_title_word(w, title_terms):
                    return None  # (but "a Self-Selection-RGP method" under "... with Self-Selection" is named so)
                if year:
                    w += year.group(0)  # a challenge or dataset with its edition: "ILPC 2022", "EfficientZero V2"
                first = TITLE_WORD_BEFORE.search(text, at, m.start())
                if first is not None and first.start() == at + (lead.end() if lead else 0) \
                        and APPOSITION_NEXT.match(text, m.start() + len(w)):
                    # "we propose Shopping MMLU, a ... benchmark": the capitalised word that opens the
                    # name is part of it
                    return text[first.start():m.start() + len(w)], first.start(), m.start() + len(w)
                return w, m.start(), m.start() + len(w)
        return None

    def _labels(self, text: str, cue_end: int, start: int, end: int, defined: list[Pair] = ()):
        """Coined names in parentheses later in the cue's clause that abbreviate nothing before them:
        labels the paper gives to parts of its contribution ("... generating dialogue data (EM-Data)"),
        not short forms the abstract defines there ("a benchmark for text-to-image (T2I) evaluation")."""
        if "(" not in text[start:end]:
            return []
        out = []
        shorts = {p.start for p in defined}
        for pm in PAREN_WORD.finditer(text, start, end):
            w, ps = pm.group(1), pm.start(1)
            if ps in shorts:
                continue
            # An initialism may abbreviate the words before it ("grid mazes (GM)"); a name holding a
            # word ("EM-Train") does not.
            initialism = not regex.search(r"[a-z]{3}", w)
            if _coined(w) and w.lower() not in self.not_names and not self._foreign(text[cue_end:ps]) \
                    and not BRACKETED_SIZE.fullmatch(w) \
                    and not (initialism and sh_match(w, text[max(start, ps - 80):pm.start()]) is not None):
                out.append((w, "abstract", ps, None))
        return out

    def _modifier(self, text: str, at: int) -> bool:
        # (or a kind of thing whose coined name follows: "a deep operator network (DeepONet)
        # architecture Inversion-DeepONet" names Inversion-DeepONet)
        return bool(self.modifier_after and self.modifier_after.match(text, at)) or bool(KIND_THEN_COINED.match(text, at))

    def _foreign(self, between: str) -> bool:
        # (and what the contribution is made from, right before the name: "a dataset from EndoVis2017")
        return bool(self.foreign and self.foreign.search(between)) or bool(FROM_END.search(between))


def _purpose(text: str, p: Pair) -> bool:
    """A task the contribution serves or acts on, written plainly after "for" or "to <verb>" (maybe past
    a modifier or two: "to predict the per-frame sequence matching receptiveness (SMR)"):
    "fine-tuning for remote sensing change detection (RSCD)", "designed to enhance automatic speech
    recognition (ASR) performance", "a framework to interpret federated learning (FL)" (a Title Case
    long form there may still be the contribution's name); or the problem an approach is to, however
    capitalised: "a novel approach to Dialogue State Tracking (DST)"."""
    if p.long_start >= p.start:
        return False
    lo = max(0, p.long_start - PURPOSE_WINDOW)
    # (a Title Case task too, where the paper goes on to write it as one: "a framework for multilingual
    # Word Sense Disambiguation (WSD). Our approach reframes the WSD task ...")
    return (PURPOSE_BEFORE.search(text, lo, p.long_start) is not None
            and (p.long.islower() or _written_as_task(text, p.short, max(p.end, p.long_end)))
            or APPROACH_TO.search(text, lo, p.long_start) is not None)


def _data_for_task(text: str, p: Pair) -> bool:
    """A lower-case task defined right before a data noun: "question answering (QA) datasets" are data
    for QA, not a data set named QA."""
    return p.long.islower() and DATA_KIND_AFTER.match(text, max(p.end, p.long_end)) is not None


def _written_plain(name: str, abstract: str) -> bool:
    """The abstract writes a Title Case phrase with its later words in lower case ("tabular data"),
    so the phrase is an ordinary noun phrase, not a name."""
    plain = name[1:].lower()
    return plain != name[1:] and any(m.group(0)[1:] == plain
                                     for m in regex.finditer(whole_word(name), abstract, regex.IGNORECASE))


def _own_title_terms(title: str, defined: list[Pair]) -> tuple[str, ...]:
    """The title's capitalised terms that are not part of a long form the abstract defines: the
    field's own terms ("Retrieval-Augmented Generation (RAG)") are everyone's."""
    common = " ".join(p.long.lower() for p in defined)
    return tuple(t for t in TITLE_TERM.findall(title) if t.lower() not in common)


def _without_slogan(found: list[Method], abstract: str) -> list[Method]:
    """A title's plain lead phrase that the abstract never writes, where the abstract names its
    contribution otherwise, is the title's slogan ("Always Clear Days: ..." for UtilityIR, "Stop
    Summation: ..." for PURE), or the long form of that name ("Unified World Models: ..." for UniWM).
    So is a plain phrase heading the title ("Difficulty-Aware Label-Guided Denoising for ...") that
    the abstract writes next to the name it gives ("MonoDLGD, a novel Difficulty-Aware Label-Guided
    Denoising framework"), or not at all (written apart, it names a part of the work of its own:
    "Spatially-Aware Transformer models" and a later "Adaptive Memory Allocator")."""
    named = [m for m in found if m.field == "abstract"]
    if not named:
        return found
    out = []
    low = abstract.lower()
    for m in found:
        if m.field != "title" or m.pattern not in (TITLE_PREFIX, TITLE_HEAD) or " " not in m.name \
                or PLAIN_PHRASE_NOT.search(m.name):
            out.append(m)
            continue
        at = low.find(m.name.lower())
        slogan = at < 0 if m.pattern == TITLE_PREFIX else at < 0 or any(abs(o.start - at) <= PAIRED_NEAR for o in named)
        if slogan:
            for o in named:
                if o.long_form is None and sh_match(o.name, m.name) is not None:
                    o.long_form = m.name
            continue
        out.append(m)
    return out


def _shares_title_word(name: str, terms: tuple[str, ...]) -> bool:
    """The name holds one of the title's own terms as the title writes it ("Self-Selection" in
    "Self-Selection-RGP"; not "Classifier" in "a classifier-LLM approach", a plain word there)."""
    return any(t in name for t in terms)


def _proposed(name: str, abstract: str) -> bool:
    """The abstract proposes the title's phrase by name, in lower case, set off as a name: "we
    propose output scouting: an approach that ..." under "Output Scouting: Auditing ..."."""
    return regex.search(PROPOSED + regex.escape(name) + r"(?=\s?[:(,—–])", abstract, regex.IGNORECASE) is not None


def _echoed(name: str, abstract: str, defined: list[Pair]) -> bool:
    """The abstract repeats a Title Case phrase mid-sentence, outside any acronym's long form: it
    is a proper name there ("explores Spatially-Aware Transformer models"), not a field's name
    capitalised for its acronym ("Imitation Learning from Observations (ILfO)")."""
    for m in regex.finditer(whole_word(name), abstract):
        before = abstract[:m.start()].rstrip()
        if not before or before[-1] in ".!?:":
            continue
        if any(p.long_start <= m.start() < p.long_end for p in defined):
            continue
        if abstract[m.end():m.end() + 2].strip().startswith("("):
            continue
        return True
    return False


def _long_form(name: str, acronyms: dict[str, list[Pair]]) -> str | None:
    for pairs in acronyms.values():
        for p in pairs:
            if p.short == name:
                return p.long
    return None


def _concept(words: str) -> str:
    """A long form as the never-names list writes it: lower case, hyphens as spaces, singular."""
    folded = " ".join(words.lower().replace("-", " ").split())
    return folded[:-1] if folded.endswith("s") and not folded.endswith("ss") else folded


def _written_as_task(text: str, short: str, after: int) -> bool:
    """``short`` used later as a task: what baselines or scores are of, or what something is for."""
    return _task_use(short).search(text, after) is not None


@functools.lru_cache(maxsize=4096)
def _task_use(short: str) -> regex.Pattern:
    # (not where the paper calls it its own: "our proposed FFM model")
    return regex.compile(rf"\bfor\s+{regex.escape(short)}\b|(?<![\w-])(?<!\b(?:our|proposed)\s+){regex.escape(short)}\s+(?:baselines?|models?|systems?"
                         rf"|(?:sub)?tasks?|datasets?|benchmarks?|accuracy|performance|research|methods|approaches)\b")
