"""linkify-it's URL fixtures as a peer test suite: links found with the right extent, non-links
left alone. The fixtures live in ../shared/external/linkify (not shipped with the project)."""

from __future__ import annotations

import pytest
from conftest import SHARED_EXTERNAL

LINKIFY = SHARED_EXTERNAL / "linkify"

# Cases outside this product's scope, with the reason (everything else must pass).
OUT_OF_SCOPE = {
    "email": "e-mail addresses are not URLs in this product's schema (GUIDELINES.md: urls)",
}


def _strip_comment(line: str) -> str:
    # linkify-it's format: '%' after white space starts a comment (a '%' inside a URL does not).
    for marker in (" % ", "\t% "):
        if marker in line:
            line = line.split(marker, 1)[0]
    return line.rstrip() if not line.rstrip().endswith(" %") else line.rstrip()[:-2].rstrip()


def _load(name: str) -> list[str]:
    return (LINKIFY / name).read_text(encoding="utf-8").splitlines()


def link_cases() -> list[tuple[str, str]]:
    """(input line, expected link) pairs: an expectation line follows its input when they differ."""
    if not LINKIFY.is_dir():
        return []
    out, lines, i = [], _load("links.txt"), 0
    while i < len(lines):
        line = lines[i]
        if not line.strip() or line.startswith("%"):
            i += 1
            continue
        text = _strip_comment(line)
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if nxt.strip() and not nxt.startswith("%"):
            out.append((text, _strip_comment(nxt)))
            i += 2
        else:
            out.append((text, text))
            i += 1
    return out


def not_link_cases() -> list[str]:
    if not LINKIFY.is_dir():
        return []
    return [_strip_comment(l) for l in _load("not_links.txt") if l.strip() and not l.startswith("%")]


def _is_email(expected: str) -> bool:
    return "@" in expected and "://" not in expected and not expected.startswith("//")


pytestmark = pytest.mark.skipif(not LINKIFY.is_dir(), reason=f"linkify-it fixtures not found at {LINKIFY}")


@pytest.mark.parametrize("text,expected", link_cases())
def test_link_found_with_its_extent(text, expected, pipeline):
    if _is_email(expected):
        pytest.skip(OUT_OF_SCOPE["email"])
    found = pipeline.urls.find(text, "abstract")
    assert [u.text for u in found] == [expected], text


@pytest.mark.parametrize("text", not_link_cases())
def test_not_a_link(text, pipeline):
    assert pipeline.urls.find(text, "abstract") == [], text


def test_fixtures_were_read():
    assert len(link_cases()) > 100 and len(not_link_cases()) > 30
