"""Contracts: usage points (`user-info`) and their detail (`usage-point-info`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from trudi_py.errors import MalformedAnswer
from trudi_py.i18n import msg
from trudi_py.model import fields as f
from trudi_py.model.times import parse_optional_time, parse_time
from trudi_py.model.units import Obis, unit_name

DATABASES = ("origin", "derived", "calculated", "daily")


def _entries(data: Mapping[str, Any], key: str, path: str) -> list[tuple[str, Mapping]]:
    out = []
    for i, entry in enumerate(f.lst(data, key, path, default=[])):
        ep = f"{path}.{key}[{i}]"
        if not isinstance(entry, Mapping):
            raise MalformedAnswer(msg("Field '{ep}' is not an object.", ep=ep), field=ep)
        out.append((ep, entry))
    return out


@dataclass(frozen=True)
class BillingPeriod:
    """One billing period of a contract: ``start`` to ``end`` (None: still open)."""

    start: datetime
    end: datetime | None


@dataclass(frozen=True)
class UsagePoint:
    """One contract (tariff use case) of the consumer, as ``user-info`` lists it."""

    usage_point_id: str
    name: str
    taf: str
    state: str
    start: datetime | None
    end: datetime | None
    capture_time: str
    meters: tuple[str, ...]
    metering_point_id: str
    delivery_id: str
    on_demand_profile: bool
    billing_periods: tuple[BillingPeriod, ...]

    @property
    def keeps_history(self) -> bool:
        """TAF-9, TAF-10 and TAF-14 keep no values; only TAF-9/10 have a current value."""
        return self.taf not in ("9", "10", "14")

    @classmethod
    def from_json(cls, entry: Mapping[str, Any], path: str) -> UsagePoint:
        """One entry of ``user-info``'s usage points; MalformedAnswer names ``path``."""
        periods = []
        for ep, bp in _entries(entry, "billing-Periods", path) or _entries(
                entry, "billing-periods", path):
            start = parse_time(f.text(bp, "start-time", ep), f"{ep}.start-time")
            periods.append(BillingPeriod(start, parse_optional_time(
                f.opt_text(bp, "end-time", ep), f"{ep}.end-time")))
        return cls(
            usage_point_id=f.text(entry, "usage-point-id", path),
            name=f.text(entry, "usage-point-name", path, default=""),
            taf=f.text(entry, "taf-number", path, default=""),
            state=f.text(entry, "taf-state", path, default=""),
            start=parse_optional_time(f.opt_text(entry, "start-time", path), f"{path}.start-time"),
            end=parse_optional_time(f.opt_text(entry, "end-time", path), f"{path}.end-time"),
            capture_time=f.text(entry, "capture-time", path, default=""),
            meters=tuple(f.text(m, "meter-id", ep) for ep, m in _entries(entry, "meter", path)),
            metering_point_id=f.text(entry, "metering-point-id", path, default=""),
            delivery_id=f.text(entry, "delivery-id", path, default=""),
            on_demand_profile=f.boolean(entry, "on-demand-profile-configured", path,
                                        default=False),
            billing_periods=tuple(periods),
        )


def parse_user_info(answer: Mapping[str, Any]) -> list[UsagePoint]:
    """The usage points of a whole ``user-info`` answer."""
    info = f.obj(answer, "user-info")
    return [UsagePoint.from_json(e, ep) for ep, e in _entries(info, "usage-points", "user-info")]


@dataclass(frozen=True)
class Channel:
    """One channel of a database: OBIS, scaler (power of ten) and DLMS unit code."""

    obis: str  # 12 lower-case hex digits
    scaler: int
    unit: int

    @property
    def unit_name(self) -> str:
        """The DLMS unit's symbol (``Wh``) or ``unit N`` when unknown."""
        return unit_name(self.unit)

    @property
    def label(self) -> str:
        """``1.8.0 (Wh)`` for tables and charts."""
        try:
            short = Obis.parse(self.obis).short
        except ValueError:
            short = self.obis
        return f"{short} ({self.unit_name})"


@dataclass(frozen=True)
class Database:
    """One database of a usage point (``origin``, ``daily``, ...) and its channels."""

    name: str
    channels: tuple[Channel, ...]


@dataclass(frozen=True)
class UsagePointInfo:
    """The ``usage-point-info`` answer: databases with channels, TAF profile, flags."""

    usage_point_id: str
    name: str
    databases: tuple[Database, ...]
    emts: tuple[str, ...]
    taf_profile: bytes | None  # DER of the CMS signed-data container
    transparency_bit: bool

    def database(self, name: str) -> Database | None:
        """The database called ``name``, None when the usage point has none."""
        return next((d for d in self.databases if d.name == name), None)

    def channel(self, database: str, obis: str) -> Channel | None:
        """Scaler and unit of ``obis`` in ``database``, None when not listed."""
        db = self.database(database)
        if db is None:
            return None
        return next((c for c in db.channels if c.obis == obis), None)

    @classmethod
    def from_json(cls, answer: Mapping[str, Any]) -> UsagePointInfo:
        """Parse a ``usage-point-info`` answer; MalformedAnswer names the field."""
        p = "usage-point-info"
        info = f.obj(answer, p)
        dbs = []
        for dp, db in _entries(info, "databases", p):
            channels = []
            for cp, ch in _entries(db, "channels", dp):
                obis = f.text(ch, "obis", cp).split(".", 1)[0]
                try:
                    obis = Obis.parse(obis).hex
                except ValueError:
                    raise MalformedAnswer(msg("Field '{cp}.obis' is not an OBIS code ({obis!r}).",
                                              cp=cp, obis=obis),
                                          field=f"{cp}.obis") from None
                channels.append(Channel(obis, f.integer(ch, "scaler", cp, default=0),
                                        f.integer(ch, "unit", cp, default=255)))
            dbs.append(Database(f.text(db, "database", dp), tuple(channels)))
        profile_hex = f.text(info, "taf-profile", p, default="").strip()
        profile = None
        if profile_hex:
            try:
                profile = bytes.fromhex(profile_hex)
            except ValueError:
                raise MalformedAnswer(msg("Field 'usage-point-info.taf-profile' is not hex."),
                                      field=f"{p}.taf-profile") from None
        return cls(
            usage_point_id=f.text(info, "usage-point-id", p, default=""),
            name=f.text(info, "usage-point-name", p, default=""),
            databases=tuple(dbs),
            emts=tuple(str(e) for e in f.lst(info, "emts", p, default=[])),
            taf_profile=profile,
            transparency_bit=f.boolean(info, "transparency-bit", p, default=False),
        )
