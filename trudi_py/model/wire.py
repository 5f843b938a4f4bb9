"""The fast path's checks of ``readings`` answers, and a decoder keeping times as text.

msgspec decodes an answer into typed structs in C; what it cannot check cheaply (a `pattern`
in ``msgspec.Meta`` calls Python's re once per value) is checked here over all values of a
channel at once. An answer that fails a check is not wrong: it goes to the tolerant parser,
which accepts more forms and gives the error messages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import repeat
from operator import attrgetter, getitem
from typing import Annotated, Protocol

import msgspec

#: A non-empty signature (an empty one is "no signature": the tolerant parser says None).
Signature = Annotated[str, msgspec.Meta(min_length=1)]
DECODE_ERRORS = (msgspec.ValidationError, msgspec.DecodeError, RecursionError)

_INT_LINES = re.compile(r"-?[0-9]{1,40}(?:\n-?[0-9]{1,40})*")
_HEX = re.compile(r"[0-9a-f]*")
_UTC = r"\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\dZ"
_UTC_LINES = re.compile(f"{_UTC}(?:\n{_UTC})*")
_DAY = slice(0, 10)
_MAX_HEX = 512
_VALUE, _COSEM = attrgetter("value"), attrgetter("cosem_status")
_SMGW, _METER = attrgetter("smgw_status"), attrgetter("meter_status")
_TARGET, _CAPTURE = attrgetter("target_time"), attrgetter("capture_time")


class _Plain(Protocol):
    @property
    def value(self) -> str: ...
    @property
    def cosem_status(self) -> str: ...
    @property
    def smgw_status(self) -> str: ...
    @property
    def meter_status(self) -> str: ...


def all_match(texts: list[str], lines: re.Pattern[str]) -> bool:
    """Every text matches ``lines``' item pattern (one regex over the joined texts; a text
    holding the separator itself changes the count of lines and fails)."""
    if not texts:
        return True
    joined = "\n".join(texts)
    return joined.count("\n") == len(texts) - 1 and lines.fullmatch(joined) is not None


def _plain_ints(values: list[str]) -> bool:
    joined = "".join(values)
    if joined.isascii() and joined.isdigit():  # the usual case: no signs, one C scan
        return "" not in values and max(map(len, values)) <= 40
    return all_match(values, _INT_LINES)


def plain_values(readings: Sequence[_Plain]) -> bool:
    """Values are plain integer text, status words lower-case hex (≤ 512 digits)."""
    return plain_columns(list(map(_VALUE, readings)), list(map(_COSEM, readings)),
                         list(map(_SMGW, readings)), list(map(_METER, readings)))


def plain_columns(values: list[str], cosem: list[str], smgw: list[str], meter: list[str]
                  ) -> bool:
    """:func:`plain_values` of readings given as their columns."""
    if not values or not _plain_ints(values):
        return not values
    # Status words repeat: check each distinct one once.
    distinct = {*cosem, *smgw, *meter}
    return all(len(s) <= _MAX_HEX and _HEX.fullmatch(s) for s in distinct)


class TextReading(msgspec.Struct, frozen=True, rename="kebab", gc=False):
    """A reading with its times as sent (for rows that keep the gateway's text)."""

    target_time: str
    capture_time: str | None
    value: str
    cosem_status: str = ""
    smgw_status: str = ""
    meter_status: str = ""
    owner_number: str = ""
    signature: Signature | None = None


class _TextChannel(msgspec.Struct):
    obis: str
    readings: list[TextReading] = []


class _TextBody(msgspec.Struct):
    channels: list[_TextChannel] = []
    records: str | None = None


class _TextAnswer(msgspec.Struct):
    readings: _TextBody


_TEXT_DECODER = msgspec.json.Decoder(_TextAnswer)


def _utc_texts(texts: list[str]) -> bool:
    """All ``YYYY-MM-DDThh:mm:ssZ`` and valid dates and times (the pattern bounds months,
    days, hours, minutes and seconds; each distinct date is then checked once)."""
    if not all_match(texts, _UTC_LINES):
        return False
    try:
        days: set[str] = set(map(getitem, texts, repeat(_DAY)))
        for _ in map(date.fromisoformat, days):
            pass
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class TextColumns:
    """One channel's checked readings as columns of text (times all ``…Z``, never None)."""

    targets: list[str]
    captures: list[str]
    values: list[str]
    cosem: list[str]
    smgw: list[str]
    meter: list[str]


def decode_columns(data: bytes
                   ) -> tuple[str | None, list[tuple[str, list[TextReading], TextColumns]]] | None:
    """:func:`decode_text` with each channel's checked columns (for callers that work column
    by column), or None when the answer needs the tolerant parser."""
    try:
        wire = _TEXT_DECODER.decode(data)
    except DECODE_ERRORS:
        return None
    out = []
    checked: list[list[str]] = []  # time columns checked already (channels share times)
    for ch in wire.readings.channels:
        rs = ch.readings
        captures = list(map(_CAPTURE, rs))
        if None in captures:
            return None
        cols = TextColumns(list(map(_TARGET, rs)), captures, list(map(_VALUE, rs)),
                           list(map(_COSEM, rs)), list(map(_SMGW, rs)), list(map(_METER, rs)))
        if not plain_columns(cols.values, cols.cosem, cols.smgw, cols.meter) or \
                not _times_checked(cols.targets, checked) or \
                not _times_checked(captures, checked):
            return None
        out.append((ch.obis, rs, cols))
    return wire.readings.records, out


def _times_checked(texts: list[str], checked: list[list[str]]) -> bool:
    """:func:`_utc_texts`, skipped for a column equal to one checked before (noted then)."""
    if texts in checked:  # list equality: C-level, and a length differing ends it at once
        return True
    if not _utc_texts(texts):
        return False
    checked.append(texts)
    return True


def decode_text(data: bytes) -> tuple[str | None, list[tuple[str, list[TextReading]]]] | None:
    """(records text, [(wire channel name, readings)]) of a ``readings`` answer in canonical
    form (times ``...Z`` in whole seconds), or None when it needs the tolerant parser."""
    decoded = decode_columns(data)
    if decoded is None:
        return None
    return decoded[0], [(name, readings) for name, readings, _ in decoded[1]]
