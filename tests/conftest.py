from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

# The compiled-regex cache goes to a directory of this session's own (inherited by the CLI runs
# the tests start): the suite writes nothing under $HOME, and one cold start warms the rest.
if "PAPER_EXTRACTOR_CACHE" not in os.environ:
    _cache = tempfile.mkdtemp(prefix="paper-extractor-cache-")
    os.environ["PAPER_EXTRACTOR_CACHE"] = _cache
    atexit.register(shutil.rmtree, _cache, ignore_errors=True)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED_EXTERNAL = ROOT.parent / "shared" / "external"


@pytest.fixture(scope="session")
def pipeline():
    from extractor.api import get_pipeline

    return get_pipeline()


@pytest.fixture(scope="session")
def fixture_records(tmp_path_factory):
    """The records `extractor run fixtures/seeds` writes, as dicts (run once per session)."""
    import orjson

    from extractor.cli import main

    out = tmp_path_factory.mktemp("run") / "out.jsonl"
    assert main(["run", str(FIXTURES / "seeds"), "-o", str(out)]) == 0
    return [orjson.loads(line) for line in out.read_bytes().splitlines()]
