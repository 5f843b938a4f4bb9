"""Readings (`readings`): raw register values with their status words and signature.

Two parsers give identical records: :meth:`ReadingsAnswer.from_bytes` decodes an answer body
with msgspec straight into :class:`Reading` (C speed, for answers in the canonical form real
gateways send: strings, ``...Z`` times in whole seconds, lower-case hex); anything else falls
back to the tolerant stdlib path (:meth:`ReadingsAnswer.from_json`), which also gives the
error messages. Values stay exact: integer text, never a float.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from operator import attrgetter
from typing import Annotated, Any

import msgspec

from trudi_py.errors import MalformedAnswer
from trudi_py.i18n import msg
from trudi_py.model import fields as f
from trudi_py.model.jsonbody import parse_json
from trudi_py.model.status import StatusWord, ptb_status
from trudi_py.model.times import parse_time
from trudi_py.model.units import split_qualified_obis
from trudi_py.model.wire import DECODE_ERRORS, Signature, plain_values

_UtcTime = Annotated[datetime, msgspec.Meta(tz=True)]  # checked by msgspec (in C)
_UTC = UTC
_FRACTION = re.compile(rb":\d\d\.\d")  # a time with a fraction of seconds


def physical_value(value: str | int, scaler: int) -> Decimal:
    """value × 10^scaler as an exact decimal: ``12345`` with scaler −1 is ``1234.5``.

    Built from its text, never through the decimal context (``scaleb`` would round values
    of more than 28 digits to the context's precision)."""
    return Decimal(f"{int(value)}E{scaler}")


def format_decimal(number: Decimal) -> str:
    """A decimal in plain notation, no exponent, no float rounding (``1234.5``, ``0.001``)."""
    return format(number, "f")


def scaled_text(raw: int, scaler: int) -> str:
    """``format_decimal(physical_value(raw, scaler))`` by string arithmetic (no Decimal)."""
    if scaler >= 0:
        return str(raw) + "0" * scaler if raw else "0"
    digits = str(abs(raw)).rjust(1 - scaler, "0")
    return ("-" if raw < 0 else "") + digits[:scaler] + "." + digits[scaler:]


class Reading(msgspec.Struct, frozen=True, rename="kebab", gc=False):
    """One value as the gateway sent it (strings kept exactly), times parsed to UTC.

    A msgspec struct so that answers decode straight into it; the annotations' constraints
    apply to that decoding only (construct it like a dataclass, positionally or by name).
    ``gc=False``: it holds only strings and datetimes, never a cycle.
    """

    target_time: _UtcTime
    capture_time: _UtcTime | None
    value: str  # integer string, exactly as sent
    cosem_status: str = ""  # lower-case hex (the parsers lower-case it)
    smgw_status: str = ""
    meter_status: str = ""
    owner_number: str = ""
    signature: Signature | None = None

    def replace(self, **changes: Any) -> Reading:
        """A copy with some fields changed (``dataclasses.replace`` does not take structs)."""
        return msgspec.structs.replace(self, **changes)

    @property
    def raw(self) -> int:
        """The raw register value as an integer."""
        return int(self.value)

    @property
    def ptb_status(self) -> int:
        """The PTB status (0-4) of ``cosem-status`` (0 without one)."""
        return ptb_status(self.cosem_status) if self.cosem_status else 0

    @property
    def status(self) -> StatusWord | None:
        """The decoded ``cosem-status`` word, None when absent or unreadable."""
        try:
            return StatusWord.parse(self.cosem_status) if self.cosem_status else None
        except ValueError:
            return None

    def physical(self, scaler: int) -> Decimal:
        """value × 10^scaler as an exact decimal."""
        return physical_value(self.value, scaler)

    @classmethod
    def from_json(cls, data: Mapping[str, Any], path: str) -> Reading:
        """One reading of an answer (tolerant path); MalformedAnswer names ``path``."""
        if not isinstance(data, Mapping):
            raise MalformedAnswer(msg("Field '{path}' is not an object.", path=path), field=path)
        value = f.text(data, "value", path).strip()
        f.parse_int(value, f"{path}.value")
        capture = f.opt_text(data, "capture-time", path)
        signature = data.get("signature")
        if signature is not None and not isinstance(signature, str):
            raise MalformedAnswer(msg("Field '{path}.signature' is not text.", path=path),
                                  field=f"{path}.signature")
        return cls(
            target_time=parse_time(f.text(data, "target-time", path), f"{path}.target-time"),
            capture_time=parse_time(capture, f"{path}.capture-time") if capture else None,
            value=value,
            cosem_status=f.hex_text(data, "cosem-status", path, default=""),
            smgw_status=f.hex_text(data, "smgw-status", path, default=""),
            meter_status=f.hex_text(data, "meter-status", path, default=""),
            owner_number=f.text(data, "owner-number", path, default=""),
            signature=signature or None,
        )


@dataclass(frozen=True)
class ChannelReadings:
    """The readings of one channel in one answer (or merged over many answers)."""

    obis: str  # 12 lower-case hex digits
    meter_id: str  # from a qualified name, "" for bare OBIS
    readings: tuple[Reading, ...]


class _WireChannel(msgspec.Struct):
    obis: str
    readings: list[Reading] = []


class _WireBody(msgspec.Struct):
    channels: list[_WireChannel] = []
    records: str | None = None


class _WireAnswer(msgspec.Struct):
    readings: _WireBody


_DECODER = msgspec.json.Decoder(_WireAnswer)


_TARGET, _CAPTURE = attrgetter("target_time"), attrgetter("capture_time")
_TZ, _MICRO = attrgetter("tzinfo"), attrgetter("microsecond")


def _utc_whole_seconds(times: list[datetime]) -> bool:
    return not (set(map(_TZ, times)) - {_UTC}) and not any(map(_MICRO, times))


def _canonical(readings: list[Reading]) -> bool:
    """True if the readings are in canonical form, so that the tolerant parser would give
    the same records: times in UTC and whole seconds (msgspec rounds fractions beyond
    microseconds; other offsets are kept), values plain integer text, lower-case hex.
    (Loops in C via map/attrgetter: a Python loop here would cost as much as the decode.)"""
    captures = list(map(_CAPTURE, readings))
    if None in captures:
        captures = [c for c in captures if c is not None]
    return (_utc_whole_seconds(list(map(_TARGET, readings))) and _utc_whole_seconds(captures)
            and plain_values(readings))


def decode_canonical(data: bytes) -> tuple[str | None, list[tuple[str, list[Reading]]]] | None:
    """Fast path: (records text, [(wire channel name, readings)]) of a ``readings`` answer in
    canonical form, or None when the answer needs the tolerant parser (or is bad)."""
    if b"\\" in data or _FRACTION.search(data):
        return None  # escapes, fractions of seconds: msgspec would round, parse_time truncates
    try:
        wire = _DECODER.decode(data)
    except DECODE_ERRORS:
        return None
    channels = wire.readings.channels
    if not all(_canonical(ch.readings) for ch in channels):
        return None
    return wire.readings.records, [(ch.obis, ch.readings) for ch in channels]


def channel_name(name: str, path: str) -> tuple[str, str]:
    """(OBIS, meter id) of a channel's wire name, or MalformedAnswer."""
    obis, meter = split_qualified_obis(name)
    if len(obis) != 12:
        raise MalformedAnswer(msg("Field '{path}.obis' is not an OBIS code.", path=path),
                              field=f"{path}.obis")
    return obis, meter


def records_field(records: Any, path: str = "readings") -> int | None:
    """The answer's ``records`` as an integer (None when absent or empty)."""
    return f.parse_int(str(records), f"{path}.records") if records not in (None, "") else None


@dataclass(frozen=True)
class ReadingsAnswer:
    """A ``readings`` answer: its ``records`` field and the channels."""

    records: int | None
    channels: tuple[ChannelReadings, ...]

    @property
    def count(self) -> int:
        """The number of readings over all channels."""
        return sum(len(c.readings) for c in self.channels)

    @classmethod
    def from_bytes(cls, data: bytes, method: str = "readings") -> ReadingsAnswer:
        """Parse an answer body (fast path, else :meth:`from_json` with its messages)."""
        fast = decode_canonical(data)
        if fast is None:
            return cls.from_json(parse_json(data, method))
        records, wire_channels = fast
        channels = tuple(ChannelReadings(*channel_name(name, f"readings.channels[{i}]"),
                                         tuple(readings))
                         for i, (name, readings) in enumerate(wire_channels))
        return cls(records=records_field(records), channels=channels)

    @classmethod
    def from_json(cls, answer: Mapping[str, Any]) -> ReadingsAnswer:
        """Parse a ``readings`` answer (tolerant path with field-level messages)."""
        p = "readings"
        body = f.obj(answer, p)
        channels = []
        for i, ch in enumerate(f.lst(body, "channels", p, default=[])):
            cp = f"{p}.channels[{i}]"
            if not isinstance(ch, Mapping):
                raise MalformedAnswer(msg("Field '{cp}' is not an object.", cp=cp), field=cp)
            obis, meter = channel_name(f.text(ch, "obis", cp), cp)
            readings = tuple(Reading.from_json(r, f"{cp}.readings[{j}]")
                             for j, r in enumerate(f.lst(ch, "readings", cp, default=[])))
            channels.append(ChannelReadings(obis, meter, readings))
        return cls(records=records_field(body.get("records"), p), channels=tuple(channels))


def merge_channels(parts: Iterable[ChannelReadings]) -> list[ChannelReadings]:
    """Merge readings of many windows: one entry per OBIS, sorted by target time, no duplicates.

    Two readings of one channel with the same target time are the same value (a window
    boundary seen twice); the first is kept.
    """
    by_obis: dict[str, dict[datetime, Reading]] = {}
    meters: dict[str, str] = {}
    for part in parts:
        bucket = by_obis.setdefault(part.obis, {})
        if part.meter_id and not meters.get(part.obis):
            meters[part.obis] = part.meter_id
        for reading in part.readings:
            bucket.setdefault(reading.target_time, reading)
    return [ChannelReadings(obis, meters.get(obis, ""),
                            tuple(bucket[t] for t in sorted(bucket)))
            for obis, bucket in sorted(by_obis.items())]
