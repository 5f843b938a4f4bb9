"""Checking an archive's column store (:mod:`~trudi_py.archive.colstore`) against the
readings of its CSV (issue 16).

Every member ``columns/<usage-point-id>/<database>/<year>.bin`` must be of the form and hold
exactly the readings of the database's CSV of that UTC year — the same times, values, status
words, signature flags and meter — in CSV order, every year from the first reading's to the
last one's. Compared with the columns the integrity check proved byte-equal to the raw
answers: equal is no finding, a difference is an error ``columns-mismatch`` naming the member
and the channel, a member that cannot be read is ``columns-invalid``. Archives of earlier
versions have no column store: no finding. Pure Python (``verify`` runs without numpy).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Collection, Sequence

from trudi_py.archive.colstore import (
    MAX_COLUMNS_BYTES,
    ColumnsError,
    columns_member,
    columns_years,
    decode_year,
    reading_years,
    year_span,
)
from trudi_py.archive.problems import Finding
from trudi_py.i18n import msg
from trudi_py.model.series import ChannelSeries

__all__ = ["check_columns"]


def check_columns(read: Callable[[str, int], bytes | None], names: Collection[str],
                  usage_point_id: str, database: str,
                  series: Sequence[ChannelSeries] | None) -> list[Finding]:
    """The findings about one database's column store: ``read(name, limit)`` gives a
    member's bytes (None: unreadable, already reported by the caller); ``series`` are the
    database's columns (None: not at hand, so only each member's form is checked)."""
    years = columns_years(names, usage_point_id, database)
    if not years:
        return []  # an archive of an earlier version: nothing to check
    found: list[Finding] = []
    expected = set(reading_years(list(series))) if series is not None else set()
    for year, name in sorted(years.items()):  # one member in memory at a time
        data = read(name, MAX_COLUMNS_BYTES + 1)
        if data is None:
            continue
        try:
            got = decode_year(data, year)
        except ColumnsError as exc:
            found.append(Finding("error", "columns-invalid", msg(
                "{name}: the column store member cannot be read ({reason}).", name=name,
                reason=str(exc)), name))
            continue
        del data
        if series is None:
            continue
        if year in expected:
            found.extend(_compare_year(name, year, got, series))
        else:
            found.append(_mismatch(name, "-", msg("the readings have no such year")))
    for year in sorted(expected - years.keys()):
        name = columns_member(usage_point_id, database, year)
        found.append(_mismatch(name, "-", msg("the member is missing")))
    return found


def _compare_year(name: str, year: int, got: list[ChannelSeries],
                  series: Sequence[ChannelSeries]) -> list[Finding]:
    lo_us, hi_us = year_span(year)
    found = []
    listed = {s.obis: s for s in got}
    for s in series:
        channel = listed.pop(s.obis, None)
        lo, hi = s.index_range(lo_us, hi_us - 1)
        if channel is None:
            found.append(_mismatch(name, s.obis, msg("the member has no such channel")))
        elif not _equal(channel, s, lo, hi):
            found.append(_mismatch(name, s.obis, msg("the readings differ")))
    for obis in listed:
        found.append(_mismatch(name, obis, msg("the readings have no such channel")))
    return found


def _equal(got: ChannelSeries, s: ChannelSeries, lo: int, hi: int) -> bool:
    """Whether the member's channel holds exactly the readings ``lo:hi`` of ``s``."""
    if len(got) != hi - lo or (len(got) and got.meter_id != s.meter_id):
        return False
    values = s.values[lo:hi]
    if got.targets != s.targets[lo:hi] or got.captures != s.captures[lo:hi] or \
            got.signed_flags != s.signed_flags[lo:hi] or \
            (got.values != values if isinstance(values, array) else
             list(got.values) != values):
        return False
    words = s.status_table
    index = {w: i for i, w in reversed(list(enumerate(words)))}
    remap = [index.get(w, -1) for w in got.status_table]
    if -1 in (remap[i] for i in set(got.status_index)):
        return False
    mapped = got.status_index if remap == list(range(len(remap))) else \
        array("I", map(remap.__getitem__, got.status_index))
    if mapped == s.status_index[lo:hi]:
        return True
    # the same words may sit at two places of the CSV's table: compare the words
    return [words[i] for i in mapped] == [words[i] for i in s.status_index[lo:hi]]


def _mismatch(name: str, obis: str, where: object) -> Finding:
    return Finding("error", "columns-mismatch", msg(
        "{name}: channel {obis} differs from the readings ({where}).",
        name=name, obis=obis, where=where), name)
