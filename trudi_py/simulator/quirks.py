"""Switchable misbehaviours of the simulated gateway, as seen on real firmware (IF_GW_CON.md).

A quirk string is what ``trudi-py simulate --quirks`` takes: comma-separated names, plus
``idle-timeout=S`` and ``latency=MS`` (``latency=realistic`` for the per-method defaults),
``random-faults=P`` (probability 0-1 per data request of a random transport fault, see
``faults.py``) and ``fault-seed=N`` (its seed; default: the simulator's seed).
The ``*-once`` quirks fire on the first matching request after they were (re-)armed.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any

from trudi_py.errors import UsageError
from trudi_py.i18n import msg

DIGEST_SHA256_EMPTY_BODY = "digest-sha256-empty-body"
STRICT_CONTENT_TYPE = "strict-content-type"
BARE_OBIS = "bare-obis"
QUALIFIED_OBIS = "qualified-obis"
SYSLOG_LEVELS = "syslog-levels"
SPEC_LEVELS = "spec-levels"
LAST_READING_STRING_ONLY = "last-reading-string-only"
LAST_READING_BOOLEAN_ONLY = "last-reading-boolean-only"
PLUS_1_OFFSETS = "plus-1-offsets"
EMPTY_BODY_ONCE = "empty-body-once"
HTTP_500_ONCE = "http-500-once"
RESET_MID_BODY_ONCE = "reset-mid-body-once"
BAD_LOGIN_DROPS_CONNECTION = "bad-login-drops-connection"
BAD_LOGIN_HANGS = "bad-login-hangs"
CORRUPT_CALCULATED = "corrupt-calculated"

#: Every plain (value-less) quirk name with a one-line description.
QUIRKS: dict[str, str] = {
    DIGEST_SHA256_EMPTY_BODY: "a request authenticated with a SHA-256 Digest response gets "
                              "200 with an empty body (discovery too); MD5 works",
    STRICT_CONTENT_TYPE: "400 for a charset parameter, a missing/other Content-Type on POST, "
                         "or a chunked request body",
    BARE_OBIS: "readings name channels by the bare 12 hex digits (firmware v3.87)",
    QUALIFIED_OBIS: "readings name channels <obis>.<meter-id>.sm (description gateway default)",
    SYSLOG_LEVELS: "log levels on the syslog scale 0-7 (field gateway default)",
    SPEC_LEVELS: "log levels on the spec table's scale 1-4 (description gateway default)",
    LAST_READING_STRING_ONLY: "last-reading as JSON boolean gets 400; only \"true\" works",
    LAST_READING_BOOLEAN_ONLY: "last-reading as a string gets 400; only JSON true works",
    PLUS_1_OFFSETS: "times in answers as Berlin wall clock with short offsets like +1:00",
    EMPTY_BODY_ONCE: "the first data request gets 200 with an empty body",
    HTTP_500_ONCE: "the first data request gets 500",
    RESET_MID_BODY_ONCE: "the first readings answer is cut off mid-body with a TCP RST",
    BAD_LOGIN_DROPS_CONNECTION: "wrong Digest credentials: the connection is closed, no 401",
    BAD_LOGIN_HANGS: "wrong Digest credentials: no answer at all (the request hangs for "
                     "the idle timeout, at most 30 s, then the connection is closed)",
    CORRUPT_CALCULATED: "the scenario's calculated (TAF-2) registers are wrong (data side)",
}

ONCE_QUIRKS = frozenset({EMPTY_BODY_ONCE, HTTP_500_ONCE, RESET_MID_BODY_ONCE})


def parse_quirks(text: str | Iterable[str]) -> tuple[frozenset[str], dict[str, Any]]:
    """Parse ``"q1,q2,idle-timeout=S,latency=MS"`` into (quirk names, config overrides).

    The overrides are keyword arguments for :class:`SimulatorConfig` (``idle_timeout_s``,
    ``latency_ms``, ``corrupt_calculated``, ``fault_probability``, ``fault_seed``). An unknown
    name or bad value raises :class:`trudi_py.errors.UsageError`.
    """
    items = text.split(",") if isinstance(text, str) else list(text)
    names: set[str] = set()
    overrides: dict[str, Any] = {}
    for raw in items:
        item = raw.strip().lower()
        if not item:
            continue
        if "=" in item:
            key, _, value = item.partition("=")
            key, value = key.strip(), value.strip()
            try:
                if key == "idle-timeout":
                    seconds = float(value)
                    if seconds <= 0:
                        raise ValueError(value)
                    overrides["idle_timeout_s"] = seconds
                elif key == "latency":
                    overrides["latency_ms"] = None if value == "realistic" else int(value)
                    if overrides["latency_ms"] is not None and overrides["latency_ms"] < 0:
                        raise ValueError(value)
                elif key == "random-faults":
                    probability = float(value)
                    if not 0 <= probability <= 1:
                        raise ValueError(value)
                    overrides["fault_probability"] = probability
                elif key == "fault-seed":
                    overrides["fault_seed"] = int(value)
                else:
                    raise _unknown(item)
            except ValueError:
                raise UsageError(msg("Bad value in quirk {item!r}.", item=item)) from None
            continue
        if item not in QUIRKS:
            raise _unknown(item)
        names.add(item)
    if BARE_OBIS in names and QUALIFIED_OBIS in names:
        raise UsageError(msg("Quirks 'bare-obis' and 'qualified-obis' exclude each other."))
    if SYSLOG_LEVELS in names and SPEC_LEVELS in names:
        raise UsageError(msg("Quirks 'syslog-levels' and 'spec-levels' exclude each other."))
    if CORRUPT_CALCULATED in names:
        overrides["corrupt_calculated"] = True
    return frozenset(names), overrides


def _unknown(item: str) -> UsageError:
    known = ", ".join(sorted(QUIRKS)) + ", idle-timeout=S, latency=MS, random-faults=P, " \
        "fault-seed=N"
    return UsageError(msg("Unknown quirk {item!r}; known: {known}.", item=item, known=known))


#: What the two simulated gateways send: the field's (firmware v3.87.0-cc, the default) and
#: the interface description's.
GATEWAYS = ("field", "description")


def with_gateway_defaults(names: Iterable[str], gateway: str) -> frozenset[str]:
    """The wire quirks of ``gateway`` added to ``names`` unless ``names`` chose otherwise:
    the field gateway sends bare OBIS and syslog levels, the description's gateway
    qualified OBIS and the spec table's levels."""
    if gateway not in GATEWAYS:
        raise UsageError(msg("Unknown gateway {gateway!r}; known: {known}.",
                             gateway=gateway, known=", ".join(GATEWAYS)))
    out = set(names)
    if gateway == "field":
        if QUALIFIED_OBIS not in out:
            out.add(BARE_OBIS)
        if SPEC_LEVELS not in out:
            out.add(SYSLOG_LEVELS)
    return frozenset(out)


class QuirkState:
    """The active quirks of a running simulator; thread-safe, switchable at runtime."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        self._lock = threading.Lock()
        self._names: frozenset[str] = frozenset()
        self._armed: set[str] = set()
        self.set(names)

    def set(self, names: Iterable[str]) -> None:
        """Replace the active quirks; ``*-once`` quirks in the set are armed again."""
        with self._lock:
            self._names = frozenset(names)
            self._armed = set(self._names & ONCE_QUIRKS)

    @property
    def names(self) -> frozenset[str]:
        """The active quirk names (a snapshot)."""
        return self._names

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def fire_once(self, name: str) -> bool:
        """True exactly once per arming of the ``*-once`` quirk ``name``."""
        with self._lock:
            if name in self._armed:
                self._armed.discard(name)
                return True
            return False
