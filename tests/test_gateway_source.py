"""ContractSource: the DataSource over the gateway contract, against the PPC double and the
CONEXA simulator (real TLS). Sessions: one login, idle logout, a fresh session after the
portal ended one, a refused login never repeated, always a logout."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from helpers import settings_for
from ppc_util import VARIANTS, settings

from trudi_py.errors import AuthError
from trudi_py.gateway import open_gateway
from trudi_py.gateway.source import IDLE_S, ContractSource
from trudi_py.m2m.settings import ConnectionSettings
from trudi_py.simulator.ppc import PpcConfig, PpcSimulator, PpcVariant

START, END = datetime(2026, 10, 20, tzinfo=UTC), datetime(2026, 10, 28, tzinfo=UTC)


class Clock:
    """A monotonic clock the test moves."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(params=VARIANTS[:2], ids=["refuse-second", "replace-second"])
def ppc(request: pytest.FixtureRequest) -> Iterator[PpcSimulator]:
    with PpcSimulator(PpcConfig(start=START, end=END, variant=request.param)) as sim:
        yield sim


def source_for(config: ConnectionSettings, clock: Clock) -> ContractSource:
    return ContractSource(lambda: open_gateway(config, "ppc"), "ppc", clock=clock)


def test_one_session_for_many_reads_and_a_logout(ppc: PpcSimulator) -> None:
    clock = Clock()
    source = source_for(settings(ppc), clock)
    source.connect()
    info = source.gateway_info()
    assert info.display_id == "EPPC0000012345" and info.state == "" and info.wan == ()
    assert "BEGIN CERTIFICATE" in info.han_tls_pem
    assert not source.offers("clock") and source.offers("self-test-reboots")
    points = source.usage_points()
    assert {p.usage_point_id for p in points} == {"27", "21"}
    assert source.usage_point_info("27").database("origin") is not None
    assert source.logbook()
    assert source.last_readings("27")
    source.close()
    assert ppc.login_attempts == 1
    assert ppc.count("logout") == 1


def test_idle_session_is_ended_and_a_new_one_opened(ppc: PpcSimulator) -> None:
    clock = Clock()
    source = source_for(settings(ppc), clock)
    source.connect()
    clock.now += IDLE_S + 1  # longer than the portal may keep an idle session
    source.logbook()
    assert ppc.count("logout") == 1  # the old session ended politely first
    assert ppc.login_attempts == 2 and source.sessions_opened == 2
    source.close()


def test_a_session_the_portal_ended_is_opened_once_more(ppc: PpcSimulator) -> None:
    source = source_for(settings(ppc), Clock())
    source.connect()
    assert ppc.session is not None
    ppc.session.last_seen -= ppc.config.session_timeout_s + 1  # "Sitzung abgelaufen"
    assert source.logbook()
    assert ppc.login_attempts == 2
    source.close()


def test_suspend_lets_another_job_have_its_session(ppc: PpcSimulator) -> None:
    """The archive opens its own session: the GUI's source logs out first."""
    source = source_for(settings(ppc), Clock())
    source.connect()
    source.suspend()
    with open_gateway(settings(ppc), "ppc") as other:  # one session at a time
        assert other.identity().gateway_id == "EPPC0000012345"
    assert source.logbook()  # the source logs in again by itself
    source.close()
    assert ppc.login_attempts == 3


def test_a_refused_login_is_raised_and_never_repeated() -> None:
    with PpcSimulator(PpcConfig(start=START, end=END, variant=PpcVariant())) as sim:
        source = source_for(settings(sim, password="wrong"), Clock())
        with pytest.raises(AuthError):
            source.connect()
        assert sim.login_attempts == 1
        with pytest.raises(AuthError):  # a new call is a new user action: one more attempt
            source.logbook()
        assert sim.login_attempts == 2


def test_over_the_conexa_too(sim) -> None:  # noqa: ANN001
    """The source is vendor-neutral: the CONEXA adapter behind it fills the same pages."""
    config = settings_for(sim)
    source = ContractSource(lambda: open_gateway(config, "theben"), "theben")
    info = source.gateway_info()
    assert info.display_id == sim.data.smgw_id.upper()
    assert source.offers("clock") and source.offers("state-word")
    points = source.usage_points()
    assert {p.usage_point_id for p in points} == {
        p.usage_point_id for p in sim.data.consumers[0].usage_points}
    assert source.logbook()
    source.close()


def test_two_users_one_per_direction_are_one_gateway() -> None:
    """PPC_HAN.md §5: user A sees 1.8.0, user B 2.8.0. One source with both: contracts with
    both registers, readings of both, the logbook once; one session at a time."""
    with PpcSimulator(PpcConfig(start=START, end=END)) as sim:
        bezug = settings(sim, "han-bezug", "demo-ppc-bezug")
        einspeisung = settings(sim, "han-einspeisung", "demo-ppc-einspeisung")
        source = ContractSource([lambda: open_gateway(bezug, "ppc"),
                                 lambda: open_gateway(einspeisung, "ppc")], "ppc",
                                clock=Clock())
        source.connect()
        assert source.gateway_info().display_id == "EPPC0000012345"
        db = source.usage_point_info("27").database("origin")
        assert db is not None
        assert {c.obis for c in db.channels} == {"0100010800ff", "0100020800ff"}
        day = datetime(2026, 10, 21, tzinfo=UTC), datetime(2026, 10, 22, tzinfo=UTC)
        channels = {ch.obis: ch for ch in source.readings("27", "origin", *day)}
        assert set(channels) == {"0100010800ff", "0100020800ff"}
        assert {ch.obis for ch in source.last_readings("27")} == set(channels)
        entries = source.logbook()
        assert len(entries) == len(sim.log)  # both users see the same logbook: once
        source.close()
        assert sim.count("logout") == sim.login_attempts  # every session ended
        assert sim.config.variant.second_login == "refuse"  # so never two at once
