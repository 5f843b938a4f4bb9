"""The PPC CMS export of meter values: byte-exact container, exact values, same as the HTML."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives.serialization import Encoding
from ppc_util import settings

from trudi_py.errors import MalformedAnswer
from trudi_py.simulator.ppc import PpcConfig, PpcSimulator, PpcVariant
from trudi_py.vendors.ppc import PpcPortal
from trudi_py.vendors.ppc.export import parse_export
from trudi_py.verify.cms import verify_signed_profile

UTC = UTC



@pytest.mark.parametrize("dropdown_mid", ["accept", "refuse"])
def test_export_matches_html_values_and_is_kept_byte_exact(dropdown_mid: str) -> None:
    variant = PpcVariant(dropdown_mid=dropdown_mid)  # type: ignore[arg-type]
    start = datetime(2026, 10, 24, 22, 0, tzinfo=UTC)
    end = datetime(2026, 10, 25, 6, 0, tzinfo=UTC)  # over the repeated hour
    with PpcSimulator(PpcConfig(variant=variant)) as sim:
        with PpcPortal(settings(sim)) as portal:
            meter = portal.meters()[0]
            exported = portal.export_values(meter, start, end)
            shown = portal.readings(meter, start, end)
        assert sim.exports == [exported.container]
        assert exported.filename.endswith("_1lgz0072999211.sm_data.xml.cms")
        assert "Zählerstände-" in exported.filename
        check = verify_signed_profile(exported.container,
                                      sim.signer_cert.public_bytes(Encoding.DER))
        assert check.status == "valid"
    as_dict = lambda channels: {c.obis: [(r.target_time, r.value) for r in c.readings]  # noqa: E731
                                for c in channels}
    assert as_dict(exported.channels) == as_dict(shown.channels)
    assert sum(len(c.readings) for c in exported.channels) > 60
    assert len(exported.not_valid) == len(shown.not_valid)


def test_export_of_an_empty_range_is_empty_not_an_error() -> None:
    with PpcSimulator(PpcConfig()) as sim:
        with PpcPortal(settings(sim)) as portal:
            result = portal.export_values(portal.meters()[0], datetime(2025, 1, 1, tzinfo=UTC),
                                          datetime(2025, 1, 2, tzinfo=UTC))
        assert result.container == b"" and result.channels == []
        assert sim.count("logout") == 1


def test_export_may_take_longer_than_the_page_timeout() -> None:
    """The exports wait up to 120 s (the gateway reads the meter); pages keep timeout_s."""
    with PpcSimulator(PpcConfig(export_delay_s=1.5)) as sim:
        quick = dataclasses.replace(settings(sim), timeout_s=0.5)
        with PpcPortal(quick) as portal:
            result = portal.export_values(portal.meters()[0],
                                          datetime(2026, 10, 21, tzinfo=UTC),
                                          datetime(2026, 10, 21, 2, tzinfo=UTC))
        assert result.container and result.channels
        assert sim.count("logout") == 1


@pytest.mark.parametrize("blob", [b"", b"not cms", b"\x30\x03\x02\x01\x01"])
def test_damaged_container_is_a_clear_error(blob: bytes) -> None:
    with pytest.raises(MalformedAnswer):
        parse_export(blob, "x.cms", "owner")
