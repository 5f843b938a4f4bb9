"""Connect, trust on first contact (accept/refuse), pin mismatch stop, both logins."""

from __future__ import annotations

import json

from helpers import connect
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from trudi_py.gui import prefs
from trudi_py.m2m import grouped


def test_digest_login_with_trust_dialog_accept(qtbot, window, sim, pins):
    window.connect_page.connect_button.click()
    qtbot.waitUntil(lambda: window.trust_dialog is not None, timeout=15000)
    dialog = window.trust_dialog
    assert dialog.fingerprint.text() == grouped(sim.fingerprint)
    assert not dialog.accept_button.isEnabled()  # must compare first
    assert dialog.cancel_button.isDefault()
    # the field's HAN certificate (explicit NULL parameter, cryptography >= 49 refuses it)
    texts = " | ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "CN=ETHE0300004261.SMGW,C=DE,OU=THE,O=SMGW" in texts
    assert "01 (1)" in texts and "nicht lesbar" not in texts
    assert " bis " in texts  # validity shown
    dialog.confirm.setChecked(True)
    with qtbot.waitSignal(window.session.source_changed, timeout=15000):
        dialog.accept_button.click()
    assert window.session.state == "connected"
    assert pins.get(sim.url).sha256 == sim.fingerprint
    assert window.current_page_key() == "overview"
    assert "ETHE0300004261" in window.overview_page.gateway_id.text()
    han = window.overview_page.han_cert.text()
    assert "CN=ETHE0300004261.SMGW,C=DE,OU=THE,O=SMGW" in han and "gültig" in han
    assert "Seriennummer 01" in han and "nicht gemeldet" not in han
    assert "Verbunden" in window.status_text.text()
    recent = prefs.recent_path().read_text(encoding="utf-8")
    consumer = sim.data.consumers[0]
    assert consumer.user in recent and consumer.password not in recent
    assert json.loads(recent)["gateways"][0]["login"] == "digest"


def test_p12_login(qtbot, window, sim):
    window.connect_page.by_cert.setChecked(True)
    connect(qtbot, window, sim)
    snapshot = window.session.snapshot
    assert snapshot is not None and snapshot.info.display_id == "ETHE0300004261"
    assert window.session.settings.p12_path is not None and window.session.settings.user is None
    assert window.trust_dialog is None


def test_trust_refused(qtbot, window, sim, pins):
    window.connect_page.connect_button.click()
    qtbot.waitUntil(lambda: window.trust_dialog is not None, timeout=15000)
    window.trust_dialog.cancel_button.click()
    assert window.trust_dialog is None
    assert window.session.state == "disconnected"
    assert pins.get(sim.url) is None
    assert "nicht vertraut" in window.connect_page.banner.text()


def test_pin_mismatch_is_a_red_stop(qtbot, window, sim, pins):
    wrong = "ab" * 32
    pins.set(sim.url, wrong, "old")
    window.connect_page.connect_button.click()
    qtbot.waitUntil(lambda: window.mismatch_dialog is not None, timeout=15000)
    dialog = window.mismatch_dialog
    boxes = dialog.findChildren(QDialogButtonBox)
    assert [b.standardButtons() for b in boxes] == [QDialogButtonBox.StandardButton.Close]
    assert grouped(sim.fingerprint) == dialog.actual.text()
    assert window.session.state == "disconnected"
    assert pins.get(sim.url).sha256 == wrong  # never replaced by a click
    assert "geändert" in window.connect_page.banner.text()


def test_wrong_password_in_german(qtbot, window, sim):
    window.connect_page.password.setText("x7Geheim9")
    window.session.pin_store.set(sim.url, sim.fingerprint)
    with qtbot.waitSignal(window.session.connect_failed, timeout=15000):
        window.connect_page.connect_button.click()
    assert window.session.state == "disconnected"
    assert "Anmeldung" in window.connect_page.banner.text()
    assert "x7Geheim9" not in window.connect_page.banner.text()  # never echo a secret


def test_missing_input_named(qtbot, window):
    window.connect_page.by_cert.setChecked(True)
    window.connect_page.p12_path.setText("")
    window.connect_page.connect_button.click()
    assert "Zertifikatsdatei" in window.connect_page.banner.text()
    assert window.session.state == "disconnected"


def test_refused_connection_runs_network_check(qtbot, window):
    import socket
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    window.connect_page.host.setText("127.0.0.1")
    window.connect_page.port.setValue(port)
    with qtbot.waitSignal(window.session.connect_failed, timeout=15000) as blocker:
        window.connect_page.connect_button.click()
    _exc, check = blocker.args
    assert check is not None and check.status == "loopback"
    assert "abgelehnt" in window.connect_page.banner.text()


def test_recent_gateway_restores_form_without_password(qtbot, window, sim):
    connect(qtbot, window, sim)
    window.session.disconnect_gateway()
    page = window.connect_page
    page.password.clear()
    page.user.clear()
    page.reload_recent()
    assert page.recent.count() == 1
    page.apply_recent(prefs.load_recent()[0])
    assert page.user.text() == sim.data.consumers[0].user
    assert page.password.text() == ""
