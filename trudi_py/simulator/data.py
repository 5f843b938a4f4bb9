"""What a simulated gateway knows: the contract between the scenarios and the HTTPS server.

A scenario (``scenarios.py``) builds a :class:`GatewayData`; the server (``server.py``)
answers the IF_GW_CON methods from it. Values are kept as the gateway would send them
(strings) where that matters, times as aware UTC datetimes. Tests use the same object as the
"truth" to compare the client's results against.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class SimReading:
    """One stored value of one channel."""

    target_time: datetime  # UTC, aware
    capture_time: datetime  # UTC, aware (a few seconds before target_time)
    value: int  # raw register value (sent as a string)
    smgw_status: str = "a0000000"  # 8 hex digits, FNN order as sent
    meter_status: str = "208c3800"  # 8 hex digits, FNN order as sent
    signature: str | None = None  # 128 hex digits or None

    @property
    def cosem_status(self) -> str:
        """The 16 hex digits the gateway sends: SMGW status then meter status."""
        return self.smgw_status + self.meter_status


@dataclass
class SimChannel:
    """One register of a simulated meter with its stored readings."""
    obis: str  # 12 lower-case hex digits
    scaler: int
    unit: int  # DLMS unit code
    meter_id: str  # used for the qualified name <obis>.<meter_id>.sm
    owner_number: str  # e.g. "1lgz0000012345.sm" (meter values) or "taf1-1.sm"
    readings: list[SimReading] = field(default_factory=list)  # sorted by target_time


@dataclass
class SimDatabase:
    """One of a contract's databases (origin, derived, calculated, daily)."""
    name: str  # origin | derived | calculated | daily
    channels: list[SimChannel] = field(default_factory=list)


@dataclass
class SimUsagePoint:
    """One contract: its `user-info` entry (already in wire form) and its databases."""

    usage_point_id: str
    user_info: dict[str, Any]  # the exact `user-info.usage-points[]` entry (all strings)
    databases: list[SimDatabase] = field(default_factory=list)
    emts: list[str] = field(default_factory=list)
    taf_profile_der: bytes | None = None  # CMS signed-data (DER) of the TAF profile
    transparency_bit: bool = True

    @property
    def taf(self) -> str:
        """The contract's tariff use case number as sent."""
        return str(self.user_info.get("taf-number", ""))


@dataclass(frozen=True, slots=True)
class SimLogEntry:
    """One simulated logbook entry (wire fields, time in UTC)."""
    index: int
    time: datetime  # UTC
    level: str  # syslog scale as string, e.g. "6"
    event_id: str
    event_sub_id: str
    vendor_id: str  # "BSI" | "THE"
    outcome: str
    message: str
    subject_identity: str
    user_identity: str
    version: str = "1"


@dataclass
class SimConsumer:
    """A consumer profile: how it logs in and what it may see."""

    userid: str  # e.g. "01005e318011.consumer1.sm"
    user: str  # Digest user name
    password: str  # Digest password (demo credential, printed by `simulate`)
    client_cert_sha256: str | None = None  # fingerprint of its client certificate, if any
    p12_path: str | None = None  # demo .p12 written into the state dir
    p12_password: str | None = None
    usage_points: list[SimUsagePoint] = field(default_factory=list)
    log: list[SimLogEntry] = field(default_factory=list)  # sorted by index


@dataclass
class GatewayData:
    """Everything a simulated gateway serves: identity, firmware, consumers with their data."""
    smgw_id: str  # e.g. "ethe0300004261"
    firmware_component: str
    firmware_version: str
    firmware_hash: str
    smgw_state: str  # 8 hex digits
    han_tls_pem: str  # the server's own TLS certificate (PEM text)
    wan: list[tuple[str, bytes, bytes]]  # (cert-index, sig DER, sub-ca DER)
    consumers: list[SimConsumer]
    interface_version: str = "1.3.0"

    def consumer(self, userid: str) -> SimConsumer | None:
        """The consumer with this userid, or None."""
        return next((c for c in self.consumers if c.userid == userid), None)
