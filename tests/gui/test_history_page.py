"""The history page (issue 18): sync from the GUI (now, refused within 15 minutes with the
next try shown, automatically every N hours), open the history offline — readings older
than the gateway's memory, with where each value came from — check the bill on it, export
a period."""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from history_helpers import T0, stepping_sim, truth

from trudi_py.gui import prefs
from trudi_py.gui.main_window import MainWindow
from trudi_py.gui.pages.history_export import choice_key
from trudi_py.gui.session import Session
from trudi_py.m2m import PinStore
from trudi_py.simulator import Simulator

RETENTION = timedelta(days=20)
STEP = timedelta(days=15)  # shorter than the retention: nothing falls through


@pytest.fixture
def stepping(tmp_path: Path) -> Iterator[Simulator]:
    with stepping_sim(tmp_path / "sim", retention=RETENTION) as sim:
        yield sim


@pytest.fixture
def win(qtbot, tmp_path: Path, stepping: Simulator) -> Iterator[MainWindow]:  # noqa: ANN001
    pins = PinStore(tmp_path / "pins.json")
    pins.set(stepping.url, stepping.fingerprint, "sim")
    w = MainWindow(Session(pin_store=pins))
    w.remember_recent = False
    qtbot.addWidget(w)
    consumer = stepping.data.consumers[0]
    w.connect_page.prefill(stepping.url, user=consumer.user, password=consumer.password,
                           p12_path=consumer.p12_path, p12_password=consumer.p12_password,
                           use_cert=False)
    w.show()
    with qtbot.waitSignal(w.session.source_changed, timeout=15000):
        w.connect_page.connect_button.click()
    assert w.session.state == "connected"
    yield w
    w.close()


def _sync(qtbot, page, force: bool) -> None:  # noqa: ANN001
    """A forced sync must finish; an unforced one right after must be refused."""
    signal = page.syncer.finished if force else page.syncer.failed
    with qtbot.waitSignal(signal, timeout=60000):
        assert page.syncer.sync_now(force=force)


def test_sync_open_offline_readings_origin_verify_and_export(qtbot, win: MainWindow,  # noqa: ANN001
                                                             stepping: Simulator,
                                                             tmp_path: Path) -> None:
    page = win.history_page
    win.show_page("history")
    assert "Verbunden mit" in page.sync_state.text() and page.sync_button.isEnabled()
    assert page.table.rowCount() == 0 and "Noch kein Verlauf" in page.list_banner.text()
    # the first sync, from the button
    with qtbot.waitSignal(page.syncer.finished, timeout=60000):
        page.sync_button.click()
    assert page.banner.kind == "ok" and "neue Werte" in page.banner.text()
    assert page.table.rowCount() == 1
    assert page.table.item(0, 0).text() == stepping.data.smgw_id
    # within 15 minutes: refused before connecting, with the time of the next try
    stepping.reset_counters()
    _sync(qtbot, page, force=False)
    assert stepping.requests == []
    assert page.banner.kind == "info" and "höchstens einmal je 15 Minuten" in page.banner.text()
    assert page.next_label.text().startswith("Nächster Versuch frühestens")
    # automatically every 6 hours: planned from the last sync, saved, shown
    page.auto_check.setChecked(True)
    page.hours.setCurrentIndex(page.hours.findData(6))
    syncer = page.syncer
    assert syncer.hours == 6 and syncer._timer.isActive()
    assert prefs.load_value("auto-sync-hours") == 6
    last = page.summaries[0].last_sync
    assert last is not None and syncer.next_run == last + timedelta(hours=6)
    assert page.next_label.text().startswith("Nächster automatischer Abgleich")
    # when the timer fires too early (here: by hand), the job's polite limit holds: no
    # request, and the next try is planned for the time the refusal named
    with qtbot.waitSignal(syncer.failed, timeout=30000):
        syncer._timer.timeout.emit()
    assert stepping.requests == [] and syncer.retry_at is not None
    assert syncer.next_run is not None and syncer.next_run >= syncer.retry_at
    # two more syncs, the gateway clock advanced: the history outgrows the gateway's memory
    for _ in range(2):
        stepping.advance_clock(STEP)
        _sync(qtbot, page, force=True)
    last = stepping.gateway_now()
    summary = page.summaries[0]
    assert summary.syncs == 3 and summary.last_status == "ok"
    assert summary.first is not None and summary.first < last - 2 * RETENTION
    page.auto_check.setChecked(False)
    assert page.syncer.next_run is None and not page.syncer._timer.isActive()

    # open the history offline: the gateway connection ends, the pages read the store
    with qtbot.waitSignal(win.session.source_changed, timeout=15000):
        page.open_selected()
    assert win.session.state == "history"
    assert "Lokaler Verlauf geöffnet" in win.status_text.text()
    hidden = {win.nav.item(r).data(256) for r in range(win.nav.count())
              if win.nav.item(r).isHidden()}
    assert hidden == {"current", "selftest"}
    readings = win.readings_page
    win.show_page("readings")
    index = next(i for i, p in enumerate(readings._points) if p.taf == "7")
    if readings.contract.currentIndex() != index:
        with qtbot.waitSignal(readings.databases_ready, timeout=10000):
            readings.contract.setCurrentIndex(index)
    qtbot.waitUntil(lambda: readings.database.count() > 0, timeout=10000)
    readings.database.setCurrentIndex(readings.database.findData("origin"))
    start, end = T0 - RETENTION, last  # all the gateway held at the first sync, on
    readings._range = (start, end)
    with qtbot.waitSignal(readings.loaded, timeout=30000):
        readings.load_button.click()
    point = readings.selected_point()
    assert point is not None
    want = {k for k in truth(stepping, start, end) if k[:2] == (point.usage_point_id, "origin")}
    assert readings.model.rowCount() == len(want) > 0
    oldest = readings.model.table.rows[0][1].target_time
    assert oldest < last - 2 * RETENTION  # long gone from the gateway
    model = readings.model
    first_text = model.data(model.index(0, 7))
    last_text = model.data(model.index(model.rowCount() - 1, 7))
    assert first_text.startswith("abgerufen 0") and last_text.startswith("abgerufen 0")
    assert "(Abgleich Nr. 1)" in model.data(model.index(0, 7), 3)  # tooltip: which sync
    assert "(Abgleich Nr. 3)" in model.data(model.index(model.rowCount() - 1, 7), 3)

    # the bill check runs on the whole history, offline
    verify = win.verify_page
    win.show_page("verify")
    assert "lokalen Verlauf" in verify.archive_note.text()
    with qtbot.waitSignal(verify.verified, timeout=120000):
        verify.verify_button.click()

    # export a period (CSV with every text cell neutralised, and Excel)
    db = win.session.history_path
    assert db is not None
    conn = sqlite3.connect(db)
    conn.execute("UPDATE readings SET owner_number='=HYPERLINK(\"x\")' WHERE "
                 "usage_point_id=? AND database='origin'", (point.usage_point_id,))
    conn.commit()
    conn.close()
    box = page.export_box
    win.show_page("history")
    box.what.setCurrentIndex(box.what.findData(choice_key(point.usage_point_id, "origin")))
    out = tmp_path / "export.csv"
    with _banner_changes(qtbot, box):
        box.export(out)
    assert box.banner.kind == "ok", box.banner.text()
    with open(out, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert len(rows) - 1 == len(want)  # the whole history of that database
    owner = rows[0].index("owner_number")
    assert {r[owner] for r in rows[1:]} == {"'=HYPERLINK(\"x\")"}
    box.format.setCurrentIndex(box.format.findData("excel"))
    excel = tmp_path / "export-excel.csv"
    with _banner_changes(qtbot, box):
        box.export(excel)
    data = excel.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b";" in data.splitlines()[0]


class _banner_changes:  # noqa: N801 - used like qtbot.waitSignal
    """Wait until the export box's banner shows a result."""

    def __init__(self, qtbot, box) -> None:  # noqa: ANN001
        self.qtbot, self.box = qtbot, box

    def __enter__(self) -> None:
        self.box.banner.clear_message()

    def __exit__(self, *exc: object) -> None:
        self.qtbot.waitUntil(lambda: self.box.banner.kind != "", timeout=30000)
