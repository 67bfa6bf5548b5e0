"""Which pattern kinds exist and the rule model each one is validated with."""

from . import acronyms, benchmarks, gains, method, urls
from .patterns import PatternRule

RULE_MODELS: dict[str, type[PatternRule]] = {
    benchmarks.KIND: benchmarks.Rule,
    benchmarks.CUE_KIND: benchmarks.CueRule,
    gains.KIND: gains.Rule,
    urls.KIND: urls.Rule,
    acronyms.KIND: acronyms.Rule,
    method.KIND: method.Rule,
}

# The record field each kind fills: examples of a rule are checked against this field.
FIELD_OF_KIND: dict[str, str] = {
    benchmarks.KIND: "benchmarks",
    benchmarks.CUE_KIND: "benchmarks",
    gains.KIND: "gains",
    urls.KIND: "urls",
    acronyms.KIND: "acronyms",
    method.KIND: "method",
}
