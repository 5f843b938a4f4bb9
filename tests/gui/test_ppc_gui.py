"""The GUI against the PPC portal double (real TLS on loopback): vendor recognised without
asking, pages filled through the gateway contract, and never a lock-out caused by trudi_py."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from helpers import followed
from ppc_util import IDS, VARIANTS

from trudi_py.gui import prefs
from trudi_py.gui.main_window import MainWindow
from trudi_py.gui.session import Session
from trudi_py.jobs.base import Progress
from trudi_py.m2m import PinStore
from trudi_py.m2m.transport import certificate_subject
from trudi_py.simulator.ppc import PpcConfig, PpcSimulator, PpcVariant

USER, PASSWORD = "han-user", "demo-ppc-password"
START, END = datetime(2026, 10, 20, tzinfo=UTC), datetime(2026, 10, 28, tzinfo=UTC)


@pytest.fixture
def ppc() -> Iterator[PpcSimulator]:
    with PpcSimulator(PpcConfig(start=START, end=END)) as sim:
        yield sim


@pytest.fixture
def ppc_window(qtbot, pins: PinStore, ppc: PpcSimulator) -> Iterator[MainWindow]:  # noqa: ANN001
    win = MainWindow(Session(pin_store=pins))
    win.remember_recent = False
    qtbot.addWidget(win)
    win.connect_page.prefill(ppc.url, user=USER, password=PASSWORD, use_cert=False)
    win.show()
    yield win
    win.close()


def pin(win: MainWindow, sim: PpcSimulator) -> None:
    """Trust the double's certificate as the trust dialog would (subject names the id)."""
    win.session.pin_store.set(sim.url, sim.fingerprint, certificate_subject(sim.cert_der))


def test_connects_as_ppc(qtbot, ppc_window: MainWindow, ppc: PpcSimulator) -> None:  # noqa: ANN001
    pin(ppc_window, ppc)
    with qtbot.waitSignal(ppc_window.session.source_changed, timeout=20000):
        ppc_window.connect_page.connect_button.click()
    session = ppc_window.session
    assert session.state == "connected"
    assert session.data_vendor == "ppc"
    assert session.snapshot is not None
    assert session.snapshot.info.display_id == "EPPC0000012345"
    assert ppc.login_attempts == 1


LOCK_TEXTS = {
    "de": ("Falsche Anmeldungen bisher: {n}.", "gesperrt", "Verbinden wieder ab"),
    "en": ("Wrong logins so far: {n}.", "locked", "Connect again from"),
}


@pytest.mark.parametrize("language", ["de", "en"])
def test_three_wrong_passwords_never_cause_a_lockout(qtbot, qapp, ppc_window: MainWindow,  # noqa: ANN001
                                                     ppc: PpcSimulator, language: str) -> None:
    """Each wrong password costs exactly one login request at the portal, none is repeated;
    the portal's own lock (after the user's third wrong password) is shown with its time."""
    from trudi_py.gui import i18n
    i18n.install(qapp, language)
    refused, locked_word, button_text = LOCK_TEXTS[language]
    win, page = ppc_window, ppc_window.connect_page
    pin(win, ppc)
    page.password.setText("wrong-password")
    for attempt in (1, 2, 3):
        with qtbot.waitSignal(win.session.connect_failed, timeout=20000):
            page.connect_button.click()
        qtbot.wait(300)  # time for a retry, if there were one
        assert ppc.login_attempts == attempt  # one login request per user action
        assert ppc.count("login") == 2 * attempt  # + the unauthenticated Digest challenge
        assert refused.format(n=attempt) in page.banner.text()
        assert page.connect_button.isEnabled()
    assert all(r.action == "login" for r in ppc.requests)  # nothing but the logins
    page.password.setText(PASSWORD)  # the right password now meets the lock page
    with qtbot.waitSignal(win.session.locked_out, timeout=20000) as blocker:
        page.connect_button.click()
    assert ppc.login_attempts == 4
    exc, _until = blocker.args
    assert 240 < exc.remaining_s <= 300  # the time the lock page stated (lock_s = 300)
    text = page.banner.text()
    assert locked_word in text and "min" in text
    assert not page.connect_button.isEnabled()
    assert page.connect_button.text().startswith(button_text)
    assert page.connect_button.toolTip()
    page.password.returnPressed.emit()  # Enter in the form while locked: nothing is sent
    qtbot.wait(300)
    assert ppc.login_attempts == 4
    assert win.session.state == "disconnected"


def fill_two_users(page) -> None:  # noqa: ANN001
    """The connect page with the simulator's two HAN users, one per direction."""
    page.user.setText("han-bezug")
    page.password.setText("demo-ppc-bezug")
    page.second_user.setChecked(True)
    page.user2.setText("han-einspeisung")
    page.password2.setText("demo-ppc-einspeisung")


def connect_ppc(qtbot, win: MainWindow, sim: PpcSimulator) -> None:  # noqa: ANN001
    pin(win, sim)
    with qtbot.waitSignal(win.session.source_changed, timeout=20000):
        win.connect_page.connect_button.click()
    assert win.session.state == "connected"
    followed(qtbot, win)


def test_vendor_found_from_certificate_at_first_contact(qtbot, ppc_window: MainWindow,  # noqa: ANN001
                                                        ppc: PpcSimulator) -> None:
    """No pin yet: the trust dialog shows the PPC's certificate; after trusting, the GUI
    speaks PPC without asking for the vendor (the pin's subject names the gateway id)."""
    win = ppc_window
    with qtbot.waitSignal(win.session.trust_required, timeout=20000):
        win.connect_page.connect_button.click()
    assert ppc.requests == []  # the vendor and the certificate: no HTTP byte yet
    dialog = win.trust_dialog
    assert dialog is not None
    dialog.confirm.setChecked(True)
    with qtbot.waitSignal(win.session.source_changed, timeout=20000):
        dialog.accept_button.click()
    assert win.session.data_vendor == "ppc"
    assert ppc.login_attempts == 1


def test_pages_say_what_a_ppc_does_not_offer(qtbot, ppc_window: MainWindow,  # noqa: ANN001
                                             ppc: PpcSimulator) -> None:
    win = ppc_window
    connect_ppc(qtbot, win, ppc)
    page = win.overview_page
    assert "EPPC0000012345" in page.gateway_id.text()
    assert "smgw-services" in page.firmware.text()
    assert "nicht angezeigt" in page.gateway_time.text()
    assert "nicht prüfbar" in page.drift.text()
    assert "nicht gemeldet" in page.state_word.text()
    assert "PPC" in page.state_banner.text()
    assert not page.states.isVisibleTo(page)  # the CONEXA's operating states: not shown
    assert "signierten Exporte" in page.wan_certs.text()
    # contracts: the portal's tariff profiles with their rows
    contracts = win.contracts_page
    with qtbot.waitSignal(contracts.loaded, timeout=20000):
        win.show_page("contracts")
        contracts.refresh_details()
    names = {contracts.points.item(r, 0).text() for r in range(contracts.points.rowCount())}
    assert names == {"Bezug 15-Minuten", "Bezug Monat"}
    assert "Profil-ID" in contracts.channels.text()
    assert "Transparenzbit" in contracts.channels.text()  # named as not shown by the portal
    # the logbook through the contract; the CONEXA's special-functions key is not shown
    logbook = win.logbook_page
    with qtbot.waitSignal(logbook.loaded, timeout=20000):
        win.show_page("logbook")
    assert logbook.model.rowCount() == len(ppc.log)
    assert "THE.19013" not in logbook.legend.text()
    assert not logbook.highlighted.isVisibleTo(logbook)
    assert ppc.login_attempts == 1  # one session for all of it
    assert win.session.sync_settings is None  # the history sync reads a CONEXA only
    history = win.history_page  # ... and the history page says so, pointing to the archive
    win.show_page("history")
    assert "Archiv" in history.sync_state.text() and "verbinden" not in \
        history.sync_state.text().lower(), history.sync_state.text()
    assert not history.sync_button.isEnabled()
    current = win.current_page  # no polling of a PPC: its HAN port dies under it
    with qtbot.waitSignal(current.loaded, timeout=20000):
        win.show_page("current")
    assert current.table.rowCount() > 0
    assert not current.timer.isActive()
    assert "nicht von selbst" in current.note.text()


def test_readings_of_a_ppc_contract(qtbot, ppc_window: MainWindow,  # noqa: ANN001
                                    ppc: PpcSimulator) -> None:
    from trudi_py.gui.pages.readings_load import load_readings
    win = ppc_window
    connect_ppc(qtbot, win, ppc)
    start, end = datetime(2026, 10, 21, tzinfo=UTC), datetime(2026, 10, 22, tzinfo=UTC)
    results: list[object] = []
    seen: list[Progress] = []

    def load(s, p, c):  # noqa: ANN001, ANN202
        return load_readings(s, lambda x: (seen.append(x), p(x))[1], c, "27", "origin",
                             start, end)

    win.session.run(load, on_done=results.append, on_error=results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=20000)
    loaded = results[0]
    # the portal's requests report progress while the readings are fetched
    assert any(x.phase == "readings" for x in seen), seen
    got = {ch.obis: {r.target_time for r in ch.readings}
           for ch in loaded.channels}  # type: ignore[attr-defined]
    assert set(got) == {"0100010800ff", "0100020800ff"}
    for obis, register in (("0100010800ff", "1-0:1.8.0"), ("0100020800ff", "1-0:2.8.0")):
        rows = [r for r in ppc.rows[register] if start <= r.target <= end]
        assert len(rows) == 97  # the portal's 15-minute rows, both ends included
        assert {r.target for r in rows if r.valid == 1} <= got[obis] <= {r.target for r in rows}


def test_ppc_self_test_restarts_and_ends_the_connection(qtbot, ppc_window: MainWindow,  # noqa: ANN001
                                                         ppc: PpcSimulator) -> None:
    win = ppc_window
    connect_ppc(qtbot, win, ppc)
    page = win.selftest_page
    win.show_page("selftest")
    assert "startet neu" in page.start_button.text()
    with qtbot.waitSignal(win.session.source_changed, timeout=20000) as blocker:
        page.start()
    assert blocker.args == [None]  # the connection ended with the restart
    assert ppc.self_tests == 1
    assert win.current_page_key() == "connect"
    assert "Selbsttest neu" in win.connect_page.banner.text()
    assert ppc.login_attempts == 1


def test_demo_tour_with_a_ppc_gateway(tmp_path) -> None:  # noqa: ANN001
    """``trudi-py demo --gateway ppc --tour DIR``: the GUI against the PPC double, every
    step through to the lock page, exit 0 (a separate process, as a user starts it)."""
    import os
    import subprocess
    import sys
    env = dict(os.environ, TRUDI_LANG="de", QT_QPA_PLATFORM="offscreen")
    env.pop("TRUDI_VENDOR", None)
    out = tmp_path / "tour"
    result = subprocess.run([sys.executable, "-m", "trudi_py", "demo", "--gateway", "ppc",
                             "--tour", str(out)], capture_output=True, text=True, env=env,
                            timeout=300, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stdout + result.stderr
    names = {p.stem.split("-", 1)[1] for p in out.glob("*.png")}
    assert {"verbinden", "vertrauen", "uebersicht", "vertraege", "aktuelle-werte",
            "messwerte-woche", "logbuch", "selbsttest", "archiv", "pruefung",
            "archiv-offline", "archiv-pruefung", "gesperrt"} <= names


def test_a_job_with_its_own_session_gets_the_portal_to_itself(qtbot, ppc_window: MainWindow,  # noqa: ANN001
                                                              ppc: PpcSimulator) -> None:
    """The archive job opens its own session; the PPC portal allows one at a time (this
    double refuses a second login): the GUI's session is logged out before the job runs."""
    from trudi_py.gateway import open_gateway
    from trudi_py.m2m.settings import ConnectionSettings
    win = ppc_window
    connect_ppc(qtbot, win, ppc)
    assert ppc.config.variant.second_login == "refuse"
    config = ConnectionSettings(ppc.url, user=USER, password=PASSWORD, pin=ppc.fingerprint)

    def job(_progress: object, _cancel: object) -> str:
        with open_gateway(config, "ppc") as own:
            return own.identity().gateway_id

    results: list[object] = []
    win.session.run_own_session(job, on_done=results.append, on_error=results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=20000)
    assert results == ["EPPC0000012345"]
    assert ppc.count("logout") == 2  # the GUI's session, then the job's
    logbook = win.logbook_page  # the pages go on reading: a new session
    with qtbot.waitSignal(logbook.loaded, timeout=20000):
        win.show_page("logbook")
    assert ppc.login_attempts == 3


def test_two_users_one_per_direction_shown_as_one_gateway(qtbot, ppc_window: MainWindow,  # noqa: ANN001
                                                          ppc: PpcSimulator) -> None:
    win, page = ppc_window, ppc_window.connect_page
    fill_two_users(page)
    connect_ppc(qtbot, win, ppc)
    assert ppc.login_attempts == 2  # one login per user, one session at a time
    results: list[object] = []
    win.session.run(lambda s, _p, _c: s.usage_point_info("27"), on_done=results.append,
                    on_error=results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=20000)
    db = results[0].database("origin")  # type: ignore[attr-defined]
    assert {c.obis for c in db.channels} == {"0100010800ff", "0100020800ff"}
    contracts = win.contracts_page
    with qtbot.waitSignal(contracts.loaded, timeout=20000):
        win.show_page("contracts")
        contracts.refresh_details()
    text = contracts.channels.text()
    assert "1.8.0" in text and "2.8.0" in text  # both directions in one contract


def test_both_users_remembered_for_the_next_time(qtbot, memory,  # noqa: ANN001
                                                 ppc_window: MainWindow,
                                                 ppc: PpcSimulator) -> None:
    """The recent gateway keeps the second user's name; with the keyring option both
    passwords are saved and filled in again (never written to the recent list)."""
    win, page = ppc_window, ppc_window.connect_page
    win.remember_recent = True
    fill_two_users(page)
    page.save_password.setChecked(True)
    connect_ppc(qtbot, win, ppc)
    win.session.disconnect_gateway()
    assert sorted(memory.items.values()) == ["demo-ppc-bezug", "demo-ppc-einspeisung"]
    recent = prefs.load_recent()[0]
    assert (recent.user, recent.user2) == ("han-bezug", "han-einspeisung")
    assert "han-bezug, han-einspeisung" in recent.label
    assert "demo-ppc" not in prefs.recent_path().read_text(encoding="utf-8")
    for field in (page.user, page.password, page.user2, page.password2):
        field.clear()
    page.second_user.setChecked(False)
    page.apply_recent(recent)
    assert page.second_user.isChecked() and page.user2.text() == "han-einspeisung"
    assert page.password2.text() == "demo-ppc-einspeisung"
    assert page.second_login() == ("han-einspeisung", "demo-ppc-einspeisung")


def test_an_idle_portal_session_is_released(qtbot, ppc_window: MainWindow,  # noqa: ANN001
                                            ppc: PpcSimulator) -> None:
    """One session at a time: after a while without requests the GUI logs out, so that
    other clients of the household can log in; the next page read logs in again."""
    win = ppc_window
    win.session.release_timer.setInterval(200)
    connect_ppc(qtbot, win, ppc)
    qtbot.waitUntil(lambda: ppc.count("logout") == 1, timeout=10000)
    assert ppc.session is None
    qtbot.wait(600)  # released once, not again and again
    assert ppc.count("logout") == 1
    logbook = win.logbook_page
    with qtbot.waitSignal(logbook.loaded, timeout=20000):
        win.show_page("logbook")
    assert ppc.login_attempts == 2
    qtbot.waitUntil(lambda: ppc.count("logout") == 2, timeout=10000)


class _Neither:
    """An HTTPS server on loopback that is neither a CONEXA nor a PPC portal (404 for all)."""

    def __init__(self) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        from trudi_py.simulator.ppc.server import make_identity
        from trudi_py.simulator.server import make_server_context

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *_args: object) -> None:
                pass

        cert_pem, key_pem = make_identity("ENOP0000000001", "secp384r1")
        ctx = make_server_context(cert_pem, key_pem)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.socket = ctx.wrap_socket(self.server.socket, server_side=True)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        from cryptography import x509
        from cryptography.hazmat.primitives import serialization

        from trudi_py.simulator.pki import sha256_hex
        der = x509.load_pem_x509_certificate(cert_pem).public_bytes(serialization.Encoding.DER)
        self.fingerprint = sha256_hex(der)
        self.url = f"https://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_unknown_vendor_asks_for_the_maker(qtbot, pins: PinStore) -> None:  # noqa: ANN001
    """Neither the certificate's id nor a probe names the vendor: the connect page asks for
    the maker (under "Erweiterte Einstellungen"), in words, not with the CLI's option."""
    other = _Neither()
    try:
        win = MainWindow(Session(pin_store=pins))
        win.remember_recent = False
        qtbot.addWidget(win)
        win.connect_page.prefill(other.url, user=USER, password=PASSWORD, use_cert=False)
        pins.set(other.url, other.fingerprint, "CN=ENOP0000000001")
        with qtbot.waitSignal(win.session.connect_failed, timeout=20000):
            win.connect_page.connect_button.click()
        page = win.connect_page
        assert "Hersteller" in page.banner.text() and "--vendor" not in page.banner.text()
        assert page.advanced.isVisibleTo(page)
        assert page.chosen_vendor() is None
        page.vendor.setCurrentIndex(page.vendor.findData("ppc"))
        assert page.chosen_vendor() == "ppc"
        win.close()
    finally:
        other.close()


@pytest.mark.parametrize("variant", VARIANTS, ids=IDS)
def test_every_guess_of_the_portal_fills_the_pages(qtbot, pins: PinStore,  # noqa: ANN001
                                                   variant: PpcVariant) -> None:
    """Each switchable guess of the facts sheet (second login, tkn, mid, quoting, cookie):
    connect, contracts, logbook, current values; one login, a logout at the end."""
    with PpcSimulator(PpcConfig(start=START, end=END, variant=variant)) as sim:
        win = MainWindow(Session(pin_store=pins))
        win.remember_recent = False
        qtbot.addWidget(win)
        win.connect_page.prefill(sim.url, user=USER, password=PASSWORD, use_cert=False)
        connect_ppc(qtbot, win, sim)
        with qtbot.waitSignal(win.contracts_page.loaded, timeout=20000):
            win.show_page("contracts")
            win.contracts_page.refresh_details()
        assert win.contracts_page.points.rowCount() == 2
        with qtbot.waitSignal(win.logbook_page.loaded, timeout=20000):
            win.show_page("logbook")
        assert win.logbook_page.model.rowCount() == len(sim.log)
        with qtbot.waitSignal(win.current_page.loaded, timeout=20000):
            win.show_page("current")
        assert win.current_page.table.rowCount() == 4  # 2 contracts x 2 registers
        assert sim.login_attempts == 1
        win.close()
        qtbot.waitUntil(lambda: sim.count("logout") == 1, timeout=10000)


def test_archive_page_archives_a_ppc_with_both_users(qtbot, ppc_window: MainWindow,  # noqa: ANN001
                                                     ppc: PpcSimulator, tmp_path) -> None:
    """The archive page passes the vendor and the second user to the archive job; the GUI's
    own portal session is logged out first (one at a time); the archive checks out."""
    import json
    import zipfile

    from trudi_py.archive.integrity import check_archive
    win, page = ppc_window, ppc_window.connect_page
    fill_two_users(page)
    connect_ppc(qtbot, win, ppc)
    archive = win.archive_page
    win.show_page("archive")
    out = tmp_path / "ppc.zip"
    with qtbot.waitSignal(archive.archive_finished, timeout=120000) as finished:
        archive.start_archive(out)
    result = finished.args[0]
    assert not isinstance(result, BaseException), result
    assert result.complete and out.is_file()
    with zipfile.ZipFile(out) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    assert manifest["gateway"]["vendor"] == "ppc"
    assert manifest["users"] == ["han-bezug", "han-einspeisung"]
    assert check_archive(out).ok
    assert ppc.count("logout") >= 2 and ppc.session is None  # every session ended
    # the archive opened offline and checked: passed checks are no "problems"
    with qtbot.waitSignal(win.session.source_changed, timeout=20000):
        win.open_archive(out)
    verify = win.verify_page
    win.show_page("verify")
    with qtbot.waitSignal(verify.verified, timeout=120000):
        verify.verify_current()
    text = verify.banner.text()
    assert "gültige Signatur" in text and "ppc-exports" not in text
