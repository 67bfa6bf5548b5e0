"""paper-extractor: rule-based metadata from ML paper listings (title + abstract)."""

__version__ = "0.1.0"

__all__ = ["extract", "extract_many", "__version__"]


def __getattr__(name: str):
    # Imported on first use, so `extractor --help`, `eval` and `lint` start without loading spaCy.
    if name in ("extract", "extract_many"):
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
