"""The pipeline, built once per process: a blank spaCy English tokenizer and one extractor per
record field, all configured from the loaded pattern files (sentences are split on demand:
``sentences.py``).

Per paper: tokenise title and abstract once, run the field extractors in dependency order
(URLs first so links are masked from the rest; benchmarks before gains, which cite them;
acronyms before methods, which expand with them), then build and validate the record.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import regex
import spacy
from spacy.attrs import IS_PUNCT, LOWER, ORTH

from . import __version__, acronyms, benchmarks, gains, method, regex_cache, urls
from .patterns import PatternError, PatternSet, load_patterns, pattern_dirs
from .readers import Paper, paper_id
from .record import Method, Record, Source
from .sentences import Sentences


# spaCy keeps a full stop glued to a token that ends in a capital ("GSM8K.", "Part A." at the end
# of a sentence) and a trailing hyphen on "MuJoCo- and PyBullet-based"; split both off so a name
# tokenises the same wherever it stands, as the gazetteer's PhraseMatcher needs. Trailing pluses
# come off too, so "Meta-World+" holds the token "World" and reads as a variant of Meta-World.
EXTRA_SUFFIXES = (r"(?<=[A-Za-z0-9&+_\-][A-Z])\.", r"(?<=^[A-Z])\.", r"(?<=-[a-z])\.", r"(?<=[A-Za-z0-9])-$", r"(?<=[A-Za-z0-9+])\+$")
SLASH_BEFORE_NUMBER = r"(?<=[A-Za-z0-9])/(?=[0-9])"
# "RefCOCO+/RefCOCOg", "RefCOCO/+/g": a slash after or before a plus splits too, so the names around it are tokens.
SLASH_BY_PLUS = r"(?<=\+)/(?=[A-Za-z0-9+])|(?<=[A-Za-z0-9])/(?=\+)"
# "on FactBench.111Additional details ...": a footnote mark glued after a sentence's full stop; the stop
# is a token of its own, so the sentence ends there and the name before it is whole.
GLUED_FOOTNOTE_STOP = r"(?<=[A-Za-z]{2})\.(?=[0-9]{1,4}[A-Z][a-z])"
# The only lexical attributes anything here reads: LOWER (the gazetteer's case-blind PhraseMatcher,
# cue words) and IS_PUNCT (sentence splitting). spaCy computes every other one (shape, stop word,
# like_num, ...) for each word it has not seen before, which in abstracts full of new names costs
# about a quarter of the tokenizer's time.
LEXICAL_ATTRIBUTES = (LOWER, IS_PUNCT)
# Hyphens that web pages put where a plain one is meant ("Fashion\u2011MNIST", non-breaking): the
# rules read a plain hyphen, one for one, so every offset stays valid, and the record quotes the
# original text. (Readers already write every kind of space as a plain one.)
PLAIN = str.maketrans({"\u2010": "-", "\u2011": "-"})
# A footnote mark glued between a word and a link: "SWE-Compass111https://..." (arXiv HTML writes footnote 1 as
# "111"), or set off from the link by a space when it is that tripled digit: "DGUA-FAS111 https://...".
GLUED_MARK = regex.compile(r"(?<=\p{L})(?:\d+|(\d)\1\1\s)\Z")
# A short form in the plural, whose definition also says what the singular means ("PPIs", "LLMs").
PLURAL_SHORT = regex.compile(r"[A-Z][A-Z0-9]+s")
# The words and hyphened parts of a name: "BLIP3-KALE" is "blip3", "kale".
NAME_PARTS = regex.compile(r"[\s-]+")


# Abbreviations whose full stop ends no sentence (tokenizer special cases, each one token).
MID_SENTENCE_ABBREVIATIONS = ("p.p.", "rel.", "approx.", "resp.", "cf.", "incl.", "avg.", "w.r.t.", "Fig.", "Eq.", "Sec.")


def blank_nlp() -> spacy.language.Language:
    nlp = spacy.blank("en")
    suffixes = [*nlp.Defaults.suffixes, *EXTRA_SUFFIXES]
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    # "CIFAR-10/100", "MOT17/20": a slash before a number splits, so the name before it is a token run
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex([*nlp.Defaults.infixes, SLASH_BEFORE_NUMBER, SLASH_BY_PLUS, GLUED_FOOTNOTE_STOP]).finditer
    # "4.8 p.p. and 4.2 p.p." is one sentence: percentage points are an abbreviation, as "e.g." is, and so
    # are the others written mid-sentence ("reduce the WDER by rel. 55.5%", "approx. 3x", "cf. Fig. 2")
    for abbreviation in MID_SENTENCE_ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    getters = nlp.vocab.lex_attr_getters
    nlp.vocab.lex_attr_getters = {a: f for a, f in getters.items() if a in LEXICAL_ATTRIBUTES}
    return nlp


class Pipeline:
    def __init__(self, patterns: PatternSet):
        self.patterns = patterns
        self.nlp = blank_nlp()
        self.urls = urls.UrlExtractor(patterns.of(urls.KIND))
        self.benchmarks = benchmarks.BenchmarkExtractor(
            patterns.of(benchmarks.KIND), patterns.of(benchmarks.CUE_KIND), self.nlp
        )
        self.gains = gains.GainExtractor(patterns.of(gains.KIND))
        self.acronyms = acronyms.AcronymExtractor(patterns.of(acronyms.KIND))
        self.method = method.MethodExtractor(patterns.of(method.KIND))

    @classmethod
    def build(cls, patterns: PatternSet) -> Pipeline:
        """The pipeline for loaded patterns; a rule that validates alone but not with the others
        (an unknown macro, say) is a PatternError like any other pattern-file problem."""
        try:
            pipeline = cls(patterns)
        except (ValueError, regex.error) as exc:
            raise PatternError([f"building the pipeline: {exc}"]) from None
        regex_cache.save()
        return pipeline

    @classmethod
    def load(cls, extra_dirs: Sequence[str | os.PathLike] = ()) -> Pipeline:
        return cls.build(load_patterns(pattern_dirs(extra_dirs)))

    def extract(self, paper: Paper, sources: Sequence[Source] | None = None) -> Record:
        fields = {"title": _plain(paper.title), "abstract": _plain(paper.abstract)}
        url_items, bench_hits, gain_items, pairs, docs, masks = [], [], [], {}, {}, {}
        for field, text in fields.items():
            docs[field] = self.nlp.make_doc(text)
            found_urls = self.urls.find(text, field)
            masks[field] = [(u.start, u.end) for u in found_urls]
            url_items += found_urls
            pairs[field] = [p for p in self.acronyms.find(text, field) if not _inside(p.start, masks[field])]
        # An acronym the paper defines means what its long form says ("Abstract Reasoning Corpus
        # (ARC)" is not the AI2 Reasoning Challenge), wherever it is used.
        defined = {p.short: p.long for field_pairs in pairs.values() for p in field_pairs}
        # ...and a plural's definition covers the singular: "protein-protein interactions (PPIs) ... PPI"
        for short, long in list(defined.items()):
            if PLURAL_SHORT.fullmatch(short):
                defined.setdefault(short[:-1], long)
        for field, text in fields.items():
            sentences = Sentences(docs[field], text)  # split only if an extractor asks
            hits = self.benchmarks.find(docs[field], text, field, masks[field], defined, sentences)
            bench_hits += [(field, h) for h in hits]
            found = [(h.start, h.end, h.name) for h in hits]
            gain_items += self.gains.find(docs[field], field, found, text=text, sentences=sentences)
        own = self.benchmarks.introduced_as_method(fields["abstract"], {h.text for _, h in bench_hits})
        if own:
            # the paper's own method, named like a benchmark ("WebVoyager: Building an ... Web Agent")
            bench_hits = [(f, h) for f, h in bench_hits if h.text not in own]
        items = {
            "benchmarks": benchmarks.build_items(bench_hits, defined),
            "gains": gain_items,
            "urls": url_items,
            # a link is no place for a name ("github.com/Magiccircuit/MSA-Augmentor")
            "method": _own_data(_whole_names(self.method.find(_blank(fields["title"], masks["title"]),
                                                              _blank(fields["abstract"], masks["abstract"]), pairs),
                                             bench_hits, fields),
                                bench_hits, self.benchmarks.own_patterns, defined),
            "acronyms": acronyms.to_items(pairs),
        }
        if fields["title"] != paper.title or fields["abstract"] != paper.abstract:
            _quote_original(items, {"title": paper.title, "abstract": paper.abstract})
        return Record(
            id=paper_id(paper.title, paper.arxiv_id),
            title=paper.title,
            abstract=paper.abstract,
            sources=list(sources) if sources is not None else [Source(path=paper.path, index=paper.index)],
            **items,
            extractor_version=__version__,
            patterns_version=self.patterns.version,
        )


def _whole_names(found: list, bench_hits: list, fields: dict[str, str]) -> list:
    """A method name cut short where a benchmark the paper introduces goes on ("a new dataset, TUT
    Mono-to-Binaural,": the method finder stops at "TUT") or started ("we construct SWE-bench Lite-S":
    it starts at "Lite-S") is that benchmark's whole name."""
    names = {h.text for _, h in bench_hits if h.rule is None}
    for m in found:
        if m.long_form is not None:
            continue
        text, k = fields[m.field], len(m.name)
        # the longest benchmark name the method's span opens, else the longest it ends
        longer = [n for n in names if len(n) > k]
        whole = max((n for n in longer if n[k] in " -" and text.startswith(n, m.start)), key=len, default=None)
        if whole is not None:
            m.name, m.end = whole, m.start + len(whole)
            continue
        whole = max((n for n in longer if n[-k - 1] in " -" and text.startswith(n, m.end - len(n))), key=len, default=None)
        if whole is not None:
            m.name, m.start = whole, m.end - len(whole)
    # a name made whole can be one found already ("CST Anti-UAV: ..." and "we present the CST Anti-UAV"),
    # and a name with its data noun is the name found without it ("MAWIFlow Benchmark: ..." and
    # "this paper introduces MAWIFlow, a flow-based benchmark")
    seen: set[str] = set()
    found = [m for m in found if not (m.name in seen or seen.add(m.name))]
    found = [m for m in found if (stem := _without_noun_tail(m.name)) == m.name or stem not in seen]
    # ...and a title's name is the abstract's written without its joiners ("TD-RD: ..." over "... (TDRD)")
    joined = {benchmarks.name_key(m.name) for m in found if m.field == "abstract"}
    return [m for m in found if m.field != "title" or benchmarks.name_key(m.name) == m.name.lower()
            or benchmarks.name_key(m.name) not in joined]


def _without_noun_tail(name: str) -> str:
    """"MAWIFlow Benchmark" without its benchmark noun (the nouns a known name's own tail may be)."""
    tail = benchmarks.NOUN_TAIL.search(name)
    return name[:tail.start()] if tail is not None and tail.end() == len(name) else name


def _own_data(found: list, bench_hits: list, own: frozenset[str], defined: dict[str, str]) -> list:
    """A data set the sentence says the paper made ("we generate a larger training set (PubChemQH)") is
    one of its own contributions too, which the guidelines list under method, unless the method finder
    has it already: under this name, its short form ("Text-Music-Dance (TMD)") or a longer one."""
    names = {m.name for m in found} | {m.long_form for m in found if m.long_form}
    names |= {long for short, long in defined.items() if short in names}
    # ...or under a longer name of which this is a part ("BLIP3-KALE" ... "We release the KALE dataset")
    taken = {n.lower() for n in names} | {p for m in found for p in NAME_PARTS.split(m.name.lower())}
    taken |= {benchmarks.name_key(n) for n in names}  # "TD-RD" is the "TDRD" found already
    for field, h in bench_hits:
        if h.rule is not None or h.pattern not in own or h.text.lower() in taken or benchmarks.name_key(h.text) in taken:
            continue
        if any(m.field == field and m.start < h.end and h.start < m.end for m in found):
            continue
        found.append(Method(field=field, start=h.start, end=h.end, pattern=h.pattern, name=h.text))
        taken.add(h.text.lower())
    return found


def _inside(pos: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in ranges)


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with these spans written over by spaces (offsets unchanged), and a footnote mark
    glued on before a link with them ("SWE-Compass111https://...")."""
    for start, end in spans:
        mark = GLUED_MARK.search(text, max(0, start - 8), start)
        start = mark.start() if mark else start
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _plain(text: str) -> str:
    return text if text.isascii() else text.translate(PLAIN)


def _quote_original(items: dict[str, list], original: dict[str, str]) -> None:
    """Every quoted string back to the paper's own characters (the offsets are the same)."""
    for b in items["benchmarks"]:
        for m in [b, *b.mentions]:
            m.text = original[m.field][m.start:m.end]
    for item in [*items["gains"], *items["urls"]]:
        item.text = original[item.field][item.start:item.end]
    for m in items["method"]:
        m.name = original[m.field][m.start:m.end]
    for a in items["acronyms"]:
        a.short = original[a.field][a.start:a.end]
        a.long = original[a.field][a.long_start:a.long_end]
