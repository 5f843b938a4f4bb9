"""The Qt-free network check and its advice on the connect page."""

from __future__ import annotations

import pytest

from trudi_py.m2m import netcheck
from trudi_py.m2m.netcheck import NetCheck, check_network, suggest_address


def test_suggestion_avoids_the_gateway():
    assert suggest_address("192.200.1.100") == "192.200.1.10"
    assert suggest_address("192.200.1.10") == "192.200.1.11"


def test_loopback_needs_nothing():
    assert check_network("127.0.0.1").status == "loopback"


@pytest.mark.parametrize("local, status", [
    (None, "no-route"), ("10.0.0.5", "other-subnet"), ("192.200.1.100", "same-address"),
    ("192.200.1.23", "ok")])
def test_statuses(monkeypatch, local, status):
    monkeypatch.setattr(netcheck, "local_source_address", lambda ip, port=443: local)
    check = check_network("192.200.1.100")
    assert check.status == status
    assert check.needs_change == (status in ("no-route", "other-subnet", "same-address"))


def test_unresolved():
    assert check_network("no-such-host.invalid").status == "unresolved"


def test_advice_says_exactly_what_to_set(qtbot):
    from trudi_py.gui.pages.connect import ConnectPage
    page = ConnectPage()
    qtbot.addWidget(page)
    check = NetCheck("other-subnet", "192.200.1.100", gateway_ip="192.200.1.100",
                     local_ip="10.0.0.5", suggested_ip="192.200.1.10")
    text = page.netcheck_advice(check)
    for needle in ("10.0.0.5", "192.200.1.10", "255.255.255.0", "192.200.1.x",
                   "Standardgateway"):
        assert needle in text
