"""What the PPC portal client queries with: meters, results, local time texts, split points."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import unquote

import httpx

from trudi_py.model.readings import ChannelReadings
from trudi_py.vendors.ppc.mapping import BERLIN, PpcValue

FMT = "%Y-%m-%d %H:%M:%S"


@dataclass(frozen=True)
class Meter:
    """One entry of the meter dropdown. ``mid`` rotates per login; ``label`` is stable."""

    mid: str
    label: str  # "01005e318002.1lgz0072999211.sm"

    @property
    def meter_id(self) -> str:
        """The meter id of the label (``1lgz0072999211``)."""
        parts = self.label.removesuffix(".sm").split(".")
        return parts[-1] if parts else self.label


@dataclass
class PpcReadings:
    """The readings of one meter for a window, plus what was not usable and how it went."""

    channels: list[ChannelReadings]
    not_valid: list[PpcValue] = field(default_factory=list)  # istvalide 2/3: shown, not used
    queries: int = 0
    pages: int = 0
    split_for_limit: int = 0  # windows halved because of the row limit


def local_text(moment: datetime) -> str:
    """An aware time as the portal's form fields want it (local, ``YYYY-MM-DD HH:MM:SS``)."""
    return moment.astimezone(BERLIN).strftime(FMT)


def filename_of(response: httpx.Response) -> str:
    """The file name of a Content-Disposition header ("" if none)."""
    header = response.headers.get("content-disposition", "")
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key.lower() == "filename*" and "''" in value:
            return unquote(value.split("''", 1)[1])[:255]
        if key.lower() == "filename":
            return value.strip('"')[:255]
    return ""


def split_point(a: datetime, b: datetime) -> datetime:
    """A split point on a whole quarter hour, never inside a repeated local hour."""
    mid = a + (b - a) / 2
    mid = mid.replace(minute=mid.minute - mid.minute % 15, second=0, microsecond=0)
    naive = mid.astimezone(BERLIN).replace(tzinfo=None)
    if naive.replace(tzinfo=BERLIN, fold=0).utcoffset() != \
            naive.replace(tzinfo=BERLIN, fold=1).utcoffset():
        mid = mid.replace(minute=0) + timedelta(hours=2)  # past the repeated hour
    return mid
