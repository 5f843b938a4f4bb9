"""The GUI against the PPC portal double (real TLS on loopback): vendor recognised without
asking, pages filled through the gateway contract, and never a lock-out caused by trudi_py."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from trudi_py.gui.main_window import MainWindow
from trudi_py.gui.session import Session
from trudi_py.m2m import PinStore
from trudi_py.m2m.transport import certificate_subject
from trudi_py.simulator.ppc import PpcConfig, PpcSimulator

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
