"""PPC tariff profiles and billing periods against the PPC portal simulator over TLS."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from ppc_util import settings

from trudi_py.errors import SessionRefused
from trudi_py.simulator.ppc import PpcConfig, PpcSimulator, PpcVariant
from trudi_py.vendors.ppc import PpcPortal
from trudi_py.vendors.ppc.tariffs import TariffOption, taf

UTC = UTC
NOW = datetime(2026, 12, 3, 14, 0, tzinfo=UTC)



@pytest.mark.parametrize("quoting", ["double", "single"])
def test_tariffs_profiles_and_billing_periods(quoting: str) -> None:
    config = PpcConfig(variant=PpcVariant(quoting=quoting),  # type: ignore[arg-type]
                       clock=lambda: NOW.timestamp())
    with PpcSimulator(config) as sim:
        with PpcPortal(settings(sim)) as portal:
            options = portal.tariffs()
            profiles = {o.label: portal.tariff_profile(o) for o in options}
            periods = portal.billing_periods(options[0])
        assert sim.session is None
    assert sorted(profiles) == ["Bezug 15-Minuten", "Bezug Monat"]
    assert taf(profiles["Bezug 15-Minuten"]) == "7" and taf(profiles["Bezug Monat"]) == "1"
    assert profiles["Bezug 15-Minuten"]["Registerperiode (sek.)"] == "900"
    # August (two months before the data start, local) .. December 2026 (running)
    starts = [p.start for p in periods]
    assert starts[0] == datetime(2026, 7, 31, 22, 0, tzinfo=UTC)  # 1 Aug 00:00 CEST
    assert starts[-1] == datetime(2026, 11, 30, 23, 0, tzinfo=UTC)  # 1 Dec 00:00 CET
    assert periods[-1].end is None and all(p.end is not None for p in periods[:-1])
    assert all(a.end == b.start for a, b in zip(periods, periods[1:], strict=False))
    assert datetime(2026, 10, 1, 0, 0, tzinfo=UTC) - periods[2].start == \
        datetime(2026, 10, 1, 0, 0, tzinfo=UTC) - datetime(2026, 9, 30, 22, 0, tzinfo=UTC)


def test_tid_of_an_earlier_session_is_refused() -> None:
    with PpcSimulator(PpcConfig()) as sim:
        with PpcPortal(settings(sim)) as portal:
            old = portal.tariffs()[0]
        with PpcPortal(settings(sim)) as portal, pytest.raises(SessionRefused):
            portal.tariff_profile(TariffOption(old.tid, old.label))
        assert sim.count("logout") == 2


@pytest.mark.parametrize(("text", "number"), [
    ("TAF7 Zählerstandsgangmessung", "7"), ("TAF06", "6"), ("TAF10 Netzzustand", "10"),
    ("", ""), ("Tarif", "")])
def test_taf_number(text: str, number: str) -> None:
    assert taf({"TAF-Typ": text}) == number
