"""Readings (`readings`): raw register values with their status words and signature."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from trudi_py.errors import MalformedAnswer
from trudi_py.model import fields as f
from trudi_py.model.status import StatusWord, ptb_status
from trudi_py.model.times import parse_time
from trudi_py.model.units import split_qualified_obis


def physical_value(value: str | int, scaler: int) -> Decimal:
    """value × 10^scaler as an exact decimal: ``12345`` with scaler −1 is ``1234.5``."""
    return Decimal(int(value)).scaleb(scaler)


def format_decimal(number: Decimal) -> str:
    """A decimal in plain notation, no exponent, no float rounding (``1234.5``, ``0.001``)."""
    return format(number, "f")


@dataclass(frozen=True, slots=True)
class Reading:
    """One value as the gateway sent it (strings kept exactly), times parsed to UTC."""

    target_time: datetime
    capture_time: datetime | None
    value: str  # integer string, exactly as sent
    cosem_status: str
    smgw_status: str
    meter_status: str
    owner_number: str
    signature: str | None

    @property
    def raw(self) -> int:
        return int(self.value)

    @property
    def ptb_status(self) -> int:
        return ptb_status(self.cosem_status) if self.cosem_status else 0

    @property
    def status(self) -> StatusWord | None:
        try:
            return StatusWord.parse(self.cosem_status) if self.cosem_status else None
        except ValueError:
            return None

    def physical(self, scaler: int) -> Decimal:
        return physical_value(self.value, scaler)

    @classmethod
    def from_json(cls, data: Mapping[str, Any], path: str) -> Reading:
        if not isinstance(data, Mapping):
            raise MalformedAnswer(f"Field '{path}' is not an object.",
                                  f"Feld '{path}' ist kein Objekt.", field=path)
        value = f.text(data, "value", path).strip()
        f.parse_int(value, f"{path}.value")
        capture = f.opt_text(data, "capture-time", path)
        signature = data.get("signature")
        if signature is not None and not isinstance(signature, str):
            raise MalformedAnswer(f"Field '{path}.signature' is not text.",
                                  f"Feld '{path}.signature' ist kein Text.",
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


@dataclass(frozen=True)
class ReadingsAnswer:
    records: int | None
    channels: tuple[ChannelReadings, ...]

    @property
    def count(self) -> int:
        return sum(len(c.readings) for c in self.channels)

    @classmethod
    def from_json(cls, answer: Mapping[str, Any]) -> ReadingsAnswer:
        p = "readings"
        body = f.obj(answer, p)
        channels = []
        for i, ch in enumerate(f.lst(body, "channels", p, default=[])):
            cp = f"{p}.channels[{i}]"
            if not isinstance(ch, Mapping):
                raise MalformedAnswer(f"Field '{cp}' is not an object.",
                                      f"Feld '{cp}' ist kein Objekt.", field=cp)
            obis, meter = split_qualified_obis(f.text(ch, "obis", cp))
            if len(obis) != 12:
                raise MalformedAnswer(f"Field '{cp}.obis' is not an OBIS code.",
                                      f"Feld '{cp}.obis' ist keine OBIS-Kennzahl.",
                                      field=f"{cp}.obis")
            readings = tuple(Reading.from_json(r, f"{cp}.readings[{j}]")
                             for j, r in enumerate(f.lst(ch, "readings", cp, default=[])))
            channels.append(ChannelReadings(obis, meter, readings))
        records = body.get("records")
        return cls(records=f.parse_int(str(records), f"{p}.records") if records not in (None, "")
                   else None, channels=tuple(channels))


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
