"""``trudi-py simulate --gateway ppc`` / ``demo --gateway ppc --no-gui``: the PPC portal
double served until Ctrl-C, with its users and the commands to try printed."""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from typing import TextIO

from trudi_py.simulator.ppc.config import PpcConfig
from trudi_py.simulator.ppc.server import PpcSimulator
from trudi_py.simulator.server import stop_on_signals

#: Days of meter values the CLI's PPC double serves, ending now.
RECENT_DAYS = 14


def recent_config(port: int = 0, seed: int = 1, days: int = RECENT_DAYS) -> PpcConfig:
    """A portal whose values run from ``days`` ago (local midnight in UTC terms) to now."""
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    now -= timedelta(minutes=now.minute % 15)
    start = (now - timedelta(days=days)).replace(hour=0, minute=0)
    return PpcConfig(start=start, end=now, seed=seed, port=port)


def describe(sim: PpcSimulator, out: TextIO, *, commands: bool) -> None:
    """The URL line (``listening on URL sha256:HEX``), the users, optionally commands."""
    out.write(f"listening on {sim.url} sha256:{sim.fingerprint}\n")
    for user in sim.config.users:
        out.write(f"ppc user {user.name}: password {user.password} "
                  f"registers {','.join(user.obis)}\n")
    if commands:
        user = sim.config.users[0]
        pin = f"--pin sha256:{sim.fingerprint}"
        out.write(f"  export TRUDI_URL={sim.url}\n  export TRUDI_PASSWORD={user.password}\n")
        for command in ("info", "contracts", "log"):
            out.write(f"  trudi-py {command} --user {user.name} {pin}\n")
        out.write(f"  trudi-py readings 27 --user {user.name} {pin} --from YYYY-MM-DD\n")
    out.flush()


def serve_forever(config: PpcConfig, out: TextIO = sys.stdout, *,
                  commands: bool = False) -> int:
    """Run the PPC double until SIGINT/SIGTERM; exit code 0."""
    with stop_on_signals() as stop, PpcSimulator(config) as sim:
        describe(sim, out, commands=commands)
        while not stop.wait(0.5):
            pass
    return 0
