"""CLI commands that talk to a gateway: info, contracts, readings, log, self-test."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TextIO

from trudi_py.archive.csvformat import (
    LOG_COLUMNS,
    READING_COLUMNS,
    log_rows,
    reading_rows,
    write_csv,
)
from trudi_py.archive.zipio import storage_error
from trudi_py.cli import vendor_output
from trudi_py.cli.output import emit_json, info_json, log_json, readings_json, usage_point_json
from trudi_py.cli.session import open_session
from trudi_py.errors import SelfTestLocked, UsageError
from trudi_py.gateway import ConexaGateway
from trudi_py.i18n import msg, run_text
from trudi_py.m2m.pinning import fingerprint
from trudi_py.model import parse_user_info
from trudi_py.model.certificate import read_certificate
from trudi_py.model.contracts import DATABASES
from trudi_py.model.gateway import self_test_interval_h
from trudi_py.model.logbook import SYSLOG_LEVELS
from trudi_py.model.times import format_local, format_utc, parse_user_time

_ONE_S = timedelta(seconds=1)


def cmd_info(args: argparse.Namespace) -> int:
    """``trudi-py info``: the gateway's identity, firmware, clock and decoded state word."""
    with open_session(args) as gateway:
        ident = gateway.identity()
    tls = fingerprint(ident.tls_der)
    if ident.conexa is None:
        return vendor_output.print_identity(ident, tls, json_out=args.json)
    info = ident.conexa
    if args.json:
        emit_json({**info_json(info, tls, ident.user), "vendor": ident.vendor})
        return 0
    drift = (info.time - datetime.now(UTC)).total_seconds()
    flags = ', '.join(info.state_flags) or run_text("no flags")
    wan = ', '.join(w.cert_index for w in info.wan) or run_text("none")
    print(f"Gateway:          {info.display_id}")
    print(f"Firmware:         {info.firmware.component} {info.firmware.version}")
    print(run_text("Firmware hash:    ") + info.firmware.hash)
    print(run_text("Self-test:        ")
          + self_test_line(info.firmware.version))
    print(run_text("State word:       ") + f"{info.state} ({flags})")
    if "system-time-invalid" in info.state_flags:
        print(run_text("                  the gateway's clock is invalid: it may be in Secure "
                       "State Measurement (readings meanwhile are marked; inform your meter "
                       "operator)"))
    print(run_text("Gateway time:     ") + f"{format_local(info.time)} "
          + run_text("(Europe/Berlin), drift {drift:+.0f} s against this PC", drift=drift))
    print(run_text("Userid:           ") + str(ident.user))
    print(f"TLS SHA-256:      {tls}")
    for line in han_certificate_lines(info.han_tls_pem, tls):
        print(line)
    print(run_text("WAN certificates: ") + wan)
    return 0


def self_test_line(version: str) -> str:
    """When the gateway tests itself, for its firmware (v3.87: every 24 h, older: 4 h)."""
    hours = self_test_interval_h(version)
    if hours is None:
        return run_text("automatic at start-up and periodically (every 24 hours from firmware "
                        "v3.87, every 4 hours before)")
    return run_text("automatic at start-up and every {hours} hours (firmware {version})",
                    hours=hours, version=version)


def han_certificate_lines(pem: str, tls_sha256: str) -> list[str]:
    """The HAN certificate smgw-info reports: subject, serial, validity, key, and whether it
    is the one this connection was pinned to (read also when ``cryptography`` refuses it)."""
    facts = read_certificate(pem)
    if facts is None:
        return [run_text("HAN certificate:  not reported or not readable")]
    same = run_text("the one this connection uses") \
        if facts.sha256 == tls_sha256 else run_text("DIFFERS from the one this connection uses")
    begin = format_local(facts.not_before) if facts.not_before else "?"
    end = format_local(facts.not_after) if facts.not_after else "?"
    return [run_text("HAN certificate:  ") + facts.subject,
            run_text("  serial {serial} ({serial_hex}), {key_type}",
                     serial=facts.serial, serial_hex=facts.serial_hex, key_type=facts.key_type),
            run_text("  valid {begin} to {end} (Europe/Berlin)", begin=begin, end=end),
            f"  SHA-256 {facts.sha256} — {same}"]


def cmd_contracts(args: argparse.Namespace) -> int:
    """``trudi-py contracts``: the usage points with their channels."""
    with open_session(args) as gateway:
        if not isinstance(gateway, ConexaGateway):  # the PPC: only through the contract
            return vendor_output.print_contracts(gateway.contracts(), json_out=args.json)
        client = gateway.client  # the JSON keeps the user-info entries as sent
        answer = client.call({"method": "user-info"})
        points = parse_user_info(answer)
        raws = answer["user-info"]["usage-points"]
        details = {p.usage_point_id: client.usage_point_info(p.usage_point_id)
                   for p in points}
    if args.json:
        emit_json({"usage-points": [usage_point_json(raw, p, details[p.usage_point_id])
                                    for raw, p in zip(raws, points, strict=True)]})
        return 0
    for p in points:
        end = format_local(p.end) if p.end else run_text("open")
        start = format_local(p.start) if p.start else "?"
        print(f"{p.usage_point_id}  TAF-{p.taf} '{p.name}' {p.state}, {start} – {end}")
        print(run_text("    meters: ") + f"{', '.join(p.meters) or '-'}  "
              + run_text("metering point: ") + f"{p.metering_point_id or '-'}  "
              + run_text("delivery: ") + f"{p.delivery_id or '-'}")
        for db in details[p.usage_point_id].databases:
            chans = ", ".join(c.label for c in db.channels)
            print(f"    {db.name}: {chans}")
        if p.billing_periods:
            print(run_text("    billing periods: ")
                  + str(len(p.billing_periods)))
    return 0


def _user_time(option: str, value: str | None, *, end: bool = False) -> datetime | None:
    if not value:
        return None
    try:
        return parse_user_time(value, end=end)
    except ValueError:
        raise UsageError(msg("Bad date for {option}: {value!r}. Use YYYY-MM-DD (a whole local "
                             "day) or YYYY-MM-DDTHH:MM[:SS] with an optional zone (Z, +01:00).",
                             option=option, value=value)) from None


def user_range(args: argparse.Namespace) -> tuple[datetime | None, datetime | None]:
    """``--from``/``--to`` parsed and checked before any connection (None where not given)."""
    start = _user_time("--from", args.from_)
    end = _user_time("--to", args.to, end=True)
    if start is not None and end is not None and end < start:
        raise UsageError(msg("--to ({to}) lies before --from ({from_}).",
                             to=args.to, from_=args.from_))
    return start, end


def _range(start: datetime | None, end: datetime | None, default_start: datetime | None,
           default_end: datetime) -> tuple[datetime, datetime]:
    start = start if start is not None else default_start
    end = end if end is not None else default_end
    if start is None:
        raise UsageError(msg("The contract has no start time: give --from."))
    if end < start:
        raise UsageError(msg("The range {start} – {end} is empty (--from/--to "
                             "against the contract's own start and end).",
                             start=format_local(start), end=format_local(end)))
    return start, end


def parse_levels(text: str | None) -> set[str] | None:
    """``--level``: syslog numbers 0–7 or names (emergency … debug), comma-separated."""
    if not text:
        return None
    names = {name: str(number) for number, name in SYSLOG_LEVELS.items()}
    levels: set[str] = set()
    for item in (part.strip().lower() for part in text.split(",")):
        if item in names:
            levels.update((item, names[item]))
        elif item.isdigit() and int(item) in SYSLOG_LEVELS:
            levels.update((item, SYSLOG_LEVELS[int(item)]))
        else:
            raise UsageError(msg("Unknown --level {item!r}: use 0–7 or {join}.",
                                 item=item, join=', '.join(SYSLOG_LEVELS.values())))
    return levels


def _open_out(path: Path) -> TextIO:
    try:
        return open(path, "w", encoding="utf-8", newline="")
    except OSError as exc:
        raise storage_error(exc, path) from None


def cmd_readings(args: argparse.Namespace) -> int:
    """``trudi-py readings``: a contract's readings of a range as CSV (stdout, --out) or JSON."""
    if args.database not in DATABASES:
        raise UsageError(msg("Unknown database {database!r}: use one of {join}.",
                             database=args.database, join=', '.join(DATABASES)))
    given_start, given_end = user_range(args)
    with open_session(args) as gateway:
        contracts = {c.contract_id: c for c in gateway.contracts()}
        contract = contracts.get(args.usage_point) or next(
            (c for c in contracts.values() if c.point.name == args.usage_point), None)
        if contract is None:
            raise UsageError(msg("Unknown usage point {usage_point!r}; known: {known}.",
                                 usage_point=args.usage_point,
                                 known=', '.join(contracts) or msg("none")))
        point = contract.point
        db = contract.detail.database(args.database) if contract.detail else None
        meta = {c.obis: c for c in db.channels} if db else {}
        if args.last and isinstance(gateway, ConexaGateway):
            channels = list(gateway.client.last_reading(point.usage_point_id,
                                                        args.database).channels)
        elif args.last:
            channels = gateway.current_values()
        else:
            now = datetime.now(UTC)
            default_end = min(point.end, now) if point.end else now
            default_start = point.start or (point.billing_periods[0].start
                                            if point.billing_periods else None)
            start, end = _range(given_start, given_end, default_start, default_end)
            channels = gateway.readings(contract, start, end, database=args.database)
    if args.json:
        emit_json(readings_json(point.usage_point_id, args.database, channels, meta))
        return 0
    rows = reading_rows(channels, meta)
    if args.out:
        with _open_out(args.out) as out:
            count = write_csv(out, READING_COLUMNS, rows)
        print(run_text("{count} readings written to {out}", count=count, out=args.out),
              file=sys.stderr)
    else:
        write_csv(sys.stdout, READING_COLUMNS, rows)
    return 0


def cmd_log(args: argparse.Namespace) -> int:
    """``trudi-py log``: the logbook of a range, optionally filtered by level."""
    start, end = user_range(args)
    levels = parse_levels(args.level)
    with open_session(args) as gateway:
        # --to is inclusive for users; the contract's end is exclusive: ask one second more.
        entries = gateway.logbook(start, end.replace(microsecond=0) + _ONE_S if end else None)
    entries = [e for e in entries
               if (levels is None or e.level.lower() in levels or e.level_name in levels)
               and (not args.grep or args.grep.lower() in e.message.lower())]
    if args.json:
        emit_json(log_json(entries))
        return 0
    if args.out:
        with _open_out(args.out) as out:
            write_csv(out, LOG_COLUMNS, log_rows(entries))
        print(run_text("{n_entries} entries written to {out}",
                       n_entries=len(entries), out=args.out), file=sys.stderr)
        return 0
    for e in entries:
        level = SYSLOG_LEVELS.get(int(e.level), e.level) if e.level.isdigit() else e.level
        print(f"{e.index:>7}  {format_local(e.time)}  {e.level}/{level:<13} {e.event_key:<16} "
              f"{e.message}")
    print(run_text("{n_entries} entries", n_entries=len(entries)), file=sys.stderr)
    return 0


def cmd_self_test(args: argparse.Namespace) -> int:
    """``trudi-py self-test``: start a self-test; a running lock says how long it lasts."""
    with open_session(args) as gateway:
        try:
            gateway.self_test()
        except SelfTestLocked as exc:
            if args.json:
                emit_json({"started": False, "remaining-s": exc.remaining_s})
            raise
    if args.json:
        emit_json({"started": True, "time": format_utc(datetime.now(UTC)),
                   "vendor": gateway.vendor})
    elif gateway.vendor == "ppc":
        print(run_text("Self-test started. The PPC gateway restarts for it: the portal is away "
                       "for a while and the session has ended."))
    else:
        print(run_text("Self-test started. Its result appears in the logbook (trudi-py log)."))
        print(run_text("The gateway also tests itself at start-up and every 24 hours (firmware "
                       "v3.87; every 4 hours on older firmware)."))
    return 0


def add_parsers(sub: argparse._SubParsersAction, common: list[argparse.ArgumentParser]) -> None:
    """Register the commands that talk to a gateway on the sub-command parser."""
    p = sub.add_parser("info", parents=common, help="gateway information, state word decoded")
    p.set_defaults(func=cmd_info)
    p = sub.add_parser("contracts", parents=common,
                       help="the consumer's usage points with their channels")
    p.set_defaults(func=cmd_contracts)
    p = sub.add_parser("readings", parents=common, help="readings of one usage point (CSV)")
    p.add_argument("usage_point", help="usage-point id (or its name, e.g. taf7)")
    p.add_argument("--database", default="origin", metavar="NAME",
                   help="origin|derived|calculated|daily")
    p.add_argument("--from", dest="from_", metavar="DATE",
                   help="first target time, inclusive (ISO 8601; a "
                        "date alone = local midnight)")
    p.add_argument("--to", metavar="DATE",
                   help="last target time, inclusive (a date alone = the whole day)")
    p.add_argument("--last", action="store_true", help="only the newest value per channel")
    p.add_argument("--out", type=Path, metavar="FILE",
                   help="write the CSV to FILE instead of stdout")
    p.set_defaults(func=cmd_readings)
    p = sub.add_parser("log", parents=common, help="the consumer logbook")
    p.add_argument("--from", dest="from_", metavar="DATE", help="first entry time, inclusive")
    p.add_argument("--to", metavar="DATE", help="last entry time, inclusive")
    p.add_argument("--level", metavar="LIST",
                   help="only these levels (numbers or names, comma-separated)")
    p.add_argument("--grep", metavar="TEXT", help="only entries whose message contains TEXT")
    p.add_argument("--out", type=Path, metavar="FILE", help="write the logbook as CSV to FILE")
    p.set_defaults(func=cmd_log)
    p = sub.add_parser("self-test", parents=common, help="start a gateway self-test")
    p.set_defaults(func=cmd_self_test)
