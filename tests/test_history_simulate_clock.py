"""``trudi-py simulate --now --retention --clock-step`` (issue 18): the headless simulator
advances its clock in steps and forgets values older than the retention; a history synced
before and after a step is longer than what the gateway still holds."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from helpers import stop_process

from trudi_py.cli.local_commands import parse_duration
from trudi_py.errors import UsageError
from trudi_py.history import HistoryStore
from trudi_py.jobs.sync import sync
from trudi_py.m2m import ConnectionSettings, GatewayClient
from trudi_py.model.times import parse_time


def test_simulate_clock_steps_and_retention(tmp_path: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "trudi_py", "simulate", "--state-dir",
                             str(tmp_path / "sim"), "--now", "2026-09-28T12:07:00Z",
                             "--retention", "20d", "--clock-step", "15d", "--step-every", "6",
                             "--steps", "1"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        url, pin = re.search(r"listening on (\S+) sha256:(\w+)", proc.stdout.readline()).groups()
        user, password = re.search(r"digest user (\S+) password (\S+)",
                                   proc.stdout.readline()).groups()
        settings = ConnectionSettings(url=url, user=user, password=password, pin=pin,
                                      timeout_s=20.0)
        db = tmp_path / "h.sqlite"
        first = sync(settings, store=db, force=True)  # at the start time
        assert first.gateway_time is not None
        assert abs(first.gateway_time - parse_time("2026-09-28T12:07:00Z")) < timedelta(
            seconds=10)
        line = proc.stdout.readline()
        while not line.startswith("clock "):
            line = proc.stdout.readline()
        assert line.startswith("clock 2026-10-13T12:07") and "(step 1 of 1)" in line
        with GatewayClient(settings) as client:
            client.connect()
            moment = client.smgw_info().time
        assert timedelta(days=15) <= moment - first.gateway_time < timedelta(days=15, minutes=1)
        second = sync(settings, store=db, force=True)
        assert second.status == "ok" and second.gaps_permanent == 0
    finally:
        code = stop_process(proc)
    assert code in (0, None)
    with HistoryStore(db) as store:
        oldest = store.conn.execute("SELECT MIN(target_time) FROM readings WHERE "
                                    "database='origin'").fetchone()[0]
    # the store begins where the gateway's memory began at the first sync: 35 days of
    # history from a gateway that keeps 20
    assert parse_time(oldest) < moment - timedelta(days=34)


@pytest.mark.parametrize("text, want", [("2d", timedelta(days=2)), ("6h", timedelta(hours=6)),
                                        ("90m", timedelta(minutes=90)), ("40", timedelta(days=40))])
def test_durations(text: str, want: timedelta) -> None:
    assert parse_duration(text) == want


@pytest.mark.parametrize("text", ["", "0d", "-1d", "2w", "x"])
def test_bad_durations_are_usage_errors(text: str) -> None:
    with pytest.raises(UsageError, match="duration"):
        parse_duration(text)
