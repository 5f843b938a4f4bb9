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
from trudi_py.i18n import pick
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
    flags = ', '.join(info.state_flags) or pick('no flags', 'keine Flags')
    wan = ', '.join(w.cert_index for w in info.wan) or pick('none', 'keine')
    print(f"Gateway:          {info.display_id}")
    print(f"Firmware:         {info.firmware.component} {info.firmware.version}")
    print(pick("Firmware hash:    ", "Firmware-Hash:    ") + info.firmware.hash)
    print(pick("Self-test:        ", "Selbsttest:       ")
          + self_test_line(info.firmware.version))
    print(pick("State word:       ", "Statuswort:       ") + f"{info.state} ({flags})")
    if "system-time-invalid" in info.state_flags:
        print(pick("                  the gateway's clock is invalid: it may be in Secure "
                   "State Measurement (readings meanwhile are marked; inform your meter "
                   "operator)",
                   "                  die Uhr des Gateways ist ungültig: es ist vielleicht "
                   "im Zustand Secure State Measurement (Messwerte dieser Zeit werden "
                   "markiert; informieren Sie Ihren Messstellenbetreiber)"))
    print(pick("Gateway time:     ", "Gateway-Zeit:     ") + f"{format_local(info.time)} "
          + pick(f"(Europe/Berlin), drift {drift:+.0f} s against this PC",
                 f"(Europe/Berlin), Abweichung {drift:+.0f} s zu diesem PC"))
    print(pick("Userid:           ", "Kennung:          ") + str(ident.user))
    print(f"TLS SHA-256:      {tls}")
    for line in han_certificate_lines(info.han_tls_pem, tls):
        print(line)
    print(pick("WAN certificates: ", "WAN-Zertifikate:  ") + wan)
    return 0


def self_test_line(version: str) -> str:
    """When the gateway tests itself, for its firmware (v3.87: every 24 h, older: 4 h)."""
    hours = self_test_interval_h(version)
    if hours is None:
        return pick("automatic at start-up and periodically (every 24 hours from firmware "
                    "v3.87, every 4 hours before)",
                    "automatisch beim Start und regelmäßig (ab Firmware v3.87 alle 24 "
                    "Stunden, davor alle 4 Stunden)")
    return pick(f"automatic at start-up and every {hours} hours (firmware {version})",
                f"automatisch beim Start und alle {hours} Stunden (Firmware {version})")


def han_certificate_lines(pem: str, tls_sha256: str) -> list[str]:
    """The HAN certificate smgw-info reports: subject, serial, validity, key, and whether it
    is the one this connection was pinned to (read also when ``cryptography`` refuses it)."""
    facts = read_certificate(pem)
    if facts is None:
        return [pick("HAN certificate:  not reported or not readable",
                     "HAN-Zertifikat:   nicht gemeldet oder nicht lesbar")]
    same = pick("the one this connection uses", "das dieser Verbindung") \
        if facts.sha256 == tls_sha256 else pick("DIFFERS from the one this connection uses",
                                                "WEICHT von dem dieser Verbindung AB")
    begin = format_local(facts.not_before) if facts.not_before else "?"
    end = format_local(facts.not_after) if facts.not_after else "?"
    return [pick("HAN certificate:  ", "HAN-Zertifikat:   ") + facts.subject,
            pick(f"  serial {facts.serial} ({facts.serial_hex}), {facts.key_type}",
                 f"  Seriennummer {facts.serial} ({facts.serial_hex}), {facts.key_type}"),
            pick(f"  valid {begin} to {end} (Europe/Berlin)",
                 f"  gültig {begin} bis {end} (Europe/Berlin)"),
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
        end = format_local(p.end) if p.end else pick("open", "offen")
        start = format_local(p.start) if p.start else "?"
        print(f"{p.usage_point_id}  TAF-{p.taf} '{p.name}' {p.state}, {start} – {end}")
        print(pick("    meters: ", "    Zähler: ") + f"{', '.join(p.meters) or '-'}  "
              + pick("metering point: ", "Messlokation: ") + f"{p.metering_point_id or '-'}  "
              + pick("delivery: ", "Lieferstelle: ") + f"{p.delivery_id or '-'}")
        for db in details[p.usage_point_id].databases:
            chans = ", ".join(c.label for c in db.channels)
            print(f"    {db.name}: {chans}")
        if p.billing_periods:
            print(pick("    billing periods: ", "    Abrechnungszeiträume: ")
                  + str(len(p.billing_periods)))
    return 0


def _user_time(option: str, value: str | None, *, end: bool = False) -> datetime | None:
    if not value:
        return None
    try:
        return parse_user_time(value, end=end)
    except ValueError:
        raise UsageError(f"Bad date for {option}: {value!r}. Use YYYY-MM-DD (a whole local "
                         f"day) or YYYY-MM-DDTHH:MM[:SS] with an optional zone (Z, +01:00).",
                         f"Ungültiges Datum für {option}: {value!r}. YYYY-MM-DD (ein ganzer "
                         f"Tag, Ortszeit) oder YYYY-MM-DDTHH:MM[:SS] mit optionaler Zone (Z, "
                         f"+01:00) angeben.") from None


def user_range(args: argparse.Namespace) -> tuple[datetime | None, datetime | None]:
    """``--from``/``--to`` parsed and checked before any connection (None where not given)."""
    start = _user_time("--from", args.from_)
    end = _user_time("--to", args.to, end=True)
    if start is not None and end is not None and end < start:
        raise UsageError(f"--to ({args.to}) lies before --from ({args.from_}).",
                         f"--to ({args.to}) liegt vor --from ({args.from_}).")
    return start, end


def _range(start: datetime | None, end: datetime | None, default_start: datetime | None,
           default_end: datetime) -> tuple[datetime, datetime]:
    start = start if start is not None else default_start
    end = end if end is not None else default_end
    if start is None:
        raise UsageError("The contract has no start time: give --from.",
                         "Der Vertrag hat keinen Beginn: --from angeben.")
    if end < start:
        raise UsageError(f"The range {format_local(start)} – {format_local(end)} is empty "
                         f"(--from/--to against the contract's own start and end).",
                         f"Der Zeitraum {format_local(start)} – {format_local(end)} ist leer "
                         f"(--from/--to gegen Beginn und Ende des Vertrags).")
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
            raise UsageError(f"Unknown --level {item!r}: use 0–7 or "
                             f"{', '.join(SYSLOG_LEVELS.values())}.",
                             f"Unbekannter --level {item!r}: 0–7 oder "
                             f"{', '.join(SYSLOG_LEVELS.values())} angeben.")
    return levels


def _open_out(path: Path) -> TextIO:
    try:
        return open(path, "w", encoding="utf-8", newline="")
    except OSError as exc:
        raise storage_error(exc, path) from None


def cmd_readings(args: argparse.Namespace) -> int:
    """``trudi-py readings``: a contract's readings of a range as CSV (stdout, --out) or JSON."""
    if args.database not in DATABASES:
        raise UsageError(f"Unknown database {args.database!r}: use one of "
                         f"{', '.join(DATABASES)}.",
                         f"Unbekannte Datenbank {args.database!r}: eine von "
                         f"{', '.join(DATABASES)} angeben.")
    given_start, given_end = user_range(args)
    with open_session(args) as gateway:
        contracts = {c.contract_id: c for c in gateway.contracts()}
        contract = contracts.get(args.usage_point) or next(
            (c for c in contracts.values() if c.point.name == args.usage_point), None)
        if contract is None:
            raise UsageError(f"Unknown usage point {args.usage_point!r}; known: "
                             f"{', '.join(contracts) or 'none'}.",
                             f"Unbekannter Vertrag {args.usage_point!r}; bekannt: "
                             f"{', '.join(contracts) or 'keiner'}.")
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
        print(pick(f"{count} readings written to {args.out}",
                   f"{count} Messwerte in {args.out} geschrieben"), file=sys.stderr)
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
        print(pick(f"{len(entries)} entries written to {args.out}",
                   f"{len(entries)} Einträge in {args.out} geschrieben"), file=sys.stderr)
        return 0
    for e in entries:
        level = SYSLOG_LEVELS.get(int(e.level), e.level) if e.level.isdigit() else e.level
        print(f"{e.index:>7}  {format_local(e.time)}  {e.level}/{level:<13} {e.event_key:<16} "
              f"{e.message}")
    print(pick(f"{len(entries)} entries", f"{len(entries)} Einträge"), file=sys.stderr)
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
        print(pick("Self-test started. The PPC gateway restarts for it: the portal is away "
                   "for a while and the session has ended.",
                   "Selbsttest gestartet. Das PPC-Gateway startet dafür neu: das Portal ist "
                   "eine Weile nicht erreichbar, die Sitzung ist beendet."))
    else:
        print(pick("Self-test started. Its result appears in the logbook (trudi-py log).",
                   "Selbsttest gestartet. Sein Ergebnis erscheint im Logbuch (trudi-py log)."))
        print(pick("The gateway also tests itself at start-up and every 24 hours (firmware "
                   "v3.87; every 4 hours on older firmware).",
                   "Das Gateway prüft sich außerdem beim Start und alle 24 Stunden selbst "
                   "(Firmware v3.87; ältere Firmware alle 4 Stunden)."))
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
