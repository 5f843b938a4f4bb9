"""Cutting a time range into readings requests the gateway accepts.

The gateway's ``readings`` takes ``fromtime`` exclusive and ``totime`` inclusive, at most 31
days apart. Windows share their boundaries, so no value is lost or fetched twice; the first
window starts one second before the range so that a value stamped exactly at its start (e.g.
at the contract's start-time) is included.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

MAX_WINDOW = timedelta(days=31)
ONE_SECOND = timedelta(seconds=1)


@dataclass(frozen=True)
class Window:
    """One readings request's time span: ``after`` exclusive, ``until`` inclusive
    (fromtime/totime)."""
    after: datetime  # fromtime: exclusive
    until: datetime  # totime: inclusive

    def contains(self, moment: datetime) -> bool:
        """True if ``moment`` falls into this window."""
        return self.after < moment <= self.until


def plan_windows(start: datetime, end: datetime, max_span: timedelta = MAX_WINDOW
                 ) -> list[Window]:
    """Windows covering ``[start, end]`` (both inclusive), each at most ``max_span`` long."""
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("naive datetime")
    after = start.replace(microsecond=0) - ONE_SECOND
    if end < start:
        return []
    windows = []
    while after < end:
        until = min(after + max_span, end)
        windows.append(Window(after, until))
        after = until
    return windows
