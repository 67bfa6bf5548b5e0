"""Sentence bounds must be exactly those of spaCy's rule-based Sentencizer, which they replace for
speed: gains read their baseline and metric from the gain's own sentence, and an ambiguous benchmark
name looks for its cue there."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.pipeline.sentencizer import Sentencizer

from extractor.pipeline import blank_nlp
from extractor.readers import Problems, read_papers
from extractor.sentences import Sentences

from conftest import FIXTURES

NLP = blank_nlp()
SENTENCIZER = Sentencizer()


def spacy_bounds(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    doc = SENTENCIZER(NLP.make_doc(text))
    chars = [(s.start_char, s.end_char) for s in doc.sents] or [(0, 0)]
    return chars, [(t.sent.start, t.sent.end) for t in doc]


def ours(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    doc = NLP.make_doc(text)
    sentences = Sentences(doc, text)
    return sentences(), [sentences.tokens_of(i) for i in range(len(doc))]


def fixture_texts() -> list[str]:
    papers = read_papers([str(FIXTURES / "seeds"), str(FIXTURES / "heldout" / "papers.jsonl")], Problems())
    return [t for p in papers for t in (p.title, p.abstract)]


def test_fixture_abstracts_split_as_spacy_does():
    texts = fixture_texts()
    assert len(texts) > 400
    for text in texts:
        assert ours(text) == spacy_bounds(text), text[:80]


@pytest.mark.parametrize("text", [
    "", " ", ".", "..", "Hi. ", ". a", "a .\n\n b", '"Yes." he said. OK!? Sure', "e.g. this. That one",
    "a. . . b", "x.)  (y", "Accuracy rose 3.5%. It fell!", "Ends with a stop.", "中文。再来", "Hindi। next",
    "We use GSM8K. Then MATH.", "(see Sec. 3.) Next", "It works?! Yes",
])
def test_edge_cases_split_as_spacy_does(text):
    assert ours(text) == spacy_bounds(text)


PIECES = st.sampled_from(["word", "Word", ".", "!", "?", "...", "e.g.", "3.5", "(", ")", '"', "'", " ", "  ",
                          "\n", "\n\n", "。", "।", "؟", ",", ";", "-", "U.S.", "GSM8K.", "x"])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=30).map("".join))
def test_any_text_splits_as_spacy_does(text):
    assert ours(text) == spacy_bounds(text)
