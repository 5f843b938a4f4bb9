"""Portal rows → :mod:`trudi_py.model` readings: exact kWh → 0.1 Wh, local time → UTC.

The portal prints cumulative registers in kWh with a decimal point ("724.9204") and local
(Europe/Berlin) timestamps at second :01, newest first. Values become integers in 0.1 Wh
(scaler -1, unit Wh, as the CONEXA sends them) with no float on the way; a value with more
decimals than 0.1 Wh can hold is refused, not rounded. In the autumn the local hour 02:xx
repeats: rows are resolved in their newest-first order, each one to the latest UTC instant
before the row above it, so the two 02:15:01 rows stay apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation

from trudi_py.errors import MalformedAnswer
from trudi_py.i18n import msg
from trudi_py.model.readings import ChannelReadings, Reading
from trudi_py.model.times import BERLIN
from trudi_py.vendors.ppc.pages import Row

SCALER = -1  # the raw values are 0.1 Wh
_UNIT_STEPS = {"kwh": Decimal(10000), "wh": Decimal(10)}  # raw units (0.1 Wh) per unit
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_OBIS = re.compile(r"^(\d+)-(\d+):(\d+)\.(\d+)\.(\d+)(?:\*(\d+))?$")


@dataclass(frozen=True)
class PpcValue:
    """One row, parsed: the portal's text and the exact result."""

    local_text: str  # as shown (second :01)
    utc: datetime  # the instant shown, UTC
    obis: str  # 12 hex digits
    raw: int  # 0.1 Wh
    valid: int  # 1 valid, 2 invalid, 3 not present


def obis_hex(text: str) -> str:
    """``"1-0:1.8.0"`` → ``"0100010800ff"`` (group F defaults to 255)."""
    match = _OBIS.match(text.strip())
    if match is None:
        raise MalformedAnswer(msg("'{text}' is not an OBIS code.", text=text), field="obis")
    groups = [int(g) if g is not None else 255 for g in match.groups()]
    if any(g > 255 for g in groups):
        raise MalformedAnswer(msg("'{text}' is not an OBIS code.", text=text), field="obis")
    return "".join(f"{g:02x}" for g in groups)


def exact_raw(value: str, unit: str) -> int:
    """``"724.9204"`` kWh → ``7249204`` (0.1 Wh), exactly; refuses what does not fit."""
    step = _UNIT_STEPS.get(unit.strip().lower())
    if step is None:
        raise MalformedAnswer(msg("Unknown unit '{unit}' in the meter values.", unit=unit),
                              field="einheit")
    text = value.strip()
    if not _NUMBER.match(text) or len(text) > 30:
        raise MalformedAnswer(msg("'{value}' is not a number.", value=value),
                              field="wert")
    try:
        scaled = Decimal(text) * step
    except InvalidOperation:
        raise MalformedAnswer(msg("'{value}' is not a number.", value=value),
                              field="wert") from None
    if scaled != scaled.to_integral_value():
        raise MalformedAnswer(msg("'{value} {unit}' is finer than 0.1 Wh.", value=value,
                                  unit=unit), field="wert")
    return int(scaled)


def candidates(local_text: str) -> list[datetime]:
    """The UTC instants a local timestamp can mean (two in the repeated autumn hour)."""
    try:
        naive = datetime.strptime(local_text, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        raise MalformedAnswer(msg("'{local_text}' is not a portal timestamp.",
                                  local_text=local_text),
                              field="timestamp") from None
    found = {naive.replace(tzinfo=BERLIN, fold=f).astimezone(UTC) for f in (0, 1)}
    return sorted(found)


def local_to_utc_latest(local_text: str) -> datetime:
    """The latest UTC instant a local timestamp can mean (an upper bound)."""
    return candidates(local_text)[-1]


def resolve(rows: Sequence[Row], upper: datetime, last: tuple[str, datetime] | None = None
            ) -> tuple[list[PpcValue], tuple[str, datetime] | None]:
    """Rows in page order (newest first) → values. ``upper`` bounds the first row (the end
    of the query); ``last`` carries (local text, UTC) of the previous page's last row."""
    out: list[PpcValue] = []
    for row in rows:
        stamp = row.timestamp or (last[0] if last else "")
        if not stamp:
            raise MalformedAnswer(msg("A meter value has no timestamp."), field="timestamp")
        if last is not None and stamp == last[0]:
            utc = last[1]  # the other register of the same reading pair
        else:
            bound = last[1] if last is not None else upper + timedelta(microseconds=1)
            fits = [c for c in candidates(stamp) if c < bound]
            if not fits:
                raise MalformedAnswer(msg("The meter values are not newest first at {stamp}.",
                                          stamp=stamp), field="timestamp")
            utc = fits[-1]
        last = (stamp, utc)
        try:
            valid = int(row.valid or "1")
        except ValueError:
            valid = 2
        out.append(PpcValue(stamp, utc, obis_hex(row.obis), exact_raw(row.value, row.unit),
                            valid))
    return out, last


def to_channels(values: Iterable[PpcValue], meter_id: str, owner: str
                ) -> list[ChannelReadings]:
    """Valid values as model channels, oldest first, one entry per instant (first kept).

    The target time is the quarter hour the :01 stamp belongs to; capture_time keeps the
    instant shown."""
    by_obis: dict[str, dict[datetime, Reading]] = {}
    for v in values:
        if v.valid != 1:
            continue
        target = v.utc.replace(second=0, microsecond=0)
        by_obis.setdefault(v.obis, {}).setdefault(target, Reading(
            target_time=target, capture_time=v.utc, value=str(v.raw), cosem_status="",
            smgw_status="", meter_status="", owner_number=owner, signature=None))
    return [ChannelReadings(obis, meter_id, tuple(b[t] for t in sorted(b)))
            for obis, b in sorted(by_obis.items())]
