"""The on-disk cache of compiled rule regexes: a warm start reads patterns instead of parsing them,
and nothing about the file (absent, damaged, hostile, unwritable, switched off) changes a result."""

from __future__ import annotations

import os
import pickle

import pytest
import regex

from extractor import regex_cache

PATTERN = r"(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>%|x|×)  # an amount and its unit"
FLAGS = regex.IGNORECASE | regex.VERBOSE
TEXT = "improves accuracy by 12.5% and runs 3x faster; 7 × fewer steps"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    """A fresh cache directory and a fresh process state (as a new run would have)."""
    monkeypatch.setenv(regex_cache.ENV, str(tmp_path))
    _forget()
    yield tmp_path
    _forget()


def _forget():
    regex_cache._loaded = None
    regex_cache._used.clear()
    regex_cache._dirty = False


def _spans(rx):
    return [(m.span(), m.groupdict()) for m in rx.finditer(TEXT)]


def test_a_warm_start_reads_the_pattern_instead_of_compiling_it(cache_dir, monkeypatch):
    cold = regex_cache.compile(PATTERN, FLAGS)
    regex_cache.save()
    assert regex_cache.cache_path().is_file()
    _forget()

    def no_parse(*args, **kwargs):
        raise AssertionError("compiled again although the cache holds the pattern")

    monkeypatch.setattr(regex, "compile", no_parse)
    warm = regex_cache.compile(PATTERN, FLAGS)
    assert _spans(warm) == _spans(cold) == [
        ((21, 26), {"value": "12.5", "unit": "%"}),
        ((36, 38), {"value": "3", "unit": "x"}),
        ((47, 50), {"value": "7", "unit": "×"}),
    ]
    assert warm.flags == cold.flags and warm.groupindex == cold.groupindex


def test_an_edited_pattern_is_compiled_afresh_not_taken_from_the_cache(cache_dir):
    regex_cache.compile(PATTERN, FLAGS)
    regex_cache.save()
    _forget()
    edited = regex_cache.compile(PATTERN.replace("%|x|×", "%"), FLAGS)
    assert [m.group(0) for m in edited.finditer(TEXT)] == ["12.5%"]
    # and the same text under other flags is another pattern
    assert regex_cache.compile("ABC", 0).search("abc") is None
    assert regex_cache.compile("ABC", regex.IGNORECASE).search("abc") is not None


def test_only_the_patterns_a_run_used_are_written_back(cache_dir):
    regex_cache.compile("old-rule", 0)
    regex_cache.save()
    _forget()
    regex_cache.compile("new-rule", 0)
    regex_cache.save()
    with open(regex_cache.cache_path(), "rb") as fh:
        assert set(pickle.load(fh)) == {("new-rule", 0)}


@pytest.mark.parametrize("content", [b"", b"not a pickle at all", b"\x80\x04\x95", pickle.dumps(["a", "list"])])
def test_a_damaged_cache_file_means_compiling_as_before(cache_dir, content):
    path = regex_cache.cache_path()
    path.write_bytes(content)
    rx = regex_cache.compile(PATTERN, FLAGS)
    assert [m.group(0) for m in rx.finditer(TEXT)] == ["12.5%", "3x", "7 ×"]
    regex_cache.save()  # ...and the damaged file is replaced by a good one
    _forget()
    assert regex_cache.compile(PATTERN, FLAGS).pattern == PATTERN


class _Planted:
    def __init__(self, target: str):
        self.target = target

    def __reduce__(self):
        return os.mkdir, (self.target,)


def test_a_cache_file_that_would_run_code_is_refused(cache_dir):
    target = cache_dir / "planted"
    regex_cache.cache_path().write_bytes(pickle.dumps({(PATTERN, int(FLAGS)): _Planted(str(target))}))
    rx = regex_cache.compile(PATTERN, FLAGS)
    assert not target.exists()
    assert [m.group("unit") for m in rx.finditer(TEXT)] == ["%", "x", "×"]


def test_a_cache_entry_under_the_wrong_key_is_ignored(cache_dir):
    wrong = regex.compile("nothing-like-it")
    regex_cache.cache_path().write_bytes(pickle.dumps({(PATTERN, int(FLAGS)): wrong}))
    assert regex_cache.compile(PATTERN, FLAGS).pattern == PATTERN


def test_switched_off_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.setenv(regex_cache.ENV, "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    _forget()
    try:
        assert regex_cache.cache_path() is None
        assert regex_cache.compile("a+", 0).fullmatch("aaa")
        regex_cache.save()
        assert list(tmp_path.rglob("*")) == []
    finally:
        _forget()


def test_an_unwritable_cache_directory_is_not_an_error(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv(regex_cache.ENV, str(blocker / "cache"))  # a directory under a file: cannot exist
    _forget()
    try:
        assert regex_cache.compile("b+", 0).fullmatch("bb")
        regex_cache.save()
        assert blocker.read_text() == "x"
    finally:
        _forget()


def test_a_broken_pattern_raises_as_regex_does(cache_dir):
    with pytest.raises(regex.error):
        regex_cache.compile("(unclosed", 0)
