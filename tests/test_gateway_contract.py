"""The gateway contract against both simulators (CONEXA and PPC) over real TLS on loopback:
the same calls, the model's records, progress and cancel, a logout on every way out."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from helpers import settings_for
from ppc_util import IDS, VARIANTS
from ppc_util import settings as ppc_settings

from trudi_py.errors import Cancelled, GatewayError
from trudi_py.gateway import ConexaGateway, Gateway, PpcGateway, open_gateway
from trudi_py.jobs.base import CancelToken, Progress
from trudi_py.simulator.ppc import PpcConfig, PpcSimulator
from trudi_py.vendors.ppc.mapping import obis_hex

PPC_DAY = (datetime(2026, 10, 21, tzinfo=UTC), datetime(2026, 10, 21, 23, 45, tzinfo=UTC))


@pytest.fixture(params=VARIANTS, ids=IDS)
def ppc(request: pytest.FixtureRequest) -> Iterator[PpcSimulator]:
    """The PPC portal double in every variant of the facts sheet's guesses."""
    with PpcSimulator(PpcConfig(variant=request.param)) as running:
        yield running


def _ppc_truth(sim: PpcSimulator, start: datetime, end: datetime) -> dict[str, dict[str, str]]:
    return {obis_hex(obis): {r.target.isoformat(): str(r.raw) for r in rows
                             if r.valid == 1 and start <= r.target <= end}
            for obis, rows in sim.rows.items()}


def _as_dict(channels: list) -> dict[str, dict[str, str]]:  # type: ignore[type-arg]
    return {c.obis: {r.target_time.isoformat(): r.value for r in c.readings} for c in channels}


def _check_session(gateway: Gateway, vendor: str) -> None:
    """What every vendor's session must deliver through the contract."""
    ident = gateway.identity()
    assert ident.vendor == vendor and ident.gateway_id[:4] in ("ETHE", "EPPC")
    assert ident.firmware and all(f.version for f in ident.firmware) and ident.tls_der
    contracts = gateway.contracts()
    assert contracts and all(c.contract_id for c in contracts)
    assert any(c.billing_periods for c in contracts)
    assert all(c.detail is not None and c.detail.databases for c in contracts)
    current = gateway.current_values()
    assert current and all(c.readings for c in current)


def test_conexa_through_the_contract(sim) -> None:  # noqa: ANN001
    with open_gateway(settings_for(sim), "theben") as gateway:
        assert isinstance(gateway, ConexaGateway)
        _check_session(gateway, "theben")
        contract = next(c for c in gateway.contracts() if c.point.taf == "7")
        end = contract.point.start + timedelta(days=2) if contract.point.start else None
        assert end is not None
        steps: list[Progress] = []
        channels = gateway.readings(contract, contract.point.start, end, progress=steps.append)
        assert channels and steps and steps[0].phase == "readings"
        direct = gateway.client.readings(contract.contract_id, "origin",
                                         contract.point.start, end)
        assert _as_dict(channels) == _as_dict(direct)
        log = gateway.logbook(None, None)
        assert log == sorted(log, key=lambda e: e.index) and log


def test_ppc_through_the_contract(ppc: PpcSimulator) -> None:
    steps: list[Progress] = []
    with open_gateway(ppc_settings(ppc), "ppc") as gateway:
        assert isinstance(gateway, PpcGateway)
        _check_session(gateway, "ppc")
        contract = gateway.contracts()[0]
        channels = gateway.readings(contract, *PPC_DAY, progress=steps.append)
        log = gateway.logbook(PPC_DAY[0], PPC_DAY[1])
    assert _as_dict(channels) == _ppc_truth(ppc, *PPC_DAY)
    assert steps and [s.done for s in steps] == list(range(1, len(steps) + 1))
    assert {s.phase for s in steps} == {"readings"}
    truth = [r for r in ppc.log if PPC_DAY[0] <= r.time < PPC_DAY[1]]
    assert len(log) == len(truth) and log == sorted(log, key=lambda e: e.time)
    assert ppc.login_attempts == 1 and ppc.count("logout") == 1 and ppc.session is None


def test_ppc_contracts_name_taf_and_periods(ppc: PpcSimulator) -> None:
    with open_gateway(ppc_settings(ppc), "ppc") as gateway:
        contracts = {c.point.name: c for c in gateway.contracts()}
    assert contracts["Bezug 15-Minuten"].point.taf == "7"
    assert contracts["Bezug Monat"].point.taf == "1"
    periods = contracts["Bezug Monat"].billing_periods
    assert periods[-1].end is None and all(p.end for p in periods[:-1])
    channels = contracts["Bezug Monat"].detail.database("origin").channels  # type: ignore[union-attr]
    assert {c.obis for c in channels} == {"0100010800ff", "0100020800ff"}
    assert {(c.scaler, c.unit) for c in channels} == {(-1, 30)}


def test_ppc_cancel_mid_readings_logs_out(ppc: PpcSimulator) -> None:
    token = CancelToken()

    def progress(step: Progress) -> None:
        if step.done == 4:  # meterform, showMeterValuesForm, two pages of values
            token.cancel()

    with pytest.raises(Cancelled), open_gateway(ppc_settings(ppc), "ppc") as gateway:
        gateway.readings(gateway.contracts()[0], datetime(2026, 10, 20, tzinfo=UTC),
                         datetime(2026, 10, 27, tzinfo=UTC), progress=progress, cancel=token)
    assert ppc.count("logout") == 1 and ppc.session is None
    assert ppc.count("showMeterValues") == 2  # the next page was never asked for


def test_ppc_gateway_error_mid_way_logs_out() -> None:
    with PpcSimulator(PpcConfig(max_rows=1)) as sim:
        with pytest.raises(GatewayError), open_gateway(ppc_settings(sim), "ppc") as gateway:
            gateway.readings(gateway.contracts()[0], *PPC_DAY)
        assert sim.count("logout") == 1 and sim.session is None and sim.login_attempts == 1


def test_ppc_error_in_the_caller_logs_out(ppc: PpcSimulator) -> None:
    def progress(step: Progress) -> None:
        raise RuntimeError("the progress display failed")

    with pytest.raises(RuntimeError), open_gateway(ppc_settings(ppc), "ppc") as gateway:
        gateway.logbook(*PPC_DAY, progress=progress)
    assert ppc.count("logout") == 1 and ppc.session is None


def test_cancel_before_a_call_sends_nothing(ppc: PpcSimulator) -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled), open_gateway(ppc_settings(ppc), "ppc") as gateway:
        sent = len(ppc.requests)
        try:
            gateway.contracts(cancel=token)
        finally:
            assert len(ppc.requests) == sent
    assert ppc.count("logout") == 1


def test_conexa_cancel_between_windows(sim) -> None:  # noqa: ANN001
    token = CancelToken()
    seen: list[Progress] = []

    def progress(step: Progress) -> None:
        seen.append(step)
        if len(seen) == 2:
            token.cancel()

    with open_gateway(settings_for(sim), "theben") as gateway:
        contract = next(c for c in gateway.contracts() if c.point.taf == "7")
        start = contract.point.start
        assert start is not None
        with pytest.raises(Cancelled):
            gateway.readings(contract, start, start + timedelta(days=100), progress=progress,
                             cancel=token)
    assert len(seen) == 2 and seen[-1].total > 2  # stopped long before the last window


def test_ppc_self_test_ends_the_session(ppc: PpcSimulator) -> None:
    with open_gateway(ppc_settings(ppc), "ppc") as gateway:
        gateway.self_test()
    assert ppc.self_tests == 1 and ppc.session is None
    assert ppc.count("logout") == 0  # the gateway reboots: nothing left to log out of
