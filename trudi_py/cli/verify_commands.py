"""``trudi-py verify``: the transparency function on AR 2418-6 files, or an archive check."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from trudi_py.errors import UsageError
from trudi_py.i18n import msg, system_language
from trudi_py.verify import evaluate_transparency, render_text
from trudi_py.verify.inputfile import read_input_file


def _read(path: Path, what: str) -> bytes:
    return read_input_file(path, what)  # bounded, regular files only (SECURITY.md)


def cmd_verify(args: argparse.Namespace) -> int:
    """``trudi-py verify``: check an archive offline, or recompute registers from AR 2418-6
    files."""
    args.lang = args.lang or system_language()
    if args.archive is not None:
        if args.device or args.supplier:
            raise UsageError(msg("Give either an archive or --device/--supplier, not both."))
        from trudi_py.cli.archive_verify import verify_archive_command
        return verify_archive_command(args)
    if not (args.device and args.supplier):
        raise UsageError(msg("verify needs an archive FILE.zip, or both --device and --supplier."))
    result = evaluate_transparency(_read(args.device, "device"),
                                   _read(args.supplier, "supplier"))
    if args.json:
        sys.stdout.write(result.to_json() + "\n")
    else:
        sys.stdout.write(render_text(result, args.lang) + "\n")
    for finding in result.warnings:
        print(finding.text(args.lang), file=sys.stderr)
    if result.refusal is not None:
        print(msg("rule {rule}: {reason}", rule=result.refusal.rule,
                  reason=result.refusal).text(args.lang), file=sys.stderr)
    return result.exit_code


def add_parsers(sub: argparse._SubParsersAction, common: list[argparse.ArgumentParser]) -> None:
    """Register ``verify`` and its options on the sub-command parser."""
    p = sub.add_parser("verify", help="check an archive offline, or recompute the billing "
                                      "registers from AR 2418-6 files (transparency function)")
    p.add_argument("archive", nargs="?", type=Path, metavar="FILE.zip",
                   help="an archive written by 'trudi-py archive'")
    p.add_argument("--device", type=Path, metavar="FILE",
                   help="AR 2418-6 file with the gateway's readings "
                        "(e.g. a TRuDI export)")
    p.add_argument("--supplier", type=Path, metavar="FILE",
                   help="the supplier's tariff file (AnalysisProfile)")
    p.add_argument("--json", action="store_true", help="one JSON document on stdout")
    p.add_argument("--strict", action="store_true",
                   help="archive: a check that was not possible (e.g. no tariff profile, a "
                        "missing register value) makes the exit code 8")
    p.add_argument("--html", type=Path, default=None, metavar="FILE",
                   help="archive: also write the verdicts (right / wrong / not checkable, "
                        "with reasons) as an HTML page to this file")
    p.add_argument("--lang", default=None, choices=["en", "de"],
                   help="language of the report (default: from the locale, like every "
                        "message of this run)")
    p.set_defaults(func=cmd_verify)
