"""The connect page's "save the password in the keyring" option: off by default, disabled
with a tooltip when the system has no keyring, with an in-memory keyring it stores the
password after a successful login, fills it in for a recent gateway, and forgets it when
the box is unticked."""

from __future__ import annotations

from helpers import connect

from trudi_py.gui import prefs


def test_without_a_keyring_the_option_is_disabled_with_a_tooltip(qtbot, no_backend, window,  # noqa: F811
                                                                  sim):
    box = window.connect_page.save_password
    assert not box.isEnabled() and not box.isChecked()
    assert "Schlüsselbund" in box.toolTip()
    assert box.text().replace("&", "") == "Passwort im Schlüsselbund speichern"
    connect(qtbot, window, sim)  # and connecting works as ever
    assert window.statusBar().currentMessage() == ""


def test_password_saved_filled_in_and_forgotten(qtbot, memory, window, sim):  # noqa: F811
    page = window.connect_page
    consumer = sim.data.consumers[0]
    assert page.save_password.isEnabled() and not page.save_password.isChecked()  # off
    connect(qtbot, window, sim)
    assert memory.items == {}  # not ticked: nothing stored
    window.session.disconnect_gateway()
    page.save_password.setChecked(True)
    connect(qtbot, window, sim, pin=False)
    assert list(memory.items.values()) == [consumer.password]
    window.session.disconnect_gateway()
    page.password.clear()
    page.save_password.setChecked(False)
    page.apply_recent(prefs.load_recent()[0])
    assert page.password.text() == consumer.password and page.save_password.isChecked()
    page.save_password.setChecked(False)
    connect(qtbot, window, sim, pin=False)
    assert memory.items == {}  # unticked after a login: removed
