"""The CSV tables of archive.md (also used by ``trudi-py readings``).

Values are written exactly as the gateway sent them; physical values are exact decimals.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import TextIO

from trudi_py.model import Channel, ChannelReadings, LogEntry
from trudi_py.model.readings import format_decimal
from trudi_py.model.times import format_utc

READING_COLUMNS = ("obis", "meter_id", "capture_time", "target_time", "value", "scaler",
                   "unit", "physical_value", "cosem_status", "smgw_status", "meter_status",
                   "owner_number", "signature")
LOG_COLUMNS = ("index", "record_number", "time", "level", "vendor_id", "event_id",
               "event_sub_id", "outcome", "message", "subject_identity", "user_identity",
               "version")


def reading_rows(channels: Iterable[ChannelReadings], meta: dict[str, Channel]
                 ) -> Iterator[list[str]]:
    """Rows sorted by obis then target time; ``meta`` maps OBIS → channel (scaler, unit)."""
    for ch in sorted(channels, key=lambda c: c.obis):
        info = meta.get(ch.obis)
        scaler = info.scaler if info else 0
        unit = str(info.unit) if info else ""
        for r in ch.readings:
            yield [ch.obis, ch.meter_id,
                   format_utc(r.capture_time) if r.capture_time else "",
                   format_utc(r.target_time), r.value, str(scaler), unit,
                   format_decimal(r.physical(scaler)), r.cosem_status, r.smgw_status,
                   r.meter_status, r.owner_number, r.signature or ""]


def log_rows(entries: Iterable[LogEntry]) -> Iterator[list[str]]:
    """Logbook rows sorted by index."""
    for e in sorted(entries, key=lambda e: e.index):
        yield [str(e.index), e.record_number, format_utc(e.time), e.level, e.vendor_id,
               e.event_id, e.event_sub_id, e.outcome, e.message, e.subject_identity,
               e.user_identity, e.version]


def write_csv(out: TextIO, header: Iterable[str], rows: Iterable[list[str]]) -> int:
    """Header and rows with ``\\n`` line ends; returns the number of rows."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(list(header))
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count
