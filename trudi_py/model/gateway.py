"""Gateway information (`smgw-info`)."""

from __future__ import annotations

import binascii
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from trudi_py.errors import MalformedAnswer
from trudi_py.i18n import msg
from trudi_py.model import fields as f
from trudi_py.model.status import GATEWAY_FLAGS, reverse32
from trudi_py.model.times import parse_time


@dataclass(frozen=True)
class FirmwareInfo:
    """Firmware component and version as ``smgw-info`` reports them."""

    component: str
    version: str
    hash: str

    @property
    def numbers(self) -> tuple[int, ...] | None:
        """The version as numbers (``"v3.87.0-cc"`` → (3, 87, 0)); None if it has none.
        Versions are compared this way, never as whole strings."""
        return firmware_numbers(self.version)

    @property
    def self_test_interval_h(self) -> int | None:
        """Hours between automatic self-tests: 24 from v3.87 (handbook v2.13.0), 4 before
        (older handbook); None when the version is not readable."""
        return self_test_interval_h(self.version)


def firmware_numbers(version: str) -> tuple[int, ...] | None:
    """``"v3.87.0-cc"`` → (3, 87, 0); ``"3.80"`` → (3, 80); None without digits."""
    match = re.search(r"(\d+(?:\.\d+)*)", version or "")
    return tuple(int(x) for x in match.group(1).split(".")) if match else None


#: From this firmware on the automatic self-test runs every 24 hours (handbook v2.13.0).
SELF_TEST_24H_FROM = (3, 87)


def self_test_interval_h(version: str) -> int | None:
    """24 for firmware >= v3.87, 4 for older firmware, None if unreadable."""
    numbers = firmware_numbers(version)
    if numbers is None:
        return None
    return 24 if numbers >= SELF_TEST_24H_FROM else 4


@dataclass(frozen=True)
class WanCertificate:
    """One entry of ``certificates.wan``: the signing certificate and its Sub-CA, DER."""

    cert_index: str
    sig_der: bytes
    sub_ca_der: bytes


@dataclass(frozen=True)
class GatewayInfo:
    """The ``smgw-info`` answer: gateway id, firmware, time, WAN certificates."""

    smgw_id: str
    firmware: FirmwareInfo
    state: str  # 8 hex digits as sent
    time: datetime  # UTC
    han_tls_pem: str  # PEM text of the HAN TLS certificate ("" if absent)
    wan: tuple[WanCertificate, ...] = field(default_factory=tuple)
    version: str = ""  # interface version of the answer

    @property
    def display_id(self) -> str:
        """The id as printed for users: upper case (``ETHE0300004261``)."""
        return self.smgw_id.upper()

    @property
    def state_flags(self) -> list[str]:
        """Names of the set bits of the state word (FNN order, like a reading's gateway word)."""
        try:
            word = reverse32(int(self.state, 16))
        except ValueError:
            return ["unreadable"]
        names = [name for bit, name in GATEWAY_FLAGS.items() if word & bit]
        if (word & 0x5) != 0x5:
            names.append("identification-missing")
        return names

    @classmethod
    def from_json(cls, answer: Mapping[str, Any]) -> GatewayInfo:
        """From the whole ``smgw-info`` answer."""
        info = f.obj(answer, "smgw-info")
        p = "smgw-info"
        fw = f.obj(info, "firmware-info", p)
        certs = info.get("certificates") or {}
        if not isinstance(certs, Mapping):
            raise MalformedAnswer(msg("Field 'smgw-info.certificates' is not an object."),
                                  field="smgw-info.certificates")
        han_pem = ""
        han = certs.get("han")
        if isinstance(han, Mapping) and han.get("tls"):
            han_pem = _hex_to_bytes(f.text(han, "tls", f"{p}.certificates.han"),
                                    f"{p}.certificates.han.tls").decode("ascii", "replace")
        wan = []
        for i, entry in enumerate(f.lst(certs, "wan", f"{p}.certificates", default=[])):
            ep = f"{p}.certificates.wan[{i}]"
            if not isinstance(entry, Mapping):
                raise MalformedAnswer(msg("Field '{ep}' is not an object.", ep=ep), field=ep)
            wan.append(WanCertificate(
                cert_index=f.text(entry, "cert-index", ep, default=str(i)),
                sig_der=_hex_to_bytes(f.text(entry, "sig", ep, default=""), f"{ep}.sig"),
                sub_ca_der=_hex_to_bytes(f.text(entry, "sub-ca", ep, default=""),
                                         f"{ep}.sub-ca")))
        return cls(
            smgw_id=f.text(info, "smgw-id", p),
            firmware=FirmwareInfo(component=f.text(fw, "component", f"{p}.firmware-info",
                                                   default=""),
                                  version=f.text(fw, "version", f"{p}.firmware-info"),
                                  hash=f.text(fw, "hash", f"{p}.firmware-info", default="")),
            state=f.hex_text(info, "smgw-state", p, default=""),
            time=parse_time(f.text(info, "smgw-time", p), f"{p}.smgw-time"),
            han_tls_pem=han_pem,
            wan=tuple(wan),
            version=f.text(answer, "version", default=""),
        )


def _hex_to_bytes(value: str, path: str) -> bytes:
    try:
        return binascii.unhexlify(value.strip())
    except (binascii.Error, ValueError):
        raise MalformedAnswer(msg("Field '{path}' is not hex-encoded.", path=path),
                              field=path) from None
