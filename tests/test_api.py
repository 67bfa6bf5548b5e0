"""The Python interface other tools import: extract() and extract_many()."""

from __future__ import annotations

import pytest

from extractor import extract, extract_many

TITLE = "FastRL: Offline Reinforcement Learning at Scale"
ABSTRACT = "We propose FastRL, which outperforms IQL by 12.5% on D4RL. Code: https://github.com/a/fastrl"


def _fields(record):
    return record.to_json_dict() | {"sources": None}


def test_extract_takes_strings_or_a_paper_dict():
    by_args = extract(TITLE, ABSTRACT)
    by_dict = extract({"title": TITLE, "abstract": ABSTRACT})
    assert _fields(by_args) == _fields(by_dict)
    assert [b.name for b in by_args.benchmarks] == ["D4RL"]
    assert by_args.gains[0].value == 12.5


def test_extract_many_takes_pairs_and_dicts_in_order():
    records = list(extract_many([(TITLE, ABSTRACT), {"title": "Second", "summary": "Nothing here."}]))
    assert [r.title for r in records] == [TITLE, "Second"]
    assert _fields(records[0]) == _fields(extract(TITLE, ABSTRACT))


@pytest.mark.parametrize("args", [(None, "text"), ("title", 3), (["title"],)])
def test_extract_rejects_non_text_with_a_clear_error(args):
    with pytest.raises(TypeError, match="must be a string"):
        extract(*args)


def test_web_hyphens_read_as_plain_ones_and_are_quoted_as_written():
    """Pages copied from the web carry non-breaking hyphens ("Fashion\u2011MNIST"): they match like
    plain ones, and every quoted string is still the paper's own text at its offsets."""
    plain = extract("Q-Net", "We propose Q-Net, which beats Res-Net by 3% on Fashion-MNIST and Meta-World.")
    web = extract("Q\u2011Net", "We propose Q\u2011Net, which beats Res\u2010Net by 3% on Fashion\u2011MNIST and Meta\u2011World.")
    assert [b.name for b in web.benchmarks] == [b.name for b in plain.benchmarks] == ["Fashion-MNIST", "Meta-World"]
    assert [b.text for b in web.benchmarks] == ["Fashion\u2011MNIST", "Meta\u2011World"]
    assert [m.name for m in web.method] == ["Q\u2011Net"]
    assert [(g.text, g.baseline) for g in web.gains] == [(g.text, g.baseline) for g in plain.gains] == [("by 3%", "Res-Net")]
    for item in [*web.benchmarks, *web.gains]:
        assert web.abstract[item.start:item.end] == item.text
