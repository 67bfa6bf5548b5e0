"""URLs: find links (with or without a scheme), trim what is not part of them, normalise, classify.

Detection regexes, the top-level domains that make a scheme-less host believable, and the code
hosts are data (patterns/urls.toml). What stays here is the grammar every link shares: the
boundary checks and the trimming of trailing punctuation and unbalanced brackets (linkify-it's
behaviour, which its fixtures test).
"""

from __future__ import annotations

from typing import Literal

import regex
from pydantic import Field, model_validator

from .patterns import PatternRule, RegexStr, compile_rule_regex, scan_windows
from .record import Url

KIND = "urls"

TRAILING = ".,;:!?*"
CLOSERS = {")": "(", "]": "[", "}": "{", ">": "<"}
QUOTES = "\"'"
# Nor ends right before these (a longer word or number it is part of).
BAD_AFTER = regex.compile(r"[\p{L}\p{N}_@-]")
# Copied text that lost the space after a sentence's full stop glues the next sentence's first word
# to a link: ".../gembench/.The authors ..." (always cut after a slash; elsewhere only before a
# common sentence opener, since "Page.Html" could be a file name).
GLUED_SENTENCE = regex.compile(
    r"(?<=/)\.\p{Lu}\p{Ll}+$|\.(?:The|This|These|We|Our|It|In|For|Code|Data|All|Experiments|Results|See)$"
    # ...or a footnote mark and the footnote after the full stop: "github.com/x/SemiOccam.222CleanSTL-10"
    r"|\.\d{1,4}\p{Lu}[\w.\-]*[:;,]?$"  # ("...TR-DETR.111Note: This is a pre-print")
    # ...or a repeated footnote mark and a label glued to a path: ".../main-experiments222Code: https://..."
    r"|(?<=\p{L})(\d)\1{1,3}\p{Lu}\p{Ll}+[:;,]?$")
# A footnote mark glued after a host, maybe with the footnote's first word: "github.io222We". A
# top-level domain is letters only, so digits at the end of a dotted host's last label are not part of it.
GLUED_FOOTNOTE = regex.compile(r"(?<=\.\p{L}{2,})\d+\p{L}*$")
# ...or after the full stop that ends a link: "unerasing.baulab.info.111GitHub: ..." (a host's next
# label would not start with digits and a capital).
FOOTNOTE_AFTER_STOP = regex.compile(r"\d{1,4}\p{Lu}\p{Ll}")
# ...or between a sentence's last word and a scheme-less link: "made available.111github.com/UKPLab/...",
# "is available here111github.com/..." (the full stop or the space lost in extraction)
FOOTNOTE_IN_HOST = regex.compile(r"(?<=^\p{L}+)\.?\d{1,4}(?=\p{L}[\w-]*\.\p{L})")
# ...or right before a colon and digits that were too long to be a port ("host:500000").
PORT_LIKE = regex.compile(r":\d")


class Rule(PatternRule):
    regex: RegexStr | None = None
    requires: RegexStr | None = Field(
        default=None, description="a cheap regex that must occur in the text before `regex` is tried"
    )
    scan: tuple[int, int] | None = Field(
        default=None, description="scan only this many characters before/after each `requires` match"
    )
    tlds: list[str] = []
    hosts: list[str] = []
    url_kind: Literal["code", "project"] | None = None

    @model_validator(mode="after")
    def _one_job(self) -> Rule:
        if bool(self.regex) == bool(self.hosts):
            raise ValueError("a url rule has either 'regex' (detection) or 'hosts' (classification)")
        if self.hosts and not self.url_kind:
            raise ValueError("'hosts' needs 'url_kind' (code or project)")
        return self


def _trim(link: str) -> tuple[str, bool]:
    """Drop trailing punctuation, and closing brackets/quotes with no opener inside the link.
    A LaTeX ``\\href{URL}{text}`` leaves ``}{`` inside the match, and a Markdown ``[URL](URL)`` leaves
    ``](``: the link ends there. Also says whether a glued next sentence was cut off (the "." left
    after the link is then its full stop)."""
    link, glued = GLUED_SENTENCE.subn("", link.split("}{", 1)[0].split("](", 1)[0])
    while link:
        last = link[-1]
        if last in TRAILING:
            link = link[:-1]
        elif last in CLOSERS and link.count(last) > link.count(CLOSERS[last]):
            link = link[:-1]
        elif last in QUOTES and link.count(last) % 2 == 1:
            link = link[:-1]
        else:
            break
    return link, bool(glued)


def normalise(link: str, host: str) -> str:
    """Lowercase the host, add https:// where there is no scheme, keep the rest as written."""
    lower = link.lower()
    if lower.startswith("//"):
        link = "https:" + link
    elif "://" not in lower[:10]:
        link = "https://" + link
    i = link.find(host)
    if i >= 0:
        link = link[:i] + host.lower() + link[i + len(host) :]
    scheme, rest = link.split("://", 1)
    return scheme.lower() + "://" + rest


class UrlExtractor:
    def __init__(self, rules: list[Rule]):
        self.detectors = [
            (
                r,
                compile_rule_regex(r.regex, r, KIND, regex.IGNORECASE),
                frozenset(t.lower() for t in r.tlds),
                compile_rule_regex(r.requires, r, KIND) if r.requires else None,
            )
            for r in rules
            if r.regex
        ]
        self.classifiers = [(r, tuple(h.lower() for h in r.hosts)) for r in rules if r.hosts]

    def _kind(self, host: str) -> str:
        host = host.lower().removeprefix("www.")
        for rule, hosts in self.classifiers:
            if any(host == h or host.endswith("." + h) for h in hosts):
                return rule.url_kind
        return "project"

    def find(self, text: str, field: str) -> list[Url]:
        if "." not in text and "//" not in text:
            return []
        found: list[Url] = []
        taken: list[tuple[int, int]] = []
        for rule, rx, tlds, requires in self.detectors:
            windows = [(0, len(text))]
            if requires is not None:
                at = [m.start() for m in requires.finditer(text)]
                if not at:
                    continue
                if rule.scan:
                    windows = scan_windows(at, *rule.scan, len(text))
            for m in (m for lo, hi in windows for m in rx.finditer(text, lo, hi)):
                start = m.start()
                link, glued = _trim(m.group(0))
                end = start + len(link)
                host = m.group("host")
                if not host or end - start < len(host):
                    continue
                footnote = FOOTNOTE_IN_HOST.search(host) if m.start("host") == start else None
                if footnote is not None and self._kind(host[footnote.end():]) == "code" != self._kind(host):
                    # (only where the rest is a code host: "anonymous.4open.science" is one host)
                    start += footnote.end()
                    host = host[footnote.end():]
                    link = text[start:end]
                # only where the host ends the link: before a path, "host.io2/" is something else
                glued_mark = GLUED_FOOTNOTE.search(host) if m.start("host") + len(host) == end else None
                if glued_mark is not None:
                    host = host[: glued_mark.start()]
                    end = m.start("host") + len(host)
                    link = text[start:end]
                host_end = m.start("host") + len(host)
                if host_end == end and end < len(text) and glued_mark is None and (
                    BAD_AFTER.match(text, end) or PORT_LIKE.match(text, end)
                ):
                    continue
                if end < len(text) and text[end] == "." and BAD_AFTER.match(text, end + 1) and not glued \
                        and not FOOTNOTE_AFTER_STOP.match(text, end + 1):
                    continue
                if tlds and not self._tld_ok(host, tlds):
                    continue
                if tlds and link == host and host.count(".") == 1 and not host.islower() and not host.isupper():
                    continue  # a site named as a brand, not linked: "papers from arXiv.org", "Amazon.com reviews"
                if any(s < end and start < e for s, e in taken):
                    continue
                taken.append((start, end))
                found.append(
                    Url(
                        url=normalise(link, host),
                        kind=self._kind(host),
                        text=link,
                        field=field,
                        start=start,
                        end=end,
                        pattern=f"{KIND}.{rule.id}",
                    )
                )
        found.sort(key=lambda u: u.start)
        return found

    @staticmethod
    def _tld_ok(host: str, tlds: frozenset[str]) -> bool:
        tld = host.rsplit(".", 1)[-1]
        # Mixed case ("results.In") is a missing space after a full stop, not a domain.
        if not (tld.islower() or tld.isupper()):
            return False
        tld = tld.lower()
        if tld in tlds:
            return True
        # Internationalised TLDs: punycode, or letters outside ASCII.
        return tld.startswith("xn--") or (len(tld) >= 2 and not tld.isascii() and tld.isalpha())
