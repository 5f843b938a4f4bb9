"""Transport faults of the simulated gateway: random ones (quirk ``random-faults=P``) and the
hostile answers tests inject (:meth:`Simulator.inject`), and how such answers are written.

Random faults are drawn once per data request (not discovery) from a generator seeded with
``fault-seed=N`` (default: the simulator's seed), so a given sequence of requests meets the
same faults in every run. Each draw consumes the same amount of randomness whether or not a
fault fires, which keeps the sequence stable when the probability changes between runs.
"""

from __future__ import annotations

import contextlib
import random
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from typing import Any

RESET = "reset"  # part of the body, then a TCP RST
HTTP_500 = "http-500"
EMPTY_200 = "empty-200"
IDLE_DROP = "idle-drop"  # a normal answer, then the connection is closed without notice
LATENCY = "latency"  # a normal answer after an extra 300-800 ms
FAULT_KINDS: tuple[str, ...] = (RESET, HTTP_500, EMPTY_200, IDLE_DROP, LATENCY)
LATENCY_SPIKE_S = (0.3, 0.8)


@dataclass(frozen=True)
class Delivery:
    """How an answer goes over the wire; the default is "normally"."""

    drip: tuple[int, float] | None = None  # (bytes per write, seconds between writes)
    declared_length: int | None = None  # Content-Length to announce; closed after the body
    reset: bool = False  # send half the body, then abort with a TCP RST
    close_after: bool = False  # close the connection after the answer, without notice
    delay_s: float = 0.0  # extra wait before answering


@dataclass(frozen=True)
class Fault:
    """One drawn random fault."""

    kind: str
    delay_s: float = 0.0

    @property
    def delivery(self) -> Delivery:
        """How the handler delivers the answer under this fault."""
        if self.kind == RESET:
            return Delivery(reset=True)
        if self.kind == IDLE_DROP:
            return Delivery(close_after=True)
        if self.kind == LATENCY:
            return Delivery(delay_s=self.delay_s)
        return Delivery()


@dataclass(frozen=True)
class Injected:
    """An answer a test queued with :meth:`Simulator.inject`."""

    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    delivery: Delivery = field(default_factory=Delivery)
    discovery: bool = False  # answers the next discovery instead of the next data request


class RandomFaults:
    """Seeded fault generator with per-kind counters; thread-safe."""

    def __init__(self, probability: float = 0.0, seed: int = 1) -> None:
        self._lock = threading.Lock()
        self.counts: dict[str, int] = dict.fromkeys(FAULT_KINDS, 0)
        self.probability = 0.0
        self.kinds: tuple[str, ...] = FAULT_KINDS  # tests may narrow this down
        self._rng = random.Random()
        self.configure(probability, seed)

    def configure(self, probability: float, seed: int) -> None:
        """Set the probability per data request, re-seed, allow every kind again (counters
        are kept)."""
        with self._lock:
            self.probability = probability
            self.kinds = FAULT_KINDS
            self._rng = random.Random(f"trudi-sim-faults-{seed}")

    def reset_counts(self) -> None:
        """Zero the per-kind counters."""
        with self._lock:
            self.counts = dict.fromkeys(FAULT_KINDS, 0)

    def draw(self) -> Fault | None:
        """The fault for the next data request, or None (no randomness used when off)."""
        with self._lock:
            if self.probability <= 0:
                return None
            roll = self._rng.random()
            kind = self.kinds[self._rng.randrange(len(self.kinds))]
            delay = self._rng.uniform(*LATENCY_SPIKE_S)
            if roll >= self.probability:
                return None
            self.counts[kind] += 1
            return Fault(kind, delay if kind == LATENCY else 0.0)


def drip_write(wfile: Any, data: bytes, chunk: int, delay_s: float,
               stopped: Any = lambda: False) -> int:
    """Write ``data`` in ``chunk``-byte pieces ``delay_s`` apart; stops when the peer is gone
    or ``stopped()`` is true. Returns the number of bytes written."""
    sent = 0
    for start in range(0, len(data), max(1, chunk)):
        if stopped():
            break
        try:
            wfile.write(data[start:start + chunk])
            wfile.flush()
        except (OSError, ValueError):  # the client gave up (closed, reset)
            break
        sent += len(data[start:start + chunk])
        time.sleep(delay_s)
    return sent


def abort_with_rst(sock: Any) -> None:
    """Close ``sock`` so that the peer sees a TCP RST (SO_LINGER 0)."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()
