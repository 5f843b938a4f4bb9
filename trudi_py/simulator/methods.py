"""The JSON methods of ``POST /smgw/m2m/<userid>/json``, answered from a :class:`GatewayData`.

Each handler takes the parsed request body and a :class:`MethodContext` and returns a
:class:`MethodResult` holding the method-specific part of the answer (the server adds
``method``, ``version`` and ``elapsed-time``). A bad parameter raises :class:`BadRequest`.
All values in answers are strings, except ``signature`` (may be null) and ``end-time``.
"""

from __future__ import annotations

import bisect
import copy
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from trudi_py.errors import MalformedAnswer
from trudi_py.model.times import BERLIN, UTC, format_utc, parse_time
from trudi_py.simulator import quirks as Q
from trudi_py.simulator.data import GatewayData, SimChannel, SimConsumer, SimLogEntry

MAX_LOG_COUNT = 1500
MAX_READINGS_SPAN = timedelta(days=31)
SELF_TEST_LOCK_S = 600
DATABASES = ("origin", "derived", "calculated", "daily")

_LOG_COMBINATIONS = {frozenset(c) for c in (
    (), ("fromtime",), ("totime",), ("fromtime", "totime"), ("fromindex",), ("count",),
    ("fromindex", "count"), ("fromtime", "count"), ("fromtime", "totime", "count"))}
_READINGS_KEYS = {"usage-point-id", "database", "channels", "last-reading", "fromtime",
                  "totime"}


class BadRequest(Exception):
    """The request is not understood: answered with 400 and the message."""


@dataclass
class SelfTestLock:
    """The gateway-wide self-test lock: 403 within ``SELF_TEST_LOCK_S`` of the last start."""

    lock_s: float = SELF_TEST_LOCK_S
    _last: float | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def try_start(self) -> int | None:
        """Start a self-test: None if started, else the remaining lock time in whole seconds."""
        with self._lock:
            now = time.monotonic()
            if self._last is not None and now - self._last < self.lock_s:
                return max(1, int(self.lock_s - (now - self._last) + 0.999))
            self._last = now
            return None

    def reset(self) -> None:
        """Forget the last self-test (for tests)."""
        with self._lock:
            self._last = None


@dataclass
class MethodContext:
    """Everything a method handler needs for one request."""

    data: GatewayData
    consumer: SimConsumer
    quirks: frozenset[str]
    now: datetime  # the gateway clock, aware UTC
    self_test: SelfTestLock
    data_lock: threading.Lock
    retention: timedelta | None = None  # values older than now - retention are gone

    @property
    def oldest(self) -> datetime | None:
        """The oldest moment the gateway still holds (None: everything)."""
        return None if self.retention is None else self.now - self.retention


@dataclass
class MethodResult:
    """The method-specific answer part, its status and extra headers."""

    payload: dict[str, Any]
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    records: int = 0  # values returned (for the latency model)


# --------------------------------------------------------------------------- formatting

def wire_time(moment: datetime, quirks: frozenset[str]) -> str:
    """A time as the gateway writes it: ``...Z``, or with ``plus-1-offsets`` the Berlin wall
    clock with a short offset (``2026-01-05T13:15:00+1:00``) — the same instant."""
    if Q.PLUS_1_OFFSETS not in quirks:
        if moment.tzinfo is not UTC:
            return format_utc(moment)
        # isoformat is several times faster than strftime; readings answers hold thousands
        return moment.isoformat(timespec="seconds")[:-6] + "Z"
    local = moment.astimezone(BERLIN)
    offset = local.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    return local.strftime("%Y-%m-%dT%H:%M:%S") + f"{sign}{hours}:{mins:02d}"


def _rewrite_time(value: Any, quirks: frozenset[str]) -> Any:
    if not isinstance(value, str) or not value:
        return value
    try:
        return wire_time(parse_time(value), quirks)
    except MalformedAnswer:
        return value


def _level(level: str, quirks: frozenset[str]) -> str:
    """Syslog level (data) → the spec table's 1 informational … 4 alert, unless syslog-levels."""
    if Q.SYSLOG_LEVELS in quirks or not level.strip().isdigit():
        return level
    value = int(level)
    return "4" if value <= 2 else "3" if value == 3 else "2" if value == 4 else "1"


# --------------------------------------------------------------------------- parameters

def _time_param(body: dict[str, Any], key: str) -> datetime | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadRequest(f"'{key}' must be a time string")
    try:
        return parse_time(value, key)
    except MalformedAnswer:
        raise BadRequest(f"'{key}' is not a valid time") from None


def _int_param(body: dict[str, Any], key: str) -> int | None:
    value = body.get(key)
    if value is None:
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise BadRequest(f"'{key}' must be a non-negative integer")
    return value


def _bool_param(body: dict[str, Any], key: str) -> bool:
    value = body.get(key, False)
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise BadRequest(f"'{key}' must be true or false")


def _usage_point(ctx: MethodContext, body: dict[str, Any]):
    upid = body.get("usage-point-id")
    if not isinstance(upid, str):
        raise BadRequest("'usage-point-id' missing")
    for point in ctx.consumer.usage_points:
        if point.usage_point_id == upid:
            return point
    raise BadRequest(f"unknown usage point {upid!r}")


def _database_param(body: dict[str, Any], required: bool) -> str | None:
    name = body.get("database")
    if name is None:
        if required:
            raise BadRequest("'database' missing")
        return None
    if name not in DATABASES:
        raise BadRequest(f"unknown database {name!r}")
    return name


# --------------------------------------------------------------------------- methods

def smgw_info(body: dict[str, Any], ctx: MethodContext) -> MethodResult:
    """``smgw-info``: identity, firmware, state word, clock (no zone) and certificates."""
    data = ctx.data
    wan = [{"cert-index": str(idx), "sig": sig.hex(), "sub-ca": sub_ca.hex()}
           for idx, sig, sub_ca in data.wan]
    info = {
        "certificates": {"han": {"tls": data.han_tls_pem.encode("ascii").hex()}, "wan": wan},
        "firmware-info": {"component": data.firmware_component,
                          "hash": data.firmware_hash, "version": data.firmware_version},
        "smgw-id": data.smgw_id,
        "smgw-state": data.smgw_state,
        "smgw-time": ctx.now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S"),
    }
    return MethodResult({"smgw-info": info})


def user_info(body: dict[str, Any], ctx: MethodContext) -> MethodResult:
    """``user-info``: the consumer's usage points exactly as the scenario wrote them."""
    points = [copy.deepcopy(p.user_info) for p in ctx.consumer.usage_points]
    if Q.PLUS_1_OFFSETS in ctx.quirks:
        for point in points:
            for key in ("start-time", "end-time"):
                point[key] = _rewrite_time(point.get(key), ctx.quirks)
            for period in point.get("billing-Periods", []) or []:
                for key in ("start-time", "end-time"):
                    period[key] = _rewrite_time(period.get(key), ctx.quirks)
    return MethodResult({"user-info": {"usage-points": points}})


def usage_point_info(body: dict[str, Any], ctx: MethodContext) -> MethodResult:
    """``usage-point-info``: databases/channels (optionally one database), emts, profile."""
    point = _usage_point(ctx, body)
    wanted = _database_param(body, required=False)
    databases = [{"channels": [{"obis": ch.obis, "scaler": str(ch.scaler),
                                "unit": str(ch.unit)} for ch in db.channels],
                  "database": db.name}
                 for db in point.databases if wanted is None or db.name == wanted]
    info = {
        "databases": databases,
        "emts": list(point.emts),
        "taf-profile": point.taf_profile_der.hex() if point.taf_profile_der else "",
        "transparency-bit": "true" if point.transparency_bit else "false",
        "usage-point-id": point.usage_point_id,
        "usage-point-name": str(point.user_info.get("usage-point-name", "")),
    }
    return MethodResult({"usage-point-info": info})


def log(body: dict[str, Any], ctx: MethodContext) -> MethodResult:
    """``log``: fromtime inclusive, totime exclusive, fromindex, count ≤ 1500."""
    keys = set(body) - {"method"}
    if frozenset(keys) not in _LOG_COMBINATIONS:
        raise BadRequest("parameter combination not allowed: " + ",".join(sorted(keys)))
    fromtime = _time_param(body, "fromtime")
    totime = _time_param(body, "totime")
    fromindex = _int_param(body, "fromindex")
    count = _int_param(body, "count")
    count = MAX_LOG_COUNT if count is None else min(count, MAX_LOG_COUNT)
    with ctx.data_lock:
        entries = ctx.consumer.log
        start = 0 if fromindex is None else bisect.bisect_left(
            entries, fromindex, key=lambda e: e.index)
        out: list[SimLogEntry] = []
        for entry in entries[start:]:
            if len(out) >= count:
                break
            if entry.time > ctx.now:
                continue
            if ctx.oldest is not None and entry.time < ctx.oldest:
                continue
            if fromtime is not None and entry.time < fromtime:
                continue
            if totime is not None and entry.time >= totime:
                continue
            out.append(entry)
    wire = [{"event-id": e.event_id, "event-sub-id": e.event_sub_id, "index": str(e.index),
             "level": _level(e.level, ctx.quirks), "message": e.message,
             "outcome": e.outcome, "subject-identity": e.subject_identity,
             "time": wire_time(e.time, ctx.quirks), "user-identity": e.user_identity,
             "vendor-id": e.vendor_id, "version": e.version} for e in out]
    return MethodResult({"log": {"entries": wire, "records": str(len(wire))}},
                        records=len(wire))


def _channel_filter(body: dict[str, Any]) -> set[str] | None:
    channels = body.get("channels")
    if channels is None:
        return None
    if not isinstance(channels, list):
        raise BadRequest("'channels' must be a list")
    wanted: set[str] = set()
    for item in channels:
        name = item.get("channel", item.get("obis")) if isinstance(item, dict) else item
        if not isinstance(name, str):
            raise BadRequest("'channels' entries need 'channel'")
        wanted.add(name.split(".", 1)[0].lower())
    return wanted


def _channel_name(channel: SimChannel, quirks: frozenset[str]) -> str:
    if Q.BARE_OBIS in quirks:
        return channel.obis
    meter = channel.meter_id.removesuffix(".sm")
    return f"{channel.obis}.{meter}.sm"


def readings(body: dict[str, Any], ctx: MethodContext) -> MethodResult:
    """``readings``: fromtime exclusive, totime inclusive, ≤ 31 days, or last-reading."""
    unknown = set(body) - _READINGS_KEYS - {"method"}
    if unknown:
        raise BadRequest("unknown parameter " + ",".join(sorted(unknown)))
    point = _usage_point(ctx, body)
    name = _database_param(body, required=True)
    database = next((db for db in point.databases if db.name == name), None)
    if database is None:
        raise BadRequest(f"usage point has no database {name!r}")
    wanted = _channel_filter(body)
    last = _bool_param(body, "last-reading")
    fromtime = _time_param(body, "fromtime")
    totime = _time_param(body, "totime")
    if not last:
        if fromtime is None or totime is None:
            raise BadRequest("'fromtime' and 'totime' required")
        if totime < fromtime:
            raise BadRequest("'totime' before 'fromtime'")
        if totime - fromtime > MAX_READINGS_SPAN:
            raise BadRequest("time range over 31 days")
    def key(r):
        return r.target_time
    channels_out = []
    total = 0
    for channel in database.channels:
        if wanted is not None and channel.obis not in wanted:
            continue
        values = channel.readings
        visible = bisect.bisect_right(values, ctx.now, key=key)
        if last:
            chosen = values[visible - 1:visible] if visible else []
        else:
            lo = bisect.bisect_right(values, fromtime, key=key)
            if ctx.oldest is not None:
                lo = max(lo, bisect.bisect_left(values, ctx.oldest, key=key))
            hi = min(visible, bisect.bisect_right(values, totime, key=key))
            chosen = values[lo:hi] if hi > lo else []
        total += len(chosen)
        channels_out.append({
            "obis": _channel_name(channel, ctx.quirks),
            "readings": [{"capture-time": wire_time(r.capture_time, ctx.quirks),
                          "cosem-status": r.cosem_status, "meter-status": r.meter_status,
                          "owner-number": channel.owner_number, "signature": r.signature,
                          "smgw-status": r.smgw_status,
                          "target-time": wire_time(r.target_time, ctx.quirks),
                          "value": str(r.value)} for r in chosen]})
    return MethodResult({"readings": {"channels": channels_out, "records": str(total)}},
                        records=total)


def self_test(body: dict[str, Any], ctx: MethodContext) -> MethodResult:
    """``self-test``: starts at once; the result entry is appended to the consumer's logbook
    immediately (event THE 19020.0); then 403 with ``Retry-After`` for 600 s."""
    remaining = ctx.self_test.try_start()
    if remaining is not None:
        return MethodResult({"error": "self-test locked"}, status=403,
                            headers={"Retry-After": str(remaining)})
    with ctx.data_lock:
        log_list = ctx.consumer.log
        index = (log_list[-1].index + 1) if log_list else 1
        moment = max(ctx.now, log_list[-1].time) if log_list else ctx.now
        log_list.append(SimLogEntry(
            index=index, time=moment, level="6", event_id="19020", event_sub_id="0",
            vendor_id="THE", outcome="0",
            message="Selbsttest erfolgreich abgeschlossen: alle Prüfungen bestanden.",
            subject_identity=f"{ctx.data.smgw_id}.sm", user_identity=ctx.consumer.userid))
    return MethodResult({})


HANDLERS: dict[str, Callable[[dict[str, Any], MethodContext], MethodResult]] = {
    "smgw-info": smgw_info,
    "user-info": user_info,
    "usage-point-info": usage_point_info,
    "log": log,
    "readings": readings,
    "self-test": self_test,
    "selfTest": self_test,
}
