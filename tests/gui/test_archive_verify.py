"""Archive everything (progress, cancel, resume), open it offline, verification."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from helpers import connect

from trudi_py.errors import Cancelled
from trudi_py.gui.main_window import MainWindow
from trudi_py.gui.session import Session
from trudi_py.simulator import Simulator, SimulatorConfig

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def small_sim(tmp_path_factory):  # noqa: ANN001
    config = SimulatorConfig(scenario="two-consumers", latency_ms=0, now=NOW,
                             state_dir=tmp_path_factory.mktemp("gui-small-sim"))
    with Simulator(config) as simulator:
        yield simulator


@pytest.fixture
def small_window(qtbot, pins, small_sim):  # noqa: ANN001
    win = MainWindow(Session(pin_store=pins))
    qtbot.addWidget(win)
    consumer = small_sim.data.consumers[0]
    win.connect_page.prefill(small_sim.url, user=consumer.user, password=consumer.password,
                             use_cert=False)
    win.show()
    connect(qtbot, win, small_sim)
    yield win
    win.close()


def test_archive_with_progress_cancel_and_resume(qtbot, small_window, small_sim, tmp_path):
    page = small_window.archive_page
    small_window.show_page("archive")
    assert page.archive_button.isEnabled()
    out = tmp_path / "a.zip"
    small_sim.set_quirks("latency=20")
    progress = []
    try:
        with qtbot.waitSignal(page.archive_finished, timeout=30000) as finished:
            page.start_archive(out)
            qtbot.waitUntil(lambda: page.progress.maximum() > 0 and page.progress.value() > 2,
                            timeout=20000)
            progress.append(page.detail.text())
            page.cancel_button.click()
        assert isinstance(finished.args[0], Cancelled)
    finally:
        small_sim.set_quirks("latency=0")
    assert "Anfrage" in progress[0] and "von" in progress[0]
    assert out.with_name("a.zip.part").exists() and not out.exists()
    assert page.resume.isChecked()
    with qtbot.waitSignal(page.archive_finished, timeout=60000) as finished:
        page.start_archive(out, resume=True)
    result = finished.args[0]
    assert not isinstance(result, BaseException), result
    assert result.complete and out.is_file()
    assert page.banner.kind == "ok" and "vollständig" in page.banner.text()


def test_archive_opened_offline(qtbot, small_window, small_sim, tmp_path):
    page = small_window.archive_page
    out = tmp_path / "b.zip"
    with qtbot.waitSignal(page.archive_finished, timeout=60000):
        page.start_archive(out)
    small_window.session.disconnect_gateway()
    with qtbot.waitSignal(small_window.session.source_changed, timeout=20000):
        small_window.open_archive(out)
    assert small_window.session.state == "archive"
    assert small_window.nav.item(4).isHidden()  # current values: gateway only
    readings = small_window.readings_page
    small_window.show_page("readings")
    qtbot.waitUntil(lambda: readings.database.count() > 0, timeout=10000)
    readings.choose_preset(4)  # whole contract
    with qtbot.waitSignal(readings.loaded, timeout=30000):
        readings.load_button.click()
    assert readings.model.rowCount() > 1000
    logbook = small_window.logbook_page
    with qtbot.waitSignal(logbook.loaded, timeout=20000):
        small_window.show_page("logbook")
    assert logbook.model.rowCount() == len(small_sim.data.consumers[0].log)
    verify = small_window.verify_page  # the opened archive is checked with its integrity
    small_window.show_page("verify")
    assert "b.zip" in verify.archive_note.text()
    with qtbot.waitSignal(verify.verified, timeout=60000) as verified:
        verify.verify_button.click()
    assert verified.args[0]["archive"]["complete"] is True
    # the banner's colour is the worst finding: never green while the report lists problems
    problems = verified.args[0]["archive"]["problems"]
    if any(p["severity"] in ("error", "warning") for p in problems):
        assert verify.banner.kind in ("warning", "error")


def test_verification_of_the_connected_gateway(qtbot, small_window):
    page = small_window.verify_page
    small_window.show_page("verify")
    assert page.verify_button.isEnabled()
    with qtbot.waitSignal(page.verified, timeout=60000) as verified:
        page.verify_button.click()
    doc = verified.args[0]
    statuses = {p["status"] for up in doc["usage-points"] for p in up["billing-periods"]}
    assert "match" in statuses and "mismatch" not in statuses
    assert page.periods.rowCount() > 0
    assert "✔" in page.periods.item(0, 2).text() or page.periods.item(0, 2).text()
    assert page.report.toPlainText()
    assert page.banner.kind == "ok"


def test_verification_says_not_checkable_without_alarm(qtbot, pins, small_sim):  # noqa: ANN001
    """consumer2 of the field gateway: TAF-1 without a tariff profile (transparency bit
    false) — "nicht prüfbar" with the reason, periods compared via TAF-7, never an error."""
    win = MainWindow(Session(pin_store=pins))
    qtbot.addWidget(win)
    consumer = small_sim.data.consumers[1]
    win.connect_page.prefill(small_sim.url, user=consumer.user, password=consumer.password,
                             use_cert=False)
    win.show()
    connect(qtbot, win, small_sim)
    page = win.verify_page
    win.show_page("verify")
    with qtbot.waitSignal(page.verified, timeout=60000) as verified:
        page.verify_button.click()
    doc = verified.args[0]
    (up,) = doc["usage-points"]
    assert up["taf"] == "1" and up["readings-source"].endswith(".taf7-1.sm")
    assert {p["status"] for p in up["billing-periods"]} == {"match", "open"}
    assert page.banner.kind != "error"
    report = page.report.toPlainText()
    assert "Zählerstände aus" in report and "nicht prüfbar" in report
    assert "kein Tarifprofil" in report and "geprüft und FALSCH" not in report
    win.close()
