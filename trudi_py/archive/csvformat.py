"""The CSV tables of archive.md (also used by ``trudi-py readings``).

Values are written exactly as the gateway sent them; physical values are exact decimals.
Every free-text cell (meter id, owner number, signature, the logbook's texts) goes through
:func:`neutralise` against formula injection; ``raw/`` keeps the answers byte-exact.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TextIO

from trudi_py.archive.csvcells import _FORMULA_START as _FORMULA_START
from trudi_py.archive.csvcells import (
    WindowColumns,
    columns_of,
    neutralise,
    rows_of,
    whole_columns,
)
from trudi_py.archive.csvcells import text_cell as _text
from trudi_py.errors import MalformedAnswer
from trudi_py.i18n import msg
from trudi_py.model import Channel, ChannelReadings, LogEntry, Reading
from trudi_py.model import fields as f
from trudi_py.model.jsonbody import parse_json
from trudi_py.model.readings import channel_name, format_decimal, scaled_text
from trudi_py.model.times import format_utc
from trudi_py.model.units import split_qualified_obis
from trudi_py.model.wire import TextColumns, TextReading, decode_columns

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
        meter_id = neutralise(ch.meter_id)
        for r in ch.readings:
            yield [ch.obis, meter_id,
                   format_utc(r.capture_time) if r.capture_time else "",
                   format_utc(r.target_time), r.value, str(scaler), unit,
                   format_decimal(r.physical(scaler)), r.cosem_status, r.smgw_status,
                   r.meter_status, _text(r.owner_number), _text(r.signature or "")]


def log_rows(entries: Iterable[LogEntry]) -> Iterator[list[str]]:
    """Logbook rows sorted by index; free-text cells neutralised against formula injection."""
    n = neutralise
    for e in sorted(entries, key=lambda e: e.index):
        yield [str(e.index), n(e.record_number), format_utc(e.time), n(e.level),
               n(e.vendor_id), n(e.event_id), n(e.event_sub_id), n(e.outcome), n(e.message),
               n(e.subject_identity), n(e.user_identity), n(e.version)]


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
    records: int | None = None  # the answer's `records` field


_CANONICAL_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
_OFFSET_TIME = re.compile(r"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})([+-])(\d{1,2}):(\d{2})")


def _canonical_time(text: str) -> str | None:
    """``...Z`` unchanged, ``...+1:00`` as the same instant in ``...Z``; None otherwise."""
    try:
        if _CANONICAL_TIME.fullmatch(text):
            datetime.fromisoformat(text[:-1])  # a valid date?
            return text
        m = _OFFSET_TIME.fullmatch(text)
        if m is None:
            return None
        moment = datetime.fromisoformat(f"{m[1]}{m[2]}{int(m[3]):02d}:{m[4]}")
    except ValueError:
        return None
    return moment.astimezone(UTC).isoformat(timespec="seconds")[:-6] + "Z"
_PLAIN_INT = re.compile(r"-?[0-9]{1,40}")
_LOWER_HEX = re.compile(r"[0-9a-f]+")


def _fast_row(r: Any, obis: str, meter_id: str, scaler: str, unit: str,
              scale: int) -> list[str] | None:
    """The row of a reading already in canonical form (the usual case), else None.

    Canonical: times ``YYYY-MM-DDThh:mm:ssZ`` or with a ``+h:mm`` offset, a plain integer
    value, lower-case hex status words, text owner, text or null signature. For these, the
    model's parser would give exactly the same strings, so it is skipped; anything else goes
    through it.
    """
    if not isinstance(r, dict):
        return None
    target, capture, value = r.get("target-time"), r.get("capture-time"), r.get("value")
    cosem, smgw, meter = r.get("cosem-status"), r.get("smgw-status"), r.get("meter-status")
    owner, signature = r.get("owner-number"), r.get("signature")
    if not (type(target) is str and type(capture) is str and type(value) is str
            and type(cosem) is str and type(smgw) is str and type(meter) is str
            and type(owner) is str and (signature is None or type(signature) is str)):
        return None
    if not (_PLAIN_INT.fullmatch(value) and _LOWER_HEX.fullmatch(cosem)
            and _LOWER_HEX.fullmatch(smgw) and _LOWER_HEX.fullmatch(meter)):
        return None
    target, capture = _canonical_time(target), _canonical_time(capture)
    if target is None or capture is None:
        return None
    return [obis, meter_id, capture, target, value, scaler, unit,
            scaled_text(int(value), scale), cosem, smgw, meter, _text(owner),
            _text(signature or "")]


def _model_row(r: Any, path: str, obis: str, meter_id: str, scaler: str, unit: str,
               scale: int) -> list[str]:
    reading = Reading.from_json(r, path)
    return [obis, meter_id,
            format_utc(reading.capture_time) if reading.capture_time else "",
            format_utc(reading.target_time), reading.value, scaler, unit,
            format_decimal(reading.physical(scale)), reading.cosem_status,
            reading.smgw_status, reading.meter_status, _text(reading.owner_number),
            _text(reading.signature or "")]


def _decoded_columns(out: WindowColumns,
                     fast: tuple[str | None, list[tuple[str, list[TextReading], TextColumns]]],
                     meta: dict[str, Channel], lo: str | None, hi: str | None
                     ) -> WindowColumns:
    """:func:`window_columns` for an answer the model's fast decoder took (canonical form):
    a channel whose readings are all inside the window and ascending is taken column by
    column, any other reading by reading."""
    records, channels = fast
    out.records = f.parse_int(str(records), "readings.records") if records not in (None, "") \
        else None
    by_obis: dict[str, dict[str, list[str]]] = {}
    for i, (name, readings, text) in enumerate(channels):
        obis, meter_id = channel_name(name, f"readings.channels[{i}]")
        meter_id = neutralise(meter_id)
        if not _LOWER_HEX.fullmatch(obis):
            raise MalformedAnswer(msg("Field 'readings.channels[{i}].obis' is not an OBIS code.",
                                      i=i), field=f"readings.channels[{i}].obis")
        bucket = by_obis.setdefault(obis, {})
        info = meta.get(obis)
        scale = info.scaler if info else 0
        scaler, unit = str(scale), (str(info.unit) if info else "")
        out.total += len(readings)
        if not readings:
            continue
        if not bucket and obis not in out.columns:
            columns = whole_columns(obis, meter_id, scaler, unit, scale, readings, text,
                                    lo, hi)
            if columns is not None:
                out.columns[obis] = columns
                continue
        if obis in out.columns:  # the channel again (another name): merge reading by reading
            bucket.update((row[3], row) for row in rows_of(out.columns.pop(obis)))
        for r in readings:
            t = r.target_time
            if (lo is not None and t <= lo) or (hi is not None and t > hi):
                out.outside += 1
            elif t in bucket:
                out.duplicates += 1
            else:
                bucket[t] = [obis, meter_id, r.capture_time or "", t, r.value,
                             scaler, unit, scaled_text(int(r.value), scale), r.cosem_status,
                             r.smgw_status, r.meter_status, _text(r.owner_number),
                             _text(r.signature or "")]
    for obis in sorted(by_obis):
        bucket = by_obis[obis]
        if bucket:
            out.columns[obis] = columns_of([bucket[t] for t in sorted(bucket)])
    out.columns = {obis: out.columns[obis] for obis in sorted(out.columns)}
    return out


def window_columns(answer: Mapping[str, Any] | bytes, meta: dict[str, Channel],
                   after: datetime | None, until: datetime | None) -> WindowColumns:
    """:func:`window_rows` as columns per channel (the integrity check's form: a body in
    canonical form never becomes a list per row)."""
    if isinstance(answer, (bytes, bytearray)):
        fast = decode_columns(bytes(answer))
        if fast is not None:
            return _decoded_columns(WindowColumns(), fast, meta, *_bounds(after, until))
        answer = parse_json(bytes(answer), "readings")
    rows = window_rows(answer, meta, after, until)
    return WindowColumns({obis: columns_of(r) for obis, r in rows.rows.items()}, rows.outside,
                         rows.duplicates, rows.total, rows.records)


def _bounds(after: datetime | None, until: datetime | None) -> tuple[str | None, str | None]:
    return (format_utc(after) if after is not None else None,
            format_utc(until) if until is not None else None)


def window_rows(answer: Mapping[str, Any] | bytes, meta: dict[str, Channel],
                after: datetime | None, until: datetime | None) -> WindowRows:
    """Rows of one ``readings`` answer (its body as received, or the JSON object), each
    (obis, target time) once, restricted to ``after < t <= until`` (None: no bound, for
    ``last-reading``).

    Raises :class:`~trudi_py.errors.MalformedAnswer` like the model's parser. A channel may
    appear more than once in an answer (bare and qualified name); its readings are merged.
    A body in canonical form is decoded by the model's fast path, anything else as JSON.
    """
    out = WindowRows()
    lo, hi = _bounds(after, until)
    if isinstance(answer, (bytes, bytearray)):
        fast = decode_columns(bytes(answer))
        if fast is not None:
            cols = _decoded_columns(WindowColumns(), fast, meta, lo, hi)
            return WindowRows({obis: rows_of(c) for obis, c in cols.columns.items()},
                              cols.outside, cols.duplicates, cols.total, cols.records)
        answer = parse_json(bytes(answer), "readings")
    p = "readings"
    body = f.obj(answer, p)
    records = body.get("records")
    out.records = f.parse_int(str(records), f"{p}.records") if records not in (None, "") \
        else None
    by_obis: dict[str, dict[str, list[str]]] = {}
    for i, ch in enumerate(f.lst(body, "channels", p, default=[])):
        cp = f"{p}.channels[{i}]"
        if not isinstance(ch, Mapping):
            raise MalformedAnswer(msg("Field '{cp}' is not an object.", cp=cp), field=cp)
        obis, meter_id = split_qualified_obis(f.text(ch, "obis", cp))
        meter_id = neutralise(meter_id)
        if len(obis) != 12 or not _LOWER_HEX.fullmatch(obis):
            raise MalformedAnswer(msg("Field '{cp}.obis' is not an OBIS code.", cp=cp),
                                  field=f"{cp}.obis")
        bucket = by_obis.setdefault(obis, {})
        info = meta.get(obis)
        scale = info.scaler if info else 0
        scaler, unit = str(scale), (str(info.unit) if info else "")
        for j, r in enumerate(f.lst(ch, "readings", cp, default=[])):
            out.total += 1
            row = _fast_row(r, obis, meter_id, scaler, unit, scale) or \
                _model_row(r, f"{cp}.readings[{j}]", obis, meter_id, scaler, unit, scale)
            t = row[3]
            if (lo is not None and t <= lo) or (hi is not None and t > hi):
                out.outside += 1
            elif t in bucket:
                out.duplicates += 1
            else:
                bucket[t] = row
    for obis in sorted(by_obis):
        bucket = by_obis[obis]
        if bucket:
            out.rows[obis] = [bucket[t] for t in sorted(bucket)]
    return out


def encode_rows(rows: Iterable[list[str]]) -> bytes:
    """Rows as UTF-8 CSV lines (no header), exactly as :mod:`csv` writes them.

    Fast path: when no cell holds a comma, quote or line break (the usual case), csv writes
    the cells joined by commas; that is checked on the joined text (commas and line breaks
    counted) and only otherwise is the csv writer used.
    """
    rows = rows if isinstance(rows, list) else list(rows)
    if not rows:
        return b""
    try:
        lines = list(map(",".join, rows))
    except TypeError:  # a cell that is not text: the csv writer converts it
        return _csv_encode(rows)
    text = "\n".join(lines)
    fields = sum(map(len, rows))
    if min(map(len, rows)) > 1 and '"' not in text and "\r" not in text \
            and text.count(",") == fields - len(rows) and text.count("\n") == len(rows) - 1:
        return (text + "\n").encode("utf-8")
    return _csv_encode(rows)


def _csv_encode(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def header_line(columns: Iterable[str]) -> bytes:
    """The CSV header line of ``columns``."""
    return csv_line(columns).encode("utf-8")
