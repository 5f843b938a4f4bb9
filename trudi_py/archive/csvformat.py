"""The CSV tables of archive.md (also used by ``trudi-py readings``).

Values are written exactly as the gateway sent them; physical values are exact decimals.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
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


def csv_line(row: Iterable[str]) -> str:
    """One CSV line exactly as :func:`write_csv` writes it (``\\n`` line end)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(list(row))
    return buffer.getvalue()


@dataclass
class WindowRows:
    """The CSV rows one readings answer contributes, per OBIS, sorted by target time."""

    rows: dict[str, list[list[str]]] = field(default_factory=dict)
    outside: int = 0  # readings outside the requested window (dropped)
    duplicates: int = 0  # second readings of one channel with the same target time (dropped)
    total: int = 0  # readings in the answer


def window_rows(channels: Iterable[ChannelReadings], meta: dict[str, Channel],
                after: datetime | None, until: datetime | None) -> WindowRows:
    """Rows of one answer, each (obis, target time) once, restricted to ``after < t <= until``.

    ``after``/``until`` None means no bound (``last-reading`` answers). A channel may appear
    more than once in an answer (e.g. bare and qualified name); its readings are merged.
    """
    out = WindowRows()
    by_obis: dict[str, dict[datetime, list[str]]] = {}
    for ch in channels:
        bucket = by_obis.setdefault(ch.obis, {})
        info = meta.get(ch.obis)
        scaler = info.scaler if info else 0
        unit = str(info.unit) if info else ""
        for r in ch.readings:
            out.total += 1
            t = r.target_time
            if (after is not None and t <= after) or (until is not None and t > until):
                out.outside += 1
                continue
            if t in bucket:
                out.duplicates += 1
                continue
            bucket[t] = [ch.obis, ch.meter_id,
                         format_utc(r.capture_time) if r.capture_time else "",
                         format_utc(t), r.value, str(scaler), unit,
                         format_decimal(r.physical(scaler)), r.cosem_status, r.smgw_status,
                         r.meter_status, r.owner_number, r.signature or ""]
    for obis in sorted(by_obis):
        bucket = by_obis[obis]
        if bucket:
            out.rows[obis] = [bucket[t] for t in sorted(bucket)]
    return out


def encode_rows(rows: Iterable[list[str]]) -> bytes:
    """Rows as UTF-8 CSV lines (no header)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def header_line(columns: Iterable[str]) -> bytes:
    return csv_line(columns).encode("utf-8")
