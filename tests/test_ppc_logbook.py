"""PPC logbook and software versions against the PPC portal simulator over TLS."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from ppc_util import settings

from trudi_py.simulator.ppc import PpcConfig, PpcSimulator, PpcVariant
from trudi_py.vendors.ppc import PpcPortal

UTC = UTC



@pytest.mark.parametrize("quoting", ["double", "single"])
def test_logbook_matches_the_portal_over_dst_with_paging_and_limit(quoting: str) -> None:
    config = PpcConfig(variant=PpcVariant(quoting=quoting),  # type: ignore[arg-type]
                       page_size=20, max_rows=60)
    start = datetime(2026, 10, 22, tzinfo=UTC)
    end = datetime(2026, 10, 27, tzinfo=UTC)
    with PpcSimulator(config) as sim:
        with PpcPortal(settings(sim)) as portal:
            entries = portal.logbook(start, end)
        expected = [r for r in sim.log if start <= r.time <= end]
        assert sim.count("showLogData") > 3  # several pages and windows
        assert sim.session is None
    assert [(e.time, e.event_id, e.message, e.outcome) for e in entries] == \
        [(r.time, r.log_id, r.text, r.outcome) for r in expected]
    assert [e.index for e in entries] == list(range(len(entries)))
    assert {e.level for e in entries} <= {"6", "4", "3"}
    assert all(e.vendor_id == "PPC" for e in entries)
    assert any(e.message.startswith("Zählerwerte") for e in entries)  # umlauts decoded


def test_firmware_versions() -> None:
    with PpcSimulator(PpcConfig(variant=PpcVariant(quoting="single"))) as sim, \
            PpcPortal(settings(sim)) as portal:
        versions = portal.firmware_versions()
        assert portal.firmware == "00950-34900"
    assert [(v.component, v.version) for v in versions][:2] == [
        ("smgw-bootstream", "33918"), ("smgw-services", "34868")]
