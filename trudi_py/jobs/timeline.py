"""Where an archive run's wall time goes: start-up, requests, the gaps between them, finish.

The request thread notes each exchange (when its request went out, when its answer's last
byte was in); the finishing code marks its stages. :meth:`RunTimeline.breakdown` turns
that into the figures ``benchmarks/bench_archive.py`` prints. Recording costs a few
``time.monotonic()`` calls per request; nothing here does I/O.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Exchanged:
    """One HTTP exchange as the request thread saw it (monotonic seconds)."""

    method: str
    sent: float
    received: float
    size: int


@dataclass
class RunTimeline:
    """Monotonic time stamps of one run: exchanges and named marks, in order."""

    started: float = field(default_factory=time.monotonic)
    exchanges: list[Exchanged] = field(default_factory=list)
    marks: list[tuple[str, float]] = field(default_factory=list)
    #: work done beside the requests (e.g. prechecks in the writer thread): name, seconds
    beside: list[tuple[str, float]] = field(default_factory=list)

    def exchange(self, method: str, elapsed_ms: float, size: int) -> None:
        """An answer is in now; its request went out ``elapsed_ms`` ago."""
        now = time.monotonic()
        self.exchanges.append(Exchanged(method, now - elapsed_ms / 1000, now, size))

    def mark(self, name: str) -> None:
        """A stage ends now (e.g. ``"drained"``, ``"verified"``, ``"renamed"``)."""
        self.marks.append((name, time.monotonic()))

    def note_beside(self, name: str, seconds: float) -> None:
        """Work of ``seconds`` done beside the requests (not on the critical path)."""
        self.beside.append((name, seconds))

    def breakdown(self) -> dict[str, float]:
        """Seconds per part of the run: ``start`` (job start to the first request),
        ``in-flight`` (request out to answer in, summed), ``gaps`` (answer in to the next
        request out, summed), ``gap-max``, then each finish stage after the last answer,
        named by its mark, ``total``, and per kind of work done beside the requests
        ``beside:<name>`` (seconds) and ``beside:<name>:n`` (how often)."""
        out: dict[str, float] = {}
        if not self.exchanges:
            return out
        first, last = self.exchanges[0], self.exchanges[-1]
        out["start"] = first.sent - self.started
        out["in-flight"] = sum(e.received - e.sent for e in self.exchanges)
        gaps = [b.sent - a.received for a, b in zip(self.exchanges, self.exchanges[1:],
                                                     strict=False)]
        out["gaps"] = sum(gaps)
        out["gap-max"] = max(gaps, default=0.0)
        before = last.received
        for name, moment in self.marks:
            if moment >= last.received:
                out[name] = moment - before
                before = moment
        end = max([last.received, *(m for _, m in self.marks)])
        out["total"] = end - self.started
        for name, seconds in self.beside:
            out[f"beside:{name}"] = out.get(f"beside:{name}", 0.0) + seconds
            out[f"beside:{name}:n"] = out.get(f"beside:{name}:n", 0.0) + 1
        return out
