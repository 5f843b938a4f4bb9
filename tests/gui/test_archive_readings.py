"""Readings of an opened archive: read and prepared in the chart process (issue 16), the
table, the charts and the CSV export equal what the same range from the live gateway shows,
and a damaged member is a German message, never a traceback."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
from helpers import archive_cli, followed, without_members

from trudi_py.archive.assemble import readings_member
from trudi_py.archive.summary import parse_z
from trudi_py.gui.main_window import MainWindow
from trudi_py.model import energy


@pytest.fixture(scope="module")
def archive(sim, tmp_path_factory) -> Path:  # noqa: ANN001
    out = tmp_path_factory.mktemp("gui-archive") / "household.zip"
    code, _summary = archive_cli(sim, out, "--no-excel", "--no-report")
    assert code == 0
    return out


def _open(qtbot, win: MainWindow, path: Path) -> None:  # noqa: ANN001
    with qtbot.waitSignal(win.session.source_changed, timeout=20000):
        win.open_archive(path)
    assert win.session.state == "archive"
    followed(qtbot, win)


def _choose(qtbot, win: MainWindow, taf: str, database: str) -> None:  # noqa: ANN001
    page = win.readings_page
    win.show_page("readings")
    index = next(i for i, p in enumerate(page._points) if p.taf == taf)
    if page.contract.currentIndex() != index:
        with qtbot.waitSignal(page.databases_ready, timeout=10000):
            page.contract.setCurrentIndex(index)
    qtbot.waitUntil(lambda: page.database.findData(database) >= 0, timeout=10000)
    page.database.setCurrentIndex(page.database.findData(database))


def _load(qtbot, win: MainWindow, start, end) -> object:  # noqa: ANN001
    page = win.readings_page
    page._range = (start, end)
    with qtbot.waitSignal(page.loaded, timeout=60000):
        page.load_button.click()
    return page.result


def _csv_rows(path: Path, upid: str, database: str, start, end) -> list[list[str]]:  # noqa: ANN001
    with zipfile.ZipFile(path) as zf:
        text = zf.read(readings_member(upid, database)).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    return [rows[0]] + [r for r in rows[1:] if start <= parse_z(r[3]) <= end]


def test_archive_range_equals_the_gateway_range(qtbot, connected, sim, archive):  # noqa: ANN001
    """The same 10 weeks from the gateway (worker thread) and from the archive (chart
    process): identical table rows, chart arrays and tariff zones."""
    _choose(qtbot, connected, "7", "origin")
    end = connected.session.gateway_now()
    start = end - timedelta(days=70)
    live = _load(qtbot, connected, start, end)
    live_rows = [connected.readings_page.model.index(r, c).data()
                 for r in range(0, live.table.count, 37) for c in (0, 1, 2, 4, 5)]
    connected.session.disconnect_gateway()
    _open(qtbot, connected, archive)
    _choose(qtbot, connected, "7", "origin")
    offline = _load(qtbot, connected, start, end)
    assert offline.channels is None  # no reading objects in the GUI's process
    assert offline.table.source_kind == "archive"
    assert offline.table.count == live.table.count > 6000
    assert [connected.readings_page.model.index(r, c).data()
            for r in range(0, offline.table.count, 37) for c in (0, 1, 2, 4, 5)] == live_rows
    assert offline.table.notable == live.table.notable
    a, b = live.chart, offline.chart
    assert a.resolution == b.resolution == "day"
    for s, t in zip(a.series, b.series, strict=True):
        assert s.obis == t.obis
        for name in ("edges", "power_w", "days", "day_kwh", "months", "month_kwh"):
            assert np.array_equal(getattr(s, name), getattr(t, name)), name
    assert a.zones == b.zones and a.zone_source == b.zone_source == "clock"


def test_whole_contract_monthly_chart_and_csv_export(qtbot, offline, archive, tmp_path):  # noqa: ANN001
    """Whole contract from the archive: the monthly sums equal the register differences
    between the months' first readings (the archive summary's own rule), every value is in
    the table, and the export is the archive's rows of the range."""
    _open(qtbot, offline, archive)
    _choose(qtbot, offline, "7", "origin")
    page = offline.readings_page
    page.choose_preset(4)  # whole contract
    start, end = page._range
    with qtbot.waitSignal(page.loaded, timeout=60000):
        page.load_button.click()
    result = page.result
    upid = result.usage_point_id
    rows = _csv_rows(archive, upid, "origin", start, end)
    assert result.table.count == len(rows) - 1 > 30000
    consumption = next(s for s in result.chart.series if s.direction > 0)
    register = energy.MonthlyRegister()
    for r in rows[1:]:
        if r[0] == consumption.obis:
            register.add(int(parse_z(r[3]).timestamp()), int(r[4]))
    truth = dict(register.totals())
    months = [str(m) for m in consumption.months]
    assert len(months) >= 12
    to_raw = 10.0 ** (3 - result.meta[consumption.obis].scaler)  # kWh -> raw register units
    for month, kwh in list(zip(months, consumption.month_kwh, strict=True))[1:-1]:
        assert round(kwh * to_raw) == truth[month]  # whole months: exact
    with qtbot.waitSignal(page.charts.drawn, timeout=30000,
                          check_params_cb=lambda k: k == "monthly"):
        page.charts.show_chart("monthly")
    assert page.charts.views["monthly"].image is not None
    out = tmp_path / "export.csv"
    page.export_csv(out)
    qtbot.waitUntil(lambda: page.banner.kind == "ok", timeout=30000)
    with out.open(encoding="utf-8") as f:
        assert list(csv.reader(f)) == rows


def test_damaged_member_is_a_german_message(qtbot, offline, archive, tmp_path):  # noqa: ANN001
    """A CSV row no one can read, in an archive without column store (whose ranges come
    from its CSV): a German message naming member and line."""
    damaged = tmp_path / "damaged.zip"
    old = without_members(archive, tmp_path / "old.zip", "columns/")
    with zipfile.ZipFile(old) as src, zipfile.ZipFile(damaged, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.endswith("taf7-1.sm/origin.csv"):
                lines = data.split(b"\n")
                lines[5] = lines[5].replace(b"Z,", b"X,", 1)  # a capture time no one can read
                data = b"\n".join(lines)
            dst.writestr(info, data)
    _open(qtbot, offline, damaged)
    _choose(qtbot, offline, "7", "origin")
    page = offline.readings_page
    page.choose_preset(4)
    page.load_button.click()
    qtbot.waitUntil(lambda: page.banner.kind == "error", timeout=30000)
    text = page.banner.text()
    assert "origin.csv" in text and "Zeile 6" in text and "Traceback" not in text
    assert page.load_button.isEnabled() and page.result is None


def test_zone_sums_equal_the_load_profile_statistics(archive):  # noqa: ANN001
    """The vectorised tariff zones of the charts book every interval as
    ``verify.loadprofile.load_profile_stats`` does: signed profile (TAF-2) and clock rule
    (TAF-7), over gaps and a duplicated reading."""
    from trudi_py.archive.reader import ArchiveSource
    from trudi_py.gui.chart_data import columns, zone_sums
    from trudi_py.model import ChannelReadings
    from trudi_py.model.series import ChannelSeries
    from trudi_py.verify.loadprofile import ClockRule, ProfileZones, load_profile_stats
    from trudi_py.verify.zones import contract_zone_rule

    with ArchiveSource(archive) as source:
        checked = set()
        for point in source.usage_points():
            if point.taf not in ("2", "7"):
                continue
            info = source.usage_point_info(point.usage_point_id)
            rule, _ = contract_zone_rule(info, source.gateway_info())
            for ch in source.readings(point.usage_point_id, "origin", point.start,
                                      source.gateway_info().time):
                if not ch.obis.startswith("010001"):
                    continue
                readings = list(ch.readings[:6000])
                del readings[100:130]  # a gap of 7.5 hours: may span HT and NT
                readings.insert(500, readings[500])  # the same time twice
                cut = ChannelReadings(ch.obis, ch.meter_id, tuple(readings))
                expected = load_profile_stats(cut, zones=rule).zones
                got = zone_sums(rule, *columns(ChannelSeries.from_readings(cut)))
                assert got == expected and len(got) >= 2
                checked.add(type(rule))
    assert checked == {ProfileZones, ClockRule}


def test_readings_table_orders_rows_like_a_merge() -> None:
    """Rows by time, then channel (as the former heapq merge); notable rows marked."""
    import heapq
    from datetime import UTC, datetime

    from trudi_py.gui.pages.readings_table import ReadingsTable, status_is_notable
    from trudi_py.model import ChannelReadings, Reading

    t0 = datetime(2026, 3, 29, 0, 0, tzinfo=UTC)
    ok, warn = "0000000000000000", "not a status word"  # unreadable: notable
    a = [Reading(t0 + timedelta(minutes=15 * i), None, str(i), warn if i % 7 == 0 else ok,
                 "", "") for i in range(40)]
    b = [Reading(t0 + timedelta(minutes=10 * i), None, str(1000 + i), ok, "", "")
         for i in range(50)]
    channels = [ChannelReadings("0100010800ff", "m", tuple(a)),
                ChannelReadings("0100020800ff", "m", tuple(b))]
    table = ReadingsTable.build(channels, {})
    streams = [[((r.target_time, i), r) for r in ch.readings]
               for i, ch in enumerate(channels)]
    merged = list(heapq.merge(*streams, key=lambda item: item[0]))
    assert [(ch, r.target_time, r.value) for ch, r in table.rows] == \
        [(i, r.target_time, r.value) for (_t, i), r in merged]
    assert table.notable == [n for n, (_ch, r) in enumerate(table.rows)
                             if status_is_notable(r.cosem_status)] != []
    assert table.count == 90 and ReadingsTable.build([], {}).count == 0


def test_chart_process_modules_need_no_qt() -> None:
    """The chart process imports its modules on its own: none of them may pull in Qt (it has
    no translator there; the words come in ChartTexts)."""
    import subprocess
    import sys
    code = ("import sys, trudi_py.gui.archive_worker, trudi_py.gui.chart_draw; "
            "print(sorted(m for m in sys.modules if m.startswith('PySide6')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, check=True)
    assert result.stdout.strip() == "[]"


def test_cancelled_archive_load_drops_its_result(qtbot, offline, archive):  # noqa: ANN001
    _open(qtbot, offline, archive)
    _choose(qtbot, offline, "7", "origin")
    page = offline.readings_page
    page.choose_preset(4)
    page.load_button.click()
    page.cancel()
    assert page.banner.kind == "info" and "abgebrochen" in page.banner.text()
    assert page.load_button.isEnabled() and page.result is None
    qtbot.wait(1500)  # the child finishes the dropped load meanwhile: nothing arrives
    assert page.result is None
    with qtbot.waitSignal(page.loaded, timeout=60000):
        page.load_button.click()
    assert page.result is not None and page.result.table.count > 30000
