"""Shared by the PPC tests: the connection settings for the PPC simulator's default user."""

from __future__ import annotations

from trudi_py.m2m.settings import ConnectionSettings
from trudi_py.simulator.ppc import PpcSimulator, PpcVariant

USER, PASSWORD = "han-user", "demo-ppc-password"


def settings(sim: PpcSimulator, user: str = USER, password: str = PASSWORD
             ) -> ConnectionSettings:
    """Digest login with the simulator's certificate pinned."""
    return ConnectionSettings(sim.url, user=user, password=password, pin=sim.fingerprint,
                              timeout_s=20)


#: Every value of every guess appears in at least one variant.
VARIANTS = [
    PpcVariant("refuse", "accept", "refuse", "double", "set"),
    PpcVariant("replace", "refuse", "accept", "single", "set"),
    PpcVariant("refuse", "refuse", "accept", "double", "none"),
    PpcVariant("replace", "accept", "refuse", "single", "none"),
]
IDS = [f"{v.second_login}-tkn_{v.missing_tkn}-mid_{v.dropdown_mid}-{v.quoting}"
       f"-cookie_{v.session_cookie}" for v in VARIANTS]
