"""CLI commands that talk to a gateway: info, contracts, readings, log, self-test."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from trudi_py.archive.csvformat import READING_COLUMNS, LOG_COLUMNS, log_rows, reading_rows, \
    write_csv
from trudi_py.cli.connect import open_client
from trudi_py.cli.output import emit_json, info_json, log_json, readings_json, usage_point_json
from trudi_py.errors import SelfTestLocked, UsageError
from trudi_py.m2m.pinning import fingerprint
from trudi_py.model import parse_user_info
from trudi_py.model.certificate import read_certificate
from trudi_py.model.contracts import DATABASES
from trudi_py.model.gateway import self_test_text
from trudi_py.model.logbook import SYSLOG_LEVELS
from trudi_py.model.times import format_local, format_utc, parse_user_time

_ONE_S = timedelta(seconds=1)


def cmd_info(args: argparse.Namespace) -> int:
    with open_client(args) as client:
        info = client.smgw_info()
        tls = fingerprint(client.pin.last_der)
        if args.json:
            emit_json(info_json(info, tls, client.userid or ""))
            return 0
        drift = (info.time - datetime.now(timezone.utc)).total_seconds()
        print(f"Gateway:        {info.display_id}")
        print(f"Firmware:       {info.firmware.component} {info.firmware.version}")
        print(f"Firmware hash:  {info.firmware.hash}")
        print(f"Self-test:      automatic {self_test_text(info.firmware.version)}")
        print(f"State word:     {info.state} ({', '.join(info.state_flags) or 'no flags'})")
        if "system-time-invalid" in info.state_flags:
            print("                the gateway's clock is invalid: it may be in Secure State "
                  "Measurement (readings meanwhile are marked; inform your meter operator)")
        print(f"Gateway time:   {format_local(info.time)} (Europe/Berlin), "
              f"drift {drift:+.0f} s against this PC")
        print(f"Userid:         {client.userid}")
        print(f"TLS SHA-256:    {tls}")
        for line in han_certificate_lines(info.han_tls_pem, tls):
            print(line)
        print(f"WAN certificates: {', '.join(w.cert_index for w in info.wan) or 'none'}")
    return 0


def han_certificate_lines(pem: str, tls_sha256: str) -> list[str]:
    """The HAN certificate smgw-info reports: subject, serial, validity, key, and whether it
    is the one this connection was pinned to (read also when ``cryptography`` refuses it)."""
    facts = read_certificate(pem)
    if facts is None:
        return ["HAN certificate: not reported or not readable"]
    same = "the one this connection uses" if facts.sha256 == tls_sha256 else \
        "DIFFERS from the one this connection uses"
    return [f"HAN certificate: {facts.subject}",
            f"  serial {facts.serial} ({facts.serial_hex}), {facts.key_type}",
            f"  valid {format_local(facts.not_before) if facts.not_before else '?'} to "
            f"{format_local(facts.not_after) if facts.not_after else '?'} (Europe/Berlin)",
            f"  SHA-256 {facts.sha256} — {same}"]


def cmd_contracts(args: argparse.Namespace) -> int:
    with open_client(args) as client:
        answer = client.call({"method": "user-info"})
        points = parse_user_info(answer)
        raws = answer["user-info"]["usage-points"]
        details = {p.usage_point_id: client.usage_point_info(p.usage_point_id)
                   for p in points}
    if args.json:
        emit_json({"usage-points": [usage_point_json(raw, p, details[p.usage_point_id])
                                    for raw, p in zip(raws, points)]})
        return 0
    for p in points:
        end = format_local(p.end) if p.end else "open"
        start = format_local(p.start) if p.start else "?"
        print(f"{p.usage_point_id}  TAF-{p.taf} '{p.name}' {p.state}, {start} – {end}")
        print(f"    meters: {', '.join(p.meters) or '-'}  metering point: "
              f"{p.metering_point_id or '-'}  delivery: {p.delivery_id or '-'}")
        for db in details[p.usage_point_id].databases:
            chans = ", ".join(c.label for c in db.channels)
            print(f"    {db.name}: {chans}")
        if p.billing_periods:
            print(f"    billing periods: {len(p.billing_periods)}")
    return 0


def _range(args: argparse.Namespace, default_start: datetime | None,
           default_end: datetime) -> tuple[datetime, datetime]:
    try:
        start = parse_user_time(args.from_) if args.from_ else default_start
        end = parse_user_time(args.to, end=True) if args.to else default_end
    except ValueError as exc:
        raise UsageError(f"Bad date: {exc}.", f"Ungültiges Datum: {exc}.") from None
    if start is None:
        raise UsageError("The contract has no start time: give --from.",
                         "Der Vertrag hat keinen Beginn: --from angeben.")
    if end < start:
        raise UsageError("--to lies before --from.", "--to liegt vor --from.")
    return start, end


def cmd_readings(args: argparse.Namespace) -> int:
    if args.database not in DATABASES:
        raise UsageError(f"Unknown database {args.database!r}: use one of "
                         f"{', '.join(DATABASES)}.", f"Unbekannte Datenbank {args.database!r}.")
    with open_client(args) as client:
        points = {p.usage_point_id: p for p in client.user_info()}
        point = points.get(args.usage_point) or next(
            (p for p in points.values() if p.name == args.usage_point), None)
        if point is None:
            raise UsageError(f"Unknown usage point {args.usage_point!r}; known: "
                             f"{', '.join(points) or 'none'}.",
                             f"Unbekannter Vertrag {args.usage_point!r}.")
        detail = client.usage_point_info(point.usage_point_id, args.database)
        db = detail.database(args.database)
        meta = {c.obis: c for c in db.channels} if db else {}
        if args.last:
            channels = list(client.last_reading(point.usage_point_id, args.database).channels)
        else:
            now = datetime.now(timezone.utc)
            default_end = min(point.end, now) if point.end else now
            start, end = _range(args, point.start, default_end)
            channels = client.readings(point.usage_point_id, args.database, start, end)
    if args.json:
        emit_json(readings_json(point.usage_point_id, args.database, channels, meta))
        return 0
    rows = reading_rows(channels, meta)
    if args.out:
        with open(args.out, "w", encoding="utf-8", newline="") as out:
            count = write_csv(out, READING_COLUMNS, rows)
        print(f"{count} readings written to {args.out}", file=sys.stderr)
    else:
        write_csv(sys.stdout, READING_COLUMNS, rows)
    return 0


def cmd_log(args: argparse.Namespace) -> int:
    start = end = None
    if args.from_ or args.to:
        try:
            start = parse_user_time(args.from_) if args.from_ else None
            end = parse_user_time(args.to, end=True) if args.to else None
        except ValueError as exc:
            raise UsageError(f"Bad date: {exc}.", f"Ungültiges Datum: {exc}.") from None
    levels = {lv.strip() for lv in args.level.split(",")} if args.level else None
    with open_client(args) as client:
        # --to is inclusive for users; the gateway's totime is exclusive: ask one second more.
        entries = client.log(start, end.replace(microsecond=0) + _ONE_S if end else None)
    entries = [e for e in entries
               if (levels is None or e.level in levels or e.level_name in levels)
               and (not args.grep or args.grep.lower() in e.message.lower())]
    if args.json:
        emit_json(log_json(entries))
        return 0
    if args.out:
        with open(args.out, "w", encoding="utf-8", newline="") as out:
            write_csv(out, LOG_COLUMNS, log_rows(entries))
        print(f"{len(entries)} entries written to {args.out}", file=sys.stderr)
        return 0
    for e in entries:
        level = SYSLOG_LEVELS.get(int(e.level), e.level) if e.level.isdigit() else e.level
        print(f"{e.index:>7}  {format_local(e.time)}  {e.level}/{level:<13} {e.event_key:<16} "
              f"{e.message}")
    print(f"{len(entries)} entries", file=sys.stderr)
    return 0


def cmd_self_test(args: argparse.Namespace) -> int:
    with open_client(args) as client:
        try:
            client.self_test()
        except SelfTestLocked as exc:
            if args.json:
                emit_json({"started": False, "remaining-s": exc.remaining_s})
            raise
    if args.json:
        emit_json({"started": True, "time": format_utc(datetime.now(timezone.utc))})
    else:
        print("Self-test started. Its result appears in the logbook (trudi-py log).")
        print("The gateway also tests itself at start-up and every 24 hours (firmware v3.87; "
              "every 4 hours on older firmware).")
    return 0


def add_parsers(sub: argparse._SubParsersAction, common: list[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("info", parents=common, help="gateway information, state word decoded")
    p.set_defaults(func=cmd_info)
    p = sub.add_parser("contracts", parents=common,
                       help="the consumer's usage points with their channels")
    p.set_defaults(func=cmd_contracts)
    p = sub.add_parser("readings", parents=common, help="readings of one usage point (CSV)")
    p.add_argument("usage_point", help="usage-point id (or its name, e.g. taf7)")
    p.add_argument("--database", default="origin", help="origin|derived|calculated|daily")
    p.add_argument("--from", dest="from_", help="first target time, inclusive (ISO 8601; a "
                                                "date alone = local midnight)")
    p.add_argument("--to", help="last target time, inclusive (a date alone = the whole day)")
    p.add_argument("--last", action="store_true", help="only the newest value per channel")
    p.add_argument("--out", type=Path, help="write the CSV to FILE instead of stdout")
    p.set_defaults(func=cmd_readings)
    p = sub.add_parser("log", parents=common, help="the consumer logbook")
    p.add_argument("--from", dest="from_", help="first entry time, inclusive")
    p.add_argument("--to", help="last entry time, inclusive")
    p.add_argument("--level", help="only these levels (numbers or names, comma-separated)")
    p.add_argument("--grep", help="only entries whose message contains TEXT")
    p.add_argument("--out", type=Path, help="write the logbook as CSV to FILE")
    p.set_defaults(func=cmd_log)
    p = sub.add_parser("self-test", parents=common, help="start a gateway self-test")
    p.set_defaults(func=cmd_self_test)
