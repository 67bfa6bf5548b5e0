"""Sentence bounds of a doc, split lazily and from token arrays.

The rule is spaCy's rule-based Sentencizer, exactly: a sentence starts at the first token that is
neither punctuation nor a sentence-final character ("." "!" "?" and the other scripts' stops) after
a sentence-final character. The Sentencizer applies it token by token, creating a Python Token for
each one, which costs half as much as tokenising the text; here only the tokens at the few
sentence-final characters the text holds are looked at (a fifth of the cost), and
``tests/test_sentences.py`` checks the bounds against spaCy's own Sentencizer.
"""

from __future__ import annotations

import bisect

import regex
from spacy.attrs import IDX
from spacy.pipeline.sentencizer import Sentencizer
from spacy.tokens import Doc

FINAL = frozenset(Sentencizer.default_punct_chars)
FINAL_CHAR = regex.compile("[" + "".join(regex.escape(c) for c in sorted(FINAL)) + "]")
# A class of 128 characters scans eight times slower than this one, which is all a text needs
# unless it holds one of the other scripts' stops.
ASCII_FINAL_CHAR = regex.compile("[" + "".join(regex.escape(c) for c in sorted(FINAL) if c.isascii()) + "]")
OTHER_FINAL = frozenset(c for c in FINAL if not c.isascii())


class Sentences:
    """A doc's sentences, split on first use: about half of all abstracts never need them.

    Calling it gives each sentence's (start_char, end_char); ``tokens_of(i)`` gives the token
    range of the sentence holding token ``i``. ``text`` is ``doc.text`` (spaCy rebuilds that string
    on every access)."""

    __slots__ = ("doc", "text", "bounds", "starts")

    def __init__(self, doc: Doc, text: str | None = None):
        self.doc = doc
        self.text = doc.text if text is None else text
        self.bounds: list[tuple[int, int]] | None = None
        self.starts: list[int] = []

    def __call__(self) -> list[tuple[int, int]]:
        if self.bounds is None:
            self._split()
        return self.bounds

    def tokens_of(self, i: int) -> tuple[int, int]:
        if self.bounds is None:
            self._split()
        k = bisect.bisect_right(self.starts, i) - 1
        end = self.starts[k + 1] if k + 1 < len(self.starts) else len(self.doc)
        return self.starts[k], end

    def _split(self) -> None:
        doc, n = self.doc, len(self.doc)
        if n == 0:
            self.bounds, self.starts = [(0, 0)], [0]
            return
        # Sentence-final characters are few: find them in the text and look only at their tokens.
        idx = doc.to_array(IDX).tolist()
        starts = [0]
        text = self.text
        final_char = ASCII_FINAL_CHAR if text.isascii() or OTHER_FINAL.isdisjoint(text) else FINAL_CHAR
        for m in final_char.finditer(text):
            j = bisect.bisect_left(idx, m.start())
            if j == n or idx[j] != m.start() or len(doc[j]) != 1:
                continue  # part of a longer token ("e.g.", "3.5")
            k = j + 1
            while k < n and (doc[k].is_punct or doc[k].text in FINAL):
                k += 1
            if k < n and k > starts[-1]:
                starts.append(k)
        self.starts = starts
        self.bounds = []
        for s, e in zip(starts, [*starts[1:], n]):
            last = doc[e - 1]
            self.bounds.append((idx[s], last.idx + len(last)))
