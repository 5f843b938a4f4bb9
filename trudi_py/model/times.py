"""Time parsing and formatting: the gateway speaks UTC; we store UTC, timezone-aware.

Accepted forms (IF_GW_CON "Time formats"): ``YYYY-MM-DDThh:mm:ss`` (RFC 3339 also allows a
lower-case ``t``, ISO 8601 a blank) with an optional fraction,
followed by ``Z``, an offset ``+01:00`` / ``+1:00`` / ``+0100``, or nothing (= UTC).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

from trudi_py.errors import MalformedAnswer
from trudi_py.i18n import msg

BERLIN = ZoneInfo("Europe/Berlin")
UTC = UTC

_DATETIME = re.compile(
    r"^\s*(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?"
    r"\s*(Z|z|[+-]\d{1,2}(?::?\d{2})?)?\s*$")


def parse_time(value: str, field: str = "time") -> datetime:
    """Parse a gateway time into an aware UTC datetime; no zone means UTC."""
    if type(value) is str and len(value) == 20 and value[19] == "Z" and value[10] == "T":
        try:  # the usual form, parsed in C
            return datetime.fromisoformat(value)
        except ValueError:
            pass
    if not isinstance(value, str):
        raise MalformedAnswer(msg("Field '{field}' is not a time (got {value!r}).",
                                  field=field, value=value), field=field)
    match = _DATETIME.match(value)
    if not match:
        raise MalformedAnswer(msg("Field '{field}' is not a time (got {value!r}).",
                                  field=field, value=value[:40]),
                              field=field)
    year, month, day, hour, minute, second, frac, zone = match.groups()
    micro = int((frac or "0")[:6].ljust(6, "0"))
    try:
        naive = datetime(int(year), int(month), int(day), int(hour), int(minute),
                         int(second or 0), micro)
        tz = _zone(zone)
    except ValueError:
        raise MalformedAnswer(msg("Field '{field}' is not a valid time ({value!r}).",
                                  field=field, value=value),
                              field=field) from None
    return naive.replace(tzinfo=tz).astimezone(UTC)


def _zone(text: str | None) -> timezone:
    if text is None or text in ("Z", "z"):
        return UTC
    sign = -1 if text[0] == "-" else 1
    body = text[1:]
    if ":" in body:
        hours, minutes = body.split(":")
    elif len(body) > 2:
        hours, minutes = body[:-2], body[-2:]
    else:
        hours, minutes = body, "0"
    offset = timedelta(hours=int(hours), minutes=int(minutes))
    if offset >= timedelta(hours=24):
        raise ValueError("offset out of range")
    return timezone(sign * offset)


def parse_optional_time(value: str | None, field: str = "time") -> datetime | None:
    """Like :func:`parse_time`, but ``None`` and ``""`` (e.g. an open ``end-time``) give None."""
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    return parse_time(value, field)


def format_utc(moment: datetime) -> str:
    """``2026-03-01T00:15:00Z`` — the form the gateway expects and our JSON/CSV use."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


#: Hours whose Berlin offset is remembered: 25 years of hours (a 10-year archive fits twice).
OFFSET_CACHE_HOURS = 25 * 366 * 24


@lru_cache(maxsize=OFFSET_CACHE_HOURS)
def berlin_offset_of_hour(epoch_hour: int) -> int:
    """The Europe/Berlin UTC offset in seconds during UTC hour ``epoch_hour`` (hours since
    1970-01-01 UTC). Berlin changes its offset only on whole UTC hours, so one lookup per hour
    serves every reading in it; the cache is bounded (:data:`OFFSET_CACHE_HOURS`)."""
    moment = datetime.fromtimestamp(epoch_hour * 3600, UTC).astimezone(BERLIN)
    offset = moment.utcoffset()
    return int(offset.total_seconds()) if offset is not None else 0


def berlin_offset(epoch_seconds: int) -> int:
    """The Europe/Berlin UTC offset in seconds at ``epoch_seconds`` (seconds since 1970 UTC)."""
    return berlin_offset_of_hour(epoch_seconds // 3600)


def to_berlin(moment: datetime) -> datetime:
    """The same instant on the Europe/Berlin wall clock (for display)."""
    return moment.astimezone(BERLIN)


def format_local(moment: datetime) -> str:
    """``28.11.2026 13:00`` style local (Europe/Berlin) time for display."""
    return to_berlin(moment).strftime("%d.%m.%Y %H:%M:%S")


def local_day_start(day: date) -> datetime:
    """The instant of 00:00 Europe/Berlin on ``day`` (as UTC)."""
    return datetime.combine(day, time(0), tzinfo=BERLIN).astimezone(UTC)


def parse_user_time(value: str, *, end: bool = False) -> datetime:
    """A time given by a user (CLI ``--from``/``--to``).

    A date alone means a whole local day: as a start, that day's 00:00 Europe/Berlin; as an
    end (``end=True``), the next day's 00:00 (inclusive). A time without zone is local time.
    """
    stripped = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", stripped):
        day = date.fromisoformat(stripped)
        return local_day_start(day + timedelta(days=1) if end else day)
    match = _DATETIME.match(stripped)
    if not match:
        raise ValueError(f"not a date or time: {value!r}")
    if match.group(8) is None:
        naive = datetime.fromisoformat(stripped.replace(" ", "T"))
        return naive.replace(tzinfo=BERLIN).astimezone(UTC)
    return parse_time(stripped)
