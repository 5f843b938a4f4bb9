"""CLI command ``sync`` (the local history) and ``archive --from-history``.

``sync`` exits 0 when everything planned was fetched, 6 when a window or the logbook failed
(kept as an open gap, fetched next time), 10 when it is too soon, backing off or another
sync holds the store (the message says when to try again; a timer simply runs it again
later).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from trudi_py.cli.archive_commands import ProgressBar, archive_target
from trudi_py.cli.connect import _interactive, confirm_fingerprint, settings_from_args
from trudi_py.cli.output import emit_json
from trudi_py.errors import UnknownCertificate, UsageError
from trudi_py.i18n import msg


def add_parsers(sub: Any, common_parents: list[argparse.ArgumentParser]) -> None:
    """Add ``sync`` and ``export`` to the CLI."""
    p = sub.add_parser("sync", parents=common_parents,
                       help="fetch what is new into the local history",
                       description="Fetch everything new since the last sync (readings of "
                                   "every usage point and database, logbook, gateway info, "
                                   "certificates) into the local history store (SQLite, one "
                                   "file per gateway in the user data folder).")
    p.add_argument("--force", action="store_true",
                   help="sync even within 15 minutes of the last sync or during a back-off")
    p.add_argument("--store", type=Path, help="the history file (default: "
                   "<data folder>/history/smgw-<ID>.sqlite)")
    p.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                   help="wait this long for another running sync instead of refusing at once")
    p.add_argument("--save-password", action="store_true",
                   help="ask for the password (Digest, or of the --p12 file) once and keep it "
                        "in the OS keyring for unattended runs (timer, scheduled task); "
                        "never in a file")
    p.set_defaults(func=cmd_sync)


    p = sub.add_parser("export", parents=common_parents,
                       help="readings or the logbook of a period from the local history "
                            "(CSV, or the Excel copy), offline",
                       description="Export from the history store (trudi-py sync), no gateway "
                                   "needed: the readings of one usage point and database, or "
                                   "the logbook, for a period, in the archive's CSV columns.")
    p.add_argument("--store", type=Path, help="the history file (default: the store of --url, "
                   "or the only one in the data folder)")
    p.add_argument("--usage-point", help="usage point id or name (not with --logbook)")
    p.add_argument("--database", default="origin", help="origin|derived|calculated|daily")
    p.add_argument("--logbook", action="store_true", help="export the logbook instead")
    p.add_argument("--from", dest="from_", help="first time, inclusive (a date alone = the "
                   "local day)")
    p.add_argument("--to", help="last time, inclusive (a date alone = the whole local day)")
    p.add_argument("--excel", action="store_true",
                   help="Excel copy: semicolons, decimal comma, local-time columns, BOM")
    p.add_argument("--out", type=Path, required=True, help="the file to write")
    p.set_defaults(func=cmd_export)


def _keyring_user(args: argparse.Namespace) -> str | None:
    """The keyring account name: the Digest user, or ``p12:<absolute path>``."""
    if args.user:
        return str(args.user)
    return f"p12:{Path(args.p12).resolve()}" if args.p12 else None


@contextmanager
def _password_from_keyring(args: argparse.Namespace) -> Iterator[None]:
    """Unattended runs: without TRUDI_PASSWORD / TRUDI_P12_PASSWORD in the environment,
    take the password saved in the OS keyring (for the duration of building the settings)."""
    from trudi_py.m2m import secrets_store
    env = "TRUDI_PASSWORD" if args.user else "TRUDI_P12_PASSWORD"
    user = _keyring_user(args)
    secret = None
    if args.url and user and env not in os.environ:
        secret = secrets_store.load(args.url, user)
    if secret is None:
        yield
        return
    os.environ[env] = secret
    try:
        yield
    finally:
        os.environ.pop(env, None)


def cmd_sync(args: argparse.Namespace) -> int:
    """``trudi-py sync``: fetch what is new into the history store (exit 0, 6 or 10)."""
    from trudi_py.jobs.sync import sync
    from trudi_py.m2m import PinStore

    if args.wait < 0:
        raise UsageError(msg("--wait must not be negative."))
    if args.save_password:
        from trudi_py.m2m import secrets_store
        settings = settings_from_args(args)  # asks on the terminal
        user = _keyring_user(args)
        assert user is not None
        secrets_store.save(settings.base_url, user,
                           (settings.password if args.user else settings.p12_password) or "")
        print("password saved in the OS keyring for unattended syncs", file=sys.stderr)
    with _password_from_keyring(args):
        settings = settings_from_args(args)
    pins = PinStore()
    bar = ProgressBar(sys.stderr.isatty() and not args.json)
    for attempt in range(2):
        try:
            result = sync(settings, store=args.store, force=args.force, pin_store=pins,
                          progress=bar, wait_s=args.wait)
            break
        except UnknownCertificate as exc:
            if attempt or not _interactive() or not confirm_fingerprint(exc):
                raise
            pins.set(settings.base_url, exc.fingerprint, exc.subject)
    if args.json:
        emit_json(result.to_json())
    else:
        print(f"{result.store}: {result.status}, {result.requests} requests (minimum "
              f"{result.minimum}), {result.new_values} new values, {result.new_log_entries} "
              f"new log entries, {result.conflicts} conflicts, {result.elapsed_s:.1f} s")
        for what in result.new_versions:
            print(f"new version: {what}")
    for failed in result.failed:
        print(f"not fetched (retried next sync): {failed}", file=sys.stderr)
    return 0 if result.status == "ok" else 6


def cmd_export(args: argparse.Namespace) -> int:
    """``trudi-py export``: a period of readings or the logbook from the store."""
    from trudi_py.jobs.history_export import ExportRequest, export_period
    from trudi_py.model.times import parse_user_time

    try:
        start = parse_user_time(args.from_) if args.from_ else None
        end = parse_user_time(args.to, end=True) if args.to else None
    except ValueError as exc:
        raise UsageError(msg("Bad date: {exc}.", exc=exc)) from None
    args.from_history = str(args.store) if args.store else "auto"
    n = export_period(ExportRequest(find_store(args), args.out, args.usage_point,
                                    args.database, args.logbook, start, end, args.excel))
    print(f"{n} rows written to {args.out}", file=sys.stderr)
    return 0


def find_store(args: argparse.Namespace) -> Path:
    """The store for ``archive --from-history [FILE]``: the file, the gateway of --url, or the
    only store in the data folder."""
    from trudi_py.history import store_path
    from trudi_py.history.polite import known_store

    if args.from_history != "auto":
        return Path(args.from_history)
    if args.url:
        from trudi_py.m2m import normalise_url
        found = known_store(normalise_url(args.url))
        if found is not None:
            return found
    stores = sorted(store_path("x").parent.glob("smgw-*.sqlite"))
    if len(stores) != 1:
        raise UsageError(
            msg("No history store found: give the file: --from-history FILE.") if not stores
            else msg("More than one history store found: give the file: --from-history FILE."))
    return stores[0]


def cmd_archive_from_history(args: argparse.Namespace) -> int:
    """``trudi-py archive --from-history``: the archive of the whole history."""
    from trudi_py.jobs.history_archive import archive_from_history

    path = find_store(args)
    if not path.is_file():
        raise UsageError(msg("{path} does not exist.", path=path))
    result = archive_from_history(path, archive_target(str(args.out)), excel=not args.no_excel,
                                  report=not args.no_report)
    if args.json:
        emit_json(result.to_dict())
    else:
        state = "complete" if result.complete else "INCOMPLETE"
        print(f"{result.path}: {state} (from the history {path.name}), "
              f"{result.counts['requests']} stored answers, "
              f"{sum(sum(v.values()) for v in result.counts['readings'].values())} readings, "
              f"{result.counts['log-entries']} log entries")
    for m in result.missing:
        print(f"missing: {m['what']} {m.get('usage-point-id') or ''} {m.get('database') or ''} "
              f"{m.get('from') or ''}..{m.get('to') or ''}: {m['reason']}", file=sys.stderr)
    return 0 if result.complete else 6
