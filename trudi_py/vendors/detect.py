"""Which vendor a gateway is, from its id: ``E`` + 3-letter maker code + 10 digits."""

from __future__ import annotations

import re
from typing import Literal

Vendor = Literal["theben", "ppc"]

_ID = re.compile(r"^E([A-Z]{3})(\d{10})$")
#: A gateway id anywhere in a text (a certificate's subject names it in the CN).
GATEWAY_ID = re.compile(r"E[A-Z]{3}\d{10}", re.IGNORECASE)
#: Maker codes (FLAG) of the vendors trudi_py speaks to.
MAKERS: dict[str, Vendor] = {"THE": "theben", "PPC": "ppc"}


def vendor_from_gateway_id(gateway_id: str) -> Vendor | None:
    """``"EPPC0000012345"`` → ``"ppc"``, ``"ethe0300004261"`` → ``"theben"``; None for a
    well-formed id of another maker or a malformed id (then the caller probes or asks)."""
    match = _ID.match(gateway_id.strip().upper())
    if match is None:
        return None
    return MAKERS.get(match.group(1))


def gateway_id_in(text: str) -> str:
    """The first gateway id in ``text`` (e.g. a certificate subject), upper case; "" if none."""
    match = GATEWAY_ID.search(text or "")
    return match.group(0).upper() if match else ""
