"""Progress of a long run on stderr: a bar redrawn in place on a terminal, a plain line every
``interval`` seconds otherwise (logs, CI, nohup). Nothing is shown for runs shorter than that."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import IO

MODES = ("auto", "bar", "lines", "off")
BAR_WIDTH = 24


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class Progress:
    def __init__(
        self,
        stream: IO[str] = sys.stderr,
        mode: str = "auto",
        total: int | None = None,
        interval: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ):
        if mode not in MODES:
            raise ValueError(f"progress mode must be one of {', '.join(MODES)}")
        if mode == "auto":
            mode = "bar" if getattr(stream, "isatty", lambda: False)() else "lines"
        self.stream, self.mode, self.total, self.clock = stream, mode, total, clock
        self.interval = interval if interval is not None else (0.2 if mode == "bar" else 10.0)
        self.start = clock()
        self.last = self.start
        self.done = 0
        self.skipped = 0
        self.drawn = False  # a bar is on screen and must be cleared before other output

    def update(self, done: int, skipped: int = 0) -> None:
        self.done, self.skipped = done, skipped
        if self.mode == "off":
            return
        now = self.clock()
        if now - self.last < self.interval:
            return
        self.last = now
        if self.mode == "bar":
            self.stream.write("\r" + self.line(now)[: 200] + "\x1b[K")
            self.drawn = True
        else:
            self.stream.write("progress: " + self.line(now) + "\n")
        self.stream.flush()

    def line(self, now: float) -> str:
        elapsed = max(now - self.start, 1e-9)
        rate = self.done / elapsed
        parts = []
        if self.total:
            share = min(self.done / self.total, 1.0)
            if self.mode == "bar":
                filled = int(share * BAR_WIDTH)
                parts.append("[" + "#" * filled + "." * (BAR_WIDTH - filled) + "]")
            parts.append(f"{self.done:,}/{self.total:,} records ({share:.1%})")
        else:
            parts.append(f"{self.done:,} records")
        parts.append(f"{rate:,.0f}/s")
        parts.append(f"elapsed {_duration(elapsed)}")
        if self.total and rate > 0 and self.done < self.total:
            parts.append(f"ETA {_duration((self.total - self.done) / rate)}")
        if self.skipped:
            parts.append(f"{self.skipped:,} skipped")
        return ", ".join(parts) if self.mode == "lines" else "  ".join(parts)

    def echo(self, text: str) -> None:
        """Print a message without breaking the bar (it is redrawn at the next update)."""
        self.clear()
        print(text, file=self.stream)

    def clear(self) -> None:
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn = False

    def close(self) -> None:
        self.clear()
