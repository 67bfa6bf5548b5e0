"""A broken pattern file fails loading with a message naming the file, the line, the rule, and
what is wrong."""

from __future__ import annotations

import pytest

from extractor.kinds import RULE_MODELS
from extractor.patterns import PatternError, load_patterns


def load(tmp_path, text: str, name: str = "user.toml"):
    (tmp_path / name).write_text(text)
    return load_patterns([tmp_path], RULE_MODELS)


def error(tmp_path, text: str) -> str:
    with pytest.raises(PatternError) as exc:
        load(tmp_path, text)
    return str(exc.value)


def test_bad_toml_names_file_and_line(tmp_path):
    msg = error(tmp_path, 'kind = "urls"\n[[rule]]\nid = "x"\nregex = "unterminated\n')
    assert msg.startswith(f"{tmp_path / 'user.toml'}:4: TOML:")


def test_unknown_kind(tmp_path):
    msg = error(tmp_path, 'kind = "colours"\n[[rule]]\nid = "x"\n')
    assert "user.toml:1: 'kind' must be one of" in msg and "'colours'" in msg


def test_bad_regex_names_rule_and_problem(tmp_path):
    msg = error(tmp_path, 'kind = "urls"\n\n[[rule]]\nid = "ok"\nhosts = ["a.org"]\nurl_kind = "code"\n\n'
                          '[[rule]]\nid = "broken"\nregex = \'\'\'(?P<host>a\'\'\'\n')
    assert "user.toml:8: rule 'urls.broken': regex: missing )" in msg


def test_missing_field(tmp_path):
    msg = error(tmp_path, 'kind = "benchmarks"\n[[rule]]\nid = "foo"\nname = "Foo"\n')
    assert "user.toml:2: rule 'benchmarks.foo': category: Field required" in msg


def test_unknown_field_is_rejected(tmp_path):
    msg = error(tmp_path, 'kind = "benchmarks"\n[[rule]]\nid = "foo"\nname = "Foo"\ncategory = "rl"\nalias = ["F"]\n')
    assert "rule 'benchmarks.foo': alias: Extra inputs are not permitted" in msg


def test_duplicate_id(tmp_path):
    entry = '[[rule]]\nid = "foo"\nname = "Foo"\ncategory = "rl"\n'
    msg = error(tmp_path, 'kind = "benchmarks"\n' + entry + entry)
    assert "user.toml:6: rule 'benchmarks.foo': duplicate id (first defined at line 2)" in msg


def test_ambiguous_entry_needs_negatives(tmp_path):
    msg = error(tmp_path, 'kind = "benchmarks"\n[[rule]]\nid = "go"\nname = "Go"\ncategory = "games"\nneeds_cue = true\n')
    assert "rule 'benchmarks.go'" in msg and "needs examples and negatives" in msg


def test_every_problem_is_reported_not_just_the_first(tmp_path):
    (tmp_path / "a.toml").write_text('kind = "nope"\n')
    (tmp_path / "b.toml").write_text('kind = "urls"\n[[rule]]\nid = "Bad Id"\nhosts = ["x.org"]\nurl_kind = "code"\n')
    with pytest.raises(PatternError) as exc:
        load_patterns([tmp_path], RULE_MODELS)
    assert len(exc.value.problems) == 2
    assert "a.toml:1" in exc.value.problems[0] and "b.toml:2: rule 'urls.Bad Id': id:" in exc.value.problems[1]


def test_loading_executes_nothing(tmp_path):
    # A string that would be code elsewhere is only ever data here.
    patterns = load(tmp_path, 'kind = "urls"\n[[rule]]\nid = "x"\nhosts = ["__import__(\'os\').system(\'false\')"]\nurl_kind = "code"\n')
    assert patterns.of("urls")[0].hosts == ["__import__('os').system('false')"]


def test_macros_nest_and_a_cycle_is_an_error():
    from extractor.patterns import expand_macros

    deep = {f"M{i}": f"<<M{i + 1}>>" for i in range(8)} | {"M8": "x"}
    assert expand_macros("<<M0>>", deep, "t.r") == "(?:" * 9 + "x" + ")" * 9
    with pytest.raises(ValueError, match="nest more than 20 deep"):
        expand_macros("<<A>>", {"A": "<<B>>", "B": "<<A>>"}, "t.r")
    with pytest.raises(ValueError, match="unknown macro <<C>>"):
        expand_macros("<<C>>", {}, "t.r")
