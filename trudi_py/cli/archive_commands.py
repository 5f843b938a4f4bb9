"""CLI commands ``archive`` (the decommissioning archive) and ``verify FILE.zip`` (integrity).

``archive`` exits 0 when the archive is complete and 6 when it was finished with
``complete: false`` (a window the gateway would not deliver, named on stderr). ``verify``
exits 0 when everything checks out and 7 otherwise (cli.md).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any

from trudi_py.cli.connect import _interactive, confirm_fingerprint, settings_from_args
from trudi_py.cli.output import emit_json
from trudi_py.errors import UnknownCertificate, UsageError
from trudi_py.i18n import msg, run_text
from trudi_py.jobs.base import CancelToken, Progress


def add_parsers(sub: Any, common_parents: list[argparse.ArgumentParser]) -> None:
    """Register ``archive`` (and its options) on the sub-command parser."""
    p = sub.add_parser("archive", parents=common_parents,
                       help="the full decommissioning archive (docs/archive-format.md)",
                       description="Fetch all readings and the logbook into one ZIP file.")
    p.add_argument("--out", default=".", metavar="FILE|DIR",
                   help="the archive file, or an existing folder for the default name "
                        "smgw-<ID>-<YYYYMMDD>.zip (default: the current folder)")
    p.add_argument("--resume", action="store_true",
                   help="continue an interrupted archive (NAME.zip.part)")
    p.add_argument("--no-excel", action="store_true", help="leave out the excel/ copies")
    p.add_argument("--no-report", action="store_true", help="leave out report.html")
    p.add_argument("--from-history", nargs="?", const="auto", metavar="STORE",
                   help="write the archive of the whole local history (trudi-py sync) "
                        "instead of fetching: the store of --url, or the given file")
    p.add_argument("--also-user", action="append", default=[], metavar="NAME",
                   help="PPC: a further HAN user of the same gateway (e.g. the one for "
                        "feed-in, 2.8.x) archived into the same file; its password from env "
                        "TRUDI_PASSWORD_2 (_3, … for more) or a hidden prompt")
    p.set_defaults(func=cmd_archive)


def further_users(args: argparse.Namespace) -> list[tuple[str, str]]:
    """``--also-user`` names with their passwords (TRUDI_PASSWORD_2, _3, … or a prompt)."""
    from trudi_py.cli.connect import _secret
    return [(name, _secret(f"TRUDI_PASSWORD_{i}", f"Password for {name}: ", msg("password")))
            for i, name in enumerate(getattr(args, "also_user", None) or [], start=2)]


def archive_vendor_of(args: argparse.Namespace, settings: Any, store: Any) -> str | None:
    """The vendor for ``archive``: ``--vendor``, the journal of ``--resume``'s archive, or
    the gateway asked as the other commands do (certificate, else one probe per vendor)."""
    given = getattr(args, "vendor", None)
    if given not in (None, "auto"):
        return str(given)
    if args.resume:
        return None  # the interrupted archive's journal names it
    from trudi_py.cli.session import _choose
    return _choose(settings, None, store).vendor


class ProgressBar:
    """A one-line bar on stderr: requests done/planned, megabytes, ETA."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._last = 0.0

    def __call__(self, p: Progress) -> None:
        """Print one progress line (at most ten a second, always the last)."""
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.1 and p.phase not in ("done",):
            return
        self._last = now
        width = 30
        filled = int(width * p.done / p.total) if p.total else 0
        eta = f"ETA {int(p.eta_s) // 60}:{int(p.eta_s) % 60:02d}" if p.eta_s is not None \
            else "ETA –"
        line = (f"\r[{'#' * filled}{'.' * (width - filled)}] {p.done}/{p.total or '?'} "
                f"requests  {p.bytes_received / 1e6:6.1f} MB  {eta}  {p.phase:<8}")
        sys.stderr.write(line[:120])
        if p.phase == "done":
            sys.stderr.write("\n")
        sys.stderr.flush()


def archive_target(raw: str) -> Path:
    """``--out``: a file, or a folder for the default name. A path ending in a separator
    means a folder; it must exist (never a file named like the folder)."""
    path = Path(raw)
    separators = tuple(sep for sep in (os.sep, os.altsep, "/") if sep)
    if raw.endswith(separators) and not path.is_dir():
        if path.exists():
            raise UsageError(msg("--out {raw}: {path} is a file, not a folder.",
                                 raw=raw, path=path))
        raise UsageError(msg("--out {raw}: the folder {path} does not exist. Create it first, "
                             "or give a file name such as {path}.zip.", raw=raw, path=path))
    return path


def cmd_archive(args: argparse.Namespace) -> int:
    """``trudi-py archive``: fetch everything into one ZIP (or build it from the history)."""
    if getattr(args, "from_history", None) is not None:
        from trudi_py.cli.history_commands import cmd_archive_from_history
        return cmd_archive_from_history(args)
    from trudi_py.jobs.archive import archive
    from trudi_py.m2m import PinStore

    out = archive_target(args.out)
    settings = settings_from_args(args)
    store = PinStore()
    cancel = CancelToken()
    bar = ProgressBar(sys.stderr.isatty() and not args.json)
    previous = None

    def on_sigint(signum: int, frame: Any) -> None:
        if cancel.cancelled:
            raise KeyboardInterrupt
        sys.stderr.write(run_text("\nstopping after the current request (Ctrl-C again to "
                                  "abort)…\n"))
        cancel.cancel()

    import threading
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        vendor = archive_vendor_of(args, settings, store)
        users = further_users(args)
        if users and vendor not in ("ppc", None):
            raise UsageError(msg("--also-user is for a PPC gateway's further HAN users."))
        for attempt in range(2):
            try:
                result = archive(settings, out, progress=bar, cancel=cancel,
                                 resume=args.resume, pin_store=store,
                                 excel=not args.no_excel, report=not args.no_report,
                                 vendor=vendor, users=users)
                break
            except UnknownCertificate as exc:
                if attempt or not _interactive() or not confirm_fingerprint(exc):
                    raise
                store.set(settings.base_url, exc.fingerprint, exc.subject)
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    if args.json:
        emit_json(result.to_dict())
    else:
        if result.note:
            print(result.note)
        state = run_text("complete") if result.complete else \
            run_text("INCOMPLETE")
        readings = sum(sum(v.values()) for v in result.counts['readings'].values())
        requests, entries = result.counts['requests'], result.counts['log-entries']
        print(f"{result.path}: {state}, " + run_text("{requests} requests, {readings} readings, "
                                                     "{entries} log entries",
                                                     requests=requests, readings=readings,
                                                     entries=entries)
            + f", {result.elapsed_s:.1f} s")
        for gap in result.gaps:
            where = (f"{gap['usage-point-id']} {gap['database']} {gap['obis']} {gap['from']} "
                     f".. {gap['to']}")
            print(run_text("gap in the gateway's data: {where} ({missing_values} values)",
                           where=where, missing_values=gap['missing-values']), file=sys.stderr)
    for m in result.missing:
        what = (f"{m['what']} {m.get('usage-point-id') or ''} {m.get('database') or ''} "
                f"{m.get('from') or ''}..{m.get('to') or ''}: {m['reason']}")
        print(run_text("missing: {what}", what=what), file=sys.stderr)
    return 0 if result.complete else 6
