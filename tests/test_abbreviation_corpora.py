"""Pair F1 on others' gold: the BioC abbreviation corpora (MEDSTRACT, Ab3P, BioADI, SH) in
<repo>/../shared/external/abbreviations-bioc. Skips when that folder is absent (a fresh clone has no
../shared). Runs every document of every corpus (about 3,600; a few seconds), no sampling."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BIOC = REPO.parent / "shared" / "external" / "abbreviations-bioc"

if not BIOC.is_dir():
    pytest.skip(f"external abbreviation corpora not found at {BIOC} (they live in ../shared, beside the repo)",
                allow_module_level=True)

_spec = importlib.util.spec_from_file_location("bench_abbreviations", REPO / "bench" / "abbreviations.py")
bench = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = bench  # its dataclasses look their module up there
_spec.loader.exec_module(bench)

# scispacy's AbbreviationDetector measures about 0.82 on MEDSTRACT and 0.74-0.78 on the others.
FLOORS = {"MEDSTRACT": 0.88, "Ab3P": 0.82, "BioADI": 0.82, "SH": 0.82}


@pytest.fixture(scope="module")
def detect():
    return bench.ours_detector()


@pytest.mark.parametrize("corpus", list(FLOORS))
def test_pair_f1_floor(corpus, detect) -> None:
    path = BIOC / bench.BIOC_FILES[corpus]
    if not path.exists():
        pytest.skip(f"{path} missing")
    score, _ = bench.score(bench.load_bioc(path), detect)
    assert score.f1 >= FLOORS[corpus], f"{corpus}: P={score.precision:.3f} R={score.recall:.3f} F1={score.f1:.3f}"
