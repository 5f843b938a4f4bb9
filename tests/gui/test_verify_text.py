"""The Prüfung table names the contract whose meter readings a period was computed from."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from trudi_py.gui import i18n
from trudi_py.gui.verify_text import period_row
from trudi_py.verify.gateway_result import PeriodCheck, RegisterComparison

DECEMBER = PeriodCheck(start=datetime(2025, 11, 30, 23, tzinfo=UTC),
                       end=datetime(2025, 12, 31, 23, tzinfo=UTC), status="match",
                       registers=(RegisterComparison("0100010801ff", 1, 3361800, 3361800, -1,
                                                     30),))


@pytest.fixture
def german(qapp):  # noqa: ANN001, ANN201
    i18n.install(qapp, "de")
    yield
    i18n.install(qapp, "en")


def test_a_period_from_another_contracts_readings_says_so(german):  # noqa: ANN001
    row = period_row("taf1 (TAF-1)", DECEMBER, "taf7")
    assert row.sentence.startswith("Dezember 2025: Tarif 1 stimmt auf die Wattstunde")
    assert row.sentence.endswith("Berechnet aus den Zählerständen von taf7 "
                                 "(derselbe Zähler).")
    assert "336,18\u00a0kWh / 336,18\u00a0kWh" in row.amounts  # unit never wraps away


def test_its_own_readings_need_no_note(german):  # noqa: ANN001
    assert "Zählerständen" not in period_row("taf2 (TAF-2)", DECEMBER).sentence
