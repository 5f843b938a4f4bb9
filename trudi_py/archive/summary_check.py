"""Checking an archive's day summary member against the readings it summarises (issue 16).

``summary/<usage-point-id>/<database>.json`` (:mod:`~trudi_py.archive.summary`) holds the
energy per local day per channel that the GUI draws its daily and monthly charts from. The
integrity check recomputes those day sums from the database's columns — the ones it proved
byte-equal to the raw answers — and compares: equal is no finding, a difference is an error
``summary-mismatch`` naming the member, the channel and the first differing day, a member
that cannot be read is ``summary-invalid``. Archives of earlier versions have no such
member: no finding. Pure Python (``verify`` runs where numpy cannot be loaded): a day's sum
is the difference of two register values found by bisection, not a loop over readings.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from trudi_py.archive.problems import Finding
from trudi_py.archive.summary import (
    MAX_DAY_SUMMARY_BYTES,
    DayChannel,
    DaySummaryError,
    day_summary_member,
    parse_day_summary,
)
from trudi_py.i18n import msg
from trudi_py.model.energy import day_text, day_totals_of_columns
from trudi_py.model.series import ChannelSeries

__all__ = ["check_day_summary", "compare_day_summary"]


def check_day_summary(read: Callable[[str, int], bytes | None], names: Collection[str],
                      usage_point_id: str, database: str,
                      series: Sequence[ChannelSeries] | None) -> list[Finding]:
    """The findings about one database's day summary: ``read(name, limit)`` gives a
    member's bytes (None: unreadable, already reported by the caller); ``series`` are the
    database's columns (None: not at hand, so only the member's form is checked)."""
    name = day_summary_member(usage_point_id, database)
    if name not in names:
        return []  # an archive of an earlier version: nothing to check
    data = read(name, MAX_DAY_SUMMARY_BYTES + 1)
    if data is None:
        return []
    try:
        channels = parse_day_summary(data)
    except DaySummaryError as exc:
        return [Finding("error", "summary-invalid", msg(
            "{name}: the day summary cannot be read ({reason}).", name=name,
            reason=str(exc)), name)]
    if series is None:
        return []
    return compare_day_summary(name, channels, series)


def compare_day_summary(name: str, channels: list[DayChannel],
                        series: Sequence[ChannelSeries]) -> list[Finding]:
    """Compare a parsed day summary with the columns: one finding per differing channel."""
    found: list[Finding] = []
    listed = {c.obis: c for c in channels}
    for s in series:
        channel = listed.pop(s.obis, None)
        if channel is None:  # not a register channel (the summary lists registers only)
            continue
        expected = day_totals_of_columns(s.targets, s.values)
        if channel.days != expected:
            day = _first_difference(channel.days, expected)
            found.append(_mismatch(name, s.obis, msg("first on {day}", day=day)))
    for obis in listed:  # a channel the readings do not have
        found.append(_mismatch(name, obis, msg("the readings have no such channel")))
    return found


def _first_difference(got: list[tuple[int, int, int]], expected: list[tuple[int, int, int]]
                      ) -> str:
    for a, b in zip(got, expected, strict=False):
        if a != b:
            return day_text(min(a[0], b[0]))
    longer = got if len(got) > len(expected) else expected
    return day_text(longer[min(len(got), len(expected))][0])


def _mismatch(name: str, obis: str, where: object) -> Finding:
    return Finding("error", "summary-mismatch", msg(
        "{name}: the energy per day of channel {obis} differs from the readings ({where}).",
        name=name, obis=obis, where=where), name)
