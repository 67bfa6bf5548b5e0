"""Acronym-definition benchmark: our extractor against others' gold, optionally beside scispacy.

Corpora: the BioC abbreviation sets in ../shared/external/abbreviations-bioc (MEDSTRACT, Ab3P,
BioADI, SH; biomedical titles and abstracts), the SDU@AAAI-21 acronym sentences from arXiv papers
in ../shared/external/sdu-aaai21-acronyms (dev and test; see ``load_sdu``), and this project's ML
gold (../shared/gold with the seed listings in ../shared/seeds). Score: pair precision/recall/F1,
micro-averaged over documents, where a document's pairs are the set of distinct (short, long) it
defines, compared case-folded with white space folded (the rule extractor/evaluate.py uses for the
`acronyms` field). On the ML gold a prediction that matches a borderline gold pair counts neither
way.

    .venv/bin/python bench/abbreviations.py                      # our extractor only
    .venv/bin/python bench/abbreviations.py --scispacy-python /tmp/scivenv/bin/python
    .venv/bin/python bench/abbreviations.py --errors Ab3P        # list misses and false pairs

scispacy is not a project dependency: ``--scispacy-python`` names the interpreter of a throwaway
venv that has it; this file re-runs itself there with ``--emit-scispacy`` (reading texts as JSON
on stdin, writing pairs as JSON on stdout), so that mode imports nothing from the project.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
BIOC_DIR = SHARED / "external" / "abbreviations-bioc"
BIOC_FILES = {
    "MEDSTRACT": "medstract_bioc_gold.xml",
    "Ab3P": "Ab3P_bioc_gold.xml",
    "BioADI": "bioadi_bioc_gold.xml",
    "SH": "SH_bioc_gold.xml",
}
ML_NAME = "ML gold"
SDU_DIR = SHARED / "external" / "sdu-aaai21-acronyms"
SDU_NAME = "SDU arXiv"
SDU_FILES = ("dev.json", "truth.json")
SDU_JOINS = [(re.compile(r" - "), "-"), (re.compile(r"\( "), "("), (re.compile(r" \)"), ")"),
             (re.compile(r" ([,.;:])"), r"\1")]


def norm(s: str) -> str:
    return " ".join(s.casefold().split())


@dataclass
class Doc:
    id: str
    texts: list[tuple[str, str]]  # (field, text): a title gets no "NAME: Subtitle" definitions
    gold: set[tuple[str, str]]
    borderline: set[tuple[str, str]] = field(default_factory=set)


def load_bioc(path: Path) -> list[Doc]:
    docs = []
    for d in ET.parse(path).getroot().iter("document"):
        texts, gold = [], set()
        for p in d.iter("passage"):
            kind = "title" if p.findtext("infon") == "title" else "abstract"
            texts.append((kind, p.findtext("text") or ""))
            anns = {a.get("id"): a.findtext("text") or "" for a in p.iter("annotation")}
            for r in p.iter("relation"):
                roles = {n.get("role"): anns.get(n.get("refid"), "") for n in r.iter("node")}
                if roles.get("ShortForm") and roles.get("LongForm"):
                    gold.add((norm(roles["ShortForm"]), norm(roles["LongForm"])))
        docs.append(Doc(d.findtext("id") or str(len(docs)), texts, gold))
    return docs


def _detokenize(s: str) -> str:
    # The SDU sentences are space-tokenised ("k - Nearest Neighbor ( kNN )"); authors write
    # "k-Nearest Neighbor (kNN)", and the pairs are compared as written.
    for rx, rep in SDU_JOINS:
        s = rx.sub(rep, s)
    return s


def _spans(labels: list[str], kind: str) -> list[tuple[int, int]]:
    out, i = [], 0
    while i < len(labels):
        if labels[i] == f"B-{kind}":
            j = i + 1
            while j < len(labels) and labels[j] == f"I-{kind}":
                j += 1
            out.append((i, j))
            i = j
        else:
            i += 1
    return out


def load_sdu(directory: Path = SDU_DIR) -> list[Doc]:
    """SDU@AAAI-21 labels every short and long form in a sentence, defined or not, with no pairing.
    A pair is a labelled long form with a labelled short form right after it in parentheses, or
    the other way round: the two shapes that define one. The labels are not exhaustive (some
    definitions went unlabelled), so precision here is a floor."""
    docs = []
    for name in SDU_FILES:
        path = directory / name
        if not path.exists():
            continue
        for sent in json.loads(path.read_text(encoding="utf-8")):
            tokens, labels = sent["tokens"], sent["labels"]
            gold = set()
            for a, b in _spans(labels, "long"):
                for c, d in _spans(labels, "short"):
                    # long ( short )  or  short ( long )
                    if (c == b + 1 and tokens[b] == "(" and d < len(tokens) and tokens[d] == ")") or \
                            (a == d + 1 and tokens[d] == "(" and b < len(tokens) and tokens[b] == ")"):
                        gold.add((norm(_detokenize(" ".join(tokens[c:d]))), norm(_detokenize(" ".join(tokens[a:b])))))
            docs.append(Doc(sent["id"], [("abstract", _detokenize(" ".join(tokens)))], gold))
    return docs


def load_ml_gold() -> list[Doc]:
    """The project's gold records, with title and abstract taken from the seed listings."""
    sys.path.insert(0, str(REPO))
    from extractor.evaluate import load_jsonl
    from extractor.readers import Problems, normalise_title, read_papers

    papers = {normalise_title(p.title): p for p in read_papers([str(SHARED / "seeds")], Problems())}
    docs = []
    for gold_file in sorted((SHARED / "gold").glob("*.gold.jsonl")):
        for g in load_jsonl(str(gold_file)):
            paper = papers.get(normalise_title(g["title"]))
            if paper is None:
                continue
            pairs = {(norm(a["short"]), norm(a["long"])): bool(a.get("borderline")) for a in g.get("acronyms", [])}
            docs.append(Doc(g["title"], [("title", paper.title), ("abstract", paper.abstract)],
                            {k for k, b in pairs.items() if not b}, {k for k, b in pairs.items() if b}))
    return docs


def load_corpora(names: list[str] | None = None) -> dict[str, list[Doc]]:
    corpora = {}
    for name, file in BIOC_FILES.items():
        if (names is None or name in names) and (BIOC_DIR / file).exists():
            corpora[name] = load_bioc(BIOC_DIR / file)
    if (names is None or SDU_NAME in names) and any((SDU_DIR / f).exists() for f in SDU_FILES):
        corpora[SDU_NAME] = load_sdu()
    if (names is None or ML_NAME in names) and (SHARED / "gold").is_dir() and (SHARED / "seeds").is_dir():
        corpora[ML_NAME] = load_ml_gold()
    return corpora


def ours_detector():
    sys.path.insert(0, str(REPO))
    from extractor import acronyms
    from extractor.patterns import BUNDLED_DIR, PatternError, parse_file

    # Only the acronym rules: a problem in another field's pattern file does not stop this bench.
    _, loaded, problems = parse_file(BUNDLED_DIR / "acronyms.toml", {acronyms.KIND: acronyms.Rule})
    if problems:
        raise PatternError(problems)
    ex = acronyms.AcronymExtractor([lr.rule for lr in loaded])

    def detect(texts: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
        return [[(p.short, p.long) for p in ex.find(t, f)] for f, t in texts]

    return detect


def scispacy_detector(python: str):
    def detect(texts: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
        out = subprocess.run([python, __file__, "--emit-scispacy"], input=json.dumps([t for _, t in texts]),
                             capture_output=True, text=True, check=True)
        return [[tuple(p) for p in pairs] for pairs in json.loads(out.stdout)]

    return detect


def emit_scispacy() -> None:
    """Runs inside the scispacy venv: blank English + sentencizer + AbbreviationDetector."""
    import spacy
    from scispacy.abbreviation import AbbreviationDetector  # noqa: F401  (registers the factory)

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("abbreviation_detector")
    result = []
    for doc in nlp.pipe(json.loads(sys.stdin.read())):
        seen = {}
        for abrv in doc._.abbreviations:
            seen[(abrv.text, abrv._.long_form.text)] = None
        result.append(list(seen))
    json.dump(result, sys.stdout)


def score(docs: list[Doc], detect):
    """Pair precision/recall/F1 (the project's Score), micro-averaged over documents."""
    sys.path.insert(0, str(REPO))
    from extractor.evaluate import Score

    texts = [t for d in docs for t in d.texts]
    t0 = time.perf_counter()
    found = detect(texts)
    elapsed = time.perf_counter() - t0
    s, i = Score(), 0
    for d in docs:
        pred: set[tuple[str, str]] = set()
        for pairs in found[i : i + len(d.texts)]:
            pred |= {(norm(a), norm(b)) for a, b in pairs}
        i += len(d.texts)
        pred -= d.borderline
        s.tp += len(pred & d.gold)
        for a, b in sorted(pred - d.gold):
            s.fp += 1
            s.errors.append(f"FP {a!r} = {b!r}  [{d.id}]")
        for a, b in sorted(d.gold - pred):
            s.fn += 1
            s.errors.append(f"FN {a!r} = {b!r}  [{d.id}]")
    return s, elapsed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scispacy-python", help="python of a venv with scispacy, for the side-by-side column")
    ap.add_argument("--corpus", action="append", help="only these corpora (repeatable)")
    ap.add_argument("--errors", metavar="CORPUS", help="print our false pairs and misses on CORPUS")
    ap.add_argument("--emit-scispacy", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.emit_scispacy:
        emit_scispacy()
        return 0
    corpora = load_corpora(args.corpus)
    if not corpora:
        print(f"no corpora found (looked in {BIOC_DIR} and {SHARED})", file=sys.stderr)
        return 1
    detectors = {"ours": ours_detector()}
    if args.scispacy_python:
        detectors["scispacy"] = scispacy_detector(args.scispacy_python)
    head = f"{'corpus':<10} {'docs':>5} {'pairs':>5}"
    for name in detectors:
        head += f" | {name + ' P':>11} {'R':>6} {'F1':>6} {'s':>5}"
    print(head)
    print("-" * len(head))
    for cname, docs in corpora.items():
        line = f"{cname:<10} {len(docs):5d} {sum(len(d.gold) for d in docs):5d}"
        for dname, detect in detectors.items():
            s, secs = score(docs, detect)
            line += f" | {s.precision:11.3f} {s.recall:6.3f} {s.f1:6.3f} {secs:5.1f}"
            if dname == "ours" and args.errors == cname:
                errors = s.errors
        print(line, flush=True)
    if args.errors:
        print("\n".join(errors) if args.errors in corpora else f"no corpus {args.errors!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
