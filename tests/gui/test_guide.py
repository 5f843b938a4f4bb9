"""The start page leads through each job (step strip, next step, the button to where the
household acts); the logbook names events in words; the verification table shows whole
sentences; the GUI's CSV export defuses formula text."""

from __future__ import annotations

import csv
from datetime import UTC, datetime

import pytest
from helpers import connect
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication

from trudi_py.gui.main_window import MainWindow
from trudi_py.gui.pages.logbook import LogModel
from trudi_py.gui.session import Session
from trudi_py.model import LogEntry
from trudi_py.simulator import Simulator, SimulatorConfig

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
FORMULA_OWNER = '=HYPERLINK("http://example.invalid","x")'
FORMULA_METER = "=2+3"


@pytest.fixture(scope="module")
def guide_sim(tmp_path_factory):  # noqa: ANN001, ANN201
    config = SimulatorConfig(scenario="two-consumers", latency_ms=0, now=NOW,
                             state_dir=tmp_path_factory.mktemp("gui-guide-sim"))
    with Simulator(config) as simulator:
        yield simulator


@pytest.fixture
def win(qtbot, pins, guide_sim):  # noqa: ANN001, ANN201
    window = MainWindow(Session(pin_store=pins))
    consumer = guide_sim.data.consumers[0]
    window.connect_page.prefill(guide_sim.url, user=consumer.user,
                                password=consumer.password, use_cert=False)
    window.resize(1180, 760)
    window.show()
    yield window
    window.close()


def test_the_check_job_is_led_step_by_step(qtbot, win, guide_sim):  # noqa: ANN001
    bar, guide = win.guide_bar, win.guide
    assert not bar.isVisible()  # no job chosen: no strip
    win.start_page.buttons["check"].click()
    assert win.current_page_key() == "connect"
    assert bar.isVisible() and guide.next_step("check") == 0
    assert "»Verbinden«" in bar.hint.text()
    assert "➜ 1." in bar.steps.text()
    connect(qtbot, win, guide_sim)
    # step 1 done: the guide went on to where the household acts next
    assert win.current_page_key() == "verify"
    assert guide.next_step("check") == 1
    assert bar.next_button.text() == "Gehe zu: Prüfung starten"
    assert "»Jetzt prüfen«" in bar.hint.text()
    assert "✔" in bar.steps.text() and "➜ 2." in bar.steps.text()
    assert win.start_page.buttons["check"].text() == "Weiter: Prüfung starten"
    # elsewhere, the strip's button brings the household back to the next step
    assert not bar.next_button.isVisible()  # already where the household acts
    win.show_page("logbook")
    assert bar.next_button.isVisible()
    bar.next_button.click()
    assert win.current_page_key() == "verify"
    with qtbot.waitSignal(win.verify_page.verified, timeout=60000):
        win.verify_page.verify_button.click()
        assert guide.is_done("check", 1)  # started counts at once
    assert guide.next_step("check") is None
    assert bar.steps.text().count("✔") == 3
    assert win.start_page.buttons["check"].text() == "Ergebnis zeigen"
    assert bar.next_button.text() == "Fertig"
    bar.next_button.click()  # "Fertig" ends the guide, the result stays shown
    assert not bar.isVisible() and win.current_page_key() == "verify"


def test_the_view_job_goes_on_after_loading(qtbot, win, guide_sim):  # noqa: ANN001
    connect(qtbot, win, guide_sim)
    win.show_page("start")
    win.start_page.buttons["view"].click()  # data is there: straight to the second step
    assert win.current_page_key() == "readings"
    assert win.guide.next_step("view") == 1
    assert "»Laden«" in win.guide_bar.hint.text()
    page = win.readings_page
    qtbot.waitUntil(lambda: page.database.count() > 0, timeout=10000)
    page.choose_preset(1)
    with qtbot.waitSignal(page.loaded, timeout=30000):
        page.load()
    assert win.guide.next_step("view") is None
    # a new connection starts the jobs afresh (what was done belonged to the old data)
    win.session.disconnect_gateway()
    assert win.guide.next_step("view") == 0


def test_the_backup_job_needs_the_gateway_not_an_archive(qtbot, win, guide_sim):  # noqa: ANN001
    guide = win.guide
    assert guide.has_source("check") is False
    win.session.state = "archive"  # as after opening an archive
    assert guide.has_source("check") and guide.has_source("view")
    assert not guide.has_source("backup")
    assert guide.next_page("backup") == "connect"
    win.session.state = "disconnected"


def _entry(n: int, key: str, message: str) -> LogEntry:
    vendor, event, sub = key.split(".")
    return LogEntry(n, "", NOW, "6", event, sub, vendor, "0", message, "", "", "")


@pytest.mark.parametrize("key, message, word", [
    ("BSI.10001.0", "Der zyklische Selbsttest wurde erfolgreich abgeschlossen.", "Selbsttest"),
    ("BSI.12001.0", "Die Systemzeit wurde synchronisiert (Abweichung 88 ms).", "Uhrzeit"),
    ("BSI.16001.0", "Es wurden 96 Messwerte an den Marktteilnehmer für den Zeitraum … "
                    "übertragen.", "Messwerte an Lieferanten gesendet"),
    ("BSI.16002.0", "Die Abrechnungsperiode 2026-12-01 bis 2026-12-02 wurde abgeschlossen; die "
                    "Tarifregister wurden an den Marktteilnehmer übertragen.",
     "Abrechnungszeitraum abgeschlossen"),
    ("BSI.11001.0", "Der Letztverbraucher hat sich an der HAN-Schnittstelle angemeldet.",
     "Anmeldung an der HAN-Schnittstelle"),
    ("THE.19013.0", "Aktive Sonderfunktionen: keine", "Aktive Sonderfunktionen"),
    ("XYZ.1.0", "Etwas ganz anderes.", "Sonstiges Ereignis"),
])
def test_logbook_events_are_words_with_the_code_on_hover(qapp, key, message, word):  # noqa: ANN001
    model = LogModel()
    model.set_entries([_entry(1, key, message)])
    assert model.index(0, 2).data() == word
    assert key in model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)


def test_verification_sentences_are_shown_whole(qtbot, win, guide_sim):  # noqa: ANN001
    """Every explanation fits its cell (wrapped): nothing is cut off or needs hovering."""
    connect(qtbot, win, guide_sim)
    win.show_page("verify")
    page = win.verify_page
    with qtbot.waitSignal(page.verified, timeout=60000):
        page.verify_current()
    QApplication.processEvents()
    table = page.periods
    assert table.rowCount() > 3
    width = table.columnWidth(4)
    metrics = table.fontMetrics()
    wrapped = 0
    for row in range(table.rowCount()):
        text = table.item(row, 4).text()
        need = metrics.boundingRect(QRect(0, 0, width - 8, 10_000),
                                    int(Qt.TextFlag.TextWordWrap), text).height()
        assert need <= table.rowHeight(row), (row, text, need, table.rowHeight(row))
        wrapped += metrics.horizontalAdvance(text) > width
    assert wrapped  # the check above was about sentences longer than one line
    # other data (here: a new connection) must not show the old results
    win.session.disconnect_gateway()
    connect(qtbot, win, guide_sim)
    assert table.rowCount() == 0 and page.report.toPlainText() == ""
    assert "Noch nicht geprüft" in page.banner.text()


def test_the_check_page_says_what_to_do_before_the_first_check(qtbot, win, guide_sim):  # noqa: ANN001
    connect(qtbot, win, guide_sim)
    win.show_page("verify")
    assert win.verify_page.periods.rowCount() == 0
    assert win.verify_page.banner.isVisible()
    assert "»Jetzt prüfen«" in win.verify_page.banner.text()


def test_csv_export_defuses_formula_text(qtbot, win, guide_sim, tmp_path):  # noqa: ANN001
    """A meter id and an owner number starting with '=' come out with an apostrophe in
    front, through the one neutralise function; numbers stay numbers."""
    point = next(p for p in guide_sim.data.consumers[0].usage_points
                 if p.taf == "7")
    channel = next(c for d in point.databases if d.name == "origin" for c in d.channels)
    channel.meter_id, channel.owner_number = FORMULA_METER, FORMULA_OWNER
    before = sorted(guide_sim.quirk_names)
    # channels named <obis>.<meter id>.sm (as the description's gateway does), so the meter
    # id reaches the CSV
    guide_sim.set_quirks(",".join([q for q in before if q != "bare-obis"] + ["qualified-obis"]))
    try:
        _export_and_check(qtbot, win, guide_sim, tmp_path, channel.obis)
    finally:
        guide_sim.set_quirks(",".join(before))


def _export_and_check(qtbot, win, guide_sim, tmp_path, obis: str) -> None:  # noqa: ANN001
    connect(qtbot, win, guide_sim)
    page = win.readings_page
    win.show_page("readings")
    qtbot.waitUntil(lambda: page.database.count() > 0, timeout=10000)
    taf7 = next(i for i, p in enumerate(page._points) if p.taf == "7")
    if page.contract.currentIndex() != taf7:
        with qtbot.waitSignal(page.databases_ready, timeout=10000):
            page.contract.setCurrentIndex(taf7)
    page.database.setCurrentIndex(page.database.findData("origin"))
    page.choose_preset(1)
    with qtbot.waitSignal(page.loaded, timeout=30000):
        page.load()
    out = tmp_path / "export.csv"
    page.export_csv(out)
    qtbot.waitUntil(lambda: page.banner.kind == "ok", timeout=10000)
    with open(out, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    mine = [r for r in rows if r["obis"] == obis]
    assert mine, "the changed channel was exported"
    assert {r["meter_id"] for r in mine} == {"'" + FORMULA_METER}
    assert {r["owner_number"] for r in mine} == {"'" + FORMULA_OWNER}
    for row in rows:
        for cell in row.values():
            assert not cell or cell[0] not in "=+@\t\r" or cell.startswith("'")
        assert row["value"].lstrip("-").isdigit()  # numbers are not touched
