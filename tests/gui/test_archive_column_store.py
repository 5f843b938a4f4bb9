"""The chart process with an archive that has a column store (``columns/``, issue 16):
choosing a database starts neither the CSV read nor a raw/ build, every range comes from
the store (route ``stored``) with the table and chart data the CSV's columns give, and a
decade-long range still draws its charts from the day sums first."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest

from trudi_py.archive.reader import ArchiveSource
from trudi_py.gui import archive_worker
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
