"""Pages filled from the simulator: contracts, current values, readings (table, charts,
CSV), logbook filters, self-test countdown and result."""

from __future__ import annotations

import csv
from itertools import pairwise

from PySide6.QtCore import Qt

from trudi_py.archive.csvformat import READING_COLUMNS
from trudi_py.errors import Cancelled
from trudi_py.gui.pages.current import AUTO_REFRESH_MS
from trudi_py.simulator.scenarios import channel, find_usage_point


def _choose_taf7(qtbot, page):  # noqa: ANN001
    index = next(i for i, p in enumerate(page._points) if p.taf == "7")
    if page.contract.currentIndex() != index:
        with qtbot.waitSignal(page.databases_ready, timeout=10000):
            page.contract.setCurrentIndex(index)
    qtbot.waitUntil(lambda: page.database.count() > 0, timeout=10000)


def test_contracts_and_overview(qtbot, connected, sim):
    page = connected.contracts_page
    points = sim.data.consumers[0].usage_points
    assert page.points.rowCount() == len(points)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        connected.show_page("contracts")
        page.points.selectRow(1)
    # the field's TAF-1: only its derived registers, no original values
    assert "Abgeleitete Register" in page.channels.text()
    assert "Originalwerte" not in page.channels.text()
    assert page.periods.rowCount() > 0
    assert "Normalbetrieb" in connected.overview_page.state_banner.text()


def test_current_values_include_taf10(qtbot, connected):
    page = connected.current_page
    with qtbot.waitSignal(page.loaded, timeout=10000):
        connected.show_page("current")
    contracts = {page.table.item(r, 0).text() for r in range(page.table.rowCount())}
    assert any("TAF-10" in c for c in contracts)
    assert page.timer.interval() == AUTO_REFRESH_MS == 15 * 60 * 1000
    assert page.timer.isActive()


def test_readings_table_chart_and_csv(qtbot, connected, sim, tmp_path):
    page = connected.readings_page
    connected.show_page("readings")
    _choose_taf7(qtbot, page)
    assert all(p.keeps_history for p in page._points)  # TAF-10 only under current values
    empty = page.charts.views[page.charts.current_key]
    assert empty.image is None and "Laden" in empty.placeholder  # an empty state, not "drawing"
    page.choose_preset(1)  # last week
    start, end = page._range
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.load_button.click()
    up = find_usage_point(sim.data, "taf7")
    expected = sum(1 for obis in ("0100010800ff", "0100020800ff")
                   for r in channel(up, "origin", obis).readings if start <= r.target_time <= end)
    assert page.model.rowCount() == expected > 600
    first = page.model.index(0, 2).data()
    assert "," in first  # German decimal comma, exact value
    truth = {obis: {r.target_time: r.value for r in channel(up, "origin", obis).readings}
             for obis in ("0100010800ff", "0100020800ff")}
    labels = {"Bezug gesamt": "0100010800ff", "Einspeisung gesamt": "0100020800ff"}
    seen = set()
    for row in range(0, page.model.rowCount(), 97):  # every row shows its own channel's value
        _ch, reading = page.model._row(row)
        obis = labels[page.model.index(row, 1).data()]
        seen.add(obis)
        assert page.model.index(row, 5).data() == str(truth[obis][reading.target_time])
    assert len(seen) == 2
    assert page.model.index(0, 3).data() == "Wh"
    assert first.endswith(" kWh")  # energy as people read it; the raw integer on demand
    assert page.view.isColumnHidden(5)
    page.raw.setChecked(True)
    assert not page.view.isColumnHidden(5)
    assert "1.8.0" in page.model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) or \
        "2.8.0" in page.model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    chart = page.result.chart
    assert chart.resolution == "15min" and not chart.empty
    consumption = next(s for s in chart.series if s.direction > 0)
    assert 0 <= consumption.power_w.max() < 30_000  # W, not Wh or mW
    # clock rule for TAF-7 (no profile): HT + NT add up to the whole consumption
    assert chart.zone_source == "clock" and set(chart.zones) == {"HT", "NT"}
    assert abs(sum(chart.zones.values()) - consumption.day_kwh.sum()) < 0.01
    for key in ("power", "daily", "monthly", "zones"):
        with qtbot.waitSignal(page.charts.drawn, timeout=15000,
                              check_params_cb=lambda k, key=key: k == key):
            page.charts.show_chart(key)
        assert page.charts.views[key].image is not None
    out = tmp_path / "r.csv"
    with qtbot.waitSignal(page.session.compute.busy_changed, timeout=10000,
                          check_params_cb=lambda busy: not busy):
        page.export_csv(out)
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert tuple(rows[0]) == READING_COLUMNS and len(rows) == expected + 1
    png = tmp_path / "c.png"
    with qtbot.waitSignal(page.charts.saved, timeout=15000):
        page.charts.save_png(png, "monthly")
    assert png.stat().st_size > 10_000


def test_tariff_zones_from_the_signed_profile(qtbot, connected, sim):
    """TAF-2: the zones come from the gateway's signed tariff profile; a closed month's
    zone totals equal the gateway's own tariff registers for that month."""
    from trudi_py.simulator.scenarios import period_amounts
    page = connected.readings_page
    connected.show_page("readings")
    index = next(i for i, p in enumerate(page._points) if p.taf == "2")
    with qtbot.waitSignal(page.databases_ready, timeout=10000):
        page.contract.setCurrentIndex(index)
    point = page._points[index]
    period = point.billing_periods[-3]  # a closed month
    qtbot.waitUntil(lambda: page.database.count() > 0, timeout=10000)
    page.database.setCurrentIndex(page.database.findData("origin"))
    page._range = (period.start, period.end)
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.load_button.click()
    chart = page.result.chart
    assert chart.zone_source == "profile"
    up = find_usage_point(sim.data, "taf2")
    gateway = {obis: period_amounts(channel(up, "calculated", obis))[period.start]
               for obis in ("0100010801ff", "0100010802ff")}
    got = sorted(round(v * 10000) for v in chart.zones.values())  # kWh → raw (0.1 Wh)
    assert got == sorted(gateway.values())
    with qtbot.waitSignal(page.charts.drawn, timeout=15000,
                          check_params_cb=lambda k: k == "zones"):
        page.charts.show_chart("zones")


def test_notable_values_are_highlighted(qtbot, connected):
    page = connected.readings_page
    connected.show_page("readings")
    _choose_taf7(qtbot, page)
    page.choose_preset(4)  # whole contract: the scenario has a few PTB warnings
    with qtbot.waitSignal(page.loaded, timeout=30000):
        page.load_button.click()
    assert page.result.table.notable
    page.only_notable.setChecked(True)
    assert page.model.rowCount() == len(page.result.table.notable)
    assert page.model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None


def test_readings_cancel(qtbot, connected, sim):
    page = connected.readings_page
    connected.show_page("readings")
    _choose_taf7(qtbot, page)
    page.choose_preset(3)  # 12 months: 12 requests
    sim.set_quirks("latency=100")
    try:
        with qtbot.waitSignal(page.loaded, timeout=500, raising=False) as never:
            page.load_button.click()
            qtbot.waitUntil(lambda: page.progress.maximum() > 1, timeout=10000)
            page.cancel_button.click()
            qtbot.waitUntil(lambda: page._handle is None, timeout=10000)
        assert not never.signal_triggered
    finally:
        sim.set_quirks("latency=0")
    assert "abgebrochen" in page.banner.text()
    assert page.load_button.isEnabled()


def test_logbook_filters_and_highlights(qtbot, connected, sim):
    page = connected.logbook_page
    with qtbot.waitSignal(page.loaded, timeout=15000):
        connected.show_page("logbook")
    total = page.model.rowCount()
    assert total == len(sim.data.consumers[0].log)
    page.search.setText("selbsttest")
    shown = page.entries_shown()
    assert shown and all("selbsttest" in e.message.lower() for e in shown)
    page.search.clear()
    page.highlighted.setChecked(True)
    shown = page.entries_shown()
    special = [e for e in shown if e.is_special_functions]
    assert special and len(shown) < total
    row = next(r for r in range(page.proxy.rowCount())  # the event in words, code on hover
               if "THE.19013.0" in page.proxy.index(r, 2).data(Qt.ItemDataRole.ToolTipRole))
    assert page.proxy.index(row, 2).data() == "Aktive Sonderfunktionen"
    assert page.proxy.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    page.highlighted.setChecked(False)
    page.period.setCurrentIndex(2)  # last 7 days
    week = page.entries_shown()
    assert 0 < len(week) < total
    assert min(e.time for e in week) >= connected.session.gateway_now() - __import__(
        "datetime").timedelta(days=7, minutes=1)
    page.level.setCurrentIndex(1)  # errors and worse
    assert all(page.model.severity(e) in ("critical", "error") for e in page.entries_shown())


def test_self_test_countdown_and_result(qtbot, connected, sim):
    sim.reset_self_test()
    page = connected.selftest_page
    connected.show_page("selftest")
    page.poll_delay_ms = 10
    with qtbot.waitSignal(page.result_shown, timeout=15000) as result:
        page.start_button.click()
    assert result.args[0].time >= page.since
    assert 590 <= page.remaining_s() <= 600
    assert "min" in page.countdown.text() and not page.start_button.isEnabled()
    assert page.result.kind == "ok"
    # a second start while locked: the gateway's Retry-After drives the countdown
    page.deadline = None
    page.start()
    qtbot.waitUntil(lambda: page.status.kind == "warning", timeout=10000)
    assert 0 < page.remaining_s() <= 600
    assert "10 Minuten" in page.status.text()


def test_runner_is_serial_and_never_blocks(qtbot):
    import threading
    import time

    from PySide6.QtCore import QTimer

    from trudi_py.gui.worker import Runner
    runner = Runner(threads=1)
    spans: list[tuple[float, float]] = []
    active = threading.Lock()

    def task(_p, _c):  # noqa: ANN001
        assert active.acquire(blocking=False), "two gateway calls at once"
        start = time.monotonic()
        time.sleep(0.05)
        spans.append((start, time.monotonic()))
        active.release()

    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    for _ in range(4):
        runner.submit(task)
    qtbot.waitUntil(lambda: len(spans) == 4 and not runner.busy, timeout=5000)
    timer.stop()
    spans.sort()
    assert all(a[1] <= b[0] for a, b in pairwise(spans))
    assert len(ticks) >= 10  # the event loop kept running meanwhile


def test_cancelled_task_reports_cancelled(qtbot):
    from trudi_py.gui.worker import Runner
    from trudi_py.jobs.base import CancelToken
    runner = Runner(threads=1)
    token = CancelToken()
    token.cancel()
    errors = []
    runner.submit(lambda _p, _c: 1, on_error=errors.append, cancel=token)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], Cancelled)


def test_fifth_operating_state_and_self_test_cadence(connected):
    """Handbook v2.13.0 (firmware v3.87): Secure State Measurement and a 24-hour self-test."""
    from trudi_py.gui.pages.overview import operating_states
    names = [name for name, _what, _todo in operating_states()]
    assert len(names) == 6 and any("Secure State Measurement" in n for n in names)
    what = dict((n, w) for n, w, _t in operating_states())
    measurement = next(w for n, w in what.items() if "Measurement" in n)
    assert "Uhr" in measurement and "markiert" in measurement  # German via Qt translation
    from PySide6.QtWidgets import QLabel
    texts = " ".join(label.text() for label in connected.selftest_page.findChildren(QLabel))
    assert "alle 24 Stunden" in texts and "alle 4 Stunden" in texts
