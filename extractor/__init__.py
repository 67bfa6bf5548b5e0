"""paper-extractor: rule-based metadata from ML paper listings (title + abstract)."""

__version__ = "0.1.0"

from .api import extract, extract_many  # noqa: E402

__all__ = ["extract", "extract_many", "__version__"]
