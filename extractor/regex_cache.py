"""Compiled rule regexes kept on disk between runs.

The ``regex`` module parses a pattern in pure Python: the bundled rules took ~1.4 s of every
run's start-up to compile, most of it the long gains constructions. A compiled ``regex.Pattern``
pickles as the parse's result (its opcodes), and unpickling hands those straight to the C engine,
so a run that finds its patterns here starts in a fraction of that time.

The file is keyed by the pattern text and flags (a changed rule is a new key, never a stale hit)
and named for the ``regex`` and Python versions that wrote it. Reading it can only rebuild
compiled patterns: the unpickler refuses every other global. Anything wrong with the file (absent,
unreadable, truncated, from another version, unwritable directory) means compiling as before;
caching never changes a result or fails a run.

``PAPER_EXTRACTOR_CACHE`` names the directory (default: ``$XDG_CACHE_HOME/paper-extractor`` or
``~/.cache/paper-extractor``); set it to ``off`` to compile every time.
"""

from __future__ import annotations

import io
import os
import pickle
import sys
import tempfile
import threading
from pathlib import Path

import regex

ENV = "PAPER_EXTRACTOR_CACHE"
_Key = tuple[str, int]
_lock = threading.Lock()
_loaded: dict[_Key, regex.Pattern] | None = None
_used: dict[_Key, regex.Pattern] = {}
_dirty = False


def cache_path() -> Path | None:
    where = os.environ.get(ENV)
    if where is not None and where.strip().lower() in {"off", "0", "no", "false", ""}:
        return None
    if where:
        base = Path(where)
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "paper-extractor"
    version = f"regex-{regex.__version__}-py{sys.version_info[0]}{sys.version_info[1]}"
    return base / f"{version}.pickle"


class _PatternsOnly(pickle.Unpickler):
    """Rebuilds compiled patterns and nothing else."""

    def find_class(self, module: str, name: str):
        if (module, name) == ("regex._regex", "compile"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"unexpected global {module}.{name}")


def _load(path: Path | None) -> dict[_Key, regex.Pattern]:
    if path is None:
        return {}
    try:
        data = _PatternsOnly(io.BytesIO(path.read_bytes())).load()
    except Exception:  # absent, unreadable or damaged: compile as if there were no cache
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items()
            if isinstance(k, tuple) and len(k) == 2 and isinstance(v, regex.Pattern) and v.pattern == k[0]}


def compile(pattern: str, flags: int = 0) -> regex.Pattern:
    """``regex.compile(pattern, flags)``, from the disk cache when it holds it."""
    global _loaded, _dirty
    key = (pattern, int(flags))
    with _lock:
        if _loaded is None:
            _loaded = _load(cache_path())
        rx = _loaded.get(key)
    if rx is None:
        rx = regex.compile(pattern, flags)  # errors propagate exactly as without the cache
    with _lock:
        if key not in _loaded:
            _loaded[key] = rx
            _dirty = True
        _used[key] = rx
    return rx


def save() -> None:
    """Write the patterns compiled since the last save, if any were new. Only the patterns this
    process used are written, so rules that were removed or edited drop out of the file."""
    global _dirty
    with _lock:
        if not _dirty:
            return
        used, _dirty = dict(_used), False
    path = cache_path()
    if path is None:
        return
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(used, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # concurrent writers (Dask workers) each leave a whole file
    except OSError:  # a read-only or full disk: the next run compiles again
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
