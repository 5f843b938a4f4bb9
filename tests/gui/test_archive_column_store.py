"""The chart process with an archive that has a column store (``columns/``, issue 16):
choosing a database starts neither the CSV read nor a raw/ build, every range comes from
the store (route ``stored``) with the table and chart data the CSV's columns give, and a
decade-long range still draws its charts from the day sums first. An earlier archive gets
a column store cached on this computer once its CSV was read."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest

from trudi_py.archive.manifest import readings_member
from trudi_py.archive.reader import ArchiveSource
from trudi_py.gui import archive_worker, column_cache
from trudi_py.gui.background_read import in_foreground

DB = "origin"


@pytest.fixture
def worker() -> Iterator[None]:
    yield
    archive_worker.release()


def _same_window(a: archive_worker.ArchiveWindow, b: archive_worker.ArchiveWindow) -> None:
    assert a.table.count == b.table.count > 0
    assert [a.table.row(i) for i in range(a.table.count)] == \
        [b.table.row(i) for i in range(b.table.count)]
    assert a.table.notable == b.table.notable and a.table.tariff_names == b.table.tariff_names
    assert a.chart.zones == b.chart.zones and a.chart.zone_source == b.chart.zone_source
    for s, t in zip(a.chart.series, b.chart.series, strict=True):
        assert s.obis == t.obis
        for name in ("edges", "power_w", "days", "day_kwh", "months", "month_kwh"):
            assert np.array_equal(getattr(s, name), getattr(t, name)), name


def test_ranges_come_from_the_store_as_from_the_csv(three_years: Path, worker: None) -> None:
    with ArchiveSource(three_years) as source:
        point = next(p for p in source.usage_points() if p.taf == "7")
        last = source.series(point.usage_point_id, DB)[0].last_target
    upid, start = point.usage_point_id, point.start
    assert last is not None and start is not None
    in_foreground(archive_worker.prefetch, three_years, upid, DB)
    opened = archive_worker._opened(three_years)
    assert opened.indexing is None and not opened.building  # no raw/ index, no build
    assert not opened.reader.pending((upid, DB))  # and no CSV read
    ranges = [(last - timedelta(days=365), last), (last - timedelta(days=400),
                                                   last - timedelta(days=300))]
    stored = [in_foreground(archive_worker.load_window, three_years, upid, DB, a, b)
              for a, b in ranges]
    assert [w.route for w in stored] == ["stored", "stored"]
    assert in_foreground(archive_worker.summary_window, three_years, upid, DB,
                         *ranges[0]) is None  # a year: its charts come with the table
    decade = in_foreground(archive_worker.summary_window, three_years, upid, DB, start, last)
    assert decade is not None and decade.series  # longer: the day sums draw first
    whole = in_foreground(archive_worker.load_window, three_years, upid, DB, start, last)
    assert whole.route == "stored"
    in_foreground(archive_worker.wait_for_columns, three_years, upid, DB)  # now the CSV
    for (a, b), window in zip([*ranges, (start, last)], [*stored, whole], strict=True):
        from_csv = in_foreground(archive_worker.load_window, three_years, upid, DB, a, b)
        assert from_csv.route == "columns"
        _same_window(window, from_csv)


def test_an_earlier_archive_is_cached_as_a_column_store(archive_before_columns: Path,
                                                       worker: None) -> None:
    """An archive without column store: the first opening reads the CSV and caches its
    columns on this computer; the next opening takes every range from that cache (no CSV
    read, no raw/ build), equal to the CSV's; a damaged cached year reads the CSV again."""
    path = archive_before_columns
    with ArchiveSource(path) as source:
        point = next(p for p in source.usage_points() if p.taf == "7")
        last = source.series(point.usage_point_id, DB)[0].last_target
        digest = source.listed_sha256(readings_member(point.usage_point_id, DB))
    upid = point.usage_point_id
    assert last is not None and column_cache.years(digest) == {}
    ranges = [(last - timedelta(days=365), last), (last - timedelta(days=40), last)]
    in_foreground(archive_worker.prefetch, path, upid, DB)
    in_foreground(archive_worker.wait_for_columns, path, upid, DB)
    from_csv = [in_foreground(archive_worker.load_window, path, upid, DB, a, b)
                for a, b in ranges]
    assert [w.route for w in from_csv] == ["columns", "columns"]
    cached = column_cache.years(digest)
    assert cached and all(p.is_file() for p in cached.values())
    archive_worker.release()  # the next opening
    in_foreground(archive_worker.prefetch, path, upid, DB)
    opened = archive_worker._opened(path)
    assert not opened.reader.pending((upid, DB)) and not opened.building
    again = [in_foreground(archive_worker.load_window, path, upid, DB, a, b)
             for a, b in ranges]
    assert [w.route for w in again] == ["stored", "stored"]
    for a, b in zip(again, from_csv, strict=True):
        _same_window(a, b)
    archive_worker.release()
    newest = cached[max(cached)]
    newest.write_bytes(newest.read_bytes()[:-7])  # damaged: that year from the CSV again
    damaged = in_foreground(archive_worker.load_window, path, upid, DB, *ranges[1])
    assert damaged.route == "csv"
    _same_window(damaged, from_csv[1])
