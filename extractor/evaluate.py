"""Scoring predicted records against gold JSONL (format and matching rules: GUIDELINES.md).

Records align by normalised title. Per field, items are matched one-to-one:
- benchmarks: the predicted canonical name or any predicted mention equals the gold name or any
  gold mention (case-insensitive);
- gains: same value and unit, or same from and to;
- urls: same normalised URL (a trailing slash is not a difference);
- method: same name (case-insensitive);
- acronyms: same short form and same long form (case-insensitive, white space folded).
A predicted item that matches a borderline gold item counts neither way; an unmatched borderline
gold item is not a miss.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import orjson

from .readers import normalise_title

FIELDS = ("benchmarks", "gains", "urls", "method", "acronyms")


def _norm(s: str | None) -> str:
    return " ".join((s or "").casefold().replace("\\", "").split())


def _num_eq(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)


def _bench_keys(item: dict) -> set[str]:
    keys = {_norm(item.get("name"))}
    for m in item.get("mentions", []):
        keys.add(_norm(m if isinstance(m, str) else m.get("text")))
    return keys - {""}


def match_benchmark(pred: dict, gold: dict) -> bool:
    return bool(_bench_keys(pred) & _bench_keys(gold))


def match_gain(pred: dict, gold: dict) -> bool:
    if gold.get("value") is not None and _num_eq(pred.get("value"), gold["value"]) and pred.get("unit") == gold.get("unit"):
        return True
    if gold.get("from") is not None and gold.get("to") is not None:
        return _num_eq(pred.get("from"), gold["from"]) and _num_eq(pred.get("to"), gold["to"])
    return False


def match_url(pred: dict, gold: dict) -> bool:
    return pred.get("url", "").rstrip("/") == gold.get("url", "").rstrip("/")


def match_method(pred: dict, gold: dict) -> bool:
    return _norm(pred.get("name")) == _norm(gold.get("name"))


def match_acronym(pred: dict, gold: dict) -> bool:
    return _norm(pred.get("short")) == _norm(gold.get("short")) and _norm(pred.get("long")) == _norm(gold.get("long"))


MATCHERS: dict[str, Callable[[dict, dict], bool]] = {
    "benchmarks": match_benchmark,
    "gains": match_gain,
    "urls": match_url,
    "method": match_method,
    "acronyms": match_acronym,
}


def agree(pred: str | None, gold: str | None) -> bool:
    """Loose phrase agreement: equal, or one holds the other and covers half its words."""
    p, g = _norm(pred).removeprefix("the "), _norm(gold).removeprefix("the ")
    if not p or not g:
        return False
    if p == g:
        return True
    short, long = sorted((p, g), key=len)
    return short in long and len(short.split()) * 2 >= len(long.split())


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    scores: dict[str, Score]
    aligned: int
    gold_records: int
    missing: list[str]
    agreement: dict[str, tuple[int, int]]  # gains baseline/metric: (agree, gold has it)

    def as_dict(self) -> dict:
        return {
            "records": {"gold": self.gold_records, "aligned": self.aligned, "missing": self.missing},
            "fields": {
                f: {"precision": s.precision, "recall": s.recall, "f1": s.f1, "tp": s.tp, "fp": s.fp, "fn": s.fn}
                for f, s in self.scores.items()
            },
            "gains_context_agreement": {k: (a / n if n else None) for k, (a, n) in self.agreement.items()},
        }

    def table(self) -> str:
        lines = [f"records: {self.aligned}/{self.gold_records} gold records aligned by title"]
        for title in self.missing[:10]:
            lines.append(f"  no prediction for: {title}")
        lines.append(f"{'field':<11} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'FP':>5} {'FN':>5}")
        for f, s in self.scores.items():
            lines.append(f"{f:<11} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:5d} {s.fp:5d} {s.fn:5d}")
        for k, (a, n) in self.agreement.items():
            rate = f"{a / n:.3f}" if n else "n/a"
            lines.append(f"gains.{k} agreement: {rate} ({a}/{n} matched gains whose gold states it)")
        return "\n".join(lines)


def load_jsonl(path: str) -> list[dict]:
    out = []
    with open(path, "rb") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    out.append(orjson.loads(line))
                except orjson.JSONDecodeError as exc:
                    raise ValueError(f"{path}:{n}: malformed JSON: {exc}") from None
    return out


def _match_field(preds: list[dict], golds: list[dict], fld: str, score: Score, pairs: list[tuple[dict, dict]]) -> None:
    matcher = MATCHERS[fld]
    used: set[int] = set()
    # Non-borderline gold first, so a prediction is credited where it counts.
    order = sorted(range(len(golds)), key=lambda i: bool(golds[i].get("borderline")))
    pred_done: set[int] = set()
    for gi in order:
        gold = golds[gi]
        hit = next((pi for pi, p in enumerate(preds) if pi not in used and matcher(p, gold)), None)
        if hit is None:
            if not gold.get("borderline"):
                score.fn += 1
                score.errors.append(f"FN {fld}: {_show(gold)}")
            continue
        used.add(hit)
        pred_done.add(hit)
        if not gold.get("borderline"):
            score.tp += 1
            pairs.append((preds[hit], gold))
    for pi, p in enumerate(preds):
        if pi in pred_done:
            continue
        # A prediction that also fits an already matched borderline/other gold item is a duplicate: FP.
        score.fp += 1
        score.errors.append(f"FP {fld}: {_show(p)}")


def _show(item: dict) -> str:
    keys = ("name", "text", "value", "unit", "from", "to", "url", "short", "long", "long_form")
    return ", ".join(f"{k}={item[k]!r}" for k in keys if item.get(k) is not None)


def evaluate(gold: Iterable[dict], pred: Iterable[dict]) -> Report:
    by_title: dict[str, dict] = {}
    for rec in pred:
        by_title.setdefault(normalise_title(rec.get("title", "")), rec)
    scores = {f: Score() for f in FIELDS}
    agreement = {"baseline": [0, 0], "metric": [0, 0]}
    aligned, gold_n, missing = 0, 0, []
    for g in gold:
        gold_n += 1
        p = by_title.get(normalise_title(g.get("title", "")))
        if p is None:
            missing.append(g.get("title", ""))
            p = {}
        else:
            aligned += 1
        for f in FIELDS:
            pairs: list[tuple[dict, dict]] = []
            before = len(scores[f].errors)
            _match_field(p.get(f, []), g.get(f, []), f, scores[f], pairs)
            for i in range(before, len(scores[f].errors)):
                scores[f].errors[i] += f"  [{g.get('title', '')[:60]}]"
            if f == "gains":
                for pg, gg in pairs:
                    for k in agreement:
                        if gg.get(k):
                            agreement[k][1] += 1
                            agreement[k][0] += agree(pg.get(k), gg[k])
    return Report(scores, aligned, gold_n, missing, {k: (a, n) for k, (a, n) in agreement.items()})
