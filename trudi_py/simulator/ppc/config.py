"""Configuration of the simulated PPC portal; GUESS items of PPC_HAN.md are switches."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

PPC_SMGW_ID = "EPPC0000012345"  # format E + 3 letters + 10 digits (PPC_HAN.md §1 example)
FIRMWARE = "00950-34900"  # footer value seen in the field (PPC_HAN.md §4)


@dataclass(frozen=True)
class PpcVariant:
    """What the evidence does not settle (PPC_HAN.md: GUESS); every value is tested.

    - ``second_login``: a login while another session is active is refused (the active one
      stays) or replaces it (the old cookie then meets "Sitzung abgelaufen").
    - ``missing_tkn``: a POST without ``tkn`` is accepted (py-ppc-smgw sends none) or refused
      with "Unerlaubter Zugriff.".
    - ``dropdown_mid``: the ``mid`` of the meter dropdown is accepted by showMeterValues, or
      only the fresh ``mid`` of showMeterValuesForm is.
    - ``quoting``: attributes in double quotes (synthetic fixtures) or single quotes ([LU]);
      the single-quote pages also use a different column order and HTML entities.
    - ``session_cookie``: the welcome page sets ``session`` (most reports) or no cookie at
      all, the session then riding on Digest alone (PR#142's reading of [I#136]).
    """

    second_login: Literal["refuse", "replace"] = "refuse"
    missing_tkn: Literal["accept", "refuse"] = "accept"
    dropdown_mid: Literal["accept", "refuse"] = "refuse"
    quoting: Literal["double", "single"] = "double"
    session_cookie: Literal["set", "none"] = "set"


@dataclass(frozen=True)
class PpcUser:
    """One HAN user of the portal and the registers it may see (PPC_HAN.md §5: often one
    user per direction)."""

    name: str
    password: str
    obis: tuple[str, ...] = ("1-0:1.8.0", "1-0:2.8.0")


def _default_users() -> tuple[PpcUser, ...]:
    return (PpcUser("han-user", "demo-ppc-password"),
            PpcUser("han-bezug", "demo-ppc-bezug", ("1-0:1.8.0",)),
            PpcUser("han-einspeisung", "demo-ppc-einspeisung", ("1-0:2.8.0",)))


@dataclass
class PpcConfig:
    """How the simulated portal behaves. Times of the data are UTC, aware."""

    start: datetime = datetime(2026, 10, 20, tzinfo=UTC)
    end: datetime = datetime(2026, 10, 28, tzinfo=UTC)
    seed: int = 1
    smgw_id: str = PPC_SMGW_ID
    firmware: str = FIRMWARE
    meter_id: str = "1lgz0072999211"
    users: tuple[PpcUser, ...] = field(default_factory=_default_users)
    variant: PpcVariant = PpcVariant()
    page_size: int = 100  # GUESS: rows per page
    max_rows: int = 1000  # GUESS: more rows than this → "… 1000 erlaubt."
    lock_after: int = 3  # GUESS: failed logins in a row that lock the portal
    lock_s: int = 300  # about 5 min ([I#136])
    session_timeout_s: int = 300  # GUESS
    curve: str = "prime256v1"  # the one TLS curve served (and of the certificate)
    export_delay_s: float = 0.0  # the exports read the meter over the LMN: slow ([PY])
    register_offset: int = 0  # 0.1 Wh added to the tariff registers (a portal that disagrees)
    #: an export of a range without values: an empty body, or an error page (GUESS)
    empty_export: Literal["empty", "error"] = "empty"
    #: the further exports offered (PPC_HAN.md §4: evidenced actions, XML of two a GUESS)
    exports: frozenset[str] = frozenset({"exportLogData", "exportTariffProfile",
                                         "exportCommProfile"})
    clock: Callable[[], float] = time.time  # injectable for lock/session tests
    host: str = "127.0.0.1"
    port: int = 0  # 0 = a free port
