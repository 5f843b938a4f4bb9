"""Shared by the PPC tests: the connection settings for the PPC simulator's default user."""

from __future__ import annotations

from trudi_py.m2m.settings import ConnectionSettings
from trudi_py.simulator.ppc import PpcSimulator

USER, PASSWORD = "han-user", "demo-ppc-password"


def settings(sim: PpcSimulator, user: str = USER, password: str = PASSWORD
             ) -> ConnectionSettings:
    """Digest login with the simulator's certificate pinned."""
    return ConnectionSettings(sim.url, user=user, password=password, pin=sim.fingerprint,
                              timeout_s=20)
