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


def test_the_error_register_is_named_not_counted_as_a_tariff(german):  # noqa: ANN001
    """TAF-2 compares tariff 1, 2 and the error register 1.8.63: "Tarif 1, 2 und 63" would
    read as a third tariff."""
    regs = tuple(RegisterComparison(obis, tariff, 100, 100, -1, 30) for obis, tariff in
                 (("0100010801ff", 1), ("0100010802ff", 2), ("010001083fff", 63)))
    period = PeriodCheck(start=DECEMBER.start, end=DECEMBER.end, status="match",
                         registers=regs)
    sentence = period_row("taf2 (TAF-2)", period).sentence
    assert sentence.startswith("Dezember 2025: Tarif 1 und 2 sowie das Fehlerregister "
                               "stimmen auf die Wattstunde"), sentence
    assert "63" not in sentence
